// Runs bench/heap-probe.ts (bundled on the fly) with --expose-gc and returns its live-heap trend.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

export async function liveHeap() {
  const dir = join("node_modules", ".cache", "heygen-mcp-bench");
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, "heap-probe.mjs");
  await build({
    entryPoints: ["bench/heap-probe.ts"],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "warning",
  });
  const out = execFileSync(process.execPath, ["--expose-gc", outfile], { encoding: "utf8", timeout: 120_000 });
  const result = JSON.parse(out.trim().split("\n").at(-1));
  const first = result.liveHeapMiB[0];
  const last = result.liveHeapMiB.at(-1);
  return { ...result, growthMiB: Math.round((last - first) * 10) / 10 };
}
