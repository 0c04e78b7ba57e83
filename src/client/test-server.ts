/**
 * Test-only: a real node:http server on 127.0.0.1:0 with scripted responses, and a client whose
 * sleep records delays instead of waiting. Not imported by production code.
 */

import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type ClientOptions, type Credential, HeyGenClient, HeyGenError } from "./index.js";

export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}
export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export const KEY = "sk_live_SECRET_abcdef123456";
export const apiKey: Credential = { kind: "api_key", value: KEY };

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { "content-type": "application/json", "x-request-id": "req_123", ...headers });
    res.end(JSON.stringify(body));
  };

export const apiError = (status: number, code: string, extra: Record<string, unknown> = {}, headers = {}) =>
  json(status, { error: { code, message: `msg ${code}`, param: null, doc_url: null, ...extra } }, headers);

/** Drops the connection after the request was fully received: the server may have acted on it. */
export const destroy: Handler = (req) => req.socket.destroy();

export interface FakeServer {
  base: string;
  seen: Seen[];
  handlers: Handler[];
  makeClient(over?: Partial<ClientOptions>): { client: HeyGenClient; delays: number[] };
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeServer(): Promise<FakeServer> {
  const clients: HeyGenClient[] = [];
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    fake.seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
    const handler = fake.handlers.shift() ?? json(200, { data: { ok: true } });
    handler(req, res);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const fake: FakeServer = {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen: [],
    handlers: [],
    makeClient(over = {}) {
      const delays: number[] = [];
      const client = new HeyGenClient({
        baseUrl: fake.base,
        timeoutMs: 2000,
        maxRetries: 3,
        userAgent: "heygen-mcp/9.9.9",
        random: () => 1,
        sleep: async (ms) => {
          delays.push(ms);
        },
        ...over,
      });
      clients.push(client);
      return { client, delays };
    },
    async reset() {
      fake.seen.length = 0;
      fake.handlers.length = 0;
      await Promise.all(clients.splice(0).map((c) => c.close()));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return fake;
}

export async function rejection(p: Promise<unknown>): Promise<HeyGenError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof HeyGenError)) throw new Error(`expected HeyGenError, got ${String(err)}`);
  return err;
}
