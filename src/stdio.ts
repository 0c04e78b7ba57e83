/**
 * MCP over stdio for one desktop client, with two things the SDK's transport does not do:
 * - every line is checked first: one that is not JSON gets a JSON-RPC parse error (-32700) and a batch
 *   array an invalid-request error (-32600; batching left MCP in 2025-06-18) instead of silence, and own
 *   __proto__ keys are marked so the argument checks can refuse them by name;
 * - a shutdown (SIGTERM, SIGINT, or the client closing stdin) waits, bounded, for creates in flight and
 *   writes their ids to stderr, so a render HeyGen is already billing is never lost with the process.
 */
import { PassThrough } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import type { McpRequestContext, Server } from "@modelcontextprotocol/server";
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import { createFields, type InFlightCreates } from "./inflight.js";
import type { Logger } from "./log.js";
import { boundedStdin, stdioTransportFor } from "./stdio-limit.js";
import { markProtoKeys } from "./tools/arguments.js";

const errorLine = (code: number, message: string) =>
  `${JSON.stringify({ jsonrpc: "2.0", id: null, error: { code, message } })}\n`;

/** What to forward to the SDK for one line, or the error line to answer instead. */
export function checkLine(line: string): { forward: string } | { answer: string } | null {
  if (line.trim() === "") return null;
  let message: unknown;
  try {
    message = JSON.parse(line);
  } catch {
    return { answer: errorLine(-32700, "Parse error: the line is not valid JSON.") };
  }
  if (Array.isArray(message)) {
    return {
      answer: errorLine(-32600, "Invalid Request: JSON-RPC batches are not supported; send one message per line."),
    };
  }
  return { forward: markProtoKeys(message) ? JSON.stringify(message) : line };
}

/**
 * Reads lines from `input` (bounded in size by stdio-limit.ts), answers bad ones on `output`, and passes
 * the rest to the returned stream. The returned stream never ends: the end of input is reported to onEnd,
 * which decides when to exit, so the SDK does not abort calls in flight when the client closes stdin.
 */
export function guardLines(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, onEnd: () => void) {
  const checked = new PassThrough();
  const decoder = new StringDecoder("utf8");
  let pending = "";
  input.on("data", (chunk: Buffer | string) => {
    pending += typeof chunk === "string" ? chunk : decoder.write(chunk);
    for (let newline = pending.indexOf("\n"); newline !== -1; newline = pending.indexOf("\n")) {
      const outcome = checkLine(pending.slice(0, newline).replace(/\r$/, ""));
      pending = pending.slice(newline + 1);
      if (outcome === null) continue;
      if ("answer" in outcome) output.write(outcome.answer);
      else checked.write(`${outcome.forward}\n`);
    }
  });
  input.once("end", onEnd);
  return checked;
}

export interface StdioSession {
  factory: (ctx: McpRequestContext) => Server;
  creates: InFlightCreates;
  graceMs: number;
  logger: Logger;
  /** Closes what the session opened (the HeyGen client's pool, an in-process sandbox). */
  close(): Promise<void>;
}

export function serveStdioSession(session: StdioSession): void {
  const { creates, logger } = session;
  let stopping = false;
  const stop = (reason: string) => {
    // A second signal means "now": the operator gave up on the grace period.
    if (stopping) {
      if (reason !== "stdin_closed") process.exit(1);
      return;
    }
    stopping = true;
    void finish(reason);
  };
  const finish = async (reason: string) => {
    const waiting = creates.pending.length;
    if (waiting > 0) logger.warn("finishing_creates", { reason, creates: waiting, grace_ms: session.graceMs });
    const { finished, unfinished } = await creates.settle(session.graceMs);
    for (const c of finished) logger.warn("create_finished_during_shutdown", createFields(c));
    for (const c of unfinished) logger.warn("create_unfinished", createFields(c));
    await session.close().catch(() => {});
    process.exit(0);
  };
  const input = guardLines(boundedStdin(logger), process.stdout, () => stop("stdin_closed"));
  serveStdio(session.factory, {
    transport: stdioTransportFor(input),
    onerror: (err) => logger.error("stdio_error", { error: err }),
  });
  // As PID 1 in a container Node has no default SIGTERM action, so `docker stop` would wait for SIGKILL.
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}
