/**
 * v3 envelopes: `{ data }`, lists `{ data, has_more, next_token }`, errors
 * `{ error: { code, message, param, doc_url } }`. Handlers return a Reply or throw an ApiError.
 */

export interface Reply {
  status: number;
  /** JSON body; serialised once by the server. */
  body?: unknown;
  /** Non-JSON bytes (media files), from memory or streamed from a spooled file. */
  raw?: { bytes: Buffer; contentType: string } | { file: string; size: number; contentType: string };
  headers?: Record<string, string>;
}

export const DOC_URL = "https://developers.heygen.com/docs/error-codes";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly param: string | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const errorBody = (code: string, message: string, param: string | null = null) => ({
  error: { code, message, param, doc_url: `${DOC_URL}#${code.replaceAll("_", "-")}` },
});

export const errorReply = (err: ApiError): Reply => ({
  status: err.status,
  body: errorBody(err.code, err.message, err.param),
  headers: err.headers,
});

export const ok = (data: unknown, status = 200): Reply => ({ status, body: { data } });

export const list = (data: unknown[], hasMore: boolean, nextToken: string | null): Reply => ({
  status: 200,
  body: { data, has_more: hasMore, next_token: hasMore ? nextToken : null },
});

export const badParam = (param: string | null, message: string): ApiError =>
  new ApiError(400, "invalid_parameter", message, param);

export const notFound = (code: string, message: string, param: string | null = null): ApiError =>
  new ApiError(404, code, message, param);

export const rateLimited = (retryAfterSeconds: number, message: string): ApiError =>
  new ApiError(429, "rate_limit_exceeded", message, null, {
    "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))),
  });

/**
 * Removes the listed keys when null. HeyGen omits some fields instead of sending null (e.g. a public
 * avatar's training `status`); an enum-typed field cannot validly be null.
 */
export function omitNull<T extends Record<string, unknown>>(obj: T, ...keys: (keyof T)[]): T {
  const out = { ...obj };
  for (const k of keys) if (out[k] === null) delete out[k];
  return out;
}
