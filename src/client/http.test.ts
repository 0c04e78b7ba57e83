import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../log.js";
import { apiError, apiKey, destroy, type FakeServer, json, KEY, rejection, startFakeServer } from "./test-server.js";

let fake: FakeServer;
beforeAll(async () => {
  fake = await startFakeServer();
});
afterEach(() => fake.reset());
afterAll(() => fake.close());
const makeClient: FakeServer["makeClient"] = (over) => fake.makeClient(over);

describe("requests", () => {
  it("sends X-Api-Key, user agent, accept and JSON body", async () => {
    const { client } = makeClient();
    const res = await client.request({ operation: "POST /v3/voices", body: { q: 1 } }, { credential: apiKey });
    const s = fake.seen[0];
    expect(s?.headers["x-api-key"]).toBe(KEY);
    expect(s?.headers.authorization).toBeUndefined();
    expect(s?.headers["user-agent"]).toBe("heygen-mcp/9.9.9");
    expect(s?.headers.accept).toBe("application/json");
    expect(s?.headers["content-type"]).toBe("application/json");
    expect(s?.body).toBe('{"q":1}');
    expect(s?.headers["idempotency-key"]).toBeUndefined();
    expect(res).toMatchObject({
      status: 200,
      body: { data: { ok: true } },
      requestId: "req_123",
      idempotencyKey: null,
    });
  });

  it("sends a bearer token for OAuth credentials", async () => {
    const { client } = makeClient();
    await client.request(
      { operation: "GET /v3/users/me" },
      { credential: { kind: "bearer", value: "tok_abc_0000000000" } },
    );
    expect(fake.seen[0]?.headers.authorization).toBe("Bearer tok_abc_0000000000");
    expect(fake.seen[0]?.headers["x-api-key"]).toBeUndefined();
  });

  it("keeps a base URL path prefix, encodes path params and query arrays", async () => {
    const { client } = makeClient({ baseUrl: `${fake.base}/proxy/heygen/` });
    await client.request(
      {
        operation: "GET /v3/videos/{video_id}",
        pathParams: { video_id: "a b/c" },
        query: { limit: 5, tag: ["x", "y z"], skip: undefined, none: null, flag: false },
      },
      { credential: apiKey },
    );
    expect(fake.seen[0]?.url).toBe("/proxy/heygen/v3/videos/a%20b%2Fc?limit=5&tag=x&tag=y%20z&flag=false");
  });

  it("comma-joins bulk status ids as operations.json documents", async () => {
    const { client } = makeClient();
    await client.request(
      { operation: "GET /v3/videos/statuses", query: { video_ids: ["v1", "v2"], batch_ids: [] } },
      { credential: apiKey },
    );
    expect(decodeURIComponent(fake.seen[0]?.url ?? "")).toBe("/v3/videos/statuses?video_ids=v1,v2");
  });

  it("rejects a missing path param without sending", async () => {
    const { client } = makeClient();
    const err = await rejection(client.request({ operation: "GET /v3/videos/{video_id}" }, { credential: apiKey }));
    expect(err.code).toBe("client_invalid_request");
    expect(fake.seen).toHaveLength(0);
  });

  it("sends a raw body with its content type and returns non-JSON success as text", async () => {
    const { client } = makeClient();
    fake.handlers.push((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("1\n00:00:00,000 --> 00:00:01,000\nhi\n");
    });
    const res = await client.request(
      { operation: "PUT /v3/x/{id}/srt", pathParams: { id: "p1" }, rawBody: { contentType: "text/plain", text: "1" } },
      { credential: apiKey },
    );
    expect(fake.seen[0]?.headers["content-type"]).toBe("text/plain");
    expect(res.body).toBeNull();
    expect(res.text).toContain("00:00:01,000");
  });

  it("reports a missing credential with setup instructions", async () => {
    const { client } = makeClient();
    const err = await rejection(client.request({ operation: "GET /v3/users/me" }, { credential: undefined }));
    expect(err.code).toBe("client_missing_credential");
    expect(err.status).toBe(401);
    expect(err.message).toContain("Set HEYGEN_API_KEY in the MCP client's env");
    expect(err.message).toContain("--sandbox");
    expect(err.hint).toContain("https://app.heygen.com/settings?nav=API");
  });
});

describe("errors", () => {
  it("maps the v3 envelope to HeyGenError with request id, doc url and hint", async () => {
    const { client } = makeClient();
    fake.handlers.push(
      apiError(404, "avatar_not_found", { param: "avatar_id", doc_url: "https://d/e#avatar-not-found" }),
    );
    const err = await rejection(client.request({ operation: "GET /v3/avatars/looks/x" }, { credential: apiKey }));
    expect(err).toMatchObject({
      status: 404,
      code: "avatar_not_found",
      message: "msg avatar_not_found",
      param: "avatar_id",
      docUrl: "https://d/e#avatar-not-found",
      requestId: "req_123",
      retryable: false,
      hint: null, // the tools layer names the next tool (src/tools/hints.ts)
    });
    expect(err.toJSON()).toMatchObject({
      code: "avatar_not_found",
      request_id: "req_123",
      doc_url: expect.any(String),
    });
  });

  it("insufficient_credit is not retried, and the client names no tool", async () => {
    const { client } = makeClient();
    fake.handlers.push(apiError(402, "insufficient_credit"));
    const err = await rejection(client.request({ operation: "POST /v3/videos", body: {} }, { credential: apiKey }));
    expect(err).toMatchObject({ code: "insufficient_credit", retryable: false, hint: null });
    expect(fake.seen).toHaveLength(1);
  });

  it("a non-JSON error body becomes client_unexpected_response, truncated", async () => {
    const { client } = makeClient();
    fake.handlers.push((_req, res) => {
      res.writeHead(400, { "content-type": "text/html" });
      res.end(`<html>${"x".repeat(5000)}</html>`);
    });
    const err = await rejection(client.request({ operation: "GET /v3/videos" }, { credential: apiKey }));
    expect(err.code).toBe("client_unexpected_response");
    expect(err.status).toBe(400);
    expect(err.message.length).toBeLessThan(300);
  });
});

describe("secrecy", () => {
  it("the key never appears in errors, toJSON or log lines", async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "debug", write: (l) => lines.push(l) });
    const { client } = makeClient({ logger, maxRetries: 1 });
    fake.handlers.push(apiError(401, "unauthorized", { message: `bad key ${KEY}`, param: "x" }));
    const e1 = await rejection(client.request({ operation: "GET /v3/videos" }, { credential: apiKey }));
    fake.handlers.push(destroy, destroy);
    const e2 = await rejection(client.request({ operation: "GET /v3/videos" }, { credential: apiKey }));
    fake.handlers.push((_req, res) => res.writeHead(502).end(`proxy says ${KEY}`));
    const e3 = await rejection(client.request({ operation: "POST /v3/voices", body: {} }, { credential: apiKey }));
    expect(e1.hint).toContain("HEYGEN_API_KEY");
    expect(lines.some((l) => l.includes('"heygen_request"'))).toBe(true);
    for (const e of [e1, e2, e3]) {
      expect(e.message).not.toContain(KEY);
      expect(JSON.stringify(e)).not.toContain(KEY);
      expect(String(e.stack)).not.toContain(KEY);
    }
    for (const l of lines) expect(l).not.toContain(KEY);
    const rec = JSON.parse(lines[0] ?? "{}");
    expect(rec).toMatchObject({ msg: "heygen_request", method: "GET", operation: "GET /v3/videos", status: 401 });
    expect(rec).toHaveProperty("request_id", "req_123");
    expect(rec).toHaveProperty("attempt", 0);
  });
});

describe("pooling", () => {
  it("reuses one keep-alive connection across calls and tenants", async () => {
    const ports: number[] = [];
    const { client } = makeClient();
    for (const value of ["tenant-a-key-000000", "tenant-b-key-000000", "tenant-c-key-000000"]) {
      fake.handlers.push((req, res) => {
        ports.push(req.socket.remotePort ?? -1);
        json(200, { data: {} })(req, res);
      });
      await client.request({ operation: "GET /v3/users/me" }, { credential: { kind: "api_key", value } });
      // undici returns the socket to the pool a tick after the body ends.
      await new Promise((r) => setImmediate(r));
    }
    expect(new Set(ports).size).toBe(1);
    expect(fake.seen.map((s) => s.headers["x-api-key"])).toEqual([
      "tenant-a-key-000000",
      "tenant-b-key-000000",
      "tenant-c-key-000000",
    ]);
  });
});
