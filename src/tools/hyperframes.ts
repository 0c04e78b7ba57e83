import { z } from "zod";
import { createdNext } from "../jobs/read.js";
import { jobStatusLine } from "../jobs/summary.js";
import { CREATE, DELETE, defineTool, READ } from "./define.js";
import { listTool } from "./jobs-shared.js";
import { assetInput, callbackFields, defined, orNull, toAssetInput } from "./shared-schemas.js";

// ---- HyperFrames cloud renders: HTML/JS composition zip → video (api-catalog §2.10) ----

const renderStatus = z.enum(["queued", "rendering", "completed", "failed"]);

interface Render {
  render_id: string;
  status: z.output<typeof renderStatus>;
  title?: string | null;
  callback_id?: string | null;
  video_url?: string | null;
  thumbnail_url?: string | null;
  duration?: number | null;
  fps?: number | null;
  quality?: string | null;
  format: string;
  resolution?: string | null;
  aspect_ratio?: string | null;
  composition?: string | null;
  created_at?: number | null;
  completed_at?: number | null;
  failure_message?: string | null;
}

/** Render fields HeyGen may omit; absent ones are null in our output. */
const OPTIONAL = [
  "title",
  "duration",
  "created_at",
  "video_url",
  "thumbnail_url",
  "resolution",
  "aspect_ratio",
  "fps",
  "failure_message",
  "completed_at",
] as const;

const renderId = z.string().min(1).describe("From create_hyperframes_render or the list.");

export const createHyperframesRender = defineTool({
  name: "create_hyperframes_render",
  title: "Render a HyperFrames composition",
  toolset: "hyperframes",
  description:
    "Render a HyperFrames HTML/JS composition (a .zip with index.html) to video in HeyGen's cloud. Paid: billed per rendered second (4k 1.5×). Returns render_id; then wait_for_job.",
  operation: "POST /v3/hyperframes/renders",
  input: z.strictObject({
    project: assetInput("Project .zip (base64: application/zip), ≤200 MB.", "project"),
    composition: z.string().min(1).optional().describe("Entry HTML path in the zip; default index.html."),
    variables: z.record(z.string(), z.unknown()).optional().describe("data-composition-variables overrides."),
    fps: z.number().min(1).max(240).default(30).describe("Frames per second."),
    quality: z.enum(["draft", "standard", "high"]).default("standard").describe("Higher renders slower."),
    format: z.enum(["mp4", "webm", "mov"]).default("mp4").describe("webm/mov keep alpha."),
    resolution: z.enum(["1080p", "4k"]).default("1080p").describe("4k: mp4 only."),
    aspect_ratio: z.enum(["16:9", "9:16", "1:1"]).default("16:9").describe("Frame shape."),
    title: z.string().min(1).optional().describe("Echoed back."),
    ...callbackFields,
  }),
  output: z.object({ render_id: z.string() }),
  annotations: CREATE,
  async handler({ project, ...rest }, { call }) {
    const { body } = await call<{ data: { render_id: string } }>({
      body: { project: toAssetInput(project), ...defined(rest) },
    });
    return { render_id: body.data.render_id };
  },
  summary: (r) => `Render ${r.render_id} queued. ${createdNext("hyperframes_render", r.render_id)}`,
});

const renderRow = z.object({
  render_id: z.string(),
  status: renderStatus,
  title: z.string().nullable(),
  duration: z.number().nullable().describe("Seconds, once completed."),
  created_at: z.number().nullable(),
});

export const listHyperframesRenders = listTool({
  name: "list_hyperframes_renders",
  title: "List HyperFrames renders",
  toolset: "hyperframes",
  description: "HyperFrames cloud renders, newest first, with status. Use get_hyperframes_render for the video link.",
  operation: "GET /v3/hyperframes/renders",
  key: "renders",
  row: renderRow,
  toRow: (r: Render) => ({
    render_id: r.render_id,
    status: r.status,
    ...orNull(r, ["title", "duration", "created_at"] as const),
  }),
  noun: "render",
});

export const getHyperframesRender = defineTool({
  name: "get_hyperframes_render",
  title: "Get a HyperFrames render",
  toolset: "hyperframes",
  description:
    "A render's status and, once completed, its video_url (presigned, expires: call again to refresh). queued → rendering → completed | failed.",
  operation: "GET /v3/hyperframes/renders/{render_id}",
  input: z.strictObject({ render_id: renderId }),
  output: renderRow.extend({
    video_url: z.string().nullable(),
    thumbnail_url: z.string().nullable(),
    format: z.string(),
    resolution: z.string().nullable(),
    aspect_ratio: z.string().nullable(),
    fps: z.number().nullable(),
    failure_message: z.string().nullable(),
    completed_at: z.number().nullable(),
  }),
  annotations: READ,
  async handler({ render_id }, { call }) {
    const { body } = await call<{ data: Render }>({ pathParams: { render_id } });
    const r = body.data;
    return { render_id: r.render_id, status: r.status, format: r.format, ...orNull(r, OPTIONAL) };
  },
  summary: (r) => jobStatusLine("hyperframes_render", r),
});

export const deleteHyperframesRender = defineTool({
  name: "delete_hyperframes_render",
  title: "Delete a HyperFrames render",
  toolset: "hyperframes",
  description: "Delete a render and its video (a soft delete at HeyGen; it is gone from reads and lists).",
  operation: "DELETE /v3/hyperframes/renders/{render_id}",
  input: z.strictObject({ render_id: renderId }),
  output: z.object({ render_id: z.string(), deleted: z.boolean() }),
  annotations: DELETE,
  async handler({ render_id }, { call }) {
    const { body } = await call<{ data?: { render_id?: string } }>({ pathParams: { render_id } });
    return { render_id: body.data?.render_id ?? render_id, deleted: true };
  },
  summary: (d) => `Render ${d.render_id} deleted.`,
});

export const hyperframesTools = [
  createHyperframesRender,
  listHyperframesRenders,
  getHyperframesRender,
  deleteHyperframesRender,
];
