// `npm run bundle`: packs the built server into heygen-mcp.mcpb, an MCP Bundle that Claude Desktop installs by
// double-click (manifest.json: the API key as a sensitive field, toolsets and read-only as options).
// Usage: node scripts/bundle.mjs [output.mcpb]; expects dist/ (npm run bundle builds it first).
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { packExtension } from "@anthropic-ai/mcpb";

const out = resolve(process.argv[2] ?? "heygen-mcp.mcpb");
if (!existsSync("dist/heygen-mcp.js")) throw new Error("dist/ is missing: run npm run build first");
const { version } = JSON.parse(readFileSync("package.json", "utf8"));
const stage = join("node_modules", ".cache", "heygen-mcpb");
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
copyFileSync("manifest.json", join(stage, "manifest.json"));
copyFileSync("LICENSE", join(stage, "LICENSE"));
// The bundle needs no node_modules: dist/ inlines every dependency. Source maps stay out, as in the npm package.
cpSync("dist", join(stage, "server"), { recursive: true, filter: (src) => !src.endsWith(".map") });
// main.js is ESM; without a package.json saying so, Node would have to guess from its syntax.
writeFileSync(join(stage, "server", "package.json"), `${JSON.stringify({ type: "module", version }, null, 2)}\n`);
// packExtension validates manifest.json against its manifest_version's schema before it writes anything.
const packed = await packExtension({ extensionPath: stage, outputPath: out, silent: true });
rmSync(stage, { recursive: true, force: true });
if (!packed) throw new Error("mcpb pack failed (run npx mcpb validate manifest.json for the reason)");
console.log(`${out}`);
