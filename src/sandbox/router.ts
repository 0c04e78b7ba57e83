/**
 * Path router. Patterns use `:name` for a path parameter and a trailing `*` for "the rest".
 * A path with static segments beats one with parameters (`/v3/avatars/looks` before `/v3/avatars/:group_id`).
 */
import type { IncomingHttpHeaders } from "node:http";
import type { Reply } from "./envelope.js";
import type { Account } from "./store.js";

export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface SandboxRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; `undefined` when the request had none (or the route takes bytes). */
  body: unknown;
  /** The body's bytes, unparsed: set only on routes with `body: "bytes"` (multipart). */
  rawBody?: Buffer;
  /** The unread body: set only on routes with `body: "stream"` (presigned PUTs of any size). */
  stream?: AsyncIterable<Buffer>;
  requestId: string;
}

/** An authenticated /v3 request: the caller's isolated account is resolved. */
export interface ApiRequest extends SandboxRequest {
  account: Account;
  credential: { kind: "api_key" | "bearer"; value: string };
}

export type ApiHandler = (req: ApiRequest) => Reply | Promise<Reply>;
export type RawHandler = (req: SandboxRequest) => Reply | Promise<Reply>;

export interface RouteOptions {
  /** Honour the Idempotency-Key header (catalog §1.7). */
  idempotent?: boolean;
  /** Creates a resource: subject to `create_delay_ms` and `drop_after_create` faults. */
  creates?: boolean;
  /** "bytes": skip JSON parsing and hand the handler `req.rawBody`; "stream": the unread body (default "json"). */
  body?: "json" | "bytes" | "stream";
  /** Largest body accepted before 413 `payload_too_large` (default 10 MB). */
  maxBodyBytes?: number;
}

export type Route =
  | { kind: "api"; method: Method; pattern: string; segments: string[]; handler: ApiHandler; options: RouteOptions }
  | { kind: "raw"; method: Method; pattern: string; segments: string[]; handler: RawHandler; options: RouteOptions };

export type Match = { route: Route; params: Record<string, string> } | { allowed: Method[] } | null;

function matchSegments(segments: string[], parts: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] ?? "";
    if (seg === "*") {
      params["*"] = parts.slice(i).join("/");
      return parts.length > i ? params : null;
    }
    const part = parts[i];
    if (part === undefined || part === "") return null;
    if (seg.startsWith(":")) params[seg.slice(1)] = decodeURIComponent(part);
    else if (seg !== part) return null;
  }
  return parts.length === segments.length ? params : null;
}

const specificity = (segments: string[]): number => segments.filter((s) => !s.startsWith(":") && s !== "*").length;

export class Router {
  readonly routes: Route[] = [];

  get(pattern: string, handler: ApiHandler, options: RouteOptions = {}): void {
    this.add({ kind: "api", method: "GET", handler, options, ...this.split(pattern) });
  }
  post(pattern: string, handler: ApiHandler, options: RouteOptions = {}): void {
    this.add({ kind: "api", method: "POST", handler, options, ...this.split(pattern) });
  }
  patch(pattern: string, handler: ApiHandler, options: RouteOptions = {}): void {
    this.add({ kind: "api", method: "PATCH", handler, options, ...this.split(pattern) });
  }
  put(pattern: string, handler: ApiHandler, options: RouteOptions = {}): void {
    this.add({ kind: "api", method: "PUT", handler, options, ...this.split(pattern) });
  }
  delete(pattern: string, handler: ApiHandler, options: RouteOptions = {}): void {
    this.add({ kind: "api", method: "DELETE", handler, options, ...this.split(pattern) });
  }
  /** Unauthenticated, unrecorded routes (admin API, media files). */
  raw(method: Method, pattern: string, handler: RawHandler, options: RouteOptions = {}): void {
    this.add({ kind: "raw", method, handler, options, ...this.split(pattern) });
  }

  match(method: string, path: string): Match {
    const parts = path.split("/").slice(1);
    const hits: { route: Route; params: Record<string, string> }[] = [];
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (params) hits.push({ route, params });
    }
    if (hits.length === 0) return null;
    hits.sort((a, b) => specificity(b.route.segments) - specificity(a.route.segments));
    const best = specificity(hits[0]?.route.segments ?? []);
    const top = hits.filter((h) => specificity(h.route.segments) === best);
    const hit = top.find((h) => h.route.method === method) ?? hits.find((h) => h.route.method === method);
    return hit ?? { allowed: [...new Set(top.map((h) => h.route.method))] };
  }

  private split(pattern: string): { pattern: string; segments: string[] } {
    return { pattern, segments: pattern.split("/").slice(1) };
  }

  private add(route: Route): void {
    this.routes.push(route);
  }
}
