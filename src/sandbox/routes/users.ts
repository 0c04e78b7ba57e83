/** GET /v3/users/me (catalog §2.15): API keys bill a USD wallet, OAuth bearer tokens a subscription. */
import { createHash } from "node:crypto";
import type { SandboxDeps } from "../deps.js";
import { ok } from "../envelope.js";
import type { Router } from "../router.js";

export function userRoutes(r: Router, { clock }: SandboxDeps): void {
  r.get("/v3/users/me", (req) => {
    const tag = createHash("sha256").update(req.account.key).digest("hex").slice(0, 8);
    const balance = req.account.balanceUsd(clock.now());
    const user = {
      username: `sandbox_${tag}`,
      email: `sandbox+${tag}@example.com`,
      first_name: "Sandbox",
      last_name: "User",
    };
    if (req.credential.kind === "bearer") {
      const resets = new Date(clock.now());
      resets.setUTCMonth(resets.getUTCMonth() + 1, 1);
      resets.setUTCHours(0, 0, 0, 0);
      return ok({
        ...user,
        billing_type: "subscription",
        wallet: null,
        subscription: {
          plan: "creator",
          credits: {
            premium_credits: { remaining: Math.floor(balance), resets_at: resets.toISOString() },
            add_on_credits: { remaining: 0, resets_at: null },
          },
        },
        usage_based: null,
      });
    }
    return ok({
      ...user,
      billing_type: "wallet",
      wallet: {
        currency: "usd",
        remaining_balance: balance,
        auto_reload: { enabled: false, amount_usd: null, threshold_usd: null },
      },
      subscription: null,
      usage_based: null,
    });
  });
}
