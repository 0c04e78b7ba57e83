/**
 * Post-production jobs (catalog §2.11): AI clipping and background removal.
 *
 * AI clipping: a job `pending → running → completed | failed` (`cancelled` exists in the enum but
 * nothing cancels). `clips` is empty while pending; once running it lists one clip per requested
 * duration (`pending`), each clip completing in turn as progress passes its share, all `completed`
 * (with title, duration, aspect ratio, virality score and links) when the job is; all `failed` when
 * the job fails. GET reports live `progress`, the list a coarse one (0 until completed, then 100);
 * `output_settings` is never returned (HeyGen does not persist it). DELETE is a soft delete: the job
 * then answers 404. Terminal jobs emit `ai_clipping.success|fail` whose payload is the job resource.
 *
 * Background removal: `pending → processing → completed | failed`, then `deleted` after a soft
 * delete (GET still answers, the list no longer shows it, `layers` empties). `layers` maps each
 * requested layer (default all three) to a link once completed. HeyGen ignores Idempotency-Key here;
 * instead the body's `request_id` dedups per account: a repeat returns the original job (even with
 * other content) and charges nothing.
 *
 * [inf] choices: the sandbox never downloads inputs, so a clipping source is assumed to last
 * CLIP_SOURCE_SECONDS and a background-removal video REMOVAL_SECONDS; prices (unpublished) are
 * $0.01/s of clipping source and $0.02/s of background-removal video, charged at create
 * (402 `insufficient_credit`) and refunded on failure; default clip durations are 30 and 60 s;
 * `[sandbox:fail]` in the title (or the clipping prompt) makes the job fail; unknown ids are 404
 * `not_found` (the catalog names no specific code).
 */
import { z } from "zod";
import { assertAssetExists, assetInputSchema, assetRefSchema } from "../asset-input.js";
import { toUnixSeconds } from "../clock.js";
import type { SandboxDeps } from "../deps.js";
import { badParam, notFound, ok } from "../envelope.js";
import { newId } from "../ids.js";
import { assertJobCapacity, FAIL_MARKER, finishedAtMs, type JobPlan, jobPhase, jobProgress, planJob } from "../jobs.js";
import { PAGE_SPECS, paginate } from "../pagination.js";
import type { ApiRequest, Router } from "../router.js";
import type { Account, Resource } from "../store.js";
import { parseBody } from "../validate.js";
import { registerWebhookSource } from "../webhook-delivery.js";

const CLIPPING = "ai_clipping";
const REMOVALS = "background_removals";
const CLIP_SOURCE_SECONDS = 300;
const REMOVAL_SECONDS = 30;
const CLIPPING_USD_PER_SECOND = 0.01;
const REMOVAL_USD_PER_SECOND = 0.02;
const URL_TTL_S = 7 * 24 * 3600;

type DurationType = "30" | "60" | "180" | "long";
type AspectRatio = "landscape" | "portrait" | "square";

const CLIP_SECONDS: Record<DurationType, number> = { "30": 30, "60": 60, "180": 180, long: 240 };
const CLIP_TITLES = ["The key takeaway", "Why it matters", "The surprising part", "Behind the numbers"];

const failureFor = (what: string, failed: boolean) =>
  failed ? { code: `${what}_failed`, message: `The sandbox failed this job on purpose (${FAIL_MARKER}).` } : null;

const expiresIn = (now: number) => String(toUnixSeconds(now) + URL_TTL_S);

// ---- AI clipping ----

interface ClippingRecord extends Resource {
  job: JobPlan;
  title: string | null;
  inputLanguage: string;
  aspectRatio: AspectRatio;
  durationTypes: DurationType[];
  callbackId: string | null;
  callbackUrl: string | null;
  deleted: boolean;
}

const clippingsOf = (account: Account) => account.collection<ClippingRecord>(CLIPPING);

const clippingSchema = z.strictObject({
  video: assetRefSchema,
  title: z.string().nullish(),
  input_language: z.string().min(2).nullish(),
  output_settings: z
    .strictObject({
      aspect_ratio: z.enum(["landscape", "portrait", "square"]).optional(),
      caption_style: z.string().nullish(),
      captions: z.boolean().optional(),
      duration_types: z
        .array(z.enum(["30", "60", "180", "long"]))
        .min(1)
        .optional(),
      prompt: z.string().max(500).nullish(),
    })
    .optional(),
  callback_url: z.url({ protocol: /^https?$/ }).nullish(),
  callback_id: z.string().nullish(),
});

/** A default title from the source: the URL's file name, else "Untitled". */
function sourceTitle(video: z.output<typeof assetRefSchema>): string {
  if (video.type !== "url") return "Untitled";
  const name = new URL(video.url).pathname.split("/").pop() ?? "";
  return decodeURIComponent(name).replace(/\.[a-z0-9]+$/i, "") || "Untitled";
}

const CLIPPING_STATUS = { queued: "pending", running: "running", completed: "completed", failed: "failed" } as const;

function renderClipping(c: ClippingRecord, { clock, urls }: SandboxDeps, coarse = false) {
  const now = clock.now();
  const phase = jobPhase(c.job, now);
  const progress = jobProgress(c.job, now);
  const n = c.durationTypes.length;
  const signed = (file: string, clipId: string) => urls.media(file, { clip_id: clipId, expires: expiresIn(now) });
  const clips =
    phase === "queued"
      ? []
      : c.durationTypes.map((type, i) => {
          const id = `${c.id}_clip${i + 1}`;
          const done = phase === "completed" || (phase === "running" && progress >= ((i + 1) * 100) / (n + 1));
          const status = phase === "failed" ? "failed" : done ? "completed" : "pending";
          return {
            id,
            status,
            title: done ? (CLIP_TITLES[i % CLIP_TITLES.length] ?? null) : null,
            duration_seconds: done ? Math.min(CLIP_SECONDS[type], CLIP_SOURCE_SECONDS) : null,
            aspect_ratio: done ? c.aspectRatio : null,
            virality_score: done ? 90 - ((i * 7) % 40) : null,
            video_url: done ? signed("video.mp4", id) : null,
            thumbnail_url: done ? signed("thumbnail.jpg", id) : null,
            failure_message: null,
          };
        });
  return {
    id: c.id,
    title: c.title,
    status: CLIPPING_STATUS[phase],
    progress: coarse ? (phase === "completed" ? 100 : 0) : phase === "failed" ? 0 : progress,
    source_duration: phase === "queued" ? null : CLIP_SOURCE_SECONDS,
    input_language: c.inputLanguage,
    clips,
    failure_message: phase === "failed" ? (c.job.failure?.message ?? null) : null,
    callback_id: c.callbackId,
    created_at: toUnixSeconds(c.createdAtMs),
  };
}

// ai_clipping.success|fail carry the full job resource (catalog §1.10).
registerWebhookSource(CLIPPING, (record, outcome, deps) => {
  const c = record as ClippingRecord;
  if (c.deleted) return null;
  return {
    type: outcome === "completed" ? "ai_clipping.success" : "ai_clipping.fail",
    data: renderClipping(c, deps),
    entityId: c.id,
    callbackUrl: c.callbackUrl,
  };
});

// ---- background removal ----

type Layer = "foreground" | "mask" | "background";
const ALL_LAYERS: readonly Layer[] = ["foreground", "mask", "background"];
const LAYER_FILES: Record<Layer, string> = {
  foreground: "video.webm",
  mask: "video.mp4",
  background: "video.mp4",
};

interface RemovalRecord extends Resource {
  job: JobPlan;
  title: string | null;
  layers: Layer[];
  requestId: string | null;
  deleted: boolean;
}

const removalsOf = (account: Account) => account.collection<RemovalRecord>(REMOVALS);

const removalSchema = z.strictObject({
  video: assetInputSchema,
  layers: z
    .array(z.enum(["foreground", "mask", "background"]))
    .min(1)
    .optional(),
  request_id: z.string().min(1).max(255).nullish(),
  title: z.string().nullish(),
});

const REMOVAL_STATUS = { queued: "pending", running: "processing", completed: "completed", failed: "failed" } as const;

function renderRemoval(b: RemovalRecord, { clock, urls }: SandboxDeps) {
  const now = clock.now();
  const phase = jobPhase(b.job, now);
  const done = phase === "completed" && !b.deleted;
  const finished = finishedAtMs(b.job, now);
  const layers = done
    ? Object.fromEntries(
        b.layers.map((layer) => [
          layer,
          urls.media(LAYER_FILES[layer], { background_removal_id: b.id, layer, expires: expiresIn(now) }),
        ]),
      )
    : {};
  return {
    id: b.id,
    status: b.deleted ? "deleted" : REMOVAL_STATUS[phase],
    created_at: toUnixSeconds(b.createdAtMs),
    completed_at: phase === "completed" && finished !== null ? toUnixSeconds(finished) : null,
    duration: phase === "completed" ? REMOVAL_SECONDS : null,
    layers,
    error: phase === "failed" ? (b.job.failure?.message ?? null) : null,
  };
}

// ---- routes ----

export function postProductionRoutes(r: Router, deps: SandboxDeps): void {
  const { clock, timing, store } = deps;

  r.post(
    "/v3/ai-clipping",
    (req) => {
      const body = parseBody(clippingSchema, req.body);
      assertAssetExists(store, req.account, body.video, "video");
      const settings = body.output_settings ?? {};
      assertJobCapacity(req.account, clock);
      const now = clock.now();
      const usd = Math.round(CLIP_SOURCE_SECONDS * CLIPPING_USD_PER_SECOND * 100) / 100;
      req.account.charge(usd, now);
      const failed = [body.title, settings.prompt].some((t) => t?.includes(FAIL_MARKER));
      const c = clippingsOf(req.account).add({
        id: newId(),
        createdAtMs: now,
        job: planJob(timing, now, CLIP_SOURCE_SECONDS, failureFor("ai_clipping", failed)),
        chargeUsd: usd,
        title: body.title ?? sourceTitle(body.video),
        inputLanguage: body.input_language ?? "en",
        aspectRatio: settings.aspect_ratio ?? "portrait",
        durationTypes: settings.duration_types ?? ["30", "60"],
        callbackId: body.callback_id ?? null,
        callbackUrl: body.callback_url ?? null,
        deleted: false,
      });
      return ok(renderClipping(c, deps));
    },
    { creates: true },
  );

  r.get("/v3/ai-clipping", (req) =>
    paginate(
      clippingsOf(req.account)
        .list()
        .filter((c) => !c.deleted)
        .map((c) => renderClipping(c, deps, true)),
      req.query,
      PAGE_SPECS.aiClipping,
      (c) => c.id,
    ),
  );

  const findClipping = (req: ApiRequest) => {
    const id = req.params.job_id ?? "";
    const c = clippingsOf(req.account).get(id);
    if (!c || c.deleted) throw notFound("not_found", `AI clipping job '${id}' was not found.`);
    return c;
  };

  r.get("/v3/ai-clipping/:job_id", (req) => ok(renderClipping(findClipping(req), deps)));

  r.delete("/v3/ai-clipping/:job_id", (req) => {
    const c = findClipping(req);
    c.deleted = true;
    return ok({ id: c.id });
  });

  r.post(
    "/v3/background-removals",
    (req) => {
      const body = parseBody(removalSchema, req.body);
      const requestId = body.request_id ?? null;
      if (requestId !== null) {
        const original = removalsOf(req.account)
          .list()
          .find((b) => b.requestId === requestId);
        if (original) return ok(renderRemoval(original, deps));
      }
      assertAssetExists(store, req.account, body.video, "video");
      if (body.video.type === "base64" && !body.video.media_type.startsWith("video/")) {
        throw badParam("video.media_type", "media_type must be a video type such as video/mp4.");
      }
      assertJobCapacity(req.account, clock);
      const now = clock.now();
      const usd = Math.round(REMOVAL_SECONDS * REMOVAL_USD_PER_SECOND * 100) / 100;
      req.account.charge(usd, now);
      const b = removalsOf(req.account).add({
        id: newId(),
        createdAtMs: now,
        job: planJob(
          timing,
          now,
          REMOVAL_SECONDS,
          failureFor("background_removal", !!body.title?.includes(FAIL_MARKER)),
        ),
        chargeUsd: usd,
        title: body.title ?? null,
        layers: body.layers ? [...new Set(body.layers)] : [...ALL_LAYERS],
        requestId,
        deleted: false,
      });
      return ok(renderRemoval(b, deps));
    },
    { creates: true },
  );

  r.get("/v3/background-removals", (req) =>
    paginate(
      removalsOf(req.account)
        .list()
        .filter((b) => !b.deleted)
        .map((b) => renderRemoval(b, deps)),
      req.query,
      PAGE_SPECS.backgroundRemovals,
      (b) => b.id,
    ),
  );

  const findRemoval = (req: ApiRequest) => {
    const id = req.params.job_id ?? "";
    const b = removalsOf(req.account).get(id);
    if (!b) throw notFound("not_found", `Background removal job '${id}' was not found.`);
    return b;
  };

  r.get("/v3/background-removals/:job_id", (req) => ok(renderRemoval(findRemoval(req), deps)));

  r.delete("/v3/background-removals/:job_id", (req) => {
    const b = findRemoval(req);
    if (b.deleted) throw notFound("not_found", `Background removal job '${b.id}' was already deleted.`);
    b.deleted = true;
    return ok({ id: b.id, deleted: true });
  });
}
