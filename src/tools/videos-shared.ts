/**
 * What every arm of POST /v3/videos shares (api-catalog §2.1): the speech-source rule, the avatar/image
 * request body and the create result, so create_video_*, create_*_video and create_video_batch agree.
 */
import { z } from "zod";
import { createdNext } from "../jobs/read.js";
import type { ToolContext } from "./define.js";
import { type AssetArg, defined, toAssetInput, toWatermark, type WatermarkArg } from "./shared-schemas.js";

export const SPEECH = ["script", "audio_url", "audio_asset_id"] as const;

/** Adds an issue unless exactly one of `keys` is set; `allowNone` accepts zero. */
export function exactlyOneOf(
  value: Record<string, unknown>,
  keys: readonly string[],
  ctx: z.RefinementCtx,
  at: (string | number)[] = [],
  allowNone = false,
) {
  const set = keys.filter((k) => value[k] !== undefined);
  if (set.length > 1 || (set.length === 0 && !allowNone)) {
    ctx.addIssue({
      code: "custom",
      path: [...at, set[1] ?? keys[0] ?? ""],
      message: `give exactly one of ${keys.join(", ")} (got ${set.length})`,
    });
  }
}

export type AvatarOrImageArgs = Record<string, unknown> & { image?: AssetArg; watermark?: WatermarkArg };

/** The avatar/image arms' body: the flat arguments with image and watermark as HeyGen's nested shapes. */
export function avatarOrImageBody(type: "avatar" | "image", { image, watermark: mark, ...rest }: AvatarOrImageArgs) {
  return {
    type,
    ...(image ? { image: toAssetInput(image) } : {}),
    ...defined(rest),
    ...(mark ? { watermark: toWatermark(mark) } : {}),
  };
}

export const createdVideo = z.object({
  video_id: z.string(),
  status: z.string().describe("waiting at first."),
  output_format: z.string().nullable(),
});

interface CreatedVideo {
  video_id: string;
  status: string;
  output_format?: string;
}

/** Submits one POST /v3/videos body and returns the queued video. */
export async function submitVideo(call: ToolContext["call"], body: object): Promise<z.input<typeof createdVideo>> {
  const { body: res } = await call<{ data: CreatedVideo }>({ body });
  return { ...res.data, output_format: res.data.output_format ?? null };
}

export const createdSummary = (v: z.output<typeof createdVideo>) =>
  `Video ${v.video_id} queued (${v.status}). ${createdNext("video", v.video_id)}`;

/** Output canvas of the avatar, image and studio arms. */
export const canvasFields = {
  aspect_ratio: z.enum(["16:9", "9:16", "4:5", "5:4", "1:1", "auto"]).optional().describe("Default 16:9."),
  resolution: z.enum(["720p", "1080p", "4k"]).optional().describe("4k needs a plan."),
};
