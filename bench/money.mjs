// Money safety: duplicate jobs and "retryable" errors for jobs that exist, over 1,000 creates with seeded
// faults (bench/money-probe.ts, bundled on the fly; instant backoff, so it measures outcomes, not time).
import { execFileSync } from "node:child_process";
import { bundleTs } from "../scripts/load-ts.mjs";

export async function moneySafety() {
  const probe = await bundleTs("bench/money-probe.ts", "heygen-mcp-bench", "money-probe.mjs");
  const out = execFileSync(process.execPath, [probe], { encoding: "utf8", timeout: 300_000 });
  return JSON.parse(out.trim().split("\n").at(-1));
}
