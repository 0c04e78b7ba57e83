/**
 * Test stack: the sandbox on a loopback port (real HTTP), our real server factory and HeyGen client
 * pointed at it, and an SDK MCP client connected to that server.
 */
import { Client, InMemoryTransport } from "@modelcontextprotocol/client";
import { HeyGenClient } from "../../src/client/index.js";
import type { FilesFolder } from "../../src/files/folder.js";
import { createLogger, type Logger } from "../../src/log.js";
import { ManualClock, type RunningSandbox, startSandbox } from "../../src/sandbox/index.js";
import { createServerFactory } from "../../src/server.js";
import { allTools } from "../../src/tools/index.js";
import { createMoney, type Money, type MoneySettings, moneySettings } from "../../src/tools/paid.js";
import { selectTools, type ToolSelection } from "../../src/tools/registry.js";
import { SandboxClock } from "./wait-clock.js";

export const TEST_KEY = "hg_test_key_5f2b9c1d7e";

export interface Stack {
  mcp: Client;
  /** Serves one more connection from the same server factory (e.g. a client with other capabilities). */
  connectServer(transport: Parameters<ReturnType<ReturnType<typeof createServerFactory>>["connect"]>[0]): Promise<void>;
  sandbox: RunningSandbox;
  clock: ManualClock;
  /** The server's wait clock, moving with the sandbox's. */
  waitClock: SandboxClock;
  admin: SandboxAdmin;
  logLines: string[];
  /** Every tool result this stack returned, serialised, for secret scans. */
  transcript: string[];
  money: Money;
  close(): Promise<void>;
}

export interface StackOptions {
  selection?: Partial<ToolSelection>;
  apiKey?: string | null;
  maxRetries?: number;
  /** The files folder for file_path and download_result; none by default. */
  files?: FilesFolder;
  maxWaitSeconds?: number;
  money?: Partial<MoneySettings>;
  /** Declare elicitation and answer each confirmation with this. */
  elicit?: (message: string) => { action: "accept" | "decline" | "cancel"; content?: { confirm: boolean } };
  /** Per-attempt timeout of the HeyGen client. */
  timeoutMs?: number;
  /** The client's backoff sleep; default: at most 5 ms of real time. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const clock = new ManualClock(Date.UTC(2026, 11, 3, 9, 0, 0));
  const sandbox = await startSandbox({ clock });
  const logLines: string[] = [];
  const apiKey = opts.apiKey === undefined ? TEST_KEY : opts.apiKey;
  const logger: Logger = createLogger({
    level: "debug",
    secrets: [apiKey ?? undefined],
    write: (l) => logLines.push(l),
  });
  const client = new HeyGenClient({
    baseUrl: sandbox.url,
    timeoutMs: opts.timeoutMs ?? 5_000,
    maxRetries: opts.maxRetries ?? 3,
    userAgent: "heygen-mcp/test",
    logger,
    sleep: opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, Math.min(ms, 5)))),
  });
  const tools = selectTools(allTools, {
    toolsets: ["all"],
    tools: [],
    excludeTools: [],
    readOnly: false,
    ...opts.selection,
  });
  const credential = apiKey ? ({ kind: "api_key", value: apiKey } as const) : undefined;
  // As over stdio (cli.ts): find_tools may add any toolset that --read-only and --exclude-tools leave.
  const bound = selectTools(allTools, {
    toolsets: ["all"],
    tools: [],
    excludeTools: opts.selection?.excludeTools ?? [],
    readOnly: opts.selection?.readOnly ?? false,
  });
  const waitClock = new SandboxClock(clock);
  // Suites other than the money one drive costly tools (a $7 cinematic video) without confirming.
  const money = createMoney(
    { ...moneySettings({ confirmAboveUsd: 1_000_000, idempotencyWindowMin: 10 }, "process"), ...opts.money },
    undefined,
    () => clock.now(),
  );
  const factory = createServerFactory({
    clock: waitClock,
    ...(opts.maxWaitSeconds === undefined ? {} : { maxWaitSeconds: opts.maxWaitSeconds }),
    version: "0.0.0-test",
    tools,
    client,
    logger,
    files: opts.files ?? null,
    money,
    credentialFor: () => credential,
    reach: { catalog: allTools, bound, selected: opts.selection?.toolsets ?? ["all"], via: "session" },
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const server = factory({ era: "legacy" });
  await server.connect(serverSide);
  const mcp = new Client(
    { name: "heygen-mcp-test", version: "1.0.0" },
    opts.elicit ? { capabilities: { elicitation: { form: {} } } } : undefined,
  );
  const { elicit } = opts;
  if (elicit) {
    mcp.setRequestHandler("elicitation/create", async (req) => elicit((req.params as { message: string }).message));
  }
  await mcp.connect(clientSide);
  const extra: { close(): Promise<void> }[] = [];
  return {
    mcp,
    async connectServer(transport) {
      const another = factory({ era: "legacy" });
      extra.push(another);
      await another.connect(transport);
    },
    sandbox,
    clock,
    waitClock,
    admin: sandboxAdmin(sandbox.url),
    logLines,
    transcript: [],
    money,
    async close() {
      await mcp.close();
      await server.close();
      for (const s of extra) await s.close();
      await client.close();
      await sandbox.close();
    },
  };
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  api_key: string | null;
  idempotency_key: string | null;
  body: unknown;
  status: number;
  response: unknown;
}

export function sandboxAdmin(url: string) {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${url}/_sandbox/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`sandbox admin ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<unknown>;
  };
  return {
    faults: (body: unknown) => post("faults", body),
    advance: (ms: number) => post("clock/advance", { ms }),
    /** Steers one job: never_finish, or fail/finish after_ms from now (admin.ts). */
    steerJob: (
      id: string,
      body: { outcome: "never_finish" | "fail" | "finish"; after_ms?: number; failure?: object },
    ) => post(`jobs/${encodeURIComponent(id)}`, body),
    setBalance: (api_key: string, balance_usd: number) => post("accounts", { api_key, balance_usd }),
    async requests(): Promise<RecordedRequest[]> {
      const res = await fetch(`${url}/_sandbox/requests`);
      return ((await res.json()) as { data: RecordedRequest[] }).data;
    },
    clearRequests: () => fetch(`${url}/_sandbox/requests`, { method: "DELETE" }),
    async state(api_key: string): Promise<Record<string, number>> {
      const res = await fetch(`${url}/_sandbox/state?api_key=${encodeURIComponent(api_key)}`);
      return ((await res.json()) as { data: Record<string, number> }).data;
    },
  };
}
export type SandboxAdmin = ReturnType<typeof sandboxAdmin>;

export interface CallResult {
  isError?: boolean;
  structuredContent?: Record<string, unknown>;
  content: { type: string; text?: string }[];
}

export const textOf = (res: CallResult): string => res.content.map((c) => c.text ?? "").join("\n");
export const errorBody = (res: CallResult) => JSON.parse(textOf(res)) as Record<string, unknown>;

export async function call(stack: Stack, name: string, args: Record<string, unknown> = {}): Promise<CallResult> {
  const res = (await stack.mcp.callTool({ name, arguments: args })) as CallResult;
  stack.transcript.push(JSON.stringify(res));
  return res;
}
