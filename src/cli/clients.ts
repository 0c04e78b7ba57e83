/**
 * How each MCP client keeps its servers: one row per client, checked against each client's own docs
 * (Claude Desktop, `claude mcp add`, Cursor mcp.json, VS Code mcp.json, Windsurf mcp_config.json,
 * Codex config.toml, Gemini CLI settings.json). print-config renders these rows; nothing else varies.
 */

export const KEY_ENV = "HEYGEN_API_KEY";
export const KEY_PLACEHOLDER = "your-heygen-api-key";
export const VSCODE_INPUT_ID = "heygen-api-key";

/** How the printed config is written down: a JSON file, a TOML file, or a command to run. */
export type Syntax = "json" | "toml" | "claude-cli";

/**
 * How a config carries the key: a value the user replaces or the client expands (`${env:…}`,
 * `${input:…}`, `$VAR`), or — Codex — the name of a variable forwarded from the client's environment.
 */
export type KeyForm = { value: string } | { forwardEnv: true };

/** A remote endpoint: the client's own streamable-HTTP entry, or the mcp-remote bridge for stdio-only clients. */
export type RemoteForm = { urlKey: "url" | "serverUrl" | "httpUrl"; type?: "http" } | { bridge: "mcp-remote" };

export interface ClientFormat {
  id: string;
  name: string;
  /** Where the client keeps this config (or where the command writes it). */
  where: string;
  syntax: Syntax;
  /** The object (JSON) or table (TOML) that holds servers by name. */
  rootKey: "mcpServers" | "servers" | "mcp_servers";
  /** A `type` the client wants on a stdio entry. */
  stdioType?: "stdio";
  key: KeyForm;
  remote: RemoteForm;
  /** VS Code prompts for `${input:…}` values declared beside the servers, masked with password: true. */
  declaresInputs?: boolean;
}

export const CLIENTS: readonly ClientFormat[] = [
  {
    id: "claude-desktop",
    name: "Claude Desktop",
    where:
      "claude_desktop_config.json (Settings → Developer → Edit Config): ~/Library/Application Support/Claude/ on macOS, %APPDATA%\\Claude\\ on Windows",
    syntax: "json",
    rootKey: "mcpServers",
    key: { value: KEY_PLACEHOLDER },
    remote: { bridge: "mcp-remote" },
  },
  {
    id: "claude-code",
    name: "Claude Code",
    where: "run it in a terminal; Claude Code stores it in ~/.claude.json (add --scope user for every project)",
    syntax: "claude-cli",
    rootKey: "mcpServers",
    key: { value: KEY_PLACEHOLDER },
    remote: { urlKey: "url", type: "http" },
  },
  {
    id: "cursor",
    name: "Cursor",
    where: "~/.cursor/mcp.json (every project) or .cursor/mcp.json (one project)",
    syntax: "json",
    rootKey: "mcpServers",
    key: { value: KEY_PLACEHOLDER },
    remote: { urlKey: "url" },
  },
  {
    id: "vscode",
    name: "VS Code",
    where: ".vscode/mcp.json in the workspace, or the user mcp.json (command: MCP: Open User Configuration)",
    syntax: "json",
    rootKey: "servers",
    stdioType: "stdio",
    key: { value: `\${input:${VSCODE_INPUT_ID}}` },
    remote: { urlKey: "url", type: "http" },
    declaresInputs: true,
  },
  {
    id: "windsurf",
    name: "Windsurf",
    where: "~/.codeium/windsurf/mcp_config.json",
    syntax: "json",
    rootKey: "mcpServers",
    key: { value: KEY_PLACEHOLDER },
    remote: { urlKey: "serverUrl" },
  },
  {
    id: "codex",
    name: "Codex",
    where: `~/.codex/config.toml (or .codex/config.toml in a trusted project); export ${KEY_ENV} before starting Codex`,
    syntax: "toml",
    rootKey: "mcp_servers",
    key: { forwardEnv: true },
    remote: { urlKey: "url" },
  },
  {
    id: "gemini-cli",
    name: "Gemini CLI",
    where: `~/.gemini/settings.json (or .gemini/settings.json in a project); it expands $${KEY_ENV} from its environment`,
    syntax: "json",
    rootKey: "mcpServers",
    key: { value: `$${KEY_ENV}` },
    remote: { urlKey: "httpUrl" },
  },
];

export const clientById = (id: string) => CLIENTS.find((c) => c.id === id);
