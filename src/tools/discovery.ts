/**
 * The way from the small default set to every other tool: find_tools lists toolsets, searches tools, and
 * enables a toolset (stdio: for the session, with tools/list_changed; stateless HTTP: by saying which
 * X-MCP-Toolsets header to send). A call to a tool this server does not serve gets the same directions.
 */
import { z } from "zod";
import { echoed } from "./arguments.js";
import { closest } from "./closest.js";
import { type AnyToolDef, defineTool, type ToolReach } from "./define.js";
import { errorResult, type ToolResult } from "./results.js";
import { ALL_TOOLSETS, ALWAYS_SERVED, TOOLSET_ABOUT, type Toolset } from "./toolsets.js";

const firstSentence = (text: string) => (text.match(/^.*?[.!?](\s|$)/)?.[0] ?? text).trim();

/** The --toolsets / X-MCP-Toolsets value that adds `toolset` to what is selected now. */
function widened(selected: readonly string[], toolset: Toolset): string {
  const base = selected.length === 0 ? [] : [...selected];
  return [...new Set([...base, toolset])].join(",");
}

/** One sentence: how to get `toolset` served here, or why it cannot be. */
export function howToEnable(reach: ToolReach, toolset: Toolset): string {
  const reachable = reach.bound.some((d) => d.toolset === toolset);
  const flag = `--toolsets ${widened(reach.selected, toolset)}`;
  if (!reachable) {
    return reach.via === "session"
      ? `This server leaves the ${toolset} toolset out (--read-only or --exclude-tools); the person must restart it without those for ${toolset}.`
      : `This endpoint's operator does not serve the ${toolset} toolset; they would have to start it with ${flag}.`;
  }
  return reach.via === "session"
    ? `Call find_tools with enable="${toolset}".`
    : `This endpoint is stateless: ask the person to add the header "X-MCP-Toolsets: ${widened(reach.selected, toolset)}" to this server in their client, then list tools again.`;
}

/** The tool error for a tools/call naming a tool this connection does not serve. */
export function notServedError(name: string, reach: ToolReach): ToolResult {
  const def = reach.catalog.find((d) => d.name === name);
  if (!def) {
    const near = closest(
      name,
      reach.catalog.map((d) => d.name),
    );
    return errorResult({
      code: "unknown_tool",
      message: `Tool "${echoed(name)}" not found.`,
      param: "name",
      hint: `${near.length ? `Did you mean ${near.join(" or ")}? ` : ""}find_tools with a query searches every tool.`,
      retryable: false,
      request_id: null,
    });
  }
  if (reach.bound.includes(def)) {
    return errorResult({
      code: "tool_not_enabled",
      message: `${name} is in the ${def.toolset} toolset, which this connection does not serve yet.`,
      param: "name",
      hint: `${howToEnable(reach, def.toolset)} Then call ${name} again.`,
      retryable: false,
      request_id: null,
    });
  }
  const readOnlyServer = !def.annotations.readOnlyHint && reach.bound.every((d) => d.annotations.readOnlyHint);
  return errorResult({
    code: "tool_not_enabled",
    message: readOnlyServer
      ? `${name} changes or bills, and this server is read-only (--read-only).`
      : `${name} (toolset ${def.toolset}) is left out of this server by its operator's selection.`,
    param: "name",
    hint: readOnlyServer
      ? "Tell the person: this needs a server started without --read-only."
      : `Tell the person: ${howToEnable({ ...reach, bound: [] }, def.toolset)}`,
    retryable: false,
    request_id: null,
  });
}

const MAX_MATCHES = 8;

/** Tools whose name or description holds the query's words, most words first. */
function search(catalog: readonly AnyToolDef[], query: string): AnyToolDef[] {
  const words = query
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1)
    .map((w) => (w.length > 3 && w.endsWith("s") ? w.slice(0, -1) : w));
  const scored = catalog.map((d) => {
    const name = d.name.replace(/_/g, " ");
    const text = `${name} ${d.description}`.toLowerCase();
    const score = words.reduce((n, w) => n + (name.includes(w) ? 2 : text.includes(w) ? 1 : 0), 0);
    return { d, score };
  });
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_MATCHES)
    .map((s) => s.d);
}

const toolsetRow = z.object({
  name: z.string().describe("For enable."),
  about: z.string().describe("Contents."),
  served: z.string().describe("Tools served now, of all."),
});

const matchRow = z.object({
  name: z.string().describe("Tool."),
  toolset: z.string().describe("Its toolset."),
  served: z.boolean().describe("Callable now."),
  about: z.string().describe("What it does."),
});

const ENABLEABLE = ALL_TOOLSETS.filter((t) => t !== ALWAYS_SERVED) as [Toolset, ...Toolset[]];

export const findTools = defineTool({
  name: "find_tools",
  title: "Find tools",
  toolset: ALWAYS_SERVED,
  core: true,
  description:
    "Reach tools not listed here: no arguments lists toolsets; query finds tools; enable adds a toolset (over HTTP: says which header).",
  input: z.strictObject({
    query: z.string().min(1).optional().describe('Words, e.g. "webhook", "clone voice".'),
    enable: z.enum(ENABLEABLE).optional().describe("Toolset to add."),
  }),
  output: z.object({
    toolsets: z.array(toolsetRow).optional().describe("With no arguments."),
    matches: z.array(matchRow).optional().describe("For query."),
    enabled: z.array(z.string()).optional().describe("Tools added."),
    how: z.string().optional().describe("How to reach the rest."),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler({ query, enable }, { session }) {
    const { reach } = session;
    const served = new Set(session.served());
    if (enable) {
      if (reach.via === "session" && reach.bound.some((d) => d.toolset === enable)) {
        const added = await session.enable(enable);
        return {
          enabled: added.map((d) => d.name),
          ...(added.length === 0 ? { how: `Every ${enable} tool this server allows is already served.` } : {}),
        };
      }
      return { how: howToEnable(reach, enable) };
    }
    if (query) {
      const found = search(reach.catalog, query);
      const unserved = [...new Set(found.filter((d) => !served.has(d)).map((d) => d.toolset))];
      return {
        matches: found.map((d) => ({
          name: d.name,
          toolset: d.toolset,
          served: served.has(d),
          about: firstSentence(d.description),
        })),
        ...(unserved.length ? { how: unserved.map((t) => howToEnable(reach, t)).join(" ") } : {}),
      };
    }
    return {
      toolsets: ENABLEABLE.map((name) => {
        const tools = reach.catalog.filter((d) => d.toolset === name);
        return {
          name,
          about: TOOLSET_ABOUT[name],
          served: `${tools.filter((d) => served.has(d)).length}/${tools.length}`,
        };
      }),
    };
  },
  summary(out) {
    if (out.enabled?.length) return `Added ${out.enabled.length} tools to this session: ${out.enabled.join(", ")}.`;
    if (out.matches) {
      const list = out.matches.map((m) => `${m.name}${m.served ? "" : ` (${m.toolset}, not served)`}`).join(", ");
      return out.matches.length
        ? `Matches: ${list}.${out.how ? ` ${out.how}` : ""}`
        : "No tool matches; try other words.";
    }
    if (out.toolsets) return 'Toolsets below; find_tools with enable="<name>" adds one, query="<words>" finds a tool.';
    return out.how ?? "";
  },
});

export const discoveryTools = [findTools];
