import { z } from "zod";
import { createdNext } from "../jobs/read.js";
import { jobStatusLine } from "../jobs/summary.js";
import { plural } from "../text.js";
import { CREATE, defineTool, READ } from "./define.js";
import { deleteTool, listTool, renameTool, timeRange } from "./jobs-shared.js";
import {
  assetInput,
  callbackFields,
  dashboardTitle,
  defined,
  orNull,
  REFS_ONLY,
  toAssetInput,
} from "./shared-schemas.js";

// ---- api-catalog §2.6: video translations, their batches and bulk statuses ----

/** Target languages are display names, not codes: HeyGen rejects "es". */
export const outputLanguages = z
  .array(z.string().min(1))
  .min(1)
  .describe('Names from list_video_translation_languages, e.g. "Spanish (Spain)".');

export const translationMode = z.enum(["speed", "precision"]).default("speed").describe("precision: better lip-sync.");

const createInput = z.strictObject({
  video: assetInput("Source video.", "video", REFS_ONLY),
  output_languages: outputLanguages,
  mode: translationMode,
  title: dashboardTitle,
  input_language: z.string().min(2).optional().describe("Source language; auto-detected."),
  speaker_num: z.int().min(1).optional().describe("Speakers in the video."),
  translate_audio_only: z.boolean().optional().describe("Audio only, no lip-sync."),
  enable_caption: z.boolean().optional().describe("Also make captions."),
  enable_dynamic_duration: z.boolean().optional().describe("Let length stretch; default true."),
  enable_speech_enhancement: z.boolean().optional().describe("Clean speech."),
  disable_music_track: z.boolean().optional().describe("Drop music."),
  start_time: z.number().min(0).optional().describe("Partial: from second."),
  end_time: z.number().positive().optional().describe("Partial: to second."),
  audio: assetInput("Own dubbing audio.", "audio", REFS_ONLY).optional(),
  srt: assetInput("Own subtitles.", "srt", REFS_ONLY).optional(),
  srt_role: z.enum(["input", "output"]).optional().describe("srt is source or target."),
  brand_glossary_id: z.string().min(1).optional().describe("Term glossary."),
  callback_url: z.url().optional().describe("Webhook per language."),
  callback_id: callbackFields.callback_id,
});

type CreateArgs = z.output<typeof createInput>;

/** The flat tool arguments as HeyGen's request body. */
export function translationBody({ video, audio, srt, ...rest }: CreateArgs) {
  return {
    video: toAssetInput(video),
    ...(audio ? { audio: toAssetInput(audio) } : {}),
    ...(srt ? { srt: toAssetInput(srt) } : {}),
    ...defined(rest),
  };
}

export const createVideoTranslation = defineTool({
  name: "create_video_translation",
  title: "Translate a video",
  toolset: "translation",
  core: true,
  description:
    "Dub a video into other languages (cloned voice, lip-sync). Paid per language: ~$0.05/s speed, ~$0.1/s precision. Returns one id per language; then wait_for_job.",
  operation: "POST /v3/video-translations",
  input: createInput.superRefine(timeRange),
  output: z.object({
    translations: z.array(z.object({ video_translation_id: z.string(), output_language: z.string().nullable() })),
  }),
  annotations: CREATE,
  async handler(input, { call }) {
    const { body } = await call<{ data: { video_translation_ids: string[] } }>({ body: translationBody(input) });
    const ids = body.data.video_translation_ids;
    // One id per language, in the order asked; only label them when the counts agree.
    const labelled = ids.length === input.output_languages.length;
    return {
      translations: ids.map((id, i) => ({
        video_translation_id: id,
        output_language: labelled ? (input.output_languages[i] ?? null) : null,
      })),
    };
  },
  summary: ({ translations: t }) => {
    const first = t[0]?.video_translation_id ?? "";
    const more = t.length > 1 ? " Then the same for each other id." : "";
    return `${plural(t.length, "translation")} queued. ${createdNext("video_translation", first)}${more}`;
  },
});

// ---- read, rename, delete ----

type TranslationStatus = "pending" | "running" | "completed" | "failed";

interface Translation {
  id: string;
  title?: string | null;
  status: TranslationStatus;
  output_language?: string | null;
  input_language?: string | null;
  duration?: number | null;
  translate_audio_only?: boolean | null;
  video_url?: string | null;
  audio_url?: string | null;
  srt_caption_url?: string | null;
  vtt_caption_url?: string | null;
  failure_message?: string | null;
  callback_id?: string | null;
  created_at?: number | null;
}

const translationStatus = z.enum(["pending", "running", "completed", "failed"]);

const translationOutput = z.object({
  id: z.string(),
  title: z.string().nullable(),
  status: translationStatus,
  output_language: z.string().nullable(),
  input_language: z.string().nullable(),
  duration: z.number().nullable().describe("Seconds."),
  translate_audio_only: z.boolean().nullable(),
  video_url: z.string().nullable(),
  audio_url: z.string().nullable(),
  srt_caption_url: z.string().nullable(),
  vtt_caption_url: z.string().nullable(),
  failure_message: z.string().nullable(),
  created_at: z.number().nullable(),
});

const OPTIONAL = [
  "title",
  "output_language",
  "input_language",
  "duration",
  "translate_audio_only",
  "video_url",
  "audio_url",
  "srt_caption_url",
  "vtt_caption_url",
  "failure_message",
  "created_at",
] as const;

const toTranslation = (t: Translation): z.input<typeof translationOutput> => ({
  id: t.id,
  status: t.status,
  ...orNull(t, OPTIONAL),
});

const translationId = z.string().min(1).describe("From create_video_translation or list_video_translations.");

export const getVideoTranslation = defineTool({
  name: "get_video_translation",
  title: "Get a video translation",
  toolset: "translation",
  description:
    "One translation's status and, once completed, its video/audio/caption links (presigned, they expire: call again to refresh).",
  operation: "GET /v3/video-translations/{video_translation_id}",
  input: z.strictObject({ video_translation_id: translationId }),
  output: translationOutput,
  annotations: READ,
  async handler({ video_translation_id }, { call }) {
    const { body } = await call<{ data: Translation }>({ pathParams: { video_translation_id } });
    return toTranslation(body.data);
  },
  summary: (t) => jobStatusLine("video_translation", t),
});

export const listVideoTranslations = listTool({
  name: "list_video_translations",
  title: "List video translations",
  toolset: "translation",
  description: "Translations in the account, newest first, one row per language. Use get_video_translation for links.",
  operation: "GET /v3/video-translations",
  key: "translations",
  row: z.object({
    id: z.string(),
    title: z.string().nullable(),
    status: translationStatus,
    output_language: z.string().nullable(),
    created_at: z.number().nullable(),
  }),
  toRow: (t: Translation) => ({
    id: t.id,
    status: t.status,
    ...orNull(t, ["title", "output_language", "created_at"] as const),
  }),
  noun: "translation",
  next: "Next: get_video_translation with an id for links.",
});

export const updateVideoTranslation = renameTool({
  name: "update_video_translation",
  title: "Rename a video translation",
  toolset: "translation",
  description: "Change a translation's title; nothing else can be edited.",
  operation: "PATCH /v3/video-translations/{video_translation_id}",
  idParam: "video_translation_id",
  id: translationId,
  status: translationStatus,
  subject: "Translation",
});

export const deleteVideoTranslation = deleteTool({
  name: "delete_video_translation",
  title: "Delete a video translation",
  toolset: "translation",
  description: "Permanently delete one translation (one language) and its files. Cannot be undone.",
  operation: "DELETE /v3/video-translations/{video_translation_id}",
  idParam: "video_translation_id",
  idDescription: "Translation to delete.",
  subject: "Translation",
});

export const listVideoTranslationLanguages = defineTool({
  name: "list_video_translation_languages",
  title: "List translation languages",
  toolset: "translation",
  core: true,
  description:
    "The exact language names create_video_translation accepts (proofreads too). Pass search to get only matching names.",
  operation: "GET /v3/video-translations/languages",
  input: z.strictObject({
    search: z.string().min(1).optional().describe('Only names containing this, e.g. "Spanish".'),
  }),
  output: z.object({ languages: z.array(z.string()), total: z.number().describe("Supported in all.") }),
  annotations: READ,
  async handler({ search }, { call }) {
    const { body } = await call<{ data: { languages: string[] } }>({});
    const all = body.data.languages;
    const needle = search?.toLowerCase();
    return { languages: needle ? all.filter((l) => l.toLowerCase().includes(needle)) : all, total: all.length };
  },
  summary: (r) =>
    r.languages.length === 0
      ? `No language matches; ${r.total} are supported. Next: search with a shorter word, or omit search.`
      : `${r.languages.length} of ${plural(r.total, "language")}. Next: create_video_translation with output_languages from these names.`,
});

export const translationTools = [
  createVideoTranslation,
  getVideoTranslation,
  listVideoTranslations,
  updateVideoTranslation,
  deleteVideoTranslation,
  listVideoTranslationLanguages,
];
