/**
 * Batches of direct uploads (catalog §1.9) and bulk statuses (`queued`, `processing`, `completed`,
 * `failed`, `not_found`; ids in `video_id` as HeyGen's shared read model has them).
 */
import { z } from "zod";
import { toUnixSeconds } from "../clock.js";
import type { SandboxDeps } from "../deps.js";
import { badParam, list, notFound, ok } from "../envelope.js";
import { newId } from "../ids.js";
import { PAGE_SPECS, paginate } from "../pagination.js";
import type { ApiRequest, Router } from "../router.js";
import type { Account } from "../store.js";
import { parseBody } from "../validate.js";
import { checkFile, fileSchema, finalize, newSlot, verifyUpload } from "./asset-direct-uploads.js";
import {
  type AssetBatch,
  assetStatus,
  assetsOf,
  batchesOf,
  type Failure,
  renderSlot,
  slotsOf,
  type UploadSlot,
} from "./asset-model.js";

const MAX_STATUS_IDS = 100;

type ItemStatus = "queued" | "processing" | "completed" | "failed";

/** A batch item's status: queued until finalized, then the asset's; failed when its bytes were refused. */
function itemState(account: Account, slot: UploadSlot, now: number): { status: ItemStatus; error: Failure | null } {
  if (slot.failure) return { status: "failed", error: slot.failure };
  if (!slot.finalized) return { status: "queued", error: null };
  const asset = assetsOf(account).get(slot.id);
  return { status: asset ? assetStatus(asset, now) : "completed", error: null };
}

const createBatchSchema = z.strictObject({
  files: z.array(fileSchema).min(1).max(100),
  title: z.string().nullish(),
  callback_url: z.url().nullish(),
});

const completeBatchSchema = z.strictObject({ batch_id: z.string().min(1) });

const idList = (req: ApiRequest, name: string) =>
  (req.query.get(name) ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

function batchSummary(account: Account, batch: AssetBatch, now: number) {
  const counts: Record<ItemStatus, number> = { queued: 0, processing: 0, completed: 0, failed: 0 };
  const items = batch.assetIds.map((id, i) => {
    const slot = slotsOf(account).get(id);
    const { status, error } = slot ? itemState(account, slot, now) : { status: "failed" as const, error: null };
    counts[status] += 1;
    return { item_index: i, status, video_id: id, error };
  });
  const inFlight = counts.queued + counts.processing > 0;
  return {
    summary: {
      batch_id: batch.id,
      title: batch.title,
      status: inFlight ? "processing" : counts.completed > 0 ? "completed" : "failed",
      total_items: batch.assetIds.length,
      counts_by_status: counts,
      created_at: toUnixSeconds(batch.createdAtMs),
    },
    items,
  };
}

export function assetBatchRoutes(r: Router, deps: SandboxDeps): void {
  const { clock } = deps;

  r.post(
    "/v3/assets/direct-uploads/batches",
    (req) => {
      const body = parseBody(createBatchSchema, req.body);
      const mimes = body.files.map((f, i) => checkFile(deps, f, `files.${i}.`));
      const batchId = newId();
      const slots = body.files.map((f, i) => newSlot(deps, req.account, f, mimes[i] ?? "", batchId));
      batchesOf(req.account).add({
        id: batchId,
        createdAtMs: clock.now(),
        title: body.title ?? null,
        assetIds: slots.map((s) => s.id),
      });
      return ok({ batch_id: batchId, items: slots.map((s) => renderSlot(deps, s)) });
    },
    { idempotent: true, creates: true },
  );

  r.post("/v3/assets/complete/batches", (req) => {
    const { batch_id } = parseBody(completeBatchSchema, req.body);
    const batch = batchesOf(req.account).get(batch_id);
    if (!batch) throw notFound("not_found", `Batch '${batch_id}' was not found.`);
    // Each file on its own: one bad file fails only its item; a repeat re-drives the ones not yet done.
    for (const id of batch.assetIds) {
      const slot = slotsOf(req.account).get(id);
      if (!slot || slot.finalized) continue;
      const failure = verifyUpload(slot, slot.checksum);
      if (failure) slot.failure = failure;
      else finalize(deps, req.account, slot);
    }
    return ok({ batch_id, status: batchSummary(req.account, batch, clock.now()).summary.status }, 202);
  });

  r.get("/v3/assets/batches/:batch_id", (req) => {
    const batch = batchesOf(req.account).get(req.params.batch_id ?? "");
    if (!batch) throw notFound("not_found", `Batch '${req.params.batch_id}' was not found.`);
    const { summary, items } = batchSummary(req.account, batch, clock.now());
    const page = paginate(items, req.query, PAGE_SPECS.batchItems, (row) => String(row.item_index)).body as {
      data: unknown[];
      has_more: boolean;
      next_token: string | null;
    };
    return ok({ ...summary, items: page.data, has_more: page.has_more, next_token: page.next_token });
  });

  r.get("/v3/assets/statuses", (req) => {
    const assetIds = idList(req, "asset_ids");
    const batchIds = idList(req, "batch_ids");
    const n = assetIds.length + batchIds.length;
    if (n === 0) throw badParam("asset_ids", "Provide asset_ids and/or batch_ids.");
    if (n > MAX_STATUS_IDS)
      throw badParam(assetIds.length > 0 ? "asset_ids" : "batch_ids", "At most 100 ids per request.");
    const now = clock.now();
    const entries: Record<string, unknown>[] = assetIds.map((id) => {
      const asset = assetsOf(req.account).get(id);
      if (asset) return { video_id: id, status: assetStatus(asset, now), error: null };
      const slot = slotsOf(req.account).get(id);
      if (slot && !slot.finalized) return { video_id: id, ...itemState(req.account, slot, now) };
      return { video_id: id, status: "not_found" };
    });
    for (const id of batchIds) {
      const batch = batchesOf(req.account).get(id);
      if (!batch) entries.push({ batch_id: id, status: "not_found" });
      else for (const item of batchSummary(req.account, batch, now).items) entries.push({ batch_id: id, ...item });
    }
    return list(entries, false, null);
  });
}
