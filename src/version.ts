import { readFileSync } from "node:fs";

// package.json sits one level above both src/ (development) and dist/ (built and published).
const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };

export const VERSION: string = pkg.version;
export const USER_AGENT = `heygen-mcp/${VERSION} (+https://github.com/heygen-mcp/heygen-mcp)`;
