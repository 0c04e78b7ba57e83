import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileFetcher, isPublicAddress } from "./fetch-file.js";

describe("isPublicAddress", () => {
  it.each([
    ["8.8.8.8", true],
    ["2606:4700::1111", true],
    ["127.0.0.1", false],
    ["10.1.2.3", false],
    ["172.20.0.1", false],
    ["192.168.1.1", false],
    ["169.254.169.254", false],
    ["100.64.0.1", false],
    ["0.0.0.0", false],
    ["::1", false],
    ["fd00::1", false],
    ["fe80::1", false],
    ["::ffff:127.0.0.1", false],
    ["64:ff9b::a00:1", false],
    ["2002:7f00:1::", false],
    ["::127.0.0.1", false],
    ["203.0.113.5", false],
    ["::ffff:7f00:1", false],
    ["::ffff:8.8.8.8", false],
    ["::ffff:0:a00:1", false],
    ["fec0::1", false],
    ["2001::1", false],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", false],
    ["2001:2::1", false],
    ["2001:20::1", false],
    ["3fff::1", false],
    ["5f00::1", false],
    ["192.88.99.1", false],
    ["2a00:1450:4001::1", true],
    ["not an ip", false],
  ])("%s → %s", (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe("FileFetcher", () => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/media/redirect") res.writeHead(302, { location: "/media/small" }).end();
      else if (req.url === "/media/escape") res.writeHead(302, { location: "/_sandbox/requests" }).end();
      else if (req.url === "/media/to-ip") res.writeHead(302, { location: "http://169.254.169.254/x" }).end();
      else if (req.url === "/media/big") res.end("y".repeat(2_000));
      else res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end("hello");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const opts = { maxBytes: 1_000, timeoutMs: 5_000 };

  it("reads the HeyGen origin's /media/ files even on loopback (the sandbox), following redirects", async () => {
    const fetcher = new FileFetcher(origin);
    expect(await fetcher.fetch(`${origin}/media/small`, opts)).toMatchObject({ ok: true, contentType: "text/plain" });
    const redirected = await fetcher.fetch(`${origin}/media/redirect`, opts);
    expect(redirected.ok && redirected.bytes.toString()).toBe("hello");
    await fetcher.close();
  });

  it("checks every redirect hop and every path: no way from /media/ to other loopback paths or internal IPs", async () => {
    const fetcher = new FileFetcher(origin);
    expect(await fetcher.fetch(`${origin}/media/escape`, opts)).toEqual({ ok: false, reason: "blocked" });
    expect(await fetcher.fetch(`${origin}/media/to-ip`, opts)).toEqual({ ok: false, reason: "blocked" });
    expect(await fetcher.fetch(`${origin}/media/../_sandbox/requests`, opts)).toEqual({ ok: false, reason: "blocked" });
    expect(await fetcher.fetch(`${origin}/_sandbox/requests`, opts)).toEqual({ ok: false, reason: "blocked" });
    await fetcher.close();
  });

  it.each([
    "/media/..%2f_sandbox%2frequests",
    "/media/..%2F..%2F_sandbox/requests",
    "/media/%2e%2e%2f_sandbox/requests",
    "/media/a%5c..%5c_sandbox",
    "/media/%zz",
    "/media/%2e%2e",
  ])("judges the /media/ path after decoding: %s is not trusted", async (path) => {
    const fetcher = new FileFetcher(origin);
    expect(await fetcher.fetch(`${origin}${path}`, opts)).toEqual({ ok: false, reason: "blocked" });
    await fetcher.close();
  });

  it("refuses loopback and private targets, by literal and by name, so a caller cannot reach internal services", async () => {
    const fetcher = new FileFetcher("https://api.heygen.com");
    const port = new URL(origin).port;
    expect(await fetcher.fetch(`${origin}/media/small`, opts)).toEqual({ ok: false, reason: "blocked" });
    expect(await fetcher.fetch(`http://localhost:${port}/media/small`, opts)).toEqual({ ok: false, reason: "blocked" });
    expect(await fetcher.fetch("http://[::1]/x", opts)).toEqual({ ok: false, reason: "blocked" });
    expect(await fetcher.fetch("http://169.254.169.254/latest/meta-data", opts)).toEqual({
      ok: false,
      reason: "blocked",
    });
    await fetcher.close();
  });

  it("stops at the size limit and refuses other schemes", async () => {
    const fetcher = new FileFetcher(origin);
    expect(await fetcher.fetch(`${origin}/media/big`, opts)).toMatchObject({
      ok: false,
      reason: "too_large",
      bytes: 2_000,
    });
    expect(await fetcher.fetch("file:///etc/passwd", opts)).toEqual({ ok: false, reason: "unreachable" });
    await fetcher.close();
  });
});
