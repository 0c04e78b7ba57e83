// The real server factory, wired in process to an SDK client over an in-memory transport: what the heap and
// waits probes measure, without a process boundary in the way.
import { Client, InMemoryTransport } from "@modelcontextprotocol/client";
import { HeyGenClient } from "../src/client/index.js";
import type { Clock } from "../src/jobs/clock.js";
import { createLogger } from "../src/log.js";
import { createServerFactory } from "../src/server.js";
import { allTools } from "../src/tools/index.js";
import { createMoney, moneySettings } from "../src/tools/paid.js";

export interface ProbeServerOptions {
  name: string;
  key: string;
  baseUrl: string;
  maxRetries: number;
  confirmAboveUsd: number;
  clock?: Clock;
}

/** The connected client, and `close` for it and the HeyGen client's sockets. */
export async function connectProbe(o: ProbeServerOptions): Promise<{ mcp: Client; close(): Promise<void> }> {
  const logger = createLogger({ level: "error" });
  const client = new HeyGenClient({
    baseUrl: o.baseUrl,
    timeoutMs: 60_000,
    maxRetries: o.maxRetries,
    userAgent: "bench",
    logger,
  });
  const credential = { kind: "api_key", value: o.key } as const;
  const server = createServerFactory({
    version: "bench",
    tools: allTools,
    client,
    logger,
    files: null,
    money: createMoney(moneySettings({ confirmAboveUsd: o.confirmAboveUsd, idempotencyWindowMin: 10 }, "process")),
    ...(o.clock ? { clock: o.clock } : {}),
    credentialFor: () => credential,
  })({ era: "legacy" });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const mcp = new Client({ name: o.name, version: "1" });
  await mcp.connect(clientSide);
  return {
    mcp,
    async close() {
      await mcp.close();
      await client.close();
    },
  };
}
