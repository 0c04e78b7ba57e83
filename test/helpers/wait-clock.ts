/**
 * A wait-loop clock that moves with the sandbox's ManualClock, so wait_for_job runs through minutes of
 * sandbox time without sleeping on the wall clock.
 *
 * - auto: every sleep advances sandbox time by its length on the next turn of the event loop.
 * - held: sleeps wait until the test releases them, so it can act (cancel) while a wait is idle.
 */
import type { Clock } from "../../src/jobs/clock.js";
import type { ManualClock } from "../../src/sandbox/index.js";

export class SandboxClock implements Clock {
  /** Every sleep the loop asked for, in ms. */
  readonly sleeps: number[] = [];
  private held: { ms: number; resolve: () => void }[] = [];
  private waiters: (() => void)[] = [];

  constructor(
    private readonly sandbox: ManualClock,
    public mode: "auto" | "held" = "auto",
  ) {}

  now(): number {
    return this.sandbox.now();
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    if (signal.aborted) return Promise.resolve();
    if (this.mode === "auto") {
      return new Promise((resolve) =>
        setImmediate(() => {
          if (!signal.aborted) this.sandbox.advance(ms);
          resolve();
        }),
      );
    }
    return new Promise((resolve) => {
      const entry = {
        ms,
        resolve: () => {
          signal.removeEventListener("abort", entry.resolve);
          this.held = this.held.filter((h) => h !== entry);
          resolve();
        },
      };
      signal.addEventListener("abort", entry.resolve, { once: true });
      this.held.push(entry);
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** Sleeps currently held (held mode). */
  get pending(): number {
    return this.held.length;
  }

  /** Resolves once a sleep is being held. */
  whenHeld(): Promise<void> {
    return this.held.length > 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Ends every held sleep, advancing sandbox time by the longest. */
  release(): void {
    const held = this.held.splice(0);
    if (held.length > 0) this.sandbox.advance(Math.max(...held.map((h) => h.ms)));
    for (const h of held) h.resolve();
  }
}
