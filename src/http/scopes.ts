/**
 * Per-request tool narrowing. The operator's --toolsets/--tools/--exclude-tools/--read-only are the upper
 * bound; a client may narrow it with X-MCP-Toolsets, X-MCP-Tools and X-MCP-Read-Only (intersection, never
 * wider). Each distinct narrowing gets one server factory, whose tools/list result is prebuilt, kept in a
 * small LRU: a request never converts a schema (design §11). A narrowing that leaves no HeyGen tool is
 * refused with the reason, never served as an empty list.
 */
import type { AnyToolDef } from "../tools/define.js";
import { SelectionError, selectTools } from "../tools/registry.js";
import { ALWAYS_SERVED } from "../tools/toolsets.js";

type HeaderValue = string | string[] | undefined;

/** Lower-cased header names, as node:http gives them. */
export type ScopeHeaders = Readonly<Record<string, HeaderValue>>;

export type ScopeOutcome<F> = { ok: true; factory: F } | { ok: false; message: string };

const DEFAULT_CACHE_SIZE = 32;

function single(value: HeaderValue): string | undefined {
  const v = Array.isArray(value) ? value.join(",") : value;
  return v === undefined ? undefined : v.trim();
}

const list = (text: string): string[] =>
  text
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

function readOnlyOf(text: string | undefined): boolean | undefined | null {
  if (text === undefined) return undefined;
  const v = text.toLowerCase();
  if (v === "true" || v === "1" || v === "yes") return true;
  if (v === "false" || v === "0" || v === "no") return false;
  return null;
}

export class ToolScopes<F> {
  readonly #operatorTools: readonly AnyToolDef[];
  readonly #catalog: readonly AnyToolDef[];
  /** `selected`: the toolsets in effect as the client wrote them (null: the operator's own selection). */
  readonly #build: (tools: readonly AnyToolDef[], selected: readonly string[] | null) => F;
  readonly #max: number;
  readonly #operatorFactory: F;
  // Map iteration order is insertion order: re-inserting on a hit makes the first key the least recent.
  readonly #cache = new Map<string, F>();

  constructor(
    catalog: readonly AnyToolDef[],
    operatorTools: readonly AnyToolDef[],
    build: (tools: readonly AnyToolDef[], selected: readonly string[] | null) => F,
    max = DEFAULT_CACHE_SIZE,
  ) {
    this.#catalog = catalog;
    this.#operatorTools = operatorTools;
    this.#build = build;
    this.#max = max;
    this.#operatorFactory = build(operatorTools, null);
  }

  resolve(headers: ScopeHeaders): ScopeOutcome<F> {
    const toolsetsText = single(headers["x-mcp-toolsets"]);
    const toolsText = single(headers["x-mcp-tools"]);
    const readOnly = readOnlyOf(single(headers["x-mcp-read-only"]));
    if (readOnly === null) return { ok: false, message: "X-MCP-Read-Only must be true or false." };
    if (toolsetsText === undefined && toolsText === undefined && !readOnly) {
      return { ok: true, factory: this.#operatorFactory };
    }
    const tools = toolsText === undefined ? [] : list(toolsText).sort();
    const toolsets = toolsetsText === undefined ? (toolsText === undefined ? ["all"] : []) : list(toolsetsText).sort();
    const key = JSON.stringify([toolsets, tools, readOnly === true]);
    const hit = this.#cache.get(key);
    if (hit !== undefined) {
      this.#cache.delete(key);
      this.#cache.set(key, hit);
      return { ok: true, factory: hit };
    }
    let wanted: Set<AnyToolDef>;
    try {
      wanted = new Set(selectTools(this.#catalog, { toolsets, tools, excludeTools: [], readOnly: readOnly === true }));
    } catch (err) {
      if (err instanceof SelectionError) return { ok: false, message: `X-MCP-Toolsets/X-MCP-Tools: ${err.message}` };
      throw err;
    }
    const served = this.#operatorTools.filter((d) => wanted.has(d));
    if (!served.some((d) => d.toolset !== ALWAYS_SERVED))
      return { ok: false, message: this.#emptyMessage(toolsetsText, toolsText, readOnly === true) };
    const factory = this.#build(served, toolsetsText === undefined ? [] : list(toolsetsText));
    this.#cache.set(key, factory);
    const oldest = this.#cache.keys().next();
    if (this.#cache.size > this.#max && !oldest.done) this.#cache.delete(oldest.value);
    return { ok: true, factory };
  }

  /** Why a narrowing leaves nothing: the headers intersect the operator's selection, they never widen it. */
  #emptyMessage(toolsets: string | undefined, tools: string | undefined, readOnly: boolean): string {
    const asked = [
      toolsets === undefined ? "" : `X-MCP-Toolsets: ${toolsets}`,
      tools === undefined ? "" : `X-MCP-Tools: ${tools}`,
      readOnly ? "X-MCP-Read-Only: true" : "",
    ].filter(Boolean);
    const offered = [...new Set(this.#operatorTools.filter((d) => d.toolset !== ALWAYS_SERVED).map((d) => d.toolset))];
    return (
      `${asked.join(", ")} leaves no tools: headers only narrow what this endpoint serves ` +
      `(toolsets ${offered.join(", ") || "none"}, some possibly in part). Name one of those, or drop the header.`
    );
  }

  /** Distinct narrowings currently cached (for tests). */
  get cachedScopes(): number {
    return this.#cache.size;
  }
}
