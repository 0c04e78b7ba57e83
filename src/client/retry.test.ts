import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { apiError, apiKey, destroy, type FakeServer, json, rejection, startFakeServer } from "./test-server.js";

let fake: FakeServer;
beforeAll(async () => {
  fake = await startFakeServer();
});
afterEach(() => fake.reset());
afterAll(() => fake.close());
const makeClient: FakeServer["makeClient"] = (over) => fake.makeClient(over);

describe("retries", () => {
  it("429 honours Retry-After (capped) then succeeds for a keyed POST, with the same key", async () => {
    const { client, delays } = makeClient({ maxRetryAfterMs: 5000 });
    fake.handlers.push(apiError(429, "rate_limit_exceeded", {}, { "retry-after": "2" }));
    fake.handlers.push(apiError(429, "rate_limit_exceeded", {}, { "retry-after": "120" }));
    const res = await client.request({ operation: "POST /v3/videos", body: {} }, { credential: apiKey });
    expect(res.status).toBe(200);
    expect(delays).toEqual([2000, 5000]);
    expect(fake.seen).toHaveLength(3);
    expect(new Set(fake.seen.map((s) => s.headers["idempotency-key"])).size).toBe(1);
  });

  it("429 on a POST without a key is not resent: a retryable error says how long to wait", async () => {
    const { client } = makeClient();
    fake.handlers.push(apiError(429, "rate_limit_exceeded", {}, { "retry-after": "7" }));
    const err = await rejection(client.request({ operation: "POST /v3/voices", body: {} }, { credential: apiKey }));
    expect(err).toMatchObject({ status: 429, code: "rate_limit_exceeded", retryable: true });
    expect(err.hint).toContain("7");
    expect(fake.seen).toHaveLength(1);
  });

  it("429 with an HTTP-date Retry-After", async () => {
    const { client, delays } = makeClient();
    const at = new Date(Date.now() + 10_000).toUTCString();
    fake.handlers.push(apiError(429, "rate_limit_exceeded", {}, { "retry-after": at }));
    await client.request({ operation: "GET /v3/videos" }, { credential: apiKey });
    expect(delays[0]).toBeGreaterThan(7000);
    expect(delays[0]).toBeLessThanOrEqual(10_000);
  });

  it("the rate-limit hint says how long to wait when retries are exhausted", async () => {
    const { client } = makeClient({ maxRetries: 0 });
    fake.handlers.push(apiError(429, "rate_limit_exceeded", {}, { "retry-after": "7" }));
    const err = await rejection(client.request({ operation: "GET /v3/videos" }, { credential: apiKey }));
    expect(err.retryable).toBe(true);
    expect(err.hint).toMatch(/^Wait 7 s/);
  });

  it("retries 5xx for GET", async () => {
    const { client } = makeClient();
    fake.handlers.push(apiError(500, "internal_error"), apiError(503, "internal_error"));
    const res = await client.request({ operation: "GET /v3/videos" }, { credential: apiKey });
    expect(res.status).toBe(200);
    expect(fake.seen).toHaveLength(3);
  });

  it("respects maxRetries and throws the last error", async () => {
    const { client, delays } = makeClient({ maxRetries: 2 });
    fake.handlers.push(
      apiError(500, "internal_error"),
      apiError(500, "internal_error"),
      apiError(502, "internal_error"),
    );
    const err = await rejection(client.request({ operation: "GET /v3/videos" }, { credential: apiKey }));
    expect(err.status).toBe(502);
    expect(err.retryable).toBe(true);
    expect(fake.seen).toHaveLength(3);
    expect(delays).toHaveLength(2);
  });

  it("backoff delays stay within full-jitter bounds", async () => {
    const randoms = [0.5, 0.25, 0.999, 0];
    const { client, delays } = makeClient({ maxRetries: 4, random: () => randoms.shift() ?? 0 });
    for (let i = 0; i < 4; i++) fake.handlers.push(apiError(500, "internal_error"));
    await client.request({ operation: "GET /v3/videos" }, { credential: apiKey });
    expect(delays).toEqual([250, 250, Math.floor(0.999 * 2000), 0]);
    delays.forEach((d, i) => {
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(500 * 2 ** i);
    });
  });

  it("a keyed POST whose connection drops is retried with the same key, byte for byte", async () => {
    const { client } = makeClient({ newIdempotencyKey: () => "key-Ω".replace("Ω", "1:2.3_4") });
    fake.handlers.push(destroy, destroy);
    const res = await client.request({ operation: "POST /v3/videos", body: { script: "hi" } }, { credential: apiKey });
    expect(fake.seen).toHaveLength(3);
    const keys = fake.seen.map((s) => s.headers["idempotency-key"]);
    expect(keys).toEqual(["key-1:2.3_4", "key-1:2.3_4", "key-1:2.3_4"]);
    expect(res.idempotencyKey).toBe("key-1:2.3_4");
    expect(res.status).toBe(200);
  });

  it("mints a fresh key per call by default and honours an explicit one", async () => {
    const { client } = makeClient();
    const a = await client.request({ operation: "POST /v3/lipsyncs", body: {} }, { credential: apiKey });
    const b = await client.request({ operation: "POST /v3/lipsyncs", body: {} }, { credential: apiKey });
    const c = await client.request(
      { operation: "POST /v3/lipsyncs", body: {}, idempotencyKey: "mine-1" },
      { credential: apiKey },
    );
    expect(a.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.idempotencyKey).not.toBe(b.idempotencyKey);
    expect(c.idempotencyKey).toBe("mine-1");
    expect(fake.seen.map((s) => s.headers["idempotency-key"])).toEqual([a.idempotencyKey, b.idempotencyKey, "mine-1"]);
  });

  it("409 request_in_progress waits and retries with the same key", async () => {
    const { client, delays } = makeClient({ newIdempotencyKey: () => "k-409" });
    fake.handlers.push(apiError(409, "request_in_progress"));
    const res = await client.request({ operation: "POST /v3/videos", body: {} }, { credential: apiKey });
    expect(res.status).toBe(200);
    expect(delays).toHaveLength(1);
    expect(fake.seen.map((s) => s.headers["idempotency-key"])).toEqual(["k-409", "k-409"]);
  });

  it("POST without a key or request_id (background removals) is not retried on 500", async () => {
    const { client } = makeClient();
    fake.handlers.push(apiError(500, "internal_error"));
    const err = await rejection(
      client.request({ operation: "POST /v3/background-removals", body: { title: "t" } }, { credential: apiKey }),
    );
    expect(err.status).toBe(500);
    expect(fake.seen).toHaveLength(1);
    expect(fake.seen[0]?.headers["idempotency-key"]).toBeUndefined();
  });

  it("POST without a key is not retried on a connection reset", async () => {
    const { client } = makeClient();
    fake.handlers.push(destroy);
    const err = await rejection(
      client.request({ operation: "POST /v3/background-removals", body: {} }, { credential: apiKey }),
    );
    expect(err.code).toBe("client_create_outcome_unknown");
    expect(err.retryable).toBe(false);
    expect(err.status).toBe(0);
    expect(fake.seen).toHaveLength(1);
  });

  it("a background removal carrying request_id is resent after a dropped connection, same body", async () => {
    const { client } = makeClient();
    fake.handlers.push(destroy, json(200, { data: { id: "job1" } }));
    const res = await client.request(
      { operation: "POST /v3/background-removals", body: { request_id: "r1" } },
      { credential: apiKey },
    );
    expect(res.body).toEqual({ data: { id: "job1" } });
    expect(fake.seen.map((s) => s.body)).toEqual(['{"request_id":"r1"}', '{"request_id":"r1"}']);
  });

  it("an abort during backoff stops at once with client_aborted", async () => {
    const controller = new AbortController();
    const { client } = makeClient({
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) => {
          signal?.addEventListener("abort", () => reject(new Error("aborted")));
          controller.abort();
        }),
    });
    fake.handlers.push(apiError(500, "internal_error"), apiError(500, "internal_error"));
    const err = await rejection(
      client.request({ operation: "GET /v3/videos" }, { credential: apiKey, signal: controller.signal }),
    );
    expect(err.code).toBe("client_aborted");
    expect(fake.seen).toHaveLength(1);
  });

  it("an abort in flight stops the request", async () => {
    const controller = new AbortController();
    const { client } = makeClient();
    fake.handlers.push(() => controller.abort()); // never answers
    const err = await rejection(
      client.request({ operation: "GET /v3/videos" }, { credential: apiKey, signal: controller.signal }),
    );
    expect(err.code).toBe("client_aborted");
    expect(fake.seen).toHaveLength(1);
  });

  it("a per-attempt timeout becomes client_timeout", async () => {
    const { client } = makeClient({ timeoutMs: 100, maxRetries: 1 });
    fake.handlers.push(
      () => {},
      () => {},
    );
    const err = await rejection(client.request({ operation: "GET /v3/videos" }, { credential: apiKey }));
    expect(err).toMatchObject({ code: "client_timeout", status: 0, retryable: true });
    expect(fake.seen).toHaveLength(2);
  });

  it("the default sleep is abortable: an abort during a long backoff returns at once", async () => {
    const controller = new AbortController();
    const { client } = makeClient({ sleep: undefined, random: () => 1, maxRetryAfterMs: 60_000 });
    fake.handlers.push(apiError(429, "rate_limit_exceeded", {}, { "retry-after": "60" }));
    const started = Date.now();
    setTimeout(() => controller.abort(), 30);
    const err = await rejection(
      client.request({ operation: "GET /v3/videos" }, { credential: apiKey, signal: controller.signal }),
    );
    expect(err.code).toBe("client_aborted");
    expect(Date.now() - started).toBeLessThan(1000);
    expect(fake.seen).toHaveLength(1);
  });
});

describe("creates whose outcome is unclear are never retryable", () => {
  const create = { operation: "POST /v3/videos", body: { script: "hi" } } as const;

  it("a drop, then 503 on every retry: the error names the unknown outcome and the key, not the last 503", async () => {
    const { client } = makeClient({ newIdempotencyKey: () => "k-drop" });
    fake.handlers.push(destroy, ...Array.from({ length: 3 }, () => apiError(503, "service_unavailable")));
    const err = await rejection(client.request(create, { credential: apiKey }));
    expect(err).toMatchObject({ code: "client_create_outcome_unknown", retryable: false, idempotencyKey: "k-drop" });
    expect(err.message).toContain("service_unavailable");
    expect(fake.seen).toHaveLength(4);
  });

  it.each([500, 502, 503, 504])("HTTP %i on every attempt of a create is an unknown outcome", async (status) => {
    const { client } = makeClient({ maxRetries: 1 });
    fake.handlers.push(apiError(status, "x"), apiError(status, "x"));
    const err = await rejection(client.request(create, { credential: apiKey }));
    expect(err).toMatchObject({ code: "client_create_outcome_unknown", retryable: false, status });
  });

  it("an unreadable 2xx body on a create is an unknown outcome", async () => {
    const { client } = makeClient({ maxRetries: 0 });
    fake.handlers.push((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"data":{"video_id":"v');
    });
    const err = await rejection(client.request(create, { credential: apiKey }));
    expect(err).toMatchObject({ code: "client_create_outcome_unknown", retryable: false });
  });

  it("a body cut short of its Content-Length on a create is an unknown outcome", async () => {
    const { client } = makeClient({ maxRetries: 0 });
    fake.handlers.push((req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"data":', () => req.socket.destroy());
    });
    const err = await rejection(client.request(create, { credential: apiKey }));
    expect(err).toMatchObject({ code: "client_create_outcome_unknown", retryable: false });
  });

  it("an unkeyed create is not resent after a 502, and says its outcome is unknown", async () => {
    const { client } = makeClient();
    fake.handlers.push(apiError(502, "bad_gateway"));
    const err = await rejection(
      client.request({ operation: "POST /v3/voices/speech", body: {} }, { credential: apiKey }),
    );
    expect(err).toMatchObject({ code: "client_create_outcome_unknown", retryable: false, idempotencyKey: null });
    expect(fake.seen).toHaveLength(1);
  });

  it("a 504 then a 400: still unknown, since the first may have created it", async () => {
    const { client } = makeClient();
    fake.handlers.push(apiError(504, "gateway_timeout"), apiError(400, "invalid_parameter"));
    const err = await rejection(client.request(create, { credential: apiKey }));
    expect(err).toMatchObject({ code: "client_create_outcome_unknown", retryable: false });
  });

  it("429 on every attempt created nothing: retryable, with the key", async () => {
    const { client } = makeClient({ maxRetries: 2, newIdempotencyKey: () => "k-429" });
    for (let i = 0; i < 3; i++) fake.handlers.push(apiError(429, "rate_limit_exceeded", {}, { "retry-after": "1" }));
    const err = await rejection(client.request(create, { credential: apiKey }));
    expect(err).toMatchObject({ code: "rate_limit_exceeded", retryable: true, idempotencyKey: "k-429" });
  });

  it("a 400 created nothing: the API's own error, with the key", async () => {
    const { client } = makeClient({ newIdempotencyKey: () => "k-400" });
    fake.handlers.push(apiError(400, "invalid_parameter", { param: "script" }));
    const err = await rejection(client.request(create, { credential: apiKey }));
    expect(err).toMatchObject({
      code: "invalid_parameter",
      retryable: false,
      param: "script",
      idempotencyKey: "k-400",
    });
  });

  it("a refused connection sent nothing: retryable", async () => {
    const closed = await startFakeServer();
    const base = closed.base;
    await closed.close();
    const { client } = makeClient({ baseUrl: base, maxRetries: 1 });
    const err = await rejection(client.request(create, { credential: apiKey }));
    expect(err).toMatchObject({ code: "client_network_error", retryable: true });
  });

  it("reads keep their retryable 5xx", async () => {
    const { client } = makeClient({ maxRetries: 0 });
    fake.handlers.push(apiError(503, "service_unavailable"));
    const err = await rejection(client.request({ operation: "GET /v3/videos" }, { credential: apiKey }));
    expect(err).toMatchObject({ code: "service_unavailable", retryable: true });
  });
});
