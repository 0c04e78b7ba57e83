/**
 * Lipsyncs (catalog §2.5, formerly "overdub"): create, list, get, rename, delete, batches and bulk
 * statuses.
 *
 * - Status derives from the clock: `pending → running → completed | failed`; `video_url`/`duration`
 *   appear only once completed, `caption_url` only then and only with enable_caption (all pointing
 *   at the sandbox's media); `failure_message` only when failed.
 * - Billing: $0.0333/s (speed, the default) or $0.0667/s (precision) of output, charged at create
 *   (402 `insufficient_credit`), refunded if the job fails. Idempotency-Key honoured on both creates.
 * - Batches: each of ≤100 `lipsyncs[]` entries is one item (no fan-out). A schema error rejects the
 *   request; a semantic one (missing asset, wrong file kind, bad time range) fails only its item.
 *   Items render ten at a time; item `queued → processing → completed | failed`; the aggregate is
 *   `processing` while any item is in flight, then `completed`, or `failed` if every item failed.
 *   The batch and status read models carry item ids in `video_id`, as HeyGen's do.
 *
 * [inf] choices: the sandbox never downloads inputs, so the output is assumed to last SOURCE_SECONDS
 * (or end_time − start_time); unknown ids are 404 `not_found` (the catalog names no lipsync code);
 * `[sandbox:fail]` in the title makes the job fail; lipsync has no webhook event type, so no event.
 */
import { z } from "zod";
import { assetRefSchema } from "../asset-input.js";
import { batchRoutes, chargeBatch, toItemError } from "../batches.js";
import { toUnixSeconds } from "../clock.js";
import type { SandboxDeps } from "../deps.js";
import { notFound, ok } from "../envelope.js";
import { newId } from "../ids.js";
import { assertJobCapacity, FAIL_MARKER, type JobPlan, jobPhase, planJob } from "../jobs.js";
import { PAGE_SPECS, paginate } from "../pagination.js";
import type { ApiRequest, Router } from "../router.js";
import type { Account, Resource } from "../store.js";
import { parseBody } from "../validate.js";
import { checkFile, sourceSeconds } from "./translation-checks.js";

const LIPSYNCS = "lipsyncs";
const BATCHES = "lipsync_batches";
export const LIPSYNC_USD_PER_SECOND = { speed: 0.0333, precision: 0.0667 } as const;
const URL_TTL_S = 7 * 24 * 3600;
const MAX_BATCH_ITEMS = 100;

interface LipsyncRecord extends Resource {
  job: JobPlan;
  title: string | null;
  durationSec: number;
  captions: boolean;
  callbackId: string | null;
  callbackUrl: string | null;
}

const lipsyncsOf = (account: Account) => account.collection<LipsyncRecord>(LIPSYNCS);

// ---- request schema (operations.json: POST /v3/lipsyncs) ----

const createSchema = z.strictObject({
  video: assetRefSchema,
  audio: assetRefSchema,
  mode: z.enum(["speed", "precision"]).optional(),
  title: z.string().nullish(),
  start_time: z.number().min(0).nullish(),
  end_time: z.number().positive().nullish(),
  enable_caption: z.boolean().optional(),
  enable_dynamic_duration: z.boolean().optional(),
  enable_speech_enhancement: z.boolean().optional(),
  enable_watermark: z.boolean().optional(),
  disable_music_track: z.boolean().optional(),
  keep_the_same_format: z.boolean().nullish(),
  fps_mode: z.enum(["vfr", "cfr", "passthrough"]).nullish(),
  folder_id: z.string().nullish(),
  callback_url: z.url({ protocol: /^https?$/ }).nullish(),
  callback_id: z.string().nullish(),
});

type CreateBody = z.output<typeof createSchema>;

interface LipsyncPlan {
  seconds: number;
  usd: number;
  failure: JobPlan["failure"];
}

/** Semantic checks (assets exist, file kinds, time range) and the price. */
function planLipsync(deps: SandboxDeps, req: ApiRequest, body: CreateBody, prefix = ""): LipsyncPlan {
  checkFile(deps, req, body.video, "video", `${prefix}video`);
  checkFile(deps, req, body.audio, "audio", `${prefix}audio`);
  const seconds = sourceSeconds(body.start_time, body.end_time, prefix);
  const usd = Math.max(0.01, Math.round(seconds * LIPSYNC_USD_PER_SECOND[body.mode ?? "speed"] * 100) / 100);
  const failed = (body.title ?? "").includes(FAIL_MARKER);
  const failure = failed
    ? { code: "lipsync_failed", message: `The sandbox failed this lipsync on purpose (${FAIL_MARKER}).` }
    : null;
  return { seconds, usd, failure };
}

function addLipsync(account: Account, body: CreateBody, plan: LipsyncPlan, job: JobPlan, now: number) {
  return lipsyncsOf(account).add({
    id: newId(),
    createdAtMs: now,
    job,
    chargeUsd: plan.usd,
    title: body.title ?? null,
    durationSec: plan.seconds,
    captions: body.enable_caption ?? false,
    callbackId: body.callback_id ?? null,
    callbackUrl: body.callback_url ?? null,
  });
}

const PHASE_STATUS = { queued: "pending", running: "running", completed: "completed", failed: "failed" } as const;

function renderLipsync(l: LipsyncRecord, { clock, urls }: SandboxDeps) {
  const now = clock.now();
  const phase = jobPhase(l.job, now);
  const done = phase === "completed";
  const signed = (file: string) =>
    urls.media(file, { lipsync_id: l.id, expires: String(toUnixSeconds(now) + URL_TTL_S) });
  return {
    id: l.id,
    title: l.title,
    status: PHASE_STATUS[phase],
    duration: done ? l.durationSec : null,
    video_url: done ? signed("video.mp4") : null,
    caption_url: done && l.captions ? signed("captions.srt") : null,
    failure_message: phase === "failed" ? (l.job.failure?.message ?? null) : null,
    callback_id: l.callbackId,
    created_at: toUnixSeconds(l.createdAtMs),
  };
}

// ---- batches ----

const createBatchSchema = z.strictObject({
  lipsyncs: z.array(createSchema).min(1).max(MAX_BATCH_ITEMS),
  title: z.string().nullish(),
  callback_url: z.url({ protocol: /^https?$/ }).nullish(),
});

function planItem(deps: SandboxDeps, req: ApiRequest, body: CreateBody, i: number) {
  try {
    return { body, plan: planLipsync(deps, req, body, `lipsyncs.${i}.`), error: null };
  } catch (err) {
    return { body, plan: null, error: toItemError(err) };
  }
}

function lipsyncBatchRoutes(r: Router, deps: SandboxDeps): void {
  batchRoutes(r, deps, {
    base: "/v3/lipsyncs",
    collection: BATCHES,
    schema: createBatchSchema,
    createItems(req, body, now, schedule) {
      const planned = body.lipsyncs.map((entry, i) => planItem(deps, req, entry, i));
      chargeBatch(
        req.account,
        planned.map((p) => p.plan?.usd ?? 0),
        now,
      );
      return planned.map(({ body: entry, plan, error }) => {
        if (!plan) return { resourceId: null, job: null, error };
        const job = schedule(plan.seconds, plan.failure);
        const l = addLipsync(req.account, entry, plan, job, now);
        return { resourceId: l.id, job: { ...job }, error: null };
      });
    },
    idsParam: "lipsync_ids",
    statusOf(account, id, now) {
      const l = lipsyncsOf(account).get(id);
      if (!l) return undefined;
      const phase = jobPhase(l.job, now);
      const error = phase === "failed" && l.job.failure ? { ...l.job.failure, param: null } : null;
      return { video_id: id, status: phase === "running" ? "processing" : phase, error };
    },
  });
}

// ---- routes ----

export function lipsyncRoutes(r: Router, deps: SandboxDeps): void {
  const { clock, timing } = deps;

  r.post(
    "/v3/lipsyncs",
    (req) => {
      const body = parseBody(createSchema, req.body);
      const plan = planLipsync(deps, req, body);
      assertJobCapacity(req.account, clock);
      const now = clock.now();
      req.account.charge(plan.usd, now);
      const l = addLipsync(req.account, body, plan, planJob(timing, now, plan.seconds, plan.failure), now);
      return ok({ lipsync_id: l.id });
    },
    { idempotent: true, creates: true },
  );

  r.get("/v3/lipsyncs", (req) =>
    paginate(
      lipsyncsOf(req.account)
        .list()
        .map((l) => renderLipsync(l, deps)),
      req.query,
      PAGE_SPECS.lipsyncs,
      (l) => l.id,
    ),
  );

  const find = (req: ApiRequest) => {
    const id = req.params.lipsync_id ?? "";
    const l = lipsyncsOf(req.account).get(id);
    if (!l) throw notFound("not_found", `Lipsync '${id}' was not found.`);
    return l;
  };

  r.get("/v3/lipsyncs/:lipsync_id", (req) => ok(renderLipsync(find(req), deps)));

  r.patch("/v3/lipsyncs/:lipsync_id", (req) => {
    const l = find(req);
    const { title } = parseBody(z.strictObject({ title: z.string().min(1) }), req.body);
    l.title = title;
    return ok(renderLipsync(l, deps));
  });

  r.delete("/v3/lipsyncs/:lipsync_id", (req) => {
    const l = find(req);
    lipsyncsOf(req.account).delete(l.id);
    return ok({ id: l.id });
  });

  lipsyncBatchRoutes(r, deps);
}
