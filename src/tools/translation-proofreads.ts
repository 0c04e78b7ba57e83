import { z } from "zod";
import { createdNext } from "../jobs/read.js";
import { jobStatusLine } from "../jobs/summary.js";
import { plural } from "../text.js";
import { CREATE, defineTool, READ, type ToolContext, UPDATE } from "./define.js";
import { assetInput, callbackFields, defined, REFS_ONLY, toAssetInput } from "./shared-schemas.js";
import { outputLanguages, translationMode } from "./translation.js";

// ---- api-catalog §2.6: proofreads — review a translation's subtitles before it renders ----

export const createProofread = defineTool({
  name: "create_proofread",
  title: "Start a translation proofread",
  toolset: "translation",
  description:
    "Translate a video's subtitles for review before rendering: one proofread per language. Paid: ~$0.0083/s per language. wait_for_job, then download_proofread_srt / upload_proofread_srt / generate_video_from_proofread.",
  operation: "POST /v3/video-translations/proofreads",
  input: z.strictObject({
    video: assetInput("Source video.", "video", REFS_ONLY),
    output_languages: outputLanguages,
    title: z.string().min(1).describe("Proofread title."),
    mode: translationMode,
    speaker_num: z.int().min(1).optional().describe("Speakers in the video."),
    srt: assetInput("Starting subtitles.", "srt", REFS_ONLY).optional(),
    enable_video_stretching: z.boolean().optional().describe("Let length stretch."),
    enable_speech_enhancement: z.boolean().optional().describe("Clean up speech."),
    disable_music_track: z.boolean().optional().describe("Drop background music."),
    keep_the_same_format: z.boolean().optional().describe("Keep source resolution/bitrate."),
    brand_glossary_id: z.string().min(1).optional().describe("Term glossary id."),
    folder_id: z.string().min(1).optional().describe("Folder to file it in."),
  }),
  output: z.object({
    proofreads: z.array(z.object({ proofread_id: z.string(), output_language: z.string().nullable() })),
    status: z.string(),
  }),
  annotations: CREATE,
  async handler({ video, srt, ...rest }, { call }) {
    const { body } = await call<{ data: { proofread_ids: string[]; status: string } }>({
      body: { video: toAssetInput(video), ...(srt ? { srt: toAssetInput(srt) } : {}), ...defined(rest) },
    });
    const ids = body.data.proofread_ids;
    const labelled = ids.length === rest.output_languages.length;
    return {
      proofreads: ids.map((id, i) => ({
        proofread_id: id,
        output_language: labelled ? (rest.output_languages[i] ?? null) : null,
      })),
      status: body.data.status,
    };
  },
  summary: ({ proofreads: p, status }) =>
    `${plural(p.length, "proofread")} ${status}. ${createdNext("proofread", p[0]?.proofread_id ?? "")}`,
});

interface Proofread {
  id: string;
  title?: string | null;
  status: "processing" | "completed" | "failed";
  output_language?: string | null;
  input_language?: string | null;
  submitted_for_review?: boolean | null;
  failure_message?: string | null;
  created_at?: number | null;
}

const proofreadOutput = z.object({
  id: z.string(),
  title: z.string().nullable(),
  status: z.enum(["processing", "completed", "failed"]),
  output_language: z.string().nullable(),
  input_language: z.string().nullable(),
  submitted_for_review: z.boolean().nullable(),
  failure_message: z.string().nullable(),
  created_at: z.number().nullable(),
});

const toProofread = (p: Proofread): z.input<typeof proofreadOutput> => ({
  id: p.id,
  title: p.title ?? null,
  status: p.status,
  output_language: p.output_language ?? null,
  input_language: p.input_language ?? null,
  submitted_for_review: p.submitted_for_review ?? null,
  failure_message: p.failure_message ?? null,
  created_at: p.created_at ?? null,
});

const proofreadId = z.string().min(1).describe("From create_proofread.");

export const getProofread = defineTool({
  name: "get_proofread",
  title: "Get a proofread",
  toolset: "translation",
  description: "A proofread's status. Once completed its subtitles can be read, replaced and rendered.",
  operation: "GET /v3/video-translations/proofreads/{proofread_id}",
  input: z.strictObject({ proofread_id: proofreadId }),
  output: proofreadOutput,
  annotations: READ,
  async handler({ proofread_id }, { call }) {
    const { body } = await call<{ data: Proofread }>({ pathParams: { proofread_id } });
    return toProofread(body.data);
  },
  summary: (p) =>
    jobStatusLine(
      "proofread",
      p,
      `Next: download_proofread_srt with proofread_id="${p.id}" to review, or generate_video_from_proofread.`,
    ),
});

/** Inline only what fits comfortably in a model's context; larger files stay a link. */
const SRT_INLINE_MAX_BYTES = 4_096;
const SRT_FETCH_TIMEOUT_MS = 10_000;

/**
 * Reads a presigned link when the file is at most `max` bytes. Returns the text, or null with the
 * size when known: a failed or oversized read is not an error, the caller still has the link.
 */
async function smallText(url: string, max: number, fetchFile: ToolContext["fetchFile"]) {
  const got = await fetchFile(url, { maxBytes: max, timeoutMs: SRT_FETCH_TIMEOUT_MS });
  if (got.ok) return { text: got.bytes.toString("utf8"), bytes: got.bytes.byteLength };
  return { text: null, bytes: got.reason === "too_large" ? (got.bytes ?? null) : null };
}

export const downloadProofreadSrt = defineTool({
  name: "download_proofread_srt",
  title: "Read a proofread's subtitles",
  toolset: "translation",
  description:
    "The translated subtitles of a completed proofread: the SRT text itself when it is small (≤4 KB), else only its link (expires).",
  operation: "GET /v3/video-translations/proofreads/{proofread_id}/srt",
  input: z.strictObject({ proofread_id: proofreadId }),
  output: z.object({
    srt_url: z.string().describe("Current SRT; expires."),
    original_srt_url: z.string().nullable().describe("SRT given at creation."),
    srt_text: z.string().nullable().describe("Inline when small."),
    srt_bytes: z.number().nullable(),
  }),
  annotations: READ,
  async handler({ proofread_id }, { call, fetchFile }) {
    const { body } = await call<{ data: { srt_url: string; original_srt_url?: string | null } }>({
      pathParams: { proofread_id },
    });
    const { text, bytes } = await smallText(body.data.srt_url, SRT_INLINE_MAX_BYTES, fetchFile);
    return {
      srt_url: body.data.srt_url,
      original_srt_url: body.data.original_srt_url ?? null,
      srt_text: text,
      srt_bytes: bytes,
    };
  },
  summary: (r) => {
    const next =
      "Next: to change it, upload an edited .srt with upload_asset and pass it to upload_proofread_srt; then generate_video_from_proofread.";
    if (r.srt_text !== null) return `SRT (${r.srt_bytes ?? "?"} bytes) below. ${next}`;
    const size = r.srt_bytes !== null ? ` (${r.srt_bytes} bytes)` : "";
    return `SRT${size} not shown inline; download srt_url (expires). ${next}`;
  },
});

export const uploadProofreadSrt = defineTool({
  name: "upload_proofread_srt",
  title: "Replace a proofread's subtitles",
  toolset: "translation",
  description:
    "Replace a completed proofread's subtitles with an edited .srt file (by URL, or asset_id from upload_asset). Renders nothing; call generate_video_from_proofread after.",
  operation: "PUT /v3/video-translations/proofreads/{proofread_id}/srt",
  input: z.strictObject({ proofread_id: proofreadId, srt: assetInput("Edited .srt file.", "srt", REFS_ONLY) }),
  output: proofreadOutput,
  annotations: UPDATE,
  async handler({ proofread_id, srt }, { call }) {
    const { body } = await call<{ data: Proofread }>({
      pathParams: { proofread_id },
      body: { srt: toAssetInput(srt) },
    });
    return toProofread(body.data);
  },
  summary: (p) =>
    `Subtitles of proofread ${p.id} replaced. Next: generate_video_from_proofread with proofread_id="${p.id}".`,
});

export const generateVideoFromProofread = defineTool({
  name: "generate_video_from_proofread",
  title: "Render a proofread translation",
  toolset: "translation",
  description:
    "Render the translated video from a completed proofread's (edited) subtitles. Paid: as create_video_translation, ~$0.05-0.1/s. Returns a video_translation_id; then wait_for_job.",
  operation: "POST /v3/video-translations/proofreads/{proofread_id}/generate",
  input: z.strictObject({
    proofread_id: proofreadId,
    captions: z.boolean().optional().describe("Also make captions."),
    translate_audio_only: z.boolean().optional().describe("Dub audio only, no lip-sync."),
    ...callbackFields,
  }),
  output: z.object({ video_translation_id: z.string(), status: z.string() }),
  annotations: CREATE,
  async handler({ proofread_id, ...rest }, { call }) {
    const { body } = await call<{ data: { video_translation_id: string; status: string } }>({
      pathParams: { proofread_id },
      body: defined(rest),
    });
    return { video_translation_id: body.data.video_translation_id, status: body.data.status };
  },
  summary: (r) =>
    `Translation ${r.video_translation_id} ${r.status}. ${createdNext("video_translation", r.video_translation_id)}`,
});

export const proofreadTools = [
  createProofread,
  getProofread,
  downloadProofreadSrt,
  uploadProofreadSrt,
  generateVideoFromProofread,
];
