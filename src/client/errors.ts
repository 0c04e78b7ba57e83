/** The one error type of the client, built from HeyGen's v3 error envelope or a transport failure. */

import { redactSecrets } from "../redact.js";

/** Every code the client mints itself. The `client_` prefix keeps them apart from API codes. */
export const CLIENT_ERROR_CODES = [
  "client_aborted",
  "client_create_outcome_unknown",
  "client_invalid_credential",
  "client_invalid_request",
  "client_missing_credential",
  "client_network_error",
  "client_timeout",
  "client_unexpected_response",
  "client_upload_failed",
] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

export class HeyGenError extends Error {
  override readonly name = "HeyGenError";
  constructor(
    readonly status: number, // HTTP status; 0 for network failures and timeouts
    readonly code: string, // API code (invalid_parameter) or client-minted (client_timeout)
    message: string,
    readonly param: string | null, // offending field, from the API envelope
    readonly requestId: string | null, // X-Request-Id, for support tickets
    readonly retryable: boolean,
    readonly hint: string | null, // the next thing the caller should do
    readonly docUrl: string | null = null,
    /** The Idempotency-Key the request carried, so a caller can repeat it or look the job up. */
    readonly idempotencyKey: string | null = null,
  ) {
    super(message);
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      status: this.status,
      param: this.param,
      doc_url: this.docUrl,
      request_id: this.requestId,
      retryable: this.retryable,
      hint: this.hint,
      idempotency_key: this.idempotencyKey,
    };
  }
}

export const MISSING_CREDENTIAL_MESSAGE =
  "No HeyGen API key. Set HEYGEN_API_KEY in the MCP client's env for this server " +
  "(get a key at https://app.heygen.com/settings?nav=API), or start with --sandbox to try it without one.";

const HINTS: Readonly<Record<string, string>> = {
  invalid_parameter: "Fix the field named in param.",
  validation_error: "Fix the field named in param.",
  download_failed: "Use a public direct-download HTTPS URL, or upload the file as an asset and pass asset_id.",
  unauthorized: "Check HEYGEN_API_KEY: it may be invalid, revoked or expired (Settings → API in the HeyGen app).",
  authentication_failed:
    "Check HEYGEN_API_KEY: it may be invalid, revoked or expired (Settings → API in the HeyGen app).",
  insufficient_credit: "Top up the HeyGen balance or shorten the script; check the balance with get_current_user.",
  trial_limit_exceeded: "The trial limit is used up; upgrade the HeyGen plan.",
  plan_upgrade_required: "This feature or resolution needs a higher HeyGen plan; pick a lower tier option or upgrade.",
  forbidden: "The key lacks permission for this resource; use a key from the owning account.",
  resource_access_denied: "The resource belongs to another account; use an id from list results of this account.",
  avatar_not_found: "List valid ids with list_avatar_looks.",
  avatar_group_not_found: "List valid avatar group ids with list_avatar_groups.",
  voice_not_found: "List valid ids with list_voices.",
  video_not_found: "List valid ids with list_videos.",
  template_not_found: "List valid template ids with list_templates.",
  asset_not_found: "Upload the file again and use the new asset_id.",
  resource_limit_reached: "An account quota is reached; delete unused resources or upgrade the plan.",
  resource_limit_exceeded: "A limit is reached; wait for it to reset before trying again.",
  quota_exceeded: "The usage quota is reached; wait for it to reset or upgrade the plan.",
  request_in_progress:
    "The same create is still running at HeyGen; wait, then look for it with the matching list or get tool before creating again.",
  conflict: "The resource is in a conflicting state; fetch it and retry once it settles.",
  payload_too_large: "The body is too large; send files by URL or asset_id instead of inline.",
  internal_error: "A HeyGen server error; retry shortly and quote the request_id if it persists.",
  video_delete_failed: "A HeyGen server error; retry the delete shortly.",
  gateway_timeout: "HeyGen could not fetch an input in time; check the URL is fast and public, then retry.",
  voice_unavailable: "The voice cannot be used (failed or expired clone); pick another with list_voices.",
  client_missing_credential:
    "Set HEYGEN_API_KEY in the MCP client's env for this server (get a key at https://app.heygen.com/settings?nav=API), " +
    "or start with --sandbox to try it without one.",
  client_timeout:
    "HeyGen did not answer in time. A read can be retried; a create may have gone through: look for it with the matching list tool before creating again.",
  client_network_error:
    "The connection to HeyGen failed. A read can be retried; a create may have gone through: look for it with the matching list tool before creating again.",
  client_unexpected_response: "HeyGen answered in an unexpected format; retry shortly and quote the request_id.",
  client_aborted: "The call was cancelled; nothing further was sent.",
  client_create_outcome_unknown:
    "It may have been created: look for it with the matching list tool before creating again; a repeat with the same Idempotency-Key replays instead of creating twice.",
  client_invalid_request: "A bug in the caller: fix the request before sending it again.",
  client_upload_failed:
    "The file's bytes did not arrive; the upload was not completed, so no asset exists. Call the same tool again.",
  client_invalid_credential:
    "Set HEYGEN_API_KEY (or the X-Api-Key header) to the key exactly as shown in Settings → API in the HeyGen app.",
};

export function hintFor(code: string, retryAfterMs: number | null = null): string | null {
  if (code === "rate_limit_exceeded") {
    const seconds = Math.max(1, Math.ceil((retryAfterMs ?? 10_000) / 1000));
    return `Wait ${seconds} s before retrying; too many requests or concurrent jobs (10 on Pay-As-You-Go).`;
  }
  return HINTS[code] ?? null;
}

export function clientError(status: number, code: ClientErrorCode, message: string, retryable: boolean): HeyGenError {
  return new HeyGenError(status, code, message, null, null, retryable, hintFor(code));
}

/**
 * A create whose request may have reached HeyGen without a clear answer (a dropped connection, a timeout,
 * a 5xx, an unreadable 2xx) on any attempt. Never retryable: a blind retry with a new key could bill twice.
 */
export function outcomeUnknown(last: HeyGenError, idempotencyKey: string | null): HeyGenError {
  const message = `The create may have gone through at HeyGen, but no clear answer came back (last attempt: ${last.code}${last.status ? `, HTTP ${last.status}` : ""}).`;
  const code = "client_create_outcome_unknown";
  return new HeyGenError(last.status, code, message, null, last.requestId, false, hintFor(code), null, idempotencyKey);
}

export function isRetryableStatus(status: number, code: string): boolean {
  return status === 429 || status >= 500 || (status === 409 && code === "request_in_progress");
}

interface ResponseMeta {
  status: number;
  requestId: string | null;
  retryAfterMs: number | null;
  secrets: readonly string[];
}

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/**
 * Turns a non-2xx response into a HeyGenError, from the v3 envelope when there is one. Every field the
 * upstream wrote is redacted here, before the snippet is cut, so no cut can split a key out of reach.
 */
export function errorFromResponse(text: string, meta: ResponseMeta): HeyGenError {
  const { status, retryAfterMs, secrets } = meta;
  const clean = (v: string | null) => (v === null ? null : redactSecrets(v, secrets));
  const requestId = clean(meta.requestId);
  const envelope = parseEnvelope(text);
  if (envelope === null) {
    const snippet = redactSecrets(text, secrets).slice(0, 200);
    const message = `HeyGen returned HTTP ${status} with an unexpected body: ${snippet || "(empty)"}`;
    const retryable = isRetryableStatus(status, "");
    const code = "client_unexpected_response";
    return new HeyGenError(status, code, message, null, requestId, retryable, hintFor(code));
  }
  const code = clean(envelope.code) ?? "";
  return new HeyGenError(
    status,
    code,
    clean(envelope.message) ?? "",
    clean(envelope.param),
    requestId,
    isRetryableStatus(status, code),
    hintFor(code, retryAfterMs),
    clean(envelope.docUrl),
  );
}

interface Envelope {
  code: string;
  message: string;
  param: string | null;
  docUrl: string | null;
}

function parseEnvelope(text: string): Envelope | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null || !("error" in parsed)) return null;
  const error: unknown = parsed.error;
  if (typeof error !== "object" || error === null) return null;
  const fields = error as Record<string, unknown>;
  const code = str(fields.code);
  if (code === null) return null;
  // Older endpoints spell some codes in capitals (AVATAR_NOT_FOUND); normalise for the hint table.
  const normal = code.toLowerCase();
  return {
    code: normal,
    message: str(fields.message) ?? normal,
    param: str(fields.param),
    docUrl: str(fields.doc_url),
  };
}
