import { randomUUID } from "node:crypto";
import { z } from "zod";
import { createdNext } from "../jobs/read.js";
import { jobStatusLine } from "../jobs/summary.js";
import { CREATE, DELETE, defineTool, READ } from "./define.js";
import { listTool } from "./jobs-shared.js";
import { assetInput, defined, toAssetInput } from "./shared-schemas.js";

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
    "Split a video into layers: foreground (subject on transparent), mask (alpha matte), background (scene without subject). Paid (rate unpublished). To retry safely, pass back the returned request_id. Then wait_for_job.",
  operation: "POST /v3/background-removals",
  input: z.strictObject({
    video: assetInput("Video with a person.", "video"),
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
  async handler({ video, request_id, ...rest }, { call, idempotencyKey }) {
    // HeyGen ignores Idempotency-Key here and dedups on request_id, so every call carries one: by default
    // the call's derived key, so a repeated identical call returns the first job.
    const requestId = request_id ?? idempotencyKey ?? randomUUID();
    const { body } = await call<{ data: Removal }>({
      body: { video: toAssetInput(video), ...defined(rest), request_id: requestId },
    });
    return { ...toRemoval(body.data), request_id: requestId };
  },
  summary: (r) =>
    `Background removal ${r.id} is ${r.status} (request_id="${r.request_id}": reuse it to retry without paying twice). ${createdNext("background_removal", r.id)}`,
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
  summary: (r) => jobStatusLine("background_removal", r),
});

export const listBackgroundRemovals = listTool({
  name: "list_background_removals",
  title: "List background removals",
  toolset: "post_production",
  description: "Background removal jobs, newest first, with status. Use get_background_removal for layer links.",
  operation: "GET /v3/background-removals",
  key: "jobs",
  row: z.object({
    id: z.string(),
    status: removalStatus,
    duration: z.number().nullable(),
    created_at: z.number().nullable(),
  }),
  toRow: (r: Removal) => {
    const { id, status, duration, created_at } = toRemoval(r);
    return { id, status, duration, created_at };
  },
  noun: "background removal",
  next: "Next: get_background_removal with an id for links.",
});

export const deleteBackgroundRemoval = defineTool({
  name: "delete_background_removal",
  title: "Delete a background removal",
  toolset: "post_production",
  description: "Delete a background removal job (a soft delete: it then reads as deleted and leaves the list).",
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

export const backgroundRemovalTools = [
  createBackgroundRemoval,
  listBackgroundRemovals,
  getBackgroundRemoval,
  deleteBackgroundRemoval,
];
