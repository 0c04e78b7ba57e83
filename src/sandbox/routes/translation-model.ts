/**
 * The video translation record (catalog §2.6): its create schema, semantic plan and price, how it is
 * stored and rendered, and its webhook payloads. Routes live in translations.ts and
 * translation-batches.ts; proofreads reuse addTranslation and the price.
 */
import { z } from "zod";
import { assetRefSchema } from "../asset-input.js";
import { toUnixSeconds } from "../clock.js";
import type { SandboxDeps } from "../deps.js";
import { badParam } from "../envelope.js";
import { newId } from "../ids.js";
import { FAIL_MARKER, type JobPlan, jobPhase } from "../jobs.js";
import type { ApiRequest } from "../router.js";
import type { Account, Resource } from "../store.js";
import { registerWebhookSource } from "../webhook-delivery.js";
import { checkFile, resolveLanguages, sourceSeconds } from "./translation-checks.js";

export const TRANSLATIONS = "video_translations";

export const USD_PER_SECOND = { speed: 0.05, precision: 0.1 } as const;
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

export const createSchema = z.strictObject({
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

export type CreateBody = z.output<typeof createSchema>;

export interface TranslationPlan {
  languages: string[];
  seconds: number;
  usdPerLanguage: number;
  failed: boolean;
}

export function planTranslation(deps: SandboxDeps, req: ApiRequest, body: CreateBody, prefix = ""): TranslationPlan {
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
