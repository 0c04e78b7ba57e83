/**
 * Async job lifecycle derived from the clock (no timers): a job is queued until `startAfterMs`,
 * running until `finishAfterMs`, then done (completed, or failed when `failure` is set).
 * Each resource maps these phases onto its own status enum (catalog §1.9).
 */
import type { Clock } from "./clock.js";
import { rateLimited } from "./envelope.js";
import type { Account } from "./store.js";

export type Timing = "fast" | "realistic";
export type JobPhase = "queued" | "running" | "completed" | "failed";

export interface JobPlan {
  createdAtMs: number;
  /** ms after creation when work starts */
  startAfterMs: number;
  /** ms after creation when the job reaches a terminal state */
  finishAfterMs: number;
  failure: { code: string; message: string } | null;
}

/** Concurrent in-flight async jobs per key (catalog §1.8, Pay-As-You-Go). */
export const MAX_IN_FLIGHT_JOBS = 10;

/** The deterministic failure hook: put this text in a script or prompt to make the job fail. */
export const FAIL_MARKER = "[sandbox:fail]";

/**
 * Plans a job. fast: queued 1 s, done 3 s after creation. realistic: queued 20 s, done after
 * 2–6 minutes scaled with the output length.
 */
export function planJob(
  timing: Timing,
  nowMs: number,
  outputSeconds: number,
  failure: JobPlan["failure"] = null,
): JobPlan {
  if (timing === "fast") return { createdAtMs: nowMs, startAfterMs: 1_000, finishAfterMs: 3_000, failure };
  const finish = Math.min(360_000, Math.max(120_000, 90_000 + outputSeconds * 4_000));
  return { createdAtMs: nowMs, startAfterMs: 20_000, finishAfterMs: Math.round(finish), failure };
}

export function jobPhase(job: JobPlan, nowMs: number): JobPhase {
  const elapsed = nowMs - job.createdAtMs;
  if (elapsed >= job.finishAfterMs) return job.failure ? "failed" : "completed";
  return elapsed >= job.startAfterMs ? "running" : "queued";
}

export const isTerminal = (phase: JobPhase): boolean => phase === "completed" || phase === "failed";

/** 0–100, for resources whose schema has `progress`. */
export function jobProgress(job: JobPlan, nowMs: number): number {
  const phase = jobPhase(job, nowMs);
  if (isTerminal(phase)) return 100;
  if (phase === "queued") return 0;
  const span = job.finishAfterMs - job.startAfterMs;
  return Math.min(99, Math.floor(((nowMs - job.createdAtMs - job.startAfterMs) / span) * 100));
}

/** Epoch ms when the job became terminal, or null while it is still in flight. */
export const finishedAtMs = (job: JobPlan, nowMs: number): number | null =>
  isTerminal(jobPhase(job, nowMs)) ? job.createdAtMs + job.finishAfterMs : null;

export interface JobSteer {
  outcome: "never_finish" | "fail" | "finish";
  failure?: { code: string; message: string } | undefined;
  after_ms?: number | undefined;
}

/** The test-control hook (admin.ts): keep a job running forever, or end it (failed or not) soon. */
export function steerJob(job: JobPlan, steer: JobSteer, nowMs: number): void {
  if (steer.outcome === "never_finish") {
    job.finishAfterMs = Number.POSITIVE_INFINITY;
    return;
  }
  const endAt = nowMs - job.createdAtMs + (steer.after_ms ?? 0);
  job.startAfterMs = Math.min(job.startAfterMs, endAt);
  job.finishAfterMs = endAt;
  job.failure =
    steer.outcome === "fail"
      ? (steer.failure ?? { code: "render_failed", message: "The sandbox failed this job on request." })
      : null;
}

/** Throws 429 `rate_limit_exceeded` + Retry-After when the account already has 10 jobs in flight. */
export function assertJobCapacity(account: Account, clock: Clock): void {
  const now = clock.now();
  const inFlight = account.jobs().filter((j) => !isTerminal(jobPhase(j, now)));
  if (inFlight.length < MAX_IN_FLIGHT_JOBS) return;
  // A job held running by the test-control API never frees its slot; if only those remain, say a minute.
  const ends = inFlight.map((j) => j.createdAtMs + j.finishAfterMs - now).filter(Number.isFinite);
  const soonest = ends.length > 0 ? Math.min(...ends) : 60_000;
  throw rateLimited(
    soonest / 1000,
    `Too many concurrent jobs: ${inFlight.length} are in progress and the limit is ${MAX_IN_FLIGHT_JOBS}. Retry after one finishes.`,
  );
}

/** Words spoken at ~150 wpm, at least one second. */
export const estimateSpeechSeconds = (script: string): number => {
  const words = script.trim().split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.round((words / 150) * 60 * 10) / 10);
};
