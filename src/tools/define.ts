/**
 * One tool = one declaration. Everything the registry, docs, snapshots and contract tests need is readable
 * without calling it; the handler maps arguments to one HeyGen operation and shapes a compact result.
 */
import type { z } from "zod";
import type {
  ApiRequest,
  ApiResponse,
  FileFetchOptions,
  FileFetchResult,
  FileStreamResult,
  Operation,
  StreamBody,
} from "../client/index.js";
import type { FilesFolder } from "../files/folder.js";
import type { Clock } from "../jobs/clock.js";
import type { Logger } from "../log.js";
import type { CallerMoney } from "./paid.js";
import type { Toolset } from "./toolsets.js";

export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/** Reads HeyGen state; safe to repeat. */
export const READ: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};
/** Creates something (often billed). Not idempotent from the model's view, even with an Idempotency-Key. */
export const CREATE: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: true,
};
/** Changes an existing resource in place; repeating it with the same arguments changes nothing more. */
export const UPDATE: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: true,
  openWorldHint: true,
};
/** Deletes permanently. */
export const DELETE: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: true,
  openWorldHint: true,
};

export type CallInput = Omit<ApiRequest, "operation"> & { operation?: Operation };

export interface ToolContext {
  /** Calls HeyGen with this call's credential and abort signal; `operation` defaults to the tool's own. */
  call<T = unknown>(req: CallInput): Promise<ApiResponse<T>>;
  /** Reads a file by URL with this call's abort signal; only public addresses or HeyGen's own origin. */
  fetchFile(url: string, opts: Omit<FileFetchOptions, "signal">): Promise<FileFetchResult>;
  /** Opens a file by URL for streaming, with fetchFile's address checks. */
  streamFile(url: string): Promise<FileStreamResult>;
  /** PUTs a streamed body to a presigned upload URL from HeyGen (no credential is sent). */
  putPresigned(url: string, headers: Record<string, string>, body: StreamBody): Promise<void>;
  /** The files folder local paths resolve in; null when local files are off (HTTP without --files-dir). */
  files: FilesFolder | null;
  signal: AbortSignal;
  log: Logger;
  /** Sends a progress notification when the client asked for them; a no-op otherwise. */
  progress(progress: number, total: number | undefined, message: string): Promise<void>;
  /** The tools this connection serves and how the rest are reached (find_tools). */
  session: ToolSession;
  /** Time for waits; tests inject one that moves with the sandbox's clock. */
  clock: Clock;
  /** The longest this request may wait, in seconds: the operator's cap, at most 55 where clients cut at 60 s. */
  maxWaitSeconds: number;
  /** Budget, confirmation and key state of this caller (paid creates and spend corrections). */
  money: CallerMoney;
  /** Paid creates: the key this call carries, for operations that dedupe on a body field instead. */
  idempotencyKey?: string;
}

/** How a server can reach tools it does not serve yet (design: default set small, the rest on demand). */
export interface ToolReach {
  /** Every tool the project defines. */
  catalog: readonly AnyToolDef[];
  /** What this server may serve at all: the operator's selection over HTTP; over stdio every tool that
   * --read-only and --exclude-tools leave. */
  bound: readonly AnyToolDef[];
  /** The toolsets in effect as the person wrote them (--toolsets, or the X-MCP-Toolsets header). */
  selected: readonly string[];
  /** session: this connection can add a toolset itself (stdio); header: stateless HTTP, the client's
   * X-MCP-Toolsets header decides per request. */
  via: "session" | "header";
}

export interface ToolSession {
  reach: ToolReach;
  /** The tools served now. */
  served(): readonly AnyToolDef[];
  /** Adds a toolset's tools for the rest of the session and tells the client (tools/list_changed);
   * returns the tools added. Only where reach.via is "session". */
  enable(toolset: Toolset): Promise<readonly AnyToolDef[]>;
}

export interface ToolDef<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  toolset: Toolset;
  /** In the default set: the everyday tools of the default toolsets (design §9 caps it at 30 tools). */
  core?: boolean;
  /** For a model: what, when (vs its neighbours), cost if paid, what it returns, what to call next. */
  description: string;
  /** The HeyGen operation it calls, e.g. "POST /v3/videos"; the contract tests read this. Absent for a
   * tool that answers from the server itself (find_tools). */
  operation?: Operation;
  input: I;
  output: O;
  annotations: ToolAnnotations;
  handler(input: z.output<I>, ctx: ToolContext): Promise<z.input<O>>;
  /** One line for the text block: what happened and the next useful call. */
  summary(output: z.output<O>): string;
  /** Files the call wrote, as resource_link content items beside the text block. */
  links?(output: z.output<O>): FileLink[];
}

export interface FileLink {
  path: string;
  size: number;
  mimeType: string | null;
}

// biome-ignore lint/suspicious/noExplicitAny: a heterogeneous list of definitions needs an existential type
export type AnyToolDef = ToolDef<any, any>;

export const defineTool = <I extends z.ZodObject, O extends z.ZodObject>(def: ToolDef<I, O>): ToolDef<I, O> => def;
