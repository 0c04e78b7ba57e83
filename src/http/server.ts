/**
 * The remote endpoint: stateless streamable HTTP at /mcp for many tenants (createMcpHandler + toNodeHandler
 * on node:http, mcp-sdk.md §3), plus /healthz and /readyz. Every check that can refuse a request (Host,
 * Origin, size, credential, tool narrowing, concurrency) runs before the SDK sees it; nothing a later
 * request needs is kept in memory.
 */
import { createServer, type IncomingMessage, type Server as NodeServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { toNodeHandler } from "@modelcontextprotocol/node";
import { createMcpHandler, isJsonContentType, type McpRequestContext, type Server } from "@modelcontextprotocol/server";
import type { Credential, HeyGenClient } from "../client/index.js";
import type { FilesFolder } from "../files/folder.js";
import { createFields, InFlightCreates } from "../inflight.js";
import type { Clock } from "../jobs/clock.js";
import type { Logger } from "../log.js";
import { createServerFactory } from "../server.js";
import type { AnyToolDef } from "../tools/define.js";
import { createMoney, type Money, moneySettings } from "../tools/paid.js";
import { type Admission, createAdmission, foreignRequest, isRefusal, type Refusal } from "./admission.js";
import type { AuthPolicy } from "./auth.js";
import { readMcpBody } from "./body.js";
import { Cancellations } from "./cancellations.js";
import { ConnectionGate, type ConnectionLimits } from "./connections.js";
import { createGuards, type GuardSettings } from "./guards.js";
import { ConcurrencyLimiter } from "./limits.js";
import { applySecurityHeaders, RPC, sendJson, sendRpcError } from "./respond.js";
import { ToolScopes } from "./scopes.js";
import { Drain } from "./shutdown.js";

export interface HttpSettings extends GuardSettings, ConnectionLimits {
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
  /** The operator's --toolsets as written, for directions to a toolset a request does not see. */
  operatorToolsets?: readonly string[];
  client: HeyGenClient;
  logger: Logger;
  version: string;
  /** Local files for file_path and downloads: off (null) unless the operator set --files-dir. */
  files?: FilesFolder | null;
  /** Shared with the caller so it can see creates in flight; one is made when absent. */
  creates?: InFlightCreates;
  /** The operator's cap on one wait_for_job (--max-wait-seconds). */
  maxWaitSeconds?: number;
  /** Default: real timers; tests pass one that moves with the sandbox's clock. */
  clock?: Clock;
  /** Budgets (per credential per UTC day), confirmations and derived keys; defaults: no budget. */
  money?: Money;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  readonly inFlight: number;
  /** The total connection cap in force (the setting, lowered to fit the open-file limit). */
  readonly maxConnections: number;
  /**
   * Refuse new calls (503; /readyz says draining, the listener stays open), let in-flight requests finish
   * within graceMs (default: the setting), log the creates still running, then close everything.
   */
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
/**
 * How often Node looks for connections past their header or request deadline. Its default, 30 s, let a
 * half-sent request live 30 s whatever headersTimeout said; this keeps the documented deadlines within 1 s.
 */
const DEADLINE_CHECK_MS = 1_000;
const isHealthPath = (path: string) => path === "/healthz" || path === "/readyz";

export async function startHttpServer(opts: HttpServerOptions): Promise<RunningHttpServer> {
  const { settings: s, logger } = opts;
  const guards = createGuards(s);
  const drain = new Drain();
  const cancellations = new Cancellations();
  const creates = opts.creates ?? new InFlightCreates();
  const gate = new ConnectionGate(s);
  const money =
    opts.money ?? createMoney(moneySettings({ confirmAboveUsd: 5, idempotencyWindowMin: 10 }, "credential_day"));
  const scopes = new ToolScopes<ServerFactory>(opts.catalog, opts.operatorTools, (tools, selected) =>
    createServerFactory({
      version: opts.version,
      tools,
      client: opts.client,
      logger,
      files: opts.files ?? null,
      money,
      credentialFor: (ctx) => grantOf(ctx)?.credential,
      creates,
      reach: {
        catalog: opts.catalog,
        bound: opts.operatorTools,
        selected: selected ?? opts.operatorToolsets ?? ["default"],
        via: "header",
      },
      transport: "http",
      cancellations,
      ...(opts.maxWaitSeconds === undefined ? {} : { maxWaitSeconds: opts.maxWaitSeconds }),
      ...(opts.clock ? { clock: opts.clock } : {}),
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
    serveAdmitted(req, res, decision).catch((err: unknown) => {
      logger.error("mcp_adapter_error", { error: err instanceof Error ? err.message : String(err) });
      res.destroy();
    });
  }

  async function serveAdmitted(req: IncomingMessage, res: ServerResponse, decision: Admission<ServerFactory>) {
    let parsedBody: unknown;
    // A POST body is read here (a wrong Content-Type is left to the SDK's 415): batches are refused or
    // counted item by item, and __proto__ keys marked, before the SDK parses the message.
    if (req.method === "POST" && isJsonContentType(req.headers["content-type"] ?? null)) {
      const body = await readMcpBody(req, { maxBodyBytes: s.maxBodyBytes, maxBatchItems: s.maxConcurrentPerKey });
      if (!body.ok) {
        sendRpcError(res, body.status, body.code, body.message, body.headers);
        return;
      }
      const busy = decision.widen(body.items - 1);
      if (busy) {
        refuse(res, busy);
        return;
      }
      parsedBody = body.body;
    }
    const grant = new Grant(decision.credential, decision.factory);
    const auth = { token: decision.principal, clientId: "heygen-mcp-http", scopes: [], extra: { grant } };
    await serveMcp(Object.assign(req, { auth }), res, parsedBody);
  }

  // Health endpoints skip the Host check: orchestrators probe by pod IP, and they reveal nothing.
  function route(req: IncomingMessage, res: ServerResponse): void {
    const path = pathOf(req.url);
    if (path === "/mcp") handleMcp(req, res);
    else if (req.method !== "GET" && req.method !== "HEAD") {
      sendJson(res, 405, { error: "method_not_allowed" }, { allow: "GET, HEAD" });
    } else if (path === "/healthz") sendJson(res, 200, { status: "ok" });
    else if (path === "/readyz") {
      const ready = !drain.draining;
      sendJson(res, ready ? 200 : 503, { status: ready ? "ready" : "draining" });
    } else sendJson(res, 404, { error: "not_found" });
  }

  const headersTimeout = Math.min(s.requestTimeoutMs, MAX_HEADERS_TIMEOUT_MS);
  const http: NodeServer = createServer(
    { connectionsCheckingInterval: Math.min(DEADLINE_CHECK_MS, headersTimeout) },
    (req, res) => {
      drain.track(res);
      applySecurityHeaders(res);
      // Tell keep-alive clients to reconnect elsewhere once draining, so sockets do not outlive the process.
      if (drain.draining) res.setHeader("connection", "close");
      if (gate.isReserved(req.socket)) {
        // A connection over the caps: health only, and it closes after the answer.
        res.setHeader("connection", "close");
        if (!isHealthPath(pathOf(req.url))) {
          sendRpcError(res, 503, RPC.serverError, "Too many open connections; retry shortly.", {
            "retry-after": "1",
          });
          return;
        }
      }
      serveRequest(req, res);
    },
  );

  function serveRequest(req: IncomingMessage, res: ServerResponse): void {
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
  }
  http.requestTimeout = s.requestTimeoutMs;
  http.headersTimeout = headersTimeout;
  http.keepAliveTimeout = s.keepAliveTimeoutMs;
  // The gate, not maxConnections, caps connections: maxConnections drops health probes with the rest.
  gate.attach(http);

  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    // A backlog as deep as the connection cap: a burst waits to be accepted instead of being reset by the
    // kernel (Node's default is 511; the kernel still caps it at net.core.somaxconn).
    http.listen({ port: s.port, host: s.host, backlog: gate.maxConnections }, () => {
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
    maxConnections: gate.maxConnections,
    shutdown(graceMs = s.shutdownGraceMs) {
      // Logged before connections are cut, so an operator can find what the cut may leave half done.
      const logUnfinished = () => {
        for (const c of creates.pending) logger.warn("create_unfinished", createFields(c));
      };
      stopping ??= drain.shutdown(http, graceMs, logUnfinished).then(async (result) => {
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
