/**
 * JSON-RPC batch arrays: refused on the revisions that removed them, and where still allowed (2025-03-26,
 * the revision assumed without MCP-Protocol-Version) capped in length and counted item by item against
 * the concurrency limits. The upstream holds every request until the test releases it: no timers.
 */
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eventually, type HttpStack, rpcPost, startHttpStack, toolsCall } from "../../test/helpers/http-stack.js";

const KEY = "hg_batch_tenant_000001";
let upstream: Server;
let upstreamUrl: string;
const held: ServerResponse[] = [];
let open = 0;
let peak = 0;
let seen = 0;
let holding = false;

const answer = (res: ServerResponse) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ data: { username: "stub" } }));
};

beforeAll(async () => {
  upstream = createServer((_req, res) => {
    seen++;
    open++;
    peak = Math.max(peak, open);
    res.on("close", () => open--);
    if (holding) held.push(res);
    else answer(res);
  });
  await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => upstream.close(() => r())));

const stacks: HttpStack[] = [];
async function stack(maxConcurrentPerKey = 8) {
  const s = await startHttpStack({ upstreamUrl, settings: { maxConcurrentPerKey } });
  stacks.push(s);
  return s;
}
afterEach(async () => {
  holding = false;
  for (const res of held.splice(0)) answer(res);
  await Promise.all(stacks.splice(0).map((s) => s.close()));
  seen = 0;
  peak = 0;
});

const batch = (n: number) => Array.from({ length: n }, (_, i) => toolsCall("get_current_user", {}, i + 1));

describe("batches on revisions without batching", () => {
  it.each(["2025-06-18", "2025-11-25", "2026-07-28"])("a 100-item batch on %s is refused with -32600", async (v) => {
    const s = await stack();
    const res = await rpcPost(s, batch(100), { "x-api-key": KEY, "mcp-protocol-version": v });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: number; message: string }; id: null };
    expect(body).toMatchObject({ error: { code: -32600 }, id: null });
    expect(body.error.message).toContain("batches");
    expect(seen).toBe(0);
  });
});

describe("batches on 2025-03-26", () => {
  it("serves a short batch, one upstream call per item", async () => {
    const s = await stack();
    const res = await rpcPost(s, batch(3), { "x-api-key": KEY, "mcp-protocol-version": "2025-03-26" });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.match(/"result"/g)).toHaveLength(3);
    expect(seen).toBe(3);
  });

  it("refuses a batch longer than the per-key limit, with or without the version header", async () => {
    const s = await stack(4);
    for (const headers of [{ "mcp-protocol-version": "2025-03-26" }, { "mcp-protocol-version": "" }]) {
      const res = await rpcPost(s, batch(5), { "x-api-key": KEY, ...headers });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: -32600, message: expect.stringContaining("1 to 4") } });
    }
    expect(seen).toBe(0);
  });

  it("counts every item against the per-key limit: 10 concurrent 8-item batches run as one", async () => {
    const s = await stack(8);
    holding = true;
    const statuses: number[] = [];
    const sent = Array.from({ length: 10 }, () =>
      rpcPost(s, batch(8), { "x-api-key": KEY, "mcp-protocol-version": "2025-03-26" }).then((r) => {
        statuses.push(r.status);
        return r;
      }),
    );
    // Nine answered while the upstream still holds the eight calls of the one admitted batch.
    await eventually(() => seen === 8 && statuses.length === 9);
    expect(statuses).toEqual(Array(9).fill(429));
    holding = false;
    for (const res of held.splice(0)) answer(res);
    expect((await Promise.all(sent)).filter((r) => r.status === 200)).toHaveLength(1);
    expect(peak).toBeLessThanOrEqual(8);
    expect(seen).toBe(8);
  });

  it("a batch that does not fit beside calls in flight gets 429, and fits once they finish", async () => {
    const s = await stack(4);
    holding = true;
    const first = rpcPost(s, batch(3), { "x-api-key": KEY, "mcp-protocol-version": "2025-03-26" });
    await eventually(() => seen === 3);
    const second = await rpcPost(s, batch(2), { "x-api-key": KEY, "mcp-protocol-version": "2025-03-26" });
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBe("1");
    holding = false;
    for (const res of held.splice(0)) answer(res);
    expect((await first).status).toBe(200);
    const third = await rpcPost(s, batch(2), { "x-api-key": KEY, "mcp-protocol-version": "2025-03-26" });
    expect(third.status).toBe(200);
  });
});
