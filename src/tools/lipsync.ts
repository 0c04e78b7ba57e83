import { z } from "zod";
import { createdNext } from "../jobs/read.js";
import { jobStatusLine } from "../jobs/summary.js";
import { CREATE, defineTool, READ } from "./define.js";
import { deleteTool, listTool, renameTool, timeRange } from "./jobs-shared.js";
import {
  assetInput,
  callbackFields,
  dashboardTitle,
  defined,
  orNull,
  REFS_ONLY,
  toAssetInput,
} from "./shared-schemas.js";

// ---- api-catalog §2.5: lipsyncs (formerly "overdub") ----

const createInput = z.strictObject({
  video: assetInput("Source video.", "video", REFS_ONLY),
  audio: assetInput("New audio (MP3/WAV).", "audio", REFS_ONLY),
  mode: z.enum(["speed", "precision"]).default("speed").describe("speed: cheaper; precision: better lips, 2× price."),
  title: dashboardTitle,
  start_time: z.number().min(0).optional().describe("Partial: from second."),
  end_time: z.number().positive().optional().describe("Partial: to second."),
  enable_dynamic_duration: z.boolean().optional().describe("Length follows the audio; default true."),
  enable_caption: z.boolean().optional().describe("Also make an SRT."),
  enable_speech_enhancement: z.boolean().optional().describe("Clean speech."),
  disable_music_track: z.boolean().optional().describe("Drop background music."),
  enable_watermark: z.boolean().optional().describe("Add a watermark."),
  keep_the_same_format: z.boolean().optional().describe("Keep source resolution/bitrate."),
  fps_mode: z.enum(["vfr", "cfr", "passthrough"]).optional().describe("Frame rate mode."),
  folder_id: z.string().min(1).optional().describe("Dashboard folder."),
  ...callbackFields,
});

type CreateArgs = z.output<typeof createInput>;

/** The flat tool arguments as HeyGen's request body. */
export const lipsyncBody = ({ video, audio, ...rest }: CreateArgs) => ({
  video: toAssetInput(video),
  audio: toAssetInput(audio),
  ...defined(rest),
});

export const createLipsync = defineTool({
  name: "create_lipsync",
  title: "Lip-sync a video to new audio",
  toolset: "lipsync",
  core: true,
  description:
    "Replace a video's audio and re-sync the lips to it. Paid: ~$0.0333/s speed (default), ~$0.0667/s precision. Returns lipsync_id; then wait_for_job.",
  operation: "POST /v3/lipsyncs",
  input: createInput.superRefine(timeRange),
  output: z.object({ lipsync_id: z.string() }),
  annotations: CREATE,
  async handler(input, { call }) {
    const { body } = await call<{ data: { lipsync_id: string } }>({ body: lipsyncBody(input) });
    return { lipsync_id: body.data.lipsync_id };
  },
  summary: (r) => `Lipsync ${r.lipsync_id} queued. ${createdNext("lipsync", r.lipsync_id)}`,
});

// ---- read, rename, delete ----

const lipsyncStatus = z.enum(["pending", "running", "completed", "failed"]);

interface Lipsync {
  id: string;
  title?: string | null;
  status: z.output<typeof lipsyncStatus>;
  duration?: number | null;
  video_url?: string | null;
  caption_url?: string | null;
  failure_message?: string | null;
  created_at?: number | null;
}

const lipsyncId = z.string().min(1).describe("From create_lipsync or list_lipsyncs.");

export const getLipsync = defineTool({
  name: "get_lipsync",
  title: "Get a lipsync",
  toolset: "lipsync",
  description:
    "A lipsync's status and, once completed, its video (and caption) links (presigned, they expire: call again to refresh).",
  operation: "GET /v3/lipsyncs/{lipsync_id}",
  input: z.strictObject({ lipsync_id: lipsyncId }),
  output: z.object({
    id: z.string(),
    title: z.string().nullable(),
    status: lipsyncStatus,
    duration: z.number().nullable().describe("Seconds."),
    video_url: z.string().nullable(),
    caption_url: z.string().nullable(),
    failure_message: z.string().nullable(),
    created_at: z.number().nullable(),
  }),
  annotations: READ,
  async handler({ lipsync_id }, { call }) {
    const { body } = await call<{ data: Lipsync }>({ pathParams: { lipsync_id } });
    const l = body.data;
    const optional = ["title", "duration", "video_url", "caption_url", "failure_message", "created_at"] as const;
    return { id: l.id, status: l.status, ...orNull(l, optional) };
  },
  summary: (l) => jobStatusLine("lipsync", l),
});

export const listLipsyncs = listTool({
  name: "list_lipsyncs",
  title: "List lipsyncs",
  toolset: "lipsync",
  description: "Lipsyncs in the account, newest first, with status. Use get_lipsync for links.",
  operation: "GET /v3/lipsyncs",
  key: "lipsyncs",
  row: z.object({
    id: z.string(),
    title: z.string().nullable(),
    status: lipsyncStatus,
    duration: z.number().nullable(),
    created_at: z.number().nullable(),
  }),
  toRow: (l: Lipsync) => ({ id: l.id, status: l.status, ...orNull(l, ["title", "duration", "created_at"] as const) }),
  noun: "lipsync",
  next: "Next: get_lipsync with an id for links.",
});

export const updateLipsync = renameTool({
  name: "update_lipsync",
  title: "Rename a lipsync",
  toolset: "lipsync",
  description: "Change a lipsync's title; nothing else can be edited.",
  operation: "PATCH /v3/lipsyncs/{lipsync_id}",
  idParam: "lipsync_id",
  id: lipsyncId,
  status: lipsyncStatus,
  subject: "Lipsync",
});

export const deleteLipsync = deleteTool({
  name: "delete_lipsync",
  title: "Delete a lipsync",
  toolset: "lipsync",
  description: "Permanently delete a lipsync and its files. Cannot be undone.",
  operation: "DELETE /v3/lipsyncs/{lipsync_id}",
  idParam: "lipsync_id",
  idDescription: "Lipsync to delete.",
  subject: "Lipsync",
});

export const lipsyncTools = [createLipsync, getLipsync, listLipsyncs, updateLipsync, deleteLipsync];
