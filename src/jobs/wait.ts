/**
 * The bounded wait: poll a job's get operation until it ends, needs someone to act, or the budget is
 * spent, with a progress heartbeat in between and an immediate stop on cancellation. Nothing is kept
 * between calls: a model repeats wait_for_job and the job's own age (created_at) sets the cadence.
 */
import type { Clock } from "./clock.js";
import { JOB_KINDS, type JobKind, type JobKindName } from "./kinds.js";
import { type JobSnapshot, readJob } from "./read.js";

/** Under Claude Desktop's 60 s cut-off, with room for the model's own round trip. */
export const DEFAULT_WAIT_SECONDS = 45;
/** The most a wait may take where a client cuts tool calls at 60 s (stdio, 2025-era HTTP). */
export const CLIENT_SAFE_WAIT_SECONDS = 55;
/** Progress at least this often; clients that reset their timeout on progress need one within 10 s. */
export const HEARTBEAT_MS = 5_000;
/** Never more status requests than this in one wait, whatever the budget. */
export const MAX_POLLS_PER_WAIT = 12;
const MIN_INTERVAL_MS = 5_000;
const MAX_INTERVAL_MS = 60_000;

/**
 * Milliseconds until the next status request for a job of this age: as long as the job is old (so the
 * interval doubles: 5, 10, 20, 40 s…), from a floor of 1/40 of the kind's typical duration (5-30 s) to a
 * ceiling of 60 s. Past 45 s between polls a wait makes one request per call, so a 10-minute video costs
 * under 20 status requests in all.
 */
export function pollDelayMs(kind: JobKind, ageMs: number): number {
  const floor = Math.min(30_000, Math.max(MIN_INTERVAL_MS, (kind.typicalSeconds * 1000) / 40));
  return Math.min(MAX_INTERVAL_MS, Math.max(floor, ageMs));
}

export interface WaitUpdate {
  snapshot: JobSnapshot;
  elapsedMs: number;
  budgetMs: number;
}

export interface WaitRequest {
  kind: JobKindName;
  id: string;
  budgetMs: number;
  clock: Clock;
  signal: AbortSignal;
  /** One status request; returns the job's record. */
  read(): Promise<Record<string, unknown>>;
  /** Called after each poll and at least every HEARTBEAT_MS while waiting. */
  onProgress(update: WaitUpdate): Promise<void>;
}

export interface WaitOutcome {
  snapshot: JobSnapshot;
  /** terminal: completed or failed; action: someone must act; budget: still running; cancelled. */
  ended: "terminal" | "action" | "budget" | "cancelled";
  polls: number;
  elapsedMs: number;
}

export async function waitForJob(req: WaitRequest): Promise<WaitOutcome> {
  const { clock, signal, budgetMs } = req;
  const kind = JOB_KINDS[req.kind];
  const start = clock.now();
  const deadline = start + budgetMs;
  let polls = 0;
  let lastSent = -1;

  const report = async (snapshot: JobSnapshot) => {
    const elapsedMs = clock.now() - start;
    // MCP requires progress to increase with every notification.
    if (elapsedMs <= lastSent) return;
    lastSent = elapsedMs;
    await req.onProgress({ snapshot, elapsedMs, budgetMs });
  };

  /** Sleeps until `until`, sending a heartbeat at least every HEARTBEAT_MS; false when cancelled. */
  const idle = async (until: number, snapshot: JobSnapshot) => {
    while (!signal.aborted && clock.now() < until) {
      await clock.sleep(Math.min(HEARTBEAT_MS, until - clock.now()), signal);
      if (!signal.aborted) await report(snapshot);
    }
    return !signal.aborted;
  };

  for (;;) {
    const snapshot = readJob(req.kind, await req.read(), req.id);
    polls++;
    const outcome = (ended: WaitOutcome["ended"]): WaitOutcome => ({
      snapshot,
      ended,
      polls,
      elapsedMs: clock.now() - start,
    });
    if (snapshot.state === "completed" || snapshot.state === "failed") return outcome("terminal");
    if (snapshot.state === "needs_action") return outcome("action");
    await report(snapshot);
    const ageMs = snapshot.createdAt === null ? clock.now() - start : clock.now() - snapshot.createdAt * 1000;
    const nextAt = clock.now() + pollDelayMs(kind, Math.max(0, ageMs));
    if (polls >= MAX_POLLS_PER_WAIT || nextAt >= deadline) {
      return outcome((await idle(deadline, snapshot)) ? "budget" : "cancelled");
    }
    if (!(await idle(nextAt, snapshot))) return outcome("cancelled");
  }
}
