/**
 * Whether a /mcp request may reach the MCP handler, decided from its headers alone: Host and Origin, then
 * draining, declared size, credential, tool narrowing and the per-credential limit. A refusal says what
 * to answer; an admission carries what the request may use, for that request only.
 */
import type { IncomingMessage } from "node:http";
import type { Credential } from "../client/index.js";
import type { Logger } from "../log.js";
import { type AuthPolicy, authorize, credentialId } from "./auth.js";
import type { Guards } from "./guards.js";
import type { ConcurrencyLimiter } from "./limits.js";
import { RPC } from "./respond.js";
import type { ToolScopes } from "./scopes.js";

export interface Refusal {
  status: number;
  code: number;
  message: string;
  headers?: Record<string, string>;
}

export interface Admission<F> {
  credential: Credential;
  /** Hash of the credential: the limiter key and the SDK's authInfo token. Never the secret. */
  principal: string;
  factory: F;
  /** Frees the concurrency slots; idempotent. */
  release(): void;
  /** Takes `count` more slots for the same credential (the further items of a batch), or says why not. */
  widen(count: number): Refusal | null;
}

export interface AdmissionDeps<F> {
  guards: Guards;
  auth: AuthPolicy;
  scopes: ToolScopes<F>;
  limiter: ConcurrencyLimiter;
  maxBodyBytes: number;
  maxConcurrentPerKey: number;
  isDraining(): boolean;
  logger: Logger;
}

// Clients retry a refused request after this many seconds (429 and 503).
const RETRY_AFTER_S = "1";

const refusal = (status: number, code: number, message: string, headers?: Record<string, string>): Refusal => ({
  status,
  code,
  message,
  ...(headers ? { headers } : {}),
});

/** 403 for a Host or Origin outside the allow-lists (DNS rebinding, cross-site requests), else null. */
export function foreignRequest(req: IncomingMessage, guards: Guards): Refusal | null {
  const problem = guards.hostProblem(req) ?? guards.originProblem(req);
  return problem ? refusal(403, RPC.serverError, problem) : null;
}

export function createAdmission<F>(deps: AdmissionDeps<F>): (req: IncomingMessage) => Admission<F> | Refusal {
  return (req) => {
    if (deps.isDraining()) {
      return refusal(503, RPC.serverError, "Server is shutting down; retry.", { "retry-after": RETRY_AFTER_S });
    }
    if (Number(req.headers["content-length"] ?? 0) > deps.maxBodyBytes) {
      const message = `Payload Too Large: Request body must not exceed ${deps.maxBodyBytes} bytes`;
      return refusal(413, RPC.serverError, message, { connection: "close" });
    }
    const auth = authorize(req.headers, deps.auth);
    if (!auth.ok) {
      deps.logger.info("http_unauthorized", { reason: auth.error });
      const detail = auth.error === "invalid_token" ? ', error="invalid_token"' : "";
      return refusal(401, RPC.unauthorized, `Unauthorized: ${auth.message}`, {
        "www-authenticate": `Bearer realm="heygen-mcp"${detail}`,
      });
    }
    const scope = deps.scopes.resolve(req.headers);
    if (!scope.ok) return refusal(400, RPC.invalidParams, scope.message);
    const principal = credentialId(auth.credential);
    const first = deps.limiter.tryAcquire(principal);
    if (typeof first === "string") return busy(first, deps.maxConcurrentPerKey);
    const releases = [first];
    return {
      credential: auth.credential,
      principal,
      factory: scope.factory,
      release: () => {
        for (const release of releases) release();
      },
      widen(count) {
        if (count <= 0) return null;
        const more = deps.limiter.tryAcquire(principal, count);
        if (typeof more === "string") return busy(more, deps.maxConcurrentPerKey);
        releases.push(more);
        return null;
      },
    };
  };
}

function busy(limit: "per_key" | "total", maxPerKey: number): Refusal {
  const message =
    limit === "per_key"
      ? `Too many concurrent requests for this credential (limit ${maxPerKey}, each batch item counting); retry shortly.`
      : "The server is at its limit of concurrent requests; retry shortly.";
  return refusal(429, RPC.serverError, message, { "retry-after": RETRY_AFTER_S });
}

export const isRefusal = <F>(d: Admission<F> | Refusal): d is Refusal => "status" in d;
