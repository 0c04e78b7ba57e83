// `npm run docs`: regenerates docs/tools.md and the README's generated sections from the registry and the
// config schema. The TypeScript sources are bundled on the fly with esbuild (no extra runtime).
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { importTs } from "./load-ts.mjs";

const docs = await importTs("scripts/tool-docs.ts", "heygen-mcp-docs", "tool-docs.mjs");
const clientDocs = await importTs("scripts/client-docs.ts", "heygen-mcp-docs", "client-docs.mjs");
rmSync(join("node_modules", ".cache", "heygen-mcp-docs"), { recursive: true, force: true });

writeFileSync("docs/tools.md", docs.toolsMarkdown());
const replaceSection = (text, name, body) =>
  text.replace(new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`), `$1\n${body}\n$2`);
let readme = readFileSync("README.md", "utf8");
readme = replaceSection(readme, "tools", docs.readmeToolList());
readme = replaceSection(readme, "options", docs.readmeOptions());
readme = replaceSection(readme, "clients", clientDocs.readmeClientConfigs());
writeFileSync("README.md", readme);
console.log("docs/tools.md and README.md regenerated");
