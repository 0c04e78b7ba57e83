import { z } from "zod";
import { jobStatusLine } from "../jobs/summary.js";
import { plural } from "../text.js";
import { CREATE, DELETE, defineTool, READ } from "./define.js";
import {
  assetInput,
  background,
  callbackFields,
  caption,
  dashboardTitle,
  engine,
  nextPageHint,
  orNull,
  pageInput,
  pageOutput,
  toPageResult,
  voiceSettings,
  watermark,
} from "./shared-schemas.js";
import {
  avatarOrImageBody,
  canvasFields,
  createdSummary,
  createdVideo,
  exactlyOneOf,
  SPEECH,
  submitVideo,
} from "./videos-shared.js";

// ---- create: the `avatar` and `image` arms of POST /v3/videos (api-catalog §2.1) ----

/** Fields both arms share: one speech source, voice, output and delivery options. */
const commonVideoFields = {
  script: z.string().min(1).max(5000).optional().describe("Words to speak."),
  voice_id: z.string().min(1).optional().describe("From list_voices; default: the look's voice."),
  voice_settings: voiceSettings.optional(),
  audio_url: z.url().optional().describe("Audio to lip-sync instead of script."),
  audio_asset_id: z.string().min(1).optional().describe("Uploaded audio instead of script."),
  title: dashboardTitle,
  ...canvasFields,
  fit: z.enum(["contain", "cover"]).optional().describe("Subject fit."),
  output_format: z.enum(["mp4", "webm"]).optional().describe("webm: transparent."),
  remove_background: z.boolean().optional().describe("Needs a matting avatar."),
  background: background.optional(),
  motion_prompt: z.string().min(1).optional().describe("Gestures, in words."),
  expressiveness: z.enum(["high", "medium", "low"]).optional().describe("Photo avatars, avatar_iv."),
  caption: caption.optional(),
  watermark: watermark.optional(),
  ...callbackFields,
};

/** HeyGen requires exactly one speech source; saying so before the call saves a round trip. */
const oneSpeechSource = (value: Record<string, unknown>, ctx: z.RefinementCtx) => exactlyOneOf(value, SPEECH, ctx);

/** A photo has no default voice (operations.json: voice_id is required with script unless avatar_id is set). */
function photoSpeech(value: Record<string, unknown>, ctx: z.RefinementCtx) {
  oneSpeechSource(value, ctx);
  if (value.script !== undefined && value.voice_id === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["voice_id"],
      message: "voice_id is required with script (a photo has no voice)",
    });
  }
}

const COST_NOTE = "Paid: bills per second rendered (about $0.05-0.10/s on avatar_iv); check get_current_user.";

export const createVideoFromAvatar = defineTool({
  name: "create_video_from_avatar",
  title: "Create an avatar video",
  toolset: "videos",
  core: true,
  description: `Render a video of an avatar look speaking a script or audio. ${COST_NOTE} Returns video_id at once; then wait_for_job.`,
  operation: "POST /v3/videos",
  input: z
    .strictObject({
      avatar_id: z.string().min(1).describe("Look id from list_avatar_looks (not a group id)."),
      engine: engine.optional(),
      ...commonVideoFields,
    })
    .superRefine(oneSpeechSource),
  output: createdVideo,
  annotations: CREATE,
  handler: (input, { call }) => submitVideo(call, avatarOrImageBody("avatar", input)),
  summary: createdSummary,
});

export const createVideoFromImage = defineTool({
  name: "create_video_from_image",
  title: "Create a video from a photo",
  toolset: "videos",
  core: true,
  description: `Animate any photo of a face into a talking video (no avatar needed). ${COST_NOTE} Returns video_id at once; then wait_for_job.`,
  operation: "POST /v3/videos",
  input: z
    .strictObject({
      image: assetInput("Photo to animate (JPG/PNG).", "image"),
      ...commonVideoFields,
      voice_id: z.string().min(1).optional().describe("From list_voices; required with script."),
    })
    .superRefine(photoSpeech),
  output: createdVideo,
  annotations: CREATE,
  handler: (input, { call }) => submitVideo(call, avatarOrImageBody("image", input)),
  summary: createdSummary,
});

// ---- read and delete ----

interface Video {
  id: string;
  title?: string | null;
  status: "pending" | "processing" | "completed" | "failed";
  duration?: number | null;
  created_at?: number | null;
  completed_at?: number | null;
  video_url?: string | null;
  thumbnail_url?: string | null;
  captioned_video_url?: string | null;
  subtitle_url?: string | null;
  video_page_url?: string | null;
  failure_code?: string | null;
  failure_message?: string | null;
}

const videoStatus = z.enum(["pending", "processing", "completed", "failed"]);

const OPTIONAL = [
  "title",
  "duration",
  "video_url",
  "thumbnail_url",
  "captioned_video_url",
  "subtitle_url",
  "video_page_url",
  "failure_code",
  "failure_message",
  "created_at",
  "completed_at",
] as const;

export const getVideo = defineTool({
  name: "get_video",
  title: "Get a video",
  toolset: "videos",
  core: true,
  description:
    "A video's status and, once completed, its download links (presigned, they expire: call again to refresh).",
  operation: "GET /v3/videos/{video_id}",
  input: z.strictObject({ video_id: z.string().min(1).describe("From a create tool or list_videos.") }),
  output: z.object({
    id: z.string(),
    title: z.string().nullable(),
    status: videoStatus,
    duration: z.number().nullable().describe("Seconds, once completed."),
    video_url: z.string().nullable(),
    thumbnail_url: z.string().nullable(),
    captioned_video_url: z.string().nullable(),
    subtitle_url: z.string().nullable(),
    video_page_url: z.string().nullable(),
    failure_code: z.string().nullable(),
    failure_message: z.string().nullable(),
    created_at: z.number().nullable(),
    completed_at: z.number().nullable(),
  }),
  annotations: READ,
  async handler({ video_id }, { call }) {
    const { body } = await call<{ data: Video }>({ pathParams: { video_id } });
    const v = body.data;
    return { id: v.id, status: v.status, ...orNull(v, OPTIONAL) };
  },
  summary: (v) => jobStatusLine("video", v),
});

export const listVideos = defineTool({
  name: "list_videos",
  title: "List videos",
  toolset: "videos",
  description: "Videos in the account, newest first, with status. Use get_video for links.",
  operation: "GET /v3/videos",
  input: z.strictObject({
    title: z.string().min(1).optional().describe("Only titles containing this text."),
    folder_id: z.string().min(1).optional().describe("Only this folder."),
    ...pageInput({ max: 100, fallback: 10 }),
  }),
  output: pageOutput(
    "videos",
    z.object({
      id: z.string(),
      title: z.string().nullable(),
      status: videoStatus,
      duration: z.number().nullable(),
      created_at: z.number().nullable(),
    }),
  ),
  annotations: READ,
  async handler(input, { call }) {
    const { body } = await call<{ data: Video[] }>({ query: input });
    return toPageResult("videos", body, (v: Video) => ({
      id: v.id,
      status: v.status,
      ...orNull(v, ["title", "duration", "created_at"]),
    }));
  },
  summary: (p) =>
    `${plural(p.videos.length, "video")}. Next: get_video with an id for links.${nextPageHint(p, "list_videos")}`,
});

export const deleteVideo = defineTool({
  name: "delete_video",
  title: "Delete a video",
  toolset: "videos",
  description: "Permanently delete a video and its files. Cannot be undone.",
  operation: "DELETE /v3/videos/{video_id}",
  input: z.strictObject({ video_id: z.string().min(1).describe("Video to delete.") }),
  output: z.object({ id: z.string(), deleted: z.boolean() }),
  annotations: DELETE,
  async handler({ video_id }, { call }) {
    const { body } = await call<{ data: { id: string; deleted?: boolean } }>({ pathParams: { video_id } });
    return { id: body.data.id, deleted: body.data.deleted ?? true };
  },
  summary: (d) => `Video ${d.id} deleted.`,
});

export const videoTools = [createVideoFromAvatar, createVideoFromImage, getVideo, listVideos, deleteVideo];
