import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { describe, expect, it } from "vitest";

/** The built CLI, as a desktop client runs it. `npm test` builds it first. */
const CLI = "dist/heygen-mcp.js";
const KEY = "hg_stdio_secret_key_83c1";

async function connect(args: string[], env: Record<string, string>, mode: "legacy" | "auto") {
  const stderr: string[] = [];
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, ...args],
    env: { PATH: process.env.PATH ?? "", ...env },
    stderr: "pipe",
  });
  transport.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  const client = new Client({ name: "stdio-test", version: "1.0.0" }, { versionNegotiation: { mode } });
  await client.connect(transport);
  return { client, stderr };
}

describe.runIf(existsSync(CLI))("stdio transport, both protocol eras", () => {
  it.each([
    ["legacy", "2025-11-25"],
    ["auto", "2026-07-28"],
  ] as const)("serves %s negotiation (%s) against the sandbox", async (mode, version) => {
    const { client } = await connect(["--sandbox"], {}, mode);
    try {
      expect(client.getNegotiatedProtocolVersion()).toBe(version);
      expect(client.getServerVersion()?.name).toBe("heygen-mcp");
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain("create_video_from_avatar");
      const me = await client.callTool({ name: "get_current_user", arguments: {} });
      expect(me.isError).toBeFalsy();
      expect(me.structuredContent).toMatchObject({ balance: expect.any(Number) });
    } finally {
      await client.close();
    }
  });

  it("starts without a key, lists tools, and explains how to set the key on every call", async () => {
    const { client } = await connect([], { HEYGEN_API_BASE_URL: "http://127.0.0.1:9" }, "legacy");
    try {
      expect((await client.listTools()).tools.length).toBeGreaterThan(5);
      const res = await client.callTool({ name: "get_video", arguments: { video_id: "v1" } });
      expect(res.isError).toBe(true);
      const body = JSON.parse((res.content as { text: string }[])[0]?.text ?? "{}");
      expect(body.code).toBe("client_missing_credential");
      expect(`${body.message} ${body.hint}`).toContain("HEYGEN_API_KEY");
    } finally {
      await client.close();
    }
  });

  it("keeps the key out of stderr logs", async () => {
    const { client, stderr } = await connect(
      ["--log-level", "debug"],
      { HEYGEN_API_KEY: KEY, HEYGEN_API_BASE_URL: "http://127.0.0.1:9" },
      "legacy",
    );
    try {
      const res = await client.callTool({ name: "get_current_user", arguments: {} });
      expect(JSON.stringify(res)).not.toContain(KEY);
    } finally {
      await client.close();
    }
    expect(stderr.join("").length).toBeGreaterThan(0);
    expect(stderr.join("")).not.toContain(KEY);
  });
});

describe.runIf(existsSync(CLI))("the command line", () => {
  it("prints every flag with its env var in --help", () => {
    const out = spawnSync(process.execPath, [CLI, "--help"], { encoding: "utf8" });
    expect(out.status).toBe(0);
    for (const text of [
      "--sandbox",
      "HEYGEN_API_KEY",
      "HEYGEN_API_BASE_URL",
      "--toolsets",
      "--read-only",
      "--log-level",
    ]) {
      expect(out.stdout).toContain(text);
    }
  });

  it("exits 2 with one line naming a bad setting", () => {
    const out = spawnSync(process.execPath, [CLI, "--max-retries", "many"], { encoding: "utf8" });
    expect(out.status).toBe(2);
    expect(out.stderr.trim().split("\n")).toHaveLength(1);
    expect(out.stderr).toContain("--max-retries");
    const env = spawnSync(process.execPath, [CLI], {
      encoding: "utf8",
      env: { PATH: "", HEYGEN_MCP_TOOLSETS: "nope" },
    });
    expect(env.status).toBe(2);
    expect(env.stderr).toContain("HEYGEN_MCP_TOOLSETS");
  });
});
