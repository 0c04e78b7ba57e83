import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CLIENT_ERROR_CODES, HeyGenError, honoursIdempotencyKey } from "./index.js";
import { backoffDelay, parseRetryAfter } from "./retry.js";

const here = dirname(fileURLToPath(import.meta.url));

describe("CLIENT_ERROR_CODES", () => {
  it("lists every client_ code minted in src/client sources", () => {
    const sources = readdirSync(here).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
    const minted = new Set<string>();
    for (const file of sources) {
      for (const m of readFileSync(join(here, file), "utf8").matchAll(/["'`](client_[a-z_]+)["'`]/g)) {
        if (m[1] !== undefined) minted.add(m[1]);
      }
    }
    expect(minted.size).toBeGreaterThan(3);
    for (const code of minted) expect(CLIENT_ERROR_CODES).toContain(code);
    for (const code of CLIENT_ERROR_CODES) expect(code.startsWith("client_")).toBe(true);
  });

  it("toJSON carries the fields the tools layer reports", () => {
    const e = new HeyGenError(404, "voice_not_found", "no voice", "voice_id", "r1", false, "h", "https://doc");
    expect(e.toJSON()).toEqual({
      code: "voice_not_found",
      message: "no voice",
      status: 404,
      param: "voice_id",
      doc_url: "https://doc",
      request_id: "r1",
      retryable: false,
      hint: "h",
      idempotency_key: null,
    });
    expect(e.name).toBe("HeyGenError");
  });
});

describe("operations", () => {
  it("idempotency keys follow catalog §1.7", () => {
    expect(honoursIdempotencyKey("POST /v3/videos")).toBe(true);
    expect(honoursIdempotencyKey("POST /v3/avatars/{group_id}/consent")).toBe(true);
    expect(honoursIdempotencyKey("POST /v3/background-removals")).toBe(false);
    expect(honoursIdempotencyKey("GET /v3/videos")).toBe(false);
  });
});

describe("retry arithmetic", () => {
  it("full jitter is random * min(cap, base * 2^attempt)", () => {
    expect(backoffDelay(0, () => 1, 30_000)).toBe(500);
    expect(backoffDelay(3, () => 0.5, 30_000)).toBe(2000);
    expect(backoffDelay(20, () => 1, 30_000)).toBe(30_000);
    expect(backoffDelay(5, () => 0, 30_000)).toBe(0);
  });

  it("parses Retry-After seconds and HTTP-dates, capped", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("3", now, 30_000)).toBe(3000);
    expect(parseRetryAfter("999", now, 30_000)).toBe(30_000);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT", now, 30_000)).toBe(5000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 00:00:00 GMT", now, 30_000)).toBe(0);
    expect(parseRetryAfter("soon", now, 30_000)).toBeNull();
    expect(parseRetryAfter(null, now, 30_000)).toBeNull();
  });
});
