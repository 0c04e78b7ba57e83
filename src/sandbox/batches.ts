/**
 * What video, lipsync and translation batches share (catalog §2.1, §2.5, §2.6, §1.9). Each route
 * module plans, charges and creates its own resources; this module tracks them as batch items.
 *
 * - Items render ten at a time: item `queued → processing → completed | failed` follows its job.
 * - Aggregate: `processing` while any item is in flight, then `completed`, or `failed` if every item failed.
 * - The batch and status read models carry item ids in `video_id`, as HeyGen's do.
 */
import type { z } from "zod";
import { toUnixSeconds } from "./clock.js";
import type { SandboxDeps } from "./deps.js";
import { ApiError, badParam, list, notFound, ok } from "./envelope.js";
import { newId } from "./ids.js";
import { type JobPlan, jobPhase, MAX_IN_FLIGHT_JOBS, planJob, type Timing } from "./jobs.js";
import { PAGE_SPECS, paginate } from "./pagination.js";
import type { ApiRequest, Router } from "./router.js";
import type { Account, Resource } from "./store.js";
import { parseBody } from "./validate.js";

type ItemStatus = "queued" | "processing" | "completed" | "failed";
const ITEM_STATUSES: readonly ItemStatus[] = ["queued", "processing", "completed", "failed"];
const MAX_STATUS_IDS = 100;

export interface ItemError {
  code: string;
  message: string;
  param: string | null;
}

export interface BatchItem {
  /** The video, lipsync or translation this item created; null when the item failed up front. */
  resourceId: string | null;
  /** A copy of the resource's job, so the item keeps its status if the resource is later deleted. */
  job: JobPlan | null;
  error: ItemError | null;
}

interface BatchRecord extends Resource {
  title: string | null;
  callbackUrl: string | null;
  items: BatchItem[];
}

/** A semantic error fails only its item; 402/429 and non-API errors still fail the request. */
export function toItemError(err: unknown): ItemError {
  if (!(err instanceof ApiError) || err.status === 402 || err.status === 429) throw err;
  return { code: err.code, message: err.message, param: err.param };
}

/** Charges a batch once, for every item that will run. */
export function chargeBatch(account: Account, costsUsd: readonly number[], now: number): void {
  const total = costsUsd.reduce((sum, usd) => sum + usd, 0);
  if (total > 0) account.charge(total, now);
}

export type ScheduleJob = (seconds: number, failure: JobPlan["failure"]) => JobPlan;

/** Plans a batch's jobs so at most MAX_IN_FLIGHT_JOBS render at once; later items wait their turn. */
function waveScheduler(timing: Timing, now: number): ScheduleJob {
  let wave = 0;
  return (seconds, failure) => {
    const first = planJob(timing, now, seconds);
    const offset = Math.floor(wave++ / MAX_IN_FLIGHT_JOBS) * first.finishAfterMs;
    return planJob(timing, now + offset, seconds, failure);
  };
}

function itemStatus(item: BatchItem, now: number): ItemStatus {
  if (item.error || !item.job) return "failed";
  const phase = jobPhase(item.job, now);
  return phase === "running" ? "processing" : phase;
}

const renderItem = (item: BatchItem, index: number, now: number) => ({
  item_index: index,
  status: itemStatus(item, now),
  video_id: item.resourceId,
  error:
    item.error ??
    (item.job?.failure && jobPhase(item.job, now) === "failed" ? { ...item.job.failure, param: null } : null),
});

function summarize(batch: BatchRecord, now: number) {
  const counts = Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as Record<ItemStatus, number>;
  for (const item of batch.items) counts[itemStatus(item, now)] += 1;
  const inFlight = counts.queued + counts.processing > 0;
  return {
    batch_id: batch.id,
    title: batch.title,
    status: inFlight ? "processing" : counts.completed > 0 ? "completed" : "failed",
    total_items: batch.items.length,
    counts_by_status: counts,
    created_at: toUnixSeconds(batch.createdAtMs),
  };
}

const idList = (req: ApiRequest, name: string) =>
  (req.query.get(name) ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

interface BatchBody {
  title?: string | null;
  callback_url?: string | null;
}

export interface BatchRoutesSpec<S extends z.ZodType<BatchBody>> {
  /** The resource's path, e.g. "/v3/lipsyncs"; batches live under `${base}/batches`. */
  base: string;
  /** Store collection of the batch records. */
  collection: string;
  /** POST `${base}/batches` body; a schema error rejects the whole request. */
  schema: S;
  /** Plans, charges and creates the resources, one item each (schedule plans each item's job). */
  createItems(req: ApiRequest, body: z.output<S>, now: number, schedule: ScheduleJob): BatchItem[];
  /** The resource-ids query parameter of GET `${base}/statuses`, e.g. "lipsync_ids". */
  idsParam: string;
  /** A resource's entry in GET `${base}/statuses` (`video_id`, `status`, `error`); undefined if unknown. */
  statusOf(account: Account, id: string, now: number): Record<string, unknown> | undefined;
}

/** POST `${base}/batches`, GET `${base}/batches/:batch_id` and GET `${base}/statuses`. */
export function batchRoutes<S extends z.ZodType<BatchBody>>(r: Router, deps: SandboxDeps, spec: BatchRoutesSpec<S>) {
  const { clock, timing } = deps;
  const batchesOf = (account: Account) => account.collection<BatchRecord>(spec.collection);

  r.post(
    `${spec.base}/batches`,
    (req) => {
      const body = parseBody(spec.schema, req.body);
      const now = clock.now();
      const items = spec.createItems(req, body, now, waveScheduler(timing, now));
      const batch = batchesOf(req.account).add({
        id: newId(),
        createdAtMs: now,
        title: body.title ?? null,
        callbackUrl: body.callback_url ?? null,
        items,
      });
      return ok(summarize(batch, now), 202);
    },
    { idempotent: true, creates: true },
  );

  r.get(`${spec.base}/batches/:batch_id`, (req) => {
    const batch = batchesOf(req.account).get(req.params.batch_id ?? "");
    if (!batch) throw notFound("not_found", `Batch '${req.params.batch_id}' was not found.`);
    const now = clock.now();
    const rows = batch.items.map((item, i) => renderItem(item, i, now));
    const page = paginate(rows, req.query, PAGE_SPECS.batchItems, (row) => String(row.item_index)).body as {
      data: unknown[];
      has_more: boolean;
      next_token: string | null;
    };
    return ok({ ...summarize(batch, now), items: page.data, has_more: page.has_more, next_token: page.next_token });
  });

  r.get(`${spec.base}/statuses`, (req) => {
    const resourceIds = idList(req, spec.idsParam);
    const batchIds = idList(req, "batch_ids");
    const n = resourceIds.length + batchIds.length;
    if (n === 0) throw badParam(spec.idsParam, `Provide ${spec.idsParam} and/or batch_ids.`);
    if (n > MAX_STATUS_IDS) {
      throw badParam(resourceIds.length > 0 ? spec.idsParam : "batch_ids", "At most 100 ids per request.");
    }
    const now = clock.now();
    const entries = resourceIds.map(
      (id) => spec.statusOf(req.account, id, now) ?? { video_id: id, status: "not_found" },
    );
    for (const id of batchIds) {
      const batch = batchesOf(req.account).get(id);
      if (!batch) entries.push({ batch_id: id, status: "not_found" });
      else for (const [i, item] of batch.items.entries()) entries.push({ batch_id: id, ...renderItem(item, i, now) });
    }
    return list(entries, false, null);
  });
}
