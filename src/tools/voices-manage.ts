import { z } from "zod";
import { createdNext } from "../jobs/read.js";
import { plural } from "../text.js";
import { CREATE, DELETE, defineTool, READ } from "./define.js";
import { assetInput, defined, toAssetInput } from "./shared-schemas.js";

// ---- api-catalog §2.4: design (semantic search), clone, delete, speech ----

interface VoiceItem {
  voice_id: string;
  name: string;
  language: string;
  gender: string;
}

export const designVoice = defineTool({
  name: "design_voice",
  title: "Find voices by description",
  toolset: "voices",
  description:
    "Find up to 3 existing voices matching a description, e.g. 'warm, confident female narrator'. Free; creates nothing. Raise seed for more; list_voices browses.",
  operation: "POST /v3/voices",
  input: z.strictObject({
    prompt: z.string().min(1).describe("The voice, in words."),
    gender: z.enum(["male", "female"]).optional().describe("Voice gender."),
    locale: z.string().min(2).optional().describe("BCP-47, e.g. en-US."),
    seed: z.int().min(0).default(0).describe("Batch: 0 best, 1 next…"),
  }),
  output: z.object({
    seed: z.number(),
    voices: z.array(z.object({ voice_id: z.string(), name: z.string(), language: z.string(), gender: z.string() })),
  }),
  annotations: READ,
  async handler(input, { call }) {
    const { body } = await call<{ data: { seed: number; voices: VoiceItem[] } }>({ body: defined(input) });
    return {
      seed: body.data.seed,
      voices: body.data.voices.map((v) => ({
        voice_id: v.voice_id,
        name: v.name,
        language: v.language,
        gender: v.gender,
      })),
    };
  },
  summary: (r) =>
    r.voices.length === 0
      ? "No matching voices. Next: loosen the prompt or drop gender/locale."
      : `${plural(r.voices.length, "voice")} found. Next: create_speech or create_video_from_avatar with a voice_id; seed=${r.seed + 1} for more.`,
});

export const cloneVoice = defineTool({
  name: "clone_voice",
  title: "Clone a voice",
  toolset: "voices",
  description:
    "Clone a voice from a clean speech recording, only with the speaker's consent; uses a clone slot. Async: returns voice_id; then wait_for_job.",
  operation: "POST /v3/voices/clone",
  input: z.strictObject({
    voice_name: z.string().min(1).describe("Display name."),
    audio: assetInput("Speech recording, MP3/WAV.", "audio"),
    language: z.string().min(2).optional().describe("Hint, e.g. en."),
    remove_background_noise: z.boolean().default(true).describe("Denoise first."),
  }),
  output: z.object({ voice_id: z.string() }),
  annotations: CREATE,
  async handler({ audio, ...rest }, { call }) {
    const { body } = await call<{ data: { voice_clone_id: string } }>({
      body: { ...defined(rest), audio: toAssetInput(audio) },
    });
    return { voice_id: body.data.voice_clone_id };
  },
  summary: (v) => `Voice clone ${v.voice_id} processing. ${createdNext("voice_clone", v.voice_id)}`,
});

export const deleteVoice = defineTool({
  name: "delete_voice",
  title: "Delete a cloned voice",
  toolset: "voices",
  description:
    "Permanently delete one of your cloned voices (frees a clone slot). voice_not_found means it is already gone.",
  operation: "DELETE /v3/voices/{voice_id}",
  input: z.strictObject({ voice_id: z.string().min(1).describe("Your clone, from list_voices type=private.") }),
  output: z.object({ voice_id: z.string(), deleted: z.boolean() }),
  annotations: DELETE,
  async handler({ voice_id }, { call }) {
    const { body } = await call<{ data: { voice_id: string } }>({ pathParams: { voice_id } });
    return { voice_id: body.data.voice_id, deleted: true };
  },
  summary: (v) => `Voice ${v.voice_id} deleted.`,
});

export const createSpeech = defineTool({
  name: "create_speech",
  title: "Generate speech audio",
  toolset: "voices",
  description:
    "Text to speech with a Starfish voice (list_voices engine=starfish); returns an audio URL at once. Paid: ~$0.0003/s of audio.",
  operation: "POST /v3/voices/speech",
  input: z.strictObject({
    text: z.string().min(1).max(5000).describe("Text or SSML to speak."),
    voice_id: z.string().min(1).describe("Starfish voice from list_voices."),
    input_type: z.enum(["text", "ssml"]).default("text").describe("ssml <break> needs support_pause."),
    speed: z.number().min(0.5).max(2).default(1).describe("Multiplier."),
    language: z.string().min(2).optional().describe("Base code, e.g. en."),
    locale: z.string().min(2).optional().describe("BCP-47, e.g. en-US; overrides language."),
  }),
  output: z.object({
    audio_url: z.string(),
    duration: z.number().describe("Seconds."),
    request_id: z.string().nullable(),
  }),
  annotations: CREATE,
  async handler(input, { call }) {
    const { body } = await call<{ data: { audio_url: string; duration: number; request_id?: string | null } }>({
      body: defined(input),
    });
    return { audio_url: body.data.audio_url, duration: body.data.duration, request_id: body.data.request_id ?? null };
  },
  summary: (s) =>
    `Speech ready (${s.duration} s): audio_url below. Next: use it as audio in create_video_from_avatar or download it.`,
});

export const voiceManageTools = [designVoice, cloneVoice, deleteVoice, createSpeech];
