/**
 * Voice design, cloning, deletion and speech (catalog §2.4).
 *
 * - POST /v3/voices is a semantic search, not a creation: it ranks the public library plus the
 *   account's finished clones against the prompt and returns batch `seed` of 3. Free.
 * - POST /v3/voices/clone: a private voice `processing` → `complete` | `failed` (clock-derived, copied
 *   onto the record by a sweep so the core's GET /v3/voices?type=private and /v3/voices/{id} show it);
 *   400 `resource_limit_reached` once the account holds CLONE_LIMIT clones.
 * - DELETE /v3/voices/{id}: own clones only; unknown or already deleted → 404 `voice_not_found`.
 * - POST /v3/voices/speech: synchronous Starfish TTS, $0.000333 per second of audio; the audio URL is
 *   the sandbox's own small MP3.
 *
 * [inf] choices: the clone limit (5), that clones are free and Starfish-capable, that a clone's
 * gender and language are "detected" (language from the hint, else English; gender from a hash of
 * the audio input), speech length at ~150 words/min ÷ speed, 404 for a clone still processing (as
 * HeyGen's error page words it) and 400 `voice_unavailable` for a failed one.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { assertAssetExists, assetInputSchema } from "../asset-input.js";
import { toUnixSeconds } from "../clock.js";
import type { SandboxDeps } from "../deps.js";
import { ApiError, badParam, notFound, ok } from "../envelope.js";
import { hexId } from "../ids.js";
import { assertJobCapacity, estimateSpeechSeconds, FAIL_MARKER, type JobPlan, jobPhase, planJob } from "../jobs.js";
import type { Router } from "../router.js";
import type { VoiceSeed } from "../seed.js";
import { type Account, COLLECTIONS, type PrivateVoice } from "../store.js";
import { parseBody } from "../validate.js";
import { renderVoiceListItem } from "./voices.js";

export const CLONE_LIMIT = 5;
const SPEECH_USD_PER_SECOND = 0.000333;
const DESIGN_BATCH = 3;
const CLONE_SECONDS = 20;
const URL_TTL_S = 7 * 24 * 3600;

interface CloneRecord extends PrivateVoice {
  cloned: true;
  job: JobPlan;
}

const voicesOf = (account: Account) => account.collection<CloneRecord>(COLLECTIONS.voices);

const LANGUAGES: Record<string, string> = {
  en: "English",
  es: "Spanish",
  fr: "French",
  de: "German",
  ja: "Japanese",
  pt: "Portuguese",
  hi: "Hindi",
  zh: "Chinese",
  it: "Italian",
  ko: "Korean",
};

/** "en-US" / "en" / "English" → "English"; unknown codes stay as given. */
const languageName = (code: string): string => {
  const base = code.split(/[-_]/)[0]?.toLowerCase() ?? code;
  return LANGUAGES[base] ?? code;
};

const designSchema = z.strictObject({
  prompt: z.string().min(1),
  gender: z.enum(["male", "female"]).nullish(),
  locale: z.string().min(2).nullish(),
  seed: z.int().min(0).default(0),
});

const cloneSchema = z.strictObject({
  audio: assetInputSchema,
  voice_name: z.string().min(1).max(200),
  language: z.string().min(2).nullish(),
  remove_background_noise: z.boolean().default(true),
});

const speechSchema = z.strictObject({
  text: z.string().min(1).max(5000),
  voice_id: z.string().min(1),
  input_type: z.enum(["text", "ssml"]).default("text"),
  speed: z.number().min(0.5).max(2).default(1),
  language: z.string().min(2).nullish(),
  locale: z.string().min(2).nullish(),
});

const GENDER_WORDS: Record<"male" | "female", string[]> = {
  female: ["female", "woman", "women", "girl", "lady", "feminine", "she", "her"],
  male: ["male", "man", "men", "guy", "boy", "masculine", "he", "his"],
};

/** Relevance of a voice to the prompt's words: name words, language, gender words. */
function relevance(v: VoiceSeed, words: Set<string>): number {
  let score = 0;
  for (const w of v.name.toLowerCase().split(/[^a-zà-ÿ]+/)) if (w && words.has(w)) score += 2;
  if (words.has(v.language.toLowerCase())) score += 2;
  if (GENDER_WORDS[v.gender].some((w) => words.has(w))) score += 1;
  return score;
}

/** Copies each clone's clock-derived status onto its record. */
function syncClones(account: Account, now: number): void {
  for (const v of voicesOf(account).list()) {
    if (!v.cloned) continue;
    const phase = jobPhase(v.job, now);
    v.status = phase === "completed" ? "complete" : phase === "failed" ? "failed" : "processing";
    v.preview_audio = phase === "completed" ? "voice-preview.mp3" : null;
    v.failure_message = phase === "failed" ? (v.job.failure?.message ?? null) : null;
  }
}

export function voiceManageRoutes(r: Router, deps: SandboxDeps): void {
  const { store, clock, timing, urls } = deps;

  deps.ticks.push(() => {
    const now = clock.now();
    for (const account of store.allAccounts()) syncClones(account, now);
  });

  r.post("/v3/voices", (req) => {
    const body = parseBody(designSchema, req.body);
    const words = new Set(
      body.prompt
        .toLowerCase()
        .split(/[^a-zà-ÿ]+/)
        .filter(Boolean),
    );
    const language = body.locale ? languageName(body.locale) : null;
    const pool: VoiceSeed[] = [
      ...store.catalog.voices,
      ...voicesOf(req.account)
        .list()
        .filter((v) => v.status === "complete"),
    ];
    const ranked = pool
      .filter((v) => (!body.gender || v.gender === body.gender) && (!language || v.language === language))
      .map((v, i) => ({ v, i, score: relevance(v, words) }))
      .sort((a, b) => b.score - a.score || a.i - b.i)
      .map(({ v }) => v);
    const batch = ranked.slice(body.seed * DESIGN_BATCH, (body.seed + 1) * DESIGN_BATCH);
    return ok({
      seed: body.seed,
      voices: batch.map((v) => renderVoiceListItem(v, urls)),
    });
  });

  r.post(
    "/v3/voices/clone",
    (req) => {
      const body = parseBody(cloneSchema, req.body);
      assertAssetExists(store, req.account, body.audio, "audio");
      const clones = voicesOf(req.account)
        .list()
        .filter((v) => v.type === "private");
      if (clones.length >= CLONE_LIMIT) {
        throw new ApiError(
          400,
          "resource_limit_reached",
          `Voice clone limit reached (${CLONE_LIMIT}). Delete unused cloned voices or contact support to raise the limit.`,
        );
      }
      assertJobCapacity(req.account, clock);
      const now = clock.now();
      const failure = body.voice_name.includes(FAIL_MARKER)
        ? {
            code: "voice_clone_failed",
            message: `The sandbox failed this clone on purpose (${FAIL_MARKER} in the input).`,
          }
        : null;
      const digest = createHash("sha256").update(JSON.stringify(body.audio)).digest();
      const voice = voicesOf(req.account).add({
        cloned: true,
        id: hexId(),
        voice_id: "",
        createdAtMs: now,
        job: planJob(timing, now, CLONE_SECONDS, failure),
        name: body.voice_name,
        language: body.language ? languageName(body.language) : "English",
        gender: (digest[0] ?? 0) % 2 === 0 ? "female" : "male",
        type: "private",
        support_pause: true,
        support_locale: false,
        support_interactive_avatar: false,
        engines: ["starfish"],
        preview_audio: null,
        created_at: toUnixSeconds(now),
        status: "processing",
        failure_message: null,
      });
      voice.voice_id = voice.id;
      return ok({ voice_clone_id: voice.id });
    },
    { creates: true },
  );

  r.delete("/v3/voices/:voice_id", (req) => {
    const id = req.params.voice_id ?? "";
    if (voicesOf(req.account).delete(id)) return ok({ voice_id: id });
    if (store.catalog.voices.some((v) => v.voice_id === id)) {
      throw new ApiError(403, "forbidden", `Voice '${id}' is a public voice; only your cloned voices can be deleted.`);
    }
    throw notFound("voice_not_found", `Voice '${id}' was not found.`);
  });

  r.post(
    "/v3/voices/speech",
    (req) => {
      const body = parseBody(speechSchema, req.body);
      const voice = store.findVoice(req.account, body.voice_id);
      if (!voice || voice.status === "processing") {
        const why = voice ? " It is still processing; poll GET /v3/voices/{voice_id} until complete." : "";
        throw notFound("voice_not_found", `Voice '${body.voice_id}' was not found.${why}`, "voice_id");
      }
      if (voice.status === "failed") {
        throw new ApiError(400, "voice_unavailable", `Voice '${body.voice_id}' failed processing.`, "voice_id");
      }
      if (!voice.engines.includes("starfish")) {
        throw badParam(
          "voice_id",
          `Voice '${body.voice_id}' does not support the starfish engine; list voices with engine=starfish.`,
        );
      }
      const spoken = body.input_type === "ssml" ? body.text.replace(/<[^>]*>/g, " ") : body.text;
      if (body.input_type === "ssml" && /<break\b/i.test(body.text) && !voice.support_pause) {
        throw badParam("text", `Voice '${body.voice_id}' does not support <break> pauses (support_pause is false).`);
      }
      const words = spoken.trim().split(/\s+/).filter(Boolean);
      if (words.length === 0) throw badParam("text", "text has nothing to speak.");
      const duration = Math.round((estimateSpeechSeconds(spoken) / body.speed) * 100) / 100;
      const now = clock.now();
      req.account.charge(duration * SPEECH_USD_PER_SECOND, now);
      const requestId = hexId();
      const step = duration / words.length;
      const at = (n: number) => Math.round(n * step * 1000) / 1000;
      return ok({
        audio_url: urls.media("voice-preview.mp3", {
          request_id: requestId,
          expires: String(toUnixSeconds(now) + URL_TTL_S),
        }),
        duration,
        request_id: requestId,
        word_timestamps: words.map((word, i) => ({ word, start: at(i), end: at(i + 1) })),
      });
    },
    { creates: true },
  );
}
