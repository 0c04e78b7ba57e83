import { z } from "zod";
import { createdNext } from "../jobs/read.js";
import { plural } from "../text.js";
import { batchGetTool, statusesTool } from "./batches.js";
import { CREATE, defineTool, type ToolAnnotations } from "./define.js";
import { defined } from "./shared-schemas.js";

// ---- direct (presigned) uploads, their batches and bulk statuses (api-catalog §2.7) ----

/** Completing an upload is idempotent by nature (catalog §1.7): a repeat returns the same asset. */
const FINALIZE: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};

const fileFields = {
  filename: z.string().min(1).max(255).describe("Original file name."),
  content_type: z.string().min(3).describe("MIME, e.g. video/mp4, image/png, application/zip."),
  size_bytes: z.number().int().min(1).describe("Exact file size in bytes."),
  checksum_sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "64 hex characters")
    .optional()
    .describe("SHA-256 hex; enforced on the PUT."),
};

interface Slot {
  asset_id: string;
  upload_url: string;
  upload_headers: Record<string, string>;
  expires_in_seconds: number;
  max_bytes: number;
  status: string;
}

const slot = z.object({
  asset_id: z.string(),
  upload_url: z.string().describe("Presigned; PUT the raw bytes here."),
  upload_headers: z.record(z.string(), z.string()).describe("Send verbatim on the PUT."),
  expires_in_seconds: z.number(),
});

const toSlot = (s: Slot) => ({
  asset_id: s.asset_id,
  upload_url: s.upload_url,
  upload_headers: s.upload_headers ?? {},
  expires_in_seconds: s.expires_in_seconds,
});

export const createAssetUpload = defineTool({
  name: "create_asset_upload",
  title: "Start a direct upload",
  toolset: "assets",
  description:
    "For files over 32 MB (or zips): get a presigned upload_url to PUT the bytes to yourself, then call complete_asset_upload. Use upload_asset for small files.",
  operation: "POST /v3/assets/direct-uploads",
  input: z.strictObject(fileFields),
  output: slot.extend({
    max_bytes: z.number(),
    status: z.string().describe("pending_upload."),
  }),
  annotations: CREATE,
  async handler(input, { call }) {
    const { body } = await call<{ data: Slot }>({ body: defined(input) });
    return { ...toSlot(body.data), max_bytes: body.data.max_bytes, status: body.data.status };
  },
  summary: (s) =>
    `Upload slot ${s.asset_id} open for ${s.expires_in_seconds} s. Next: PUT the file to upload_url with upload_headers, then complete_asset_upload with asset_id="${s.asset_id}".`,
});

interface Completed {
  asset_id: string;
  url: string;
  mime_type: string;
  size_bytes: number;
  status: string;
}

export const completeAssetUpload = defineTool({
  name: "complete_asset_upload",
  title: "Finish a direct upload",
  toolset: "assets",
  description:
    "Finalize a direct upload after the PUT succeeded; the asset_id is unusable until then. Safe to repeat. Then wait_for_job.",
  operation: "POST /v3/assets/{asset_id}/complete",
  input: z.strictObject({
    asset_id: z.string().min(1).describe("From create_asset_upload."),
    checksum_sha256: fileFields.checksum_sha256.describe("SHA-256 hex cross-check."),
  }),
  output: z.object({
    asset_id: z.string(),
    status: z.string().describe("processing, then completed."),
    mime_type: z.string(),
    size_bytes: z.number(),
    url: z.string(),
  }),
  annotations: FINALIZE,
  async handler({ asset_id, ...rest }, { call }) {
    const { body } = await call<{ data: Completed }>({ pathParams: { asset_id }, body: defined(rest) });
    const { status, mime_type, size_bytes, url } = body.data;
    return { asset_id: body.data.asset_id, status, mime_type, size_bytes, url };
  },
  summary: (a) =>
    `Asset ${a.asset_id} is ${a.status} (${a.mime_type}, ${a.size_bytes} bytes). ${createdNext("asset", a.asset_id)}`,
});

export const createAssetUploadBatch = defineTool({
  name: "create_asset_upload_batch",
  title: "Start many direct uploads",
  toolset: "assets",
  description:
    "Presigned upload slots for up to 100 files in one call. PUT each file to its upload_url, then complete_asset_upload_batch once for all.",
  operation: "POST /v3/assets/direct-uploads/batches",
  input: z.strictObject({
    files: z.array(z.strictObject(fileFields)).min(1).max(100).describe("1-100 files."),
    title: z.string().min(1).optional().describe("Batch name."),
  }),
  output: z.object({ batch_id: z.string(), items: z.array(slot) }),
  annotations: CREATE,
  async handler({ files, title }, { call }) {
    const { body } = await call<{ data: { batch_id: string; items: Slot[] } }>({
      body: defined({ files: files.map((f) => defined(f)), title }),
    });
    return { batch_id: body.data.batch_id, items: body.data.items.map(toSlot) };
  },
  summary: (b) =>
    `Batch ${b.batch_id}: ${plural(b.items.length, "upload slot")}. Next: PUT each file to its upload_url, then complete_asset_upload_batch with batch_id="${b.batch_id}".`,
});

export const completeAssetUploadBatch = defineTool({
  name: "complete_asset_upload_batch",
  title: "Finish a batch of direct uploads",
  toolset: "assets",
  description:
    "Finalize every uploaded file of a batch after all PUTs; each file is ingested on its own. Safe to repeat. Then wait_for_job.",
  operation: "POST /v3/assets/complete/batches",
  input: z.strictObject({ batch_id: z.string().min(1).describe("From create_asset_upload_batch.") }),
  output: z.object({ batch_id: z.string() }),
  annotations: FINALIZE,
  async handler({ batch_id }, { call }) {
    const { body } = await call<{ data?: { batch_id?: string } } | null>({ body: { batch_id } });
    return { batch_id: body?.data?.batch_id ?? batch_id };
  },
  summary: (b) => `Batch ${b.batch_id} finalizing. ${createdNext("asset_batch", b.batch_id)}`,
});

// ---- batch and status reads ----

// HeyGen shares the videos batch read model: an item's asset id arrives as video_id, as the factories expect.
export const getAssetBatch = batchGetTool({
  name: "get_asset_batch",
  title: "Get an upload batch",
  toolset: "assets",
  description: "An upload batch's overall status, counts per status and one page of items with asset_id and status.",
  operation: "GET /v3/assets/batches/{batch_id}",
  createTool: "create_asset_upload_batch",
  idKey: "asset_id",
  kind: "asset_batch",
  next: "Next: use each asset_id.",
  itemIndexDescription: "Position in the submitted files.",
  toleratesUnknownStatus: false,
});

export const getAssetStatuses = statusesTool({
  name: "get_asset_statuses",
  title: "Check many assets' status",
  toolset: "assets",
  description:
    "Processing status of up to 100 assets by asset id and/or upload batch id (a batch expands to its files); unknown ids come back not_found.",
  operation: "GET /v3/assets/statuses",
  idsKey: "asset_ids",
  idsDescription: "Asset ids.",
  batchIdsDescription: "Upload batch ids.",
  idKey: "asset_id",
  statusDescription: "queued, processing, completed, failed or not_found.",
  next: (counts) =>
    (counts.queued ?? 0) + (counts.processing ?? 0) > 0 ? 'Next: wait_for_job with kind="asset" and an asset id.' : "",
});

export const assetUploadTools = [
  createAssetUpload,
  completeAssetUpload,
  createAssetUploadBatch,
  completeAssetUploadBatch,
  getAssetBatch,
  getAssetStatuses,
];
