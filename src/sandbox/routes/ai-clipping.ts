/**
 * AI clipping jobs (catalog §2.11; lifecycle and [inf] choices in post-production.ts).
 */
import { z } from "zod";
import { assertAssetExists, assetRefSchema } from "../asset-input.js";
import { toUnixSeconds } from "../clock.js";
import type { SandboxDeps } from "../deps.js";
import { notFound, ok } from "../envelope.js";
import { newId } from "../ids.js";
import { assertJobCapacity, FAIL_MARKER, type JobPlan, jobPhase, jobProgress, planJob } from "../jobs.js";
import { PAGE_SPECS, paginate } from "../pagination.js";
import type { ApiRequest, Router } from "../router.js";
import type { Account, Resource } from "../store.js";
import { parseBody } from "../validate.js";
import { registerWebhookSource } from "../webhook-delivery.js";
import { expiresIn, failureFor } from "./post-production-shared.js";

const CLIPPING = "ai_clipping";
const CLIP_SOURCE_SECONDS = 300;
const CLIPPING_USD_PER_SECOND = 0.01;

type DurationType = "30" | "60" | "180" | "long";
type AspectRatio = "landscape" | "portrait" | "square";

const CLIP_SECONDS: Record<DurationType, number> = { "30": 30, "60": 60, "180": 180, long: 240 };
const CLIP_TITLES = ["The key takeaway", "Why it matters", "The surprising part", "Behind the numbers"];

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

export function aiClippingRoutes(r: Router, deps: SandboxDeps): void {
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
}
