/** Pure retry arithmetic: full-jitter backoff and Retry-After parsing. No clocks, no I/O. */

export const BACKOFF_BASE_MS = 500;
export const DEFAULT_MAX_RETRY_AFTER_MS = 30_000;

/**
 * Full jitter (AWS "Exponential Backoff and Jitter"): spreads retries from many clients evenly
 * instead of having them collide in waves. `attempt` is 0 for the first retry.
 */
export function backoffDelay(attempt: number, random: () => number, capMs: number, baseMs = BACKOFF_BASE_MS): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/**
 * Retry-After is either delta-seconds or an HTTP-date (RFC 9110 §10.2.3). Returns milliseconds
 * capped to `capMs`, or null when absent or unparseable (the caller then falls back to backoff).
 */
export function parseRetryAfter(header: string | null, nowMs: number, capMs: number): number | null {
  if (header === null) return null;
  const trimmed = header.trim();
  if (trimmed === "") return null;
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    ms = Number(trimmed) * 1000;
  } else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return null;
    ms = at - nowMs;
  }
  return Math.min(capMs, Math.max(0, Math.round(ms)));
}
