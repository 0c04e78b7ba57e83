import { z } from "zod";
import { createdNext } from "../jobs/read.js";
import { batchCreateTool, batchGetTool, statusesTool } from "./batches.js";
import { createVideoFromAvatar, createVideoFromImage } from "./videos.js";
import { createCinematicAvatarVideo, createStudioVideo, type VideoArm, videoArmBody } from "./videos-more.js";

// ---- POST /v3/videos/batches, GET /v3/videos/batches/{batch_id}, GET /v3/videos/statuses (api-catalog §2.1) ----

/** Each batch item is validated with the create tool of its arm, so one vocabulary serves both. */
const ARM_INPUTS: Record<VideoArm, z.ZodObject> = {
  avatar: createVideoFromAvatar.input,
  image: createVideoFromImage.input,
  cinematic_avatar: createCinematicAvatarVideo.input,
  studio: createStudioVideo.input,
};

const batchItem = z
  .looseObject({ type: z.enum(["avatar", "image", "cinematic_avatar", "studio"]).describe("Which kind of video.") })
  .describe(
    "type plus that create tool's arguments: avatar=create_video_from_avatar, image=create_video_from_image, cinematic_avatar=create_cinematic_avatar_video, studio=create_studio_video.",
  );

type BatchItem = z.output<typeof batchItem>;

function parseItem({ type, ...args }: BatchItem) {
  return { type, args: ARM_INPUTS[type].safeParse(args) };
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
  issuesOf: (item) => parseItem(item).args.error?.issues ?? [],
  toBody: (item) => {
    const { type, args } = parseItem(item);
    return videoArmBody(type, (args.data ?? {}) as Record<string, unknown>);
  },
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
