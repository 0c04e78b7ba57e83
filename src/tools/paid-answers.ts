/**
 * What a paid create answers when it is not simply sent: over budget, awaiting or refused confirmation,
 * an unclear outcome, too little credit, or a repeat this server remembers. Each names the key it used.
 */
import { inputRequired } from "@modelcontextprotocol/server";
import { z } from "zod";
import type { HeyGenError, Operation } from "../client/index.js";
import type { Estimate } from "../money/estimate.js";
import type { Remembered } from "../money/store.js";
import type { AnyToolDef, ToolContext } from "./define.js";
import { findWith } from "./find-created.js";
import type { CallerMoney, MoneySettings } from "./paid.js";
import { errorResult, type ToolResult } from "./results.js";

type Asked = ToolResult | ReturnType<typeof inputRequired>;

/** Every paid tool calls one HeyGen create; a paid row on a tool without one is a bug. */
export function operationOf(def: AnyToolDef): Operation {
  if (!def.operation) throw new Error(`paid tool ${def.name} declares no HeyGen operation`);
  return def.operation;
}

export const usd = (n: number) => `$${n < 0.01 && n > 0 ? n.toFixed(4) : n.toFixed(2)}`;

export const round = (n: number) => Math.round(n * 10_000) / 10_000;

/** A repeat of a call HeyGen would not deduplicate: the first answer again, or a refusal to guess. */
export function fromMemory(def: AnyToolDef, earlier: Remembered, key: string): ToolResult {
  if (earlier.kind === "result") return earlier.value as ToolResult;
  const list = findWith(operationOf(def));
  return errorResult({
    code: "client_create_outcome_unknown",
    message: `The same ${def.name} call ended unclearly moments ago and HeyGen does not deduplicate it; not sent again.`,
    param: "idempotency_key",
    hint: `Look for the first one with ${list ? `list_jobs or ${list}` : "list_jobs"}; to create another anyway, pass a new idempotency_key.`,
    retryable: false,
    request_id: null,
    idempotency_key: key,
  });
}

export function overBudget(settings: MoneySettings, left: number, est: Estimate, key: string): ToolResult {
  const per = settings.budgetPer === "process" ? "this server process" : "this API key, today (UTC)";
  return errorResult({
    code: "budget_exceeded",
    message: `Refused before sending: the estimate ${usd(est.usd)} is more than the ${usd(Math.max(0, left))} left of the budget (--budget-usd ${usd(settings.budgetUsd ?? 0)} for ${per}).`,
    param: null,
    hint: "Nothing was sent. Shorten the work, or ask the operator to raise --budget-usd (HEYGEN_MCP_BUDGET_USD).",
    retryable: false,
    request_id: null,
    idempotency_key: key,
    estimated_usd: est.usd,
  });
}

const CONFIRM_KEY = "confirm_cost";
const confirmSchema = z.object({ confirm: z.boolean().describe("Spend this amount?") });

/** Asks the person (when the client can), or refuses until the model repeats the call with confirm: true. */
export function confirmation(
  def: AnyToolDef,
  caller: CallerMoney,
  est: Estimate,
  key: string,
  threshold: number,
): Asked | null {
  if (caller.answer === "accept") return null;
  const cost = `${def.name} will cost about ${usd(est.usd)} (${est.basis}; ${est.uncertainty})`;
  if (caller.answer === "decline") {
    return errorResult({
      code: "confirmation_declined",
      message: `The person declined: ${cost}. Nothing was sent.`,
      param: null,
      hint: "Do not call again unless the person asks; change the request (e.g. a shorter script) first.",
      retryable: false,
      request_id: null,
      idempotency_key: key,
      estimated_usd: est.usd,
    });
  }
  if (caller.canAsk) {
    return inputRequired({
      inputRequests: {
        [CONFIRM_KEY]: inputRequired.elicit({ message: `${cost}. Go ahead?`, requestedSchema: confirmSchema }),
      },
    });
  }
  return errorResult({
    code: "confirmation_required",
    message: `${cost}, above the ${usd(threshold)} confirmation threshold. Nothing was sent.`,
    param: "confirm",
    hint: `Tell the person the estimate; if they agree, call ${def.name} again with the same arguments and confirm: true.`,
    retryable: false,
    request_id: null,
    idempotency_key: key,
    estimated_usd: est.usd,
  });
}

export const CONFIRM_INPUT_KEY = CONFIRM_KEY;

/** `isReplayed`: HeyGen deduplicates this operation, so the identical call replays its first answer. */
export function outcomeUnknown(def: AnyToolDef, err: HeyGenError, key: string, isReplayed: boolean): ToolResult {
  const list = findWith(operationOf(def));
  const where = list ? `list_jobs or ${list}` : "list_jobs";
  const repeat = isReplayed
    ? `Calling ${def.name} again with the same arguments (idempotency_key "${key}") replays HeyGen's first answer instead of billing twice.`
    : `An identical call within the window is refused rather than risk a second charge; a new idempotency_key creates another.`;
  return errorResult({
    code: err.code,
    message: err.message,
    param: null,
    hint: `It may exist already: look for it with ${where} before anything else. ${repeat}`,
    retryable: false,
    request_id: err.requestId,
    idempotency_key: key,
  });
}

export async function insufficientCredit(
  err: HeyGenError,
  est: Estimate,
  ctx: ToolContext,
  key: string,
): Promise<ToolResult> {
  const balance = await ctx
    .call<{ data?: { wallet?: { remaining_balance?: number | null } | null } }>({ operation: "GET /v3/users/me" })
    .then((r) => r.body.data?.wallet?.remaining_balance ?? null)
    .catch(() => null);
  const missing = balance === null ? null : Math.max(0, est.usd - balance);
  const gap =
    balance === null
      ? `it needs about ${usd(est.usd)}`
      : `it needs about ${usd(est.usd)} and the wallet has ${usd(balance)}: about ${usd(missing ?? 0)} is missing`;
  return errorResult({
    code: err.code,
    message: `${err.message} (${gap}).`,
    param: err.param,
    hint: "Nothing was created. Top up the HeyGen balance, or shorten the work; get_current_user shows the balance.",
    retryable: false,
    request_id: err.requestId,
    idempotency_key: key,
    estimated_usd: est.usd,
    ...(missing === null ? {} : { missing_usd: round(missing) }),
  });
}

export function withKey(result: ToolResult, key: string): ToolResult {
  const text = result.content[0]?.text ?? "{}";
  return errorResult({ ...JSON.parse(text), idempotency_key: key });
}
