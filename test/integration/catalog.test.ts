import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allTools } from "../../src/tools/index.js";
import { isPaid, moneyInput } from "../../src/tools/paid.js";
import { type Stack, startStack } from "../helpers/stack.js";

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema & { description?: string }>;
  anyOf?: unknown;
  oneOf?: unknown;
  allOf?: unknown;
}

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

describe("tools/list as a client sees it", () => {
  it("serves every tool with a non-empty object input schema carrying the expected properties", async () => {
    const { tools } = await stack.mcp.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(allTools.map((t) => t.name).sort());
    for (const tool of tools) {
      const def = allTools.find((d) => d.name === tool.name);
      const schema = tool.inputSchema as JsonSchema;
      expect(schema.type, tool.name).toBe("object");
      expect(schema.anyOf ?? schema.oneOf ?? schema.allOf, tool.name).toBeUndefined();
      // Paid creates also take the shared dry_run / confirm / idempotency_key piece.
      const money = def && isPaid(def) ? Object.keys(moneyInput.shape) : [];
      expect(Object.keys(schema.properties ?? {}).sort(), tool.name).toEqual(
        [...Object.keys(def?.input.shape ?? {}), ...money].sort(),
      );
      for (const [prop, propSchema] of Object.entries(schema.properties ?? {})) {
        expect(propSchema.description, `${tool.name}.${prop} has a description`).toBeTruthy();
      }
      expect((tool.outputSchema as JsonSchema | undefined)?.type, tool.name).toBe("object");
    }
  });

  it("sets all four annotations honestly on every tool", async () => {
    const { tools } = await stack.mcp.listTools();
    for (const tool of tools) {
      const a = tool.annotations ?? {};
      for (const hint of ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] as const) {
        expect(typeof a[hint], `${tool.name}.${hint}`).toBe("boolean");
      }
      expect(a.readOnlyHint && a.destructiveHint, tool.name).toBe(false);
      if (tool.name.startsWith("create_"))
        expect(a, tool.name).toMatchObject({ readOnlyHint: false, idempotentHint: false });
      if (tool.name.startsWith("delete_")) expect(a, tool.name).toMatchObject({ destructiveHint: true });
      if (/^(get|list)_/.test(tool.name)) expect(a.readOnlyHint, tool.name).toBe(true);
    }
  });

  it("names tools verb_noun in snake_case with short descriptions", async () => {
    const { tools } = await stack.mcp.listTools();
    for (const tool of tools) {
      expect(tool.name).toMatch(/^[a-z]+(_[a-z0-9]+)+$/);
      expect(tool.description?.length ?? 0, tool.name).toBeLessThanOrEqual(400);
    }
  });
});

describe("catalog snapshot", () => {
  it("matches the reviewed tool surface (names, annotations, schemas); update with vitest -u", async () => {
    const { tools } = await stack.mcp.listTools();
    const surface = [...tools].sort((a, b) => a.name.localeCompare(b.name));
    await expect(`${JSON.stringify(surface, null, 2)}\n`).toMatchFileSnapshot("../__snapshots__/catalog.json");
  });
});

describe("read-only mode", () => {
  it("hides every tool that changes or bills anything", async () => {
    const ro = await startStack({
      selection: { readOnly: true, toolsets: ["all"], tools: ["create_video_from_avatar"] },
    });
    try {
      const { tools } = await ro.mcp.listTools();
      expect(tools.length).toBeGreaterThan(0);
      expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
      expect(tools.map((t) => t.name)).not.toContain("create_video_from_avatar");
      expect(tools.map((t) => t.name)).not.toContain("delete_video");
      const denied = await ro.mcp.callTool({ name: "delete_video", arguments: { video_id: "v" } });
      expect(denied.isError).toBe(true);
      expect(JSON.stringify(denied.content)).toContain("read-only (--read-only)");
    } finally {
      await ro.close();
    }
  });
});
