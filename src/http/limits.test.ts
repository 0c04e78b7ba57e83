import { describe, expect, it } from "vitest";
import { ConcurrencyLimiter } from "./limits.js";

const slot = (r: ReturnType<ConcurrencyLimiter["tryAcquire"]>) => (typeof r === "function" ? r : undefined);

describe("ConcurrencyLimiter", () => {
  it("admits up to the limit per key, independently per key, and frees a slot on release", () => {
    const limiter = new ConcurrencyLimiter(2);
    const a1 = slot(limiter.tryAcquire("a"));
    const a2 = slot(limiter.tryAcquire("a"));
    expect(limiter.tryAcquire("a")).toBe("per_key");
    expect(slot(limiter.tryAcquire("b"))).toBeDefined();
    a1?.();
    a1?.(); // a second release of the same slot must not free another
    expect(slot(limiter.tryAcquire("a"))).toBeDefined();
    expect(limiter.tryAcquire("a")).toBe("per_key");
    a2?.();
  });

  it("caps all keys together, so invented keys cannot add slots without end", () => {
    const limiter = new ConcurrencyLimiter(8, 3);
    const held = ["k1", "k2", "k3"].map((k) => slot(limiter.tryAcquire(k)));
    expect(limiter.tryAcquire("k4")).toBe("total");
    held[0]?.();
    expect(slot(limiter.tryAcquire("k4"))).toBeDefined();
  });

  it("forgets a key once its last request is done", () => {
    const limiter = new ConcurrencyLimiter(1);
    const release = slot(limiter.tryAcquire("k"));
    expect(limiter.activeKeys).toBe(1);
    release?.();
    expect(limiter.activeKeys).toBe(0);
  });
});
