/**
 * Every schema node of `--toolsets all` tools/list, nested, array items and anyOf branches included:
 * nothing a model would have to guess. The rules are the MCP Inspector CLI's `--strict` schema lint
 * (no boolean schemas, no node without a validation keyword, no `type` arrays, no remote `$ref`) plus
 * ours: every input property carries a description, and no `{}` anywhere.
 */
import { describe, expect, it } from "vitest";
import { everyTool } from "../../scripts/tool-docs.js";
import { listEntry } from "../../src/tools/registry.js";

const CONSTRAINING = ["type", "enum", "const", "anyOf", "oneOf", "allOf", "$ref", "not"];
const CHILD_MAPS = ["properties", "patternProperties", "$defs", "definitions"];
const CHILD_NODES = ["items", "additionalProperties", "contains", "not", "propertyNames"];
const CHILD_LISTS = ["anyOf", "oneOf", "allOf", "prefixItems"];

interface Finding {
  path: string;
  problem: string;
}

function walk(node: unknown, path: string, isInputProperty: boolean, out: Finding[]): void {
  if (typeof node === "boolean") {
    // additionalProperties:false is the one boolean a schema may carry.
    if (!(node === false && path.endsWith(".additionalProperties"))) out.push({ path, problem: `bare ${node}` });
    return;
  }
  if (!node || typeof node !== "object" || Array.isArray(node)) {
    out.push({ path, problem: "not a schema object" });
    return;
  }
  const schema = node as Record<string, unknown>;
  if (Object.keys(schema).length === 0) out.push({ path, problem: "empty schema {}" });
  else if (!CONSTRAINING.some((k) => k in schema)) out.push({ path, problem: "no type or other validation keyword" });
  if (Array.isArray(schema.type)) out.push({ path, problem: "type is an array (less portable)" });
  if (typeof schema.$ref === "string" && !schema.$ref.startsWith("#")) out.push({ path, problem: "remote $ref" });
  if (isInputProperty && !(typeof schema.description === "string" && schema.description.trim().length > 0)) {
    out.push({ path, problem: "input property without description" });
  }
  const isInput = path.includes(".inputSchema");
  for (const key of CHILD_MAPS) {
    const map = schema[key];
    if (map && typeof map === "object") {
      for (const [name, child] of Object.entries(map)) {
        walk(child, `${path}.${key}.${name}`, isInput && key === "properties", out);
      }
    }
  }
  for (const key of CHILD_NODES) if (key in schema) walk(schema[key], `${path}.${key}`, false, out);
  for (const key of CHILD_LISTS) {
    const list = schema[key];
    if (Array.isArray(list)) {
      for (const [i, child] of list.entries()) walk(child, `${path}.${key}[${i}]`, false, out);
    }
  }
}

describe("every tools/list schema is fully described (--toolsets all)", () => {
  const tools = everyTool().map(listEntry);

  it.each(tools.map((t) => [t.name, t] as const))("%s", (_name, tool) => {
    const findings: Finding[] = [];
    walk(tool.inputSchema, `${tool.name}.inputSchema`, false, findings);
    walk(tool.outputSchema, `${tool.name}.outputSchema`, false, findings);
    expect(findings).toEqual([]);
  });

  it("catches what it is meant to catch", () => {
    const findings: Finding[] = [];
    const bad = {
      type: "object",
      properties: {
        loose: {},
        nameless: { type: "string" },
        list: { type: "array", items: true, description: "x" },
        either: { type: ["string", "null"], description: "x" },
        nested: { type: "object", description: "x", properties: { inner: { type: "number" } } },
        union: { anyOf: [{ type: "string" }, { description: "no type" }], description: "x" },
      },
      additionalProperties: {},
    };
    walk(bad, "t.inputSchema", false, findings);
    expect(findings.map((f) => `${f.path}: ${f.problem}`)).toEqual([
      "t.inputSchema.properties.loose: empty schema {}",
      "t.inputSchema.properties.loose: input property without description",
      "t.inputSchema.properties.nameless: input property without description",
      "t.inputSchema.properties.list.items: bare true",
      "t.inputSchema.properties.either: type is an array (less portable)",
      "t.inputSchema.properties.nested.properties.inner: input property without description",
      "t.inputSchema.properties.union.anyOf[1]: no type or other validation keyword",
      "t.inputSchema.additionalProperties: empty schema {}",
    ]);
  });
});
