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
import { explainError } from "./hints.js";
import { callPaid, type Executed, isPaid, moneyInput } from "./paid.js";
import { dropNulls, errorResult, invalidArguments, type ToolResult, toToolError, toToolResult } from "./results.js";
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
 * enforces the rule anyway: `additionalProperties:false` (zod still rejects unknown keys, and the error
 * names the key and the closest valid one), input patterns (the error quotes them), zod's integer bound,
 * `minLength: 1`, and on outputs `required` (structuredContent is ours and always complete).
 */
function trim(schema: unknown, isOutput: boolean): unknown {
  if (Array.isArray(schema)) return schema.map((s) => trim(s, isOutput));
  if (!schema || typeof schema !== "object") return schema;
  const node = isOutput ? withoutNull(schema as Record<string, unknown>) : (schema as Record<string, unknown>);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "additionalProperties" && value === false) continue;
    if (key === "required" && isOutput) continue;
    if (key === "minLength" && value === 1) continue;
    // zod's own integer bound, and patterns the server checks and quotes back in its error.
    if (key === "maximum" && value === Number.MAX_SAFE_INTEGER) continue;
    if (key === "pattern" && !isOutput) continue;
    // `{}` says nothing a missing keyword does not (any extra property, any item); object keys are strings.
    if ((key === "additionalProperties" || key === "items") && isEmptySchema(value)) continue;
    if (key === "propertyNames" && isStringSchema(value)) continue;
    if (key === "properties" && value && typeof value === "object") {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, prop]) => [name, trim(prop, isOutput)]));
    } else {
      out[key] = key === "enum" || key === "default" || key === "const" ? value : trim(value, isOutput);
    }
  }
  return out;
}

const isEmptySchema = (s: unknown) => !!s && typeof s === "object" && Object.keys(s).length === 0;
const isStringSchema = (s: unknown) =>
  !!s && typeof s === "object" && Object.keys(s).length === 1 && (s as { type?: unknown }).type === "string";

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

function jsonSchema(schema: z.ZodObject, io: "input" | "output"): ObjectSchema {
  // $schema is dropped: MCP defaults tool schemas to 2020-12.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" });
  return { ...(trim(rest, io === "output") as Record<string, unknown>), type: "object" };
}

const listedCache = new WeakMap<AnyToolDef, ListedTool>();

export function listEntry(def: AnyToolDef): ListedTool {
  let entry = listedCache.get(def);
  if (!entry) {
    entry = {
      name: def.name,
      title: def.title,
      description: def.description,
      inputSchema: isPaid(def) ? withMoneyInput(jsonSchema(def.input, "input")) : jsonSchema(def.input, "input"),
      outputSchema: isPaid(def) ? withCost(jsonSchema(def.output, "output")) : jsonSchema(def.output, "output"),
      annotations: { ...def.annotations },
    };
    listedCache.set(def, entry);
  }
  return entry;
}

const moneyProperties = (jsonSchema(moneyInput, "input").properties ?? {}) as Record<string, unknown>;

/** Paid creates take dry_run, confirm and idempotency_key besides their own arguments (one shared piece). */
function withMoneyInput(schema: ObjectSchema): ObjectSchema {
  return { ...schema, properties: { ...(schema.properties as object), ...moneyProperties } };
}

/** Paid results also carry `cost`: the estimate, the key used and the budget left. */
function withCost(schema: ObjectSchema): ObjectSchema {
  return { ...schema, properties: { ...(schema.properties as object), cost: { type: "object" } } };
}

/** The tools/call path: paid creates through callPaid, which may also ask the person to confirm the cost. */
export function invokeTool(def: AnyToolDef, args: unknown, ctx: ToolContext, log: Logger) {
  const bad = refuseArguments(def, args);
  if (bad) return Promise.resolve(bad);
  return isPaid(def) ? callPaid(def, args, ctx, log, execute) : runTool(def, args, ctx, log);
}

/** Validates arguments, runs the handler, validates the output, and maps every failure to an isError result. */
export async function callTool(def: AnyToolDef, args: unknown, ctx: ToolContext, log: Logger): Promise<ToolResult> {
  return refuseArguments(def, args) ?? runTool(def, args, ctx, log);
}

/** Arguments no tool may take (bad bytes, oversized values), named before any schema runs. */
function refuseArguments(def: AnyToolDef, args: unknown): ToolResult | null {
  const bad = argumentProblem(args);
  if (!bad) return null;
  return errorResult({
    code: "invalid_parameter",
    ...bad,
    hint: `Fix the argument and call ${def.name} again; its input schema lists every field.`,
    retryable: false,
    request_id: null,
  });
}

async function runTool(def: AnyToolDef, args: unknown, ctx: ToolContext, log: Logger): Promise<ToolResult> {
  const parsed = def.input.safeParse(args ?? {});
  if (!parsed.success) return invalidArguments(parsed.error, def.name, args, def.input);
  try {
    const { output, structured, summary } = await execute(def, parsed.data, ctx);
    return toToolResult(structured, summary, def.links?.(output));
  } catch (err) {
    const explained = await explainError(err, args, ctx);
    return toToolError(err, log, { tool: def.name, idempotent: def.annotations.idempotentHint, explained });
  }
}

/** Runs parsed arguments: local files become asset ids first, then the handler; the output is checked. */
async function execute(def: AnyToolDef, data: Record<string, unknown>, ctx: ToolContext): Promise<Executed> {
  const uploaded = await resolveAssetArgs(data, ctx);
  const output = def.output.parse(await def.handler(data, ctx)) as Record<string, unknown>;
  return {
    output,
    structured: withUploads(dropNulls(output) as Record<string, unknown>, uploaded),
    summary: def.summary(output) + uploadsLine(uploaded),
  };
}

/** The uploads ride along beside the tool's own output, so the model can reuse each asset id. */
const withUploads = (output: Record<string, unknown>, uploaded: UploadedFile[]) =>
  uploaded.length === 0 ? output : { ...output, uploaded };

const uploadsLine = (uploaded: UploadedFile[]) =>
  uploaded.map((u) => ` Uploaded ${u.param} as asset_id "${u.asset_id}"; pass that asset_id to reuse it.`).join("");
