/**
 * Budget spend is recorded from estimates and corrected once a job's real length is known: any read
 * that shows a finished job (completed with its duration, or failed, which HeyGen does not bill)
 * settles the charge its create made.
 */
import type { ToolContext } from "./define.js";

export async function settleSpend(output: unknown, ctx: ToolContext): Promise<void> {
  if (ctx.money?.money.settings.budgetUsd == null || !output || typeof output !== "object") return;
  const o = output as Record<string, unknown>;
  const id = [o.id, o.video_id, o.lipsync_id, o.render_id].find((v): v is string => typeof v === "string");
  if (id === undefined) return;
  if (o.status === "failed") await ctx.money.money.store.settle(ctx.money.account, id, 0);
  else if (o.status === "completed" && typeof o.duration === "number") {
    await ctx.money.money.store.settle(ctx.money.account, id, o.duration);
  }
}
