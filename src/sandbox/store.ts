/**
 * State, isolated per credential: each API key (or bearer token) is its own account with its own
 * resources, balance and idempotency records. The seeded public catalog is shared read-only.
 *
 * Resource groups keep their records in named collections (`account.collection<T>("lipsyncs")`), so
 * a new route file needs no change here. Any record with a `job` counts toward the in-flight limit,
 * and a failed job's `chargeUsd` is refunded.
 */
import { ApiError } from "./envelope.js";
import { IdempotencyStore } from "./idempotency.js";
import { type JobPlan, jobPhase } from "./jobs.js";
import { CATALOG, type Catalog, type GroupSeed, type LookSeed, type VoiceSeed } from "./seed.js";

export interface Resource {
  id: string;
  createdAtMs: number;
  job?: JobPlan;
  /** USD deducted at creation; refunded once if the job fails. */
  chargeUsd?: number;
  refunded?: boolean;
}

/** Names of collections that more than one route group reads. */
export const COLLECTIONS = {
  videos: "videos",
  voices: "voices",
  avatarGroups: "avatar_groups",
  avatarLooks: "avatar_looks",
  assets: "assets",
} as const;

export type PrivateVoice = VoiceSeed & Resource;
export type PrivateLook = LookSeed & Resource;
export type PrivateGroup = GroupSeed & Resource;

export const DEFAULT_BALANCE_USD = 100;

export class Collection<T extends Resource> {
  private readonly items = new Map<string, T>();

  get(id: string): T | undefined {
    return this.items.get(id);
  }
  has(id: string): boolean {
    return this.items.has(id);
  }
  add(item: T): T {
    this.items.set(item.id, item);
    return item;
  }
  delete(id: string): boolean {
    return this.items.delete(id);
  }
  get size(): number {
    return this.items.size;
  }
  /** Newest first (creation time, then insertion order). */
  list(): T[] {
    return [...this.items.values()].reverse().sort((a, b) => b.createdAtMs - a.createdAtMs);
  }
}

export class Account {
  readonly idempotency = new IdempotencyStore();
  private readonly collections = new Map<string, Collection<Resource>>();
  private balance: number;

  constructor(
    readonly key: string,
    balanceUsd = DEFAULT_BALANCE_USD,
  ) {
    this.balance = balanceUsd;
  }

  collection<T extends Resource>(name: string): Collection<T> {
    let c = this.collections.get(name);
    if (!c) {
      c = new Collection<Resource>();
      this.collections.set(name, c);
    }
    return c as unknown as Collection<T>;
  }

  /** Resource counts per collection, for `GET /_sandbox/state`. */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.collections].map(([name, c]) => [name, c.size]));
  }

  /** Every record of every collection, e.g. for sweeps that derive events from job states. */
  records(): { collection: string; record: Resource }[] {
    const out: { collection: string; record: Resource }[] = [];
    for (const [collection, c] of this.collections) for (const record of c.list()) out.push({ collection, record });
    return out;
  }

  jobs(): JobPlan[] {
    const out: JobPlan[] = [];
    for (const c of this.collections.values()) for (const r of c.list()) if (r.job) out.push(r.job);
    return out;
  }

  /** Balance in USD after refunding failed jobs. */
  balanceUsd(nowMs: number): number {
    for (const c of this.collections.values()) {
      for (const r of c.list()) {
        if (r.job && r.chargeUsd && !r.refunded && jobPhase(r.job, nowMs) === "failed") {
          r.refunded = true;
          this.balance += r.chargeUsd;
        }
      }
    }
    return round(this.balance);
  }

  setBalance(usd: number): void {
    this.balance = usd;
  }

  /** Deducts `usd` or throws 402 `insufficient_credit` stating have vs need. */
  charge(usd: number, nowMs: number): number {
    const have = this.balanceUsd(nowMs);
    const need = round(usd);
    if (have < need) {
      throw new ApiError(
        402,
        "insufficient_credit",
        `Insufficient balance: this request needs $${need.toFixed(2)} but the account has $${have.toFixed(2)}.`,
      );
    }
    this.balance -= need;
    return need;
  }
}

const round = (usd: number): number => Math.round(usd * 10_000) / 10_000;

export class Store {
  readonly catalog: Catalog = CATALOG;
  private readonly accounts = new Map<string, Account>();

  account(key: string): Account {
    let a = this.accounts.get(key);
    if (!a) {
      a = new Account(key);
      this.accounts.set(key, a);
    }
    return a;
  }

  /** Every account created so far. */
  allAccounts(): Account[] {
    return [...this.accounts.values()];
  }

  peek(key: string): Account | undefined {
    return this.accounts.get(key);
  }

  findVoice(account: Account, id: string): VoiceSeed | undefined {
    return (
      this.catalog.voices.find((v) => v.voice_id === id) ?? account.collection<PrivateVoice>(COLLECTIONS.voices).get(id)
    );
  }

  findLook(account: Account, id: string): LookSeed | undefined {
    return (
      this.catalog.looks.find((l) => l.id === id) ?? account.collection<PrivateLook>(COLLECTIONS.avatarLooks).get(id)
    );
  }

  findGroup(account: Account, id: string): GroupSeed | undefined {
    return (
      this.catalog.groups.find((g) => g.id === id) ?? account.collection<PrivateGroup>(COLLECTIONS.avatarGroups).get(id)
    );
  }

  hasAsset(account: Account, id: string): boolean {
    return account.collection(COLLECTIONS.assets).has(id);
  }
}
