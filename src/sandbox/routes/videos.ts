/**
 * Videos (catalog §2.1): create (4 arms), list, get, delete. Status derives from the clock:
 * pending → processing → completed | failed; result URLs appear only once completed.
 */
import { toUnixSeconds } from "../clock.js";
import type { SandboxDeps } from "../deps.js";
import { notFound, ok } from "../envelope.js";
import { newId } from "../ids.js";
import { assertJobCapacity, FAIL_MARKER, finishedAtMs, type JobPlan, jobPhase, planJob } from "../jobs.js";
import { PAGE_SPECS, paginate } from "../pagination.js";
import type { Router } from "../router.js";
import { type Account, COLLECTIONS, type Resource } from "../store.js";
import { parseBody, queryText } from "../validate.js";
import { planVideo } from "./video-rules.js";
import { createVideoSchema } from "./video-schemas.js";

export interface VideoRecord extends Resource {
  job: JobPlan;
  kind: "avatar" | "image" | "cinematic_avatar" | "studio";
  title: string | null;
  folderId: string | null;
  outputFormat: "mp4" | "webm";
  durationSec: number;
  captionStyle: "default" | null | undefined;
  callbackId: string | null;
  callbackUrl: string | null;
}

export const videosOf = (account: Account) => account.collection<VideoRecord>(COLLECTIONS.videos);

/** URLs stay valid for 7 days, like HeyGen's presigned links. */
const URL_TTL_S = 7 * 24 * 3600;

export function renderVideo(v: VideoRecord, { clock, urls }: SandboxDeps) {
  const now = clock.now();
  const phase = jobPhase(v.job, now);
  const done = phase === "completed";
  const finished = finishedAtMs(v.job, now);
  const signed = (file: string) =>
    urls.media(file, { video_id: v.id, expires: String(toUnixSeconds(now) + URL_TTL_S) });
  return {
    id: v.id,
    title: v.title,
    status: phase === "queued" ? "pending" : phase === "running" ? "processing" : phase,
    created_at: toUnixSeconds(v.createdAtMs),
    completed_at: done && finished !== null ? toUnixSeconds(finished) : null,
    duration: done ? v.durationSec : null,
    folder_id: v.folderId,
    video_url: done ? signed(v.outputFormat === "webm" ? "video.webm" : "video.mp4") : null,
    thumbnail_url: done ? signed("thumbnail.jpg") : null,
    gif_url: done ? signed("preview.gif") : null,
    captioned_video_url: done && v.captionStyle === "default" ? signed("video.mp4") : null,
    subtitle_url: done && v.captionStyle !== undefined ? signed("captions.srt") : null,
    video_page_url: done ? `https://app.heygen.com/videos/${v.id}` : null,
    failure_code: phase === "failed" ? (v.job.failure?.code ?? null) : null,
    failure_message: phase === "failed" ? (v.job.failure?.message ?? null) : null,
  };
}

export function videoRoutes(r: Router, deps: SandboxDeps): void {
  const { clock, timing } = deps;

  r.post(
    "/v3/videos",
    (req) => {
      const body = parseBody(createVideoSchema, req.body);
      const plan = planVideo(deps, req, body);
      assertJobCapacity(req.account, clock);
      const now = clock.now();
      const chargeUsd = req.account.charge(plan.costUsd, now);
      const failure = plan.failed
        ? { code: "render_failed", message: `The sandbox failed this video on purpose (${FAIL_MARKER} in the input).` }
        : null;
      const outputFormat = "output_format" in body && body.output_format === "webm" ? "webm" : "mp4";
      const caption = "caption" in body ? body.caption : undefined;
      const video = videosOf(req.account).add({
        id: newId(),
        createdAtMs: now,
        job: planJob(timing, now, plan.seconds, failure),
        chargeUsd,
        kind: body.type,
        title: body.title ?? null,
        folderId: "folder_id" in body ? (body.folder_id ?? null) || null : null,
        outputFormat,
        durationSec: plan.seconds,
        captionStyle: caption ? (caption.style ?? null) : undefined,
        callbackId: "callback_id" in body ? (body.callback_id ?? null) : null,
        callbackUrl: "callback_url" in body ? (body.callback_url ?? null) : null,
      });
      return ok({ video_id: video.id, status: "waiting", output_format: outputFormat });
    },
    { idempotent: true, creates: true },
  );

  r.get("/v3/videos", (req) => {
    const title = queryText(req.query, "title")?.toLowerCase();
    const folderId = req.query.get("folder_id");
    const videos = videosOf(req.account)
      .list()
      .filter(
        (v) => (!title || (v.title ?? "").toLowerCase().includes(title)) && (!folderId || v.folderId === folderId),
      );
    return paginate(
      videos.map((v) => renderVideo(v, deps)),
      req.query,
      PAGE_SPECS.videos,
      (v) => v.id,
    );
  });

  r.get("/v3/videos/:video_id", (req) => {
    const video = videosOf(req.account).get(req.params.video_id ?? "");
    if (!video) throw notFound("video_not_found", `Video '${req.params.video_id}' was not found.`);
    return ok(renderVideo(video, deps));
  });

  r.delete("/v3/videos/:video_id", (req) => {
    const id = req.params.video_id ?? "";
    if (!videosOf(req.account).delete(id)) throw notFound("video_not_found", `Video '${id}' was not found.`);
    return ok({ id, deleted: true });
  });
}
