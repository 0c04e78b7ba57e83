/**
 * What the client must know about individual HeyGen operations: which POSTs honour an
 * Idempotency-Key, which are safe to repeat, and which query params HeyGen wants comma-joined.
 */

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
/** "METHOD /path/{param}", exactly as the catalog spells it, e.g. "GET /v3/videos/{video_id}". */
export type Operation = `${HttpMethod} /${string}`;

const METHODS: ReadonlySet<string> = new Set<HttpMethod>(["GET", "POST", "PUT", "PATCH", "DELETE"]);

export function isHttpMethod(value: string): value is HttpMethod {
  return METHODS.has(value);
}

/**
 * POSTs that honour `Idempotency-Key` — api-catalog §1.7 (May 2026 changelog plus batches,
 * templates, HyperFrames and direct uploads). `POST /v3/background-removals` is deliberately
 * absent: it ignores the header and dedups on a body `request_id` instead.
 */
const IDEMPOTENCY_KEY_OPS: ReadonlySet<string> = new Set<Operation>([
  "POST /v3/assets",
  "POST /v3/assets/direct-uploads",
  "POST /v3/assets/direct-uploads/batches",
  "POST /v3/avatars",
  "POST /v3/avatars/{group_id}/consent",
  "POST /v3/hyperframes/renders",
  "POST /v3/lipsyncs",
  "POST /v3/lipsyncs/batches",
  "POST /v3/templates/{template_id}",
  "POST /v3/video-translations",
  "POST /v3/video-translations/batches",
  "POST /v3/video-translations/proofreads",
  "POST /v3/video-translations/proofreads/{proofread_id}/generate",
  "POST /v3/videos",
  "POST /v3/videos/batches",
  "POST /v3/webhooks/endpoints",
  "POST /v3/webhooks/endpoints/{endpoint_id}/rotate-secret",
]);

/** POSTs that are idempotent by nature (catalog §1.7): repeating them re-drives the same result. */
const NATURALLY_IDEMPOTENT_POSTS: ReadonlySet<string> = new Set<Operation>([
  "POST /v3/assets/{asset_id}/complete",
  "POST /v3/assets/complete/batches",
]);

export function honoursIdempotencyKey(op: Operation): boolean {
  return IDEMPOTENCY_KEY_OPS.has(op);
}

/**
 * May a request that failed with 5xx or a dropped connection be sent again? Only if the server
 * cannot act on it twice: GET/DELETE/PUT, a keyed request, or a POST that is idempotent by nature.
 */
export function isRetrySafe(method: HttpMethod, op: Operation, hasIdempotencyKey: boolean): boolean {
  if (method === "GET" || method === "DELETE" || method === "PUT") return true;
  return hasIdempotencyKey || NATURALLY_IDEMPOTENT_POSTS.has(op);
}

/**
 * Bulk status lookups take ids as ONE comma-separated param (operations.json: "Comma-separated
 * video ids to look up."), not repeated params; arrays for these are joined with ",".
 */
const COMMA_SEPARATED_QUERY: Readonly<Record<string, readonly string[]>> = {
  "GET /v3/videos/statuses": ["video_ids", "batch_ids"],
  "GET /v3/lipsyncs/statuses": ["lipsync_ids", "batch_ids"],
  "GET /v3/video-translations/statuses": ["video_translation_ids", "batch_ids"],
  "GET /v3/assets/statuses": ["asset_ids", "batch_ids"],
};

export function isCommaSeparatedParam(op: Operation, name: string): boolean {
  return COMMA_SEPARATED_QUERY[op]?.includes(name) ?? false;
}
