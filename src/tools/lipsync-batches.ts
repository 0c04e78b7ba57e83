import { z } from "zod";
import { CREATE, defineTool, READ } from "./define.js";
import { createLipsync, lipsyncBody } from "./lipsync.js";
import { nextPageHint, pageInput, pageOutput } from "./shared-schemas.js";

// ---- api-catalog §2.5: POST /v3/lipsyncs/batches, GET …/batches/{batch_id}, GET /v3/lipsyncs/statuses ----

/** Each entry is checked with create_lipsync's own schema, so the list stays small in tools/list. */
const batchEntry = z.looseObject({ video: z.unknown(), audio: z.unknown() }).describe("create_lipsync's arguments.");

interface ItemError {
  code?: string;
  message?: string;
}

const errorText = (e: ItemError | null | undefined) =>
  e ? [e.code, e.message].filter(Boolean).join(": ") || "failed" : null;

const countsText = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`)
    .join(", ") || "no items";

export const createLipsyncBatch = defineTool({
  name: "create_lipsync_batch",
  title: "Lip-sync many videos at once",
  toolset: "lipsync",
  description:
    "Submit up to 100 lipsyncs in one call; each entry becomes one item. Paid: as create_lipsync per item. Returns batch_id; poll get_lipsync_batch.",
  operation: "POST /v3/lipsyncs/batches",
  input: z
    .strictObject({
      lipsyncs: z.array(batchEntry).min(1).max(100).describe("1-100 entries."),
      title: z.string().min(1).optional().describe("Batch name."),
      callback_url: z.url().optional().describe("Webhook once every item is done."),
    })
    .superRefine((v, ctx) => {
      v.lipsyncs.forEach((entry, i) => {
        for (const issue of createLipsync.input.safeParse(entry).error?.issues ?? []) {
          ctx.addIssue({ code: "custom", path: ["lipsyncs", i, ...issue.path], message: issue.message });
        }
      });
    }),
  output: z.object({ batch_id: z.string(), total_items: z.number() }),
  annotations: CREATE,
  async handler({ lipsyncs, ...rest }, { call }) {
    const items = lipsyncs.map((entry) => lipsyncBody(createLipsync.input.parse(entry)));
    const { body } = await call<{ data: { batch_id: string; total_items?: number } }>({
      body: { lipsyncs: items, ...rest },
    });
    return { batch_id: body.data.batch_id, total_items: body.data.total_items ?? items.length };
  },
  summary: (b) =>
    `Batch ${b.batch_id} accepted (${b.total_items} lipsyncs). Next: get_lipsync_batch with batch_id="${b.batch_id}" until completed.`,
});

interface Batch {
  batch_id: string;
  title?: string | null;
  status: "processing" | "completed" | "failed";
  total_items: number;
  counts_by_status: Record<string, number>;
  items: { item_index: number; status: string; video_id?: string | null; error?: ItemError | null }[];
  has_more: boolean;
  next_token?: string | null;
}

const itemStatus = z.enum(["queued", "processing", "completed", "failed"]);

export const getLipsyncBatch = defineTool({
  name: "get_lipsync_batch",
  title: "Get a lipsync batch",
  toolset: "lipsync",
  description:
    "A lipsync batch's overall status, counts per status and one page of items with their lipsync_id. Use get_lipsync on an item for links.",
  operation: "GET /v3/lipsyncs/batches/{batch_id}",
  input: z.strictObject({
    batch_id: z.string().min(1).describe("From create_lipsync_batch."),
    ...pageInput({ max: 100, fallback: 100 }),
  }),
  output: pageOutput(
    "items",
    z.object({
      item_index: z.number(),
      status: itemStatus,
      lipsync_id: z.string().nullable(),
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
        status: itemStatus.catch("processing").parse(i.status),
        lipsync_id: i.video_id ?? null,
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
        ? " Call get_lipsync_batch again in about 30 s."
        : " Next: get_lipsync with an item's lipsync_id for links.";
    return `${head}${next}${nextPageHint(b, "get_lipsync_batch")}`;
  },
});

interface StatusEntry {
  video_id?: string | null;
  batch_id?: string | null;
  item_index?: number | null;
  status: string;
  error?: ItemError | null;
}

export const getLipsyncStatuses = defineTool({
  name: "get_lipsync_statuses",
  title: "Check many lipsyncs' status",
  toolset: "lipsync",
  description:
    "Status of up to 100 lipsyncs at once, by id and/or batch id (a batch expands to its items); unknown ids come back not_found.",
  operation: "GET /v3/lipsyncs/statuses",
  input: z
    .strictObject({
      lipsync_ids: z.array(z.string().min(1)).max(100).optional().describe("Lipsync ids."),
      batch_ids: z.array(z.string().min(1)).max(100).optional().describe("From create_lipsync_batch."),
    })
    .superRefine((v, ctx) => {
      const n = (v.lipsync_ids?.length ?? 0) + (v.batch_ids?.length ?? 0);
      if (n === 0 || n > 100) {
        ctx.addIssue({ code: "custom", path: ["lipsync_ids"], message: `give 1-100 ids in all (got ${n})` });
      }
    }),
  output: z.object({
    statuses: z.array(
      z.object({
        lipsync_id: z.string().nullable(),
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
        lipsync_id: s.video_id ?? null,
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
    return `${r.statuses.length} statuses: ${countsText(counts)}. Next: get_lipsync with a completed id for links.`;
  },
});

export const lipsyncBatchTools = [createLipsyncBatch, getLipsyncBatch, getLipsyncStatuses];
