/**
 * Summaries read as English at a count of one: every tool's summary is called with one-item lists
 * (and totals of 1), and none may say "1 videos"; none may end a sentence twice ("..").
 */
import { describe, expect, it } from "vitest";
import { snapshotLine } from "../../src/jobs/summary.js";
import { plural, sentence } from "../../src/text.js";
import { allTools } from "../../src/tools/index.js";

const ITEM = { id: "x1", video_id: "x1", kind: "video", state: "completed", status: "completed", name: "n" };
/** Words that end in s in the singular. */
const SINGULAR_S = new Set(["status", "bytes"]);
const PLURAL_AFTER_ONE = /\b1 (?:[A-Za-z]+ )?([a-z]+s)\b/g;

/** An output with every top-level array holding one item and every count at 1, from the tool's output schema. */
function oneOf(shape: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { has_more: false, next_token: null };
  for (const [key, field] of Object.entries(shape)) {
    const type = (field as { _zod?: { def?: { type?: string; innerType?: { _zod?: { def?: { type?: string } } } } } })
      ._zod?.def;
    const t = type?.type === "nullable" || type?.type === "optional" ? type.innerType?._zod?.def?.type : type?.type;
    if (t === "array") out[key] = [ITEM];
    else if (t === "number") out[key] = 1;
    else if (t === "string") out[key] = "x1";
  }
  return out;
}

describe("summaries at a count of one", () => {
  it("say '1 video', never '1 videos'", () => {
    let called = 0;
    const slips: string[] = [];
    for (const def of allTools) {
      const shape = (def.output as { shape?: Record<string, unknown> }).shape;
      if (
        !shape ||
        !Object.values(shape).some((f) => (f as { _zod?: { def?: { type?: string } } })._zod?.def?.type === "array")
      )
        continue;
      let text: string;
      try {
        text = def.summary(oneOf(shape) as never);
      } catch {
        continue; // a summary needing fields this generic output lacks; the list tools all run (counted below)
      }
      called++;
      for (const m of text.matchAll(PLURAL_AFTER_ONE))
        if (!SINGULAR_S.has(m[1] as string)) slips.push(`${def.name}: ${text}`);
      if (/[^.]\.\.(?!\.)/.test(text)) slips.push(`${def.name} (..): ${text}`);
    }
    expect(slips).toEqual([]);
    expect(called).toBeGreaterThanOrEqual(25);
  });

  it("plural and sentence", () => {
    expect(plural(1, "video")).toBe("1 video");
    expect(plural(0, "video")).toBe("0 videos");
    expect(plural(2, "status", "statuses")).toBe("2 statuses");
    expect(sentence("Bad input.")).toBe("Bad input.");
    expect(sentence("Bad input")).toBe("Bad input.");
  });

  it("a failure message that ends with a full stop is not doubled", () => {
    const line = snapshotLine({
      kind: "video",
      id: "v1",
      state: "failed",
      status: "failed",
      percent: null,
      failure: { message: "The avatar is not trained.", hint: null },
      outputs: {},
      action: null,
    } as never);
    expect(line).toBe("Video v1 failed: The avatar is not trained.");
  });
});
