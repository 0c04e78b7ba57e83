/**
 * The only place where tool outputs and failures become MCP results: structuredContent plus one text
 * block (a one-line summary naming the next call, then compact JSON), or isError with a JSON body.
 */
import { randomUUID } from "node:crypto";
import { basename } from "node:path";
import { pathToFileURL } from "node:url";
import type { z } from "zod";
import { HeyGenError } from "../client/index.js";
import type { Logger } from "../log.js";
import { echoed } from "./arguments.js";
import { closest } from "./closest.js";
import type { FileLink } from "./define.js";
import { hintForCode } from "./hints.js";

/** A failure a tool finds itself, with no HTTP answer behind it: so no status, and its own next step. */
export class ToolError extends Error {
  override readonly name = "ToolError";
  constructor(
    readonly code: string,
    message: string,
    readonly param: string | null,
    readonly hint: string | null,
    readonly requestId: string | null = null,
  ) {
    super(message);
  }
}

type ResourceLinkItem = { type: "resource_link"; uri: string; name: string; mimeType?: string; size?: number };

export interface ToolResult {
  [key: string]: unknown;
  /** One text block, then a resource_link per file the call wrote. */
  content: [{ type: "text"; text: string }, ...ResourceLinkItem[]];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

export interface ToolErrorBody {
  code: string;
  message: string;
  param: string | null;
  hint: string | null;
  retryable: boolean;
  request_id: string | null;
  /** Creates: the Idempotency-Key used, so the same call can be repeated safely or the job found. */
  idempotency_key?: string | null;
  estimated_usd?: number;
  missing_usd?: number;
}

/** Null means "unknown / not yet" everywhere; omitting it saves the model's context. */
export function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, dropNulls(v)]),
  );
}

/** JSON for the model: nulls and empty values dropped, since they cost tokens and say nothing. */
export function compactJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (v === null || (Array.isArray(v) && v.length === 0) ? undefined : v));
}

/** A file written locally, as a resource_link the client can open (file:// URI). */
const resourceLink = ({ path, size, mimeType }: FileLink): ResourceLinkItem => ({
  type: "resource_link",
  uri: pathToFileURL(path).href,
  name: basename(path),
  ...(mimeType ? { mimeType } : {}),
  size,
});

export function toToolResult(output: Record<string, unknown>, summary: string, files: FileLink[] = []): ToolResult {
  return {
    structuredContent: output,
    content: [{ type: "text", text: `${summary}\n${compactJson(output)}` }, ...files.map(resourceLink)],
  };
}

export function errorResult(body: ToolErrorBody): ToolResult {
  return { isError: true, content: [{ type: "text", text: JSON.stringify(body) }] };
}

/** A zod failure on the tool's arguments, naming the first offending field. */
export function invalidArguments(error: z.ZodError, toolName: string, args?: unknown, schema?: z.ZodType): ToolResult {
  // A misspelt name (videoId) also makes its right spelling "missing": name the unknown key first.
  const issue = error.issues.find((i) => i.code === "unrecognized_keys") ?? error.issues[0];
  // Paths and unknown names are the caller's text: echoed cut short.
  const param = issue && issue.path.length > 0 ? echoed(issue.path.join(".")) : null;
  const unknownKey = issue?.code === "unrecognized_keys" ? issue.keys[0] : undefined;
  const near = unknownKey ? closest(unknownKey, keysAt(schema, issue?.path ?? [])) : [];
  const enumHint = issue?.code === "invalid_value" ? longEnumHint(issue, args) : null;
  const message = unknownKey
    ? `unknown argument "${echoed(unknownKey)}"${near.length ? `; did you mean "${near[0]}"?` : ""}`
    : `${param ?? "arguments"}: ${enumHint?.message ?? issue?.message ?? "invalid value"}`;
  return errorResult({
    code: "invalid_parameter",
    message,
    param: unknownKey ? echoed([...(issue?.path ?? []), unknownKey].join(".")) : param,
    hint:
      hintOf(issue) ??
      (near.length ? `Call ${toolName} again with "${near[0]}" instead of "${echoed(unknownKey ?? "")}".` : null) ??
      enumHint?.hint ??
      (param && issue?.code === "invalid_type" && valueAt(args, issue.path) === undefined
        ? `Call ${toolName} again with "${param}" set; it is required.`
        : `Fix the argument and call ${toolName} again; its input schema lists every field.`),
    retryable: false,
    request_id: null,
  });
}

/** Enums this long are not worth repeating in full: the closest values, and the tool that lists them all. */
const LONG_ENUM = 10;
const ENUM_LISTERS: Readonly<Record<string, string>> = { events: "list_webhook_event_types" };

function longEnumHint(issue: z.core.$ZodIssue & { code: "invalid_value" }, args: unknown) {
  const values = issue.values.map(String);
  if (values.length <= LONG_ENUM) return null;
  const given = valueAt(args, issue.path);
  const near = typeof given === "string" ? closest(given, values) : [];
  const field = issue.path.filter((p) => typeof p === "string").at(-1);
  const lister = typeof field === "string" ? ENUM_LISTERS[field] : undefined;
  return {
    message: `not one of its ${values.length} values${near.length ? `; closest: ${near.join(", ")}` : ""}`,
    hint: lister ? `${lister} lists every value.` : `Pick one of: ${values.slice(0, LONG_ENUM).join(", ")}, ...`,
  };
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const key of path) at = at && typeof at === "object" ? (at as Record<PropertyKey, unknown>)[key] : undefined;
  return at;
}

/** The property names an object schema takes at `path` (through arrays, optionals and defaults). */
function keysAt(schema: z.ZodType | undefined, path: readonly PropertyKey[]): string[] {
  let at: unknown = schema;
  const unwrap = (s: unknown): unknown => {
    const def = (s as { _zod?: { def?: { innerType?: unknown; element?: unknown; type?: string } } })?._zod?.def;
    if (def?.innerType) return unwrap(def.innerType);
    return s;
  };
  for (const key of path) {
    at = unwrap(at);
    const def = (at as { _zod?: { def?: { element?: unknown; shape?: Record<string, unknown> } } })?._zod?.def;
    at = typeof key === "number" ? def?.element : def?.shape?.[String(key)];
  }
  const shape = (unwrap(at) as { _zod?: { def?: { shape?: Record<string, unknown> } } })?._zod?.def?.shape;
  return shape ? Object.keys(shape) : [];
}

/** A custom issue may carry its own next step (e.g. "pass it as file_path"). */
function hintOf(issue: z.core.$ZodIssue | undefined): string | null {
  const hint = issue?.code === "custom" ? (issue.params as { hint?: unknown } | undefined)?.hint : undefined;
  return typeof hint === "string" ? hint : null;
}

/** How one call failed: `idempotent` is the tool's idempotentHint (an unknown failure of any other may have acted). */
export interface FailedCall {
  tool: string;
  idempotent: boolean;
  /** A hint worked out for this very call (e.g. a group id given as a look id); it wins. */
  explained?: string | null;
}

export function toToolError(err: unknown, log: Logger, { tool, idempotent, explained = null }: FailedCall): ToolResult {
  if (err instanceof ToolError) {
    return errorResult({
      code: err.code,
      message: err.message,
      param: err.param,
      hint: explained ?? err.hint,
      retryable: false,
      request_id: err.requestId,
    });
  }
  if (err instanceof HeyGenError) {
    // The client's hint fixes configuration or says how long to wait; the table's names the next call.
    const next = hintForCode(err.code, err.param, tool);
    return errorResult({
      code: err.code,
      message: err.message,
      param: err.param,
      hint: explained ?? ([err.hint, next].filter(Boolean).join(" ") || null),
      retryable: err.retryable,
      request_id: err.requestId,
      ...(err.idempotencyKey === null ? {} : { idempotency_key: err.idempotencyKey }),
    });
  }
  // Unknown failures: the stack goes to the log (redacted), the model gets an id to quote.
  const incident = randomUUID();
  log.error("internal_error", { incident, error: err instanceof Error ? err : String(err) });
  return errorResult({
    code: "internal_error",
    message: "heygen-mcp hit an unexpected error.",
    param: null,
    hint: idempotent
      ? `Retry once; if it persists, report incident ${incident} from the server log.`
      : `It may have gone through: check with the matching list or get tool before calling again (incident ${incident}).`,
    retryable: idempotent,
    request_id: incident,
  });
}
