/** Pure request building: operation parsing, path params, query strings, headers. */

import { clientError } from "./errors.js";
import { type HttpMethod, isCommaSeparatedParam, isHttpMethod, type Operation } from "./operations.js";

export type QueryValue = string | number | boolean | readonly (string | number)[] | null | undefined;

export interface Credential {
  kind: "api_key" | "bearer";
  value: string;
}

// Catalog §1.7: the header HeyGen accepts, 1–255 chars of this alphabet.
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_\-:.]{1,255}$/;

export function splitOperation(op: Operation): { method: HttpMethod; path: string } {
  const space = op.indexOf(" ");
  const method = op.slice(0, space);
  const path = op.slice(space + 1);
  if (space < 0 || !isHttpMethod(method) || !path.startsWith("/")) {
    throw clientError(0, "client_invalid_request", `Malformed operation "${op}".`, false);
  }
  return { method, path };
}

export function fillPath(template: string, params: Readonly<Record<string, string>> | undefined): string {
  return template.replace(/\{([^}/]+)\}/g, (_match, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === "") {
      throw clientError(0, "client_invalid_request", `Missing path parameter "${name}" for ${template}.`, false);
    }
    // encodeURIComponent leaves "." and "..", which a proxy may resolve onto another route.
    if (value === "." || value === "..") {
      throw clientError(0, "client_invalid_request", `Path parameter "${name}" cannot be "${value}".`, false);
    }
    return encodeURIComponent(value);
  });
}

/** Skips null/undefined; arrays repeat the param unless HeyGen wants them comma-joined. */
export function buildQuery(op: Operation, query: Readonly<Record<string, QueryValue>> | undefined): string {
  const parts: string[] = [];
  const add = (k: string, v: string | number | boolean) =>
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    if (typeof value !== "object") add(key, value);
    else if (isCommaSeparatedParam(op, key)) {
      if (value.length > 0) add(key, value.join(","));
    } else for (const item of value) add(key, item);
  }
  return parts.length > 0 ? `?${parts.join("&")}` : "";
}

/** Base URL may carry a path prefix ("http://host/proxy/heygen"); keep it and avoid "//". */
export function splitBaseUrl(baseUrl: string): { origin: string; prefix: string } {
  const url = new URL(baseUrl);
  return { origin: url.origin, prefix: url.pathname.replace(/\/+$/, "") };
}

export function checkIdempotencyKey(key: string): string {
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw clientError(0, "client_invalid_request", "idempotencyKey must match ^[A-Za-z0-9_\\-:.]{1,255}$.", false);
  }
  return key;
}

export interface Payload {
  contentType: string;
  text: string;
}

export function payloadOf(body: unknown, rawBody: Payload | undefined): Payload | null {
  if (body !== undefined && rawBody !== undefined) {
    throw clientError(0, "client_invalid_request", "Pass either body or rawBody, not both.", false);
  }
  if (rawBody !== undefined) return rawBody;
  if (body === undefined) return null;
  return { contentType: "application/json", text: JSON.stringify(body) };
}

export interface EncodedForm {
  contentType: string;
  bytes: Uint8Array;
}

/**
 * Serialises a multipart form once, before the first attempt, so every retry sends the same bytes.
 * The platform encoder picks the boundary and writes the matching Content-Type; we only carry it.
 */
export async function encodeForm(req: { form?: FormData; body?: unknown; rawBody?: Payload }): Promise<EncodedForm> {
  if (req.body !== undefined || req.rawBody !== undefined) {
    throw clientError(0, "client_invalid_request", "Pass form, body or rawBody, only one.", false);
  }
  const encoded = new Response(req.form);
  const contentType = encoded.headers.get("content-type");
  if (contentType === null || !contentType.startsWith("multipart/form-data")) {
    throw clientError(0, "client_invalid_request", "form must be a FormData.", false);
  }
  return { contentType, bytes: new Uint8Array(await encoded.arrayBuffer()) };
}

export function buildHeaders(
  credential: Credential,
  userAgent: string,
  payload: Pick<Payload, "contentType"> | null,
  idempotencyKey: string | null,
): Record<string, string> {
  const headers: Record<string, string> = { "user-agent": userAgent, accept: "application/json" };
  if (credential.kind === "bearer") headers.authorization = `Bearer ${credential.value}`;
  else headers["x-api-key"] = credential.value;
  if (payload !== null) headers["content-type"] = payload.contentType;
  if (idempotencyKey !== null) headers["idempotency-key"] = idempotencyKey;
  return headers;
}

export function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const value = headers[name];
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}
