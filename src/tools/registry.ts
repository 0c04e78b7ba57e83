/**
 * Which tools a server exposes, their prebuilt tools/list entries, and the one tools/call path.
 * JSON Schemas are converted once per definition and cached: the HTTP factory runs per request and
 * must only wire prebuilt definitions (design §11).
 */
import { z } from "zod";
import { resolveAssetArgs, type UploadedFile } from "../files/asset-args.js";
import type { Logger } from "../log.js";
import { argumentProblem } from "./arguments.js";
import type { AnyToolDef, ToolAnnotations, ToolContext } from "./define.js";
import { errorResult, invalidArguments, type ToolResult, toToolError, toToolResult } from "./results.js";
import { ALL_TOOLSETS, ALWAYS_SERVED, DEFAULT_TOOLSETS, type Toolset } from "./toolsets.js";

export interface ToolSelection {
  toolsets: readonly string[];
  tools: readonly string[];
  excludeTools: readonly string[];
  readOnly: boolean;
}

export class SelectionError extends Error {
  override readonly name = "SelectionError";
}

/**
 * Whole toolsets named, and whether "default" (the core tools of the default toolsets) was asked for.
 * "+name" adds a toolset to the default set: `+webhooks` is `default,webhooks`.
 */
function expandToolsets(names: readonly string[]): { whole: Set<Toolset>; wantsDefault: boolean } {
  const whole = new Set<Toolset>();
  let wantsDefault = false;
  for (const given of names) {
    const name = given.startsWith("+") ? given.slice(1) : given;
    if (name !== given) wantsDefault = true;
    if (name === "all") for (const t of ALL_TOOLSETS) whole.add(t);
    else if (name === "default") wantsDefault = true;
    else if ((ALL_TOOLSETS as readonly string[]).includes(name)) whole.add(name as Toolset);
    else throw new SelectionError(`unknown toolset "${given}"; known: all, default, ${ALL_TOOLSETS.join(", ")}`);
  }
  return { whole, wantsDefault };
}

const isDefault = (d: AnyToolDef) => d.core === true && DEFAULT_TOOLSETS.includes(d.toolset);

/**
 * Toolsets ∪ --tools ∪ the discovery toolset, minus --exclude-tools; --read-only then drops every tool
 * without readOnlyHint.
 */
export function selectTools(all: readonly AnyToolDef[], sel: ToolSelection): AnyToolDef[] {
  const known = new Set(all.map((d) => d.name));
  for (const name of [...sel.tools, ...sel.excludeTools]) {
    if (!known.has(name)) throw new SelectionError(`unknown tool "${name}"; see the README's tool list`);
  }
  const { whole, wantsDefault } = expandToolsets(sel.toolsets);
  const extra = new Set(sel.tools);
  const excluded = new Set(sel.excludeTools);
  return all.filter(
    (d) =>
      (whole.has(d.toolset) || (wantsDefault && isDefault(d)) || extra.has(d.name) || d.toolset === ALWAYS_SERVED) &&
      !excluded.has(d.name) &&
      (!sel.readOnly || d.annotations.readOnlyHint),
  );
}

export interface ListedTool {
  name: string;
  title: string;
  description: string;
  inputSchema: ObjectSchema;
  outputSchema: ObjectSchema;
  annotations: ToolAnnotations;
}

type ObjectSchema = { type: "object"; [key: string]: unknown };

/**
 * Every token here is paid in every conversation (design §9), so schemas are trimmed where the server
 * enforces the rule anyway: nested `additionalProperties:false` (zod still rejects unknown keys), and on
 * outputs `required`/`additionalProperties` (structuredContent is ours and always complete), and
 * `minLength: 1`.
 */
function trim(schema: unknown, isOutput: boolean, isRoot: boolean): unknown {
  if (Array.isArray(schema)) return schema.map((s) => trim(s, isOutput, false));
  if (!schema || typeof schema !== "object") return schema;
  const node = isOutput ? withoutNull(schema as Record<string, unknown>) : (schema as Record<string, unknown>);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "additionalProperties" && value === false && (isOutput || !isRoot)) continue;
    if (key === "required" && isOutput) continue;
    if (key === "minLength" && value === 1) continue;
    if (key === "properties" && value && typeof value === "object") {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, prop]) => [name, trim(prop, isOutput, false)]));
    } else {
      out[key] = key === "enum" || key === "default" || key === "const" ? value : trim(value, isOutput, false);
    }
  }
  return out;
}

const isNullSchema = (s: unknown) => !!s && typeof s === "object" && (s as { type?: unknown }).type === "null";

/** Results never carry null (dropNulls), so output schemas advertise the non-null type alone. */
function withoutNull(node: Record<string, unknown>): Record<string, unknown> {
  if (Array.isArray(node.type) && node.type.includes("null")) {
    const rest = node.type.filter((t) => t !== "null");
    return { ...node, type: rest.length === 1 ? rest[0] : rest };
  }
  if (Array.isArray(node.anyOf) && node.anyOf.length === 2 && node.anyOf.some(isNullSchema)) {
    const { anyOf, ...others } = node;
    return { ...(anyOf.find((s) => !isNullSchema(s)) as Record<string, unknown>), ...others };
  }
  return node;
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

function jsonSchema(schema: z.ZodObject, io: "input" | "output"): ObjectSchema {
  // $schema is dropped: MCP defaults tool schemas to 2020-12.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" });
  return { ...(trim(rest, io === "output", true) as Record<string, unknown>), type: "object" };
}

const listedCache = new WeakMap<AnyToolDef, ListedTool>();

export function listEntry(def: AnyToolDef): ListedTool {
  let entry = listedCache.get(def);
  if (!entry) {
    entry = {
      name: def.name,
      title: def.title,
      description: def.description,
      inputSchema: jsonSchema(def.input, "input"),
      outputSchema: jsonSchema(def.output, "output"),
      annotations: { ...def.annotations },
    };
    listedCache.set(def, entry);
  }
  return entry;
}

/** Validates arguments, runs the handler, validates the output, and maps every failure to an isError result. */
export async function callTool(def: AnyToolDef, args: unknown, ctx: ToolContext, log: Logger): Promise<ToolResult> {
  const bad = argumentProblem(args);
  if (bad) {
    return errorResult({
      code: "invalid_parameter",
      ...bad,
      hint: `Fix the argument and call ${def.name} again; its input schema lists every field.`,
      retryable: false,
      request_id: null,
    });
  }
  const parsed = def.input.safeParse(args ?? {});
  if (!parsed.success) return invalidArguments(parsed.error, def.name);
  try {
    // Local files and base64 a field cannot take inline become asset ids before the handler runs.
    const uploaded = await resolveAssetArgs(parsed.data, ctx);
    const raw = await def.handler(parsed.data, ctx);
    const output = def.output.parse(raw);
    return toToolResult(
      withUploads(dropNulls(output) as Record<string, unknown>, uploaded),
      def.summary(output) + uploadsLine(uploaded),
    );
  } catch (err) {
    return toToolError(err, log, def.annotations.idempotentHint);
  }
}

/** The uploads ride along beside the tool's own output, so the model can reuse each asset id. */
const withUploads = (output: Record<string, unknown>, uploaded: UploadedFile[]) =>
  uploaded.length === 0 ? output : { ...output, uploaded };

const uploadsLine = (uploaded: UploadedFile[]) =>
  uploaded.map((u) => ` Uploaded ${u.param} as asset_id "${u.asset_id}"; pass that asset_id to reuse it.`).join("");
