/**
 * The remote endpoint in-process on a loopback port, pointed at any HeyGen-compatible upstream (the sandbox
 * or a stub), plus SDK clients speaking to it over real HTTP in either protocol era.
 */

import { request } from "node:http";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { type ApiRequest, type ApiResponse, type CallContext, HeyGenClient } from "../../src/client/index.js";
import type { FilesFolder } from "../../src/files/folder.js";
import { authPolicy } from "../../src/http/auth.js";
import { type HttpSettings, type RunningHttpServer, startHttpServer } from "../../src/http/server.js";
import type { Clock } from "../../src/jobs/clock.js";
import { createLogger } from "../../src/log.js";
import { allTools } from "../../src/tools/index.js";
import type { Money } from "../../src/tools/paid.js";
import { selectTools, type ToolSelection } from "../../src/tools/registry.js";

export interface HttpStackOptions {
  upstreamUrl: string;
  settings?: Partial<HttpSettings>;
  selection?: Partial<ToolSelection>;
  apiKey?: string;
  authToken?: string;
  sandbox?: boolean;
  bearerAsApiKey?: boolean;
  /** Wraps the HeyGen client, e.g. to observe the abort signal a call receives. */
  client?: HeyGenClient;
  /** The wait_for_job clock (default real timers). */
  clock?: Clock;
  /** The operator's cap on one wait (--max-wait-seconds). */
  maxWaitSeconds?: number;
  /** The operator's --files-dir; local files are off without it. */
  files?: FilesFolder;
  /** Budget, confirmation threshold and key window (default: the server's defaults). */
  money?: Money;
}

export interface HttpStack {
  url: string;
  mcpUrl: URL;
  server: RunningHttpServer;
  heygen: HeyGenClient;
  logLines: string[];
  close(): Promise<void>;
}

export const DEFAULT_SETTINGS: HttpSettings = {
  host: "127.0.0.1",
  port: 0,
  allowedHosts: [],
  allowedOrigins: [],
  corsOrigins: [],
  maxBodyBytes: 1024 * 1024,
  maxConcurrentPerKey: 8,
  maxConcurrent: 256,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  shutdownGraceMs: 5_000,
  maxConnections: 1024,
  maxConnectionsPerAddress: 128,
};

export function heygenClientFor(upstreamUrl: string): HeyGenClient {
  return new HeyGenClient({
    baseUrl: upstreamUrl,
    timeoutMs: 20_000,
    maxRetries: 0,
    userAgent: "heygen-mcp/http-test",
  });
}

export async function startHttpStack(opts: HttpStackOptions): Promise<HttpStack> {
  const logLines: string[] = [];
  const logger = createLogger({ level: "debug", secrets: [opts.apiKey], write: (l) => logLines.push(l) });
  const heygen = opts.client ?? heygenClientFor(opts.upstreamUrl);
  const operatorTools = selectTools(allTools, {
    toolsets: ["all"],
    tools: [],
    excludeTools: [],
    readOnly: false,
    ...opts.selection,
  });
  const server = await startHttpServer({
    settings: { ...DEFAULT_SETTINGS, ...opts.settings },
    auth: authPolicy(
      {
        apiKey: opts.apiKey,
        authToken: opts.authToken,
        sandbox: opts.sandbox ?? false,
        bearerAsApiKey: opts.bearerAsApiKey ?? false,
      },
      "heygen-mcp-sandbox-key",
    ),
    catalog: allTools,
    operatorTools,
    operatorToolsets: opts.selection?.toolsets ?? ["all"],
    client: heygen,
    logger,
    version: "0.0.0-test",
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.maxWaitSeconds === undefined ? {} : { maxWaitSeconds: opts.maxWaitSeconds }),
    ...(opts.files ? { files: opts.files } : {}),
    ...(opts.money ? { money: opts.money } : {}),
  });
  return {
    url: server.url,
    mcpUrl: new URL(`${server.url}/mcp`),
    server,
    heygen,
    logLines,
    async close() {
      await server.shutdown(0);
      await heygen.close();
    },
  };
}

export type Era = "legacy" | "auto";

/** An SDK client over streamable HTTP sending these headers on every request. */
export async function connectClient(
  stack: { mcpUrl: URL },
  headers: Record<string, string>,
  mode: Era = "legacy",
): Promise<Client> {
  const client = new Client({ name: "http-test", version: "1.0.0" }, { versionNegotiation: { mode: mode } });
  await client.connect(new StreamableHTTPClientTransport(stack.mcpUrl, { requestInit: { headers } }));
  return client;
}

/** A raw 2025-era JSON-RPC POST, for what an SDK client would never send. */
export function rpcPost(
  stack: { mcpUrl: URL },
  body: unknown,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<Response> {
  return fetch(stack.mcpUrl, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "mcp-protocol-version": "2025-11-25",
      ...headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
}

export const toolsCall = (name: string, args: Record<string, unknown> = {}, id = 1) => ({
  jsonrpc: "2.0",
  id,
  method: "tools/call",
  params: { name, arguments: args },
});

/** Polls until the predicate holds; loopback HTTP effects land in milliseconds, so this stays short. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** node:http rather than fetch: fetch will not send a Host header of our choosing. */
export function rawRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; agent?: false },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const options = {
      method: init.method ?? "GET",
      headers: init.headers,
      ...(init.agent === false ? { agent: false } : {}),
    };
    const req = request(url, options, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

export interface Structured {
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  content?: unknown;
}

/** A tool call that must succeed: an isError result fails the test with the tool's own error body. */
export async function callOk(client: Client, name: string, args: Record<string, unknown> = {}) {
  const res = (await client.callTool({ name, arguments: args })) as Structured;
  if (res.isError || !res.structuredContent) throw new Error(`${name} failed: ${JSON.stringify(res.content)}`);
  return res.structuredContent;
}

/** Arguments for create_video_from_avatar with the sandbox catalog's first look and voice. */
export async function videoArgs(client: Client) {
  const look = ((await callOk(client, "list_avatar_looks", { limit: 1 })).looks as { id: string }[])[0];
  const voice = ((await callOk(client, "list_voices", { limit: 1 })).voices as { voice_id: string }[])[0];
  if (!look || !voice) throw new Error("sandbox catalog is empty");
  return { avatar_id: look.id, voice_id: voice.voice_id, script: "Hello from the HTTP tests." };
}

/** A HeyGen client that records how each call ended (`ok`, or the HeyGenError code, e.g. client_aborted). */
export class WatchedClient extends HeyGenClient {
  readonly outcomes: (string | undefined)[] = [];

  constructor(baseUrl: string) {
    super({ baseUrl, timeoutMs: 20_000, maxRetries: 0, userAgent: "heygen-mcp/http-test" });
  }

  override async request<T>(req: ApiRequest, ctx: CallContext): Promise<ApiResponse<T>> {
    const index = this.outcomes.push(undefined) - 1;
    try {
      const res = await super.request<T>(req, ctx);
      this.outcomes[index] = "ok";
      return res;
    } catch (err) {
      this.outcomes[index] = err instanceof Error && "code" in err ? String(err.code) : "error";
      throw err;
    }
  }
}
