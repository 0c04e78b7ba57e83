/**
 * Fault injection, set through `POST /_sandbox/faults`. Counted faults hit the next N requests; `random`
 * faults hit each request with a probability from a seeded generator, so a run of hundreds of calls is
 * repeatable. Faults "before" a request refuse it unprocessed (HeyGen made nothing); faults "after a
 * create" record the create (and its idempotency result) and then spoil the answer, which is what makes
 * a client unsure whether it billed.
 */
import { ApiError } from "./envelope.js";

export type FailStatus = 429 | 500 | 502 | 503 | 504;
export const FAIL_STATUSES: readonly FailStatus[] = [429, 500, 502, 503, 504];

const FAIL_CODES: Record<FailStatus, [string, string]> = {
  429: ["rate_limit_exceeded", "Too many requests; retry after the indicated delay."],
  500: ["internal_error", "An internal error occurred; retry the request."],
  502: ["bad_gateway", "Upstream service returned an invalid response; retry the request."],
  503: ["service_unavailable", "The service is temporarily unavailable; retry the request."],
  504: ["gateway_timeout", "The upstream service did not answer in time; retry the request."],
};

/** How the answer to a recorded create is spoiled. */
export type AfterCreate =
  | { kind: "drop" }
  | { kind: "truncate" }
  | { kind: "status"; status: 500 | 502 | 504 }
  | { kind: "hang" };

export interface RandomFaults {
  seed: number;
  /** Probability that a /v3 request is refused before processing, with one of `statuses`. */
  fail: number;
  statuses: FailStatus[];
  /** Probabilities, per successful create, of each spoiled answer. */
  drop_after_create: number;
  truncate_after_create: number;
  error_after_create: number;
  retry_after: number | null;
}

/** mulberry32: a tiny seeded generator, enough to make fault runs repeatable. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const failure = (status: FailStatus, retryAfter: number | null): ApiError => {
  const [code, message] = FAIL_CODES[status];
  const retry = retryAfter ?? (status === 429 ? 1 : null);
  return new ApiError(status, code, message, null, retry === null ? {} : { "Retry-After": String(retry) });
};

export class Faults {
  private failNext: { skip: number; count: number; status: FailStatus; retryAfter: number | null } = {
    skip: 0,
    count: 0,
    status: 500,
    retryAfter: null,
  };
  private afterCreate: { count: number; fault: AfterCreate } = { count: 0, fault: { kind: "drop" } };
  private hangNext = 0;
  private random: (RandomFaults & { next: () => number }) | null = null;
  /** Sockets held open by "hang" faults, released on reset. */
  readonly held = new Set<{ destroy(): void }>();
  createDelayMs = 0;

  /** `skip`: let that many requests through first (e.g. a create that is then dropped). */
  setFailNext(count: number, status: FailStatus, retryAfter: number | null, skip = 0): void {
    this.failNext = { skip, count, status, retryAfter };
  }
  setAfterCreate(count: number, fault: AfterCreate): void {
    this.afterCreate = { count, fault };
  }
  /** The next N /v3 requests are processed (creates recorded), then never answered. */
  setHangNext(count: number): void {
    this.hangNext = count;
  }
  setRandom(random: RandomFaults | null): void {
    this.random = random && { ...random, next: seeded(random.seed) };
  }

  /** The injected error for this request, if one is armed (consumes one). */
  takeFailure(): ApiError | null {
    if (this.failNext.count > 0 && this.failNext.skip > 0) this.failNext.skip -= 1;
    else if (this.failNext.count > 0) {
      this.failNext.count -= 1;
      return failure(this.failNext.status, this.failNext.retryAfter);
    }
    const r = this.random;
    if (r && r.statuses.length > 0 && r.next() < r.fail) {
      const status = r.statuses[Math.floor(r.next() * r.statuses.length)] ?? 500;
      return failure(status, r.retry_after);
    }
    return null;
  }

  /** How to spoil the answer to a create that was just recorded, if at all (consumes one). */
  takeAfterCreate(): AfterCreate | null {
    if (this.afterCreate.count > 0) {
      this.afterCreate.count -= 1;
      return this.afterCreate.fault;
    }
    const r = this.random;
    if (!r) return null;
    const roll = r.next();
    if (roll < r.drop_after_create) return { kind: "drop" };
    if (roll < r.drop_after_create + r.truncate_after_create) return { kind: "truncate" };
    if (roll < r.drop_after_create + r.truncate_after_create + r.error_after_create) {
      return { kind: "status", status: r.next() < 0.5 ? 502 : 504 };
    }
    return null;
  }

  /** True when this request's answer should never be sent (consumes one). */
  takeHang(): boolean {
    if (this.hangNext <= 0) return false;
    this.hangNext -= 1;
    return true;
  }

  /** A gateway error that replaces a recorded create's answer. */
  static statusAfterCreate(status: 500 | 502 | 504): ApiError {
    return failure(status, null);
  }

  snapshot() {
    return {
      fail_next: {
        skip: this.failNext.skip,
        count: this.failNext.count,
        status: this.failNext.status,
        retry_after: this.failNext.retryAfter,
      },
      after_create: { count: this.afterCreate.count, ...this.afterCreate.fault },
      hang_next: { count: this.hangNext },
      random: this.random ? { ...this.random, next: undefined } : null,
      create_delay_ms: this.createDelayMs,
    };
  }

  reset(): void {
    this.failNext = { skip: 0, count: 0, status: 500, retryAfter: null };
    this.afterCreate = { count: 0, fault: { kind: "drop" } };
    this.hangNext = 0;
    this.random = null;
    this.createDelayMs = 0;
    for (const socket of this.held) socket.destroy();
    this.held.clear();
  }
}
