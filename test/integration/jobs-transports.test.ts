/**
 * wait_for_job over the real transports: progress arrives over streamable HTTP in both protocol eras, and a
 * cancelled wait stops polling at once over HTTP (the client drops the request, or cancels it) and over
 * stdio (the built CLI, notifications/cancelled), while the server keeps answering.
 */
import { existsSync } from "node:fs";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ManualClock, type RunningSandbox, startSandbox } from "../../src/sandbox/index.js";
import {
  callOk,
  connectClient,
  type Era,
  eventually,
  type HttpStack,
  rpcPost,
  startHttpStack,
  toolsCall,
  videoArgs,
} from "../helpers/http-stack.js";
import { type SandboxAdmin, sandboxAdmin } from "../helpers/stack.js";
import { SandboxClock } from "../helpers/wait-clock.js";

const KEY = "hg_wait_transport_key_5e21";
const HEADERS = { "x-api-key": KEY };
const CLI = "dist/heygen-mcp.js";

let sandbox: RunningSandbox;
let sandboxClock: ManualClock;
let admin: SandboxAdmin;
beforeAll(async () => {
  sandboxClock = new ManualClock(Date.UTC(2026, 11, 3, 9, 0, 0));
  sandbox = await startSandbox({ clock: sandboxClock });
  admin = sandboxAdmin(sandbox.url);
});
afterAll(() => sandbox.close());

const stacks: HttpStack[] = [];
afterEach(async () => {
  await admin.advance(3_600_000);
  await Promise.all(stacks.splice(0).map((s) => s.close()));
});

async function httpStack(clock: SandboxClock, maxWaitSeconds?: number) {
  const s = await startHttpStack({ upstreamUrl: sandbox.url, clock, ...(maxWaitSeconds ? { maxWaitSeconds } : {}) });
  stacks.push(s);
  return s;
}

let made = 0;
/** A new video each time: an identical create would replay the first one (its Idempotency-Key is derived). */
async function newVideo(client: Client): Promise<string> {
  const args = { ...(await videoArgs(client)), title: `wait transport ${++made}` };
  return (await callOk(client, "create_video_from_avatar", args)).video_id as string;
}

const videoGets = async (id: string) =>
  (await admin.requests()).filter((r) => r.method === "GET" && r.path === `/v3/videos/${id}`).length;

const ERAS: Era[] = ["legacy", "auto"];

describe.each(ERAS)("over streamable HTTP (%s negotiation)", (era) => {
  it("streams progress while waiting and ends completed with the video URL", async () => {
    const s = await httpStack(new SandboxClock(sandboxClock));
    const client = await connectClient(s, HEADERS, era);
    const id = await newVideo(client);
    const events: { progress: number; message?: string }[] = [];
    const res = await client.callTool(
      { name: "wait_for_job", arguments: { kind: "video", id } },
      { onprogress: (p) => events.push(p) },
    );
    expect(res.isError).toBeFalsy();
    expect(res.structuredContent).toMatchObject({ state: "completed", status: "completed" });
    const outputs = (res.structuredContent as { outputs: Record<string, string> }).outputs;
    expect(outputs.video_url).toContain("/media/video.mp4");
    expect(events.length).toBeGreaterThan(0);
    expect(events[0]?.message).toContain(`Video ${id}`);
    await client.close();
  });

  it(`caps a wait at ${era === "legacy" ? "55 s (2025 clients cut at 60 s)" : "the operator's 120 s"}`, async () => {
    const s = await httpStack(new SandboxClock(sandboxClock), 120);
    const client = await connectClient(s, HEADERS, era);
    const id = await newVideo(client);
    await admin.steerJob(id, { outcome: "never_finish" });
    const out = await callOk(client, "wait_for_job", { kind: "video", id, max_wait_seconds: 600 });
    expect(out).toMatchObject({ state: "in_progress", waited_seconds: era === "legacy" ? 55 : 120 });
    expect(out.polls as number).toBeLessThanOrEqual(12);
    await client.close();
  });

  it.each(era === "legacy" ? (["cancels", "drops the request"] as const) : (["cancels"] as const))(
    "stops polling when the client %s, and keeps answering list_jobs",
    async (how) => {
      const clock = new SandboxClock(sandboxClock, "held");
      const s = await httpStack(clock);
      const client = await connectClient(s, HEADERS, era);
      const id = await newVideo(client);
      await admin.steerJob(id, { outcome: "never_finish" });
      const ac = new AbortController();
      const args = { kind: "video", id };
      // An SDK client cancels with notifications/cancelled (a 2025-era one sends it as its own POST);
      // a dropped request closes the connection.
      const wait =
        how === "cancels"
          ? client.callTool({ name: "wait_for_job", arguments: args }, { signal: ac.signal }).catch((e: unknown) => e)
          : rpcPost(s, toolsCall("wait_for_job", args), HEADERS, ac.signal).catch((e: unknown) => e);
      await clock.whenHeld();
      const polled = await videoGets(id);
      const abortedAt = sandboxClock.now();
      ac.abort("user cancelled");
      await wait;
      await eventually(() => s.logLines.some((l) => l.includes('"ended":"cancelled"')));
      // No sandbox time passed between the abort and the loop's end, and nothing polls afterwards.
      expect(sandboxClock.now()).toBe(abortedAt);
      expect(clock.pending).toBe(0);
      clock.mode = "auto";
      await admin.advance(120_000);
      expect(await videoGets(id)).toBe(polled);
      const listed = await callOk(client, "list_jobs", { status: "in_progress" });
      expect((listed.jobs as { id: string }[]).map((j) => j.id)).toContain(id);
      await client.close();
    },
  );
});

describe("after a restart", () => {
  it("list_jobs on a fresh server finds the job the old one started, and wait_for_job picks it up", async () => {
    const first = await httpStack(new SandboxClock(sandboxClock));
    const before = await connectClient(first, HEADERS);
    const id = await newVideo(before);
    await admin.steerJob(id, { outcome: "never_finish" });
    await before.close();
    await first.server.shutdown(0);
    const second = await httpStack(new SandboxClock(sandboxClock));
    const after = await connectClient(second, HEADERS);
    const listed = await callOk(after, "list_jobs", { status: "in_progress" });
    expect((listed.jobs as { id: string; kind: string }[]).find((j) => j.id === id)).toMatchObject({ kind: "video" });
    await admin.steerJob(id, { outcome: "finish" });
    expect(await callOk(after, "wait_for_job", { kind: "video", id })).toMatchObject({ state: "completed" });
    await after.close();
  });
});

describe.runIf(existsSync(CLI) || process.env.CI === "true")("over stdio (the built CLI)", () => {
  it("stops polling on notifications/cancelled and keeps answering list_jobs", async () => {
    const stderr: string[] = [];
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, "--base-url", sandbox.url, "--log-level", "info"],
      env: { PATH: process.env.PATH ?? "", HEYGEN_API_KEY: KEY },
      stderr: "pipe",
    });
    transport.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
    const client = new Client({ name: "stdio-wait-test", version: "1.0.0" });
    await client.connect(transport);
    try {
      const id = await newVideo(client);
      await admin.steerJob(id, { outcome: "never_finish" });
      const before = await videoGets(id);
      const ac = new AbortController();
      const wait = client
        .callTool({ name: "wait_for_job", arguments: { kind: "video", id } }, { signal: ac.signal })
        .catch((e: unknown) => e);
      await eventually(async () => (await videoGets(id)) > before);
      ac.abort("user cancelled");
      await wait;
      await eventually(() => stderr.join("").includes('"ended":"cancelled"'));
      const ended = JSON.parse(
        stderr
          .join("")
          .split("\n")
          .find((l) => l.includes('"ended":"cancelled"')) ?? "{}",
      ) as { polls?: number };
      // The loop ended after its first status request; the next would have come seconds later.
      expect(ended.polls).toBe(1);
      expect(await videoGets(id)).toBe(before + 1);
      const listed = await callOk(client, "list_jobs", { kind: "video", status: "in_progress" });
      expect((listed.jobs as { id: string }[]).map((j) => j.id)).toContain(id);
    } finally {
      await client.close();
    }
  });
});
