import { describe, expect, it } from "vitest";
import { z } from "zod";
import { silentLogger } from "../log.js";
import { type AnyToolDef, CREATE, DELETE, defineTool, READ, type ToolContext } from "./define.js";
import { callTool, listEntry, SelectionError, selectTools } from "./registry.js";

const tool = (name: string, toolset: AnyToolDef["toolset"], annotations = READ, core = true): AnyToolDef =>
  defineTool({
    name,
    title: name,
    toolset,
    core,
    description: `${name} tool`,
    operation: "GET /v3/x",
    input: z.strictObject({ id: z.string().min(1).describe("An id.") }),
    output: z.object({ id: z.string() }),
    annotations,
    handler: async ({ id }) => ({ id }),
    summary: (o) => `got ${o.id}. Next: nothing.`,
  });

const defs = [
  tool("get_video", "videos"),
  tool("create_video_from_avatar", "videos", CREATE),
  tool("delete_video", "videos", DELETE),
  tool("list_voices", "voices"),
  tool("get_voice_statuses", "voices", READ, false),
  tool("list_webhook_endpoints", "webhooks"),
];
const names = (list: AnyToolDef[]) => list.map((d) => d.name);
const base = { toolsets: ["default"], tools: [], excludeTools: [], readOnly: false };

describe("selectTools", () => {
  it("takes the core tools of the default toolsets by default, and whole toolsets when named", () => {
    expect(names(selectTools(defs, { ...base, toolsets: ["voices"] }))).toEqual(["list_voices", "get_voice_statuses"]);
    expect(names(selectTools(defs, base))).toEqual([
      "get_video",
      "create_video_from_avatar",
      "delete_video",
      "list_voices",
    ]);
  });
  it("adds --tools and removes --exclude-tools", () => {
    const out = selectTools(defs, {
      ...base,
      toolsets: ["voices"],
      tools: ["list_webhook_endpoints"],
      excludeTools: ["list_voices"],
    });
    expect(names(out)).toEqual(["get_voice_statuses", "list_webhook_endpoints"]);
  });
  it("read-only drops every tool without readOnlyHint, whatever else was asked", () => {
    const out = selectTools(defs, { ...base, toolsets: ["all"], tools: ["create_video_from_avatar"], readOnly: true });
    expect(names(out)).toEqual(["get_video", "list_voices", "get_voice_statuses", "list_webhook_endpoints"]);
  });
  it("refuses unknown tool and toolset names", () => {
    expect(() => selectTools(defs, { ...base, tools: ["nope"] })).toThrow(SelectionError);
    expect(() => selectTools(defs, { ...base, toolsets: ["nope"] })).toThrow(/unknown toolset/);
  });
});

describe("listEntry", () => {
  it("builds the JSON Schema once and without a $schema key", () => {
    const def = defs[0] as AnyToolDef;
    const entry = listEntry(def);
    expect(listEntry(def)).toBe(entry);
    expect(entry.inputSchema).toMatchObject({
      type: "object",
      properties: { id: { type: "string", description: "An id." } },
    });
    expect(entry.inputSchema).not.toHaveProperty("$schema");
    expect(entry.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
  });
});

describe("callTool", () => {
  const ctx = { signal: new AbortController().signal, log: silentLogger } as unknown as ToolContext;
  it("returns structuredContent and a summary line followed by compact JSON", async () => {
    const res = await callTool(defs[0] as AnyToolDef, { id: "v1" }, ctx, silentLogger);
    expect(res.structuredContent).toEqual({ id: "v1" });
    expect(res.content[0]?.text).toBe('got v1. Next: nothing.\n{"id":"v1"}');
  });
  it("turns bad arguments into an invalid_parameter error naming the field", async () => {
    const res = await callTool(defs[0] as AnyToolDef, { id: 3 }, ctx, silentLogger);
    expect(res.isError).toBe(true);
    expect(JSON.parse(res.content[0]?.text ?? "")).toMatchObject({
      code: "invalid_parameter",
      param: "id",
      retryable: false,
    });
  });
  it("hides unexpected exceptions behind internal_error without a stack", async () => {
    const broken = {
      ...(defs[0] as AnyToolDef),
      handler: async () => {
        throw new Error("boom at /secret/path.ts:12");
      },
    };
    const res = await callTool(broken, { id: "x" }, ctx, silentLogger);
    const text = res.content[0]?.text ?? "";
    expect(JSON.parse(text)).toMatchObject({ code: "internal_error", retryable: true });
    expect(text).not.toContain("boom");
    expect(text).not.toContain("/secret/path");
  });
});

describe("context economy", () => {
  const nullable = defineTool({
    name: "get_thing",
    title: "Get a thing",
    toolset: "videos",
    description: "Gets a thing.",
    operation: "GET /v3/x",
    input: z.strictObject({
      id: z.string().min(1).describe("An id."),
      nested: z
        .strictObject({ a: z.string().describe("A.") })
        .optional()
        .describe("N."),
    }),
    output: z.object({ id: z.string(), url: z.string().nullable(), meta: z.object({ n: z.number() }).nullable() }),
    annotations: READ,
    handler: async ({ id }) => ({ id, url: null, meta: null }),
    summary: (o) => `thing ${o.id} has ${o.url === null ? "no" : "a"} url.`,
  });

  it("drops nulls from results but not from what the summary sees", async () => {
    const ctx = { signal: new AbortController().signal, log: silentLogger } as unknown as ToolContext;
    const res = await callTool(nullable, { id: "t" }, ctx, silentLogger);
    expect(res.structuredContent).toEqual({ id: "t" });
    expect(res.content[0]?.text).toBe('thing t has no url.\n{"id":"t"}');
  });

  it("advertises output types without null, required or additionalProperties, and trims inputs", () => {
    const entry = listEntry(nullable);
    expect(entry.outputSchema).toEqual({
      type: "object",
      properties: {
        id: { type: "string" },
        url: { type: "string" },
        meta: { type: "object", properties: { n: { type: "number" } } },
      },
    });
    // Unknown keys are still refused at call time (with the closest valid name); the list need not say so.
    expect(entry.inputSchema).toMatchObject({ required: ["id"] });
    expect(entry.inputSchema).not.toHaveProperty("additionalProperties");
    expect(JSON.stringify(entry.inputSchema)).not.toContain("minLength");
    expect((entry.inputSchema.properties as Record<string, object>).nested).not.toHaveProperty("additionalProperties");
  });
});
