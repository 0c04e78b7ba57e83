import { z } from "zod";
import { CREATE, defineTool, READ, type ToolAnnotations } from "./define.js";
import { defined, nextPageHint, pageInput, pageOutput } from "./shared-schemas.js";

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
    "Finalize a direct upload after the PUT succeeded; the asset_id is unusable until then. Safe to repeat. Then poll get_asset_statuses until completed.",
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
    `Asset ${a.asset_id} is ${a.status} (${a.mime_type}, ${a.size_bytes} bytes). Next: get_asset_statuses with asset_ids=["${a.asset_id}"] until completed.`,
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
    `Batch ${b.batch_id}: ${b.items.length} upload slots. Next: PUT each file to its upload_url, then complete_asset_upload_batch with batch_id="${b.batch_id}".`,
});

export const completeAssetUploadBatch = defineTool({
  name: "complete_asset_upload_batch",
  title: "Finish a batch of direct uploads",
  toolset: "assets",
  description:
    "Finalize every uploaded file of a batch after all PUTs; each file is ingested on its own. Safe to repeat. Then poll get_asset_batch.",
  operation: "POST /v3/assets/complete/batches",
  input: z.strictObject({ batch_id: z.string().min(1).describe("From create_asset_upload_batch.") }),
  output: z.object({ batch_id: z.string() }),
  annotations: FINALIZE,
  async handler({ batch_id }, { call }) {
    const { body } = await call<{ data?: { batch_id?: string } } | null>({ body: { batch_id } });
    return { batch_id: body?.data?.batch_id ?? batch_id };
  },
  summary: (b) =>
    `Batch ${b.batch_id} finalizing. Next: get_asset_batch with batch_id="${b.batch_id}" until completed.`,
});

// ---- batch and status reads ----

interface ItemError {
  code?: string;
  message?: string;
}

const errorText = (e: ItemError | null | undefined) =>
  e ? [e.code, e.message].filter(Boolean).join(": ") || "failed" : null;

interface BatchItem {
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
  items: BatchItem[];
  has_more: boolean;
  next_token?: string | null;
}

const countsText = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`)
    .join(", ") || "no items";

export const getAssetBatch = defineTool({
  name: "get_asset_batch",
  title: "Get an upload batch",
  toolset: "assets",
  description: "An upload batch's overall status, counts per status and one page of items with asset_id and status.",
  operation: "GET /v3/assets/batches/{batch_id}",
  input: z.strictObject({
    batch_id: z.string().min(1).describe("From create_asset_upload_batch."),
    ...pageInput({ max: 100, fallback: 100 }),
  }),
  output: pageOutput(
    "items",
    z.object({
      item_index: z.number().describe("Position in the submitted files."),
      status: z.enum(["queued", "processing", "completed", "failed"]),
      asset_id: z.string().nullable(),
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
      // HeyGen shares the videos batch read model: an item's asset id arrives as video_id.
      items: b.items.map((i) => ({
        item_index: i.item_index,
        status: i.status,
        asset_id: i.video_id ?? null,
        error: errorText(i.error),
      })),
      has_more: b.has_more,
      next_token: b.has_more ? (b.next_token ?? null) : null,
    };
  },
  summary: (b) => {
    const head = `Batch ${b.batch_id} ${b.status}: ${countsText(b.counts_by_status)} of ${b.total_items}.`;
    const next =
      b.status === "processing" ? " Call get_asset_batch again in a few seconds." : " Next: use each asset_id.";
    return `${head}${next}${nextPageHint(b, "get_asset_batch")}`;
  },
});

interface StatusEntry {
  video_id?: string | null;
  batch_id?: string | null;
  item_index?: number | null;
  status: string;
  error?: ItemError | null;
}

export const getAssetStatuses = defineTool({
  name: "get_asset_statuses",
  title: "Check many assets' status",
  toolset: "assets",
  description:
    "Processing status of up to 100 assets by asset id and/or upload batch id (a batch expands to its files); unknown ids come back not_found.",
  operation: "GET /v3/assets/statuses",
  input: z
    .strictObject({
      asset_ids: z.array(z.string().min(1)).max(100).optional().describe("Asset ids."),
      batch_ids: z.array(z.string().min(1)).max(100).optional().describe("Upload batch ids."),
    })
    .superRefine((v, ctx) => {
      const n = (v.asset_ids?.length ?? 0) + (v.batch_ids?.length ?? 0);
      if (n === 0 || n > 100) {
        ctx.addIssue({ code: "custom", path: ["asset_ids"], message: `give 1-100 ids in all (got ${n})` });
      }
    }),
  output: z.object({
    statuses: z.array(
      z.object({
        asset_id: z.string().nullable(),
        batch_id: z.string().nullable(),
        item_index: z.number().nullable(),
        status: z.string().describe("queued, processing, completed, failed or not_found."),
        error: z.string().nullable(),
      }),
    ),
  }),
  annotations: READ,
  async handler(query, { call }) {
    const { body } = await call<{ data: StatusEntry[] }>({ query });
    return {
      statuses: (Array.isArray(body.data) ? body.data : []).map((s) => ({
        asset_id: s.video_id ?? null,
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
    const pending = (counts.queued ?? 0) + (counts.processing ?? 0) > 0;
    return `${r.statuses.length} statuses: ${countsText(counts)}.${pending ? " Call get_asset_statuses again in a few seconds." : ""}`;
  },
});

export const assetUploadTools = [
  createAssetUpload,
  completeAssetUpload,
  createAssetUploadBatch,
  completeAssetUploadBatch,
  getAssetBatch,
  getAssetStatuses,
];
