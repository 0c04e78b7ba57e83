import { z } from "zod";
import { defineTool, READ } from "./define.js";

export interface CurrentUser {
  username?: string;
  email?: string | null;
  billing_type?: string | null;
  wallet?: { currency?: string; remaining_balance?: number | null } | null;
  subscription?: {
    plan?: string;
    credits?: { premium_credits?: { remaining?: number | null }; add_on_credits?: { remaining?: number | null } };
  } | null;
  usage_based?: {
    remaining_credits?: number | null;
    spending_current_usd?: number | null;
    spending_cap_usd?: number | null;
  } | null;
}

/** What get_current_user (and `heygen-mcp doctor`) report: one balance, whichever way the account bills. */
export function accountSummary(user: CurrentUser) {
  const credits = user.subscription?.credits;
  const balance =
    user.wallet?.remaining_balance ??
    user.usage_based?.remaining_credits ??
    (credits ? (credits.premium_credits?.remaining ?? 0) + (credits.add_on_credits?.remaining ?? 0) : null);
  return {
    username: user.username ?? null,
    email: user.email ?? null,
    billing_type: user.billing_type ?? null,
    balance,
    balance_unit: user.wallet?.currency ?? (balance === null ? null : "credits"),
    plan: user.subscription?.plan ?? null,
    spending_cap_usd: user.usage_based?.spending_cap_usd ?? null,
  };
}

export const getCurrentUser = defineTool({
  name: "get_current_user",
  title: "Who am I and what can I spend",
  toolset: "account",
  core: true,
  description:
    "The HeyGen account behind the key: billing type and remaining balance or credits. Call before paid work to check funds.",
  operation: "GET /v3/users/me",
  input: z.strictObject({}),
  output: z.object({
    username: z.string().nullable(),
    email: z.string().nullable(),
    billing_type: z.string().nullable().describe("wallet (API key, USD), subscription (plan credits) or usage_based."),
    balance: z.number().nullable().describe("Remaining wallet balance or credits."),
    balance_unit: z.string().nullable().describe("usd or credits."),
    plan: z.string().nullable(),
    spending_cap_usd: z.number().nullable(),
  }),
  annotations: READ,
  async handler(_input, { call }) {
    const { body } = await call<{ data: CurrentUser }>({});
    return accountSummary(body.data);
  },
  summary: (u) =>
    `Account ${u.username ?? "?"}: ${u.balance ?? "unknown"} ${u.balance_unit ?? ""} left (${u.billing_type ?? "unknown billing"}). Next: list_avatar_looks and list_voices to start a video.`,
});

export const accountTools = [getCurrentUser];
