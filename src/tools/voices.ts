import { z } from "zod";
import { jobStatusLine } from "../jobs/summary.js";
import { plural } from "../text.js";
import { defineTool, READ } from "./define.js";
import { nextPageHint, pageInput, pageOutput, toPageResult } from "./shared-schemas.js";

interface Voice {
  voice_id: string;
  name?: string | null;
  language?: string | null;
  gender?: string | null;
  type?: string;
  preview_audio_url?: string | null;
  support_pause?: boolean;
  support_locale?: boolean;
  status?: string | null;
  failure_message?: string | null;
}

export const listVoices = defineTool({
  name: "list_voices",
  title: "List voices",
  toolset: "voices",
  core: true,
  description:
    "Text-to-speech voices with language and gender. Filter by language, gender and engine (a voice must support the render engine).",
  operation: "GET /v3/voices",
  input: z.strictObject({
    type: z.enum(["public", "private"]).default("public").describe("public library or your cloned voices."),
    language: z.string().min(1).optional().describe("e.g. English, Spanish."),
    gender: z.enum(["male", "female"]).optional().describe("Voice gender."),
    engine: z.string().min(1).optional().describe("Only voices usable with this engine, e.g. starfish."),
    ...pageInput({ max: 100, fallback: 20 }),
  }),
  output: pageOutput(
    "voices",
    z.object({
      voice_id: z.string(),
      name: z.string(),
      language: z.string(),
      gender: z.string(),
      preview_audio_url: z.string().nullable(),
    }),
  ),
  annotations: READ,
  async handler(input, { call }) {
    const { body } = await call<{ data: Voice[] }>({ query: input });
    return toPageResult("voices", body, (v: Voice) => ({
      voice_id: v.voice_id,
      name: v.name ?? "",
      language: v.language ?? "",
      gender: v.gender ?? "",
      preview_audio_url: v.preview_audio_url ?? null,
    }));
  },
  summary: (p) =>
    `${plural(p.voices.length, "voice")}. Next: pass a voice_id to create_video_from_avatar.${nextPageHint(p, "list_voices")}`,
});

export const getVoice = defineTool({
  name: "get_voice",
  title: "Get a voice",
  toolset: "voices",
  description: "One voice by id; for a cloned voice, its clone status (processing → complete | failed).",
  operation: "GET /v3/voices/{voice_id}",
  input: z.strictObject({ voice_id: z.string().min(1).describe("From list_voices or clone_voice.") }),
  output: z.object({
    voice_id: z.string(),
    name: z.string().nullable(),
    language: z.string().nullable(),
    gender: z.string().nullable(),
    status: z.enum(["processing", "complete", "failed"]).nullable().describe("Clones only."),
    failure_message: z.string().nullable(),
    support_pause: z.boolean(),
    preview_audio_url: z.string().nullable(),
  }),
  annotations: READ,
  async handler({ voice_id }, { call }) {
    const { body } = await call<{ data: Voice }>({ pathParams: { voice_id } });
    const v = body.data;
    return {
      voice_id: v.voice_id,
      name: v.name ?? null,
      language: v.language ?? null,
      gender: v.gender ?? null,
      status: (v.status as "processing" | "complete" | "failed" | null | undefined) ?? null,
      failure_message: v.failure_message ?? null,
      support_pause: v.support_pause ?? false,
      preview_audio_url: v.preview_audio_url ?? null,
    };
  },
  summary: (v) =>
    jobStatusLine(
      "voice_clone",
      v,
      `${v.name ?? "?"}, ${v.language ?? "?"}. Next: pass voice_id to create_video_from_avatar.`,
    ),
});

export const voiceTools = [listVoices, getVoice];
