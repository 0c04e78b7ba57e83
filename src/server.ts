/**
 * The MCP server factory. Definitions and their tools/list entries are built once; the factory, which
 * runs once per stdio connection or per HTTP request, only wires them to a low-level SDK Server, so the
 * registry owns tools/list (prebuilt) and tools/call (our own JSON error body) — mcp-sdk.md §13.
 */
import { type McpRequestContext, ProtocolError, Server, type ServerContext } from "@modelcontextprotocol/server";
import type { Credential, HeyGenClient, RequestObserver } from "./client/index.js";
import type { FilesFolder } from "./files/folder.js";
import type { InFlightCreates } from "./inflight.js";
import type { Logger } from "./log.js";
import { redactSecretsDeep } from "./redact.js";
import { echoed } from "./tools/arguments.js";
import type { AnyToolDef, ToolContext } from "./tools/define.js";
import { callTool, listEntry } from "./tools/registry.js";

export const SERVER_NAME = "heygen-mcp";

const INSTRUCTIONS = [
  "HeyGen video tools. Usual flow: list_avatar_looks (avatar_id is a look id, not a group id) and list_voices,",
  "then create_video_from_avatar, then get_video until completed and share video_url (links expire; re-fetch).",
  "Renders take minutes and cost money: check get_current_user first and do not create twice on a timeout —",
  "poll the returned id instead. File inputs must be public file URLs, asset ids, or base64.",
].join(" ");

export interface ServerDeps {
  version: string;
  tools: readonly AnyToolDef[];
  client: HeyGenClient;
  logger: Logger;
  /** The files folder for file_path inputs and downloads; null turns local files off. */
  files: FilesFolder | null;
  /** The HeyGen credential for one connection (stdio) or one HTTP request. */
  credentialFor(ctx: McpRequestContext): Credential | undefined;
  /** Where creates are tracked while they run, so a shutdown can wait for them or name them. */
  creates?: InFlightCreates;
}

/** Annotated as making something new: neither read-only nor safe to repeat. */
const isCreate = (def: AnyToolDef) => !def.annotations.readOnlyHint && !def.annotations.idempotentHint;

const INVALID_PARAMS = -32602;

export function createServerFactory(deps: ServerDeps): (ctx: McpRequestContext) => Server {
  const listResult = { tools: deps.tools.map(listEntry) };
  const byName = new Map(deps.tools.map((d) => [d.name, d]));

  return (requestCtx) => {
    const credential = deps.credentialFor(requestCtx);
    const log = deps.logger.withSecrets(credential?.value);
    const secrets = credential ? [credential.value] : [];
    const server = new Server(
      { name: SERVER_NAME, version: deps.version },
      { capabilities: { tools: {} }, instructions: INSTRUCTIONS },
    );
    server.setRequestHandler("tools/list", async () => listResult);
    server.setRequestHandler("tools/call", async (req, ctx) => {
      const def = byName.get(req.params.name);
      if (!def) throw new ProtocolError(INVALID_PARAMS, `Tool ${echoed(req.params.name)} not found`);
      const started = performance.now();
      const tracked = deps.creates?.begin(def.name, isCreate(def));
      const observer: RequestObserver | undefined = tracked && {
        sent(key) {
          tracked.sent(key);
          if (key !== null) log.debug("create_sent", { tool: def.name, idempotency_key: key });
        },
        answered: (body) => tracked.answered(body),
      };
      let raw: Awaited<ReturnType<typeof callTool>>;
      try {
        raw = await callTool(def, req.params.arguments, toolContext(def, ctx, deps, credential, log, observer), log);
      } finally {
        tracked?.end();
      }
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
): ToolContext {
  const signal = ctx.mcpReq.signal;
  const progressToken = ctx.mcpReq._meta?.progressToken;
  return {
    signal,
    log,
    files,
    streamFile: (url) => client.streamFile(url, signal),
    putPresigned: (url, headers, body) => client.putPresigned(url, headers, body, signal),
    call: (req) =>
      client.request(
        { ...req, operation: req.operation ?? def.operation },
        { credential, signal, logger: log, ...(observer ? { observer } : {}) },
      ),
    fetchFile: (url, opts) => client.fetchFile(url, { ...opts, signal }),
    async progress(progress, total, message) {
      if (progressToken === undefined) return;
      await ctx.mcpReq.notify({
        method: "notifications/progress",
        params: { progressToken, progress, ...(total === undefined ? {} : { total }), message },
      });
    },
  };
}
