/**
 * Fault injection, set through `POST /_sandbox/faults`: fail the next N /v3 requests with a status,
 * drop the connection after the next N creates are recorded, delay creates (to test 409
 * `request_in_progress` on a concurrent idempotent duplicate).
 */
import { ApiError } from "./envelope.js";

export type FailStatus = 429 | 500 | 502 | 503;

const FAIL_CODES: Record<FailStatus, [string, string]> = {
  429: ["rate_limit_exceeded", "Too many requests; retry after the indicated delay."],
  500: ["internal_error", "An internal error occurred; retry the request."],
  502: ["bad_gateway", "Upstream service returned an invalid response; retry the request."],
  503: ["service_unavailable", "The service is temporarily unavailable; retry the request."],
};

export class Faults {
  private failNext: { count: number; status: FailStatus; retryAfter: number | null } = {
    count: 0,
    status: 500,
    retryAfter: null,
  };
  private dropAfterCreate = 0;
  createDelayMs = 0;

  setFailNext(count: number, status: FailStatus, retryAfter: number | null): void {
    this.failNext = { count, status, retryAfter };
  }
  setDropAfterCreate(count: number): void {
    this.dropAfterCreate = count;
  }

  /** The injected error for this request, if one is armed (consumes one). */
  takeFailure(): ApiError | null {
    if (this.failNext.count <= 0) return null;
    this.failNext.count -= 1;
    const { status, retryAfter } = this.failNext;
    const [code, message] = FAIL_CODES[status];
    const retry = retryAfter ?? (status === 429 ? 1 : null);
    return new ApiError(status, code, message, null, retry === null ? {} : { "Retry-After": String(retry) });
  }

  /** True when this create's connection should be dropped (consumes one). */
  takeDrop(): boolean {
    if (this.dropAfterCreate <= 0) return false;
    this.dropAfterCreate -= 1;
    return true;
  }

  snapshot() {
    return {
      fail_next: { count: this.failNext.count, status: this.failNext.status, retry_after: this.failNext.retryAfter },
      drop_after_create: { count: this.dropAfterCreate },
      create_delay_ms: this.createDelayMs,
    };
  }

  reset(): void {
    this.failNext = { count: 0, status: 500, retryAfter: null };
    this.dropAfterCreate = 0;
    this.createDelayMs = 0;
  }
}
