/**
 * The MCP server factory. Definitions and their tools/list entries are built once; the factory, which
 * runs once per stdio connection or per HTTP request, only wires them to a low-level SDK Server, so the
 * registry owns tools/list (prebuilt) and tools/call (our own JSON error body) — mcp-sdk.md §13.
 */
import {
  CLIENT_CAPABILITIES_META_KEY,
  inputResponse,
  isInputRequiredResult,
  type McpRequestContext,
  ProtocolError,
  Server,
  type ServerContext,
} from "@modelcontextprotocol/server";
import type { Credential, HeyGenClient, RequestObserver } from "./client/index.js";
import type { FilesFolder } from "./files/folder.js";
import type { Cancellations } from "./http/cancellations.js";
import type { InFlightCreates } from "./inflight.js";
import { type Clock, realClock } from "./jobs/clock.js";
import { CLIENT_SAFE_WAIT_SECONDS } from "./jobs/wait.js";
import type { Logger } from "./log.js";
import { credentialFingerprint } from "./money/keys.js";
import {
  PLAYER_TOOL_META,
  PLAYER_TOOLS,
  PLAYER_URI,
  playerResourceEntry,
  readPlayer,
  supportsPlayer,
} from "./player.js";
import { getPrompt, listPrompts } from "./prompts.js";
import { redactSecrets, redactSecretsDeep } from "./redact.js";
import type { AnyToolDef, CallInput, ToolContext, ToolReach, ToolSession } from "./tools/define.js";
import { notServedError } from "./tools/discovery.js";
import { allTools } from "./tools/index.js";
import { type CallerMoney, CONFIRM_INPUT_KEY, createMoney, type Money, moneySettings } from "./tools/paid.js";
import { invokeTool, listEntry } from "./tools/registry.js";
import { settleFromResponse } from "./tools/spend.js";

export const SERVER_NAME = "heygen-mcp";

export const INSTRUCTIONS = [
  "HeyGen video tools. Make a video: list_avatar_looks (avatar_id is a look id, not a group id) and list_voices,",
  "then create_video_from_avatar (a photo: create_video_from_image; a brief: create_video_agent).",
  "Renders cost money: estimate_cost first and get the person's yes. Then wait_for_job with the kind and id",
  "the create returned, again while it says so; download_result saves the file (links expire).",
  "After a timeout or unclear error, list_jobs before creating again: never create twice.",
  "Local files: pass file_path. Other tools (webhooks, templates, voice cloning, batches...): find_tools.",
  "Prompts list ready-made plans.",
].join(" ");

const INVALID_PARAMS = -32602;
const RESOURCE_NOT_FOUND = -32002;

const echoedUri = (uri: string) => (uri.length > 200 ? `${uri.slice(0, 200)}…` : uri);

type ListResult = { tools: ReturnType<typeof listEntry>[] };
const playerLists = new WeakMap<ListResult, ListResult>();

/** The same list with get_video / wait_for_job linked to the player, for clients that render MCP Apps. */
function withPlayer(list: ListResult): ListResult {
  let linked = playerLists.get(list);
  if (!linked) {
    linked = { tools: list.tools.map((t) => (PLAYER_TOOLS.has(t.name) ? { ...t, _meta: PLAYER_TOOL_META } : t)) };
    playerLists.set(list, linked);
  }
  return linked;
}

/** This request's client capabilities: per request on 2026-07-28, from initialize on a 2025 connection. */
function clientCapabilities(
  requestCtx: McpRequestContext,
  ctx: ServerContext,
  server: Server,
  test: (caps: unknown) => boolean,
): boolean {
  if (requestCtx.era === "modern") {
    const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
    return test(envelope?.[CLIENT_CAPABILITIES_META_KEY]);
  }
  return test(server.getClientCapabilities());
}
const PROMPT_LIST = listPrompts();

export interface ServerDeps {
  version: string;
  tools: readonly AnyToolDef[];
  client: HeyGenClient;
  logger: Logger;
  /** The files folder for file_path inputs and downloads; null turns local files off. */
  files: FilesFolder | null;
  /** Budget, confirmation and idempotency settings and their store, shared by every connection.
   * Default: no budget, confirmation above $5, a 10-minute key window, in memory. */
  money?: Money;
  /** The HeyGen credential for one connection (stdio) or one HTTP request. */
  credentialFor(ctx: McpRequestContext): Credential | undefined;
  /** Where creates are tracked while they run, so a shutdown can wait for them or name them. */
  creates?: InFlightCreates;
  /** How the tools not in `tools` are reached. Default: a stdio-like session that may enable any tool. */
  reach?: ToolReach;
  /** Default: real timers. Tests pass a clock that moves with the sandbox's. */
  clock?: Clock;
  /** The operator's cap on one wait (--max-wait-seconds); default 55. */
  maxWaitSeconds?: number;
  /** Only 2026-era HTTP may wait past 55 s: stdio and 2025-era clients cut tool calls at 60 s. */
  transport?: "stdio" | "http";
  /** Stateless HTTP: calls in flight, so a notifications/cancelled POST can reach them (http/cancellations.ts). */
  cancellations?: Cancellations;
}

/** Annotated as making something new: neither read-only nor safe to repeat. */
const isCreate = (def: AnyToolDef) => !def.annotations.readOnlyHint && !def.annotations.idempotentHint;

/** The tools one connection serves; over stdio find_tools can add toolsets for the rest of the session. */
class Session implements ToolSession {
  #served: Set<AnyToolDef>;
  #list: { tools: ReturnType<typeof listEntry>[] } | undefined;

  constructor(
    readonly reach: ToolReach,
    initial: readonly AnyToolDef[],
    readonly server: Server,
  ) {
    this.#served = new Set(initial);
  }

  served = (): readonly AnyToolDef[] => this.reach.catalog.filter((d) => this.#served.has(d));

  byName = (name: string): AnyToolDef | undefined => this.served().find((d) => d.name === name);

  /** Prebuilt until the set changes: the entries themselves are cached per definition (registry). */
  list(): { tools: ReturnType<typeof listEntry>[] } {
    this.#list ??= { tools: this.served().map(listEntry) };
    return this.#list;
  }

  async enable(toolset: string): Promise<readonly AnyToolDef[]> {
    const added = this.reach.bound.filter((d) => d.toolset === toolset && !this.#served.has(d));
    if (added.length === 0) return added;
    for (const d of added) this.#served.add(d);
    this.#list = undefined;
    await this.server.sendToolListChanged();
    return added;
  }
}

export function createServerFactory(deps: ServerDeps): (ctx: McpRequestContext) => Server {
  const reach: ToolReach = deps.reach ?? { catalog: allTools, bound: allTools, selected: [], via: "session" };
  const fixed = reach.via === "header" ? new Map(deps.tools.map((d) => [d.name, d])) : undefined;
  const fixedList = { tools: deps.tools.map(listEntry) };

  const clock = deps.clock ?? realClock;
  const money = deps.money ?? createMoney(moneySettings({ confirmAboveUsd: 5, idempotencyWindowMin: 10 }, "process"));
  const cap = deps.maxWaitSeconds ?? CLIENT_SAFE_WAIT_SECONDS;

  return (requestCtx) => {
    const credential = deps.credentialFor(requestCtx);
    const isLongWaitSafe = deps.transport === "http" && requestCtx.era === "modern";
    const waits = { clock, maxWaitSeconds: isLongWaitSafe ? cap : Math.min(cap, CLIENT_SAFE_WAIT_SECONDS) };
    const log = deps.logger.withSecrets(credential?.value);
    const secrets = credential ? [credential.value] : [];
    const account = credential ? credentialFingerprint(credential.kind, credential.value) : "";
    const server = new Server(
      { name: SERVER_NAME, version: deps.version },
      // listChanged only where the list can change: a stdio session (stateless HTTP rebuilds per request).
      {
        capabilities: { tools: reach.via === "session" ? { listChanged: true } : {}, prompts: {}, resources: {} },
        instructions: INSTRUCTIONS,
      },
    );
    server.setRequestHandler("prompts/list", async () => PROMPT_LIST);
    server.setRequestHandler("prompts/get", async (req) => {
      const out = getPrompt(req.params.name, req.params.arguments);
      if (!out.ok) throw new ProtocolError(INVALID_PARAMS, out.message);
      return out.result;
    });
    const session = new Session(reach, deps.tools, server);
    const { cancellations } = deps;
    if (cancellations && credential) {
      server.setNotificationHandler("notifications/cancelled", (n) => {
        if (n.params.requestId !== undefined)
          cancellations.cancel(credential.value, n.params.requestId, n.params.reason);
      });
    }
    server.setRequestHandler("tools/list", async (_req, ctx) => {
      const list = fixed ? fixedList : session.list();
      return clientCapabilities(requestCtx, ctx, server, supportsPlayer) ? withPlayer(list) : list;
    });
    server.setRequestHandler("resources/list", async () => ({ resources: [playerResourceEntry()] }));
    server.setRequestHandler("resources/read", async (req) => {
      if (req.params.uri !== PLAYER_URI)
        throw new ProtocolError(RESOURCE_NOT_FOUND, `Unknown resource ${echoedUri(req.params.uri)}`);
      return readPlayer(deps.client.origin);
    });
    server.setRequestHandler("tools/call", async (req, ctx) => {
      const def = fixed ? fixed.get(req.params.name) : session.byName(req.params.name);
      if (!def) return notServedError(req.params.name, reach);
      const started = performance.now();
      const tracked = deps.creates?.begin(def.name, isCreate(def));
      const observer: RequestObserver | undefined = tracked && {
        sent(key) {
          tracked.sent(key);
          if (key !== null) log.debug("create_sent", { tool: def.name, idempotency_key: key });
        },
        answered: (body) => tracked.answered(body),
      };
      const caller: CallerMoney = {
        money,
        account,
        canAsk: canElicit(requestCtx, ctx, server, deps.transport ?? "stdio"),
        answer: confirmationAnswer(ctx),
      };
      const cancellable =
        deps.cancellations && credential
          ? deps.cancellations.begin(credential.value, ctx.mcpReq.id, ctx.mcpReq.signal)
          : undefined;
      const perCall = { ...waits, signal: cancellable?.signal ?? ctx.mcpReq.signal };
      let raw: Awaited<ReturnType<typeof invokeTool>>;
      try {
        const toolCtx = toolContext(def, ctx, deps, credential, log, observer, session, perCall, caller);
        raw = await invokeTool(def, req.params.arguments, toolCtx, log);
      } finally {
        tracked?.end();
        cancellable?.end();
      }
      // Asking the person to confirm a cost: the SDK sends the elicitation and calls us again with the answer.
      if (isInputRequiredResult(raw)) return raw;
      // Whatever HeyGen echoed (data, error fields, request ids) leaves only through the one redactor.
      const result = redactSecretsDeep(raw, secrets);
      log.info("tool_call", {
        tool: def.name,
        ms: Math.round(performance.now() - started),
        is_error: !!result.isError,
      });
      return server.projectCallToolResult(result, listEntry(def).outputSchema);
    });
    return server;
  };
}

function toolContext(
  def: AnyToolDef,
  ctx: ServerContext,
  { client, files }: ServerDeps,
  credential: Credential | undefined,
  log: Logger,
  observer: RequestObserver | undefined,
  session: ToolSession,
  perCall: Pick<ToolContext, "clock" | "maxWaitSeconds" | "signal">,
  money: CallerMoney,
): ToolContext {
  const { signal } = perCall;
  const progressToken = ctx.mcpReq._meta?.progressToken;
  return {
    ...perCall,
    log,
    files,
    session,
    streamFile: (url) => client.streamFile(url, signal),
    putPresigned: (url, headers, body) => client.putPresigned(url, headers, body, signal),
    money,
    async call<T>(req: CallInput) {
      const operation = req.operation ?? def.operation;
      if (!operation) throw new Error(`${def.name} declares no HeyGen operation`);
      const res = await client.request<T>(
        { ...req, operation },
        { credential, signal, logger: log, ...(observer ? { observer } : {}) },
      );
      if (operation.startsWith("GET ")) await settleFromResponse(res.body, money);
      return res;
    },
    fetchFile: (url, opts) => client.fetchFile(url, { ...opts, signal }),
    async progress(progress, total, message) {
      if (progressToken === undefined) return;
      // Progress text may quote HeyGen (a job's status message): it leaves through the redactor too.
      const text = credential ? redactSecrets(message, [credential.value]) : message;
      await ctx.mcpReq.notify({
        method: "notifications/progress",
        params: { progressToken, progress, ...(total === undefined ? {} : { total }), message: text },
      });
    },
  };
}

/**
 * Whether this client can be asked to confirm a cost (mcp-sdk.md §6): on 2026-07-28 when it declares
 * elicitation; on 2025 revisions only over stdio (stateless 2025 HTTP cannot send a server request).
 */
function canElicit(
  requestCtx: McpRequestContext,
  ctx: ServerContext,
  server: Server,
  transport: "stdio" | "http",
): boolean {
  if (requestCtx.era === "modern") {
    const envelope = ctx.mcpReq.envelope as Record<string, { elicitation?: unknown } | undefined> | undefined;
    const caps = envelope?.[CLIENT_CAPABILITIES_META_KEY];
    return caps?.elicitation !== undefined;
  }
  return transport === "stdio" && server.getClientCapabilities()?.elicitation !== undefined;
}

function confirmationAnswer(ctx: ServerContext): CallerMoney["answer"] {
  const view = inputResponse(ctx.mcpReq.inputResponses, CONFIRM_INPUT_KEY);
  if (view.kind !== "elicit") return "none";
  return view.action === "accept" && view.content?.confirm === true ? "accept" : "decline";
}
