// Money safety under faults: the integration test's fault run (test/helpers/fault-run.ts), plus its baseline:
// the same unclear calls repeated with a fresh key each, as every call was before keys were derived. Prints
// one JSON line.
import { runFaultedCreates } from "../test/helpers/fault-run.js";
import { startStack } from "../test/helpers/stack.js";

const stack = await startStack({ sleep: async () => {}, maxRetries: 2, money: { idempotencyWindowMs: 2 * 3_600_000 } });
try {
  const stats = await runFaultedCreates(stack, { calls: 1000, concurrency: 10, seed: 16, baseline: true });
  console.log(JSON.stringify(stats));
} finally {
  await stack.close();
}
