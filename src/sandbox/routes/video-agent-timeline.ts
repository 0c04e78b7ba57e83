/**
 * The messages, resources and render of a Video Agent run whose timeline is known. Each is stamped
 * with the time it appears, so reads filter by the clock instead of anything firing on a timer.
 */
import { badParam } from "../envelope.js";
import { newId } from "../ids.js";
import { type JobSteer, steerJob } from "../jobs.js";
import type { Account } from "../store.js";
import {
  costOf,
  endOf,
  generateStartOf,
  jobOf,
  latestRun,
  type Message,
  type Run,
  type SessionRecord,
  type SessionResource,
} from "./video-agent-session.js";
import { type VideoRecord, videosOf } from "./videos.js";

export function scheduleUntilWaiting(session: SessionRecord, run: Run): void {
  const thought = run.startMs + run.thinkingMs;
  const draft = addResource(session, run, thought, "draft", "generated", null, null, {
    title: session.title,
    scenes: Math.max(2, Math.round(run.outputSeconds / 12)),
    duration_seconds: run.outputSeconds,
    style_id: session.styleId,
    orientation: session.orientation ?? "landscape",
  });
  const content = run.waitsForInput
    ? `I drafted a storyboard for "${session.title}" (about ${run.outputSeconds} s). Shall I go ahead, or what should change? You can also pick an avatar or a voice.`
    : `Storyboard for "${session.title}" is ready (about ${run.outputSeconds} s).`;
  addMessage(session, run, thought, "model", "text", content, [draft.id]);
  if (!run.waitsForInput) scheduleRender(session, run);
}

/** The messages and the video resource of a run whose timeline is known (after createVideo). */
export function scheduleRender(session: SessionRecord, run: Run): void {
  const gen = generateStartOf(run);
  const end = endOf(run);
  if (gen === null || end === null) return;
  addMessage(session, run, gen, "model", "text", "Rendering your video now.", []);
  if (run.failure) {
    addMessage(session, run, end, "model", "error", run.failure.message, []);
    return;
  }
  const video = addResource(session, run, end, "video", "generated", null, run.videoId, {
    video_id: run.videoId,
    duration: run.outputSeconds,
  });
  addMessage(session, run, end, "model", "resource", "Your video is ready.", [video.id]);
}

/** Adds the run's render to the shared videos store, charged now; pending until generating starts. */
export function createVideo(session: SessionRecord, run: Run, account: Account, nowMs: number): void {
  const genStart = generateStartOf(run);
  const end = endOf(run);
  if (genStart === null || end === null) return;
  const chargeUsd = account.charge(costOf(run.outputSeconds), nowMs);
  const video = videosOf(account).add({
    id: newId(),
    createdAtMs: nowMs,
    job: {
      createdAtMs: nowMs,
      startAfterMs: genStart - nowMs,
      finishAfterMs: end - nowMs,
      failure: run.failure ? { code: "render_failed", message: run.failure.message } : null,
    },
    chargeUsd,
    // The agent composes multi-scene videos: the closest of the store's kinds.
    kind: "studio",
    title: session.title,
    folderId: null,
    outputFormat: "mp4",
    durationSec: run.outputSeconds,
    captionStyle: undefined,
    callbackId: null,
    callbackUrl: null,
  } satisfies VideoRecord);
  run.videoId = video.id;
}

export function addMessage(
  session: SessionRecord,
  run: Run,
  atMs: number,
  role: Message["role"],
  type: Message["type"],
  content: string,
  resourceIds: string[],
): void {
  session.messages.push({ atMs, runId: run.id, role, type, content, resourceIds });
}

export function addResource(
  session: SessionRecord,
  run: Run,
  atMs: number,
  type: string,
  source: SessionResource["source"],
  url: string | null,
  videoId: string | null,
  metadata: Record<string, unknown>,
): SessionResource {
  const resource: SessionResource = { id: newId(), atMs, runId: run.id, type, source, url, videoId, metadata };
  session.resources.push(resource);
  return resource;
}

/**
 * Test control (admin.ts): hold the latest run in `generating` forever, or end it (failed or not) `after_ms`
 * from now. What the run would still show is dropped and scheduled again on the new timeline, and its video
 * follows.
 */
export function steerSession(session: SessionRecord, account: Account, steer: JobSteer, nowMs: number): void {
  const run = latestRun(session);
  const gen = generateStartOf(run);
  if (gen === null) throw badParam(null, "The session is waiting for input; answer it before steering it.");
  const end =
    steer.outcome === "never_finish" ? Number.POSITIVE_INFINITY : Math.max(gen, nowMs + (steer.after_ms ?? 0));
  const isLater = (item: { runId: string; atMs: number }) => item.runId === run.id && item.atMs >= gen;
  session.messages = session.messages.filter((m) => !isLater(m));
  session.resources = session.resources.filter((r) => !isLater(r));
  run.generateMs = end - gen;
  if (steer.outcome !== "never_finish") {
    run.failure =
      steer.outcome === "fail"
        ? (steer.failure ?? { code: "video_agent_failed", message: "The sandbox failed this run on request." })
        : null;
  }
  scheduleRender(session, run);
  session.job = jobOf(session, run);
  const video = run.videoId ? videosOf(account).get(run.videoId) : undefined;
  if (video) steerJob(video.job, steer, nowMs);
}
