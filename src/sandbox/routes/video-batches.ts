/**
 * Video batches and bulk statuses (catalog §2.1, §1.9). A batch's items are validated like
 * POST /v3/videos: a schema error rejects the whole request (400, param `videos.N.…`); a semantic
 * error (unknown avatar, voice, asset …) fails only that item. Valid items become ordinary videos,
 * rendered ten at a time: item `queued → processing → completed | failed` follows its video's job.
 * Aggregate: `processing` while any item is in flight, then `completed`, or `failed` if every item failed.
 */
import { z } from "zod";
import { batchRoutes, chargeBatch, type ItemError, toItemError } from "../batches.js";
import type { SandboxDeps } from "../deps.js";
import { newId } from "../ids.js";
import { FAIL_MARKER } from "../jobs.js";
import type { ApiRequest, Router } from "../router.js";
import { planVideo, type VideoPlan } from "./video-rules.js";
import { type CreateVideoBody, createVideoSchema } from "./video-schemas.js";
import { renderVideo, videosOf } from "./videos.js";

const createBatchSchema = z.strictObject({
  videos: z.array(createVideoSchema).min(1).max(100),
  title: z.string().nullish(),
  callback_url: z.url().nullish(),
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
    return { body, plan: null, error: toItemError(err) };
  }
}

export function videoBatchRoutes(r: Router, deps: SandboxDeps): void {
  batchRoutes(r, deps, {
    base: "/v3/videos",
    collection: "video_batches",
    schema: createBatchSchema,
    createItems(req, body, now, schedule) {
      const planned = body.videos.map((v) => planItem(deps, req, v));
      chargeBatch(
        req.account,
        planned.map((p) => p.plan?.costUsd ?? 0),
        now,
      );
      return planned.map(({ body: v, plan, error }) => {
        if (!plan) return { resourceId: null, job: null, error };
        const failure = plan.failed
          ? {
              code: "render_failed",
              message: `The sandbox failed this video on purpose (${FAIL_MARKER} in the input).`,
            }
          : null;
        const job = schedule(plan.seconds, failure);
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
        return { resourceId: video.id, job: { ...job }, error: null };
      });
    },
    idsParam: "video_ids",
    statusOf(account, id) {
      const video = videosOf(account).get(id);
      if (!video) return undefined;
      const v = renderVideo(video, deps);
      const error = v.status === "failed" ? { code: v.failure_code, message: v.failure_message } : null;
      return { video_id: id, status: v.status, error };
    },
  });
}
