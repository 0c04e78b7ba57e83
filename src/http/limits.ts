/**
 * Concurrency limits: per credential, so one tenant cannot hold every socket and upstream connection
 * (HeyGen's own rate limit is per key), and in total, because without an endpoint token anyone can
 * invent keys and each in-flight call may hold memory. A burst is refused early (429 + Retry-After)
 * instead of queueing. Keys are credential hashes (auth.credentialId), never the secret.
 */
export class ConcurrencyLimiter {
  readonly #maxPerKey: number;
  readonly #maxTotal: number;
  #total = 0;
  // Entries exist only while a request holds them, so the map never outgrows the in-flight requests.
  readonly #inFlight = new Map<string, number>();

  constructor(maxPerKey: number, maxTotal = Number.POSITIVE_INFINITY) {
    this.#maxPerKey = maxPerKey;
    this.#maxTotal = maxTotal;
  }

  /**
   * A release function (idempotent), or which limit refused the request. `weight` is how many calls the
   * request carries (a JSON-RPC batch is one per item), all or none admitted.
   */
  tryAcquire(key: string, weight = 1): (() => void) | "per_key" | "total" {
    const count = this.#inFlight.get(key) ?? 0;
    if (count + weight > this.#maxPerKey) return "per_key";
    if (this.#total + weight > this.#maxTotal) return "total";
    this.#inFlight.set(key, count + weight);
    this.#total += weight;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#total -= weight;
      const now = (this.#inFlight.get(key) ?? weight) - weight;
      if (now <= 0) this.#inFlight.delete(key);
      else this.#inFlight.set(key, now);
    };
  }

  /** Keys currently holding a slot (for tests and metrics). */
  get activeKeys(): number {
    return this.#inFlight.size;
  }
}
