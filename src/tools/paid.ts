/**
 * What every paid create shares, added by the registry from the tool's row in TOOL_COSTS rather than by
 * each tool: dry_run, confirmation above a threshold, the budget cap, the derived Idempotency-Key (so a
 * repeated call replays instead of billing), and results and errors that say what it cost and which key
 * was used.
 */
import type { inputRequired } from "@modelcontextprotocol/server";
import { z } from "zod";
import { dedupesRepeats, HeyGenError, honoursIdempotencyKey } from "../client/index.js";
import type { Logger } from "../log.js";
import { type Estimate, estimate } from "../money/estimate.js";
import { callHash, derivedKey } from "../money/keys.js";
import { MemoryMoneyStore, type MoneyStore } from "../money/store.js";
import { TOOL_COSTS } from "../money/tool-costs.js";
import type { AnyToolDef, CallInput, ToolContext } from "./define.js";
import { explainError } from "./hints.js";
import {
  CONFIRM_INPUT_KEY,
  confirmation,
  fromMemory,
  insufficientCredit,
  operationOf,
  outcomeUnknown,
  overBudget,
  round,
  usd,
  withKey,
} from "./paid-answers.js";
import { invalidArguments, type ToolResult, toToolError, toToolResult } from "./results.js";

export interface MoneySettings {
  /** USD a budget scope may spend; null = no cap. */
  budgetUsd: number | null;
  /** Estimates above this many USD need the person's (or an explicit) confirmation. */
  confirmAboveUsd: number;
  /** How long an identical paid call keeps its derived Idempotency-Key. */
  idempotencyWindowMs: number;
  /** HTTP: one budget per credential per UTC day; stdio: one per process. */
  budgetPer: "process" | "credential_day";
}

export interface Money {
  settings: MoneySettings;
  store: MoneyStore;
  now(): number;
}

/** The settings from the config (src/config.ts); stdio budgets per process, HTTP per credential per day. */
export const moneySettings = (
  c: { budgetUsd?: number | undefined; confirmAboveUsd: number; idempotencyWindowMin: number },
  budgetPer: MoneySettings["budgetPer"],
): MoneySettings => ({
  budgetUsd: c.budgetUsd ?? null,
  confirmAboveUsd: c.confirmAboveUsd,
  idempotencyWindowMs: c.idempotencyWindowMin * 60_000,
  budgetPer,
});

export const createMoney = (
  settings: MoneySettings,
  store: MoneyStore = new MemoryMoneyStore(),
  now = Date.now,
): Money => ({
  settings,
  store,
  now,
});

/** What a paid call needs to know about its caller, set per call by the server. */
export interface CallerMoney {
  money: Money;
  /** The credential's fingerprint (money/keys.ts), never the credential. */
  account: string;
  /** The client can answer an elicitation (stdio, or the 2026-07-28 protocol). */
  canAsk: boolean;
  /** The person's answer to our confirmation, when this call is the re-entry after asking. */
  answer: "accept" | "decline" | "none";
}

const KEY = /^[A-Za-z0-9_\-:.]{1,255}$/;

/** The arguments every paid create takes besides its own: one shape, described once. */
export const moneyInput = z.strictObject({
  dry_run: z.boolean().optional().describe("Estimate only; send nothing."),
  confirm: z.boolean().optional().describe("Accept the estimated cost."),
  idempotency_key: z.string().regex(KEY).optional().describe("Same key+args replay; a new key renders again."),
});

const MONEY_KEYS = Object.keys(moneyInput.shape);

export const isPaid = (def: AnyToolDef): boolean => Object.hasOwn(TOOL_COSTS, def.name);

/** A paid tool's estimate for parsed arguments; `seconds` replaces an assumed length. */
export function estimateFor(def: AnyToolDef, args: Record<string, unknown>, seconds?: number): Estimate {
  const costOf = TOOL_COSTS[def.name];
  if (!costOf) throw new Error(`${def.name} has no cost row`);
  return estimate(costOf(args, seconds));
}

function split(args: unknown): { own: Record<string, unknown>; money: Record<string, unknown> } {
  const own: Record<string, unknown> = {};
  const money: Record<string, unknown> = {};
  for (const [k, v] of Object.entries((args ?? {}) as Record<string, unknown>)) {
    (MONEY_KEYS.includes(k) ? money : own)[k] = v;
  }
  return { own, money };
}

type PaidOutcome = ToolResult | ReturnType<typeof inputRequired>;

/** What the registry's run of a handler gives back: the checked output and its rendering. */
export interface Executed {
  output: Record<string, unknown>;
  structured: Record<string, unknown>;
  summary: string;
}
type Execute = (def: AnyToolDef, data: Record<string, unknown>, ctx: ToolContext) => Promise<Executed>;

/** The tools/call path of a paid create; `execute` is the registry's run of a handler (uploads included). */
export async function callPaid(
  def: AnyToolDef,
  args: unknown,
  ctx: ToolContext,
  log: Logger,
  execute: Execute,
): Promise<PaidOutcome> {
  const { own, money } = split(args);
  const flags = moneyInput.safeParse(money);
  if (!flags.success) return invalidArguments(flags.error, def.name);
  const parsed = def.input.safeParse(own);
  if (!parsed.success) return invalidArguments(parsed.error, def.name, args, def.input);
  const caller = ctx.money;
  const est = estimateFor(def, parsed.data);
  const key = flags.data.idempotency_key ?? (await deriveKey(caller, def.name, parsed.data));
  if (flags.data.dry_run) return dryRun(def, parsed.data, ctx, key, est);
  // HeyGen replays a keyed (or request_id-deduplicated) repeat itself; for the rest this server remembers.
  const memo = dedupesRepeats(operationOf(def)) ? null : `${caller.account} ${def.name} ${key}`;
  const earlier = memo === null ? undefined : await caller.money.store.recall(memo, caller.money.now());
  if (earlier) return fromMemory(def, earlier, key);
  const gate = await admit(def, caller, est, key, flags.data.confirm === true);
  if (gate.refusal) return gate.refusal;
  const call = { key, est, remaining: gate.remaining, memo, scope: budgetScope(caller) };
  return send(def, parsed.data, { ...ctx, idempotencyKey: key }, log, execute, call);
}

async function deriveKey(caller: CallerMoney, tool: string, args: unknown): Promise<string> {
  const { settings, store } = caller.money;
  const hash = callHash(caller.account, tool, args);
  const first = await store.firstSeen(hash, caller.money.now(), settings.idempotencyWindowMs);
  return derivedKey(hash, first, settings.idempotencyWindowMs);
}

/** Budget, then confirmation, then the budget reservation: all before anything is sent. */
async function admit(
  def: AnyToolDef,
  caller: CallerMoney,
  est: Estimate,
  key: string,
  isConfirmed: boolean,
): Promise<{ refusal?: PaidOutcome; remaining: number | null }> {
  const { settings, store } = caller.money;
  const scope = budgetScope(caller);
  // A repeat of a call already admitted replays its job: nothing more to refuse, ask or count.
  if (settings.budgetUsd !== null && (await store.holds(scope, key))) {
    return { remaining: settings.budgetUsd - (await store.spent(scope)) };
  }
  if (settings.budgetUsd !== null) {
    const left = settings.budgetUsd - (await store.spent(scope));
    if (est.usd > left + 1e-9) return { refusal: overBudget(settings, left, est, key), remaining: left };
  }
  if (est.usd > settings.confirmAboveUsd && !isConfirmed) {
    const refusal = confirmation(def, caller, est, key, settings.confirmAboveUsd);
    if (refusal) return { refusal, remaining: null };
  }
  if (settings.budgetUsd === null) return { remaining: null };
  const perSecond = est.prices.length === 1 && est.prices[0]?.unit === "second" ? est.prices[0].usd : null;
  const held = await store.reserve(scope, { key, usd: est.usd, usdPerSecond: perSecond }, settings.budgetUsd);
  if (!held.ok) return { refusal: overBudget(settings, held.remainingUsd, est, key), remaining: null };
  return { remaining: held.remainingUsd };
}

interface PaidCall {
  key: string;
  est: Estimate;
  remaining: number | null;
  /** Where this server remembers the answer, for operations HeyGen does not deduplicate. */
  memo: string | null;
  scope: string;
}

async function send(
  def: AnyToolDef,
  args: Record<string, unknown>,
  ctx: ToolContext,
  log: Logger,
  execute: Execute,
  { key, est, remaining, memo, scope }: PaidCall,
): Promise<ToolResult> {
  const { money, account } = ctx.money;
  const keyed: ToolContext = {
    ...ctx,
    call: (req: CallInput) =>
      ctx.call((req.operation ?? def.operation) === def.operation ? { ...req, idempotencyKey: key } : req),
  };
  const until = money.now() + money.settings.idempotencyWindowMs;
  try {
    const { output, structured, summary } = await execute(def, args, keyed);
    const jobId = createdId(output);
    if (jobId !== null && remaining !== null) await money.store.bind(scope, key, account, jobId);
    const cost = {
      estimated_usd: est.usd,
      idempotency_key: key,
      ...(remaining === null ? {} : { budget_left_usd: round(remaining) }),
    };
    const left = remaining === null ? "" : `; budget left ${usd(remaining)}`;
    const text = `${summary} Estimated ${usd(est.usd)}${left}.`;
    const result = toToolResult({ ...structured, cost }, text, def.links?.(output));
    if (memo !== null) await money.store.remember(memo, { kind: "result", value: result }, until);
    return result;
  } catch (err) {
    if (!(err instanceof HeyGenError))
      return withKey(toToolError(err, log, { tool: def.name, idempotent: false }), key);
    if (err.code === "client_create_outcome_unknown") {
      if (memo !== null) await money.store.remember(memo, { kind: "unknown" }, until);
      return outcomeUnknown(def, err, key, memo === null);
    }
    // Anything else provably made nothing (the client only says so when no attempt may have acted).
    if (remaining !== null) await money.store.release(scope, key);
    if (err.code === "insufficient_credit") return insufficientCredit(err, est, ctx, key);
    return withKey(
      toToolError(err, log, { tool: def.name, idempotent: false, explained: await explainError(err, args, ctx) }),
      key,
    );
  }
}

function budgetScope(caller: CallerMoney): string {
  if (caller.money.settings.budgetPer === "process") return "process";
  const day = new Date(caller.money.now()).toISOString().slice(0, 10);
  return `${caller.account} ${day}`;
}

/** The id a create returned, for correcting the spend once the job's real length is known. */
function createdId(output: Record<string, unknown>): string | null {
  for (const field of ["video_id", "lipsync_id", "render_id", "id"]) {
    const v = output[field];
    if (typeof v === "string") return v;
  }
  return null;
}

async function dryRun(
  def: AnyToolDef,
  args: Record<string, unknown>,
  ctx: ToolContext,
  key: string,
  est: Estimate,
): Promise<ToolResult> {
  let captured: CallInput | null = null;
  const stop = new Error("dry run: request captured");
  const capture: ToolContext = {
    ...ctx,
    idempotencyKey: key,
    call: async (req) => {
      captured = req;
      throw stop;
    },
    fetchFile: async () => {
      throw stop;
    },
  };
  await def.handler(args, capture).catch((err: unknown) => {
    if (err !== stop) throw err;
  });
  const req = captured as CallInput | null;
  const operation = req?.operation ?? operationOf(def);
  const [method, template] = operation.split(" ") as [string, string];
  const path = template.replace(/\{([^}]+)\}/g, (_m, name: string) =>
    encodeURIComponent(req?.pathParams?.[name] ?? `{${name}}`),
  );
  const request = {
    method,
    path,
    ...(honoursIdempotencyKey(operation) ? { idempotency_key: key } : {}),
    ...(req?.query ? { query: req.query } : {}),
    body: req?.form ? "(multipart form)" : (req?.body ?? null),
  };
  return toToolResult(
    { dry_run: true, request, cost: est },
    `Dry run: nothing sent. ${method} ${path} would cost about ${usd(est.usd)} (${est.uncertainty}). Call again without dry_run to send it.`,
  );
}

export { CONFIRM_INPUT_KEY };
