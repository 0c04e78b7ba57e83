// Context cost: o200k tokens of tools/list for the default set and for all tools, and the largest tools.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

export async function contextCost() {
  const dir = join("node_modules", ".cache", "heygen-mcp-bench");
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
  const all = docs.everyTool();
  const perTool = all.map((d) => ({ name: d.name, tokens: docs.toolTokens(d) })).sort((a, b) => b.tokens - a.tokens);
  const sorted = perTool.map((t) => t.tokens).sort((a, b) => a - b);
  return {
    defaultTools: docs.defaultTools().length,
    defaultTokens: docs.listTokens(docs.defaultTools()),
    allTools: all.length,
    allTokens: docs.listTokens(all),
    medianToolTokens: sorted[Math.floor(sorted.length / 2)],
    largest: perTool.slice(0, 10),
    targets: { defaultTokens: 8000, allTokens: 30000, medianToolTokens: 250 },
  };
}
