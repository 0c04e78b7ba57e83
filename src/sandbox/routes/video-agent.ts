/**
 * Video Agent (catalog §2.2): a prompt becomes a scripted, cast and rendered video.
 *
 * A session is a list of runs (the first from the prompt, then one per revision in chat mode), each
 * derived from the clock: thinking → [waiting_for_input] → reviewing → generating → completed | failed.
 * Only the first run of a `chat` session pauses in `waiting_for_input` until a message answers it;
 * `generate` sessions and revisions proceed on their own. Each run that renders adds a record to the
 * shared videos store, so `GET /v3/videos/{video_id}` and `GET /v3/videos` show it too.
 *
 * [inf] choices (the catalog is silent):
 * - Timing: fast 1 s thinking + 1 s reviewing + 2 s generating; realistic 3 min + 4 min + the rest of
 *   20–45 min (scaled with the output length). A chat answer resumes at reviewing.
 * - Billing: $0.0333 per second of output (length read from "N seconds/minutes" in the prompt, else
 *   60 s; 5–300 s), charged on the video record when its run is planned (create in generate mode,
 *   the answer in chat mode, each revision); a chat create only checks the balance. A failed or
 *   stopped render is refunded by the store.
 * - Stop halts the current run now: status `failed`, or `completed` when an earlier run produced a
 *   video; an unfinished render fails with `stopped`. Stopping a terminal session changes nothing.
 * - A message to a `generate` session → 400 invalid_parameter; unknown session → 404 `not_found`;
 *   unknown or not-yet-produced resource → 404 `resource_not_found`; unknown style → 404 `not_found`.
 * - Put `[sandbox:fail]` in the prompt (or a revision message) to make that run fail.
 * - Not in §1.7, so no Idempotency-Key. A running session and its render each count toward the
 *   10-jobs-in-flight limit; a session waiting for input counts for nothing.
 */
import { z } from "zod";
import { assertAssetExists, assetInputSchema } from "../asset-input.js";
import { toUnixSeconds } from "../clock.js";
import type { SandboxDeps } from "../deps.js";
import { ApiError, badParam, list, notFound, ok } from "../envelope.js";
import { newId } from "../ids.js";
import { assertJobCapacity, FAIL_MARKER, type JobPlan, jobPhase } from "../jobs.js";
import { PAGE_SPECS, paginate } from "../pagination.js";
import type { ApiRequest, Router } from "../router.js";
import type { Account, Resource } from "../store.js";
import { parseBody, queryText } from "../validate.js";
import { registerWebhookSource } from "../webhook-delivery.js";
import { renderVideo, type VideoRecord, videosOf } from "./videos.js";

export const VIDEO_AGENT_COLLECTION = "video_agents";
export const AGENT_USD_PER_SECOND = 0.0333;
const DEFAULT_OUTPUT_SECONDS = 60;
const MAX_MESSAGES = 40;
const MIN = 60_000;

type Status = "thinking" | "waiting_for_input" | "reviewing" | "generating" | "completed" | "failed";
type Failure = { code: string; message: string };

interface Run {
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

interface Message {
  atMs: number;
  runId: string;
  role: "user" | "model";
  type: "text" | "resource" | "error";
  content: string;
  resourceIds: string[];
}

interface SessionResource {
  id: string;
  atMs: number;
  runId: string;
  type: string;
  source: "generated" | "user_uploaded";
  url: string | null;
  videoId: string | null;
  metadata: Record<string, unknown>;
}

interface SessionRecord extends Resource {
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

const sessionsOf = (account: Account) => account.collection<SessionRecord>(VIDEO_AGENT_COLLECTION);

// ---- seeded styles (shared, read-only) ----

interface StyleSeed {
  style_id: string;
  name: string;
  tags: string[];
  aspect_ratio: string;
}

const STYLES: StyleSeed[] = [
  { style_id: "style_cinematic_documentary", name: "Cinematic Documentary", tags: ["cinematic"], aspect_ratio: "16:9" },
  { style_id: "style_cinematic_noir", name: "Film Noir", tags: ["cinematic", "iconic-artist"], aspect_ratio: "16:9" },
  { style_id: "style_retro_terminal", name: "Retro Terminal", tags: ["retro-tech"], aspect_ratio: "16:9" },
  { style_id: "style_vaporwave", name: "Vaporwave", tags: ["retro-tech", "pop-culture"], aspect_ratio: "9:16" },
  { style_id: "style_pop_art", name: "Pop Art", tags: ["iconic-artist", "pop-culture"], aspect_ratio: "1:1" },
  { style_id: "style_paper_cutout", name: "Paper Cut-out", tags: ["handmade"], aspect_ratio: "16:9" },
  { style_id: "style_claymation", name: "Claymation", tags: ["handmade"], aspect_ratio: "1:1" },
  { style_id: "style_newsprint", name: "Newsprint", tags: ["print"], aspect_ratio: "9:16" },
  { style_id: "style_risograph", name: "Risograph Poster", tags: ["print", "handmade"], aspect_ratio: "9:16" },
];

// ---- request schemas (operations.json) ----

const filesSchema = z.array(assetInputSchema).max(20).nullish();

const createSchema = z.strictObject({
  prompt: z.string().min(1).max(10_000),
  mode: z.enum(["generate", "chat"]).optional(),
  avatar_id: z.string().min(1).nullish(),
  voice_id: z.string().min(1).nullish(),
  style_id: z.string().min(1).nullish(),
  brand_kit_id: z.string().min(1).nullish(),
  orientation: z.enum(["landscape", "portrait"]).nullish(),
  incognito_mode: z.boolean().optional(),
  files: filesSchema,
  callback_id: z.string().nullish(),
  callback_url: z.url({ protocol: /^https?$/ }).nullish(),
  // In the schema 2026-04-09…10 only; the catalog lets a simulator accept and ignore them.
  auto_proceed: z.boolean().nullish(),
  skip_agentic_stop: z.boolean().nullish(),
});

const messageSchema = z.strictObject({
  message: z.string().min(1),
  avatar_id: z.string().min(1).nullish(),
  voice_id: z.string().min(1).nullish(),
  brand_kit_id: z.string().min(1).nullish(),
  files: filesSchema,
});

const stopSchema = z.strictObject({});

type Files = z.output<typeof filesSchema>;

// ---- planning ----

/** Output length asked for in the prompt ("a 30-second video", "2 minutes"), else 60 s; 5–300 s. */
function outputSecondsOf(text: string): number {
  const m = /(\d+(?:\.\d+)?)\s*-?\s*(seconds?|secs?|s|minutes?|mins?)\b/i.exec(text);
  const n = m ? Number(m[1]) * (/^m/i.test(m[2] ?? "") ? 60 : 1) : DEFAULT_OUTPUT_SECONDS;
  return Math.min(300, Math.max(5, Math.round(n)));
}

const costOf = (seconds: number) => Math.max(0.01, Math.round(seconds * AGENT_USD_PER_SECOND * 100) / 100);

function titleOf(prompt: string): string {
  const words = prompt.replace(FAIL_MARKER, "").trim().split(/\s+/).slice(0, 8).join(" ");
  const title = words.length > 60 ? `${words.slice(0, 57)}…` : words;
  return title ? title.charAt(0).toUpperCase() + title.slice(1) : "Untitled video";
}

function planRun(deps: SandboxDeps, now: number, outputSeconds: number, waitsForInput: boolean, text: string): Run {
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

const generateStartOf = (run: Run) => {
  const review = reviewStartOf(run);
  return review === null ? null : review + run.reviewMs;
};

const endOf = (run: Run) => {
  const gen = generateStartOf(run);
  return gen === null ? null : gen + run.generateMs;
};

function runStatus(session: SessionRecord, run: Run, now: number): Status {
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
function completedVideoOf(session: SessionRecord, before: Run): string | null {
  for (const run of [...session.runs].reverse()) {
    if (run === before || run.failure || run.stoppedAtMs !== null || !run.videoId) continue;
    const end = endOf(run);
    if (end !== null && end <= before.startMs) return run.videoId;
  }
  return null;
}

function progressOf(status: Status, run: Run, now: number): number {
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
function jobOf(session: SessionRecord, run: Run): JobPlan | undefined {
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

const latestRun = (session: SessionRecord): Run => {
  const run = session.runs[session.runs.length - 1];
  if (!run) throw new ApiError(500, "internal_error", "Session has no run.");
  return run;
};

// ---- scheduling: the messages, resources and render of a run whose timeline is known ----

function scheduleUntilWaiting(session: SessionRecord, run: Run): void {
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
function scheduleRender(session: SessionRecord, run: Run): void {
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
function createVideo(session: SessionRecord, run: Run, account: Account, nowMs: number): void {
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

function addMessage(
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

function addResource(
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

const FILE_TYPES: Record<string, string> = {
  "image/png": "image",
  "image/jpeg": "image",
  "image/jpg": "image",
  "video/mp4": "video",
  "video/webm": "video",
  "audio/mpeg": "audio",
  "audio/mp3": "audio",
  "audio/wav": "audio",
  "audio/x-wav": "audio",
  "audio/wave": "audio",
  "application/pdf": "document",
};
const EXTENSIONS: Record<string, string> = {
  png: "image",
  jpg: "image",
  jpeg: "image",
  mp4: "video",
  webm: "video",
  mp3: "audio",
  wav: "audio",
  pdf: "document",
};
const ALLOWED = "PNG, JPEG, MP4, WebM, MP3, WAV or PDF";

/** Validates attachments (types of §1.8, asset ids) and records them as user_uploaded resources. */
function attachFiles(
  deps: SandboxDeps,
  account: Account,
  files: Files,
): (s: SessionRecord, r: Run, atMs: number) => string[] {
  const entries = (files ?? []).map((file, i) => {
    const at = `files.${i}`;
    assertAssetExists(deps.store, account, file, at);
    if (file.type === "base64") {
      const type = FILE_TYPES[file.media_type.toLowerCase()];
      if (!type) throw badParam(`${at}.media_type`, `Attachments must be ${ALLOWED}; got ${file.media_type}.`);
      return { type, url: null, metadata: { media_type: file.media_type } };
    }
    if (file.type === "url") {
      const ext = /\.([a-z0-9]+)$/i.exec(new URL(file.url).pathname)?.[1]?.toLowerCase();
      if (ext && !EXTENSIONS[ext]) throw badParam(`${at}.url`, `Attachments must be ${ALLOWED}; got .${ext}.`);
      return { type: (ext && EXTENSIONS[ext]) || "file", url: file.url, metadata: {} };
    }
    return { type: "file", url: null, metadata: { asset_id: file.asset_id } };
  });
  return (session, run, atMs) =>
    entries.map((e) => addResource(session, run, atMs, e.type, "user_uploaded", e.url, null, e.metadata).id);
}

function assertCast(
  deps: SandboxDeps,
  account: Account,
  body: { avatar_id?: string | null; voice_id?: string | null },
) {
  const { avatar_id: avatarId, voice_id: voiceId } = body;
  if (avatarId && !deps.store.findLook(account, avatarId) && !deps.store.findGroup(account, avatarId)) {
    throw notFound("avatar_not_found", `Avatar '${avatarId}' was not found.`, "avatar_id");
  }
  if (voiceId && !deps.store.findVoice(account, voiceId)) {
    throw notFound("voice_not_found", `Voice '${voiceId}' was not found.`, "voice_id");
  }
}

function assertBalance(account: Account, usd: number, nowMs: number): void {
  const have = account.balanceUsd(nowMs);
  if (have < usd) {
    throw new ApiError(
      402,
      "insufficient_credit",
      `Insufficient balance: this session needs about $${usd.toFixed(2)} but the account has $${have.toFixed(2)}.`,
    );
  }
}

// ---- rendering ----

function findSession(req: ApiRequest): SessionRecord {
  const id = req.params.session_id ?? "";
  const session = sessionsOf(req.account).get(id);
  if (!session) throw notFound("not_found", `Video Agent session '${id}' was not found.`, "session_id");
  return session;
}

const titleAt = (session: SessionRecord, now: number): string | null => {
  const first = session.runs[0];
  return first && now >= first.startMs + first.thinkingMs ? session.title : null;
};

function currentVideoId(session: SessionRecord, run: Run, now: number): string | null {
  if (run.stoppedAtMs !== null) return completedVideoOf(session, run) ?? run.videoId;
  const gen = generateStartOf(run);
  if (run.videoId && (session.runs.length === 1 || (gen !== null && now >= gen))) return run.videoId;
  const earlier = [...session.runs].reverse().find((r) => r !== run && r.videoId);
  return earlier?.videoId ?? run.videoId;
}

function renderSession(session: SessionRecord, now: number) {
  const run = latestRun(session);
  const status = runStatus(session, run, now);
  return {
    session_id: session.id,
    status,
    progress: progressOf(status, run, now),
    title: titleAt(session, now),
    video_id: currentVideoId(session, run, now),
    created_at: toUnixSeconds(session.createdAtMs),
    messages: session.messages
      .filter((m) => m.atMs <= now)
      .sort((a, b) => a.atMs - b.atMs)
      .reverse()
      .slice(0, MAX_MESSAGES)
      .map((m) => ({
        role: m.role,
        type: m.type,
        content: m.content,
        created_at: toUnixSeconds(m.atMs),
        resource_ids: m.resourceIds,
      })),
  };
}

function renderResource(r: SessionResource, account: Account, deps: SandboxDeps) {
  const video = r.videoId ? videosOf(account).get(r.videoId) : undefined;
  const shown = video ? renderVideo(video, deps) : null;
  const isImage = r.type === "image" && r.url !== null;
  return {
    resource_id: r.id,
    resource_type: r.type,
    source_type: r.source,
    url: shown ? shown.video_url : r.url,
    preview_url: shown ? shown.gif_url : r.type === "draft" ? deps.urls.media("preview.png") : isImage ? r.url : null,
    thumbnail_url: shown ? shown.thumbnail_url : isImage ? r.url : null,
    metadata: r.metadata,
    created_at: toUnixSeconds(r.atMs),
  };
}

// The video_agent.success|fail payload (not documented): the generic one plus the session's video.
registerWebhookSource(VIDEO_AGENT_COLLECTION, (record, outcome, deps) => {
  const session = record as SessionRecord;
  const run = latestRun(session);
  const failed = outcome === "failed";
  return {
    type: failed ? "video_agent.fail" : "video_agent.success",
    entityId: session.id,
    callbackUrl: session.callbackUrl,
    data: {
      session_id: session.id,
      status: outcome,
      video_id: currentVideoId(session, run, deps.clock.now()),
      ...(failed ? { message: record.job?.failure?.message ?? null } : {}),
      callback_id: session.callbackId,
    },
  };
});

// ---- routes ----

export function videoAgentRoutes(r: Router, deps: SandboxDeps): void {
  const { clock } = deps;

  r.post(
    "/v3/video-agents",
    (req) => {
      const body = parseBody(createSchema, req.body);
      const account = req.account;
      assertCast(deps, account, body);
      if (body.style_id && !STYLES.some((s) => s.style_id === body.style_id)) {
        throw notFound("not_found", `Style '${body.style_id}' was not found.`, "style_id");
      }
      const attach = attachFiles(deps, account, body.files);
      assertJobCapacity(account, clock);
      const now = clock.now();
      const mode = body.mode ?? "generate";
      const run = planRun(deps, now, outputSecondsOf(body.prompt), mode === "chat", body.prompt);
      assertBalance(account, costOf(run.outputSeconds), now);
      const session: SessionRecord = {
        id: newId(),
        createdAtMs: now,
        mode,
        title: titleOf(body.prompt),
        styleId: body.style_id ?? null,
        orientation: body.orientation ?? null,
        callbackId: body.callback_id ?? null,
        callbackUrl: body.callback_url ?? null,
        runs: [run],
        messages: [],
        resources: [],
      };
      addMessage(session, run, now, "user", "text", body.prompt, attach(session, run, now));
      if (mode === "generate") createVideo(session, run, account, now);
      scheduleUntilWaiting(session, run);
      session.job = jobOf(session, run);
      sessionsOf(account).add(session);
      return ok({
        session_id: session.id,
        status: "thinking",
        video_id: run.videoId,
        created_at: toUnixSeconds(now),
      });
    },
    { creates: true },
  );

  r.get("/v3/video-agents", (req) => {
    const now = clock.now();
    const rows = sessionsOf(req.account)
      .list()
      .map((s) => ({ session_id: s.id, title: titleAt(s, now), created_at: toUnixSeconds(s.createdAtMs) }));
    return paginate(rows, req.query, PAGE_SPECS.videoAgents, (s) => s.session_id);
  });

  r.get("/v3/video-agents/styles", (req) => {
    const tag = queryText(req.query, "tag")?.toLowerCase();
    const rows = STYLES.filter((s) => !tag || s.tags.includes(tag)).map((s) => ({
      style_id: s.style_id,
      name: s.name,
      tags: s.tags,
      aspect_ratio: s.aspect_ratio,
      thumbnail_url: deps.urls.media("preview.png", { style_id: s.style_id }),
      preview_video_url: deps.urls.media("video.mp4", { style_id: s.style_id }),
    }));
    return paginate(rows, req.query, PAGE_SPECS.videoAgentStyles, (s) => s.style_id);
  });

  r.get("/v3/video-agents/:session_id", (req) => ok(renderSession(findSession(req), clock.now())));

  r.post("/v3/video-agents/:session_id", (req) => {
    const session = findSession(req);
    const body = parseBody(messageSchema, req.body);
    if (session.mode !== "chat") {
      throw badParam(
        null,
        `Session '${session.id}' was created with mode 'generate'; messages are accepted only in chat mode. Start a new session with mode 'chat'.`,
      );
    }
    const account = req.account;
    assertCast(deps, account, body);
    const attach = attachFiles(deps, account, body.files);
    const now = clock.now();
    let run = latestRun(session);
    const status = runStatus(session, run, now);
    if (status === "waiting_for_input") {
      // The answer: the run resumes at reviewing and its render is planned (and charged) now.
      assertJobCapacity(account, clock);
      assertBalance(account, costOf(run.outputSeconds), now);
      run.answeredAtMs = now;
      addMessage(session, run, now, "user", "text", body.message, attach(session, run, now));
      createVideo(session, run, account, now);
      scheduleRender(session, run);
      session.job = jobOf(session, run);
    } else if (status === "completed" || status === "failed") {
      // A revision: a new run that renders a new video. A new record object, so its webhook fires again.
      assertJobCapacity(account, clock);
      assertBalance(account, costOf(run.outputSeconds), now);
      const text = body.message;
      run = planRun(deps, now, run.outputSeconds, false, text);
      session.runs.push(run);
      addMessage(session, run, now, "user", "text", text, attach(session, run, now));
      createVideo(session, run, account, now);
      scheduleUntilWaiting(session, run);
      sessionsOf(account).add({ ...session, job: jobOf(session, run), refunded: false });
    } else {
      // Busy: the message is extra context for the running agent.
      addMessage(session, run, now, "user", "text", body.message, attach(session, run, now));
    }
    return ok({ session_id: session.id, run_id: run.id, title: titleAt(session, now) });
  });

  r.post("/v3/video-agents/:session_id/stop", (req) => {
    const session = findSession(req);
    parseBody(stopSchema, req.body ?? {});
    const now = clock.now();
    const run = latestRun(session);
    const status = runStatus(session, run, now);
    if (status !== "completed" && status !== "failed") {
      run.stoppedAtMs = now;
      session.messages = session.messages.filter((m) => m.runId !== run.id || m.atMs <= now);
      session.resources = session.resources.filter((x) => x.runId !== run.id || x.atMs <= now);
      const video = run.videoId ? videosOf(req.account).get(run.videoId) : undefined;
      if (video && jobPhase(video.job, now) !== "completed") {
        video.job = {
          ...video.job,
          finishAfterMs: Math.max(0, now - video.createdAtMs),
          failure: { code: "stopped", message: "The Video Agent session was stopped before this video finished." },
        };
      }
      const kept = completedVideoOf(session, run);
      addMessage(session, run, now, "model", kept ? "text" : "error", "Stopped at your request.", []);
      session.job = jobOf(session, run);
    }
    return ok({ session_id: session.id });
  });

  r.get("/v3/video-agents/:session_id/resources/:resource_id", (req) => {
    const session = findSession(req);
    const id = req.params.resource_id ?? "";
    const resource = session.resources.find((x) => x.id === id && x.atMs <= clock.now());
    if (!resource) {
      throw notFound("resource_not_found", `Resource '${id}' was not found in session '${session.id}'.`, "resource_id");
    }
    return ok(renderResource(resource, req.account, deps));
  });

  r.get("/v3/video-agents/:session_id/videos", (req) => {
    const session = findSession(req);
    const videos = videosOf(req.account);
    const rows = [...session.runs]
      .reverse()
      .map((run) => (run.videoId ? videos.get(run.videoId) : undefined))
      .filter((v): v is VideoRecord => v !== undefined)
      .map((v) => renderVideo(v, deps));
    return list(rows, false, null);
  });
}
