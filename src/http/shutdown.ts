/**
 * Graceful shutdown: refuse new calls, let in-flight requests finish within a grace period, then cut what
 * is left. A call that is rendering a video or waiting on HeyGen is not dropped on a routine deploy. The
 * listener stays open until the end, so /readyz can say "draining" (a closed port says nothing) and a
 * late client gets a 503 with Retry-After instead of a refused connection.
 */
import type { Server, ServerResponse } from "node:http";

export class Drain {
  #inFlight = 0;
  #draining = false;
  #onIdle: (() => void)[] = [];

  get inFlight(): number {
    return this.#inFlight;
  }

  get draining(): boolean {
    return this.#draining;
  }

  /** Counts the response until its socket closes or it finishes, whichever comes first. */
  track(res: ServerResponse): void {
    this.#inFlight++;
    res.once("close", () => {
      this.#inFlight--;
      if (this.#inFlight === 0) for (const wake of this.#onIdle.splice(0)) wake();
    });
  }

  /**
   * Waits up to graceMs for in-flight requests, calls beforeCut if some are left, then closes the
   * listener and every connection. `completed` says whether everything finished inside the grace period.
   */
  async shutdown(server: Server, graceMs: number, beforeCut: () => void = () => {}): Promise<{ completed: boolean }> {
    this.#draining = true;
    server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const completed = await Promise.race([
      this.#idle().then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), graceMs);
      }),
    ]);
    clearTimeout(timer);
    if (!completed) beforeCut();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
    return { completed };
  }

  #idle(): Promise<void> {
    if (this.#inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#onIdle.push(resolve));
  }
}
