/**
 * HeyGenClient: one pooled undici Agent shared by every tenant, credentials passed per call,
 * retries with full-jitter backoff, and one HeyGenError for every failure.
 */

import { randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { Readable } from "node:stream";
import { setTimeout as delay } from "node:timers/promises";
import type { Agent } from "undici";
import { type Logger, silentLogger } from "../log.js";
import { credentialProblem } from "../redact.js";
import { clientError, errorFromResponse, HeyGenError, MISSING_CREDENTIAL_MESSAGE, outcomeUnknown } from "./errors.js";
import { FileFetcher, type FileFetchOptions, type FileFetchResult, type FileStreamResult } from "./fetch-file.js";
import {
  carriesDedupField,
  type HttpMethod,
  honoursIdempotencyKey,
  isCreate,
  isRetrySafe,
  type Operation,
} from "./operations.js";
import {
  buildHeaders,
  buildQuery,
  type Credential,
  checkIdempotencyKey,
  type EncodedForm,
  encodeForm,
  fillPath,
  headerValue,
  type Payload,
  payloadOf,
  type QueryValue,
  splitBaseUrl,
  splitOperation,
} from "./request.js";
import { backoffDelay, DEFAULT_MAX_RETRY_AFTER_MS, parseRetryAfter } from "./retry.js";

export type { Credential } from "./request.js";

export interface ClientOptions {
  baseUrl: string;
  timeoutMs: number; // per attempt
  maxRetries: number; // retries after the first attempt
  userAgent: string;
  logger?: Logger;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  newIdempotencyKey?: () => string;
  maxRetryAfterMs?: number;
}

export interface ApiRequest {
  operation: Operation;
  pathParams?: Record<string, string>;
  query?: Record<string, QueryValue>;
  body?: unknown;
  rawBody?: Payload;
  /** Sent as multipart/form-data (boundary chosen by the encoder), retried like a JSON body would be. */
  form?: FormData;
  /** A body streamed from its source (a local file), opened afresh for every attempt. */
  stream?: StreamBody;
  idempotencyKey?: string;
}

/** Told what a call sends and gets back, so a shutdown can name the creates it could not wait for. */
export interface RequestObserver {
  /** Before the first attempt; the Idempotency-Key every attempt will carry, or null. */
  sent(idempotencyKey: string | null): void;
  /** A 2xx body. */
  answered(body: unknown): void;
}

export interface CallContext {
  credential: Credential | undefined;
  signal?: AbortSignal;
  logger?: Logger;
  observer?: RequestObserver;
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  requestId: string | null;
  idempotencyKey: string | null;
  text?: string;
}

/** A body of known length read from its source on demand, so a file of any size never sits in memory. */
export interface StreamBody {
  contentType: string;
  length: number;
  open(): AsyncIterable<Uint8Array>;
}

interface Prepared {
  operation: Operation;
  method: HttpMethod;
  path: string;
  headers: Record<string, string>;
  payload: string | Uint8Array | StreamBody | null;
  idempotencyKey: string | null;
  /** The body carries a field the API dedupes on (e.g. request_id), so a resend cannot act twice. */
  isDeduplicated: boolean;
  /** A POST that makes something (and may bill): an unclear answer to it is never "retryable". */
  isCreate: boolean;
  secret: string;
}

/** `mayHaveActed`: the request may have reached HeyGen and been acted on although no clear answer came back. */
type Outcome =
  | { ok: true; response: ApiResponse }
  | { ok: false; error: HeyGenError; retryAfterMs: number | null; mayHaveActed: boolean };

const abortableSleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
  await delay(ms, undefined, { signal });
};

export class HeyGenClient {
  // undici is imported on the first HeyGen call, not at start-up: a desktop client lists tools first.
  #agent: Promise<Agent> | undefined;
  readonly #origin: string;
  readonly #files: FileFetcher;
  /** The API origin, whose own media URLs (the sandbox's) a player page may load. */
  get origin(): string {
    return this.#origin;
  }
  readonly #prefix: string;
  readonly #opts: ClientOptions;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly #random: () => number;
  readonly #cap: number;

  constructor(opts: ClientOptions) {
    this.#opts = opts;
    ({ origin: this.#origin, prefix: this.#prefix } = splitBaseUrl(opts.baseUrl));
    this.#files = new FileFetcher(this.#origin);
    this.#sleep = opts.sleep ?? abortableSleep;
    this.#random = opts.random ?? Math.random;
    this.#cap = opts.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  }

  async request<T = unknown>(req: ApiRequest, ctx: CallContext): Promise<ApiResponse<T>> {
    const credential = ctx.credential;
    if (credential === undefined || credential.value === "") {
      throw clientError(401, "client_missing_credential", MISSING_CREDENTIAL_MESSAGE, false);
    }
    // Refused before any header is built: undici would report a bad byte as a network error and retry it.
    const problem = credentialProblem(credential.value);
    if (problem !== null) throw clientError(0, "client_invalid_credential", problem, false);
    const prepared = this.#prepare(req, credential, req.form === undefined ? null : await encodeForm(req));
    const log = (ctx.logger ?? this.#opts.logger ?? silentLogger).withSecrets(credential.value);
    // Once any attempt of a create may have acted, the call's error says so, whatever later attempts got:
    // the last attempt's 503 must not read as "nothing happened, retry" when the first one made the job.
    let mayHaveActed = false;
    ctx.observer?.sent(prepared.idempotencyKey);
    try {
      for (let attempt = 0; ; attempt++) {
        throwIfAborted(ctx.signal);
        const outcome = await this.#attempt(prepared, ctx.signal, log, attempt);
        if (outcome.ok) {
          ctx.observer?.answered(outcome.response.body);
          // The generic is the caller's claim about the body shape; the client only guarantees JSON.
          return outcome.response as ApiResponse<T>;
        }
        mayHaveActed ||= prepared.isCreate && outcome.mayHaveActed;
        const wait = this.#retryDelay(prepared, outcome.error, outcome.retryAfterMs, attempt);
        if (wait === null) throw outcome.error;
        log.debug("heygen_retry", { operation: prepared.operation, attempt, delay_ms: wait, code: outcome.error.code });
        await this.#pause(wait, ctx.signal);
      }
    } catch (err) {
      if (!(err instanceof HeyGenError)) throw err;
      if (mayHaveActed) throw outcomeUnknown(err, prepared.idempotencyKey);
      throw prepared.idempotencyKey === null ? err : withKey(err, prepared.idempotencyKey);
    }
  }

  /** Keep-alive pooling: connections are reused across calls and tenants (they carry no credential). */
  #pool(): Promise<Agent> {
    this.#agent ??= import("undici").then((undici) => {
      // Bundled as a CommonJS chunk, undici's exports arrive on `default`; from node_modules they are named.
      const { Agent } = (undici as unknown as { default?: typeof undici }).default ?? undici;
      return new Agent({ keepAliveTimeout: 30_000, connect: { timeout: this.#opts.timeoutMs } });
    });
    return this.#agent;
  }

  /** Reads a file by URL (public addresses only, or HeyGen's own origin), bounded in size and time. */
  fetchFile(url: string, opts: FileFetchOptions): Promise<FileFetchResult> {
    return this.#files.fetch(url, opts);
  }

  /** Opens a file by URL for streaming, with fetchFile's address checks. */
  streamFile(url: string, signal: AbortSignal): Promise<FileStreamResult> {
    return this.#files.stream(url, signal);
  }

  async close(): Promise<void> {
    await Promise.all([(await this.#agent)?.close(), this.#files.close()]);
  }

  #prepare(req: ApiRequest, credential: Credential, form: EncodedForm | null): Prepared {
    const { method, path } = splitOperation(req.operation);
    const fullPath = this.#prefix + fillPath(path, req.pathParams) + buildQuery(req.operation, req.query);
    const json = form === null && req.stream === undefined ? payloadOf(req.body, req.rawBody) : null;
    // One key per request() call, reused byte for byte on every retry so a retry never bills twice.
    const idempotencyKey = honoursIdempotencyKey(req.operation)
      ? checkIdempotencyKey(req.idempotencyKey ?? (this.#opts.newIdempotencyKey ?? randomUUID)())
      : null;
    const headers = buildHeaders(credential, this.#opts.userAgent, req.stream ?? form ?? json, idempotencyKey);
    if (req.stream) headers["content-length"] = String(req.stream.length);
    return {
      operation: req.operation,
      method,
      path: fullPath,
      headers,
      payload: req.stream ?? form?.bytes ?? json?.text ?? null,
      idempotencyKey,
      isDeduplicated: idempotencyKey !== null || carriesDedupField(req.operation, req.body),
      isCreate: isCreate(method, req.operation),
      secret: credential.value,
    };
  }

  /** Null means "do not retry"; otherwise the milliseconds to wait first. */
  #retryDelay(p: Prepared, error: HeyGenError, retryAfterMs: number | null, attempt: number): number | null {
    if (attempt >= this.#opts.maxRetries) return null;
    const backoff = () => backoffDelay(attempt, this.#random, this.#cap);
    // 409 request_in_progress: our own keyed retry raced the original; wait, then ask again.
    if (error.code === "request_in_progress") return p.idempotencyKey !== null ? backoff() : null;
    // The same rule for 429, 5xx and lost connections: only a request that cannot act twice is resent
    // (GET/DELETE/PUT, or a POST/PATCH with an Idempotency-Key or a dedup field). Anything else comes back
    // as a retryable error whose hint says how long to wait.
    const transient =
      error.status === 429 ||
      error.code === "client_network_error" ||
      error.code === "client_timeout" ||
      error.status >= 500;
    if (!transient || !isRetrySafe(p.method, p.operation, p.isDeduplicated)) return null;
    return error.status === 429 ? (retryAfterMs ?? backoff()) : backoff();
  }

  async #pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
    try {
      await this.#sleep(ms, signal);
    } catch (err) {
      throwIfAborted(signal);
      throw err;
    }
    throwIfAborted(signal);
  }

  async #attempt(p: Prepared, callerSignal: AbortSignal | undefined, log: Logger, attempt: number): Promise<Outcome> {
    // A per-attempt controller whose timer and listener are released as soon as the attempt ends:
    // AbortSignal.timeout() would keep every call's timer (and what it holds) alive for timeoutMs.
    const attemptAbort = new AbortController();
    const timeout = new AbortController();
    const timer = setTimeout(() => {
      timeout.abort();
      attemptAbort.abort();
    }, this.#opts.timeoutMs);
    const onCallerAbort = () => attemptAbort.abort();
    callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
    const started = performance.now();
    // A streamed body may take longer than one attempt's timeout: each chunk sent re-arms the timer.
    const outcome = await this.#send(p, attemptAbort.signal, () => timer.refresh())
      .then(
        (raw) => toOutcome(raw, p, this.#cap),
        (err: unknown) => ({
          ok: false as const,
          error: transportError(err, p, callerSignal, timeout.signal),
          retryAfterMs: null,
          mayHaveActed: !neverConnected(err),
        }),
      )
      .finally(() => {
        clearTimeout(timer);
        callerSignal?.removeEventListener("abort", onCallerAbort);
      });
    log.debug("heygen_request", {
      method: p.method,
      operation: p.operation,
      status: outcome.ok ? outcome.response.status : outcome.error.status,
      code: outcome.ok ? undefined : outcome.error.code,
      ms: Math.round(performance.now() - started),
      attempt,
      request_id: outcome.ok ? outcome.response.requestId : outcome.error.requestId,
    });
    return outcome;
  }

  async #send(p: Prepared, signal: AbortSignal, onChunk: () => void): Promise<RawResponse> {
    const body = isStream(p.payload) ? Readable.from(watched(p.payload.open(), onChunk)) : p.payload;
    const res = await (await this.#pool()).request({
      origin: this.#origin,
      path: p.path,
      method: p.method,
      headers: p.headers,
      body,
      signal,
    });
    const text = await res.body.text();
    return { status: res.statusCode, headers: res.headers, text };
  }

  /**
   * PUTs a body to a presigned upload URL HeyGen handed out (direct uploads, catalog §2.7). The URL carries
   * its own signature, so no credential is sent. Each chunk is written and flushed before the next is
   * requested, so the body may reuse one buffer (node:http, where a write's callback says when it is done).
   * A non-2xx answer becomes a HeyGenError.
   */
  async putPresigned(url: string, headers: Record<string, string>, body: StreamBody, signal: AbortSignal) {
    const target = new URL(url);
    if (target.protocol !== "https:" && target.protocol !== "http:") {
      throw clientError(0, "client_invalid_request", "The upload URL is not http(s).", false);
    }
    const sent = { ...headers, "content-length": String(body.length), "user-agent": this.#opts.userAgent };
    const status = await putStream(target, sent, body, signal, this.#opts.timeoutMs).catch((err: unknown) => {
      throwIfAborted(signal);
      throw clientError(0, "client_upload_failed", `The upload failed: ${errorCode(err)}.`, true);
    });
    if (status < 200 || status >= 300) {
      throw clientError(status, "client_upload_failed", `The upload URL answered HTTP ${status}.`, true);
    }
  }
}

/** Resolves with the response status once the whole body is sent and the answer read. */
function putStream(
  target: URL,
  headers: Record<string, string>,
  body: StreamBody,
  signal: AbortSignal,
  idleMs: number,
): Promise<number> {
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<number>((resolve, reject) => {
    const req = send(target, { method: "PUT", headers, signal });
    req.setTimeout(idleMs, () => req.destroy(new Error("idle timeout")));
    req.on("error", reject);
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    const write = (chunk: Uint8Array) =>
      new Promise<void>((done, fail) => req.write(chunk, (err) => (err ? fail(err) : done())));
    (async () => {
      for await (const chunk of body.open()) {
        if (req.destroyed) return;
        await write(chunk);
      }
      req.end();
    })().catch((err: unknown) => req.destroy(err instanceof Error ? err : new Error(String(err))));
  });
}

const isStream = (p: Prepared["payload"]): p is StreamBody => p !== null && typeof p === "object" && "open" in p;

async function* watched(chunks: AsyncIterable<Uint8Array>, onChunk: () => void): AsyncIterable<Uint8Array> {
  for await (const chunk of chunks) {
    onChunk();
    yield chunk;
  }
}

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

function toOutcome(raw: RawResponse, p: Prepared, cap: number): Outcome {
  const requestId = headerValue(raw.headers, "x-request-id");
  if (raw.status < 200 || raw.status >= 300) {
    const retryAfterMs = parseRetryAfter(headerValue(raw.headers, "retry-after"), Date.now(), cap);
    const meta = { status: raw.status, requestId, retryAfterMs, secrets: [p.secret] };
    const error = errorFromResponse(raw.text, meta);
    // A 5xx (a gateway's 502/504 included) may come after the create was recorded; a 409
    // request_in_progress means the original is running. Any other 4xx, 429 included, made nothing.
    const mayHaveActed = raw.status >= 500 || error.code === "request_in_progress";
    return { ok: false, error, retryAfterMs, mayHaveActed };
  }
  const base = { status: raw.status, requestId, idempotencyKey: p.idempotencyKey };
  if (raw.text.trim() === "") return { ok: true, response: { ...base, body: null } };
  const contentType = headerValue(raw.headers, "content-type") ?? "";
  try {
    return { ok: true, response: { ...base, body: JSON.parse(raw.text) } };
  } catch {
    if (!contentType.includes("json")) return { ok: true, response: { ...base, body: null, text: raw.text } };
    const message = `HeyGen returned HTTP ${raw.status} with a malformed JSON body.`;
    const error = clientError(raw.status, "client_unexpected_response", message, false);
    return { ok: false, error: withRequestId(error, requestId), retryAfterMs: null, mayHaveActed: true };
  }
}

function withRequestId(e: HeyGenError, requestId: string | null): HeyGenError {
  return new HeyGenError(e.status, e.code, e.message, e.param, requestId, e.retryable, e.hint, e.docUrl);
}

function withKey(e: HeyGenError, key: string): HeyGenError {
  return new HeyGenError(e.status, e.code, e.message, e.param, e.requestId, e.retryable, e.hint, e.docUrl, key);
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw clientError(0, "client_aborted", "The call was cancelled by the caller.", false);
}

function transportError(err: unknown, p: Prepared, caller: AbortSignal | undefined, timeout: AbortSignal): HeyGenError {
  if (caller?.aborted) return clientError(0, "client_aborted", "The call was cancelled by the caller.", false);
  if (timeout.aborted) {
    return clientError(0, "client_timeout", `${p.operation} got no answer within the per-attempt timeout.`, true);
  }
  // A bug is not a network failure: let it surface (as internal_error) instead of being retried.
  if (err instanceof TypeError || err instanceof RangeError || err instanceof SyntaxError) throw err;
  const code = errorCode(err);
  return clientError(0, "client_network_error", `${p.operation} failed before a response: ${code}.`, true);
}

/** Failures before a connection existed, so nothing was sent: the only transport errors that prove no effect. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

function neverConnected(err: unknown): boolean {
  return NOT_SENT_CODES.has(errorCode(err));
}

/** Only the error's code (ECONNRESET, UND_ERR_SOCKET…), never its message: no risk of echoing headers. */
function errorCode(err: unknown): string {
  if (typeof err === "object" && err !== null) {
    const code = "code" in err ? err.code : undefined;
    const cause = "cause" in err ? err.cause : undefined;
    if (typeof code === "string") return code;
    if (cause !== undefined) return errorCode(cause);
  }
  return "connection error";
}
