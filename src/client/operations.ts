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

/**
 * POSTs that dedupe on a body field instead of the Idempotency-Key header (catalog §1.7: background
 * removals return the original job for a repeated (space, request_id)); with that field set a resend is safe.
 */
const BODY_DEDUP_FIELD: Readonly<Partial<Record<Operation, string>>> = {
  "POST /v3/background-removals": "request_id",
};

export function carriesDedupField(op: Operation, body: unknown): boolean {
  const field = BODY_DEDUP_FIELD[op];
  if (field === undefined || typeof body !== "object" || body === null) return false;
  const value = (body as Record<string, unknown>)[field];
  return typeof value === "string" && value.length > 0;
}

export function honoursIdempotencyKey(op: Operation): boolean {
  return IDEMPOTENCY_KEY_OPS.has(op);
}

/** HeyGen itself returns the first result for a repeat: by Idempotency-Key, or by a body dedup field. */
export function dedupesRepeats(op: Operation): boolean {
  return IDEMPOTENCY_KEY_OPS.has(op) || BODY_DEDUP_FIELD[op] !== undefined;
}

/**
 * May a request that failed with 5xx or a dropped connection be sent again? Only if the server
 * cannot act on it twice: GET/DELETE/PUT, a keyed or body-deduplicated request, or a POST idempotent by nature.
 */
export function isRetrySafe(method: HttpMethod, op: Operation, isDeduplicated: boolean): boolean {
  if (method === "GET" || method === "DELETE" || method === "PUT") return true;
  return isDeduplicated || NATURALLY_IDEMPOTENT_POSTS.has(op);
}

/** A POST that makes something new (most bill): everything but the POSTs idempotent by nature. */
export function isCreate(method: HttpMethod, op: Operation): boolean {
  return method === "POST" && !NATURALLY_IDEMPOTENT_POSTS.has(op);
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
