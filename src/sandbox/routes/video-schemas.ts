/** Request schemas for POST /v3/videos (catalog §2.1 and its shared sub-schemas). */
import { z } from "zod";
import { assetInputSchema } from "../asset-input.js";

const ASPECT_RATIOS = ["16:9", "9:16", "4:5", "5:4", "1:1", "auto"] as const;
const RESOLUTIONS = ["4k", "1080p", "720p"] as const;
const EXPRESSIVENESS = ["high", "medium", "low"] as const;

const engineSettingsSchema = z.discriminatedUnion("engine_type", [
  z.strictObject({
    engine_type: z.literal("elevenlabs"),
    model: z.enum(["eleven_multilingual_v2", "eleven_turbo_v2_5", "eleven_flash_v2_5", "eleven_v3"]).nullish(),
    similarity_boost: z.number().min(0).max(1).nullish(),
    stability: z.number().min(0).max(1).nullish(),
    style: z.number().min(0).max(1).nullish(),
    use_speaker_boost: z.boolean().nullish(),
  }),
  z.strictObject({
    engine_type: z.literal("fish"),
    model: z.enum(["s1", "s2-pro"]).nullish(),
    similarity: z.number().min(0).max(1).nullish(),
    stability: z.number().min(0).max(1).nullish(),
  }),
  z.strictObject({ engine_type: z.literal("starfish") }),
]);

export const voiceSettingsSchema = z.strictObject({
  engine_settings: engineSettingsSchema.nullish(),
  locale: z.string().min(2).nullish(),
  pitch: z.number().min(-50).max(50).optional(),
  speed: z.number().min(0.5).max(1.5).optional(),
  volume: z.number().min(0).max(1).optional(),
});

export const engineSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("avatar_v"), reference_look_id: z.string().min(1).nullish() }),
  z.strictObject({ type: z.literal("avatar_iv") }),
  z.strictObject({ type: z.literal("avatar_iii") }),
]);

const watermarkSchema = z.strictObject({
  image: assetInputSchema,
  opacity: z.number().min(0).max(1).optional(),
  scale: z.number().min(0).max(2).optional(),
  placement: z
    .strictObject({
      offset_x: z.number().nullish(),
      offset_y: z.number().nullish(),
      position: z.enum(["top_left", "top_right", "bottom_left", "bottom_right"]).optional(),
    })
    .nullish(),
});

const captionSchema = z.strictObject({
  file_format: z.enum(["srt"]).optional(),
  style: z.enum(["default"]).nullish(),
});

const backgroundSchema = z.strictObject({
  type: z.enum(["color", "image"]),
  value: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "expected a hex color such as #ff0000")
    .nullish(),
  url: z.url().nullish(),
  asset_id: z.string().min(1).nullish(),
});

const speech = {
  script: z.string().min(1).max(5000).nullish(),
  audio_url: z.url().nullish(),
  audio_asset_id: z.string().min(1).nullish(),
  voice_id: z.string().min(1).nullish(),
  voice_settings: voiceSettingsSchema.nullish(),
};

const common = {
  aspect_ratio: z.enum(ASPECT_RATIOS).nullish(),
  background: backgroundSchema.nullish(),
  callback_id: z.string().nullish(),
  callback_url: z.url().nullish(),
  caption: captionSchema.nullish(),
  expressiveness: z.enum(EXPRESSIVENESS).nullish(),
  fit: z.enum(["contain", "cover"]).nullish(),
  motion_prompt: z.string().min(1).nullish(),
  output_format: z.enum(["mp4", "webm"]).optional(),
  remove_background: z.boolean().nullish(),
  resolution: z.enum(RESOLUTIONS).nullish(),
  title: z.string().nullish(),
  watermark: watermarkSchema.nullish(),
  ...speech,
};

export const avatarArmSchema = z.strictObject({
  type: z.literal("avatar"),
  avatar_id: z.string().min(1),
  engine: engineSchema.nullish(),
  folder_id: z.string().nullish(),
  brand_glossary_id: z.string().nullish(),
  ...common,
});

export const imageArmSchema = z.strictObject({
  type: z.literal("image"),
  image: assetInputSchema,
  ...common,
});

export const cinematicArmSchema = z.strictObject({
  type: z.literal("cinematic_avatar"),
  avatar_id: z.array(z.string().min(1)).min(1).max(3),
  prompt: z.string().min(1).max(10_000),
  aspect_ratio: z.enum(ASPECT_RATIOS).optional(),
  auto_duration: z.boolean().optional(),
  duration: z.int().min(4).max(15).nullish(),
  enhance_prompt: z.boolean().optional(),
  references: z.array(assetInputSchema).nullish(),
  resolution: z.enum(["720p", "1080p"]).optional(),
  title: z.string().nullish(),
});

const sceneSpeech = {
  ...speech,
  expressiveness: z.enum(EXPRESSIVENESS).nullish(),
  motion_prompt: z.string().min(1).nullish(),
};

const sceneInputSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("avatar"),
    avatar_id: z.string().min(1),
    engine: engineSchema.nullish(),
    background: z
      .discriminatedUnion("type", [
        z.strictObject({ type: z.literal("color"), color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "expected #RRGGBB") }),
      ])
      .nullish(),
    ...sceneSpeech,
  }),
  z.strictObject({ type: z.literal("image"), image: assetInputSchema, ...sceneSpeech }),
]);

export const sceneSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("avatar_video"), input: sceneInputSchema }),
  z.strictObject({
    type: z.literal("image"),
    source: assetInputSchema,
    duration: z.number().gt(0).max(300).nullish(),
    ...speech,
  }),
  z.strictObject({
    type: z.literal("video"),
    source: assetInputSchema,
    playback: z.strictObject({ volume: z.number().min(0).max(1).optional(), mute: z.boolean().optional() }).nullish(),
  }),
]);

export const studioArmSchema = z.strictObject({
  type: z.literal("studio"),
  scenes: z.array(sceneSchema).min(1).max(50),
  aspect_ratio: z.enum(ASPECT_RATIOS).nullish(),
  callback_id: z.string().nullish(),
  callback_url: z.url().nullish(),
  caption: captionSchema.nullish(),
  resolution: z.enum(RESOLUTIONS).nullish(),
  title: z.string().nullish(),
  watermark: watermarkSchema.nullish(),
});

export const createVideoSchema = z.discriminatedUnion("type", [
  avatarArmSchema,
  imageArmSchema,
  cinematicArmSchema,
  studioArmSchema,
]);

export type CreateVideoBody = z.output<typeof createVideoSchema>;
export type AvatarArm = z.output<typeof avatarArmSchema>;
export type ImageArm = z.output<typeof imageArmSchema>;
export type Scene = z.output<typeof sceneSchema>;
