/**
 * The state money safety keeps between calls, behind one small interface: when an identical call was
 * first seen (so a repeat derives the same Idempotency-Key), what a budget scope has spent, and which
 * job each charge became (so the spend is corrected once its real length is known). In memory for now;
 * a shared implementation lets several HTTP replicas agree.
 */

export interface Charge {
  /** The Idempotency-Key (or derived call key) the charge was made under: a replay never counts twice. */
  key: string;
  usd: number;
  /** USD per second of output, when the charge is one job billed by length; null otherwise. */
  usdPerSecond: number | null;
}

/** What this server remembers of a paid call HeyGen does not deduplicate itself. */
export type Remembered = { kind: "result"; value: unknown } | { kind: "unknown" };

export type Reservation = { ok: true; remainingUsd: number } | { ok: false; remainingUsd: number };

export interface MoneyStore {
  /** When this call was first seen within `windowMs`; records `nowMs` when it was not. */
  firstSeen(callHash: string, nowMs: number, windowMs: number): Promise<number>;
  /** Adds the charge to the scope's spend if it stays within `limitUsd`; a known key is not added again. */
  reserve(scope: string, charge: Charge, limitUsd: number): Promise<Reservation>;
  /** Whether this key's charge is already counted (a repeat replays; it is not charged or refused again). */
  holds(scope: string, key: string): Promise<boolean>;
  /** Drops a charge that provably created nothing. */
  release(scope: string, key: string): Promise<void>;
  /** Ties a charge to the job it created, under the account that may read it. */
  bind(scope: string, key: string, account: string, jobId: string): Promise<void>;
  /** The job finished: its real length (0 when it failed: HeyGen bills only successful jobs). */
  settle(account: string, jobId: string, seconds: number): Promise<void>;
  spent(scope: string): Promise<number>;
  /** The first answer of a call HeyGen would not deduplicate, kept until `untilMs`. */
  remember(id: string, value: Remembered, untilMs: number): Promise<void>;
  recall(id: string, nowMs: number): Promise<Remembered | undefined>;
}

interface Entry extends Charge {
  scope: string;
}

export class MemoryMoneyStore implements MoneyStore {
  readonly #seen = new Map<string, number>();
  readonly #charges = new Map<string, Map<string, Entry>>();
  readonly #jobs = new Map<string, Entry>();
  readonly #remembered = new Map<string, { value: Remembered; untilMs: number }>();

  async firstSeen(callHash: string, nowMs: number, windowMs: number): Promise<number> {
    const first = this.#seen.get(callHash);
    if (first !== undefined && nowMs - first < windowMs) return first;
    this.#prune(nowMs, windowMs);
    this.#seen.set(callHash, nowMs);
    return nowMs;
  }

  async reserve(scope: string, charge: Charge, limitUsd: number): Promise<Reservation> {
    const charges = this.#charges.get(scope) ?? new Map<string, Entry>();
    this.#charges.set(scope, charges);
    const spent = sum(charges);
    if (charges.has(charge.key)) return { ok: true, remainingUsd: limitUsd - spent };
    if (spent + charge.usd > limitUsd + 1e-9) return { ok: false, remainingUsd: limitUsd - spent };
    charges.set(charge.key, { ...charge, scope });
    return { ok: true, remainingUsd: limitUsd - spent - charge.usd };
  }

  async holds(scope: string, key: string): Promise<boolean> {
    return this.#charges.get(scope)?.has(key) ?? false;
  }

  async release(scope: string, key: string): Promise<void> {
    this.#charges.get(scope)?.delete(key);
  }

  async bind(scope: string, key: string, account: string, jobId: string): Promise<void> {
    const entry = this.#charges.get(scope)?.get(key);
    if (entry && entry.usdPerSecond !== null) this.#jobs.set(`${account} ${jobId}`, entry);
  }

  async settle(account: string, jobId: string, seconds: number): Promise<void> {
    const id = `${account} ${jobId}`;
    const entry = this.#jobs.get(id);
    if (!entry || entry.usdPerSecond === null) return;
    entry.usd = entry.usdPerSecond * seconds;
    this.#jobs.delete(id);
  }

  async spent(scope: string): Promise<number> {
    return sum(this.#charges.get(scope));
  }

  async remember(id: string, value: Remembered, untilMs: number): Promise<void> {
    this.#remembered.set(id, { value, untilMs });
  }

  async recall(id: string, nowMs: number): Promise<Remembered | undefined> {
    const entry = this.#remembered.get(id);
    if (entry && entry.untilMs <= nowMs) this.#remembered.delete(id);
    return entry && entry.untilMs > nowMs ? entry.value : undefined;
  }

  /** Keys older than the window can never be reused, so the map stays as small as the window's traffic. */
  #prune(nowMs: number, windowMs: number): void {
    if (this.#seen.size < 1024) return;
    for (const [hash, at] of this.#seen) if (nowMs - at >= windowMs) this.#seen.delete(hash);
    for (const [id, { untilMs }] of this.#remembered) if (untilMs <= nowMs) this.#remembered.delete(id);
  }
}

const sum = (charges: Map<string, Entry> | undefined) => {
  let total = 0;
  for (const c of charges?.values() ?? []) total += c.usd;
  return total;
};
