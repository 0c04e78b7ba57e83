// Context cost: o200k tokens of tools/list for the default set and for all tools, and the largest tools.
import { importTs } from "../scripts/load-ts.mjs";

export async function contextCost() {
  const docs = await importTs("scripts/tool-docs.ts", "heygen-mcp-bench", "tool-docs.mjs");
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
