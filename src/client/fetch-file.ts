/**
 * Reads a file from a URL a caller gave (upload_asset's url) or HeyGen returned (an SRT link), bounded in
 * size and time. On a shared --http endpoint such a URL is attacker-chosen, so connections may only go to
 * public addresses: names are checked in the socket's own DNS lookup (so a name cannot resolve to a public
 * address for a pre-check and an internal one for the connection), IP literals before connecting, and
 * redirects are followed by hand so every hop gets both checks. The one exception is the HeyGen origin's
 * /media/ path, where the sandbox (on loopback) serves its files; HeyGen's own files sit on public CDNs.
 */
import { type LookupAddress, lookup } from "node:dns";
import { BlockList, isIP } from "node:net";
import type { Dispatcher } from "undici";

type FileFailure = {
  ok: false;
  reason: "blocked" | "unreachable" | "http_status" | "too_large";
  status?: number;
  bytes?: number;
};

export type FileFetchResult = { ok: true; bytes: Buffer; contentType: string | null } | FileFailure;

export type FileStreamResult =
  | {
      ok: true;
      body: AsyncIterable<Uint8Array> & { destroy(): void };
      length: number | null;
      contentType: string | null;
    }
  | FileFailure;

const contentTypeOf = (headers: Record<string, string | string[] | undefined>) =>
  String(headers["content-type"] ?? "")
    .split(";")[0]
    ?.trim() || null;

export interface FileFetchOptions {
  maxBytes: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

const NON_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  NON_PUBLIC.addSubnet(net, prefix, "ipv4");
}
// The IANA IPv6 special-purpose registry, reviewed whole. Forms that embed or translate to IPv4
// (IPv4-compatible, IPv4-mapped in any spelling, SIIT, NAT64, 6to4) are refused outright: a public
// host's DNS never needs them, and each can reach an internal IPv4 address.
for (const [net, prefix] of [
  ["::", 96], // unspecified, loopback, IPv4-compatible
  ["::ffff:0:0:0", 96], // IPv4-translated (SIIT)
  ["64:ff9b::", 96], // NAT64
  ["64:ff9b:1::", 48], // local-use NAT64
  ["100::", 64], // discard-only
  ["2001::", 23], // IETF protocol assignments: Teredo 2001::/32, benchmarking, ORCHID, AMT, …
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4
  ["3fff::", 20], // documentation (2024)
  ["5f00::", 16], // SRv6 SIDs
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated, still routed internally by some networks)
  ["ff00::", 8], // multicast
] as const) {
  NON_PUBLIC.addSubnet(net, prefix, "ipv6");
}

// IPv4-mapped (::ffff:0:0/96, dotted or hex as in ::ffff:7f00:1) has a list of its own: BlockList checks
// every IPv4 address against IPv6 rules in this mapped form, so the range in NON_PUBLIC would block all IPv4.
const IPV4_MAPPED = new BlockList();
IPV4_MAPPED.addSubnet("::ffff:0:0", 96, "ipv6");

export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 6 && IPV4_MAPPED.check(address, "ipv6")) return false;
  return !NON_PUBLIC.check(address, family === 4 ? "ipv4" : "ipv6");
}

class BlockedAddressError extends Error {
  readonly code = "ERR_HEYGEN_MCP_BLOCKED_ADDRESS";
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A dns.lookup that only ever yields public addresses. */
function publicLookup(hostname: string, options: object, callback: LookupCallback): void {
  lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const allowed = addresses.filter((a) => isPublicAddress(a.address));
    if (allowed.length === 0) return callback(new BlockedAddressError(`${hostname} is not a public address`), []);
    if ((options as { all?: boolean }).all) return callback(null, allowed);
    const first = allowed[0] as LookupAddress;
    callback(null, first.address, first.family);
  });
}

const MAX_REDIRECTS = 5;
/** File reads in flight at once, per process: each may hold up to maxBytes in memory. */
const MAX_CONCURRENT_FETCHES = 4;

export class FileFetcher {
  #guarded: Promise<Dispatcher> | undefined;
  #open: Promise<Dispatcher> | undefined;
  #active = 0;
  readonly #waiting: (() => void)[] = [];
  readonly #heygenOrigin: string;

  constructor(heygenOrigin: string) {
    this.#heygenOrigin = heygenOrigin;
  }

  async fetch(url: string, opts: FileFetchOptions): Promise<FileFetchResult> {
    const signal = AbortSignal.any([AbortSignal.timeout(opts.timeoutMs), ...(opts.signal ? [opts.signal] : [])]);
    await this.#slot();
    try {
      let target = url;
      for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
        const step = await this.#get(target, opts.maxBytes, signal);
        if (!("location" in step)) return step;
        target = step.location;
      }
      return { ok: false, reason: "unreachable" };
    } catch (err) {
      return { ok: false, reason: hasBlockedCause(err) ? "blocked" : "unreachable" };
    } finally {
      this.#active--;
      this.#waiting.shift()?.();
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.#guarded, this.#open].map(async (a) => (await a)?.close()));
  }

  async #slot(): Promise<void> {
    if (this.#active >= MAX_CONCURRENT_FETCHES) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#active++;
  }

  /** One hop: a result, or where a redirect points (checked again as its own hop). */
  async #get(url: string, maxBytes: number, signal: AbortSignal): Promise<FileFetchResult | { location: string }> {
    const step = await this.#hop(url, signal);
    if (!("response" in step)) return step;
    const res = step.response;
    const declared = Number(res.headers["content-length"] ?? Number.NaN);
    if (declared > maxBytes) {
      await res.body.dump();
      return { ok: false, reason: "too_large", bytes: declared };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).byteLength;
      if (size > maxBytes) {
        res.body.destroy();
        return { ok: false, reason: "too_large" };
      }
      chunks.push(chunk as Buffer);
    }
    return { ok: true, bytes: Buffer.concat(chunks), contentType: contentTypeOf(res.headers) };
  }

  /**
   * Opens a file for streaming (a finished job's output, written to disk as it arrives), with the same
   * address checks and redirect handling as fetch(). The caller must consume or destroy `body`.
   */
  async stream(url: string, signal: AbortSignal): Promise<FileStreamResult> {
    try {
      let target = url;
      for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
        const step = await this.#hop(target, signal);
        if ("location" in step) {
          target = step.location;
          continue;
        }
        if (!("response" in step)) return step;
        const { headers, body } = step.response;
        const length = Number(headers["content-length"] ?? Number.NaN);
        return { ok: true, body, length: Number.isFinite(length) ? length : null, contentType: contentTypeOf(headers) };
      }
      return { ok: false, reason: "unreachable" };
    } catch (err) {
      if (signal.aborted) throw err;
      return { ok: false, reason: hasBlockedCause(err) ? "blocked" : "unreachable" };
    }
  }

  async #hop(
    url: string,
    signal: AbortSignal,
  ): Promise<FileFailure | { location: string } | { response: Dispatcher.ResponseData }> {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return { ok: false, reason: "unreachable" };
    }
    if (target.protocol !== "https:" && target.protocol !== "http:") return { ok: false, reason: "unreachable" };
    const isTrusted = this.#isTrustedMedia(target);
    const literal = target.hostname.replace(/^\[|\]$/g, "");
    // An IP literal skips DNS, so the lookup guard would never see it.
    if (!isTrusted && isIP(literal) && !isPublicAddress(literal)) return { ok: false, reason: "blocked" };
    const agent = await this.#agent(isTrusted ? "open" : "guarded");
    const res = await agent.request({
      origin: target.origin,
      path: `${target.pathname}${target.search}`,
      method: "GET",
      signal,
    });
    const location = res.headers.location;
    if (res.statusCode >= 300 && res.statusCode < 400 && typeof location === "string") {
      await res.body.dump();
      return { location: new URL(location, target).href };
    }
    if (res.statusCode < 200 || res.statusCode >= 300) {
      await res.body.dump();
      return { ok: false, reason: "http_status", status: res.statusCode };
    }
    return { response: res };
  }

  /**
   * A /media/ path on the HeyGen origin, judged after decoding: new URL() resolves "/media/../x" but leaves
   * "/media/..%2fx" alone, which the origin may decode into a path outside /media/. A segment that fails
   * to decode, decodes to a dot segment, or hides a separator is not trusted (and goes through the guard).
   */
  #isTrustedMedia(target: URL): boolean {
    if (target.origin !== this.#heygenOrigin) return false;
    let segments: string[];
    try {
      segments = target.pathname.split("/").map((segment) => decodeURIComponent(segment));
    } catch {
      return false;
    }
    const isPlain = (s: string) => s !== "." && s !== ".." && !s.includes("/") && !s.includes("\\");
    return segments.length > 2 && segments[0] === "" && segments[1] === "media" && segments.every(isPlain);
  }

  #agent(kind: "guarded" | "open"): Promise<Dispatcher> {
    const make = () =>
      import("undici").then((undici) => {
        const { Agent } = (undici as unknown as { default?: typeof undici }).default ?? undici;
        return new Agent(kind === "guarded" ? { connect: { lookup: publicLookup } } : {});
      });
    if (kind === "guarded") {
      this.#guarded ??= make();
      return this.#guarded;
    }
    this.#open ??= make();
    return this.#open;
  }
}

function hasBlockedCause(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if (e instanceof BlockedAddressError) return true;
  }
  return false;
}
