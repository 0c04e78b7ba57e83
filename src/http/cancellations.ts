/**
 * Over stateless HTTP a client may cancel with notifications/cancelled sent as its own POST: a fresh server
 * instance handles it and has never seen the request it names (a 2025-era SDK client cancels this way and
 * leaves the call's response stream open). Tool calls in flight on this process are therefore kept here, per
 * credential and request id, so that POST can abort them. An entry lives only while its call runs.
 */
type RequestId = string | number;

export class Cancellations {
  readonly #calls = new Map<string, Set<AbortController>>();

  /** A signal that aborts with `signal` or on a matching cancel; call `end` once the call has finished. */
  begin(credential: string, requestId: RequestId, signal: AbortSignal): { signal: AbortSignal; end(): void } {
    const key = keyOf(credential, requestId);
    const controller = new AbortController();
    const set = this.#calls.get(key) ?? new Set();
    set.add(controller);
    this.#calls.set(key, set);
    return {
      signal: AbortSignal.any([signal, controller.signal]),
      end: () => {
        set.delete(controller);
        if (set.size === 0 && this.#calls.get(key) === set) this.#calls.delete(key);
      },
    };
  }

  /** Aborts the calls of this credential with this request id; other tenants' ids never match. */
  cancel(credential: string, requestId: RequestId, reason: unknown): void {
    for (const controller of this.#calls.get(keyOf(credential, requestId)) ?? []) controller.abort(reason);
  }

  get size(): number {
    return this.#calls.size;
  }
}

// JSON-RPC ids may be numbers or strings: 1 and "1" are different requests.
const keyOf = (credential: string, requestId: RequestId) => `${credential}\u0000${typeof requestId}:${requestId}`;
