import { randomUUID } from "node:crypto";
import { z } from "zod";
import { CREATE, DELETE, defineTool, READ } from "./define.js";
import {
  assetInput,
  defined,
  nextPageHint,
  pageInput,
  pageOutput,
  toAssetInput,
  toPageResult,
} from "./shared-schemas.js";

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
    "Find highlights in a long video and render them as short social clips, each with title and virality score. Paid (rate unpublished; see get_current_user). Returns job id; poll get_ai_clipping.",
  operation: "POST /v3/ai-clipping",
  input: z.strictObject({
    video: assetInput("Source video.", ["url", "asset_id"]),
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
    callback_url: z.url().optional().describe("Webhook when done."),
    callback_id: z.string().optional().describe("Echoed in the webhook."),
  }),
  output: z.object({ id: z.string(), status: clippingStatus.nullable() }),
  annotations: CREATE,
  async handler({ video, title, input_language, callback_url, callback_id, ...settings }, { call }) {
    const outputSettings = defined(settings);
    const { body } = await call<{ data: Partial<ClippingJob> & { ai_clipping_id?: string; job_id?: string } }>({
      body: {
        video: toAssetInput(video),
        ...defined({ title, input_language, callback_url, callback_id }),
        ...(Object.keys(outputSettings).length > 0 ? { output_settings: outputSettings } : {}),
      },
    });
    const d = body.data;
    return { id: d.id ?? d.ai_clipping_id ?? d.job_id ?? "", status: d.status ?? null };
  },
  summary: (j) => `AI clipping job ${j.id} queued. Next: get_ai_clipping with job_id="${j.id}" until completed.`,
});

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
      title: j.title ?? null,
      status: j.status,
      progress: j.progress ?? null,
      source_duration: j.source_duration ?? null,
      input_language: j.input_language ?? null,
      failure_message: j.failure_message ?? null,
      clips: (j.clips ?? []).map((c) => ({
        id: c.id,
        status: c.status,
        title: c.title ?? null,
        duration_seconds: c.duration_seconds ?? null,
        aspect_ratio: c.aspect_ratio ?? null,
        virality_score: c.virality_score ?? null,
        video_url: c.video_url ?? null,
        thumbnail_url: c.thumbnail_url ?? null,
      })),
    };
  },
  summary: (j) => {
    if (j.status === "completed") return `AI clipping ${j.id} is done: ${j.clips.length} clips below; links expire.`;
    if (j.status === "failed" || j.status === "cancelled")
      return `AI clipping ${j.id} ${j.status}: ${j.failure_message ?? "no reason given"}.`;
    return `AI clipping ${j.id} is ${j.status} (${j.progress ?? 0}%). Call get_ai_clipping again in about 60 s.`;
  },
});

export const listAiClippings = defineTool({
  name: "list_ai_clippings",
  title: "List AI clipping jobs",
  toolset: "post_production",
  description: "AI clipping jobs, newest first, with status and clip count. Use get_ai_clipping for the clips.",
  operation: "GET /v3/ai-clipping",
  input: z.strictObject({ ...pageInput({ max: 100, fallback: 10 }) }),
  output: pageOutput(
    "jobs",
    z.object({
      id: z.string(),
      title: z.string().nullable(),
      status: clippingStatus,
      clip_count: z.number(),
      created_at: z.number().nullable(),
    }),
  ),
  annotations: READ,
  async handler(input, { call }) {
    const { body } = await call<{ data: ClippingJob[] }>({ query: input });
    return toPageResult("jobs", body, (j: ClippingJob) => ({
      id: j.id,
      title: j.title ?? null,
      status: j.status,
      clip_count: j.clips?.length ?? 0,
      created_at: j.created_at ?? null,
    }));
  },
  summary: (p) =>
    `${p.jobs.length} AI clipping jobs. Next: get_ai_clipping with an id for clips.${nextPageHint(p, "list_ai_clippings")}`,
});

export const deleteAiClipping = defineTool({
  name: "delete_ai_clipping",
  title: "Delete an AI clipping job",
  toolset: "post_production",
  description: "Delete an AI clipping job and all its clips.",
  operation: "DELETE /v3/ai-clipping/{job_id}",
  input: z.strictObject({ job_id: z.string().min(1).describe("Job to delete.") }),
  output: z.object({ id: z.string(), deleted: z.boolean() }),
  annotations: DELETE,
  async handler({ job_id }, { call }) {
    const { body } = await call<{ data: { id: string } }>({ pathParams: { job_id } });
    return { id: body.data.id, deleted: true };
  },
  summary: (d) => `AI clipping job ${d.id} deleted.`,
});

// ---- background removal: a video's subject, matte and scene as separate layers ----

const removalStatus = z.enum(["pending", "processing", "completed", "failed", "deleted"]);

interface Removal {
  id: string;
  status: string;
  duration?: number | null;
  layers?: Record<string, string> | null;
  error?: string | null;
  created_at?: number | null;
  completed_at?: number | null;
}

const removalOutput = z.object({
  id: z.string(),
  status: removalStatus,
  duration: z.number().nullable().describe("Seconds."),
  layers: z.record(z.string(), z.string()).describe("Layer name → download URL, once completed."),
  error: z.string().nullable(),
  created_at: z.number().nullable(),
});

const toRemoval = (r: Removal): z.input<typeof removalOutput> => ({
  id: r.id,
  status: removalStatus.catch("processing").parse(r.status),
  duration: r.duration ?? null,
  layers: r.layers ?? {},
  error: r.error ?? null,
  created_at: r.created_at ?? null,
});

export const createBackgroundRemoval = defineTool({
  name: "create_background_removal",
  title: "Remove a video's background",
  toolset: "post_production",
  description:
    "Split a video into layers: foreground (subject on transparent), mask (alpha matte), background (scene without subject). Paid (rate unpublished). To retry safely, pass back the returned request_id. Poll get_background_removal.",
  operation: "POST /v3/background-removals",
  input: z.strictObject({
    video: assetInput("Video with a person."),
    layers: z
      .array(z.enum(["foreground", "mask", "background"]))
      .min(1)
      .optional()
      .describe("Default all three."),
    title: z.string().min(1).optional().describe("Job title."),
    request_id: z.string().min(1).max(255).optional().describe("Dedup key: same id returns the first job; auto-made."),
  }),
  output: removalOutput.extend({ request_id: z.string() }),
  annotations: CREATE,
  async handler({ video, request_id, ...rest }, { call }) {
    // HeyGen ignores Idempotency-Key here and dedups on request_id, so every call carries one.
    const requestId = request_id ?? randomUUID();
    const { body } = await call<{ data: Removal }>({
      body: { video: toAssetInput(video), ...defined(rest), request_id: requestId },
    });
    return { ...toRemoval(body.data), request_id: requestId };
  },
  summary: (r) =>
    `Background removal ${r.id} is ${r.status} (request_id="${r.request_id}": reuse it to retry without paying twice). Next: get_background_removal with job_id="${r.id}" until completed.`,
});

export const getBackgroundRemoval = defineTool({
  name: "get_background_removal",
  title: "Get a background removal",
  toolset: "post_production",
  description:
    "A background removal's status and, once completed, a download link per layer (presigned, they expire: call again to refresh).",
  operation: "GET /v3/background-removals/{job_id}",
  input: z.strictObject({
    job_id: z.string().min(1).describe("From create_background_removal or the list."),
  }),
  output: removalOutput,
  annotations: READ,
  async handler({ job_id }, { call }) {
    const { body } = await call<{ data: Removal }>({ pathParams: { job_id } });
    return toRemoval(body.data);
  },
  summary: (r) => {
    if (r.status === "completed") return `Background removal ${r.id} is done: layer links below; they expire.`;
    if (r.status === "failed") return `Background removal ${r.id} failed: ${r.error ?? "no reason given"}.`;
    if (r.status === "deleted") return `Background removal ${r.id} was deleted.`;
    return `Background removal ${r.id} is ${r.status}. Call get_background_removal again in about 30 s.`;
  },
});

export const listBackgroundRemovals = defineTool({
  name: "list_background_removals",
  title: "List background removals",
  toolset: "post_production",
  description: "Background removal jobs, newest first, with status. Use get_background_removal for layer links.",
  operation: "GET /v3/background-removals",
  input: z.strictObject({ ...pageInput({ max: 100, fallback: 10 }) }),
  output: pageOutput(
    "jobs",
    z.object({
      id: z.string(),
      status: removalStatus,
      duration: z.number().nullable(),
      created_at: z.number().nullable(),
    }),
  ),
  annotations: READ,
  async handler(input, { call }) {
    const { body } = await call<{ data: Removal[] }>({ query: input });
    return toPageResult("jobs", body, (r: Removal) => {
      const { id, status, duration, created_at } = toRemoval(r);
      return { id, status, duration, created_at };
    });
  },
  summary: (p) =>
    `${p.jobs.length} background removals. Next: get_background_removal with an id for links.${nextPageHint(p, "list_background_removals")}`,
});

export const deleteBackgroundRemoval = defineTool({
  name: "delete_background_removal",
  title: "Delete a background removal",
  toolset: "post_production",
  description: "Delete a background removal job and its layer files.",
  operation: "DELETE /v3/background-removals/{job_id}",
  input: z.strictObject({ job_id: z.string().min(1).describe("Job to delete.") }),
  output: z.object({ id: z.string(), deleted: z.boolean() }),
  annotations: DELETE,
  async handler({ job_id }, { call }) {
    const { body } = await call<{ data: { id: string; deleted?: boolean } }>({ pathParams: { job_id } });
    return { id: body.data.id, deleted: body.data.deleted ?? true };
  },
  summary: (d) => `Background removal ${d.id} deleted.`,
});

export const postProductionTools = [
  createAiClipping,
  listAiClippings,
  getAiClipping,
  deleteAiClipping,
  createBackgroundRemoval,
  listBackgroundRemovals,
  getBackgroundRemoval,
  deleteBackgroundRemoval,
];
