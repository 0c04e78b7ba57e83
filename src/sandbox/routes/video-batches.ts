/**
 * Video batches and bulk statuses (catalog §2.1, §1.9). A batch's items are validated like
 * POST /v3/videos: a schema error rejects the whole request (400, param `videos.N.…`); a semantic
 * error (unknown avatar, voice, asset …) fails only that item. Valid items become ordinary videos,
 * rendered ten at a time: item `queued → processing → completed | failed` follows its video's job.
 * Aggregate: `processing` while any item is in flight, then `completed`, or `failed` if every item failed.
 */
import { z } from "zod";
import { toUnixSeconds } from "../clock.js";
import type { SandboxDeps } from "../deps.js";
import { ApiError, badParam, list, notFound, ok } from "../envelope.js";
import { newId } from "../ids.js";
import { FAIL_MARKER, type JobPlan, jobPhase, MAX_IN_FLIGHT_JOBS, planJob } from "../jobs.js";
import { PAGE_SPECS, paginate } from "../pagination.js";
import type { ApiRequest, Router } from "../router.js";
import type { Account, Resource } from "../store.js";
import { parseBody } from "../validate.js";
import { planVideo, type VideoPlan } from "./video-rules.js";
import { type CreateVideoBody, createVideoSchema } from "./video-schemas.js";
import { renderVideo, videosOf } from "./videos.js";

type ItemStatus = "queued" | "processing" | "completed" | "failed";
const ITEM_STATUSES: readonly ItemStatus[] = ["queued", "processing", "completed", "failed"];

interface ItemError {
  code: string;
  message: string;
  param: string | null;
}

interface BatchItem {
  videoId: string | null;
  /** A copy of the video's job, so the item keeps its status if the video is later deleted. */
  job: JobPlan | null;
  error: ItemError | null;
}

interface BatchRecord extends Resource {
  title: string | null;
  callbackUrl: string | null;
  items: BatchItem[];
}

export const batchesOf = (account: Account) => account.collection<BatchRecord>("video_batches");

const createBatchSchema = z.strictObject({
  videos: z.array(createVideoSchema).min(1).max(100),
  title: z.string().nullish(),
  callback_url: z.url().nullish(),
});

/** Batches render at most this many videos at once; later items wait their turn. */
const WAVE = MAX_IN_FLIGHT_JOBS;

function itemStatus(item: BatchItem, now: number): ItemStatus {
  if (item.error || !item.job) return "failed";
  const phase = jobPhase(item.job, now);
  return phase === "running" ? "processing" : phase;
}

function itemError(item: BatchItem, now: number): ItemError | null {
  if (item.error) return item.error;
  if (item.job?.failure && jobPhase(item.job, now) === "failed") return { ...item.job.failure, param: null };
  return null;
}

function summarize(batch: BatchRecord, now: number) {
  const counts = Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as Record<ItemStatus, number>;
  for (const item of batch.items) counts[itemStatus(item, now)] += 1;
  const inFlight = counts.queued + counts.processing > 0;
  const status = inFlight ? "processing" : counts.completed > 0 ? "completed" : "failed";
  return {
    batch_id: batch.id,
    title: batch.title,
    status,
    total_items: batch.items.length,
    counts_by_status: counts,
    created_at: toUnixSeconds(batch.createdAtMs),
  };
}

const renderItem = (item: BatchItem, index: number, now: number) => ({
  item_index: index,
  status: itemStatus(item, now),
  video_id: item.videoId,
  error: itemError(item, now),
});

interface Planned {
  body: CreateVideoBody;
  plan: VideoPlan | null;
  error: ItemError | null;
}

function planItem(deps: SandboxDeps, req: ApiRequest, body: CreateVideoBody): Planned {
  try {
    return { body, plan: planVideo(deps, req, body), error: null };
  } catch (err) {
    if (!(err instanceof ApiError) || err.status === 402 || err.status === 429) throw err;
    return { body, plan: null, error: { code: err.code, message: err.message, param: err.param } };
  }
}

export function videoBatchRoutes(r: Router, deps: SandboxDeps): void {
  const { clock, timing } = deps;

  r.post(
    "/v3/videos/batches",
    (req) => {
      const body = parseBody(createBatchSchema, req.body);
      const planned = body.videos.map((v) => planItem(deps, req, v));
      const now = clock.now();
      const total = planned.reduce((sum, p) => sum + (p.plan?.costUsd ?? 0), 0);
      if (total > 0) req.account.charge(total, now);
      let wave = 0;
      const items = planned.map(({ body: v, plan, error }): BatchItem => {
        if (!plan) return { videoId: null, job: null, error };
        const first = planJob(timing, now, plan.seconds);
        const offset = Math.floor(wave++ / WAVE) * first.finishAfterMs;
        const failure = plan.failed
          ? {
              code: "render_failed",
              message: `The sandbox failed this video on purpose (${FAIL_MARKER} in the input).`,
            }
          : null;
        const job = planJob(timing, now + offset, plan.seconds, failure);
        const caption = "caption" in v ? v.caption : undefined;
        const video = videosOf(req.account).add({
          id: newId(),
          createdAtMs: now,
          job,
          chargeUsd: plan.costUsd,
          kind: v.type,
          title: v.title ?? null,
          folderId: "folder_id" in v ? v.folder_id || null : null,
          outputFormat: "output_format" in v && v.output_format === "webm" ? "webm" : "mp4",
          durationSec: plan.seconds,
          captionStyle: caption ? (caption.style ?? null) : undefined,
          callbackId: "callback_id" in v ? (v.callback_id ?? null) : null,
          callbackUrl: "callback_url" in v ? (v.callback_url ?? null) : null,
        });
        return { videoId: video.id, job: { ...job }, error: null };
      });
      const batch = batchesOf(req.account).add({
        id: newId(),
        createdAtMs: now,
        title: body.title ?? null,
        callbackUrl: body.callback_url ?? null,
        items,
      });
      return ok(summarize(batch, now), 202);
    },
    { idempotent: true, creates: true },
  );

  r.get("/v3/videos/batches/:batch_id", (req) => {
    const batch = batchesOf(req.account).get(req.params.batch_id ?? "");
    if (!batch) throw notFound("not_found", `Batch '${req.params.batch_id}' was not found.`);
    const now = clock.now();
    const rows = batch.items.map((item, i) => renderItem(item, i, now));
    const page = paginate(rows, req.query, PAGE_SPECS.batchItems, (row) => String(row.item_index)).body as {
      data: unknown[];
      has_more: boolean;
      next_token: string | null;
    };
    return ok({ ...summarize(batch, now), items: page.data, has_more: page.has_more, next_token: page.next_token });
  });

  r.get("/v3/videos/statuses", (req) => {
    const ids = (name: string) =>
      (req.query.get(name) ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
    const videoIds = ids("video_ids");
    const batchIds = ids("batch_ids");
    if (videoIds.length + batchIds.length === 0) throw badParam("video_ids", "Provide video_ids and/or batch_ids.");
    if (videoIds.length + batchIds.length > 100) {
      throw badParam(videoIds.length > 0 ? "video_ids" : "batch_ids", "At most 100 ids per request.");
    }
    const now = clock.now();
    const entries: Record<string, unknown>[] = videoIds.map((id) => {
      const video = videosOf(req.account).get(id);
      if (!video) return { video_id: id, status: "not_found" };
      const v = renderVideo(video, deps);
      const error = v.status === "failed" ? { code: v.failure_code, message: v.failure_message } : null;
      return { video_id: id, status: v.status, error };
    });
    for (const id of batchIds) {
      const batch = batchesOf(req.account).get(id);
      if (!batch) {
        entries.push({ batch_id: id, status: "not_found" });
        continue;
      }
      batch.items.forEach((item, i) => {
        entries.push({ batch_id: id, ...renderItem(item, i, now) });
      });
    }
    return list(entries, false, null);
  });
}
