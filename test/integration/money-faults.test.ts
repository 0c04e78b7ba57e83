/**
 * The 1,000-fault run as a test (issue 16): 1,000 creates at concurrency 10 against seeded sandbox faults.
 * Backoff is instant (injected sleep), so it runs in seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultRunStats, runFaultedCreates } from "../helpers/fault-run.js";
import { type Stack, startStack } from "../helpers/stack.js";

let stack: Stack;
let stats: FaultRunStats;
beforeAll(async () => {
  // The run spans about an hour of sandbox time; the repeats at its end must fall inside the key window.
  stack = await startStack({ sleep: async () => {}, maxRetries: 2, money: { idempotencyWindowMs: 2 * 3_600_000 } });
  stats = await runFaultedCreates(stack, { calls: 1000, concurrency: 10, seed: 16 });
  console.info(`fault run: ${JSON.stringify(stats)}`);
}, 120_000);
afterAll(() => stack.close());

describe("1,000 creates under dropped connections, 429/5xx and truncated bodies", () => {
  it("met the faults it was meant to meet", () => {
    expect(stats.calls).toBe(1000);
    expect(stats.errors).toBeGreaterThan(0);
    expect(stats.outcomeUnknown).toBeGreaterThan(0);
    expect(stats.jobsNotReturned).toBeGreaterThan(0);
    // What the last attempt alone would have said: the defect the run is built to catch.
    expect(stats.existingLastAttemptRetryable).toBeGreaterThan(0);
  });

  it("reports no existing job as retryable", () => {
    expect(stats.existingReportedRetryable).toBe(0);
  });

  it("creates no job twice and returns no id unknown upstream", () => {
    expect(stats.duplicateJobs).toBe(0);
    expect(stats.unknownReturnedIds).toBe(0);
    expect(stats.callsWithoutIdOrError).toBe(0);
  });

  it("leaves every job either returned or findable through list_jobs (and its kind's list tool)", () => {
    expect(stats.jobsNotReturnedInListJobs).toBe(stats.jobsNotReturned);
    expect(stats.jobsNotReturnedFound).toBe(stats.jobsNotReturned);
    expect(stats.succeeded + stats.jobsNotReturned).toBe(stats.jobs);
  });

  it("a repeated identical call after an unclear failure creates no second job", () => {
    expect(stats.repeats).toBe(stats.errors);
    expect(stats.repeatsSucceeded).toBe(stats.repeats);
    expect(stats.secondJobsFromRepeats).toBe(0);
  });
});
