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

/**
 * Only hints that fix configuration or transport live here; the next tool to call after an API error is
 * the tools layer's business (src/tools/hints.ts), so the client names no tools.
 */
const HINTS: Readonly<Record<string, string>> = {
  unauthorized: "Check HEYGEN_API_KEY: it may be invalid, revoked or expired (Settings → API in the HeyGen app).",
  authentication_failed:
    "Check HEYGEN_API_KEY: it may be invalid, revoked or expired (Settings → API in the HeyGen app).",
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
