/**
 * Reads a file from a URL a caller gave (upload_asset's url) or HeyGen returned (an SRT link), bounded in
 * size and time. On a shared --http endpoint such a URL is attacker-chosen, so connections may only go to
 * public addresses: the check runs in the socket's own DNS lookup, so a name cannot resolve to a public
 * address for a pre-check and to an internal one for the connection. The HeyGen origin itself (which is
 * loopback when it is the sandbox) stays reachable.
 */
import { type LookupAddress, lookup } from "node:dns";
import { BlockList, isIP } from "node:net";
import type { Dispatcher } from "undici";

export type FileFetchResult =
  | { ok: true; bytes: Buffer; contentType: string | null }
  | { ok: false; reason: "blocked" | "unreachable" | "http_status" | "too_large"; status?: number; bytes?: number };

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
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  NON_PUBLIC.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  NON_PUBLIC.addSubnet(net, prefix, "ipv6");
}

export function isPublicAddress(address: string): boolean {
  const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i)?.[1];
  if (mapped) return isPublicAddress(mapped);
  const family = isIP(address);
  if (family === 0) return false;
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

export class FileFetcher {
  #guarded: Promise<Dispatcher> | undefined;
  #open: Promise<Dispatcher> | undefined;

  constructor(private readonly trustedOrigin: string) {}

  async fetch(url: string, opts: FileFetchOptions): Promise<FileFetchResult> {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return { ok: false, reason: "unreachable" };
    }
    if (target.protocol !== "https:" && target.protocol !== "http:") return { ok: false, reason: "unreachable" };
    const isTrusted = target.origin === this.trustedOrigin;
    const literal = target.hostname.replace(/^\[|\]$/g, "");
    // An IP literal skips DNS, so the lookup guard would never see it.
    if (!isTrusted && isIP(literal) && !isPublicAddress(literal)) return { ok: false, reason: "blocked" };
    const agent = await this.#agent(isTrusted ? "open" : "guarded");
    const signals = [AbortSignal.timeout(opts.timeoutMs), ...(opts.signal ? [opts.signal] : [])];
    try {
      const res = await agent.request({
        origin: target.origin,
        path: `${target.pathname}${target.search}`,
        method: "GET",
        signal: AbortSignal.any(signals),
      });
      if (res.statusCode < 200 || res.statusCode >= 300) {
        await res.body.dump();
        return { ok: false, reason: "http_status", status: res.statusCode };
      }
      const declared = Number(res.headers["content-length"] ?? Number.NaN);
      if (declared > opts.maxBytes) {
        await res.body.dump();
        return { ok: false, reason: "too_large", bytes: declared };
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        size += (chunk as Buffer).byteLength;
        if (size > opts.maxBytes) {
          res.body.destroy();
          return { ok: false, reason: "too_large" };
        }
        chunks.push(chunk as Buffer);
      }
      const type =
        String(res.headers["content-type"] ?? "")
          .split(";")[0]
          ?.trim() || null;
      return { ok: true, bytes: Buffer.concat(chunks), contentType: type };
    } catch (err) {
      return { ok: false, reason: hasBlockedCause(err) ? "blocked" : "unreachable" };
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.#guarded, this.#open].map(async (a) => (await a)?.close()));
  }

  /** Redirects are followed, each hop through the same guarded lookup. */
  #agent(kind: "guarded" | "open"): Promise<Dispatcher> {
    const make = () =>
      import("undici").then((undici) => {
        const { Agent, interceptors } = (undici as unknown as { default?: typeof undici }).default ?? undici;
        const agent = new Agent(kind === "guarded" ? { connect: { lookup: publicLookup } } : {});
        return agent.compose(interceptors.redirect({ maxRedirections: 5 }));
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
