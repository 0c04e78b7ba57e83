/**
 * The batch tools that videos, lipsyncs, translations and uploads share (api-catalog §2.1, §2.5-§2.7):
 * create_*_batch, get_*_batch and get_*_statuses differ only in names, the id field and the entry
 * schema, so each group declares them through these factories.
 */
import { z } from "zod";
import { type Operation, toPage } from "../client/index.js";
import type { JobKindName } from "../jobs/kinds.js";
import { waitCall } from "../jobs/read.js";
import { plural } from "../text.js";
import { CREATE, defineTool, READ } from "./define.js";
import { keyed, nextPageHint, pageCursor, pageInput, pageOutput } from "./shared-schemas.js";
import type { Toolset } from "./toolsets.js";

/** Batches and bulk status reads take at most this many entries, items or ids. */
const MAX_BATCH = 100;

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

interface BatchToolNames {
  name: string;
  title: string;
  toolset: Toolset;
  description: string;
  operation: Operation;
}

export interface BatchCreateSpec<K extends string, E extends z.ZodType> extends BatchToolNames {
  /** The body's list field, e.g. "lipsyncs". */
  key: K;
  /** One entry: the single create tool's own input schema, so tools/list shows every field it takes. */
  entry: E;
  entriesDescription: string;
  /** One entry as the API's request body item. */
  toBody(entry: z.output<E>): unknown;
  /** For entries that expand into several items: the item count, and the message when it passes 100. */
  expands?: { count(entries: z.output<E>[]): number; tooMany(items: number): string };
  summary(out: { batch_id: string; total_items: number }): string;
}

const namesOf = ({ name, title, toolset, description, operation }: BatchToolNames) => ({
  name,
  title,
  toolset,
  description,
  operation,
});

/** create_*_batch: validates each entry as its create tool would, then submits them in one call. */
export function batchCreateTool<K extends string, E extends z.ZodType>(spec: BatchCreateSpec<K, E>) {
  const { key, expands } = spec;
  const shape = {
    ...keyed(key, z.array(spec.entry).min(1).max(MAX_BATCH).describe(spec.entriesDescription)),
    title: z.string().min(1).optional().describe("Batch name."),
    callback_url: z.url().optional().describe("Webhook once every item is done."),
  };
  const entriesOf = (v: Record<string, unknown>) => v[key] as z.output<E>[];
  return defineTool({
    ...namesOf(spec),
    input: z.strictObject(shape).superRefine((v, ctx) => {
      const items = expands?.count(entriesOf(v)) ?? 0;
      if (expands && items > MAX_BATCH) ctx.addIssue({ code: "custom", path: [key], message: expands.tooMany(items) });
    }),
    output: z.object({ batch_id: z.string(), total_items: z.number() }),
    annotations: CREATE,
    async handler(input, { call }) {
      const { [key]: _entries, ...rest } = input as Record<string, unknown>;
      const entries = entriesOf(input);
      const { body } = await call<{ data: { batch_id: string; total_items?: number } }>({
        body: { [key]: entries.map(spec.toBody), ...rest },
      });
      const submitted = expands ? expands.count(entries) : entries.length;
      return { batch_id: body.data.batch_id, total_items: body.data.total_items ?? submitted };
    },
    summary: spec.summary,
  });
}

const ITEM_STATUSES = ["queued", "processing", "completed", "failed"] as const;
const itemStatus = z.enum(ITEM_STATUSES);

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

export interface BatchGetSpec<K extends string> extends BatchToolNames {
  /** The create tool that returns batch_id. */
  createTool: string;
  /** Each item's id field, e.g. "lipsync_id" (the API calls it video_id). */
  idKey: K;
  /** The job kind, for the wait_for_job call while processing. */
  kind: JobKindName;
  /** The summary's closing sentence once done, e.g. "Next: get_lipsync with an item's lipsync_id for links." */
  next: string;
  itemIndexDescription?: string;
  /** Read an item status the enum does not know as "processing" rather than reject the result. */
  toleratesUnknownStatus: boolean;
}

/** get_*_batch: the aggregate status, counts per status and one page of items. */
export function batchGetTool<K extends string>(spec: BatchGetSpec<K>) {
  const { idKey } = spec;
  const itemIndex = spec.itemIndexDescription ? z.number().describe(spec.itemIndexDescription) : z.number();
  const statusOf = (status: string) =>
    (spec.toleratesUnknownStatus ? itemStatus.catch("processing").parse(status) : status) as z.output<
      typeof itemStatus
    >;
  const item = z.object({
    item_index: itemIndex,
    status: itemStatus,
    ...keyed(idKey, z.string().nullable()),
    error: z.string().nullable(),
  });
  return defineTool({
    ...namesOf(spec),
    input: z.strictObject({
      batch_id: z.string().min(1).describe(`From ${spec.createTool}.`),
      ...pageInput({ max: MAX_BATCH, fallback: MAX_BATCH }),
    }),
    output: pageOutput("items", item).extend({
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
          status: statusOf(i.status),
          ...keyed(idKey, i.video_id ?? null),
          error: errorText(i.error),
        })) as z.input<typeof item>[],
        ...pageCursor(toPage(body)),
      };
    },
    summary: (b) => {
      const head = `Batch ${b.batch_id} ${b.status}: ${countsText(b.counts_by_status)} of ${b.total_items}.`;
      const next = b.status === "processing" ? ` Next: ${waitCall(spec.kind, b.batch_id)}.` : ` ${spec.next}`;
      return `${head}${next}${nextPageHint(b, spec.name)}`;
    },
  });
}

interface StatusEntry {
  video_id?: string | null;
  batch_id?: string | null;
  item_index?: number | null;
  status: string;
  error?: ItemError | null;
}

export interface StatusesSpec<K extends string, L extends string> extends BatchToolNames {
  /** The ids query field, e.g. "lipsync_ids". */
  idsKey: L;
  idsDescription: string;
  batchIdsDescription: string;
  /** Each entry's id field, e.g. "lipsync_id" (the API calls it video_id). */
  idKey: K;
  statusDescription: string;
  /** The summary's closing sentence, e.g. "Next: get_lipsync with a completed id for links."; may depend on the counts. */
  next: string | ((counts: Record<string, number>) => string);
}

/** get_*_statuses: up to 100 resources' status by id and/or batch id; unknown ids come back not_found. */
export function statusesTool<K extends string, L extends string>(spec: StatusesSpec<K, L>) {
  const { idKey, idsKey } = spec;
  const ids = (description: string) => z.array(z.string().min(1)).max(MAX_BATCH).optional().describe(description);
  const entry = z.object({
    ...keyed(idKey, z.string().nullable()),
    batch_id: z.string().nullable(),
    item_index: z.number().nullable(),
    status: z.string().describe(spec.statusDescription),
    error: z.string().nullable(),
  });
  return defineTool({
    ...namesOf(spec),
    input: z
      .strictObject({ ...keyed(idsKey, ids(spec.idsDescription)), batch_ids: ids(spec.batchIdsDescription) })
      .superRefine((v, ctx) => {
        const given = v as Record<string, string[] | undefined>;
        const n = (given[idsKey]?.length ?? 0) + (given.batch_ids?.length ?? 0);
        if (n === 0 || n > MAX_BATCH) {
          ctx.addIssue({ code: "custom", path: [idsKey], message: `give 1-100 ids in all (got ${n})` });
        }
      }),
    output: z.object({ statuses: z.array(entry) }),
    annotations: READ,
    async handler(query, { call }) {
      const { body } = await call<{ data: StatusEntry[] }>({ query: query as Record<string, string[] | undefined> });
      return {
        statuses: (Array.isArray(body.data) ? body.data : []).map((s) => ({
          ...keyed(idKey, s.video_id ?? null),
          batch_id: s.batch_id ?? null,
          item_index: s.item_index ?? null,
          status: s.status,
          error: errorText(s.error),
        })) as z.input<typeof entry>[],
      };
    },
    summary: (r) => {
      const counts: Record<string, number> = {};
      for (const s of r.statuses as { status: string }[]) counts[s.status] = (counts[s.status] ?? 0) + 1;
      const next = typeof spec.next === "string" ? spec.next : spec.next(counts);
      return `${plural(r.statuses.length, "status", "statuses")}: ${countsText(counts)}.${next ? ` ${next}` : ""}`;
    },
  });
}
