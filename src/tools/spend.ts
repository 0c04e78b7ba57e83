/**
 * Budget spend is recorded from estimates and corrected once a job's real length is known: any HeyGen read
 * that shows a finished job (completed with its duration, or failed, which HeyGen does not bill) settles the
 * charge its create made, whichever tool read it (get_video, wait_for_job, list_jobs…).
 */
import type { CallerMoney } from "./paid.js";

type Rec = Record<string, unknown>;

const isRecord = (v: unknown): v is Rec => !!v && typeof v === "object" && !Array.isArray(v);

export async function settleFromResponse(body: unknown, caller: CallerMoney): Promise<void> {
  if (caller.money.settings.budgetUsd === null || !isRecord(body)) return;
  const records = Array.isArray(body.data) ? body.data : [body.data];
  for (const r of records) {
    if (!isRecord(r) || typeof r.id !== "string") continue;
    if (r.status === "failed") await caller.money.store.settle(caller.account, r.id, 0);
    else if (r.status === "completed" && typeof r.duration === "number") {
      await caller.money.store.settle(caller.account, r.id, r.duration);
    }
  }
}
