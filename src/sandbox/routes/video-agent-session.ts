/**
 * A Video Agent session and the lifecycle of its runs (see video-agent.ts): the records, the plan of a
 * run, and the phase, progress and job each derive from the clock.
 */
import type { SandboxDeps } from "../deps.js";
import { ApiError } from "../envelope.js";
import { newId } from "../ids.js";
import { FAIL_MARKER, type JobPlan } from "../jobs.js";
import type { Account, Resource } from "../store.js";

export const VIDEO_AGENT_COLLECTION = "video_agents";
export const AGENT_USD_PER_SECOND = 0.0333;
const DEFAULT_OUTPUT_SECONDS = 60;
const MIN = 60_000;

export type Status = "thinking" | "waiting_for_input" | "reviewing" | "generating" | "completed" | "failed";
type Failure = { code: string; message: string };

export interface Run {
  id: string;
  startMs: number;
  thinkingMs: number;
  /** Pauses after thinking until a message answers (first run of a chat session). */
  waitsForInput: boolean;
  answeredAtMs: number | null;
  reviewMs: number;
  generateMs: number;
  outputSeconds: number;
  videoId: string | null;
  failure: Failure | null;
  stoppedAtMs: number | null;
}

export interface Message {
  atMs: number;
  runId: string;
  role: "user" | "model";
  type: "text" | "resource" | "error";
  content: string;
  resourceIds: string[];
}

export interface SessionResource {
  id: string;
  atMs: number;
  runId: string;
  type: string;
  source: "generated" | "user_uploaded";
  url: string | null;
  videoId: string | null;
  metadata: Record<string, unknown>;
}

export interface SessionRecord extends Resource {
  mode: "generate" | "chat";
  title: string;
  styleId: string | null;
  orientation: "landscape" | "portrait" | null;
  callbackId: string | null;
  callbackUrl: string | null;
  runs: Run[];
  messages: Message[];
  resources: SessionResource[];
}

export const sessionsOf = (account: Account) => account.collection<SessionRecord>(VIDEO_AGENT_COLLECTION);

// ---- planning ----

/** Output length asked for in the prompt ("a 30-second video", "2 minutes"), else 60 s; 5–300 s. */
export function outputSecondsOf(text: string): number {
  const m = /(\d+(?:\.\d+)?)\s*-?\s*(seconds?|secs?|s|minutes?|mins?)\b/i.exec(text);
  const n = m ? Number(m[1]) * (/^m/i.test(m[2] ?? "") ? 60 : 1) : DEFAULT_OUTPUT_SECONDS;
  return Math.min(300, Math.max(5, Math.round(n)));
}

export const costOf = (seconds: number) => Math.max(0.01, Math.round(seconds * AGENT_USD_PER_SECOND * 100) / 100);

export function titleOf(prompt: string): string {
  const words = prompt.replace(FAIL_MARKER, "").trim().split(/\s+/).slice(0, 8).join(" ");
  const title = words.length > 60 ? `${words.slice(0, 57)}…` : words;
  return title ? title.charAt(0).toUpperCase() + title.slice(1) : "Untitled video";
}

export function planRun(
  deps: SandboxDeps,
  now: number,
  outputSeconds: number,
  waitsForInput: boolean,
  text: string,
): Run {
  const fast = deps.timing === "fast";
  const total = Math.min(45 * MIN, Math.max(20 * MIN, 20 * MIN + outputSeconds * 5_000));
  const thinkingMs = fast ? 1_000 : 3 * MIN;
  const reviewMs = fast ? 1_000 : 4 * MIN;
  return {
    id: newId(),
    startMs: now,
    thinkingMs,
    waitsForInput,
    answeredAtMs: null,
    reviewMs,
    generateMs: fast ? 2_000 : total - thinkingMs - reviewMs,
    outputSeconds,
    videoId: null,
    failure: text.includes(FAIL_MARKER)
      ? { code: "video_agent_failed", message: `The sandbox failed this run on purpose (${FAIL_MARKER} in the input).` }
      : null,
    stoppedAtMs: null,
  };
}

/** When reviewing starts; null while the run still waits for an answer. */
function reviewStartOf(run: Run): number | null {
  const thought = run.startMs + run.thinkingMs;
  if (!run.waitsForInput) return thought;
  return run.answeredAtMs === null ? null : Math.max(thought, run.answeredAtMs);
}

export const generateStartOf = (run: Run) => {
  const review = reviewStartOf(run);
  return review === null ? null : review + run.reviewMs;
};

export const endOf = (run: Run) => {
  const gen = generateStartOf(run);
  return gen === null ? null : gen + run.generateMs;
};

export function runStatus(session: SessionRecord, run: Run, now: number): Status {
  if (run.stoppedAtMs !== null && now >= run.stoppedAtMs) {
    return completedVideoOf(session, run) ? "completed" : "failed";
  }
  if (now < run.startMs + run.thinkingMs) return "thinking";
  const review = reviewStartOf(run);
  const gen = generateStartOf(run);
  const end = endOf(run);
  if (review === null || gen === null || end === null) return "waiting_for_input";
  if (now < gen) return "reviewing";
  if (now < end) return "generating";
  return run.failure ? "failed" : "completed";
}

/** The newest video of an earlier run that completed (what a stopped revision falls back to). */
export function completedVideoOf(session: SessionRecord, before: Run): string | null {
  for (const run of [...session.runs].reverse()) {
    if (run === before || run.failure || run.stoppedAtMs !== null || !run.videoId) continue;
    const end = endOf(run);
    if (end !== null && end <= before.startMs) return run.videoId;
  }
  return null;
}

export function progressOf(status: Status, run: Run, now: number): number {
  const span = (from: number, to: number, lo: number, hi: number) =>
    Math.floor(lo + (hi - lo) * Math.min(1, Math.max(0, (now - from) / Math.max(1, to - from))));
  const thought = run.startMs + run.thinkingMs;
  const review = reviewStartOf(run) ?? thought;
  const gen = review + run.reviewMs;
  switch (status) {
    case "thinking":
      return span(run.startMs, thought, 0, 10);
    case "waiting_for_input":
      return 10;
    case "reviewing":
      return span(review, gen, 10, 25);
    case "generating":
      return Math.min(99, span(gen, gen + run.generateMs, 25, 99));
    default:
      return 100;
  }
}

/** The session's in-flight job (counts toward the limit and drives the video_agent webhook). */
export function jobOf(session: SessionRecord, run: Run): JobPlan | undefined {
  const relative = (atMs: number) => Math.max(0, atMs - run.startMs);
  if (run.stoppedAtMs !== null) {
    const failure = completedVideoOf(session, run)
      ? null
      : { code: "stopped", message: "The session was stopped before it produced a video." };
    return { createdAtMs: run.startMs, startAfterMs: 0, finishAfterMs: relative(run.stoppedAtMs), failure };
  }
  const end = endOf(run);
  if (end === null) return undefined;
  return { createdAtMs: run.startMs, startAfterMs: 0, finishAfterMs: relative(end), failure: run.failure };
}

export const latestRun = (session: SessionRecord): Run => {
  const run = session.runs[session.runs.length - 1];
  if (!run) throw new ApiError(500, "internal_error", "Session has no run.");
  return run;
};
