/**
 * Which tools a server exposes, their prebuilt tools/list entries, and the one tools/call path.
 * JSON Schemas are converted once per definition and cached: the HTTP factory runs per request and
 * must only wire prebuilt definitions (design §11).
 */
import { z } from "zod";
import type { Logger } from "../log.js";
import type { AnyToolDef, ToolAnnotations, ToolContext } from "./define.js";
import { invalidArguments, type ToolResult, toToolError, toToolResult } from "./results.js";
import { ALL_TOOLSETS, DEFAULT_TOOLSETS, type Toolset } from "./toolsets.js";

export interface ToolSelection {
  toolsets: readonly string[];
  tools: readonly string[];
  excludeTools: readonly string[];
  readOnly: boolean;
}

export class SelectionError extends Error {
  override readonly name = "SelectionError";
}

/** Whole toolsets named, and whether "default" (the core tools of the default toolsets) was asked for. */
function expandToolsets(names: readonly string[]): { whole: Set<Toolset>; wantsDefault: boolean } {
  const whole = new Set<Toolset>();
  let wantsDefault = false;
  for (const name of names) {
    if (name === "all") for (const t of ALL_TOOLSETS) whole.add(t);
    else if (name === "default") wantsDefault = true;
    else if ((ALL_TOOLSETS as readonly string[]).includes(name)) whole.add(name as Toolset);
    else throw new SelectionError(`unknown toolset "${name}"; known: all, default, ${ALL_TOOLSETS.join(", ")}`);
  }
  return { whole, wantsDefault };
}

const isDefault = (d: AnyToolDef) => d.core === true && DEFAULT_TOOLSETS.includes(d.toolset);

/** Toolsets ∪ --tools, minus --exclude-tools; --read-only then drops every tool without readOnlyHint. */
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
      (whole.has(d.toolset) || (wantsDefault && isDefault(d)) || extra.has(d.name)) &&
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
  annotations: ToolAnnotations & { title: string };
}

type ObjectSchema = { type: "object"; [key: string]: unknown };

function jsonSchema(schema: z.ZodObject, io: "input" | "output"): ObjectSchema {
  // $schema is dropped: MCP defaults tool schemas to 2020-12, and it would cost tokens on every tool.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" });
  return { ...rest, type: "object" };
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
      annotations: { title: def.title, ...def.annotations },
    };
    listedCache.set(def, entry);
  }
  return entry;
}

/** Validates arguments, runs the handler, validates the output, and maps every failure to an isError result. */
export async function callTool(def: AnyToolDef, args: unknown, ctx: ToolContext, log: Logger): Promise<ToolResult> {
  const parsed = def.input.safeParse(args ?? {});
  if (!parsed.success) return invalidArguments(parsed.error, def.name);
  try {
    const raw = await def.handler(parsed.data, ctx);
    const output = def.output.parse(raw) as Record<string, unknown>;
    return toToolResult(output, def.summary(output));
  } catch (err) {
    return toToolError(err, log);
  }
}
