/**
 * The MCP Bundle as Claude Desktop runs it: `npm run bundle`'s script packs heygen-mcp.mcpb, mcpb unpacks it,
 * and mcpb's own getMcpConfigForManifest (the resolution Claude Desktop applies: ${__dirname}, user_config
 * values and defaults) gives the command, args and env that start the server.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, sep } from "node:path";
import { getMcpConfigForManifest, type McpbManifestAny, unpackExtension, validateManifest } from "@anthropic-ai/mcpb";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../../src/sandbox/index.js";

const KEY = "hg_bundle_secret_key_40aa";
let root: string;
let unpacked: string;
let sandbox: RunningSandbox;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "heygen-mcpb-"));
  const bundle = join(root, "heygen-mcp.mcpb");
  execFileSync(process.execPath, ["scripts/bundle.mjs", bundle], { stdio: "pipe" });
  unpacked = join(root, "unpacked");
  expect(await unpackExtension({ mcpbPath: bundle, outputDir: unpacked, silent: true })).toBe(true);
  sandbox = await startSandbox();
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

const manifestOf = () => JSON.parse(readFileSync(join(unpacked, "manifest.json"), "utf8")) as McpbManifestAny;

describe("heygen-mcp.mcpb", () => {
  it("carries a manifest mcpb validates, the key as a sensitive required field, toolsets optional", () => {
    expect(validateManifest("manifest.json")).toBe(true);
    const manifest = manifestOf();
    expect(manifest.manifest_version).toBe("0.4");
    expect(manifest.user_config?.api_key).toMatchObject({ sensitive: true, required: true });
    expect(manifest.user_config?.toolsets).toMatchObject({ required: false, default: "default" });
  });

  it("starts and lists tools when run as Claude Desktop runs it", async () => {
    const config = await getMcpConfigForManifest({
      manifest: manifestOf(),
      extensionPath: unpacked,
      systemDirs: {},
      userConfig: { api_key: KEY, toolsets: "default,webhooks" },
      pathSeparator: sep,
    });
    expect(config?.command).toBe("node");
    expect(config?.env).toMatchObject({ HEYGEN_API_KEY: KEY, HEYGEN_MCP_TOOLSETS: "default,webhooks" });
    // Claude Desktop runs "node" with its own Node; here the test's. The sandbox stands in for HeyGen.
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: config?.args ?? [],
      env: {
        ...config?.env,
        HEYGEN_API_BASE_URL: sandbox.url,
        PATH: [dirname(process.execPath), process.env.PATH].join(delimiter),
      },
      stderr: "pipe",
    });
    const client = new Client({ name: "mcpb-test", version: "1.0.0" });
    await client.connect(transport);
    try {
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(["create_video_from_avatar", "create_webhook_endpoint"]));
      const me = await client.callTool({ name: "get_current_user", arguments: {} });
      expect(me.isError).toBeFalsy();
    } finally {
      await client.close();
    }
  });

  it("ships no source maps and no node_modules", () => {
    const files = execFileSync("find", [unpacked, "-type", "f"], { encoding: "utf8" });
    expect(files).not.toMatch(/\.map$|node_modules/m);
  });
});
