/**
 * The HeyGen v3 sandbox: a simulated api.heygen.com on node:http, used as the test oracle and by
 * `heygen-mcp --sandbox`. See admin.ts for the test-control API.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { adminRoutes } from "./admin.js";
import { type Clock, ManualClock, systemClock } from "./clock.js";
import { createUrls, runTicks, type SandboxDeps } from "./deps.js";
import { Faults } from "./faults.js";
import type { Timing } from "./jobs.js";
import { RequestLog } from "./request-log.js";
import { Router } from "./router.js";
import { MAX_DIRECT_BYTES } from "./routes/asset-model.js";
import { routeGroups } from "./routes/index.js";
import { handleRequest } from "./server.js";
import { Spool } from "./spool.js";
import { Store } from "./store.js";

export { type Clock, ManualClock, systemClock } from "./clock.js";
export type { SandboxDeps } from "./deps.js";
export type { RecordedRequest } from "./request-log.js";

export interface SandboxOptions {
  /** default 0 (ephemeral) */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** default systemClock; tests pass a ManualClock */
  clock?: Clock;
  /** fast (default): a video completes ~3 s after create; realistic: 2–6 minutes */
  timing?: Timing;
}

export interface RunningSandbox {
  url: string;
  clock: Clock;
  close(): Promise<void>;
}

export function buildRouter(deps: SandboxDeps): Router {
  const router = new Router();
  adminRoutes(router, deps);
  for (const group of routeGroups) group(router, deps);
  return router;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  const clock = opts.clock ?? systemClock;
  const deps: SandboxDeps = {
    store: new Store(),
    clock,
    timing: opts.timing ?? "fast",
    faults: new Faults(),
    urls: createUrls(),
    requests: new RequestLog(),
    spool: new Spool(),
    limits: { maxDirectUploadBytes: MAX_DIRECT_BYTES },
    ticks: [],
  };
  const router = buildRouter(deps);
  const server = createServer((req, res) => {
    handleRequest(deps, router, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  // Long enough that a client whose event loop is busy (building a 33 MB form under load) never reuses a
  // socket the sandbox has just closed: with 5 s, test/integration/assets.test.ts met ECONNRESET under load.
  server.keepAliveTimeout = 60_000;
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;
  deps.urls.base = `http://${shownHost}:${port}`;
  // A ManualClock only moves between requests, which already run the sweeps; a real clock needs a timer.
  const ticker = clock instanceof ManualClock ? null : setInterval(() => runTicks(deps), 250).unref();
  return {
    url: deps.urls.base,
    clock,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (ticker) clearInterval(ticker);
        server.close((err) => (err ? reject(err) : deps.spool.close().then(resolve, reject)));
        server.closeAllConnections();
      }),
  };
}

/** `heygen-mcp sandbox`: serve until SIGINT/SIGTERM; prints {"sandbox":"<url>"} on stderr. */
export async function runSandboxCli(port: number, host: string, timing: Timing): Promise<void> {
  const sandbox = await startSandbox({ port, host, timing });
  process.stderr.write(`${JSON.stringify({ sandbox: sandbox.url })}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      sandbox.close().then(resolve, resolve);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
