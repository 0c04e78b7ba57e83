import { z } from "zod";
import { CREATE, defineTool, READ } from "./define.js";
import { nextPageHint, pageInput, pageOutput } from "./shared-schemas.js";
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

interface ItemError {
  code?: string;
  message?: string;
  param?: string | null;
}

const errorText = (e: ItemError | null | undefined) =>
  e ? [e.code, e.message].filter(Boolean).join(": ") || "failed" : null;

export const createVideoBatch = defineTool({
  name: "create_video_batch",
  title: "Create many videos at once",
  toolset: "videos",
  description:
    "Submit up to 100 videos of any kind in one call; HeyGen queues and renders them. Paid: each video bills as its own create tool would. Returns batch_id; poll get_video_batch.",
  operation: "POST /v3/videos/batches",
  input: z
    .strictObject({
      videos: z.array(batchItem).min(1).max(100).describe("1-100 videos."),
      title: z.string().min(1).optional().describe("Batch name."),
      callback_url: z.url().optional().describe("Webhook once every item is done."),
    })
    .superRefine((v, ctx) => {
      v.videos.forEach((item, i) => {
        const { args } = parseItem(item);
        for (const issue of args.error?.issues ?? []) {
          ctx.addIssue({ code: "custom", path: ["videos", i, ...issue.path], message: issue.message });
        }
      });
    }),
  output: z.object({ batch_id: z.string(), total_items: z.number() }),
  annotations: CREATE,
  async handler({ videos, ...rest }, { call }) {
    const items = videos.map((item) => {
      const { type, args } = parseItem(item);
      return videoArmBody(type, (args.data ?? {}) as Record<string, unknown>);
    });
    const { body } = await call<{ data: { batch_id: string; total_items?: number } }>({
      body: { videos: items, ...rest },
    });
    return { batch_id: body.data.batch_id, total_items: body.data.total_items ?? items.length };
  },
  summary: (b) =>
    `Batch ${b.batch_id} accepted (${b.total_items} videos). Next: get_video_batch with batch_id="${b.batch_id}" until status is completed.`,
});

interface BatchItemApi {
  item_index: number;
  status: "queued" | "processing" | "completed" | "failed";
  video_id?: string | null;
  error?: ItemError | null;
}

interface Batch {
  batch_id: string;
  title?: string | null;
  status: "processing" | "completed" | "failed";
  total_items: number;
  counts_by_status: Record<string, number>;
  created_at: number;
  items: BatchItemApi[];
  has_more: boolean;
  next_token?: string | null;
}

const countsText = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`)
    .join(", ") || "no items";

export const getVideoBatch = defineTool({
  name: "get_video_batch",
  title: "Get a video batch",
  toolset: "videos",
  description:
    "A batch's overall status, counts per status and one page of items with their video_id and status. Use get_video on an item's video_id for links.",
  operation: "GET /v3/videos/batches/{batch_id}",
  input: z.strictObject({
    batch_id: z.string().min(1).describe("From create_video_batch."),
    ...pageInput({ max: 100, fallback: 100 }),
  }),
  output: pageOutput(
    "items",
    z.object({
      item_index: z.number().describe("Position in the submitted videos."),
      status: z.enum(["queued", "processing", "completed", "failed"]),
      video_id: z.string().nullable(),
      error: z.string().nullable(),
    }),
  ).extend({
    batch_id: z.string(),
    title: z.string().nullable(),
    status: z.enum(["processing", "completed", "failed"]),
    total_items: z.number(),
    counts_by_status: z.record(z.string(), z.number()),
  }),
  annotations: READ,
  async handler({ batch_id, ...query }, { call }) {
    const { body } = await call<{ data: Batch }>({ pathParams: { batch_id }, query });
    const b = body.data;
    return {
      batch_id: b.batch_id,
      title: b.title ?? null,
      status: b.status,
      total_items: b.total_items,
      counts_by_status: b.counts_by_status,
      items: b.items.map((i) => ({
        item_index: i.item_index,
        status: i.status,
        video_id: i.video_id ?? null,
        error: errorText(i.error),
      })),
      has_more: b.has_more,
      next_token: b.has_more ? (b.next_token ?? null) : null,
    };
  },
  summary: (b) => {
    const head = `Batch ${b.batch_id} ${b.status}: ${countsText(b.counts_by_status)} of ${b.total_items}.`;
    const next =
      b.status === "processing"
        ? ` Call get_video_batch again in about 30 s.`
        : ` Next: get_video with an item's video_id for links.`;
    return `${head}${next}${nextPageHint(b, "get_video_batch")}`;
  },
});

interface StatusEntry {
  video_id?: string | null;
  batch_id?: string | null;
  item_index?: number | null;
  status: string;
  error?: ItemError | null;
}

export const getVideoStatuses = defineTool({
  name: "get_video_statuses",
  title: "Check many videos' status",
  toolset: "videos",
  description:
    "Status of up to 100 videos at once, by video id and/or batch id (a batch expands to its items); unknown ids come back not_found. Use get_video for links.",
  operation: "GET /v3/videos/statuses",
  input: z
    .strictObject({
      video_ids: z.array(z.string().min(1)).max(100).optional().describe("Video ids."),
      batch_ids: z.array(z.string().min(1)).max(100).optional().describe("Batch ids from create_video_batch."),
    })
    .superRefine((v, ctx) => {
      const n = (v.video_ids?.length ?? 0) + (v.batch_ids?.length ?? 0);
      if (n === 0 || n > 100) {
        ctx.addIssue({ code: "custom", path: ["video_ids"], message: `give 1-100 ids in all (got ${n})` });
      }
    }),
  output: z.object({
    statuses: z.array(
      z.object({
        video_id: z.string().nullable(),
        batch_id: z.string().nullable(),
        item_index: z.number().nullable(),
        status: z.string().describe("pending, processing, completed, failed, queued or not_found."),
        error: z.string().nullable(),
      }),
    ),
  }),
  annotations: READ,
  async handler(query, { call }) {
    const { body } = await call<{ data: StatusEntry[] }>({ query });
    return {
      statuses: (Array.isArray(body.data) ? body.data : []).map((s) => ({
        video_id: s.video_id ?? null,
        batch_id: s.batch_id ?? null,
        item_index: s.item_index ?? null,
        status: s.status,
        error: errorText(s.error),
      })),
    };
  },
  summary: (r) => {
    const counts: Record<string, number> = {};
    for (const s of r.statuses) counts[s.status] = (counts[s.status] ?? 0) + 1;
    return `${r.statuses.length} statuses: ${countsText(counts)}. Next: get_video with a completed video_id for links.`;
  },
});

export const videoBatchTools = [createVideoBatch, getVideoBatch, getVideoStatuses];
