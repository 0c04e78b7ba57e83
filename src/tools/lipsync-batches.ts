import { createdNext } from "../jobs/read.js";
import { batchCreateTool, batchGetTool, statusesTool } from "./batches.js";
import { createLipsync, lipsyncBody } from "./lipsync.js";

// ---- api-catalog §2.5: POST /v3/lipsyncs/batches, GET …/batches/{batch_id}, GET /v3/lipsyncs/statuses ----

export const createLipsyncBatch = batchCreateTool({
  name: "create_lipsync_batch",
  title: "Lip-sync many videos at once",
  toolset: "lipsync",
  description:
    "Submit up to 100 lipsyncs in one call; each entry becomes one item. Paid: as create_lipsync per item. Returns batch_id; then wait_for_job.",
  operation: "POST /v3/lipsyncs/batches",
  key: "lipsyncs",
  entry: createLipsync.input.describe("One lipsync: create_lipsync's arguments."),
  entriesDescription: "1-100 lipsyncs.",
  toBody: lipsyncBody,
  summary: (b) =>
    `Batch ${b.batch_id} accepted (${b.total_items} lipsyncs). ${createdNext("lipsync_batch", b.batch_id)}`,
});

export const getLipsyncBatch = batchGetTool({
  name: "get_lipsync_batch",
  title: "Get a lipsync batch",
  toolset: "lipsync",
  description:
    "A lipsync batch's overall status, counts per status and one page of items with their lipsync_id. Use get_lipsync on an item for links.",
  operation: "GET /v3/lipsyncs/batches/{batch_id}",
  createTool: "create_lipsync_batch",
  idKey: "lipsync_id",
  kind: "lipsync_batch",
  next: "Next: get_lipsync with an item's lipsync_id for links.",
  toleratesUnknownStatus: true,
});

export const getLipsyncStatuses = statusesTool({
  name: "get_lipsync_statuses",
  title: "Check many lipsyncs' status",
  toolset: "lipsync",
  description:
    "Status of up to 100 lipsyncs at once, by id and/or batch id (a batch expands to its items); unknown ids come back not_found.",
  operation: "GET /v3/lipsyncs/statuses",
  idsKey: "lipsync_ids",
  idsDescription: "Lipsync ids.",
  batchIdsDescription: "From create_lipsync_batch.",
  idKey: "lipsync_id",
  statusDescription: "queued, processing, completed, failed or not_found.",
  next: "Next: get_lipsync with a completed id for links.",
});

export const lipsyncBatchTools = [createLipsyncBatch, getLipsyncBatch, getLipsyncStatuses];
