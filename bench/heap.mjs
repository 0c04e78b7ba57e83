// Runs bench/heap-probe.ts (bundled on the fly) with --expose-gc and returns its live-heap trend.
import { execFileSync } from "node:child_process";
import { bundleTs } from "../scripts/load-ts.mjs";

export async function liveHeap() {
  const outfile = await bundleTs("bench/heap-probe.ts", "heygen-mcp-bench", "heap-probe.mjs");
  const out = execFileSync(process.execPath, ["--expose-gc", outfile], { encoding: "utf8", timeout: 120_000 });
  const result = JSON.parse(out.trim().split("\n").at(-1));
  const first = result.liveHeapMiB[0];
  const last = result.liveHeapMiB.at(-1);
  return { ...result, growthMiB: Math.round((last - first) * 10) / 10 };
}
