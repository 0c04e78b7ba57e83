import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox } from "./index.js";
import { avatarVideo, dataOf, errorOf, type Harness, startHarness } from "./test-support.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.sandbox.close());

const post = (key: string, idem?: string, body: unknown = avatarVideo()) =>
  h.api("/v3/videos", { body, key, headers: idem ? { "idempotency-key": idem } : {} });

const videoCount = async (key: string) => dataOf<{ videos: number }>(await h.admin(`state?api_key=${key}`)).videos;

describe("idempotency", () => {
  it("replays the first response byte for byte and creates one video", async () => {
    const first = await post("idem", "order-42:create");
    const second = await post("idem", "order-42:create", avatarVideo({ title: "slightly different" }));
    expect(second.status).toBe(first.status);
    expect(second.text).toBe(first.text);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await videoCount("idem")).toBe(1);
    const third = await post("idem", "order-43:create");
    expect(third.text).not.toBe(first.text);
    expect(await videoCount("idem")).toBe(2);
  });

  it("scopes keys per account and expires them after 24 h", async () => {
    const a = await post("idem_a", "same-key");
    const b = await post("idem_b", "same-key");
    expect(b.text).not.toBe(a.text);
    h.clock.advance(24 * 3600 * 1000 + 1);
    const later = await post("idem_a", "same-key");
    expect(later.text).not.toBe(a.text);
    expect(await videoCount("idem_a")).toBe(2);
  });

  it("does not keep errors: a corrected retry with the same key goes through", async () => {
    const bad = await post("idem_err", "retry-me", avatarVideo({ colour: "red" }));
    expect(bad.status).toBe(400);
    const good = await post("idem_err", "retry-me");
    expect(good.status).toBe(200);
  });

  it("400 for a malformed key", async () => {
    const res = await post("idem_bad", "has spaces!");
    expect(res.status).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: "invalid_parameter", param: "Idempotency-Key" });
    expect(errorOf(await post("idem_bad", "x".repeat(256))).param).toBe("Idempotency-Key");
  });

  it("409 request_in_progress for a duplicate while the original runs", async () => {
    await h.admin("faults", { create_delay_ms: 300 });
    try {
      const original = post("idem_busy", "slow-1");
      await new Promise((r) => setTimeout(r, 50));
      const dup = await post("idem_busy", "slow-1");
      expect(dup.status).toBe(409);
      expect(errorOf(dup).code).toBe("request_in_progress");
      expect((await original).status).toBe(200);
    } finally {
      await h.admin("faults", { create_delay_ms: 0 });
    }
    expect(await videoCount("idem_busy")).toBe(1);
  });
});

describe("fault injection", () => {
  it("fail_next: the next request fails with the status, then success", async () => {
    await h.admin("faults", { fail_next: { count: 1, status: 500 } });
    const failed = await h.api("/v3/users/me", { key: "faulty" });
    expect(failed.status).toBe(500);
    expect(errorOf(failed).code).toBe("internal_error");
    expect((await h.api("/v3/users/me", { key: "faulty" })).status).toBe(200);
  });

  it("fail_next 429 carries Retry-After", async () => {
    await h.admin("faults", { fail_next: { count: 2, status: 429, retry_after: 7 } });
    for (let i = 0; i < 2; i++) {
      const res = await h.api("/v3/voices", { key: "faulty" });
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("7");
    }
    expect((await h.api("/v3/voices", { key: "faulty" })).status).toBe(200);
  });

  it("drop_after_create records the video, drops the socket, and a keyed retry replays it", async () => {
    await h.admin("faults", { drop_after_create: { count: 1 } });
    await expect(post("dropper", "drop-1")).rejects.toThrow();
    expect(await videoCount("dropper")).toBe(1);
    const retry = await post("dropper", "drop-1");
    expect(retry.status).toBe(200);
    expect(await videoCount("dropper")).toBe(1);
    const log = dataOf<{ status: number; idempotency_key: string | null }[]>(await h.admin("requests"));
    expect(log.filter((r) => r.idempotency_key === "drop-1").map((r) => r.status)).toEqual([0, 200]);
  });

  it("after_create 502/504: the video is recorded, the answer is a gateway error, a keyed retry replays it", async () => {
    for (const kind of ["502", "504"] as const) {
      const key = `gw_${kind}`;
      await h.admin("faults", { after_create: { count: 1, kind } });
      const first = await post(key, `gw-${kind}`);
      expect(first.status).toBe(Number(kind));
      expect(await videoCount(key)).toBe(1);
      expect((await post(key, `gw-${kind}`)).status).toBe(200);
      expect(await videoCount(key)).toBe(1);
    }
  });

  it("after_create truncate: a 2xx whose body stops short of its Content-Length", async () => {
    await h.admin("faults", { after_create: { count: 1, kind: "truncate" } });
    await expect(post("truncated", "trunc-1")).rejects.toThrow();
    expect(await videoCount("truncated")).toBe(1);
  });

  it("hang_next holds the answer until the faults are reset; the create is recorded", async () => {
    await h.admin("faults", { hang_next: { count: 1 } });
    const pending = post("hung", "hang-1").then(
      () => "answered",
      () => "closed",
    );
    while ((await videoCount("hung")) === 0);
    await h.admin("faults", { reset: true });
    expect(await pending).toBe("closed");
    expect((await post("hung", "hang-1")).status).toBe(200);
    expect(await videoCount("hung")).toBe(1);
  });

  it("random faults are repeatable for a seed", async () => {
    const run = async (key: string) => {
      await h.admin("faults", { random: { seed: 7, fail: 0.5, statuses: [500, 503] } });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await h.api("/v3/users/me", { key })).status);
      await h.admin("faults", { random: null });
      return statuses;
    };
    const a = await run("rnd_a");
    expect(await run("rnd_b")).toEqual(a);
    expect(a.filter((s) => s !== 200).length).toBeGreaterThan(0);
    expect(a.filter((s) => s === 200).length).toBeGreaterThan(0);
  });

  it("rejects bad admin input and clock moves on the system clock", async () => {
    expect((await h.admin("faults", { fail_next: { count: 1, status: 418 } })).status).toBe(400);
    const sys = await startSandbox();
    try {
      const res = await fetch(`${sys.url}/_sandbox/clock/advance`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ms: 1000 }),
      });
      expect(res.status).toBe(400);
    } finally {
      await sys.close();
    }
  });
});
