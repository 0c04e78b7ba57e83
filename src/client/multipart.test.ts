import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { apiError, apiKey, destroy, type FakeServer, rejection, startFakeServer } from "./test-server.js";

let fake: FakeServer;
beforeAll(async () => {
  fake = await startFakeServer();
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

function form(): FormData {
  const f = new FormData();
  f.append("file", new Blob(["hello png"], { type: "image/png" }), "logo.png");
  return f;
}

describe("multipart bodies", () => {
  it("sends a FormData as multipart/form-data with the encoder's boundary", async () => {
    const { client } = fake.makeClient();
    await client.request({ operation: "POST /v3/assets", form: form() }, { credential: apiKey });
    const s = fake.seen[0];
    const contentType = s?.headers["content-type"] ?? "";
    const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
    expect(contentType.startsWith("multipart/form-data; boundary=")).toBe(true);
    expect(boundary).toBeDefined();
    expect(s?.body).toContain(`--${boundary}\r\n`);
    expect(s?.body).toContain('Content-Disposition: form-data; name="file"; filename="logo.png"');
    expect(s?.body).toContain("Content-Type: image/png\r\n\r\nhello png\r\n");
    expect(s?.body).toContain(`--${boundary}--`);
    expect(s?.headers["idempotency-key"]).toMatch(/^[A-Za-z0-9_\-:.]+$/);
    expect(Number(s?.headers["content-length"])).toBe(Buffer.byteLength(s?.body ?? ""));
  });

  it("retries a keyed multipart POST with the same bytes and the same Idempotency-Key", async () => {
    const { client, delays } = fake.makeClient();
    fake.handlers.push(apiError(503, "service_unavailable"), destroy);
    const res = await client.request({ operation: "POST /v3/assets", form: form() }, { credential: apiKey });
    expect(res.status).toBe(200);
    expect(delays).toHaveLength(2);
    expect(fake.seen).toHaveLength(3);
    const [a, b, c] = fake.seen;
    expect(b?.body).toBe(a?.body);
    expect(c?.body).toBe(a?.body);
    expect(c?.headers["content-type"]).toBe(a?.headers["content-type"]);
    expect(c?.headers["idempotency-key"]).toBe(a?.headers["idempotency-key"]);
  });

  it("does not retry an unkeyed multipart POST after a 5xx", async () => {
    const { client } = fake.makeClient();
    fake.handlers.push(apiError(500, "internal_error"));
    const err = await rejection(client.request({ operation: "POST /v3/voices", form: form() }, { credential: apiKey }));
    expect(err.status).toBe(500);
    expect(fake.seen).toHaveLength(1);
  });

  it("refuses form together with a JSON body", async () => {
    const { client } = fake.makeClient();
    const err = await rejection(
      client.request({ operation: "POST /v3/assets", form: form(), body: {} }, { credential: apiKey }),
    );
    expect(err.code).toBe("client_invalid_request");
    expect(fake.seen).toHaveLength(0);
  });
});
