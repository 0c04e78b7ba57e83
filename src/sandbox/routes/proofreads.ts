/**
 * Translation proofreads (catalog §2.6): a translation's subtitles, extracted for review before the
 * final render. One proofread per output language, `processing → completed | failed`.
 *
 * - Create bills $0.0083/s of source video per language (402 `insufficient_credit`); the title is
 *   required; `output_languages` take the names of GET /v3/video-translations/languages or their
 *   BCP-47 codes (the docs call them codes, e.g. "es-ES").
 * - GET …/srt: links to the current subtitles (real SRT in the target language, served at
 *   /media/proofreads/<id>.srt) and, when an srt was given at creation, the original.
 * - PUT …/srt replaces the subtitles from an .srt url | asset_id (the sandbox cannot read the file:
 *   the served text stays the generated one, under a new revision).
 * - POST …/generate starts a video translation (billed like POST /v3/video-translations at the
 *   proofread's mode) and marks the proofread submitted for review.
 *
 * [inf] choices: an unknown proofread id is 404 `not_found`; reading or replacing subtitles, or
 * generating, before the proofread is completed is 409 `conflict`; `[sandbox:fail]` in the title
 * makes the proofread fail.
 */
import { z } from "zod";
import { assetRefSchema } from "../asset-input.js";
import { toUnixSeconds } from "../clock.js";
import type { SandboxDeps } from "../deps.js";
import { ApiError, notFound, ok } from "../envelope.js";
import { newId } from "../ids.js";
import { assertJobCapacity, FAIL_MARKER, type JobPlan, jobPhase, planJob } from "../jobs.js";
import type { ApiRequest, Router } from "../router.js";
import type { Account, Resource } from "../store.js";
import { parseBody } from "../validate.js";
import { checkFile, resolveLanguages, SOURCE_SECONDS } from "./translation-checks.js";
import { addTranslation, USD_PER_SECOND } from "./translation-model.js";
import { subtitleText } from "./translations-languages.js";

const PROOFREADS = "proofreads";
const PROOFREAD_USD_PER_SECOND = 0.0083;
const URL_TTL_S = 7 * 24 * 3600;

interface ProofreadRecord extends Resource {
  job: JobPlan;
  title: string;
  mode: "speed" | "precision";
  outputLanguage: string;
  inputLanguage: string;
  durationSec: number;
  hasOriginalSrt: boolean;
  /** Bumped by every PUT …/srt. */
  srtRevision: number;
  submittedForReview: boolean;
}

const proofreadsOf = (account: Account) => account.collection<ProofreadRecord>(PROOFREADS);

const createSchema = z.strictObject({
  video: assetRefSchema,
  output_languages: z.array(z.string()).min(1),
  title: z.string().min(1),
  mode: z.enum(["speed", "precision"]).optional(),
  speaker_num: z.int().min(1).nullish(),
  srt: assetRefSchema.nullish(),
  enable_video_stretching: z.boolean().optional(),
  enable_speech_enhancement: z.boolean().optional(),
  disable_music_track: z.boolean().optional(),
  keep_the_same_format: z.boolean().optional(),
  brand_glossary_id: z.string().nullish(),
  brand_voice_id: z.string().nullish(),
  folder_id: z.string().nullish(),
});

const uploadSchema = z.strictObject({ srt: assetRefSchema });

const generateSchema = z.strictObject({
  captions: z.boolean().optional(),
  translate_audio_only: z.boolean().optional(),
  callback_url: z.url().nullish(),
  callback_id: z.string().nullish(),
});

function renderProofread(p: ProofreadRecord, now: number) {
  const phase = jobPhase(p.job, now);
  return {
    id: p.id,
    title: p.title,
    status: phase === "queued" || phase === "running" ? "processing" : phase,
    output_language: p.outputLanguage,
    input_language: p.inputLanguage,
    submitted_for_review: p.submittedForReview,
    failure_message: phase === "failed" ? (p.job.failure?.message ?? null) : null,
    created_at: toUnixSeconds(p.createdAtMs),
  };
}

export function proofreadRoutes(r: Router, deps: SandboxDeps): void {
  const { clock, timing, urls } = deps;

  const find = (req: ApiRequest) => {
    const id = req.params.proofread_id ?? "";
    const p = proofreadsOf(req.account).get(id);
    if (!p) throw notFound("not_found", `Proofread '${id}' was not found.`);
    return p;
  };

  /** Subtitles exist only once the proofread is completed. */
  const findCompleted = (req: ApiRequest) => {
    const p = find(req);
    const phase = jobPhase(p.job, clock.now());
    if (phase !== "completed") {
      const state = phase === "failed" ? "failed" : "still processing";
      throw new ApiError(409, "conflict", `Proofread '${p.id}' is ${state}; its subtitles are not available.`);
    }
    return p;
  };

  r.post(
    "/v3/video-translations/proofreads",
    (req) => {
      const body = parseBody(createSchema, req.body);
      const languages = resolveLanguages(body.output_languages, "output_languages", true);
      checkFile(deps, req, body.video, "video", "video");
      checkFile(deps, req, body.srt, "srt", "srt");
      assertJobCapacity(req.account, clock);
      const now = clock.now();
      const usd = Math.max(0.01, Math.round(SOURCE_SECONDS * PROOFREAD_USD_PER_SECOND * 100) / 100);
      req.account.charge(usd * languages.length, now);
      const failure = body.title.includes(FAIL_MARKER)
        ? { code: "proofread_failed", message: `The sandbox failed this proofread on purpose (${FAIL_MARKER}).` }
        : null;
      const ids = languages.map(
        (language) =>
          proofreadsOf(req.account).add({
            id: newId(),
            createdAtMs: now,
            job: planJob(timing, now, SOURCE_SECONDS, failure),
            chargeUsd: usd,
            title: body.title,
            mode: body.mode ?? "speed",
            outputLanguage: language,
            inputLanguage: "en",
            durationSec: SOURCE_SECONDS,
            hasOriginalSrt: Boolean(body.srt),
            srtRevision: 1,
            submittedForReview: false,
          }).id,
      );
      return ok({ proofread_ids: ids, status: "processing" });
    },
    { idempotent: true, creates: true },
  );

  r.get("/v3/video-translations/proofreads/:proofread_id", (req) => ok(renderProofread(find(req), clock.now())));

  r.get("/v3/video-translations/proofreads/:proofread_id/srt", (req) => {
    const p = findCompleted(req);
    const expires = String(toUnixSeconds(clock.now()) + URL_TTL_S);
    return ok({
      srt_url: urls.media(`proofreads/${p.id}.srt`, { rev: String(p.srtRevision), expires }),
      original_srt_url: p.hasOriginalSrt ? urls.media(`proofreads/${p.id}-original.srt`, { expires }) : null,
    });
  });

  r.put("/v3/video-translations/proofreads/:proofread_id/srt", (req) => {
    const p = find(req);
    const { srt } = parseBody(uploadSchema, req.body);
    checkFile(deps, req, srt, "srt", "srt");
    findCompleted(req);
    p.srtRevision += 1;
    return ok(renderProofread(p, clock.now()));
  });

  r.post(
    "/v3/video-translations/proofreads/:proofread_id/generate",
    (req) => {
      const p = findCompleted(req);
      const body = parseBody(generateSchema, req.body ?? {});
      assertJobCapacity(req.account, clock);
      const now = clock.now();
      const usd = Math.max(0.01, Math.round(p.durationSec * USD_PER_SECOND[p.mode] * 100) / 100);
      req.account.charge(usd, now);
      const t = addTranslation(req.account, {
        createdAtMs: now,
        title: p.title,
        outputLanguage: p.outputLanguage,
        inputLanguage: p.inputLanguage,
        seconds: p.durationSec,
        usd,
        job: planJob(timing, now, p.durationSec),
        translateAudioOnly: body.translate_audio_only,
        captions: body.captions,
        callbackId: body.callback_id,
        callbackUrl: body.callback_url,
      });
      p.submittedForReview = true;
      return ok({ video_translation_id: t.id, status: "processing" });
    },
    { idempotent: true, creates: true },
  );

  // Subtitle files (presigned-style: no auth), in the proofread's language.
  r.raw("GET", "/media/proofreads/:file", (req) => {
    const match = /^(.+?)(-original)?\.srt$/.exec(req.params.file ?? "");
    const id = match?.[1] ?? "";
    for (const account of deps.store.allAccounts()) {
      const p = proofreadsOf(account).get(id);
      if (p && jobPhase(p.job, clock.now()) === "completed" && (!match?.[2] || p.hasOriginalSrt)) {
        const language = match?.[2] ? "English" : p.outputLanguage;
        return {
          status: 200,
          raw: { bytes: Buffer.from(subtitleText(language), "utf8"), contentType: "application/x-subrip" },
        };
      }
    }
    throw new ApiError(404, "not_found", "Unknown media file.");
  });
}
