/**
 * estimate_cost: what a paid create would charge, from the same arguments the create takes, without
 * calling HeyGen. Prices come from the one table in src/money/prices.ts.
 */

import { z } from "zod";
import { plural } from "../text.js";
import { type AnyToolDef, defineTool } from "./define.js";
import { estimateFor, isPaid } from "./paid.js";
import { ToolError } from "./results.js";

const badArgument = (param: string, message: string) =>
  new ToolError("invalid_parameter", message, param, "Fix the argument and call estimate_cost again.");

const priceRow = z.object({
  id: z.string(),
  usd: z.number(),
  credits: z.number().nullable(),
  unit: z.string(),
  source: z.string(),
  date: z.string(),
  inferred: z.boolean(),
  note: z.string().optional(),
});

export function estimateCostTool(catalog: readonly AnyToolDef[]) {
  const paid = new Map(catalog.filter(isPaid).map((d) => [d.name, d]));
  return defineTool({
    name: "estimate_cost",
    title: "Estimate what a create will cost",
    toolset: "account",
    core: true,
    description:
      "What a paid create would charge, before anything is spent: USD (API wallet) and Enterprise credits, with basis and range. Sends nothing. Pass the create tool's name and the arguments you would give it.",
    input: z.strictObject({
      tool: z.string().min(1).describe("A paid create tool's name."),
      arguments: z.record(z.string(), z.unknown()).describe("Its arguments, as you would pass them."),
      seconds: z.number().positive().optional().describe("Output length if known (audio, source video)."),
    }),
    output: z.object({
      tool: z.string(),
      usd: z.number(),
      credits: z.number().nullable().describe("Enterprise API credits; null if unpublished."),
      low_usd: z.number(),
      high_usd: z.number(),
      basis: z.string(),
      uncertainty: z.string(),
      inferred: z.boolean().describe("A price is not HeyGen's own figure."),
      prices: z.array(priceRow),
    }),
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    async handler({ tool, arguments: args, seconds }) {
      const def = paid.get(tool);
      if (!def) throw badArgument("tool", `${tool} is not a paid tool; paid: ${[...paid.keys()].join(", ")}.`);
      const { dry_run: _d, confirm: _c, idempotency_key: _k, ...own } = args;
      const parsed = def.input.safeParse(own);
      const issue = parsed.error?.issues[0];
      if (!parsed.success) {
        const param = ["arguments", ...(issue?.path ?? [])].join(".");
        throw badArgument(param, `${param}: ${issue?.message ?? "invalid value"} (as ${tool} would reject it).`);
      }
      return { tool, ...estimateFor(def, parsed.data, seconds) };
    },
    summary: (e) =>
      `${e.tool}: about $${e.usd.toFixed(2)} (${e.uncertainty})${e.credits === null ? "" : `, ${plural(e.credits, "Enterprise credit")}`}. Basis: ${e.basis}.`,
  });
}
