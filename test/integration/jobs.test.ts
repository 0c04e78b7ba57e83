/**
 * wait_for_job and list_jobs through a real MCP client, our server and the sandbox over HTTP. The server's
 * wait clock moves the sandbox's clock (test/helpers/wait-clock.ts), so minutes of rendering pass at once.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { JOB_KINDS } from "../../src/jobs/kinds.js";
import { freshStart, ok } from "../helpers/jobs.js";
import { type CallResult, call, type Stack, startStack, textOf } from "../helpers/stack.js";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ selection: { toolsets: ["default"] } });
});
afterAll(() => stack.close());
beforeEach(async () => {
  await freshStart(stack);
  stack.waitClock.mode = "auto";
});

let made = 0;
/** A new video each time: identical creates within minutes are answered with the first one (money safety). */
async function newVideo(script = `A short test video for the waiting tests, take ${++made}.`): Promise<string> {
  const looks = ok(await call(stack, "list_avatar_looks", { limit: 1 })).looks as { id: string }[];
  const voices = ok(await call(stack, "list_voices", { limit: 1 })).voices as { voice_id: string }[];
  const created = ok(
    await call(stack, "create_video_from_avatar", {
      avatar_id: looks[0]?.id,
      voice_id: voices[0]?.voice_id,
      script,
      title: "wait test",
    }),
  );
  return created.video_id as string;
}

/** GETs of this video the sandbox recorded so far. */
const videoGets = async (id: string) =>
  (await stack.admin.requests()).filter((r) => r.method === "GET" && r.path === `/v3/videos/${id}`).length;

interface Progress {
  progress: number;
  total?: number;
  message?: string;
}

async function waitWithProgress(args: Record<string, unknown>) {
  const events: Progress[] = [];
  const res = (await stack.mcp.callTool(
    { name: "wait_for_job", arguments: args },
    { onprogress: (p: Progress) => events.push(p) },
  )) as CallResult;
  return { res, events };
}

describe("wait_for_job", () => {
  it("ends completed with the video's links, and its create tool names the exact call", async () => {
    const looks = ok(await call(stack, "list_avatar_looks", { limit: 1 })).looks as { id: string }[];
    const voices = ok(await call(stack, "list_voices", { limit: 1 })).voices as { voice_id: string }[];
    const created = await call(stack, "create_video_from_avatar", {
      avatar_id: looks[0]?.id,
      voice_id: voices[0]?.voice_id,
      script: "Hello there.",
    });
    const id = ok(created).video_id as string;
    expect(textOf(created)).toContain(`wait_for_job with kind="video", id="${id}"`);

    const { res, events } = await waitWithProgress({ kind: "video", id });
    const out = ok(res);
    expect(out).toMatchObject({ kind: "video", id, status: "completed", state: "completed", percent: 100 });
    expect((out.outputs as Record<string, string>).video_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/media\/video\.mp4/);
    expect(textOf(res)).toContain("video_url");
    expect(events.length).toBeGreaterThan(0);
    expect(events[0]?.message).toContain(`Video ${id}`);
  });

  it("returns a normal result naming the next call when its budget ends, with at most 12 polls", async () => {
    const id = await newVideo();
    await stack.admin.steerJob(id, { outcome: "never_finish" });
    const before = await videoGets(id);
    const res = await call(stack, "wait_for_job", { kind: "video", id });
    const out = ok(res);
    expect(out).toMatchObject({ state: "in_progress", next: `wait_for_job with kind="video", id="${id}"` });
    expect(out.waited_seconds).toBe(45);
    expect(out.polls as number).toBeLessThanOrEqual(12);
    expect((await videoGets(id)) - before).toBe(out.polls);
    expect(textOf(res)).toContain(`Next: wait_for_job with kind="video", id="${id}" (the same call again)`);
  });

  it("caps a long max_wait_seconds at 55 s for clients that cut calls at 60 s", async () => {
    const id = await newVideo();
    await stack.admin.steerJob(id, { outcome: "never_finish" });
    const out = ok(await call(stack, "wait_for_job", { kind: "video", id, max_wait_seconds: 600 }));
    expect(out.waited_seconds).toBe(55);
    expect(out.polls as number).toBeLessThanOrEqual(12);
  });

  it("sends a progress heartbeat at least every 10 s of the wait, even when nothing changes", async () => {
    const id = await newVideo();
    await stack.admin.steerJob(id, { outcome: "never_finish" });
    const { res, events } = await waitWithProgress({ kind: "video", id });
    expect(ok(res).state).toBe("in_progress");
    const marks = [0, ...events.map((e) => e.progress), 45];
    const gaps = marks.slice(1).map((m, i) => m - (marks[i] ?? 0));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(10);
    expect(events.every((e) => e.total === 45 && e.message?.startsWith(`Video ${id}: `))).toBe(true);
  });

  it("costs at most 20 status requests for a 10-minute render when the model follows the advice", async () => {
    const id = await newVideo();
    await stack.admin.steerJob(id, { outcome: "finish", after_ms: 600_000 });
    const before = await videoGets(id);
    let out: Record<string, unknown> = {};
    let calls = 0;
    do {
      out = ok(await call(stack, "wait_for_job", { kind: "video", id }));
      calls++;
    } while (out.state === "in_progress" && calls < 40);
    expect(out.state).toBe("completed");
    expect((await videoGets(id)) - before).toBeLessThanOrEqual(20);
  });

  it("reports a failed job's code, message and hint as a result, not an error", async () => {
    const id = await newVideo();
    await stack.admin.steerJob(id, {
      outcome: "fail",
      failure: { code: "avatar_render_error", message: "The avatar could not be rendered." },
    });
    const res = await call(stack, "wait_for_job", { kind: "video", id });
    const out = ok(res);
    expect(out).toMatchObject({
      state: "failed",
      failure: {
        code: "avatar_render_error",
        message: "The avatar could not be rendered.",
        hint: JOB_KINDS.video.failureHint,
      },
    });
    expect(textOf(res)).toContain("failed: The avatar could not be rendered.");
  });

  it("stops polling at once when the client cancels", async () => {
    const id = await newVideo();
    await stack.admin.steerJob(id, { outcome: "never_finish" });
    stack.waitClock.mode = "held";
    const controller = new AbortController();
    const pending = stack.mcp.callTool(
      { name: "wait_for_job", arguments: { kind: "video", id } },
      { signal: controller.signal },
    );
    await stack.waitClock.whenHeld();
    const polled = await videoGets(id);
    const abortedAt = stack.clock.now();
    controller.abort("user cancelled");
    await expect(pending).rejects.toThrow();
    await expect.poll(() => stack.logLines.some((l) => l.includes('"ended":"cancelled"'))).toBe(true);
    // The loop ended with no sandbox time passing after the abort, and never asks again.
    expect(stack.waitClock.pending).toBe(0);
    expect(stack.clock.now()).toBe(abortedAt);
    stack.waitClock.mode = "auto";
    await stack.admin.advance(120_000);
    expect(await videoGets(id)).toBe(polled);
  });

  it("returns at once when waiting cannot help: a Video Agent session waiting for input", async () => {
    const created = ok(
      await call(stack, "create_video_agent", { prompt: "A 20 second product teaser.", mode: "chat" }),
    );
    const sessionId = created.session_id as string;
    const out = ok(await call(stack, "wait_for_job", { kind: "video_agent", id: sessionId, max_wait_seconds: 55 }));
    expect(out).toMatchObject({ state: "needs_action", status: "waiting_for_input" });
    expect(out.next).toContain(`send_video_agent_message`);
    expect(out.waited_seconds as number).toBeLessThan(55);
  });
});

describe("the sandbox's job control on a Video Agent session", () => {
  it("holds a session generating with HeyGen's progress, then fails it with its reason", async () => {
    const created = ok(await call(stack, "create_video_agent", { prompt: "A 20 second product teaser." }));
    const id = created.session_id as string;
    await stack.admin.steerJob(id, { outcome: "never_finish" });
    const running = ok(await call(stack, "wait_for_job", { kind: "video_agent", id }));
    expect(running).toMatchObject({ state: "in_progress", status: "generating" });
    expect(running.percent as number).toBeGreaterThanOrEqual(25);
    expect(running.percent as number).toBeLessThan(100);
    await stack.admin.steerJob(id, { outcome: "fail", failure: { code: "x", message: "The storyboard broke." } });
    const failed = ok(await call(stack, "wait_for_job", { kind: "video_agent", id }));
    expect(failed).toMatchObject({ state: "failed", failure: { message: "The storyboard broke." } });
  });
});

describe("list_jobs", () => {
  it("finds an in-flight job from HeyGen's own lists, newest first, and filters by state", async () => {
    const older = await newVideo("An older video that finishes.");
    await stack.admin.advance(60_000);
    const running = await newVideo("A video that keeps rendering.");
    await stack.admin.steerJob(running, { outcome: "never_finish" });
    await stack.admin.advance(10_000);
    const all = ok(await call(stack, "list_jobs", { limit: 10 }));
    const ids = (all.jobs as { id: string }[]).map((j) => j.id);
    expect(ids.indexOf(running)).toBeLessThan(ids.indexOf(older));
    const inFlight = await call(stack, "list_jobs", { status: "in_progress" });
    const rows = ok(inFlight).jobs as { id: string; kind: string; state: string }[];
    expect(rows.find((r) => r.id === running)).toMatchObject({ kind: "video", state: "in_progress" });
    expect(rows.some((r) => r.id === older)).toBe(false);
    expect(textOf(inFlight)).toContain("wait_for_job with kind=");
  });
});
