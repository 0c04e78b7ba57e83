/**
 * Cost arithmetic: how many billed units a call makes (with how sure we are) times a price from the one
 * table. Pure: no I/O, so an estimate never sends anything.
 */
import { PRICES, type Price, type PriceId } from "./prices.js";

/** HeyGen's own planning pace: "~150 words/minute" (heygen-com/skills, prices.md §4). */
export const WORDS_PER_MINUTE = 150;

/** Billed units with the range they may really come to, as factors of `amount`. */
export interface Quantity {
  amount: number;
  basis: string;
  low: number;
  high: number;
  /** The length was not in the arguments; `seconds` in estimate_cost replaces it. */
  isAssumed?: boolean;
}

export interface LineItem {
  price: PriceId;
  quantity: Quantity;
}

export interface PriceRef extends Price {
  id: PriceId;
}

export interface Estimate {
  usd: number;
  /** Enterprise API credits; null when HeyGen publishes no credit rate for a part of the charge. */
  credits: number | null;
  low_usd: number;
  high_usd: number;
  basis: string;
  uncertainty: string;
  /** At least one price is not HeyGen's own figure (see prices[].note). */
  inferred: boolean;
  prices: PriceRef[];
}

const round = (n: number, digits = 4) => Math.round(n * 10 ** digits) / 10 ** digits;

const BREAK = /<break\s+time="(\d+(?:\.\d+)?)(ms|s)"\s*\/?>/gi;

/** Seconds a script takes to speak: words at ~150 wpm, over the speed, plus explicit SSML breaks. */
export function spoken(text: string, speed = 1): Quantity {
  let pauses = 0;
  for (const m of text.matchAll(BREAK)) pauses += Number(m[1]) / (m[2] === "ms" ? 1000 : 1);
  const words = text
    .replace(/<[^>]*>/g, " ")
    .split(/\s+/)
    .filter(Boolean).length;
  const seconds = Math.max(1, Math.round(((words / WORDS_PER_MINUTE) * 60) / speed + pauses));
  const pace = speed === 1 ? "" : ` at speed ${speed}`;
  // 130-190 wpm covers the paces HeyGen's docs mention (prices.md §4).
  return {
    amount: seconds,
    basis: `${words} words ≈ ${seconds} s at ~${WORDS_PER_MINUTE} wpm${pace}`,
    low: 0.8,
    high: 1.25,
  };
}

export const stated = (seconds: number, what: string): Quantity => ({
  amount: seconds,
  basis: `${round(seconds, 1)} s ${what}`,
  low: 1,
  high: 1,
});

/** A length the arguments do not give (audio, a source video, an agent's choice). */
export const assumed = (seconds: number, what: string): Quantity => ({
  amount: seconds,
  basis: `${what} length unknown: assumed ${seconds} s`,
  low: 0.25,
  high: 4,
  isAssumed: true,
});

export const count = (n: number, what: string): Quantity => ({ amount: n, basis: `${n} ${what}`, low: 1, high: 1 });

/** The same quantity n times over (languages, batch items). */
export const times = (q: Quantity, n: number, what: string): Quantity =>
  n === 1 ? q : { ...q, amount: q.amount * n, basis: `${q.basis} × ${n} ${what}` };

const UNIT: Record<Price["unit"], string> = { second: "s", video: "video", call: "call" };

export function estimate(items: readonly LineItem[]): Estimate {
  let usd = 0;
  let low = 0;
  let high = 0;
  let credits: number | null = 0;
  for (const { price, quantity: q } of items) {
    const p: Price = PRICES[price];
    usd += p.usd * q.amount;
    low += p.usd * q.amount * q.low;
    high += p.usd * q.amount * q.high;
    credits = credits === null || p.credits === null ? null : credits + p.credits * q.amount;
  }
  const used = [...new Set(items.map((i) => i.price))].map((id): PriceRef => ({ id, ...PRICES[id] }));
  const inferred = used.some((p) => p.inferred);
  const isRange = round(low, 2) !== round(high, 2);
  const reasons = [
    items.some((i) => i.quantity.isAssumed) ? "a length is assumed (pass seconds)" : "",
    items.some((i) => !i.quantity.isAssumed && i.quantity.low !== i.quantity.high) ? "speaking pace varies" : "",
    inferred ? "a price is inferred, not HeyGen's" : "",
  ].filter(Boolean);
  return {
    usd: round(usd),
    credits: credits === null ? null : round(credits),
    low_usd: round(low),
    high_usd: round(high),
    basis: items
      .map(({ price, quantity }) => {
        const p = PRICES[price];
        return `${quantity.basis} × $${p.usd}/${UNIT[p.unit]} (${price}${p.inferred ? ", inferred" : ""})`;
      })
      .join("; "),
    uncertainty:
      isRange || reasons.length > 0
        ? `$${round(low, 2)}-$${round(high, 2)}: ${reasons.join("; ") || "rounding"}`
        : "list price",
    inferred,
    prices: used,
  };
}
