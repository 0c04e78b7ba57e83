/**
 * Video translations (catalog §2.6): create, list, get, rename, delete, the supported languages,
 * batches and bulk statuses. Proofreads live in proofreads.ts and reuse what this module exports.
 *
 * - POST /v3/video-translations fans out: one translation (own id, own job) per output language,
 *   `pending → running → completed | failed`; video/audio/caption URLs appear only when completed
 *   (captions only with enable_caption) and point at the sandbox (captions are real SRT/VTT text in
 *   the target language, served at /media/translations/<id>.srt|.vtt).
 * - `output_languages` must be names from GET /v3/video-translations/languages; anything else (a code
 *   such as "es") is 400 `invalid_parameter` with param `output_languages.N`.
 * - Billing: $0.05/s (speed) or $0.10/s (precision) of source video per language, charged at create
 *   (402 `insufficient_credit`), refunded per language if that job fails.
 * - Batches expand each entry per language (≤100 items in all); a schema error rejects the request,
 *   a semantic one (unknown language, missing asset) fails only its items. Items render ten at a time.
 *
 * [inf] choices: the sandbox never downloads the source, so a video is assumed to be SOURCE_SECONDS
 * long (or end_time − start_time); the input language defaults to "en" ("detected"); a URL whose
 * extension names another kind of file is 400 `invalid_parameter`; `[sandbox:fail]` in the title
 * makes every language of that request fail.
 */
import { z } from "zod";
import { assertAssetExists, assetRefSchema } from "../asset-input.js";
import { toUnixSeconds } from "../clock.js";
import type { SandboxDeps } from "../deps.js";
import { ApiError, badParam, list, notFound, ok } from "../envelope.js";
import { newId } from "../ids.js";
import { assertJobCapacity, FAIL_MARKER, type JobPlan, jobPhase, MAX_IN_FLIGHT_JOBS, planJob } from "../jobs.js";
import { PAGE_SPECS, paginate } from "../pagination.js";
import type { ApiRequest, Router } from "../router.js";
import type { Account, Resource } from "../store.js";
import { parseBody } from "../validate.js";
import { registerWebhookSource } from "../webhook-delivery.js";
import { LANGUAGES, subtitleText } from "./translations-languages.js";

export const TRANSLATIONS = "video_translations";
const BATCHES = "video_translation_batches";

export const USD_PER_SECOND = { speed: 0.05, precision: 0.1 } as const;
/** Assumed length of a source video (the sandbox never downloads it). */
export const SOURCE_SECONDS = 30;
const URL_TTL_S = 7 * 24 * 3600;

export interface TranslationRecord extends Resource {
  job: JobPlan;
  title: string | null;
  outputLanguage: string;
  inputLanguage: string;
  durationSec: number;
  translateAudioOnly: boolean;
  captions: boolean;
  callbackId: string | null;
  callbackUrl: string | null;
}

export const translationsOf = (account: Account) => account.collection<TranslationRecord>(TRANSLATIONS);

// ---- request schema (operations.json: POST /v3/video-translations) ----

const createSchema = z.strictObject({
  video: assetRefSchema,
  output_languages: z.array(z.string()).min(1),
  mode: z.enum(["speed", "precision"]).optional(),
  title: z.string().nullish(),
  input_language: z.string().min(1).nullish(),
  speaker_num: z.int().min(1).nullish(),
  translate_audio_only: z.boolean().optional(),
  enable_caption: z.boolean().optional(),
  enable_dynamic_duration: z.boolean().optional(),
  enable_speech_enhancement: z.boolean().optional(),
  enable_watermark: z.boolean().optional(),
  disable_music_track: z.boolean().optional(),
  keep_the_same_format: z.boolean().nullish(),
  start_time: z.number().min(0).nullish(),
  end_time: z.number().positive().nullish(),
  audio: assetRefSchema.nullish(),
  fps_mode: z.enum(["vfr", "cfr", "passthrough"]).nullish(),
  srt: assetRefSchema.nullish(),
  srt_role: z.enum(["input", "output"]).nullish(),
  brand_glossary_id: z.string().nullish(),
  brand_voice_id: z.string().nullish(),
  stock_voice_config: z
    .strictObject({
      use_stock_voice: z.boolean().optional(),
      preferred_stock_voice_ids: z.array(z.string().min(1)).optional(),
    })
    .nullish(),
  folder_id: z.string().nullish(),
  callback_url: z.url().nullish(),
  callback_id: z.string().nullish(),
});

type CreateBody = z.output<typeof createSchema>;

// ---- semantic checks shared with proofreads and batches ----

const EXTENSIONS: Record<"video" | "audio" | "srt", RegExp> = {
  video: /\.(mp4|mov|webm|m4v|mkv|avi)$/i,
  audio: /\.(mp3|wav|m4a|aac|ogg|flac)$/i,
  srt: /\.srt$/i,
};
const OTHER_FILE = /\.(png|jpe?g|gif|webp|pdf|txt|json|html?|zip|mp3|wav|m4a|srt|vtt|mp4|mov|webm)$/i;

/** A file input: the asset must exist; a URL naming another kind of file is rejected. */
export function checkFile(
  deps: SandboxDeps,
  req: ApiRequest,
  input: z.output<typeof assetRefSchema> | null | undefined,
  kind: keyof typeof EXTENSIONS,
  param: string,
): void {
  if (!input) return;
  assertAssetExists(deps.store, req.account, input, param);
  if (input.type !== "url") return;
  const path = new URL(input.url).pathname;
  if (OTHER_FILE.test(path) && !EXTENSIONS[kind].test(path)) {
    throw badParam(`${param}.url`, `'${input.url}' is not ${kind === "srt" ? "an .srt" : `a ${kind}`} file.`);
  }
}

/** An exact name from the languages list; `codes` also lets BCP-47 codes through (proofreads). */
function resolveLanguage(raw: string, param: string, codes: boolean): string {
  const wanted = raw.trim();
  const lang =
    LANGUAGES.find((l) => l.name === wanted) ??
    (codes ? LANGUAGES.find((l) => l.code.toLowerCase() === wanted.toLowerCase()) : undefined);
  if (!lang) {
    throw badParam(
      param,
      `Unsupported output language '${raw}'. Use a name from GET /v3/video-translations/languages, e.g. 'Spanish (Spain)'.`,
    );
  }
  return lang.name;
}

/** Every language resolved; a duplicate is rejected too. */
export function resolveLanguages(names: readonly string[], param: string, codes = false): string[] {
  const seen = new Set<string>();
  return names.map((raw, i) => {
    const name = resolveLanguage(raw, `${param}.${i}`, codes);
    if (seen.has(name)) throw badParam(`${param}.${i}`, `Output language '${name}' is listed twice.`);
    seen.add(name);
    return name;
  });
}

export function sourceSeconds(start: number | null | undefined, end: number | null | undefined, prefix = ""): number {
  const from = start ?? 0;
  if (end != null && end <= from) throw badParam(`${prefix}end_time`, "end_time must be greater than start_time.");
  if (end == null && from >= SOURCE_SECONDS) {
    throw badParam(`${prefix}start_time`, `start_time is past the end of the video (${SOURCE_SECONDS} s).`);
  }
  return Math.round(((end ?? SOURCE_SECONDS) - from) * 100) / 100;
}

interface TranslationPlan {
  languages: string[];
  seconds: number;
  usdPerLanguage: number;
  failed: boolean;
}

function planTranslation(deps: SandboxDeps, req: ApiRequest, body: CreateBody, prefix = ""): TranslationPlan {
  const languages = resolveLanguages(body.output_languages, `${prefix}output_languages`);
  checkFile(deps, req, body.video, "video", `${prefix}video`);
  checkFile(deps, req, body.audio, "audio", `${prefix}audio`);
  checkFile(deps, req, body.srt, "srt", `${prefix}srt`);
  if (body.srt_role && !body.srt) throw badParam(`${prefix}srt_role`, "srt_role needs srt.");
  const seconds = sourceSeconds(body.start_time, body.end_time, prefix);
  const rate = USD_PER_SECOND[body.mode ?? "speed"];
  return {
    languages,
    seconds,
    usdPerLanguage: Math.max(0.01, Math.round(seconds * rate * 100) / 100),
    failed: (body.title ?? "").includes(FAIL_MARKER),
  };
}

export const translationFailure = (failed: boolean) =>
  failed
    ? { code: "translation_failed", message: `The sandbox failed this translation on purpose (${FAIL_MARKER}).` }
    : null;

export interface NewTranslation {
  createdAtMs: number;
  title: string | null;
  outputLanguage: string;
  inputLanguage: string | null | undefined;
  seconds: number;
  usd: number;
  job: JobPlan;
  translateAudioOnly: boolean | undefined;
  captions: boolean | undefined;
  callbackId: string | null | undefined;
  callbackUrl: string | null | undefined;
}

export function addTranslation(account: Account, t: NewTranslation): TranslationRecord {
  return translationsOf(account).add({
    id: newId(),
    createdAtMs: t.createdAtMs,
    job: t.job,
    chargeUsd: t.usd,
    title: t.title,
    outputLanguage: t.outputLanguage,
    inputLanguage: t.inputLanguage ?? "en",
    durationSec: t.seconds,
    translateAudioOnly: t.translateAudioOnly ?? false,
    captions: t.captions ?? false,
    callbackId: t.callbackId ?? null,
    callbackUrl: t.callbackUrl ?? null,
  });
}

// ---- rendering ----

const PHASE_STATUS = { queued: "pending", running: "running", completed: "completed", failed: "failed" } as const;

export function renderTranslation(t: TranslationRecord, { clock, urls }: SandboxDeps) {
  const now = clock.now();
  const phase = jobPhase(t.job, now);
  const done = phase === "completed";
  const expires = { expires: String(toUnixSeconds(now) + URL_TTL_S) };
  const signed = (file: string) => urls.media(file, { video_translation_id: t.id, ...expires });
  return {
    id: t.id,
    title: t.title,
    status: PHASE_STATUS[phase],
    output_language: t.outputLanguage,
    input_language: t.inputLanguage,
    duration: done ? t.durationSec : null,
    translate_audio_only: t.translateAudioOnly,
    video_url: done ? signed("video.mp4") : null,
    audio_url: done ? signed("voice-preview.mp3") : null,
    srt_caption_url: done && t.captions ? urls.media(`translations/${t.id}.srt`, expires) : null,
    vtt_caption_url: done && t.captions ? urls.media(`translations/${t.id}.vtt`, expires) : null,
    failure_message: phase === "failed" ? (t.job.failure?.message ?? null) : null,
    callback_id: t.callbackId,
    created_at: toUnixSeconds(t.createdAtMs),
  };
}

// The catalog's video_translate.success / .fail payloads.
registerWebhookSource(TRANSLATIONS, (record, outcome, deps) => {
  const t = record as TranslationRecord;
  const common = { entityId: t.id, callbackUrl: t.callbackUrl };
  const data = { video_translate_id: t.id, callback_id: t.callbackId, output_language: t.outputLanguage };
  if (outcome === "failed") {
    return { ...common, type: "video_translate.fail", data: { ...data, message: t.job.failure?.message ?? null } };
  }
  return { ...common, type: "video_translate.success", data: { ...data, url: renderTranslation(t, deps).video_url } };
});

// ---- batches ----

type ItemStatus = "queued" | "processing" | "completed" | "failed";
const ITEM_STATUSES: readonly ItemStatus[] = ["queued", "processing", "completed", "failed"];

interface ItemError {
  code: string;
  message: string;
  param: string | null;
}

interface BatchItem {
  translationId: string | null;
  /** A copy of the translation's job, so the item keeps its status if the translation is deleted. */
  job: JobPlan | null;
  error: ItemError | null;
}

interface BatchRecord extends Resource {
  title: string | null;
  callbackUrl: string | null;
  items: BatchItem[];
}

const batchesOf = (account: Account) => account.collection<BatchRecord>(BATCHES);

const MAX_BATCH_ITEMS = 100;

const createBatchSchema = z.strictObject({
  video_translations: z.array(createSchema).min(1).max(MAX_BATCH_ITEMS),
  title: z.string().nullish(),
  callback_url: z.url().nullish(),
});

function itemStatus(item: BatchItem, now: number): ItemStatus {
  if (item.error || !item.job) return "failed";
  const phase = jobPhase(item.job, now);
  return phase === "running" ? "processing" : phase;
}

const renderItem = (item: BatchItem, index: number, now: number) => ({
  item_index: index,
  status: itemStatus(item, now),
  video_id: item.translationId,
  error:
    item.error ??
    (item.job?.failure && jobPhase(item.job, now) === "failed" ? { ...item.job.failure, param: null } : null),
});

function summarize(batch: BatchRecord, now: number) {
  const counts = Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as Record<ItemStatus, number>;
  for (const item of batch.items) counts[itemStatus(item, now)] += 1;
  const inFlight = counts.queued + counts.processing > 0;
  return {
    batch_id: batch.id,
    title: batch.title,
    status: inFlight ? "processing" : counts.completed > 0 ? "completed" : "failed",
    total_items: batch.items.length,
    counts_by_status: counts,
    created_at: toUnixSeconds(batch.createdAtMs),
  };
}

interface PlannedItem {
  body: CreateBody;
  plan: TranslationPlan | null;
  language: string;
  error: ItemError | null;
}

/** One entry's items, one per language; a semantic error fails them all, or just its language. */
function planEntry(deps: SandboxDeps, req: ApiRequest, body: CreateBody, i: number): PlannedItem[] {
  const prefix = `video_translations.${i}.`;
  const asError = (err: unknown): ItemError => {
    if (!(err instanceof ApiError) || err.status === 402 || err.status === 429) throw err;
    return { code: err.code, message: err.message, param: err.param };
  };
  try {
    const plan = planTranslation(deps, req, { ...body, output_languages: [] as string[] }, prefix);
    return body.output_languages.map((name, j) => {
      try {
        const param = `${prefix}output_languages.${j}`;
        const language = resolveLanguage(name, param, false);
        if (body.output_languages.indexOf(name) !== j) throw badParam(param, `'${name}' is listed twice.`);
        return { body, plan, language, error: null };
      } catch (err) {
        return { body, plan, language: name, error: asError(err) };
      }
    });
  } catch (err) {
    const error = asError(err);
    return body.output_languages.map((name) => ({ body, plan: null, language: name, error }));
  }
}

// ---- routes ----

export function translationRoutes(r: Router, deps: SandboxDeps): void {
  const { clock, timing } = deps;

  r.post(
    "/v3/video-translations",
    (req) => {
      const body = parseBody(createSchema, req.body);
      const plan = planTranslation(deps, req, body);
      assertJobCapacity(req.account, clock);
      const now = clock.now();
      req.account.charge(plan.usdPerLanguage * plan.languages.length, now);
      const failure = translationFailure(plan.failed);
      const ids = plan.languages.map(
        (language) =>
          addTranslation(req.account, {
            createdAtMs: now,
            title: body.title ?? null,
            outputLanguage: language,
            inputLanguage: body.input_language,
            seconds: plan.seconds,
            usd: plan.usdPerLanguage,
            job: planJob(timing, now, plan.seconds, failure),
            translateAudioOnly: body.translate_audio_only,
            captions: body.enable_caption,
            callbackId: body.callback_id,
            callbackUrl: body.callback_url,
          }).id,
      );
      return ok({ video_translation_ids: ids });
    },
    { idempotent: true, creates: true },
  );

  r.get("/v3/video-translations", (req) =>
    paginate(
      translationsOf(req.account)
        .list()
        .map((t) => renderTranslation(t, deps)),
      req.query,
      PAGE_SPECS.videoTranslations,
      (t) => t.id,
    ),
  );

  r.get("/v3/video-translations/languages", () => ok({ languages: LANGUAGES.map((l) => l.name) }));

  const find = (req: ApiRequest) => {
    const id = req.params.video_translation_id ?? "";
    const t = translationsOf(req.account).get(id);
    if (!t) throw notFound("video_not_found", `Video translation '${id}' was not found.`);
    return t;
  };

  r.get("/v3/video-translations/:video_translation_id", (req) => ok(renderTranslation(find(req), deps)));

  r.patch("/v3/video-translations/:video_translation_id", (req) => {
    const t = find(req);
    const { title } = parseBody(z.strictObject({ title: z.string().min(1) }), req.body);
    t.title = title;
    return ok(renderTranslation(t, deps));
  });

  r.delete("/v3/video-translations/:video_translation_id", (req) => {
    const t = find(req);
    translationsOf(req.account).delete(t.id);
    return ok({ id: t.id });
  });

  r.post(
    "/v3/video-translations/batches",
    (req) => {
      const body = parseBody(createBatchSchema, req.body);
      const expanded = body.video_translations.reduce((n, e) => n + e.output_languages.length, 0);
      if (expanded > MAX_BATCH_ITEMS) {
        throw badParam(
          "video_translations",
          `A batch holds at most ${MAX_BATCH_ITEMS} items after expanding output_languages (got ${expanded}).`,
        );
      }
      const planned = body.video_translations.flatMap((entry, i) => planEntry(deps, req, entry, i));
      const now = clock.now();
      const total = planned.reduce((sum, p) => sum + (p.plan && !p.error ? p.plan.usdPerLanguage : 0), 0);
      if (total > 0) req.account.charge(total, now);
      let wave = 0;
      const items = planned.map(({ body: entry, plan, language, error }): BatchItem => {
        if (!plan || error) return { translationId: null, job: null, error };
        const first = planJob(timing, now, plan.seconds);
        const offset = Math.floor(wave++ / MAX_IN_FLIGHT_JOBS) * first.finishAfterMs;
        const job = planJob(timing, now + offset, plan.seconds, translationFailure(plan.failed));
        const t = addTranslation(req.account, {
          createdAtMs: now,
          title: entry.title ?? null,
          outputLanguage: language,
          inputLanguage: entry.input_language,
          seconds: plan.seconds,
          usd: plan.usdPerLanguage,
          job,
          translateAudioOnly: entry.translate_audio_only,
          captions: entry.enable_caption,
          callbackId: entry.callback_id,
          callbackUrl: entry.callback_url,
        });
        return { translationId: t.id, job: { ...job }, error: null };
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

  r.get("/v3/video-translations/batches/:batch_id", (req) => {
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

  r.get("/v3/video-translations/statuses", (req) => {
    const ids = (name: string) =>
      (req.query.get(name) ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
    const translationIds = ids("video_translation_ids");
    const batchIds = ids("batch_ids");
    const n = translationIds.length + batchIds.length;
    if (n === 0) throw badParam("video_translation_ids", "Provide video_translation_ids and/or batch_ids.");
    if (n > 100) {
      throw badParam(translationIds.length > 0 ? "video_translation_ids" : "batch_ids", "At most 100 ids per request.");
    }
    const now = clock.now();
    const entries: Record<string, unknown>[] = translationIds.map((id) => {
      const t = translationsOf(req.account).get(id);
      if (!t) return { video_id: id, status: "not_found" };
      const phase = jobPhase(t.job, now);
      const status = phase === "running" ? "processing" : phase;
      return { video_id: id, status, error: phase === "failed" ? t.job.failure : null };
    });
    for (const id of batchIds) {
      const batch = batchesOf(req.account).get(id);
      if (!batch) entries.push({ batch_id: id, status: "not_found" });
      else for (const [i, item] of batch.items.entries()) entries.push({ batch_id: id, ...renderItem(item, i, now) });
    }
    return list(entries, false, null);
  });

  // Caption files of completed translations, in the target language (presigned-style: no auth).
  r.raw("GET", "/media/translations/:file", (req) => {
    const match = /^(.+)\.(srt|vtt)$/.exec(req.params.file ?? "");
    const id = match?.[1] ?? "";
    for (const account of deps.store.allAccounts()) {
      const t = translationsOf(account).get(id);
      if (t?.captions && jobPhase(t.job, clock.now()) === "completed") {
        const vtt = match?.[2] === "vtt";
        return {
          status: 200,
          raw: {
            bytes: Buffer.from(subtitleText(t.outputLanguage, vtt ? "vtt" : "srt"), "utf8"),
            contentType: vtt ? "text/vtt" : "application/x-subrip",
          },
        };
      }
    }
    throw new ApiError(404, "not_found", "Unknown media file.");
  });
}
