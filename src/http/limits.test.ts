import { describe, expect, it } from "vitest";
import { ConcurrencyLimiter } from "./limits.js";

describe("ConcurrencyLimiter", () => {
  it("admits up to the limit per key, independently per key, and frees a slot on release", () => {
    const limiter = new ConcurrencyLimiter(2);
    const a1 = limiter.tryAcquire("a");
    const a2 = limiter.tryAcquire("a");
    expect(limiter.tryAcquire("a")).toBeUndefined();
    expect(limiter.tryAcquire("b")).toBeDefined();
    a1?.();
    a1?.(); // a second release of the same slot must not free another
    expect(limiter.tryAcquire("a")).toBeDefined();
    expect(limiter.tryAcquire("a")).toBeUndefined();
    a2?.();
  });

  it("forgets a key once its last request is done", () => {
    const limiter = new ConcurrencyLimiter(1);
    const release = limiter.tryAcquire("k");
    expect(limiter.activeKeys).toBe(1);
    release?.();
    expect(limiter.activeKeys).toBe(0);
  });
});
