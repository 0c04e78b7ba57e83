/**
 * Host and Origin checks (DNS rebinding, cross-site requests) with the SDK's own validators, and CORS for
 * the browser origins an operator lists. Loopback names are always allowed, so a local server works as is.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  localhostAllowedHostnames,
  localhostAllowedOrigins,
  validateHostHeader,
  validateOriginHeader,
} from "@modelcontextprotocol/server";

export interface GuardSettings {
  allowedHosts: readonly string[];
  allowedOrigins: readonly string[];
  corsOrigins: readonly string[];
}

export interface Guards {
  /** An error message when the Host header is not allowed, else null. */
  hostProblem(req: IncomingMessage): string | null;
  /** An error message when a present Origin is not allowed, else null. */
  originProblem(req: IncomingMessage): string | null;
  /** Adds CORS headers when the request's Origin is a listed CORS origin; true when it is. */
  applyCors(req: IncomingMessage, res: ServerResponse): boolean;
}

/** The validators compare bare host names, so `mcp.example.com:443` and `https://app.example.com` are reduced. */
function hostnameOf(entry: string): string {
  const value = entry.trim().toLowerCase();
  if (/^[a-z][a-z0-9+.-]*:\/\/\*$/.test(value)) return value;
  try {
    return new URL(value.includes("://") ? value : `http://${value}`).hostname;
  } catch {
    return value;
  }
}

const EXPOSED_HEADERS = "mcp-protocol-version, mcp-session-id, www-authenticate, retry-after";
const HEADER_LIST = /^[A-Za-z0-9-]+(\s*,\s*[A-Za-z0-9-]+)*$/;

export function createGuards(s: GuardSettings): Guards {
  const anyHost = s.allowedHosts.includes("*");
  const hosts = [...localhostAllowedHostnames(), ...s.allowedHosts.map(hostnameOf)];
  const corsOrigins = new Set(s.corsOrigins.map((o) => new URL(o).origin));
  const origins = [
    ...localhostAllowedOrigins(),
    ...s.allowedOrigins.map(hostnameOf),
    ...[...corsOrigins].map(hostnameOf),
  ];
  return {
    hostProblem(req) {
      if (anyHost) return null;
      const result = validateHostHeader(req.headers.host, hosts);
      return result.ok ? null : result.message;
    },
    originProblem(req) {
      const result = validateOriginHeader(req.headers.origin, origins);
      return result.ok ? null : result.message;
    },
    applyCors(req, res) {
      const origin = req.headers.origin;
      if (origin === undefined || !corsOrigins.has(origin)) return false;
      res.setHeader("access-control-allow-origin", origin);
      res.setHeader("vary", "Origin");
      res.setHeader("access-control-expose-headers", EXPOSED_HEADERS);
      if (req.method === "OPTIONS") {
        res.setHeader("access-control-allow-methods", "POST, GET, DELETE, OPTIONS");
        // Echoing the requested names covers the spec's Mcp-Param-* headers; the origin is already trusted.
        const requested = req.headers["access-control-request-headers"];
        if (requested && HEADER_LIST.test(requested)) res.setHeader("access-control-allow-headers", requested);
        res.setHeader("access-control-max-age", "600");
      }
      return true;
    },
  };
}
