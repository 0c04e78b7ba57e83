/**
 * Connection exhaustion, on loopback with a bounded number of sockets: a client holding 1,100 half-open
 * connections (from 127.0.0.2) takes its per-address share and nothing more; health probes from anywhere,
 * the flooding address included, are still answered, and a well-behaved client is served. A client that
 * never finishes its headers is cut off with 408 by the header deadline.
 */
import { writeFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eventually, type HttpStack, rpcPost, startHttpStack, toolsCall } from "../../test/helpers/http-stack.js";
import { effectiveMaxConnections, openFileLimit, RESERVED_CONNECTIONS } from "./connections.js";

const KEY = "hg_connections_key_0001";
let upstream: Server;
let upstreamUrl: string;
beforeAll(async () => {
  upstream = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ data: { username: "stub" } }));
  });
  await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => upstream.close(() => r())));

const sockets: Socket[] = [];
const stacks: HttpStack[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(stacks.splice(0).map((s) => s.close()));
});

/** A GET from a chosen loopback address; resolves with the status, or "reset" if the connection was cut. */
function get(url: string, localAddress: string): Promise<number | "reset"> {
  return new Promise((resolve) => {
    const req = request(url, { localAddress, agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", () => resolve("reset"));
    req.end();
  });
}

/** Opens n connections from `from` that send half a request and then nothing; resolves once all settled. */
async function holdHalfOpen(port: number, from: string, n: number): Promise<void> {
  await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<void>((resolve) => {
          const socket = connect({ port, host: "127.0.0.1", localAddress: from });
          sockets.push(socket);
          socket.on("error", () => resolve());
          socket.on("close", () => resolve());
          socket.on("connect", () => {
            socket.write("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le");
            resolve();
          });
        }),
    ),
  );
}

describe("connection caps", () => {
  it("keeps /healthz answering and serves others while one address holds 1,100 half-open sockets", async () => {
    const s = await startHttpStack({ upstreamUrl });
    stacks.push(s);
    const port = Number(new URL(s.url).port);
    await holdHalfOpen(port, "127.0.0.2", 1_100);
    // Accepts are handled in order, so this answer comes after every flood connection was admitted or cut.
    expect(await get(`${s.url}/healthz`, "127.0.0.1")).toBe(200);
    const alive = sockets.filter((socket) => !socket.destroyed).length;
    expect(alive).toBeLessThanOrEqual(128 + RESERVED_CONNECTIONS);
    // The flooding address itself: health from a reserved slot, anything else refused with 503.
    expect(await get(`${s.url}/healthz`, "127.0.0.2")).toBe(200);
    expect(await get(`${s.url}/readyz`, "127.0.0.2")).toBe(200);
    expect(await get(`${s.url}/mcp`, "127.0.0.2")).toBe(503);
    // A well-behaved client elsewhere is served as usual.
    const res = await rpcPost(s, toolsCall("get_current_user"), { "x-api-key": KEY });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("stub");
  });

  it("caps the total as well, and still answers health over it", async () => {
    const s = await startHttpStack({ upstreamUrl, settings: { maxConnections: 20, maxConnectionsPerAddress: 20 } });
    stacks.push(s);
    const port = Number(new URL(s.url).port);
    await holdHalfOpen(port, "127.0.0.3", 60);
    expect(await get(`${s.url}/healthz`, "127.0.0.1")).toBe(200);
    expect(await get(`${s.url}/mcp`, "127.0.0.1")).toBe(503);
    for (const socket of sockets.splice(0)) socket.destroy();
    // Slots come back as the flood goes away.
    await eventually(
      async () => (await rpcPost(s, toolsCall("get_current_user"), { "x-api-key": KEY })).status === 200,
    );
  });

  it("answers 408 to a client that never finishes its headers, then closes", async () => {
    const s = await startHttpStack({ upstreamUrl, settings: { requestTimeoutMs: 1_000 } });
    stacks.push(s);
    const socket = connect({ port: Number(new URL(s.url).port), host: "127.0.0.1" });
    sockets.push(socket);
    let received = "";
    socket.on("data", (d: Buffer) => {
      received += d.toString();
    });
    socket.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    await new Promise<void>((resolve) => socket.on("close", () => resolve()));
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  });
});

describe("the total cap fits the process", () => {
  it("reads the soft open-file limit and stays below it", () => {
    const file = join(tmpdir(), `limits-${process.pid}`);
    writeFileSync(
      file,
      "Limit                     Soft Limit           Hard Limit           Units     \nMax open files            1024                 4096                 files     \n",
    );
    expect(openFileLimit(file)).toBe(1024);
    expect(openFileLimit(join(tmpdir(), "no-such-file"))).toBeNull();
    expect(effectiveMaxConnections(1024, 1024)).toBeLessThan(1024);
    expect(effectiveMaxConnections(500, 20_000)).toBe(500);
    expect(effectiveMaxConnections(500, null)).toBe(500);
  });
});
