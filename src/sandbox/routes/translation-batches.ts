/**
 * Video translation batches and bulk statuses (catalog §2.6, §1.9). Each entry expands per language
 * (≤100 items in all); a schema error rejects the request, a semantic one (unknown language, missing
 * asset) fails only its items.
 */
import { z } from "zod";
import { batchRoutes, chargeBatch, type ItemError, toItemError } from "../batches.js";
import type { SandboxDeps } from "../deps.js";
import { badParam } from "../envelope.js";
import { jobPhase } from "../jobs.js";
import type { ApiRequest, Router } from "../router.js";
import { resolveLanguage } from "./translation-checks.js";
import {
  addTranslation,
  type CreateBody,
  createSchema,
  planTranslation,
  type TranslationPlan,
  translationFailure,
  translationsOf,
} from "./translation-model.js";

const MAX_BATCH_ITEMS = 100;

const createBatchSchema = z.strictObject({
  video_translations: z.array(createSchema).min(1).max(MAX_BATCH_ITEMS),
  title: z.string().nullish(),
  callback_url: z.url().nullish(),
});

interface PlannedItem {
  body: CreateBody;
  plan: TranslationPlan | null;
  language: string;
  error: ItemError | null;
}

/** One entry's items, one per language; a semantic error fails them all, or just its language. */
function planEntry(deps: SandboxDeps, req: ApiRequest, body: CreateBody, i: number): PlannedItem[] {
  const prefix = `video_translations.${i}.`;
  try {
    const plan = planTranslation(deps, req, { ...body, output_languages: [] as string[] }, prefix);
    return body.output_languages.map((name, j) => {
      try {
        const param = `${prefix}output_languages.${j}`;
        const language = resolveLanguage(name, param, false);
        if (body.output_languages.indexOf(name) !== j) throw badParam(param, `'${name}' is listed twice.`);
        return { body, plan, language, error: null };
      } catch (err) {
        return { body, plan, language: name, error: toItemError(err) };
      }
    });
  } catch (err) {
    const error = toItemError(err);
    return body.output_languages.map((name) => ({ body, plan: null, language: name, error }));
  }
}

export function translationBatchRoutes(r: Router, deps: SandboxDeps): void {
  batchRoutes(r, deps, {
    base: "/v3/video-translations",
    collection: "video_translation_batches",
    schema: createBatchSchema,
    createItems(req, body, now, schedule) {
      const expanded = body.video_translations.reduce((n, e) => n + e.output_languages.length, 0);
      if (expanded > MAX_BATCH_ITEMS) {
        throw badParam(
          "video_translations",
          `A batch holds at most ${MAX_BATCH_ITEMS} items after expanding output_languages (got ${expanded}).`,
        );
      }
      const planned = body.video_translations.flatMap((entry, i) => planEntry(deps, req, entry, i));
      chargeBatch(
        req.account,
        planned.map((p) => (p.plan && !p.error ? p.plan.usdPerLanguage : 0)),
        now,
      );
      return planned.map(({ body: entry, plan, language, error }) => {
        if (!plan || error) return { resourceId: null, job: null, error };
        const job = schedule(plan.seconds, translationFailure(plan.failed));
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
        return { resourceId: t.id, job: { ...job }, error: null };
      });
    },
    idsParam: "video_translation_ids",
    statusOf(account, id, now) {
      const t = translationsOf(account).get(id);
      if (!t) return undefined;
      const phase = jobPhase(t.job, now);
      const status = phase === "running" ? "processing" : phase;
      return { video_id: id, status, error: phase === "failed" ? t.job.failure : null };
    },
  });
}
