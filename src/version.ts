import { readFileSync } from "node:fs";

// The build defines this from package.json; tests and development read the file beside src/.
declare const __HEYGEN_MCP_VERSION__: string | undefined;

export const VERSION: string =
  typeof __HEYGEN_MCP_VERSION__ === "string"
    ? __HEYGEN_MCP_VERSION__
    : (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
export const USER_AGENT = `heygen-mcp/${VERSION}`;
