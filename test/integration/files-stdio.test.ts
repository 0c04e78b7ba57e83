import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FilesFixture, filesFixture, MEDIA, OUTSIDE_MARKER } from "../helpers/files.js";
import type { RecordedRequest } from "../helpers/stack.js";

/** The built CLI, as a desktop client runs it. `npm test` builds it first. */
const CLI = "dist/heygen-mcp.js";

interface Session {
  client: Client;
  sandboxUrl: string;
}

/** The CLI with its in-process sandbox; the sandbox's URL comes from the start-up log line. */
async function connect(args: string[], env: Record<string, string>): Promise<Session> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, "--sandbox", "--tools", "upload_asset", ...args],
    env: { PATH: process.env.PATH ?? "", ...env },
    stderr: "pipe",
  });
  let log = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    log += chunk.toString();
  });
  const client = new Client({ name: "files-stdio-test", version: "1.0.0" });
  await client.connect(transport);
  await client.listTools();
  const sandboxUrl = /"sandbox_started".*?"url":"([^"]+)"/.exec(log)?.[1];
  if (!sandboxUrl) throw new Error(`no sandbox url in the log: ${log}`);
  return { client, sandboxUrl };
}

const requestsOf = async (s: Session): Promise<RecordedRequest[]> =>
  ((await (await fetch(`${s.sandboxUrl}/_sandbox/requests`)).json()) as { data: RecordedRequest[] }).data;

const bodyOf = (res: unknown) =>
  JSON.parse(((res as { content: { text: string }[] }).content[0]?.text ?? "{}").split("\n").at(-1) ?? "{}");

let fx: FilesFixture;
beforeAll(async () => {
  fx = await filesFixture();
});
afterAll(() => fx.close());

describe.runIf(existsSync(CLI))("local files over stdio", () => {
  it.each([
    ["--files-dir", (dir: string) => ({ args: ["--files-dir", dir], env: {} })],
    ["HEYGEN_MCP_FILES_DIR", (dir: string) => ({ args: [], env: { HEYGEN_MCP_FILES_DIR: dir } })],
  ])("with %s: uploads by relative and absolute path, refuses every escape", async (_how, setup) => {
    const { args, env } = setup(fx.folder);
    const s = await connect(args, env);
    try {
      for (const path of ["photo.png", join(fx.folder, "photo.png")]) {
        const res = await s.client.callTool({ name: "upload_asset", arguments: { file_path: path } });
        expect(res.isError).toBeFalsy();
        expect(res.structuredContent).toMatchObject({ mime_type: "image/png" });
        const url = (res.structuredContent as { url: string }).url;
        const stored = Buffer.from(await (await fetch(url)).arrayBuffer());
        expect(stored.equals(readFileSync(`${MEDIA}/preview.png`))).toBe(true);
      }
      const uploadsBefore = (await requestsOf(s)).length;
      for (const [path, code] of [
        ["../outside.txt", "file_outside_folder"],
        [fx.outside, "file_outside_folder"],
        ["link-out.txt", "file_outside_folder"],
        ["/dev/zero", "file_outside_folder"],
        ["zero", "file_outside_folder"],
        ["pipe", "not_a_file"],
        ["sock", "not_a_file"],
        ["sub", "not_a_file"],
        ["empty.png", "file_empty"],
        ["notes.png", "unsupported_file_type"],
      ]) {
        const res = await s.client.callTool({ name: "upload_asset", arguments: { file_path: path } });
        expect(res.isError, path).toBe(true);
        expect(bodyOf(res), path).toMatchObject({ code, param: "file_path" });
      }
      const after = await requestsOf(s);
      expect(after.length).toBe(uploadsBefore);
      expect(JSON.stringify(after)).not.toContain(OUTSIDE_MARKER);
    } finally {
      await s.client.close();
    }
    expect(fx.outsideEntries()).toEqual([]);
  });

  it("answers an 8 MB base64 with an error and keeps serving; a message over the limit too", async () => {
    const s = await connect(["--files-dir", fx.folder], {});
    try {
      const eight = Buffer.alloc(8 * 1024 * 1024, 1).toString("base64");
      const res = await s.client.callTool({
        name: "upload_asset",
        arguments: { base64: eight, media_type: "image/png" },
      });
      expect(res.isError).toBe(true);
      expect(bodyOf(res)).toMatchObject({ code: "payload_too_large", param: "base64" });
      expect(bodyOf(res).hint).toContain("file_path");

      const huge = Buffer.alloc(13 * 1024 * 1024, 1).toString("base64");
      await expect(
        s.client.callTool({ name: "upload_asset", arguments: { base64: huge, media_type: "image/png" } }),
      ).rejects.toThrow(/file_path/);

      const me = await s.client.callTool({ name: "get_current_user", arguments: {} });
      expect(me.isError).toBeFalsy();
    } finally {
      await s.client.close();
    }
  });

  it("saves a completed video into the folder with download_result, and refuses a second save without overwrite", async () => {
    const s = await connect(["--files-dir", fx.folder], {});
    try {
      const first = async (name: string, key: string) => {
        const out = (await s.client.callTool({ name, arguments: { limit: 1 } })).structuredContent;
        return ((out as Record<string, unknown> | undefined)?.[key] as Record<string, string>[] | undefined)?.[0];
      };
      const look = await first("list_avatar_looks", "looks");
      const voice = await first("list_voices", "voices");
      const created = await s.client.callTool({
        name: "create_video_from_avatar",
        arguments: { avatar_id: look?.id, voice_id: voice?.voice_id, script: "Saved to disk." },
      });
      const id = (created.structuredContent as { video_id: string }).video_id;
      // The sandbox's job control ends the render now instead of the test waiting for its clock.
      await fetch(`${s.sandboxUrl}/_sandbox/jobs/${id}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ outcome: "finish" }),
      });
      const args = { kind: "video", id, file_name: "final.mp4" };
      const saved = await s.client.callTool({ name: "download_result", arguments: args });
      expect(saved.isError).toBeFalsy();
      const path = join(fx.folder, "final.mp4");
      expect(saved.structuredContent).toMatchObject({ path, media_type: "video/mp4" });
      expect(readFileSync(path).length).toBeGreaterThan(0);
      const again = await s.client.callTool({ name: "download_result", arguments: args });
      expect(again.isError).toBe(true);
      expect(bodyOf(again)).toMatchObject({ code: "file_exists", param: "file_name" });
    } finally {
      await s.client.close();
    }
    expect(fx.outsideEntries()).toEqual([]);
  });
});
