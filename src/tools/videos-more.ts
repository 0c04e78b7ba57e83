import { z } from "zod";
import { CREATE, defineTool } from "./define.js";
import { assetInput, callbackFields, caption, dashboardTitle, defined, toAssetInput } from "./shared-schemas.js";
import {
  type AvatarOrImageArgs,
  avatarOrImageBody,
  canvasFields,
  createdSummary,
  createdVideo,
  exactlyOneOf,
  SPEECH,
  submitVideo,
} from "./videos-shared.js";

// ---- the `cinematic_avatar` and `studio` arms of POST /v3/videos (api-catalog §2.1) ----

// ---- cinematic avatar ----

const cinematicInput = z
  .strictObject({
    prompt: z.string().min(1).max(10_000).describe("What happens: action, setting, camera, lines."),
    avatar_id: z.array(z.string().min(1)).min(1).max(3).describe("1-3 look ids from list_avatar_looks."),
    duration: z.int().min(4).max(15).optional().describe("Seconds; default 10. Omit with auto_duration."),
    auto_duration: z.boolean().optional().describe("Let the model pick the length."),
    references: z
      .array(assetInput("Image, video or audio.", "media"))
      .max(12)
      .optional()
      .describe("Guides; ≤3 videos and ≤9 images incl. looks."),
    enhance_prompt: z.boolean().optional().describe("Let HeyGen rewrite the prompt."),
    aspect_ratio: z.enum(["16:9", "9:16", "1:1"]).optional().describe("Default 16:9."),
    resolution: z.enum(["720p", "1080p"]).optional().describe("Default 720p."),
    title: dashboardTitle,
  })
  .superRefine((v, ctx) => {
    if (v.auto_duration && v.duration !== undefined) {
      ctx.addIssue({ code: "custom", path: ["duration"], message: "omit duration when auto_duration is true" });
    }
  });

type CinematicArgs = z.output<typeof cinematicInput>;

const cinematicBody = ({ references, ...rest }: CinematicArgs) => ({
  type: "cinematic_avatar",
  ...defined(rest),
  ...(references ? { references: references.map(toAssetInput) } : {}),
});

export const createCinematicAvatarVideo = defineTool({
  name: "create_cinematic_avatar_video",
  title: "Create a cinematic avatar video",
  toolset: "videos",
  description:
    "Generate a short cinematic clip (4-15 s) from a prompt, starring 1-3 avatar looks; no script or voice: the prompt drives motion and speech. Paid: ~$7 per video, flat. Returns video_id at once; then wait_for_job.",
  operation: "POST /v3/videos",
  input: cinematicInput,
  output: createdVideo,
  annotations: CREATE,
  handler: (input, { call }) => submitVideo(call, cinematicBody(input)),
  summary: createdSummary,
});

// ---- studio (multi-scene) ----

/**
 * One flat scene object instead of HeyGen's nested unions (scene type, then avatar_video's input
 * type): half the schema tokens. checkScene enforces which fields each type takes.
 */
const sceneSchema = z.strictObject({
  type: z
    .enum(["avatar_video", "image", "video"])
    .describe("avatar_video: a look or photo speaks; image: still; video: clip."),
  avatar_id: z.string().min(1).optional().describe("avatar_video: look id, or a photo source."),
  source: assetInput("The image, clip or photo.", "media").optional(),
  script: z.string().min(1).max(5000).optional().describe("Words to speak."),
  voice_id: z.string().min(1).optional().describe("From list_voices."),
  audio_url: z.url().optional().describe("Audio instead of script."),
  audio_asset_id: z.string().min(1).optional().describe("Uploaded audio instead of script."),
  engine: z.enum(["avatar_v", "avatar_iv", "avatar_iii"]).optional().describe("avatar_id only."),
  motion_prompt: z.string().min(1).optional().describe("Gestures, in words."),
  expressiveness: z.enum(["high", "medium", "low"]).optional().describe("Photo avatars."),
  background_color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .optional()
    .describe("Hex behind an avatar_id."),
  duration: z.number().gt(0).max(300).optional().describe("Silent image: seconds."),
  volume: z.number().min(0).max(1).optional().describe("video: 0-1, default 1."),
  mute: z.boolean().optional().describe("video: silence the clip."),
});

type SceneArg = z.output<typeof sceneSchema>;
type SceneKey = keyof SceneArg;

const SCENE_FIELDS: Record<SceneArg["type"], readonly SceneKey[]> = {
  avatar_video: [
    ...SPEECH,
    "voice_id",
    "avatar_id",
    "source",
    "engine",
    "motion_prompt",
    "expressiveness",
    "background_color",
  ],
  image: [...SPEECH, "voice_id", "source", "duration"],
  video: ["source", "volume", "mute"],
};

function checkScene(scene: SceneArg, i: number, ctx: z.RefinementCtx) {
  const at = ["scenes", i];
  const value = scene as Record<string, unknown>;
  const issue = (key: string, message: string) => ctx.addIssue({ code: "custom", path: [...at, key], message });
  for (const key of Object.keys(scene) as SceneKey[]) {
    if (key !== "type" && !SCENE_FIELDS[scene.type].includes(key)) issue(key, `not used by ${scene.type} scenes`);
  }
  if (scene.type === "avatar_video") {
    exactlyOneOf(value, ["avatar_id", "source"], ctx, at);
    exactlyOneOf(value, SPEECH, ctx, at);
    for (const key of ["engine", "background_color"] as const) {
      if (scene.source && scene[key] !== undefined) issue(key, `${key} needs avatar_id, not a photo source`);
    }
    return;
  }
  if (!scene.source) issue("source", `${scene.type} scenes need source`);
  if (scene.type === "image") {
    exactlyOneOf(value, [...SPEECH, "duration"], ctx, at);
  }
}

const studioInput = z
  .strictObject({
    scenes: z.array(sceneSchema).min(1).max(50).describe("1-50 scenes, played in order."),
    title: dashboardTitle,
    ...canvasFields,
    caption: caption.optional(),
    ...callbackFields,
  })
  .superRefine((v, ctx) => {
    for (const [i, scene] of v.scenes.entries()) checkScene(scene, i, ctx);
  });

type StudioArgs = z.output<typeof studioInput>;

function toScene(scene: SceneArg) {
  const { type, source, avatar_id, engine: eng, background_color, volume, mute, ...rest } = scene;
  const src = source ? toAssetInput(source) : undefined;
  if (type === "video") {
    const playback = defined({ volume, mute });
    return { type, source: src, ...(Object.keys(playback).length ? { playback } : {}) };
  }
  if (type === "image") return { type, source: src, ...defined(rest) };
  const input = src
    ? { type: "image", image: src, ...defined(rest) }
    : {
        type: "avatar",
        avatar_id,
        ...defined(rest),
        ...(eng ? { engine: { type: eng } } : {}),
        ...(background_color ? { background: { type: "color", color: background_color } } : {}),
      };
  return { type, input };
}

const studioBody = ({ scenes, ...rest }: StudioArgs) => ({
  type: "studio",
  scenes: scenes.map(toScene),
  ...defined(rest),
});

export const createStudioVideo = defineTool({
  name: "create_studio_video",
  title: "Create a multi-scene video",
  toolset: "videos",
  description:
    "Compose one video from 1-50 scenes: speaking avatars or photos, stills (silent or narrated) and clips, cropped to one canvas; MP4. Paid: ~per second rendered, like avatar videos. Returns video_id; then wait_for_job.",
  operation: "POST /v3/videos",
  input: studioInput,
  output: createdVideo,
  annotations: CREATE,
  handler: (input, { call }) => submitVideo(call, studioBody(input)),
  summary: createdSummary,
});

// ---- request bodies for every arm, shared with create_video_batch ----

export type VideoArm = "avatar" | "image" | "cinematic_avatar" | "studio";

/** A POST /v3/videos body from a create tool's parsed arguments. */
export function videoArmBody(type: VideoArm, args: Record<string, unknown>): Record<string, unknown> {
  if (type === "cinematic_avatar") return cinematicBody(args as CinematicArgs);
  if (type === "studio") return studioBody(args as StudioArgs);
  return avatarOrImageBody(type, args as AvatarOrImageArgs);
}

export const videosMoreTools = [createCinematicAvatarVideo, createStudioVideo];
