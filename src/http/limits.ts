/**
 * Per-credential concurrency limit. One tenant cannot hold every socket and upstream connection, and
 * HeyGen's own rate limit is per key, so this is where a burst is refused early (429 + Retry-After)
 * instead of queueing. Keys are credential hashes (auth.credentialId), never the secret.
 */
export class ConcurrencyLimiter {
  readonly #max: number;
  // Entries exist only while a request holds them, so the map never outgrows the in-flight requests.
  readonly #inFlight = new Map<string, number>();

  constructor(max: number) {
    this.#max = max;
  }

  /** A release function (idempotent) when under the limit, or undefined when the key is at its limit. */
  tryAcquire(key: string): (() => void) | undefined {
    const count = this.#inFlight.get(key) ?? 0;
    if (count >= this.#max) return undefined;
    this.#inFlight.set(key, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const now = (this.#inFlight.get(key) ?? 1) - 1;
      if (now <= 0) this.#inFlight.delete(key);
      else this.#inFlight.set(key, now);
    };
  }

  /** Keys currently holding a slot (for tests and metrics). */
  get activeKeys(): number {
    return this.#inFlight.size;
  }
}
