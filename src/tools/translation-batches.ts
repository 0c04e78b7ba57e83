import { z } from "zod";
import { CREATE, defineTool, READ } from "./define.js";
import { nextPageHint, pageInput, pageOutput } from "./shared-schemas.js";
import { createVideoTranslation, translationBody } from "./translation.js";

// ---- api-catalog §2.6: POST /v3/video-translations/batches, GET …/batches/{batch_id}, GET …/statuses ----

/** Each entry is checked with create_video_translation's own schema, so the list stays small in tools/list. */
const batchEntry = z
  .looseObject({ video: z.unknown(), output_languages: z.array(z.string()) })
  .describe("create_video_translation's arguments.");

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

export const createVideoTranslationBatch = defineTool({
  name: "create_video_translation_batch",
  title: "Translate many videos at once",
  toolset: "translation",
  description:
    "Submit many translations in one call; each language of each entry becomes one item (max 100). Paid: as create_video_translation per item. Returns batch_id; poll get_video_translation_batch.",
  operation: "POST /v3/video-translations/batches",
  input: z
    .strictObject({
      video_translations: z.array(batchEntry).min(1).max(100).describe("1-100 entries."),
      title: z.string().min(1).optional().describe("Batch name."),
      callback_url: z.url().optional().describe("Webhook once every item is done."),
    })
    .superRefine((v, ctx) => {
      let items = 0;
      v.video_translations.forEach((entry, i) => {
        const parsed = createVideoTranslation.input.safeParse(entry);
        items += entry.output_languages.length;
        for (const issue of parsed.error?.issues ?? []) {
          ctx.addIssue({ code: "custom", path: ["video_translations", i, ...issue.path], message: issue.message });
        }
      });
      if (items > 100) {
        ctx.addIssue({ code: "custom", path: ["video_translations"], message: `max 100 languages in all (${items})` });
      }
    }),
  output: z.object({ batch_id: z.string(), total_items: z.number() }),
  annotations: CREATE,
  async handler({ video_translations, ...rest }, { call }) {
    const items = video_translations.map((entry) => translationBody(createVideoTranslation.input.parse(entry)));
    const { body } = await call<{ data: { batch_id: string; total_items?: number } }>({
      body: { video_translations: items, ...rest },
    });
    const expanded = video_translations.reduce((n, e) => n + e.output_languages.length, 0);
    return { batch_id: body.data.batch_id, total_items: body.data.total_items ?? expanded };
  },
  summary: (b) =>
    `Batch ${b.batch_id} accepted (${b.total_items} translations). Next: get_video_translation_batch with batch_id="${b.batch_id}" until completed.`,
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

export const getVideoTranslationBatch = defineTool({
  name: "get_video_translation_batch",
  title: "Get a translation batch",
  toolset: "translation",
  description:
    "A translation batch's overall status, counts and one page of items (one per language) with their video_translation_id.",
  operation: "GET /v3/video-translations/batches/{batch_id}",
  input: z.strictObject({
    batch_id: z.string().min(1).describe("From create_video_translation_batch."),
    ...pageInput({ max: 100, fallback: 100 }),
  }),
  output: pageOutput(
    "items",
    z.object({
      item_index: z.number(),
      status: itemStatus,
      video_translation_id: z.string().nullable(),
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
        video_translation_id: i.video_id ?? null,
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
        ? " Call get_video_translation_batch again in about 60 s."
        : " Next: get_video_translation with an item's video_translation_id for links.";
    return `${head}${next}${nextPageHint(b, "get_video_translation_batch")}`;
  },
});

interface StatusEntry {
  video_id?: string | null;
  batch_id?: string | null;
  item_index?: number | null;
  status: string;
  error?: ItemError | null;
}

export const getVideoTranslationStatuses = defineTool({
  name: "get_video_translation_statuses",
  title: "Check many translations' status",
  toolset: "translation",
  description:
    "Status of up to 100 translations at once, by id and/or batch id (a batch expands to its items); unknown ids come back not_found.",
  operation: "GET /v3/video-translations/statuses",
  input: z
    .strictObject({
      video_translation_ids: z.array(z.string().min(1)).max(100).optional().describe("Translation ids."),
      batch_ids: z.array(z.string().min(1)).max(100).optional().describe("From create_video_translation_batch."),
    })
    .superRefine((v, ctx) => {
      const n = (v.video_translation_ids?.length ?? 0) + (v.batch_ids?.length ?? 0);
      if (n === 0 || n > 100) {
        ctx.addIssue({ code: "custom", path: ["video_translation_ids"], message: `give 1-100 ids in all (got ${n})` });
      }
    }),
  output: z.object({
    statuses: z.array(
      z.object({
        video_translation_id: z.string().nullable(),
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
        video_translation_id: s.video_id ?? null,
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
    return `${r.statuses.length} statuses: ${countsText(counts)}. Next: get_video_translation with a completed id for links.`;
  },
});

export const translationBatchTools = [
  createVideoTranslationBatch,
  getVideoTranslationBatch,
  getVideoTranslationStatuses,
];
