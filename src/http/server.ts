/**
 * The remote endpoint: stateless streamable HTTP at /mcp for many tenants (createMcpHandler + toNodeHandler
 * on node:http, mcp-sdk.md §3), plus /healthz and /readyz. Every check that can refuse a request (Host,
 * Origin, size, credential, tool narrowing, concurrency) runs before the SDK sees it; nothing a later
 * request needs is kept in memory.
 */
import { createServer, type IncomingMessage, type Server as NodeServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { toNodeHandler } from "@modelcontextprotocol/node";
import { createMcpHandler, type McpRequestContext, type Server } from "@modelcontextprotocol/server";
import type { Credential, HeyGenClient } from "../client/index.js";
import type { FilesFolder } from "../files/folder.js";
import type { Logger } from "../log.js";
import { createServerFactory } from "../server.js";
import type { AnyToolDef } from "../tools/define.js";
import { createAdmission, foreignRequest, isRefusal, type Refusal } from "./admission.js";
import type { AuthPolicy } from "./auth.js";
import { createGuards, type GuardSettings } from "./guards.js";
import { ConcurrencyLimiter } from "./limits.js";
import { applySecurityHeaders, RPC, sendJson, sendRpcError } from "./respond.js";
import { ToolScopes } from "./scopes.js";
import { Drain } from "./shutdown.js";

export interface HttpSettings extends GuardSettings {
  host: string;
  port: number;
  maxBodyBytes: number;
  maxConcurrentPerKey: number;
  maxConcurrent: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  shutdownGraceMs: number;
}

export interface HttpServerOptions {
  settings: HttpSettings;
  auth: AuthPolicy;
  /** Every tool the project defines: what a client's narrowing headers may name. */
  catalog: readonly AnyToolDef[];
  /** The operator's selection: the upper bound of what any request sees. */
  operatorTools: readonly AnyToolDef[];
  client: HeyGenClient;
  logger: Logger;
  version: string;
  /** Local files for file_path and downloads: off (null) unless the operator set --files-dir. */
  files?: FilesFolder | null;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  readonly inFlight: number;
  /** Stop accepting, finish in-flight requests within graceMs (default: the setting), close the rest. */
  shutdown(graceMs?: number): Promise<{ completed: boolean }>;
}

type ServerFactory = (ctx: McpRequestContext) => Server;

/** What the checks decided for one request; it rides to the factory on the SDK's pass-through authInfo. */
class Grant {
  constructor(
    readonly credential: Credential,
    readonly factory: ServerFactory,
  ) {}
}

const grantOf = (ctx: McpRequestContext): Grant | undefined => {
  const grant = ctx.authInfo?.extra?.grant;
  return grant instanceof Grant ? grant : undefined;
};

const MAX_HEADERS_TIMEOUT_MS = 10_000;

export async function startHttpServer(opts: HttpServerOptions): Promise<RunningHttpServer> {
  const { settings: s, logger } = opts;
  const guards = createGuards(s);
  const drain = new Drain();
  const scopes = new ToolScopes<ServerFactory>(opts.catalog, opts.operatorTools, (tools) =>
    createServerFactory({
      version: opts.version,
      tools,
      client: opts.client,
      logger,
      files: opts.files ?? null,
      credentialFor: (ctx) => grantOf(ctx)?.credential,
    }),
  );
  const admit = createAdmission({
    guards,
    auth: opts.auth,
    scopes,
    limiter: new ConcurrencyLimiter(s.maxConcurrentPerKey, s.maxConcurrent),
    maxBodyBytes: s.maxBodyBytes,
    maxConcurrentPerKey: s.maxConcurrentPerKey,
    isDraining: () => drain.draining,
    logger,
  });

  const mcp = createMcpHandler(
    (ctx) => {
      const grant = grantOf(ctx);
      if (!grant) throw new Error("an MCP request arrived without passing the endpoint checks");
      // A client that goes away aborts the request's signal; the SDK then closes this per-request server in
      // both eras, which aborts ctx.mcpReq.signal and with it the HeyGen call (server.test.ts "disconnects").
      return grant.factory(ctx);
    },
    {
      maxRequestBodySize: s.maxBodyBytes,
      onerror: (err) => logger.debug("mcp_request_rejected", { error: err.message }),
    },
  );
  const serveMcp = toNodeHandler(mcp, {
    maxRequestBodySize: s.maxBodyBytes,
    onerror: (err) => logger.error("mcp_adapter_error", { error: err.message }),
  });

  function handleMcp(req: IncomingMessage, res: ServerResponse): void {
    const foreign = foreignRequest(req, guards);
    if (foreign) {
      refuse(res, foreign);
      return;
    }
    // Before any refusal below, so a listed browser origin can read why it was refused.
    const isCors = guards.applyCors(req, res);
    if (req.method === "OPTIONS") {
      if (isCors) res.writeHead(204).end();
      else sendRpcError(res, 405, RPC.serverError, "Method not allowed.", { allow: "POST, GET, DELETE" });
      return;
    }
    const decision = admit(req);
    if (isRefusal(decision)) {
      refuse(res, decision);
      return;
    }
    res.once("close", decision.release);
    const grant = new Grant(decision.credential, decision.factory);
    const auth = { token: decision.principal, clientId: "heygen-mcp-http", scopes: [], extra: { grant } };
    serveMcp(Object.assign(req, { auth }), res).catch((err: unknown) => {
      logger.error("mcp_adapter_error", { error: err instanceof Error ? err.message : String(err) });
      res.destroy();
    });
  }

  // Health endpoints skip the Host check: orchestrators probe by pod IP, and they reveal nothing.
  function route(req: IncomingMessage, res: ServerResponse): void {
    const path = pathOf(req.url);
    if (path === "/mcp") handleMcp(req, res);
    else if (req.method !== "GET" && req.method !== "HEAD") {
      sendJson(res, 405, { error: "method_not_allowed" }, { allow: "GET, HEAD" });
    } else if (path === "/healthz") sendJson(res, 200, { status: "ok" });
    else if (path === "/readyz") {
      const ready = http.listening && !drain.draining;
      sendJson(res, ready ? 200 : 503, { status: ready ? "ready" : "draining" });
    } else sendJson(res, 404, { error: "not_found" });
  }

  const http: NodeServer = createServer((req, res) => {
    drain.track(res);
    applySecurityHeaders(res);
    // Tell keep-alive clients to reconnect elsewhere once draining, so sockets do not outlive the process.
    if (drain.draining) res.setHeader("connection", "close");
    const started = performance.now();
    res.once("finish", () =>
      logger.debug("http_request", {
        method: req.method,
        path: pathOf(req.url),
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
      }),
    );
    try {
      route(req, res);
    } catch (err) {
      logger.error("http_internal_error", { error: err instanceof Error ? err : String(err) });
      sendRpcError(res, 500, RPC.internalError, "Internal server error");
    }
  });
  http.requestTimeout = s.requestTimeoutMs;
  http.headersTimeout = Math.min(s.requestTimeoutMs, MAX_HEADERS_TIMEOUT_MS);
  http.keepAliveTimeout = s.keepAliveTimeoutMs;
  // Idle keep-alive sockets count too; bound them well above the request cap.
  http.maxConnections = Math.max(1024, s.maxConcurrent * 4);

  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(s.port, s.host, () => {
      http.off("error", reject);
      resolve();
    });
  });
  const { port } = http.address() as AddressInfo;
  const hostForUrl = s.host.includes(":") ? `[${s.host}]` : s.host;
  let stopping: Promise<{ completed: boolean }> | undefined;
  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    get inFlight() {
      return drain.inFlight;
    },
    shutdown(graceMs = s.shutdownGraceMs) {
      stopping ??= drain.shutdown(http, graceMs).then(async (result) => {
        await mcp.close();
        return result;
      });
      return stopping;
    },
  };
}

const refuse = (res: ServerResponse, r: Refusal) => sendRpcError(res, r.status, r.code, r.message, r.headers);

function pathOf(url: string | undefined): string {
  try {
    return new URL(url ?? "/", "http://localhost").pathname;
  } catch {
    return "";
  }
}
