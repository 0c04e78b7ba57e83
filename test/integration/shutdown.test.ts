/**
 * Drain, don't drop: the built CLI, over stdio and over --http, gets SIGTERM while a create is in flight
 * at the sandbox (held there by its create_delay_ms fault). Within the grace the create finishes and its
 * id reaches the caller and stderr; when the grace is too short, the create's Idempotency-Key is logged at
 * warn, and the test finds that very key on the request HeyGen (the sandbox) received. Signals and log
 * lines sequence the test; no sleeps.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import type { Stream } from "node:stream";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../../src/sandbox/index.js";
import { eventually, rawRequest } from "../helpers/http-stack.js";
import { sandboxAdmin, TEST_KEY } from "../helpers/stack.js";

const CLI = "dist/heygen-mcp.js";
let hooks = 0;
/** A create the sandbox accepts every time: one webhook URL may be registered only once per account. */
const create = () => ({ name: "create_webhook_endpoint", arguments: { url: `https://hooks.example.com/h${++hooks}` } });

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
afterEach(() => sandboxAdmin(sandbox.url).faults({ reset: true }));

interface LogLine {
  msg: string;
  level: string;
  [field: string]: unknown;
}

/** JSON log lines from a child's stderr, as they arrive. */
function collectLog(stream: Stream | null | undefined): LogLine[] {
  const lines: LogLine[] = [];
  let pending = "";
  stream?.on("data", (chunk: Buffer) => {
    pending += chunk.toString();
    for (let i = pending.indexOf("\n"); i !== -1; i = pending.indexOf("\n")) {
      const line = pending.slice(0, i);
      pending = pending.slice(i + 1);
      try {
        lines.push(JSON.parse(line) as LogLine);
      } catch {
        lines.push({ msg: line, level: "raw" });
      }
    }
  });
  return lines;
}

const logged = (lines: LogLine[], msg: string) => lines.find((l) => l.msg === msg);
const waitForLog = async (lines: LogLine[], msg: string) => {
  await eventually(() => logged(lines, msg) !== undefined, 15_000);
  return logged(lines, msg) as LogLine;
};

const baseEnv = () => ({
  PATH: process.env.PATH ?? "",
  HEYGEN_API_KEY: TEST_KEY,
  HEYGEN_API_BASE_URL: sandbox.url,
});
const ARGS = ["--log-level", "debug", "--tools", "create_webhook_endpoint"];

/** The sandbox's record of the create sent with this Idempotency-Key, once it has finished. */
async function createAtHeyGen(idempotencyKey: string) {
  const admin = sandboxAdmin(sandbox.url);
  const find = async () =>
    (await admin.requests()).find((r) => r.path === "/v3/webhooks/endpoints" && r.idempotency_key === idempotencyKey);
  await eventually(async () => (await find()) !== undefined, 15_000);
  return find();
}

describe.runIf(existsSync(CLI))("shutdown over stdio", () => {
  async function start(grace: string) {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, ...ARGS, "--shutdown-grace-ms", grace],
      env: baseEnv(),
      stderr: "pipe",
    });
    const log = collectLog(transport.stderr);
    const client = new Client({ name: "shutdown-test", version: "1.0.0" });
    await client.connect(transport);
    return { transport, client, log };
  }

  it("finishes a create in flight on SIGTERM, returns it, and writes its ids to stderr", async () => {
    await sandboxAdmin(sandbox.url).faults({ create_delay_ms: 1_500 });
    const { transport, client, log } = await start("30000");
    const call = client.callTool(create());
    const sent = await waitForLog(log, "create_sent");
    process.kill(transport.pid as number, "SIGTERM");
    const result = (await call) as { isError?: boolean; structuredContent?: { endpoint_id?: string } };
    expect(result.isError).toBeFalsy();
    const id = result.structuredContent?.endpoint_id;
    expect(id).toBeTruthy();
    const done = await waitForLog(log, "create_finished_during_shutdown");
    expect(done).toMatchObject({ level: "warn", tool: "create_webhook_endpoint", job_ids: [id] });
    expect(done.idempotency_keys).toEqual([sent.idempotency_key]);
    await client.close();
  });

  it("logs the Idempotency-Key of a create the grace could not wait for; HeyGen has it under that key", async () => {
    await sandboxAdmin(sandbox.url).faults({ create_delay_ms: 1_500 });
    const { transport, client, log } = await start("0");
    const call = client.callTool(create()).catch((err: unknown) => err);
    await waitForLog(log, "create_sent");
    process.kill(transport.pid as number, "SIGTERM");
    const unfinished = await waitForLog(log, "create_unfinished");
    expect(unfinished).toMatchObject({ level: "warn", tool: "create_webhook_endpoint" });
    const [key] = unfinished.idempotency_keys as string[];
    expect((await createAtHeyGen(key as string))?.status).toBe(200);
    await call;
    await client.close();
  });

  it("waits for a create when the client closes stdin instead of signalling", async () => {
    await sandboxAdmin(sandbox.url).faults({ create_delay_ms: 1_500 });
    const { transport, client, log } = await start("30000");
    void client.callTool(create()).catch(() => undefined);
    const sent = await waitForLog(log, "create_sent");
    // The client going away: end the child's stdin without a signal.
    (transport as unknown as { _process?: ChildProcess })._process?.stdin?.end();
    const done = await waitForLog(log, "create_finished_during_shutdown");
    expect(done.idempotency_keys).toEqual([sent.idempotency_key]);
    expect(done.job_ids).toHaveLength(1);
    await client.close();
  });
});

describe.runIf(existsSync(CLI))("shutdown over --http", () => {
  async function start(grace: string) {
    const child = spawn(process.execPath, [CLI, "--http", "--port", "0", ...ARGS, "--shutdown-grace-ms", grace], {
      env: { ...baseEnv(), HEYGEN_API_KEY: "" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const log = collectLog(child.stderr);
    const url = new URL(String((await waitForLog(log, "serving")).url));
    const client = new Client({ name: "shutdown-test", version: "1.0.0" });
    await client.connect(
      new StreamableHTTPClientTransport(url, { requestInit: { headers: { "x-api-key": TEST_KEY } } }),
    );
    return { child, exited, log, url, client };
  }

  it("keeps /readyz answering 503 while it drains, refuses new calls, and returns the create", async () => {
    await sandboxAdmin(sandbox.url).faults({ create_delay_ms: 3_000 });
    const { child, exited, log, url, client } = await start("30000");
    // Settled into a value, so a failure below reports with the server's log rather than as an unhandled rejection.
    const call = client.callTool(create()).then(
      (result) => result as { isError?: boolean; structuredContent?: { endpoint_id?: string } },
      (err: unknown) => ({ isError: true, error: String(err) }),
    );
    await waitForLog(log, "create_sent");
    child.kill("SIGTERM");
    await waitForLog(log, "shutting_down");
    const tail = () => JSON.stringify(log.slice(-8));
    // The listener stays open during the drain: an orchestrator sees "draining", a late client a 503. Each
    // probe opens its own connection, as a probe does: the drain closes idle keep-alive sockets, and a pooled
    // one reused at that moment would be reset by the client's own race, not by the server.
    const origin = url.origin;
    const ready = await rawRequest(`${origin}/readyz`, { agent: false });
    expect(ready.status, tail()).toBe(503);
    expect(JSON.parse(ready.body)).toEqual({ status: "draining" });
    expect((await rawRequest(`${origin}/healthz`, { agent: false })).status, tail()).toBe(200);
    const late = await rawRequest(url.href, {
      agent: false,
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        "x-api-key": TEST_KEY,
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 9, method: "tools/list" }),
    });
    expect(late.status, tail()).toBe(503);
    expect(late.headers["retry-after"]).toBe("1");
    const result = await call;
    expect(result.isError, `${JSON.stringify(result)} ${tail()}`).toBeFalsy();
    expect("structuredContent" in result && result.structuredContent?.endpoint_id).toBeTruthy();
    expect(await exited).toBe(0);
    expect(logged(log, "stopped"), tail()).toMatchObject({ completed: true });
    expect(logged(log, "create_unfinished")).toBeUndefined();
  });

  it("logs the creates still running when the grace ends, before cutting them", async () => {
    await sandboxAdmin(sandbox.url).faults({ create_delay_ms: 1_500 });
    const { child, exited, log, client } = await start("100");
    const call = client.callTool(create()).catch((err: unknown) => err);
    await waitForLog(log, "create_sent");
    child.kill("SIGTERM");
    const unfinished = await waitForLog(log, "create_unfinished");
    expect(unfinished).toMatchObject({ level: "warn", tool: "create_webhook_endpoint" });
    const [key] = unfinished.idempotency_keys as string[];
    expect(await exited).toBe(0);
    expect(logged(log, "stopped")).toMatchObject({ completed: false });
    expect((await createAtHeyGen(key as string))?.status).toBe(200);
    await call;
  });
});
