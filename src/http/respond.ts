/** Response helpers: security headers on every response, and small JSON bodies that never carry a stack. */
import type { ServerResponse } from "node:http";

// The endpoint serves JSON and SSE only, never a page: nothing may be framed, sniffed, cached or referred.
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
};

/** Set before any handler writes: headers set with setHeader merge into a later writeHead, the SDK's included. */
export function applySecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/** JSON-RPC error codes used before a request reaches the SDK (its own codes for the same cases match). */
export const RPC = {
  serverError: -32000,
  unauthorized: -32001,
  invalidParams: -32602,
  internalError: -32603,
} as const;

/** Errors on /mcp use the JSON-RPC envelope the SDK uses for its own 4xx answers, so clients parse one shape. */
export function sendRpcError(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { jsonrpc: "2.0", error: { code, message }, id: null }, headers);
}
