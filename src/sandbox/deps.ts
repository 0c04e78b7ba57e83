/** What every route group receives. */
import type { Clock } from "./clock.js";
import type { Faults } from "./faults.js";
import type { Timing } from "./jobs.js";
import type { RequestLog } from "./request-log.js";
import type { Spool } from "./spool.js";
import type { Store } from "./store.js";

export interface SandboxUrls {
  /** e.g. http://127.0.0.1:4010 (set once the server listens) */
  base: string;
  /** A sandbox media URL, or an absolute URL passed through; null stays null. */
  media(file: string | null, query?: Record<string, string>): string | null;
}

export interface SandboxDeps {
  store: Store;
  clock: Clock;
  timing: Timing;
  faults: Faults;
  urls: SandboxUrls;
  requests: RequestLog;
  /** Presigned PUT bodies, streamed to disk. */
  spool: Spool;
  /** Settable through the test-control API (admin.ts). */
  limits: { maxDirectUploadBytes: number };
  /**
   * Sweeps run before and after every request and on a timer for the system clock: they derive events
   * from clock-driven job states (webhook deliveries). A failing sweep is ignored.
   */
  ticks: (() => void)[];
}

export function runTicks(deps: SandboxDeps): void {
  for (const tick of deps.ticks) {
    try {
      tick();
    } catch {
      // a sweep must never take a request down
    }
  }
}

export function createUrls(): SandboxUrls {
  return {
    base: "",
    media(file, query) {
      if (file === null) return null;
      if (/^https?:\/\//.test(file)) return file;
      const qs = query ? `?${new URLSearchParams(query).toString()}` : "";
      return `${this.base}/media/${file}${qs}`;
    },
  };
}
