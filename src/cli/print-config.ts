/**
 * `heygen-mcp print-config <client> [--http URL] [--name NAME] [server flags]`: the exact config a client
 * needs for this install, rendered from the client table (clients.ts). stdout carries only the config
 * (valid JSON, TOML, or one shell command); where to put it goes to stderr.
 */
import { sep } from "node:path";
import { ConfigError, optionDocs, parseConfig } from "../config.js";
import { CLIENTS, type ClientFormat, clientById, KEY_ENV, KEY_PLACEHOLDER, VSCODE_INPUT_ID } from "./clients.js";

export const PACKAGE_NAME = "heygen-mcp";

/** How a client starts this install. */
export interface Launch {
  command: string;
  args: string[];
}

/**
 * `npx -y heygen-mcp` when this copy runs from npx's cache (so the client gets updates the same way),
 * otherwise this Node and this install's entry by absolute path: desktop apps do not see a shell's PATH.
 */
export function launchFor(entryPath: string, execPath: string): Launch {
  if (entryPath.includes(`${sep}_npx${sep}`)) return { command: "npx", args: ["-y", PACKAGE_NAME] };
  return { command: execPath, args: [entryPath] };
}

interface Request {
  client: ClientFormat;
  name: string;
  remoteUrl: string | undefined;
  /** Server flags passed through verbatim into a stdio config. */
  serverArgs: string[];
  sandbox: boolean;
  /** X-MCP-* narrowing headers for a remote config. */
  headers: [string, string][];
}

export interface PrintedConfig {
  text: string;
  where: string;
}

const USAGE = `usage: heygen-mcp print-config <${CLIENTS.map((c) => c.id).join("|")}> [--http URL] [--name NAME] [server flags]`;

/** Flags a remote config can carry, as the endpoint's per-request narrowing headers. */
const REMOTE_HEADERS: Record<string, string> = {
  "--toolsets": "X-MCP-Toolsets",
  "--tools": "X-MCP-Tools",
  "--read-only": "X-MCP-Read-Only",
};

const flagOf = (arg: string) => arg.split("=", 1)[0] ?? arg;

/** Flags that configure the --http server itself, or carry the key: never part of a client's stdio entry. */
function serverOnlyFlags(): Set<string> {
  const flags = optionDocs()
    .filter((o) => o.description.startsWith("--http:"))
    .map((o) => flagOf(o.flag.split(" ")[0] ?? ""));
  return new Set([...flags, "--http", "--host", "--port", "--api-key"]);
}

function parseRequest(argv: readonly string[]): Request {
  const [clientId, ...rest] = argv;
  const client = clientById(clientId ?? "");
  if (!client) throw new ConfigError(clientId ? `print-config: unknown client ${clientId}; ${USAGE}` : USAGE);
  let name = "heygen";
  let remoteUrl: string | undefined;
  const serverArgs: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? "";
    const [flag, inline] = arg.includes("=") ? [flagOf(arg), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (flag === "--http" || flag === "--name") {
      const value = inline ?? rest[++i];
      if (!value || value.startsWith("--")) throw new ConfigError(`print-config: ${flag} needs a value`);
      if (flag === "--name") name = value;
      else remoteUrl = value;
    } else serverArgs.push(arg);
  }
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new ConfigError("print-config: --name takes letters, digits, _ and -");
  if (remoteUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(remoteUrl)) {
    throw new ConfigError(`print-config: --http needs the endpoint's URL, e.g. https://mcp.example.com/mcp`);
  }
  // The server's own parser checks every passed-through flag and value, so a typo fails here, not in the client.
  const config = parseConfig(serverArgs, {});
  const given = serverArgs.filter((a) => a.startsWith("--")).map(flagOf);
  if (remoteUrl !== undefined) {
    const stray = given.find((f) => !(f in REMOTE_HEADERS));
    if (stray) {
      throw new ConfigError(
        `print-config: ${stray} does not apply to a remote endpoint; only --toolsets, --tools and --read-only do (as X-MCP-* headers)`,
      );
    }
  } else {
    const refused = serverOnlyFlags();
    const stray = given.find((f) => refused.has(f));
    if (stray === "--api-key") {
      throw new ConfigError(`print-config: the key never goes into args; the printed config names ${KEY_ENV}`);
    }
    if (stray) throw new ConfigError(`print-config: ${stray} configures the --http server, not a client's config`);
  }
  const headers: [string, string][] = [];
  if (given.includes("--toolsets")) headers.push(["X-MCP-Toolsets", config.toolsets.join(",")]);
  if (given.includes("--tools")) headers.push(["X-MCP-Tools", config.tools.join(",")]);
  if (given.includes("--read-only") && config.readOnly) headers.push(["X-MCP-Read-Only", "true"]);
  return { client, name, remoteUrl, serverArgs, sandbox: config.sandbox, headers };
}

/** The key's value in a JSON config or header, or undefined where the client forwards it from its environment. */
const keyValue = (c: ClientFormat) => ("value" in c.key ? c.key.value : undefined);

function stdioEntry(req: Request, launch: Launch): Record<string, unknown> {
  const { client } = req;
  const entry: Record<string, unknown> = {
    ...(client.stdioType ? { type: client.stdioType } : {}),
    command: launch.command,
    args: [...launch.args, ...req.serverArgs],
  };
  if (req.sandbox) return entry;
  const value = keyValue(client);
  if (value === undefined) entry.env_vars = [KEY_ENV];
  else entry.env = { [KEY_ENV]: value };
  return entry;
}

function remoteEntry(req: Request, url: string): Record<string, unknown> {
  const { client } = req;
  const value = keyValue(client);
  if ("bridge" in client.remote) {
    // mcp-remote expands ${VAR} in its --header values from its own environment; no space after the colon
    // keeps the argument whole on Windows.
    const headerArgs = [["X-Api-Key", `\${${KEY_ENV}}`], ...req.headers].flatMap(([h, v]) => ["--header", `${h}:${v}`]);
    return {
      command: "npx",
      args: ["-y", "mcp-remote", url, ...headerArgs],
      env: { [KEY_ENV]: value ?? KEY_PLACEHOLDER },
    };
  }
  const entry: Record<string, unknown> = {
    ...(client.remote.type ? { type: client.remote.type } : {}),
    [client.remote.urlKey]: url,
  };
  if (value === undefined) {
    entry.env_http_headers = { "X-Api-Key": KEY_ENV };
    if (req.headers.length > 0) entry.http_headers = Object.fromEntries(req.headers);
  } else entry.headers = Object.fromEntries([["X-Api-Key", value], ...req.headers]);
  return entry;
}

function renderJson(req: Request, entry: Record<string, unknown>): string {
  const doc: Record<string, unknown> = { [req.client.rootKey]: { [req.name]: entry } };
  const usesInput = JSON.stringify(entry).includes(`\${input:${VSCODE_INPUT_ID}}`);
  if (req.client.declaresInputs && usesInput) {
    doc.inputs = [{ type: "promptString", id: VSCODE_INPUT_ID, description: "HeyGen API key", password: true }];
  }
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const tomlValue = (v: unknown): string => {
  if (Array.isArray(v)) return `[${v.map(tomlValue).join(", ")}]`;
  if (v !== null && typeof v === "object") {
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)} = ${tomlValue(x)}`)
      .join(", ")} }`;
  }
  // A JSON string is a valid TOML basic string (same quotes and escapes).
  return JSON.stringify(v);
};

function renderToml(req: Request, entry: Record<string, unknown>): string {
  const lines = [`[${req.client.rootKey}.${req.name}]`];
  for (const [k, v] of Object.entries(entry)) lines.push(`${k} = ${tomlValue(v)}`);
  return `${lines.join("\n")}\n`;
}

/** Double quotes where nothing inside expands, single quotes otherwise; bare when the word is plain. */
export const shellQuote = (word: string): string => {
  if (/^[A-Za-z0-9_/.:=@%+,-]+$/.test(word)) return word;
  if (!/[$`"\\!]/.test(word)) return `"${word}"`;
  return `'${word.replaceAll("'", `'\\''`)}'`;
};

function renderClaudeCli(req: Request, launch: Launch): string {
  const value = keyValue(req.client) ?? KEY_PLACEHOLDER;
  const words = ["claude", "mcp", "add"];
  if (req.remoteUrl !== undefined) {
    words.push("--transport", "http", req.name, req.remoteUrl);
    for (const [h, v] of [["X-Api-Key", value], ...req.headers]) words.push("--header", `${h}: ${v}`);
  } else {
    words.push("--transport", "stdio");
    if (!req.sandbox) words.push("--env", `${KEY_ENV}=${value}`);
    words.push(req.name, "--", launch.command, ...launch.args, ...req.serverArgs);
  }
  return `${words.map(shellQuote).join(" ")}\n`;
}

export function printConfig(argv: readonly string[], launch: Launch): PrintedConfig {
  const req = parseRequest(argv);
  const { client } = req;
  const where = `${client.name}: ${client.where}`;
  if (client.syntax === "claude-cli") return { text: renderClaudeCli(req, launch), where };
  const entry = req.remoteUrl === undefined ? stdioEntry(req, launch) : remoteEntry(req, req.remoteUrl);
  return { text: client.syntax === "toml" ? renderToml(req, entry) : renderJson(req, entry), where };
}
