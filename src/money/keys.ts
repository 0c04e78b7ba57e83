/**
 * Idempotency-Keys derived from the call itself, so that the same paid call repeated by a model (after a
 * timeout, a dropped connection, or just twice) carries the same key and HeyGen replays its first
 * response instead of billing again (api-catalog §1.7: keys are kept 24 h).
 */
import { createHash } from "node:crypto";

/** JSON with object keys sorted, so argument order never changes the key. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

const digest = (...parts: string[]) => createHash("sha256").update(parts.join("\u0000")).digest("base64url");

/**
 * An opaque, one-way name for a credential: budgets and keys are per account without the key itself
 * ever being stored, logged or shown.
 */
export const credentialFingerprint = (kind: string, secret: string): string =>
  digest("heygen-mcp credential v1", kind, secret).slice(0, 22);

/** Names one (account, tool, arguments) call; the input never leaves this function. */
export const callHash = (account: string, tool: string, args: unknown): string =>
  digest("heygen-mcp call v1", account, tool, canonicalJson(args));

/** The key for a call first seen at `firstSeenMs`: one key per call per window. */
export const derivedKey = (hash: string, firstSeenMs: number, windowMs: number): string =>
  `mcp-${digest(hash, String(Math.floor(firstSeenMs / windowMs))).slice(0, 32)}`;
