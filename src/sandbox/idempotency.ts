/**
 * Idempotency-Key (catalog §1.7): scope = method + concrete path (route + path params) + key.
 * A repeat within 24 h replays the first response's status and body byte for byte; a repeat while
 * the first is still executing gets 409 `request_in_progress`. Only 2xx results are kept: an error
 * releases the key so a corrected retry can go through.
 */
import type { IncomingHttpHeaders } from "node:http";
import { ApiError, badParam } from "./envelope.js";

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_\-:.]{1,255}$/;
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export interface StoredResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

type Entry = { state: "in_progress" } | ({ state: "done"; atMs: number } & StoredResponse);

export type IdempotencyStart = { kind: "new" } | { kind: "replay"; response: StoredResponse };

/** The request's Idempotency-Key, or null; 400 (param "Idempotency-Key") when malformed. */
export function idempotencyKeyOf(headers: IncomingHttpHeaders): string | null {
  const raw = headers["idempotency-key"];
  if (raw === undefined) return null;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (key === undefined || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw badParam("Idempotency-Key", "Idempotency-Key must be 1–255 characters of A–Z, a–z, 0–9, _, -, : or .");
  }
  return key;
}

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  /** Claims the key, or returns the stored response; throws 409 while the original is in flight. */
  begin(scope: string, key: string, nowMs: number): IdempotencyStart {
    const id = `${scope} ${key}`;
    const entry = this.entries.get(id);
    if (entry?.state === "in_progress") {
      throw new ApiError(
        409,
        "request_in_progress",
        "A request with this Idempotency-Key is still being processed; retry after it completes.",
      );
    }
    if (entry?.state === "done" && nowMs - entry.atMs < IDEMPOTENCY_TTL_MS) {
      return { kind: "replay", response: { status: entry.status, body: entry.body, headers: entry.headers } };
    }
    this.entries.set(id, { state: "in_progress" });
    return { kind: "new" };
  }

  finish(scope: string, key: string, response: StoredResponse, nowMs: number): void {
    const id = `${scope} ${key}`;
    if (response.status >= 200 && response.status < 300)
      this.entries.set(id, { state: "done", atMs: nowMs, ...response });
    else this.entries.delete(id);
  }

  abandon(scope: string, key: string): void {
    this.entries.delete(`${scope} ${key}`);
  }
}
