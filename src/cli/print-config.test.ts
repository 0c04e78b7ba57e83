import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../config.js";
import { CLIENTS } from "./clients.js";
import { launchFor, printConfig, shellQuote } from "./print-config.js";

const LOCAL = { command: "/opt/node/bin/node", args: ["/opt/heygen mcp/dist/heygen-mcp.js"] };
const URL = "https://mcp.example.com/mcp";

/** The config document a client reads, whatever its syntax; claude-code's command comes back as words. */
function parsed(client: string, args: string[] = []): Record<string, unknown> {
  const { text } = printConfig([client, ...args], LOCAL);
  const syntax = CLIENTS.find((c) => c.id === client)?.syntax;
  if (syntax === "json") return JSON.parse(text);
  if (syntax === "toml") return parseToml(text) as Record<string, unknown>;
  return { words: splitShell(text.trim()) };
}

/** A small POSIX word splitter: enough to read back what shellQuote wrote. */
function splitShell(line: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|'((?:[^']|'\\'')*)'|(\S+)/g;
  for (const m of line.matchAll(re)) words.push(m[1] ?? m[2]?.replaceAll(`'\\''`, "'") ?? m[3] ?? "");
  return words;
}

const entryOf = (doc: Record<string, unknown>, root: string) =>
  (doc[root] as Record<string, Record<string, unknown>>).heygen as Record<string, unknown>;

describe("print-config: one entry per client, from the client table", () => {
  it.each(CLIENTS.filter((c) => c.syntax !== "claude-cli").map((c) => [c.id, c.rootKey] as const))(
    "%s: a stdio entry that starts this install with the key named, never given",
    (id, root) => {
      const entry = entryOf(parsed(id), root);
      expect(entry.command).toBe(LOCAL.command);
      expect(entry.args).toEqual(LOCAL.args);
      const env = entry.env as Record<string, string> | undefined;
      if (id === "codex") expect(entry.env_vars).toEqual(["HEYGEN_API_KEY"]);
      else expect(Object.keys(env ?? {})).toEqual(["HEYGEN_API_KEY"]);
    },
  );

  it("uses the secret-input form where a client has one, a placeholder elsewhere", () => {
    const vscode = parsed("vscode");
    expect(entryOf(vscode, "servers")).toMatchObject({
      type: "stdio",
      env: { HEYGEN_API_KEY: `\${input:heygen-api-key}` },
    });
    expect(vscode.inputs).toEqual([
      { type: "promptString", id: "heygen-api-key", description: "HeyGen API key", password: true },
    ]);
    expect(entryOf(parsed("claude-desktop"), "mcpServers").env).toEqual({ HEYGEN_API_KEY: "your-heygen-api-key" });
    expect(entryOf(parsed("gemini-cli"), "mcpServers").env).toEqual({ HEYGEN_API_KEY: "$HEYGEN_API_KEY" });
  });

  it("claude-code: the exact `claude mcp add` command, flags passed through", () => {
    const { words } = parsed("claude-code", ["--toolsets", "videos,voices", "--read-only"]) as { words: string[] };
    expect(words).toEqual([
      "claude",
      "mcp",
      "add",
      "--transport",
      "stdio",
      "--env",
      "HEYGEN_API_KEY=your-heygen-api-key",
      "heygen",
      "--",
      LOCAL.command,
      LOCAL.args[0],
      "--toolsets",
      "videos,voices",
      "--read-only",
    ]);
  });

  it.each(CLIENTS.filter((c) => c.syntax !== "claude-cli").map((c) => [c.id, c.rootKey] as const))(
    "%s: server flags (--toolsets, --read-only, --files-dir, --sandbox) pass through into args",
    (id, root) => {
      const flags = ["--toolsets", "all", "--read-only", "--files-dir", "/Users/you/Movies/heygen", "--sandbox"];
      const entry = entryOf(parsed(id, flags), root);
      expect(entry.args).toEqual([...LOCAL.args, ...flags]);
      // The sandbox needs no key, so none is asked for.
      expect(entry.env ?? entry.env_vars).toBeUndefined();
    },
  );

  it("runs through npx when this copy lives in npx's cache, else by absolute path", () => {
    expect(launchFor("/home/u/.npm/_npx/1a2b/node_modules/heygen-mcp/dist/heygen-mcp.js", "/usr/bin/node")).toEqual({
      command: "npx",
      args: ["-y", "heygen-mcp"],
    });
    expect(launchFor("/srv/heygen-mcp/dist/heygen-mcp.js", "/usr/bin/node")).toEqual({
      command: "/usr/bin/node",
      args: ["/srv/heygen-mcp/dist/heygen-mcp.js"],
    });
  });
});

describe("print-config --http URL: the remote endpoint", () => {
  it("uses each client's own streamable-HTTP entry with the key header and narrowing headers", () => {
    const narrowing = ["--http", URL, "--toolsets", "videos", "--read-only"];
    expect(entryOf(parsed("cursor", narrowing), "mcpServers")).toEqual({
      url: URL,
      headers: { "X-Api-Key": "your-heygen-api-key", "X-MCP-Toolsets": "videos", "X-MCP-Read-Only": "true" },
    });
    expect(entryOf(parsed("windsurf", narrowing), "mcpServers")).toMatchObject({ serverUrl: URL });
    expect(entryOf(parsed("gemini-cli", narrowing), "mcpServers")).toMatchObject({
      httpUrl: URL,
      headers: { "X-Api-Key": "$HEYGEN_API_KEY" },
    });
    const vscode = parsed("vscode", narrowing);
    expect(entryOf(vscode, "servers")).toMatchObject({
      type: "http",
      url: URL,
      headers: { "X-Api-Key": `\${input:heygen-api-key}` },
    });
    expect(vscode.inputs).toHaveLength(1);
    expect(entryOf(parsed("codex", narrowing), "mcp_servers")).toEqual({
      url: URL,
      env_http_headers: { "X-Api-Key": "HEYGEN_API_KEY" },
      http_headers: { "X-MCP-Toolsets": "videos", "X-MCP-Read-Only": "true" },
    });
  });

  it("bridges Claude Desktop through mcp-remote, the key expanded from env", () => {
    expect(entryOf(parsed("claude-desktop", ["--http", URL]), "mcpServers")).toEqual({
      command: "npx",
      args: ["-y", "mcp-remote", URL, "--header", `X-Api-Key:\${HEYGEN_API_KEY}`],
      env: { HEYGEN_API_KEY: "your-heygen-api-key" },
    });
  });

  it("claude-code: `claude mcp add --transport http` with its headers", () => {
    const { words } = parsed("claude-code", ["--http", URL, "--tools", "get_video"]) as { words: string[] };
    expect(words).toEqual([
      "claude",
      "mcp",
      "add",
      "--transport",
      "http",
      "heygen",
      URL,
      "--header",
      "X-Api-Key: your-heygen-api-key",
      "--header",
      "X-MCP-Tools: get_video",
    ]);
  });
});

describe("print-config refuses what would not work", () => {
  it.each([
    [["nope"], /unknown client nope/],
    [[], /usage: heygen-mcp print-config/],
    [["cursor", "--api-key", "hg_secret"], /never goes into args/],
    [["cursor", "--port", "3000"], /configures the --http server/],
    [["cursor", "--toolsets", "vidoes"], /invalid --toolsets/],
    [["cursor", "--http", URL, "--sandbox"], /does not apply to a remote endpoint/],
    [["cursor", "--http", "mcp.example.com"], /needs the endpoint's URL/],
    [["cursor", "--name", "a b"], /--name takes/],
  ])("%j", (argv, message) => {
    expect(() => printConfig(argv, LOCAL)).toThrow(ConfigError);
    expect(() => printConfig(argv, LOCAL)).toThrow(message);
  });

  it("quotes shell words only when needed", () => {
    expect(shellQuote("--toolsets")).toBe("--toolsets");
    expect(shellQuote("X-Api-Key: k")).toBe('"X-Api-Key: k"');
    expect(shellQuote("it's $HOME")).toBe(`'it'\\''s $HOME'`);
  });
});
