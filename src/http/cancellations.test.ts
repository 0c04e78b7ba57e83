import { describe, expect, it } from "vitest";
import { Cancellations } from "./cancellations.js";

describe("cancellations across stateless HTTP requests", () => {
  it("aborts only the call with this credential and request id, and forgets it when it ends", () => {
    const c = new Cancellations();
    const mine = c.begin("key-a", 7, new AbortController().signal);
    const otherTenant = c.begin("key-b", 7, new AbortController().signal);
    const stringId = c.begin("key-a", "7", new AbortController().signal);
    c.cancel("key-a", 7, "user cancelled");
    expect(mine.signal.aborted).toBe(true);
    expect(mine.signal.reason).toBe("user cancelled");
    expect(otherTenant.signal.aborted).toBe(false);
    expect(stringId.signal.aborted).toBe(false);
    for (const call of [mine, otherTenant, stringId]) call.end();
    expect(c.size).toBe(0);
  });

  it("still aborts when the request's own signal does", () => {
    const own = new AbortController();
    const call = new Cancellations().begin("key-a", 1, own.signal);
    own.abort("connection closed");
    expect(call.signal.aborted).toBe(true);
  });
});
