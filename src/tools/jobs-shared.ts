/**
 * What the async job resources (videos, lipsyncs, translations, renders, clippings, removals) share:
 * the partial-time check, and the list/rename/delete tools that differ only in names and row fields.
 * Their status lines come from the job-kinds table (src/jobs/summary.ts).
 */
import { z } from "zod";
import type { Operation } from "../client/index.js";
import { plural } from "../text.js";
import { DELETE, defineTool, READ, UPDATE } from "./define.js";
import { keyed, nextPageHint, pageInput, pageOutput, toPageResult } from "./shared-schemas.js";
import type { Toolset } from "./toolsets.js";

/** Partial jobs (start_time/end_time) must end after they start; HeyGen would reject it after upload. */
export function timeRange(v: { start_time?: number; end_time?: number }, ctx: z.RefinementCtx) {
  if (v.start_time !== undefined && v.end_time !== undefined && v.end_time <= v.start_time) {
    ctx.addIssue({ code: "custom", path: ["end_time"], message: "end_time must be after start_time" });
  }
}

interface ToolNames {
  name: string;
  title: string;
  toolset: Toolset;
  description: string;
  operation: Operation;
}

/**
 * list_*: one page (limit 1-100, default 10, catalog §1.5) of compact rows. The summary reads
 * "<count> <noun>." then `next` (if any) and the cursor hint.
 */
export function listTool<K extends string, R extends z.ZodObject>(
  spec: ToolNames & {
    key: K;
    row: R;
    toRow: (item: never) => z.input<R>;
    /** Singular ("lipsync"): the summary says "1 lipsync", "2 lipsyncs". */
    noun: string;
    next?: string;
  },
) {
  const { key, row, toRow, noun, next, ...names } = spec;
  const output = pageOutput(key, row);
  type Page = { has_more: boolean; next_token: string | null } & Record<K, unknown[]>;
  return defineTool({
    ...names,
    input: z.strictObject({ ...pageInput({ max: 100, fallback: 10 }) }),
    output,
    annotations: READ,
    async handler(input, { call }) {
      const { body } = await call({ query: input });
      // The generic key defeats zod's inference; toPageResult builds exactly this page shape.
      return toPageResult(key, body, toRow) as z.input<typeof output>;
    },
    summary: (out) => {
      const page = out as Page;
      return `${plural(page[key].length, noun)}.${next ? ` ${next}` : ""}${nextPageHint(page, names.name)}`;
    },
  });
}

/** delete_*: one path id in, `{ id, deleted: true }` back. */
export function deleteTool<K extends string>(spec: ToolNames & { idParam: K; idDescription: string; subject: string }) {
  const { idParam, idDescription, subject, ...names } = spec;
  return defineTool({
    ...names,
    input: z.strictObject(keyed(idParam, z.string().min(1).describe(idDescription))),
    output: z.object({ id: z.string(), deleted: z.boolean() }),
    annotations: DELETE,
    async handler(input, { call }) {
      const id = (input as Record<K, string>)[idParam];
      const { body } = await call<{ data: { id: string } }>({ pathParams: keyed(idParam, id) });
      return { id: body.data.id, deleted: true };
    },
    summary: (d) => `${subject} ${d.id} deleted.`,
  });
}

/** update_*: a path id and a new title in, `{ id, title, status }` back; nothing else can be edited. */
export function renameTool<K extends string>(
  spec: ToolNames & { idParam: K; id: z.ZodString; status: z.ZodType<string>; subject: string },
) {
  const { idParam, id, status, subject, ...names } = spec;
  return defineTool({
    ...names,
    input: z.strictObject({ ...keyed(idParam, id), title: z.string().min(1).describe("New title.") }),
    output: z.object({ id: z.string(), title: z.string().nullable(), status }),
    annotations: UPDATE,
    async handler(input, { call }) {
      // The generic key defeats zod's inference; the input was parsed against exactly these two fields.
      const { title } = input as { title: string };
      const { body } = await call<{ data: { id: string; title?: string | null; status: string } }>({
        pathParams: keyed(idParam, (input as Record<K, string>)[idParam]),
        body: { title },
      });
      return { id: body.data.id, title: body.data.title ?? null, status: body.data.status };
    },
    summary: (r) => `${subject} ${r.id} renamed to "${r.title ?? ""}" (${r.status}).`,
  });
}
