import { describe, expect, it } from "vitest";
import { allTools } from "../tools/index.js";
import { selectTools } from "../tools/registry.js";
import { ToolScopes } from "./scopes.js";

const names = (tools: readonly { name: string }[]) => tools.map((t) => t.name);
const operator = selectTools(allTools, { toolsets: ["all"], tools: [], excludeTools: [], readOnly: false });

function scopes(operatorTools = operator, max?: number) {
  let built = 0;
  const s = new ToolScopes(
    allTools,
    operatorTools,
    (tools) => {
      built++;
      return names(tools);
    },
    max,
  );
  return { s, builds: () => built };
}

const ok = (out: ReturnType<ToolScopes<string[]>["resolve"]>): string[] => {
  if (!out.ok) throw new Error(out.message);
  return out.factory;
};

describe("ToolScopes", () => {
  it("serves the operator's selection when the client narrows nothing", () => {
    const { s } = scopes();
    expect(ok(s.resolve({}))).toEqual(names(operator));
    expect(ok(s.resolve({ "x-mcp-read-only": "false" }))).toEqual(names(operator));
  });

  it("hides tools that change anything under X-MCP-Read-Only", () => {
    const { s } = scopes();
    const tools = ok(s.resolve({ "x-mcp-read-only": "true" }));
    expect(tools).toContain("get_video");
    expect(tools).not.toContain("create_video_from_avatar");
    expect(tools).not.toContain("delete_video");
  });

  it("narrows by toolsets and tools, and never widens past the operator", () => {
    const voicesOnly = selectTools(allTools, { toolsets: ["voices"], tools: [], excludeTools: [], readOnly: false });
    const { s } = scopes(voicesOnly);
    expect(ok(s.resolve({ "x-mcp-toolsets": "voices,videos" }))).toEqual(names(voicesOnly));
    expect(ok(s.resolve({ "x-mcp-tools": "get_voice,create_video_from_avatar" }))).toEqual(["find_tools", "get_voice"]);
    const all = scopes().s;
    expect(new Set(ok(all.resolve({ "x-mcp-toolsets": "videos" })))).toEqual(
      new Set(["find_tools", ...operator.filter((d) => d.toolset === "videos").map((d) => d.name)]),
    );
  });

  it("adds a toolset to the default set with +name", () => {
    const { s } = scopes();
    const plus = ok(s.resolve({ "x-mcp-toolsets": "+webhooks" }));
    expect(plus).toEqual(ok(s.resolve({ "x-mcp-toolsets": "default,webhooks" })));
    expect(plus).toContain("create_video_from_avatar");
    expect(plus).toContain("create_webhook_endpoint");
  });

  it("refuses a narrowing that leaves no tools, saying what the endpoint serves", () => {
    const defaultOnly = selectTools(allTools, { toolsets: ["default"], tools: [], excludeTools: [], readOnly: false });
    const { s } = scopes(defaultOnly);
    const out = s.resolve({ "x-mcp-toolsets": "webhooks" });
    expect(out).toMatchObject({ ok: false, message: /X-MCP-Toolsets: webhooks leaves no tools/ });
    expect(out.ok ? "" : out.message).toContain("videos");
  });

  it("answers unknown names and bad switches with a message naming the header", () => {
    const { s } = scopes();
    expect(s.resolve({ "x-mcp-toolsets": "videos,nope" })).toMatchObject({ ok: false, message: /unknown toolset/ });
    expect(s.resolve({ "x-mcp-tools": "no_such_tool" })).toMatchObject({ ok: false, message: /unknown tool/ });
    expect(s.resolve({ "x-mcp-read-only": "maybe" })).toMatchObject({ ok: false, message: /X-MCP-Read-Only/ });
  });

  it("builds each distinct narrowing once and keeps only the most recent few", () => {
    const { s, builds } = scopes(operator, 2);
    expect(builds()).toBe(1); // the operator's own, at start-up
    s.resolve({ "x-mcp-toolsets": "videos,voices" });
    s.resolve({ "x-mcp-toolsets": "voices, videos" });
    expect(builds()).toBe(2);
    s.resolve({ "x-mcp-toolsets": "voices" });
    s.resolve({ "x-mcp-toolsets": "avatars" });
    expect(s.cachedScopes).toBe(2);
    s.resolve({ "x-mcp-toolsets": "videos,voices" });
    expect(builds()).toBe(5);
  });
});
