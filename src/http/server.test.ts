import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  connectClient,
  eventually,
  type HttpStack,
  rawRequest,
  rpcPost,
  startHttpStack,
  toolsCall,
} from "../../test/helpers/http-stack.js";

/** A stand-in for HeyGen that records which credential each request carried and whether it was cut off. */
interface Seen {
  path: string;
  apiKey: string | undefined;
  authorization: string | undefined;
  aborted: boolean;
}
const seen: Seen[] = [];
let delayMs = 0;
let upstream: Server;
let upstreamUrl: string;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const entry: Seen = {
      path: req.url ?? "",
      apiKey: req.headers["x-api-key"] as string | undefined,
      authorization: req.headers.authorization,
      aborted: false,
    };
    seen.push(entry);
    res.on("close", () => {
      if (!res.writableFinished) entry.aborted = true;
    });
    setTimeout(() => {
      res.writeHead(200, { "content-type": "application/json", "x-request-id": "req_1" });
      res.end(JSON.stringify({ data: { username: "stub", email: null } }));
    }, delayMs);
  });
  await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => upstream.close(() => r())));
afterEach(() => {
  seen.length = 0;
  delayMs = 0;
});

const stacks: HttpStack[] = [];
async function stack(opts: Omit<Parameters<typeof startHttpStack>[0], "upstreamUrl"> = {}) {
  const s = await startHttpStack({ upstreamUrl, ...opts });
  stacks.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(stacks.splice(0).map((s) => s.close()));
});

const me = toolsCall("get_current_user");

describe("health", () => {
  it("answers /healthz without auth, with security headers and nothing else", async () => {
    const s = await stack();
    // Orchestrators probe by pod IP, so health answers whatever the Host header says.
    const res = await rawRequest(`${s.url}/healthz`, { headers: { host: "10.0.0.7:3000" } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ status: "ok" });
    expect(res.headers).toMatchObject({
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
      "content-security-policy": expect.stringContaining("default-src 'none'"),
    });
    expect((await fetch(`${s.url}/nope`)).status).toBe(404);
  });

  it("reports ready while listening and 503 once draining", async () => {
    const s = await stack();
    expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
    delayMs = 300;
    const inFlight = rpcPost(s, me, { "x-api-key": "hg_key_a_000000000" });
    await eventually(() => seen.length === 1);
    const stopping = s.server.shutdown(5_000);
    const ready = await fetch(`${s.url}/readyz`).catch(() => undefined);
    // Either refused outright (listener closed) or answered 503 on a kept-alive socket: never "ready".
    expect(ready?.status ?? 503).toBe(503);
    expect((await inFlight).status).toBe(200);
    expect(await stopping).toEqual({ completed: true });
  });
});

describe("shutdown", () => {
  it("cuts a call that outlives the grace period and reports it", async () => {
    const s = await stack();
    delayMs = 5_000;
    const call = rpcPost(s, me, { "x-api-key": "hg_key_k1_00000000" }).then(
      (r) => r.status,
      () => "cut",
    );
    await eventually(() => seen.length === 1);
    expect(await s.server.shutdown(50)).toEqual({ completed: false });
    expect(await call).toBe("cut");
  });
});

describe("credentials", () => {
  it("answers 401 with WWW-Authenticate and what to send when no credential is given", async () => {
    const s = await stack();
    const res = await rpcPost(s, me);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="heygen-mcp"/);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toContain("X-Api-Key");
    expect(seen).toHaveLength(0);
  });

  it("rejects a non-Bearer Authorization as an invalid token", async () => {
    const s = await stack();
    const res = await rpcPost(s, me, { authorization: "Basic dXNlcjpwdw==" });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("forwards X-Api-Key as X-Api-Key and a bearer token as Authorization: Bearer", async () => {
    const s = await stack();
    expect((await rpcPost(s, me, { "x-api-key": "hg_key_a_000000000" })).status).toBe(200);
    expect((await rpcPost(s, me, { authorization: "Bearer oauth_tok_1_00000000" })).status).toBe(200);
    expect(seen.map((r) => [r.apiKey, r.authorization])).toEqual([
      ["hg_key_a_000000000", undefined],
      [undefined, "Bearer oauth_tok_1_00000000"],
    ]);
    expect(s.logLines.join("\n")).not.toMatch(/hg_key_a|oauth_tok_1_00000000/);
  });

  it("forwards a bearer token as X-Api-Key with --bearer-as-api-key", async () => {
    const s = await stack({ bearerAsApiKey: true });
    await rpcPost(s, me, { authorization: "Bearer hg_key_b_0000000000" });
    expect(seen[0]).toMatchObject({ apiKey: "hg_key_b_0000000000", authorization: undefined });
  });

  it("uses the server key behind the endpoint auth token, and refuses a wrong token", async () => {
    const token = "endpoint-token-0123456789";
    const s = await stack({ apiKey: "hg_server_key_00000", authToken: token });
    const wrong = await rpcPost(s, me, {
      authorization: "Bearer endpoint-token-0123456780",
      "x-api-key": "mine_key_0000000000",
    });
    expect(wrong.status).toBe(401);
    expect((await rpcPost(s, me, { "x-api-key": "mine_key_0000000000" })).status).toBe(401);
    expect(
      (await rpcPost(s, me, { authorization: `Bearer ${token}`, "x-api-key": "mine_key_0000000000" })).status,
    ).toBe(200);
    expect(seen.map((r) => r.apiKey)).toEqual(["hg_server_key_00000"]);
    expect(s.logLines.join("\n")).not.toMatch(/hg_server_key_00000|endpoint-token/);
  });

  it("falls back to the sandbox key in sandbox mode", async () => {
    const s = await stack({ sandbox: true });
    expect((await rpcPost(s, me)).status).toBe(200);
    expect(seen[0]?.apiKey).toBe("heygen-mcp-sandbox-key");
  });
});

describe("hardening", () => {
  it("refuses a foreign Host or Origin with 403 and accepts loopback ones", async () => {
    const s = await stack();
    const key = { "x-api-key": "hg_key_a_000000000" };
    const rebound = await rawRequest(s.mcpUrl.href, {
      method: "POST",
      headers: { ...key, host: "evil.example", "content-type": "application/json" },
      body: JSON.stringify(me),
    });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body)).toMatchObject({ error: { message: "Invalid Host: evil.example" } });
    expect((await rpcPost(s, me, { ...key, origin: "https://evil.example" })).status).toBe(403);
    expect((await rpcPost(s, me, { ...key, origin: "http://localhost:5173" })).status).toBe(200);
  });

  it("accepts hosts and origins the operator allows", async () => {
    const s = await stack({ settings: { allowedHosts: ["mcp.example.com"], allowedOrigins: ["app.example.com"] } });
    const res = await rawRequest(s.mcpUrl.href, {
      method: "POST",
      headers: {
        "x-api-key": "hg_key_k1_00000000",
        host: "mcp.example.com:443",
        origin: "https://app.example.com",
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify(me),
    });
    expect(res.status).toBe(200);
  });

  it("answers 413 to a body over the limit, declared or streamed", async () => {
    const s = await stack({ settings: { maxBodyBytes: 2048 } });
    const big = JSON.stringify({ ...me, params: { name: "get_current_user", arguments: { pad: "x".repeat(4096) } } });
    expect((await rpcPost(s, big, { "x-api-key": "hg_key_k1_00000000" })).status).toBe(413);
    const streamed = await fetch(s.mcpUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        "x-api-key": "hg_key_k1_00000000",
      },
      body: new Blob([big]).stream(),
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(seen).toHaveLength(0);
  });

  it("limits concurrent requests per credential with 429 and Retry-After, not across credentials", async () => {
    const s = await stack({ settings: { maxConcurrentPerKey: 2 } });
    delayMs = 200;
    const slow = [
      rpcPost(s, me, { "x-api-key": "hg_key_k1_00000000" }),
      rpcPost(s, me, { "x-api-key": "hg_key_k1_00000000" }),
    ];
    await eventually(() => seen.length === 2);
    const third = await rpcPost(s, me, { "x-api-key": "hg_key_k1_00000000" });
    expect(third.status).toBe(429);
    expect(third.headers.get("retry-after")).toBe("1");
    expect((await rpcPost(s, me, { "x-api-key": "hg_key_k2_00000000" })).status).toBe(200);
    expect((await Promise.all(slow)).map((r) => r.status)).toEqual([200, 200]);
    expect((await rpcPost(s, me, { "x-api-key": "hg_key_k1_00000000" })).status).toBe(200);
  });

  it("answers malformed JSON with a JSON-RPC parse error and keeps serving", async () => {
    const s = await stack();
    const bad = await rpcPost(s, "{not json", { "x-api-key": "hg_key_k1_00000000" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: -32700 } });
    const unknown = await rpcPost(
      s,
      { jsonrpc: "2.0", id: 1, method: "nope/nope" },
      { "x-api-key": "hg_key_k1_00000000" },
    );
    const text = await unknown.text();
    expect(text).toContain("-32601");
    expect(text).not.toMatch(/\n\s+at /);
    expect((await rpcPost(s, me, { "x-api-key": "hg_key_k1_00000000" })).status).toBe(200);
  });

  it("sends CORS headers only for a configured origin", async () => {
    const plain = await stack();
    const pre = { method: "OPTIONS", headers: { origin: "http://localhost:5173" } };
    expect((await fetch(plain.mcpUrl, pre)).headers.get("access-control-allow-origin")).toBeNull();
    const cors = await stack({ settings: { corsOrigins: ["https://app.example.com"] } });
    const res = await fetch(cors.mcpUrl, {
      method: "OPTIONS",
      headers: { origin: "https://app.example.com", "access-control-request-headers": "x-api-key, content-type" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(res.headers.get("access-control-allow-headers")).toBe("x-api-key, content-type");
  });
});

describe("disconnects", () => {
  it("aborts the upstream call when a 2025-era client goes away, and keeps serving", async () => {
    const s = await stack();
    delayMs = 5_000;
    const ac = new AbortController();
    const call = rpcPost(s, me, { "x-api-key": "hg_key_k1_00000000" }, ac.signal).catch((e: unknown) => e);
    await eventually(() => seen.length === 1);
    ac.abort();
    await call;
    await eventually(() => seen[0]?.aborted === true);
    await eventually(() => s.server.inFlight === 0);
    delayMs = 0;
    expect((await rpcPost(s, me, { "x-api-key": "hg_key_k1_00000000" })).status).toBe(200);
  });

  it("aborts the upstream call when a 2026-07-28 client cancels", async () => {
    const s = await stack();
    const client = await connectClient(s, { "x-api-key": "hg_key_k1_00000000" }, "auto");
    expect(client.getNegotiatedProtocolVersion()).toBe("2026-07-28");
    delayMs = 5_000;
    const ac = new AbortController();
    const call = client.callTool({ name: "get_current_user", arguments: {} }, { signal: ac.signal });
    await eventually(() => seen.length === 1);
    ac.abort("user cancelled");
    await expect(call).rejects.toThrow();
    await eventually(() => seen[0]?.aborted === true);
    await client.close();
  });
});
