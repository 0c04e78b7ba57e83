import { z } from "zod";
import { createdNext } from "../jobs/read.js";
import { batchCreateTool, batchGetTool, statusesTool } from "./batches.js";
import { createVideoFromAvatar, createVideoFromImage } from "./videos.js";
import { createCinematicAvatarVideo, createStudioVideo, type VideoArm, videoArmBody } from "./videos-more.js";

// ---- POST /v3/videos/batches, GET /v3/videos/batches/{batch_id}, GET /v3/videos/statuses (api-catalog §2.1) ----

const ARMS: Record<VideoArm, z.ZodObject> = {
  avatar: createVideoFromAvatar.input,
  image: createVideoFromImage.input,
  cinematic_avatar: createCinematicAvatarVideo.input,
  studio: createStudioVideo.input,
};

const sameSchema = (a: z.ZodType, b: z.ZodType) =>
  a === b ||
  JSON.stringify(z.toJSONSchema(a, { unrepresentable: "any" })) ===
    JSON.stringify(z.toJSONSchema(b, { unrepresentable: "any" }));

const enumValues = (s: z.ZodType): string[] | undefined => {
  const inner = s instanceof z.ZodOptional ? (s.unwrap() as z.ZodType) : s;
  return inner instanceof z.ZodEnum ? (inner.options as string[]) : undefined;
};

/** A field two create tools type differently: one enum of both value sets, or either schema. */
function either(a: z.ZodType, b: z.ZodType): z.ZodType {
  const [x, y] = [enumValues(a), enumValues(b)];
  if (x && y)
    return z
      .enum([...new Set([...x, ...y])] as [string, ...string[]])
      .optional()
      .describe(`${a.description}`);
  return z.union([a, b]).optional().describe(`${a.description} Or: ${b.description}`);
}

/**
 * One item: `type` plus every field of the four create tools, each as that tool declares it (a name two
 * tools type differently is offered as either), so tools/list describes all of them once instead of four
 * near-copies of the same schema (~2,700 tokens as a union, ~1,600 merged). Each item is then checked
 * against its own tool's schema, exactly as that tool would check it.
 */
function mergedItem() {
  const shape: Record<string, z.ZodType> = {};
  for (const input of Object.values(ARMS)) {
    for (const [name, field] of Object.entries(input.shape as Record<string, z.ZodType>)) {
      const prev = shape[name];
      if (prev === undefined || sameSchema(prev, field)) shape[name] ??= field;
      else shape[name] = either(prev, field);
    }
  }
  const fields = (type: VideoArm) => Object.keys(ARMS[type].shape);
  return z
    .strictObject({
      type: z
        .enum(["avatar", "image", "cinematic_avatar", "studio"])
        .describe("Whose fields apply: create_video_from_<avatar|image>, create_<cinematic_avatar|studio>_video."),
      ...Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.optional()])),
    })
    .superRefine((item, ctx) => {
      const { type, ...args } = item as { type: VideoArm } & Record<string, unknown>;
      const own = new Set(fields(type));
      for (const name of Object.keys(args)) {
        if (args[name] !== undefined && !own.has(name)) {
          ctx.addIssue({ code: "custom", path: [name], message: `not a field of type ${type}` });
        }
      }
      for (const issue of ARMS[type].safeParse(args).error?.issues ?? []) {
        ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
      }
    })
    .describe("One video.");
}

const batchItem = mergedItem();

/** The item's own arm's fields: another arm's defaults never reach the body. */
function armArgs({ type, ...args }: z.output<typeof batchItem>) {
  const own = Object.keys(ARMS[type].shape);
  return videoArmBody(type, Object.fromEntries(Object.entries(args).filter(([k]) => own.includes(k))));
}

export const createVideoBatch = batchCreateTool({
  name: "create_video_batch",
  title: "Create many videos at once",
  toolset: "videos",
  description:
    "Submit up to 100 videos of any kind in one call; HeyGen queues and renders them. Paid: each video bills as its own create tool would. Returns batch_id; then wait_for_job.",
  operation: "POST /v3/videos/batches",
  key: "videos",
  entry: batchItem,
  entriesDescription: "1-100 videos.",
  toBody: armArgs,
  summary: (b) => `Batch ${b.batch_id} accepted (${b.total_items} videos). ${createdNext("video_batch", b.batch_id)}`,
});

export const getVideoBatch = batchGetTool({
  name: "get_video_batch",
  title: "Get a video batch",
  toolset: "videos",
  description:
    "A batch's overall status, counts per status and one page of items with their video_id and status. Use get_video on an item's video_id for links.",
  operation: "GET /v3/videos/batches/{batch_id}",
  createTool: "create_video_batch",
  idKey: "video_id",
  kind: "video_batch",
  next: "Next: get_video with an item's video_id for links.",
  itemIndexDescription: "Position in the submitted videos.",
  toleratesUnknownStatus: false,
});

export const getVideoStatuses = statusesTool({
  name: "get_video_statuses",
  title: "Check many videos' status",
  toolset: "videos",
  description:
    "Status of up to 100 videos at once, by video id and/or batch id (a batch expands to its items); unknown ids come back not_found. Use get_video for links.",
  operation: "GET /v3/videos/statuses",
  idsKey: "video_ids",
  idsDescription: "Video ids.",
  batchIdsDescription: "Batch ids from create_video_batch.",
  idKey: "video_id",
  statusDescription: "pending, processing, completed, failed, queued or not_found.",
  next: "Next: get_video with a completed video_id for links.",
});

export const videoBatchTools = [createVideoBatch, getVideoBatch, getVideoStatuses];
