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
      if (req.url === "/redirect") res.writeHead(302, { location: "/small" }).end();
      else if (req.url === "/big") res.end("y".repeat(2_000));
      else res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end("hello");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const opts = { maxBytes: 1_000, timeoutMs: 5_000 };

  it("reads HeyGen's own origin even on loopback, following redirects", async () => {
    const fetcher = new FileFetcher(origin);
    expect(await fetcher.fetch(`${origin}/small`, opts)).toMatchObject({ ok: true, contentType: "text/plain" });
    const redirected = await fetcher.fetch(`${origin}/redirect`, opts);
    expect(redirected.ok && redirected.bytes.toString()).toBe("hello");
    await fetcher.close();
  });

  it("refuses loopback and private targets, by literal and by name, so a caller cannot reach internal services", async () => {
    const fetcher = new FileFetcher("https://api.heygen.com");
    const port = new URL(origin).port;
    expect(await fetcher.fetch(`${origin}/small`, opts)).toEqual({ ok: false, reason: "blocked" });
    expect(await fetcher.fetch(`http://localhost:${port}/small`, opts)).toEqual({ ok: false, reason: "blocked" });
    expect(await fetcher.fetch("http://[::1]/x", opts)).toEqual({ ok: false, reason: "blocked" });
    expect(await fetcher.fetch("http://169.254.169.254/latest/meta-data", opts)).toEqual({
      ok: false,
      reason: "blocked",
    });
    await fetcher.close();
  });

  it("stops at the size limit and refuses other schemes", async () => {
    const fetcher = new FileFetcher(origin);
    expect(await fetcher.fetch(`${origin}/big`, opts)).toMatchObject({ ok: false, reason: "too_large", bytes: 2_000 });
    expect(await fetcher.fetch("file:///etc/passwd", opts)).toEqual({ ok: false, reason: "unreachable" });
    await fetcher.close();
  });
});
