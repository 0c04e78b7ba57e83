/**
 * The /mcp POST body, read once before the SDK sees it, so two things are decided on the whole message:
 * - JSON-RPC batch arrays. The 2025-06-18 revision removed batching (its Streamable HTTP transport takes
 *   one message per POST), so on it and later revisions an array is refused with the JSON-RPC error for a
 *   bad request object (-32600, HTTP 400, id null). On 2024-11-05 and 2025-03-26 arrays are still allowed,
 *   capped in length, and every item counts against the concurrency limits like a request of its own.
 * - Keys named __proto__, which JSON.parse keeps but the SDK's schema parsing drops silently; they are
 *   renamed to a marker the argument checks refuse by name (tools/arguments.ts).
 */
import type { IncomingMessage } from "node:http";
import { markProtoKeys } from "../tools/arguments.js";

/** Revisions whose transport still accepts batch arrays; a POST without MCP-Protocol-Version is 2025-03-26. */
const BATCH_REVISIONS: ReadonlySet<string> = new Set(["2024-11-05", "2025-03-26"]);
const ASSUMED_REVISION = "2025-03-26";
/** Upper bound on batch length whatever the per-key limit; each item is a call in flight. */
const MAX_BATCH_ITEMS = 32;

export type BodyOutcome =
  | { ok: true; body: unknown; items: number }
  | { ok: false; status: number; code: number; message: string; headers?: Record<string, string> };

export interface BodyLimits {
  maxBodyBytes: number;
  /** A batch longer than this can never be admitted (every item takes a per-key slot). */
  maxBatchItems: number;
}

async function readText(req: IncomingMessage, maxBytes: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > maxBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function protocolRevision(req: IncomingMessage): string {
  const header = req.headers["mcp-protocol-version"];
  return (Array.isArray(header) ? header[0] : header)?.trim() || ASSUMED_REVISION;
}

export async function readMcpBody(req: IncomingMessage, limits: BodyLimits): Promise<BodyOutcome> {
  const text = await readText(req, limits.maxBodyBytes);
  if (text === null) {
    const message = `Payload Too Large: Request body must not exceed ${limits.maxBodyBytes} bytes`;
    return { ok: false, status: 413, code: -32000, message, headers: { connection: "close" } };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, status: 400, code: -32700, message: "Parse error: Invalid JSON" };
  }
  markProtoKeys(body);
  if (!Array.isArray(body)) return { ok: true, body, items: 1 };
  const revision = protocolRevision(req);
  if (!BATCH_REVISIONS.has(revision)) {
    const message = `Invalid Request: protocol revision ${revision.slice(0, 32)} does not allow JSON-RPC batches (removed in 2025-06-18); send one message per POST.`;
    return { ok: false, status: 400, code: -32600, message };
  }
  const cap = Math.min(MAX_BATCH_ITEMS, limits.maxBatchItems);
  if (body.length === 0 || body.length > cap) {
    const message = `Invalid Request: a batch must hold 1 to ${cap} messages; this one has ${body.length}.`;
    return { ok: false, status: 400, code: -32600, message };
  }
  return { ok: true, body, items: body.length };
}
