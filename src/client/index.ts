/** The HeyGen HTTP client. Knows HTTP, auth, retries, idempotency and pagination; nothing of MCP. */

export { CLIENT_ERROR_CODES, type ClientErrorCode, HeyGenError } from "./errors.js";
export type { FileFetchOptions, FileFetchResult, FileStreamResult } from "./fetch-file.js";
export type {
  ApiRequest,
  ApiResponse,
  CallContext,
  ClientOptions,
  Credential,
  RequestObserver,
  StreamBody,
} from "./http.js";
export { HeyGenClient } from "./http.js";
export { dedupesRepeats, type HttpMethod, honoursIdempotencyKey, type Operation } from "./operations.js";
export { type Page, toPage } from "./pagination.js";
