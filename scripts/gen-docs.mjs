// `npm run docs`: regenerates docs/tools.md and the README's generated sections from the registry and the
// config schema. The TypeScript sources are bundled on the fly with esbuild (no extra runtime).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

// Inside node_modules so that the bundle's external imports resolve from the project.
const dir = join("node_modules", ".cache", "heygen-mcp-docs");
mkdirSync(dir, { recursive: true });
const outfile = join(dir, "tool-docs.mjs");
await build({
  entryPoints: ["scripts/tool-docs.ts"],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  packages: "external",
  logLevel: "warning",
});
const docs = await import(pathToFileURL(join(process.cwd(), outfile)).href);
rmSync(dir, { recursive: true, force: true });

writeFileSync("docs/tools.md", docs.toolsMarkdown());
const replaceSection = (text, name, body) =>
  text.replace(new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`), `$1\n${body}\n$2`);
let readme = readFileSync("README.md", "utf8");
readme = replaceSection(readme, "tools", docs.readmeToolList());
readme = replaceSection(readme, "options", docs.readmeOptions());
writeFileSync("README.md", readme);
console.log("docs/tools.md and README.md regenerated");
