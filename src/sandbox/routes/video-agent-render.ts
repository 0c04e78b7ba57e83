/**
 * How a Video Agent session, its resources and its webhook payload look from the outside.
 */
import { toUnixSeconds } from "../clock.js";
import type { SandboxDeps } from "../deps.js";
import { notFound } from "../envelope.js";
import type { ApiRequest } from "../router.js";
import type { Account } from "../store.js";
import { registerWebhookSource } from "../webhook-delivery.js";
import {
  completedVideoOf,
  generateStartOf,
  latestRun,
  progressOf,
  type Run,
  runStatus,
  type SessionRecord,
  type SessionResource,
  sessionsOf,
  VIDEO_AGENT_COLLECTION,
} from "./video-agent-session.js";
import { renderVideo, videosOf } from "./videos.js";

const MAX_MESSAGES = 40;

export function findSession(req: ApiRequest): SessionRecord {
  const id = req.params.session_id ?? "";
  const session = sessionsOf(req.account).get(id);
  if (!session) throw notFound("not_found", `Video Agent session '${id}' was not found.`, "session_id");
  return session;
}

export const titleAt = (session: SessionRecord, now: number): string | null => {
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

export function renderSession(session: SessionRecord, now: number) {
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

export function renderResource(r: SessionResource, account: Account, deps: SandboxDeps) {
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
