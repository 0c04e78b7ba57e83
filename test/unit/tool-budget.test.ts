import { readFileSync } from "node:fs";
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import {
  defaultTools,
  everyTool,
  listTokens,
  readmeOptions,
  readmeToolList,
  toolsMarkdown,
} from "../../scripts/tool-docs.js";
import { INSTRUCTIONS } from "../../src/server.js";
import { DEFAULT_TASKS } from "../../src/tools/toolsets.js";

describe("context budget (o200k tokens of tools/list)", () => {
  it("keeps the default set at most 30 tools and 8,000 tokens", () => {
    const tools = defaultTools();
    expect(tools.length).toBeLessThanOrEqual(30);
    expect(listTokens(tools)).toBeLessThanOrEqual(8_000);
  });

  it("keeps every tool together at most 30,000 tokens", () => {
    expect(listTokens(everyTool())).toBeLessThanOrEqual(30_000);
  });
});

describe("generated docs", () => {
  it("docs/tools.md is current (run npm run docs)", () => {
    expect(readFileSync("docs/tools.md", "utf8")).toBe(toolsMarkdown());
  });

  it("the README lists every tool and option as generated (run npm run docs)", () => {
    const readme = readFileSync("README.md", "utf8");
    expect(readme).toContain(readmeToolList());
    expect(readme).toContain(readmeOptions());
  });
});

describe("the default set stands on its own", () => {
  it("is exactly the tools DEFAULT_TASKS records, each under the task it serves", () => {
    const listed = DEFAULT_TASKS.flatMap((t) => t.tools);
    // A new default tool goes into DEFAULT_TASKS (src/tools/toolsets.ts) with the task it serves.
    expect(
      defaultTools()
        .map((d) => d.name)
        .sort(),
    ).toEqual([...listed].sort());
    expect(new Set(listed).size).toBe(listed.length);
  });

  it("names in its descriptions only tools that the default set has", () => {
    const core = defaultTools();
    const known = new Set(everyTool().map((d) => d.name));
    const inDefault = new Set(core.map((d) => d.name));
    for (const tool of core) {
      const named = (tool.description.match(/\b[a-z]+(?:_[a-z0-9]+)+\b/g) ?? []).filter((w) => known.has(w));
      expect(
        named.filter((n) => !inDefault.has(n)),
        tool.name,
      ).toEqual([]);
    }
  });
});

describe("server instructions", () => {
  it("stay within 250 tokens and name only tools that exist", () => {
    expect(countTokens(INSTRUCTIONS)).toBeLessThanOrEqual(250);
    const known = new Set(everyTool().map((d) => d.name));
    const named = (INSTRUCTIONS.match(/\b[a-z]+(?:_[a-z0-9]+)+\b/g) ?? []).filter((w) => !/_id$|file_path/.test(w));
    expect(named.filter((w) => !known.has(w))).toEqual([]);
  });
});
