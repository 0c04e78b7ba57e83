import { z } from "zod";
import { createdNext } from "../jobs/read.js";
import { jobStatusLine } from "../jobs/summary.js";
import { plural } from "../text.js";
import { backgroundRemovalTools } from "./background-removal.js";
import { CREATE, defineTool, READ } from "./define.js";
import { deleteTool, listTool } from "./jobs-shared.js";
import { ToolError } from "./results.js";
import { assetInput, callbackFields, defined, orNull, REFS_ONLY, toAssetInput } from "./shared-schemas.js";

// ---- api-catalog §2.11: AI clipping (long video → short clips) ----

const aspectRatio = z.enum(["landscape", "portrait", "square"]);
const clippingStatus = z.enum(["pending", "running", "completed", "failed", "cancelled"]);

interface Clip {
  id: string;
  status: "pending" | "completed" | "failed";
  title?: string | null;
  duration_seconds?: number | null;
  aspect_ratio?: z.output<typeof aspectRatio> | null;
  virality_score?: number | null;
  video_url?: string | null;
  thumbnail_url?: string | null;
}

interface ClippingJob {
  id: string;
  status: z.output<typeof clippingStatus>;
  title?: string | null;
  progress?: number | null;
  source_duration?: number | null;
  input_language?: string | null;
  failure_message?: string | null;
  created_at?: number | null;
  clips?: Clip[] | null;
}

export const createAiClipping = defineTool({
  name: "create_ai_clipping",
  title: "Cut a long video into short clips",
  toolset: "post_production",
  description:
    "Find highlights in a long video and render them as short social clips, each with title and virality score. Paid (rate unpublished; see get_current_user). Returns job id; then wait_for_job.",
  operation: "POST /v3/ai-clipping",
  input: z.strictObject({
    video: assetInput("Source video.", "video", REFS_ONLY),
    title: z.string().min(1).optional().describe("Job title; default the video's."),
    input_language: z.string().min(2).optional().describe("ISO-639-1, e.g. en; auto-detected."),
    aspect_ratio: aspectRatio.optional().describe("Default portrait (9:16)."),
    duration_types: z
      .array(z.enum(["30", "60", "180", "long"]))
      .min(1)
      .optional()
      .describe("Target clip seconds; one clip each. long: >180."),
    captions: z.boolean().optional().describe("Burn captions in; default true."),
    caption_style: z.string().min(1).optional().describe("Preset, e.g. classic, bold."),
    prompt: z.string().min(1).max(500).optional().describe("What to look for."),
    ...callbackFields,
  }),
  // HeyGen publishes no schema for this response (catalog §2.11): accept any status text.
  output: z.object({ id: z.string(), status: z.string().nullable() }),
  annotations: CREATE,
  async handler({ video, title, input_language, callback_url, callback_id, ...settings }, { call }) {
    const outputSettings = defined(settings);
    const { body, requestId } = await call<{
      data: Partial<ClippingJob> & { ai_clipping_id?: string; job_id?: string };
    }>({
      body: {
        video: toAssetInput(video),
        ...defined({ title, input_language, callback_url, callback_id }),
        ...(Object.keys(outputSettings).length > 0 ? { output_settings: outputSettings } : {}),
      },
    });
    const d = body.data;
    const id = d.id ?? d.ai_clipping_id ?? d.job_id;
    if (!id) {
      throw new ToolError(
        "client_unexpected_response",
        "HeyGen accepted the clipping job but returned no id.",
        null,
        "It was created: find it with list_ai_clippings instead of creating it again.",
        requestId,
      );
    }
    return { id, status: d.status ?? null };
  },
  summary: (j) => `AI clipping job ${j.id} queued. ${createdNext("ai_clipping", j.id)}`,
});

const CLIP_OPTIONAL = [
  "title",
  "duration_seconds",
  "aspect_ratio",
  "virality_score",
  "video_url",
  "thumbnail_url",
] as const;

const jobId = z.string().min(1).describe("From create_ai_clipping or list_ai_clippings.");

export const getAiClipping = defineTool({
  name: "get_ai_clipping",
  title: "Get an AI clipping job",
  toolset: "post_production",
  description:
    "An AI clipping job's progress and its clips; each completed clip has title, length, virality score and links (presigned, they expire).",
  operation: "GET /v3/ai-clipping/{job_id}",
  input: z.strictObject({ job_id: jobId }),
  output: z.object({
    id: z.string(),
    title: z.string().nullable(),
    status: clippingStatus,
    progress: z.number().nullable().describe("0-100."),
    source_duration: z.number().nullable().describe("Seconds."),
    input_language: z.string().nullable(),
    failure_message: z.string().nullable(),
    clips: z.array(
      z.object({
        id: z.string(),
        status: z.enum(["pending", "completed", "failed"]),
        title: z.string().nullable(),
        duration_seconds: z.number().nullable(),
        aspect_ratio: aspectRatio.nullable(),
        virality_score: z.number().nullable().describe("0-100."),
        video_url: z.string().nullable(),
        thumbnail_url: z.string().nullable(),
      }),
    ),
  }),
  annotations: READ,
  async handler({ job_id }, { call }) {
    const { body } = await call<{ data: ClippingJob }>({ pathParams: { job_id } });
    const j = body.data;
    return {
      id: j.id,
      status: j.status,
      ...orNull(j, ["title", "progress", "source_duration", "input_language", "failure_message"]),
      clips: (j.clips ?? []).map((c) => ({ id: c.id, status: c.status, ...orNull(c, CLIP_OPTIONAL) })),
    };
  },
  summary: (j) => jobStatusLine("ai_clipping", j, `${plural(j.clips.length, "clip")} below; links expire.`),
});

export const listAiClippings = listTool({
  name: "list_ai_clippings",
  title: "List AI clipping jobs",
  toolset: "post_production",
  description: "AI clipping jobs, newest first, with status and clip count. Use get_ai_clipping for the clips.",
  operation: "GET /v3/ai-clipping",
  key: "jobs",
  row: z.object({
    id: z.string(),
    title: z.string().nullable(),
    status: clippingStatus,
    clip_count: z.number(),
    created_at: z.number().nullable(),
  }),
  toRow: (j: ClippingJob) => ({
    id: j.id,
    status: j.status,
    clip_count: j.clips?.length ?? 0,
    ...orNull(j, ["title", "created_at"] as const),
  }),
  noun: "AI clipping job",
  next: "Next: get_ai_clipping with an id for clips.",
});

export const deleteAiClipping = deleteTool({
  name: "delete_ai_clipping",
  title: "Delete an AI clipping job",
  toolset: "post_production",
  description: "Delete an AI clipping job and all its clips.",
  operation: "DELETE /v3/ai-clipping/{job_id}",
  idParam: "job_id",
  idDescription: "Job to delete.",
  subject: "AI clipping job",
});

export const postProductionTools = [
  createAiClipping,
  listAiClippings,
  getAiClipping,
  deleteAiClipping,
  ...backgroundRemovalTools,
];
