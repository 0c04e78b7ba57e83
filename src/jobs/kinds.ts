/**
 * Every asynchronous HeyGen resource as data (api-catalog §1.9 and each resource's section): how to read
 * it, its status enum and terminal states, where HeyGen reports a percentage, how long it typically takes,
 * and where its outputs are. wait_for_job, list_jobs, the get tools' summaries and the create tools'
 * "next" line all read this table; nothing about a job's lifecycle is spelled out anywhere else.
 *
 * No v3 resource reports an ETA field, so the time left is always estimated from `typicalSeconds`.
 */
import type { Operation } from "../client/index.js";

/** Where a finished job's results are. `path` is dotted; `[]` walks an array (one output per element). */
export interface OutputSpec {
  /** The output's name in results, e.g. "video_url"; with `[]` in the path, suffixed "_1", "_2", … */
  name: string;
  path: string;
  /** url: a presigned download link (expires); id: a resource to read next, of `kind`. */
  type: "url" | "id";
  kind?: JobKindName;
}

/** A state that waiting cannot end: someone has to act. */
export interface NeedsAction {
  status: string;
  /** The next call, with "{id}" for the job's id, e.g. send_video_agent_message with session_id="{id}". */
  next: string;
}

/** HeyGen's own list endpoint for a kind, so list_jobs works without server memory. */
export interface ListSpec {
  operation: Operation;
  max: number;
  titleField: string | null;
}

export interface JobKind {
  name: JobKindName;
  /** Subject in summaries, e.g. "Video", "Translation". */
  label: string;
  /** The get tool a model can call for a one-shot check. */
  getTool: string;
  getOperation: Operation;
  /** Where the id goes: a path parameter, or (bulk status endpoints) a query list of one. */
  idParam: string;
  idIn: "path" | "query";
  /** The id field of the read record ("id", "render_id", …). */
  idField: string;
  /** The record's status field and its enum as HeyGen's get returns it (create responses may differ). */
  statusField: string;
  statuses: readonly string[];
  completed: readonly string[];
  failed: readonly string[];
  needsAction?: readonly NeedsAction[];
  /** Public catalog records (public avatars, stock voices) carry a null status: they are ready. */
  nullStatusIsCompleted?: boolean;
  /** A 0-100 field HeyGen reports while running, if any. */
  percentField?: string;
  /** For batches: a percentage is derived from counts_by_status / total_items. */
  percentFromCounts?: boolean;
  /** Failure reason fields, first present wins; strings, or {code,message} objects. */
  failureFields: readonly string[];
  failureCodeField?: string;
  /** What to do after a failure. */
  failureHint: string;
  /** Typical time from create to done, seconds; drives the poll cadence and "typically N more". */
  typicalSeconds: number;
  outputs: readonly OutputSpec[];
  list?: ListSpec;
  /** The tools whose result starts a job of this kind (their summaries end with the wait_for_job call). */
  createdBy: readonly string[];
}

export const JOB_KIND_NAMES = [
  "video",
  "video_translation",
  "proofread",
  "lipsync",
  "avatar_group",
  "avatar_look",
  "voice_clone",
  "video_agent",
  "background_removal",
  "ai_clipping",
  "hyperframes_render",
  "asset",
  "video_batch",
  "lipsync_batch",
  "video_translation_batch",
  "asset_batch",
] as const;

export type JobKindName = (typeof JOB_KIND_NAMES)[number];

const url = (name: string, path = name): OutputSpec => ({ name, path, type: "url" });
const idOf = (name: string, path: string, kind: JobKindName): OutputSpec => ({ name, path, type: "id", kind });

const RECREATE = "Fix the input and create it again; a failed job is not billed.";
const TRAINING = ["processing", "pending_consent", "completed", "failed"] as const;
const BATCH = ["processing", "completed", "failed"] as const;

/** A batch of `item` jobs: items carry their resource id in `video_id`, as HeyGen's batch read model does. */
function batchKind(
  name: JobKindName,
  label: string,
  getTool: string,
  getOperation: Operation,
  item: JobKindName,
  createdBy: string,
  typicalSeconds: number,
): JobKind {
  return {
    name,
    label,
    getTool,
    getOperation,
    idParam: "batch_id",
    idIn: "path",
    idField: "batch_id",
    statusField: "status",
    statuses: BATCH,
    completed: ["completed"],
    failed: ["failed"],
    percentFromCounts: true,
    failureFields: [],
    failureHint: `Every item failed: read each item's error with ${getTool}, fix the inputs and submit again.`,
    typicalSeconds,
    outputs: [idOf(item, "items[].video_id", item)],
    createdBy: [createdBy],
  };
}

export const JOB_KINDS: Readonly<Record<JobKindName, JobKind>> = {
  video: {
    name: "video",
    label: "Video",
    getTool: "get_video",
    getOperation: "GET /v3/videos/{video_id}",
    idParam: "video_id",
    idIn: "path",
    idField: "id",
    statusField: "status",
    statuses: ["pending", "processing", "completed", "failed"],
    completed: ["completed"],
    failed: ["failed"],
    failureFields: ["failure_message"],
    failureCodeField: "failure_code",
    failureHint: RECREATE,
    typicalSeconds: 240,
    outputs: [url("video_url"), url("captioned_video_url"), url("subtitle_url"), url("thumbnail_url"), url("gif_url")],
    list: { operation: "GET /v3/videos", max: 100, titleField: "title" },
    createdBy: [
      "create_video_from_avatar",
      "create_video_from_image",
      "create_cinematic_avatar_video",
      "create_studio_video",
      "create_video_from_template",
    ],
  },
  video_translation: {
    name: "video_translation",
    label: "Translation",
    getTool: "get_video_translation",
    getOperation: "GET /v3/video-translations/{video_translation_id}",
    idParam: "video_translation_id",
    idIn: "path",
    idField: "id",
    statusField: "status",
    statuses: ["pending", "running", "completed", "failed"],
    completed: ["completed"],
    failed: ["failed"],
    failureFields: ["failure_message"],
    failureHint: RECREATE,
    typicalSeconds: 300,
    outputs: [url("video_url"), url("audio_url"), url("srt_caption_url"), url("vtt_caption_url")],
    list: { operation: "GET /v3/video-translations", max: 100, titleField: "title" },
    createdBy: ["create_video_translation", "generate_video_from_proofread"],
  },
  proofread: {
    name: "proofread",
    label: "Proofread",
    getTool: "get_proofread",
    getOperation: "GET /v3/video-translations/proofreads/{proofread_id}",
    idParam: "proofread_id",
    idIn: "path",
    idField: "id",
    statusField: "status",
    statuses: ["processing", "completed", "failed"],
    completed: ["completed"],
    failed: ["failed"],
    failureFields: ["failure_message"],
    failureHint: RECREATE,
    typicalSeconds: 180,
    // Its result is the subtitle file, read with download_proofread_srt; no URL on the record.
    outputs: [],
    createdBy: ["create_proofread"],
  },
  lipsync: {
    name: "lipsync",
    label: "Lipsync",
    getTool: "get_lipsync",
    getOperation: "GET /v3/lipsyncs/{lipsync_id}",
    idParam: "lipsync_id",
    idIn: "path",
    idField: "id",
    statusField: "status",
    statuses: ["pending", "running", "completed", "failed"],
    completed: ["completed"],
    failed: ["failed"],
    failureFields: ["failure_message"],
    failureHint: RECREATE,
    typicalSeconds: 180,
    outputs: [url("video_url"), url("caption_url")],
    list: { operation: "GET /v3/lipsyncs", max: 100, titleField: "title" },
    createdBy: ["create_lipsync"],
  },
  avatar_group: {
    name: "avatar_group",
    label: "Avatar group",
    getTool: "get_avatar_group",
    getOperation: "GET /v3/avatars/{group_id}",
    idParam: "group_id",
    idIn: "path",
    idField: "id",
    statusField: "status",
    statuses: TRAINING,
    completed: ["completed"],
    failed: ["failed"],
    needsAction: [
      {
        status: "pending_consent",
        next: 'create_avatar_consent with group_id="{id}", then the filmed person approves the returned url',
      },
    ],
    nullStatusIsCompleted: true,
    failureFields: ["error"],
    failureHint: "Check the footage or photo meets HeyGen's requirements and create the avatar again.",
    typicalSeconds: 300,
    outputs: [url("preview_image_url"), url("preview_video_url")],
    createdBy: ["create_digital_twin", "create_avatar_consent"],
  },
  avatar_look: {
    name: "avatar_look",
    label: "Avatar look",
    getTool: "get_avatar_look",
    getOperation: "GET /v3/avatars/looks/{look_id}",
    idParam: "look_id",
    idIn: "path",
    idField: "id",
    statusField: "status",
    statuses: TRAINING,
    completed: ["completed"],
    failed: ["failed"],
    needsAction: [
      {
        status: "pending_consent",
        next: "create_avatar_consent with the look's group_id, then the filmed person approves the returned url",
      },
    ],
    nullStatusIsCompleted: true,
    failureFields: ["error"],
    failureHint: "Try a clearer photo or another prompt and create the avatar again.",
    typicalSeconds: 210,
    outputs: [url("preview_image_url"), url("preview_video_url")],
    createdBy: ["create_photo_avatar", "create_prompt_avatar", "create_digital_twin"],
  },
  voice_clone: {
    name: "voice_clone",
    label: "Voice clone",
    getTool: "get_voice",
    getOperation: "GET /v3/voices/{voice_id}",
    idParam: "voice_id",
    idIn: "path",
    idField: "voice_id",
    statusField: "status",
    // api-catalog §1.9: voice clones end in `complete`, not `completed`.
    statuses: ["processing", "complete", "failed"],
    completed: ["complete"],
    failed: ["failed"],
    nullStatusIsCompleted: true,
    failureFields: ["failure_message"],
    failureHint: "Upload a longer, cleaner recording of one speaker and clone again.",
    typicalSeconds: 60,
    outputs: [url("preview_audio_url")],
    createdBy: ["clone_voice"],
  },
  video_agent: {
    name: "video_agent",
    label: "Video Agent session",
    getTool: "get_video_agent_session",
    getOperation: "GET /v3/video-agents/{session_id}",
    idParam: "session_id",
    idIn: "path",
    idField: "session_id",
    statusField: "status",
    statuses: ["thinking", "waiting_for_input", "reviewing", "generating", "completed", "failed"],
    completed: ["completed"],
    failed: ["failed"],
    needsAction: [
      {
        status: "waiting_for_input",
        next: 'get_video_agent_session with session_id="{id}" to read its question, then send_video_agent_message',
      },
    ],
    percentField: "progress",
    failureFields: ["messages"],
    failureHint: "Start a new session, or in chat mode send_video_agent_message to retry.",
    typicalSeconds: 1800,
    outputs: [idOf("video_id", "video_id", "video")],
    list: { operation: "GET /v3/video-agents", max: 100, titleField: "title" },
    createdBy: ["create_video_agent", "send_video_agent_message"],
  },
  background_removal: {
    name: "background_removal",
    label: "Background removal",
    getTool: "get_background_removal",
    getOperation: "GET /v3/background-removals/{job_id}",
    idParam: "job_id",
    idIn: "path",
    idField: "id",
    statusField: "status",
    statuses: ["pending", "processing", "completed", "failed", "deleted"],
    completed: ["completed"],
    failed: ["failed", "deleted"],
    failureFields: ["error"],
    failureHint: "Use a video with one clearly visible person and create the removal again.",
    typicalSeconds: 180,
    outputs: [
      url("foreground", "layers.foreground"),
      url("mask", "layers.mask"),
      url("background", "layers.background"),
    ],
    list: { operation: "GET /v3/background-removals", max: 100, titleField: null },
    createdBy: ["create_background_removal"],
  },
  ai_clipping: {
    name: "ai_clipping",
    label: "AI clipping",
    getTool: "get_ai_clipping",
    getOperation: "GET /v3/ai-clipping/{job_id}",
    idParam: "job_id",
    idIn: "path",
    idField: "id",
    statusField: "status",
    statuses: ["pending", "running", "completed", "failed", "cancelled"],
    completed: ["completed"],
    failed: ["failed", "cancelled"],
    percentField: "progress",
    failureFields: ["failure_message"],
    failureHint: RECREATE,
    typicalSeconds: 600,
    outputs: [url("clip", "clips[].video_url")],
    list: { operation: "GET /v3/ai-clipping", max: 100, titleField: "title" },
    createdBy: ["create_ai_clipping"],
  },
  hyperframes_render: {
    name: "hyperframes_render",
    label: "Render",
    getTool: "get_hyperframes_render",
    getOperation: "GET /v3/hyperframes/renders/{render_id}",
    idParam: "render_id",
    idIn: "path",
    idField: "render_id",
    statusField: "status",
    statuses: ["queued", "rendering", "completed", "failed"],
    completed: ["completed"],
    failed: ["failed"],
    failureFields: ["failure_message"],
    failureHint: "Fix the project and render again.",
    typicalSeconds: 120,
    outputs: [url("video_url"), url("thumbnail_url")],
    list: { operation: "GET /v3/hyperframes/renders", max: 100, titleField: "title" },
    createdBy: ["create_hyperframes_render"],
  },
  asset: {
    name: "asset",
    label: "Asset",
    getTool: "get_asset_statuses",
    getOperation: "GET /v3/assets/statuses",
    idParam: "asset_ids",
    idIn: "query",
    // HeyGen's bulk status entries carry the asset id in video_id (the videos batch read model).
    idField: "video_id",
    statusField: "status",
    statuses: ["queued", "processing", "completed", "failed", "not_found"],
    completed: ["completed"],
    failed: ["failed", "not_found"],
    failureFields: ["error"],
    failureHint: "Upload the file again (create_asset_upload, PUT, complete_asset_upload).",
    typicalSeconds: 15,
    outputs: [],
    createdBy: ["complete_asset_upload"],
  },
  video_batch: batchKind(
    "video_batch",
    "Video batch",
    "get_video_batch",
    "GET /v3/videos/batches/{batch_id}",
    "video",
    "create_video_batch",
    600,
  ),
  lipsync_batch: batchKind(
    "lipsync_batch",
    "Lipsync batch",
    "get_lipsync_batch",
    "GET /v3/lipsyncs/batches/{batch_id}",
    "lipsync",
    "create_lipsync_batch",
    600,
  ),
  video_translation_batch: batchKind(
    "video_translation_batch",
    "Translation batch",
    "get_video_translation_batch",
    "GET /v3/video-translations/batches/{batch_id}",
    "video_translation",
    "create_video_translation_batch",
    900,
  ),
  asset_batch: batchKind(
    "asset_batch",
    "Upload batch",
    "get_asset_batch",
    "GET /v3/assets/batches/{batch_id}",
    "asset",
    "complete_asset_upload_batch",
    60,
  ),
};

export const jobKind = (name: JobKindName): JobKind => JOB_KINDS[name];

/** Results of synchronous operations, for tools that fetch outputs (create_speech returns its audio at once). */
export const SYNC_OUTPUTS = {
  speech: { tool: "create_speech", operation: "POST /v3/voices/speech", outputs: [url("audio_url")] },
} as const satisfies Record<string, { tool: string; operation: Operation; outputs: readonly OutputSpec[] }>;
