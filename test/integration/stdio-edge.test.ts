/**
 * The stdio edge, spoken to raw as a careless client would: a line that is not JSON gets -32700, a batch
 * array -32600, a __proto__ argument is refused by name, and a key that cannot travel in a header (line
 * break, non-ASCII, too short) is a clear client_invalid_credential, never sent and never retried.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../../src/sandbox/index.js";
import { eventually } from "../helpers/http-stack.js";
import { sandboxAdmin, TEST_KEY } from "../helpers/stack.js";

const CLI = "dist/heygen-mcp.js";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

interface Rpc {
  id: number | string | null;
  result?: { isError?: boolean; content?: { text: string }[] };
  error?: { code: number; message: string };
}

const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

/** The built CLI over raw stdio: send lines, collect the JSON-RPC messages it writes. */
function cli(apiKey: string) {
  const child = spawn(process.execPath, [CLI], {
    env: { PATH: process.env.PATH ?? "", HEYGEN_API_KEY: apiKey, HEYGEN_API_BASE_URL: sandbox.url },
  });
  children.push(child);
  const out: Rpc[] = [];
  let pending = "";
  child.stdout.on("data", (chunk: Buffer) => {
    pending += chunk.toString();
    for (let i = pending.indexOf("\n"); i !== -1; i = pending.indexOf("\n")) {
      out.push(JSON.parse(pending.slice(0, i)) as Rpc);
      pending = pending.slice(i + 1);
    }
  });
  const send = (line: string) => child.stdin.write(`${line}\n`);
  const reply = async (id: number | null, after = 0) => {
    await eventually(() => out.slice(after).some((m) => m.id === id));
    return out.slice(after).find((m) => m.id === id) as Rpc;
  };
  send(
    JSON.stringify({
      jsonrpc: "2.0",
      id: 0,
      method: "initialize",
      params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
    }),
  );
  send(JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }));
  return { send, reply, out };
}

const toolError = (m: Rpc) => JSON.parse(m.result?.content?.[0]?.text ?? "{}") as Record<string, unknown>;

describe.runIf(existsSync(CLI))("stdio edge", () => {
  it("answers an unparseable line with -32700 and a batch with -32600, then keeps serving", async () => {
    const c = cli(TEST_KEY);
    await c.reply(0);
    const before = c.out.length;
    c.send('{"jsonrpc":"2.0","id":1,"method":');
    await c.reply(null, before);
    expect(c.out.at(-1)).toMatchObject({ id: null, error: { code: -32700 } });
    const next = c.out.length;
    c.send(JSON.stringify([{ jsonrpc: "2.0", id: 2, method: "tools/list" }]));
    await c.reply(null, next);
    expect(c.out.at(-1)).toMatchObject({ id: null, error: { code: -32600 } });
    c.send(JSON.stringify({ jsonrpc: "2.0", id: 3, method: "tools/list" }));
    expect((await c.reply(3)).result).toBeDefined();
  });

  it("refuses a __proto__ argument by name", async () => {
    const c = cli(TEST_KEY);
    await c.reply(0);
    c.send(
      '{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"get_current_user","arguments":{"__proto__":{"x":1}}}}',
    );
    const res = await c.reply(4);
    expect(res.result?.isError).toBe(true);
    expect(toolError(res)).toMatchObject({ code: "invalid_parameter", param: "__proto__" });
  });

  it.each([
    ["a line break", `${TEST_KEY}\r\nx-evil: 1`],
    ["a non-ASCII letter", `${TEST_KEY}é`],
    ["too few characters to redact", "hg_"],
  ])("a key with %s is client_invalid_credential, never sent", async (_what, key) => {
    const admin = sandboxAdmin(sandbox.url);
    await admin.clearRequests();
    const c = cli(key);
    await c.reply(0);
    c.send(
      JSON.stringify({
        jsonrpc: "2.0",
        id: 5,
        method: "tools/call",
        params: { name: "get_current_user", arguments: {} },
      }),
    );
    const body = toolError(await c.reply(5));
    expect(body).toMatchObject({ code: "client_invalid_credential", retryable: false });
    expect(JSON.stringify(body)).not.toContain("x-evil");
    expect(await admin.requests()).toEqual([]);
  });
});
