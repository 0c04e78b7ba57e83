/**
 * list_jobs: one page from each kind's own HeyGen list endpoint, merged newest first. Stateless: what is
 * in flight is whatever HeyGen says, so it works after a timeout, a restart or on another replica.
 */
import type { ToolContext } from "../tools/define.js";
import { JOB_KINDS, type JobKindName } from "./kinds.js";
import { type JobState, readJob } from "./read.js";

/** The kinds HeyGen can list. */
export const LISTED_KINDS = Object.values(JOB_KINDS)
  .filter((k) => k.list)
  .map((k) => k.name) as [JobKindName, ...JobKindName[]];

/** Video Agent's list has no status; this many newest sessions are read one by one for theirs. */
const SESSIONS_READ = 3;
/** With a status filter, read deeper pages so older in-flight jobs still show. */
const FILTERED_PAGE = 50;

export interface JobRow {
  kind: JobKindName;
  id: string;
  title: string | null;
  status: string;
  state: JobState;
  created_at: number | null;
}

export interface ListJobsInput {
  kind?: JobKindName;
  status?: "in_progress" | "completed" | "failed";
  limit: number;
}

type Call = ToolContext["call"];

async function rowsOf(kind: JobKindName, pageSize: number, call: Call): Promise<JobRow[]> {
  const spec = JOB_KINDS[kind];
  const list = spec.list;
  if (!list) return [];
  const { body } = await call<{ data?: unknown }>({
    operation: list.operation,
    query: { limit: Math.min(list.max, pageSize) },
  });
  const records = (Array.isArray(body.data) ? body.data : []) as Record<string, unknown>[];
  const rows = await Promise.all(
    records.map(async (record, i) => {
      const needsStatus = !(spec.statusField in record) && i < SESSIONS_READ;
      const full = needsStatus
        ? ((
            await call<{ data?: Record<string, unknown> }>({
              operation: spec.getOperation,
              pathParams: { [spec.idParam]: String(record[spec.idField] ?? "") },
            })
          ).body.data ?? record)
        : record;
      const s = readJob(kind, full);
      return { kind, id: s.id, title: s.title, status: s.status, state: s.state, created_at: s.createdAt };
    }),
  );
  return rows;
}

const inFilter = (row: JobRow, status: ListJobsInput["status"]) =>
  !status ||
  (status === "in_progress" ? row.state === "in_progress" || row.state === "needs_action" : row.state === status);

export async function listJobs(input: ListJobsInput, call: Call) {
  const kinds = input.kind ? [input.kind] : LISTED_KINDS;
  const pageSize = input.status ? FILTERED_PAGE : input.limit;
  const settled = await Promise.allSettled(kinds.map((k) => rowsOf(k, pageSize, call)));
  const jobs: JobRow[] = [];
  const skipped: { kind: string; code: string }[] = [];
  settled.forEach((result, i) => {
    if (result.status === "fulfilled") jobs.push(...result.value);
    else {
      const err = result.reason as { code?: unknown };
      skipped.push({ kind: kinds[i] ?? "", code: typeof err?.code === "string" ? err.code : "error" });
    }
  });
  // One kind failing (a plan without that product, say) must not hide the others; but if all fail, say why.
  if (jobs.length === 0 && settled.every((r) => r.status === "rejected")) {
    throw (settled[0] as PromiseRejectedResult).reason;
  }
  return {
    jobs: jobs
      .filter((j) => inFilter(j, input.status))
      .sort((a, b) => (b.created_at ?? 0) - (a.created_at ?? 0))
      .slice(0, input.limit),
    skipped,
  };
}
