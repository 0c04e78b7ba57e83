import { createdNext } from "../jobs/read.js";
import { batchCreateTool, batchGetTool, statusesTool } from "./batches.js";
import { createVideoTranslation, translationBody } from "./translation.js";

// ---- api-catalog §2.6: POST /v3/video-translations/batches, GET …/batches/{batch_id}, GET …/statuses ----

export const createVideoTranslationBatch = batchCreateTool({
  name: "create_video_translation_batch",
  title: "Translate many videos at once",
  toolset: "translation",
  description:
    "Submit many translations in one call; each language of each entry becomes one item (max 100). Paid: as create_video_translation per item. Returns batch_id; then wait_for_job.",
  operation: "POST /v3/video-translations/batches",
  key: "video_translations",
  entry: createVideoTranslation.input.describe("One video: create_video_translation's arguments."),
  entriesDescription: "1-100 videos.",
  toBody: translationBody,
  // Each language is its own item, so the 100-item cap counts languages.
  expands: {
    count: (entries) => entries.reduce((n, e) => n + e.output_languages.length, 0),
    tooMany: (items) => `max 100 languages in all (${items})`,
  },
  summary: (b) =>
    `Batch ${b.batch_id} accepted (${b.total_items} translations). ${createdNext("video_translation_batch", b.batch_id)}`,
});

export const getVideoTranslationBatch = batchGetTool({
  name: "get_video_translation_batch",
  title: "Get a translation batch",
  toolset: "translation",
  description:
    "A translation batch's overall status, counts and one page of items (one per language) with their video_translation_id.",
  operation: "GET /v3/video-translations/batches/{batch_id}",
  createTool: "create_video_translation_batch",
  idKey: "video_translation_id",
  kind: "video_translation_batch",
  next: "Next: get_video_translation with an item's video_translation_id for links.",
  toleratesUnknownStatus: true,
});

export const getVideoTranslationStatuses = statusesTool({
  name: "get_video_translation_statuses",
  title: "Check many translations' status",
  toolset: "translation",
  description:
    "Status of up to 100 translations at once, by id and/or batch id (a batch expands to its items); unknown ids come back not_found.",
  operation: "GET /v3/video-translations/statuses",
  idsKey: "video_translation_ids",
  idsDescription: "Translation ids.",
  batchIdsDescription: "From create_video_translation_batch.",
  idKey: "video_translation_id",
  statusDescription: "queued, processing, completed, failed or not_found.",
  next: "Next: get_video_translation with a completed id for links.",
});

export const translationBatchTools = [
  createVideoTranslationBatch,
  getVideoTranslationBatch,
  getVideoTranslationStatuses,
];
