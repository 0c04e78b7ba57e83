/**
 * The HTTP layer on node:http: body parsing, routing, auth, fault injection, idempotency, the
 * envelopes and the request log. Every response carries X-Request-Id.
 */
import { createReadStream } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { runTicks, type SandboxDeps } from "./deps.js";
import { ApiError, badParam, errorBody, errorReply, type Reply } from "./envelope.js";
import { Faults } from "./faults.js";
import { idempotencyKeyOf } from "./idempotency.js";
import { newRequestId } from "./ids.js";
import { summarizeMultipart } from "./multipart.js";
import { queryObject } from "./request-log.js";
import type { ApiRequest, Route, Router, SandboxRequest } from "./router.js";

const MAX_BODY_BYTES = 10 * 1024 * 1024;

interface Outcome {
  status: number;
  text: string | null;
  raw?: Reply["raw"];
  headers: Record<string, string>;
  /** Faults: destroy the socket with no answer, send half the body, or never answer. */
  drop?: boolean;
  truncate?: boolean;
  hang?: boolean;
}

const toOutcome = (reply: Reply): Outcome => ({
  status: reply.status,
  text: reply.raw ? null : JSON.stringify(reply.body ?? null),
  ...(reply.raw ? { raw: reply.raw } : {}),
  headers: reply.headers ?? {},
});

const fromError = (err: unknown): Outcome => {
  if (err instanceof ApiError) return toOutcome(errorReply(err));
  return toOutcome({ status: 500, body: errorBody("internal_error", "An internal error occurred in the sandbox.") });
};

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    // Past the limit, keep draining so the client reads the 413 instead of a reset connection.
    if (size <= limit) chunks.push(buf);
  }
  if (size > limit) {
    throw new ApiError(413, "payload_too_large", `Request body exceeds ${Math.floor(limit / 1024 / 1024)} MB.`);
  }
  return Buffer.concat(chunks);
}

function parseJson(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  if (contentType && !/^application\/([\w.+-]*\+)?json\b/i.test(contentType)) {
    throw badParam(null, "Request body must be JSON (Content-Type: application/json).");
  }
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    throw badParam(null, "Request body is not valid JSON.");
  }
}

function credentialOf(req: IncomingMessage): { kind: "api_key" | "bearer"; value: string } | null {
  const key = req.headers["x-api-key"];
  const apiKey = Array.isArray(key) ? key[0] : key;
  if (apiKey) return { kind: "api_key", value: apiKey.trim() };
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
  return bearer?.[1] ? { kind: "bearer", value: bearer[1] } : null;
}

async function runApi(
  deps: SandboxDeps,
  route: Extract<Route, { kind: "api" }>,
  base: SandboxRequest,
  raw: Buffer,
  http: IncomingMessage,
): Promise<Outcome> {
  const credential = credentialOf(http);
  if (!credential || credential.value.startsWith("invalid")) {
    const message = credential
      ? "The API key is invalid or expired."
      : "Missing API key: send X-Api-Key or Authorization: Bearer.";
    throw new ApiError(401, "unauthorized", message);
  }
  const bytes = route.options.body === "bytes";
  const body = bytes ? undefined : parseJson(raw, http.headers["content-type"]);
  const injected = deps.faults.takeFailure();
  if (injected) throw injected;
  const account = deps.store.account(credential.value);
  const req: ApiRequest = { ...base, body, ...(bytes ? { rawBody: raw } : {}), account, credential };
  const idemKey = route.options.idempotent ? idempotencyKeyOf(http.headers) : null;
  const scope = `${req.method} ${req.path}`;
  if (idemKey) {
    const start = account.idempotency.begin(scope, idemKey, deps.clock.now());
    if (start.kind === "replay") {
      const { status, body: text, headers } = start.response;
      return { status, text, headers: { ...headers, "Idempotent-Replayed": "true" } };
    }
  }
  let outcome: Outcome;
  try {
    if (route.options.creates && deps.faults.createDelayMs > 0) await sleep(deps.faults.createDelayMs);
    outcome = toOutcome(await route.handler(req));
  } catch (err) {
    outcome = fromError(err);
  }
  if (idemKey) {
    const stored = { status: outcome.status, body: outcome.text ?? "", headers: outcome.headers };
    account.idempotency.finish(scope, idemKey, stored, deps.clock.now());
  }
  if (route.options.creates && outcome.status < 300) outcome = spoilAnswer(outcome, deps.faults);
  return outcome;
}

/** A recorded create whose answer a fault replaces: the job exists, the client cannot tell. */
function spoilAnswer(outcome: Outcome, faults: Faults): Outcome {
  const fault = faults.takeAfterCreate();
  if (fault === null) return outcome;
  if (fault.kind === "drop") return { ...outcome, drop: true };
  if (fault.kind === "truncate") return { ...outcome, truncate: true };
  if (fault.kind === "hang") return { ...outcome, hang: true };
  return fromError(Faults.statusAfterCreate(fault.status));
}

function send(res: ServerResponse, outcome: Outcome, requestId: string, head: boolean, faults: Faults): void {
  const socket = res.socket;
  if (outcome.drop) {
    socket?.destroy();
    return;
  }
  if (outcome.hang) {
    // Held until the client gives up or the faults are reset; nothing is ever written.
    if (socket) {
      faults.held.add(socket);
      socket.once("close", () => faults.held.delete(socket));
    }
    return;
  }
  const raw = outcome.raw;
  const headers = { ...outcome.headers, "X-Request-Id": requestId };
  if (raw && "file" in raw) {
    res.writeHead(outcome.status, { ...headers, "Content-Type": raw.contentType, "Content-Length": String(raw.size) });
    if (head) res.end();
    else createReadStream(raw.file).pipe(res);
    return;
  }
  const bytes = raw ? raw.bytes : Buffer.from(outcome.text ?? "", "utf8");
  const contentType = raw ? raw.contentType : "application/json; charset=utf-8";
  res.writeHead(outcome.status, { ...headers, "Content-Type": contentType, "Content-Length": String(bytes.length) });
  if (outcome.truncate && !head) {
    // The promised Content-Length never arrives: the client reads part of a 2xx body, then a closed socket.
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => socket?.destroy());
    return;
  }
  res.end(head ? undefined : bytes);
}

const parseText = (text: string | null): unknown => {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

export async function handleRequest(
  deps: SandboxDeps,
  router: Router,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const requestId = newRequestId();
  const url = new URL(req.url ?? "/", "http://sandbox.local");
  const head = req.method === "HEAD";
  const method = head ? "GET" : (req.method ?? "GET");
  const isApi = url.pathname.startsWith("/v3/") || url.pathname === "/v3";
  let raw: Buffer = Buffer.alloc(0);
  let outcome: Outcome;
  try {
    const match = router.match(method, url.pathname);
    const streamed = match !== null && "route" in match && match.route.options.body === "stream";
    if (!streamed) {
      raw = await readBody(req, (match && "route" in match && match.route.options.maxBodyBytes) || MAX_BODY_BYTES);
    }
    runTicks(deps);
    if (match === null) throw new ApiError(404, "not_found", `No route for ${method} ${url.pathname}.`);
    if (!("route" in match)) {
      throw new ApiError(405, "method_not_allowed", `${method} is not allowed on ${url.pathname}.`, null, {
        Allow: match.allowed.join(", "),
      });
    }
    const base: SandboxRequest = {
      method,
      path: url.pathname,
      params: match.params,
      query: url.searchParams,
      headers: req.headers,
      body: undefined,
      requestId,
    };
    if (match.route.kind === "raw" && streamed) {
      outcome = toOutcome(await match.route.handler({ ...base, stream: req }));
      // A refusal before the body was read: drain the rest so the client reads the answer.
      if (!req.readableEnded) req.resume();
    } else if (match.route.kind === "raw" && match.route.options.body === "bytes") {
      outcome = toOutcome(await match.route.handler({ ...base, rawBody: raw }));
    } else if (match.route.kind === "raw") {
      outcome = toOutcome(await match.route.handler({ ...base, body: parseJson(raw, req.headers["content-type"]) }));
    } else {
      outcome = await runApi(deps, match.route, base, raw, req);
      // After processing, replays included: the request acted, the answer never comes.
      if (deps.faults.takeHang()) outcome.hang = true;
    }
  } catch (err) {
    outcome = fromError(err);
  }
  runTicks(deps);
  if (isApi) {
    const credential = credentialOf(req);
    const idem = req.headers["idempotency-key"];
    let body: unknown = null;
    try {
      body = raw.length ? JSON.parse(raw.toString("utf8")) : null;
    } catch {
      // A multipart body is logged as its fields (files by name and size), not as megabytes of text.
      body = summarizeMultipart(raw, req.headers["content-type"]) ?? raw.toString("utf8");
    }
    deps.requests.add({
      method,
      path: url.pathname,
      query: queryObject(url.searchParams),
      api_key: credential?.kind === "api_key" ? credential.value : null,
      bearer_token: credential?.kind === "bearer" ? credential.value : null,
      idempotency_key: (Array.isArray(idem) ? idem[0] : idem) ?? null,
      body,
      status: outcome.drop || outcome.hang ? 0 : outcome.status,
      response: outcome.drop || outcome.hang ? null : parseText(outcome.text),
      request_id: requestId,
    });
  }
  send(res, outcome, requestId, head, deps.faults);
}
