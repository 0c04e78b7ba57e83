/**
 * Money safety over streamable HTTP: confirmation asks the person on the 2026-07-28 protocol and is refused
 * (confirm: true required) on stateless 2025 HTTP, which cannot send a server request (mcp-sdk.md §6); the
 * budget is kept per credential per UTC day.
 */
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock, type RunningSandbox, startSandbox } from "../../src/sandbox/index.js";
import { createMoney, moneySettings } from "../../src/tools/paid.js";
import { type Era, type HttpStack, startHttpStack, videoArgs } from "../helpers/http-stack.js";
import { sandboxAdmin } from "../helpers/stack.js";

const KEY_A = "hg_money_http_key_a_0001";
const KEY_B = "hg_money_http_key_b_0002";
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");

let sandbox: RunningSandbox;
let stack: HttpStack;
const clock = new ManualClock(Date.UTC(2026, 11, 7, 9, 0, 0));
beforeAll(async () => {
  sandbox = await startSandbox({ clock });
  const admin = sandboxAdmin(sandbox.url);
  for (const key of [KEY_A, KEY_B]) await admin.setBalance(key, 1000);
  const money = createMoney(
    moneySettings({ confirmAboveUsd: 1, idempotencyWindowMin: 10, budgetUsd: 6 }, "credential_day"),
    undefined,
    () => clock.now(),
  );
  stack = await startHttpStack({ upstreamUrl: sandbox.url, money });
});
afterAll(async () => {
  await stack.close();
  await sandbox.close();
});

async function connect(key: string, mode: Era, answer?: boolean) {
  const client = new Client(
    { name: "money-http", version: "1" },
    { versionNegotiation: { mode }, ...(answer === undefined ? {} : { capabilities: { elicitation: { form: {} } } }) },
  );
  const asked: string[] = [];
  if (answer !== undefined) {
    client.setRequestHandler("elicitation/create", async (req) => {
      asked.push((req.params as { message: string }).message);
      return answer ? { action: "accept", content: { confirm: true } } : { action: "decline" };
    });
  }
  await client.connect(
    new StreamableHTTPClientTransport(stack.mcpUrl, { requestInit: { headers: { "x-api-key": key } } }),
  );
  return { client, asked };
}

const body = (res: unknown) =>
  JSON.parse((res as { content: { text: string }[] }).content[0]?.text ?? "{}") as Record<string, unknown>;

describe("confirmation over HTTP", () => {
  it("2026-07-28: asks the person through inputRequired; accepted creates", async () => {
    const { client, asked } = await connect(KEY_A, "auto", true);
    const args = { ...(await videoArgs(client)), script: words(50), title: "modern yes" };
    const res = await client.callTool({ name: "create_video_from_avatar", arguments: args });
    expect(res.isError, JSON.stringify(res)).toBeFalsy();
    expect(asked[0]).toMatch(/will cost about \$\d/);
    await client.close();
  });

  it("2026-07-28: declined creates nothing", async () => {
    const { client, asked } = await connect(KEY_A, "auto", false);
    const args = { ...(await videoArgs(client)), script: words(50), title: "modern no" };
    const res = await client.callTool({ name: "create_video_from_avatar", arguments: args });
    expect(body(res)).toMatchObject({ code: "confirmation_declined" });
    expect(asked).toHaveLength(1);
    await client.close();
  });

  it("stateless 2025 HTTP cannot ask: refused with the estimate until confirm: true", async () => {
    const { client, asked } = await connect(KEY_A, "legacy", true);
    const args = { ...(await videoArgs(client)), script: words(50), title: "legacy" };
    const refused = await client.callTool({ name: "create_video_from_avatar", arguments: args });
    expect(body(refused)).toMatchObject({ code: "confirmation_required", param: "confirm" });
    expect(asked).toEqual([]);
    const ok = await client.callTool({ name: "create_video_from_avatar", arguments: { ...args, confirm: true } });
    expect(ok.isError, JSON.stringify(ok)).toBeFalsy();
    await client.close();
  });
});

describe("budget over HTTP", () => {
  it("is kept per credential per UTC day", async () => {
    // Key A has spent about $1.33 × 2 of its $6 above; another $4 does not fit, for key A only.
    const a = await connect(KEY_A, "legacy");
    const args = { ...(await videoArgs(a.client)), script: words(150), title: "budget", confirm: true };
    expect(body(await a.client.callTool({ name: "create_video_from_avatar", arguments: args }))).toMatchObject({
      code: "budget_exceeded",
    });
    const b = await connect(KEY_B, "legacy");
    const fromB = await b.client.callTool({ name: "create_video_from_avatar", arguments: args });
    expect(fromB.isError, JSON.stringify(fromB)).toBeFalsy();
    clock.advance(24 * 3_600_000);
    const nextDay = await a.client.callTool({ name: "create_video_from_avatar", arguments: args });
    expect(nextDay.isError, JSON.stringify(nextDay)).toBeFalsy();
    await a.client.close();
    await b.client.close();
  });
});
