/**
 * Graceful shutdown: stop accepting, let in-flight requests finish within a grace period, then cut what
 * is left. A call that is rendering a video or waiting on HeyGen is not dropped on a routine deploy.
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
   * Stops the listener and waits up to graceMs for in-flight requests; then closes every connection.
   * `completed` says whether everything finished inside the grace period.
   */
  async shutdown(server: Server, graceMs: number): Promise<{ completed: boolean }> {
    this.#draining = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const completed = await Promise.race([
      this.#idle().then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), graceMs);
      }),
    ]);
    clearTimeout(timer);
    server.closeAllConnections();
    await closed;
    return { completed };
  }

  #idle(): Promise<void> {
    if (this.#inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#onIdle.push(resolve));
  }
}
