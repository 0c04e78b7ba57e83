/**
 * Property test of the one redactor, end to end: random keys, sent by tenants of the HTTP endpoint, come
 * back from a hostile upstream in every field and every spelling (case, JSON escapes, URL encoding, HTML
 * references, base64 at each alignment, past the 200-character cut). Nothing of the key may appear in what
 * the endpoint answers or in its log. The leak oracle decodes independently of src/redact.ts.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpStack, rpcPost, startHttpStack, toolsCall } from "../helpers/http-stack.js";

/** Deterministic, so a failure names its seed and replays. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomKey(random: () => number): string {
  const length = 16 + Math.floor(random() * 48);
  let key = "";
  // Visible ASCII, quotes, backslashes and percent signs included: the characters escaping changes.
  for (let i = 0; i < length; i++) key += String.fromCharCode(0x21 + Math.floor(random() * 94));
  return key;
}

const hex = (n: number, w: number) => n.toString(16).padStart(w, "0");

/** Every spelling an upstream might echo; each embedded in other text, as an echo would be. */
function echoForms(key: string): string[] {
  const b64 = (pad: string) => Buffer.from(`${pad}${key}~`).toString("base64");
  return [
    key,
    key.toUpperCase(),
    key.toLowerCase(),
    JSON.stringify(key).slice(1, -1),
    [...key].map((c) => `\\u${hex(c.charCodeAt(0), 4).toUpperCase()}`).join(""),
    encodeURIComponent(key),
    [...key].map((c) => `%${hex(c.charCodeAt(0), 2)}`).join(""),
    [...key].map((c) => `&#${c.charCodeAt(0)};`).join(""),
    b64(""),
    b64("x"),
    b64("xy"),
    Buffer.from(`k=${key}`).toString("base64url"),
  ];
}

/** Independent decoding: does this text still carry the key in any spelling? */
function leaks(text: string, key: string): boolean {
  const lowerKey = key.toLowerCase();
  const views = [
    text,
    text.replace(/\\u([0-9a-f]{4})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    text.replace(/%([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    text.replace(/&#(\d+);/g, (_m, d: string) => String.fromCharCode(Number(d))),
    text.replace(/\\(["\\/])/g, "$1"),
  ];
  if (views.some((v) => v.toLowerCase().includes(lowerKey))) return true;
  for (const run of text.match(/[A-Za-z0-9+/_-]{16,}/g) ?? []) {
    for (let shift = 0; shift < 4; shift++) {
      const decoded = Buffer.from(run.slice(shift).replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("latin1");
      if (decoded.includes(key)) return true;
    }
  }
  return false;
}

/** The hostile upstream: reads the key the request carried and echoes it everywhere, per the request path. */
let upstream: Server;
let upstreamUrl: string;
beforeAll(async () => {
  upstream = createServer((req, res) => {
    const key = String(req.headers["x-api-key"] ?? "");
    const forms = echoForms(key);
    const all = forms.join(" | ");
    const headers = { "x-request-id": `req_${key}`, "content-type": "application/json" };
    if (req.url?.startsWith("/ok/")) {
      res.writeHead(200, headers);
      res.end(
        JSON.stringify({
          data: {
            username: `user ${forms[0]} ${all}`,
            email: `${forms[3]}@example.com`,
            billing_type: forms[4],
            wallet: { currency: forms[5], remaining_balance: 1 },
            subscription: { plan: all },
            [key]: key,
          },
        }),
      );
    } else if (req.url?.startsWith("/envelope/")) {
      res.writeHead(400, headers);
      res.end(
        JSON.stringify({
          error: { code: `bad_${key}`, message: `Invalid key ${all}`, param: key.toUpperCase(), doc_url: all },
        }),
      );
    } else {
      // Not JSON, the key placed across the 200-character cut the client makes of such bodies.
      res.writeHead(502, { ...headers, "content-type": "text/plain" });
      res.end(`${"x".repeat(190)}${key}${all}`);
    }
  });
  await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => upstream.close(() => r())));

const MODES = ["ok", "envelope", "raw"] as const;
const stacks = new Map<string, HttpStack>();
afterAll(async () => {
  await Promise.all([...stacks.values()].map((s) => s.close()));
});

/** One endpoint per upstream behaviour: the mode is the base URL's path prefix, which the client keeps. */
async function endpointFor(mode: string): Promise<HttpStack> {
  let s = stacks.get(mode);
  if (!s) {
    s = await startHttpStack({ upstreamUrl: `${upstreamUrl}/${mode}`, settings: { maxConcurrentPerKey: 64 } });
    stacks.set(mode, s);
  }
  return s;
}

describe("a key echoed by the upstream never leaves the process", () => {
  it.each(MODES)("in results or logs, for 30 random keys (%s responses)", async (mode) => {
    const s = await endpointFor(mode);
    for (let seed = 1; seed <= 30; seed++) {
      const key = randomKey(mulberry32(seed * 7919 + mode.length));
      s.logLines.length = 0;
      const res = await rpcPost(s, toolsCall("get_current_user"), { "x-api-key": key });
      const text = await res.text();
      expect(res.status, `seed ${seed}`).toBe(200);
      // The call reached the upstream and came back through a result (data or isError).
      expect(text).toMatch(/"result"/);
      if (mode === "ok") expect(text).toContain("[redacted]");
      expect(leaks(text, key), `seed ${seed}: result ${text.slice(0, 400)}`).toBe(false);
      const log = s.logLines.join("");
      expect(log).toContain("heygen_request");
      expect(leaks(log, key), `seed ${seed}: log`).toBe(false);
    }
  });

  it("the oracle itself sees every echo form", () => {
    const key = randomKey(mulberry32(42));
    for (const form of echoForms(key)) expect(leaks(`a ${form} b`, key), form).toBe(true);
  });
});
