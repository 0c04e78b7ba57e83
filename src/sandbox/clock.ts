/** Time source for the sandbox. Job states derive from `now()`, so tests move time instead of waiting. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to. */
export class ManualClock implements Clock {
  private ms: number;

  constructor(startMs: number = Date.UTC(2026, 0, 1, 9, 0, 0)) {
    this.ms = startMs;
  }

  now(): number {
    return this.ms;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError("ManualClock.advance: ms must be a non-negative number");
    this.ms += ms;
  }

  set(ms: number): void {
    this.ms = ms;
  }
}

/** Unix seconds, as v3 resources report timestamps. */
export const toUnixSeconds = (ms: number): number => Math.floor(ms / 1000);
