/**
 * Video translations (catalog §2.6): create, list, get, rename, delete, the supported languages,
 * batches and bulk statuses. The record, price and rendering live in translation-model.ts, the
 * semantic checks in translation-checks.ts, batches in translation-batches.ts; proofreads reuse them.
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
import type { SandboxDeps } from "../deps.js";
import { ApiError, notFound, ok } from "../envelope.js";
import { assertJobCapacity, jobPhase, planJob } from "../jobs.js";
import { PAGE_SPECS, paginate } from "../pagination.js";
import type { ApiRequest, Router } from "../router.js";
import { parseBody } from "../validate.js";
import { translationBatchRoutes } from "./translation-batches.js";
import {
  addTranslation,
  createSchema,
  planTranslation,
  renderTranslation,
  translationFailure,
  translationsOf,
} from "./translation-model.js";
import { LANGUAGES, subtitleText } from "./translations-languages.js";

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

  translationBatchRoutes(r, deps);
}
