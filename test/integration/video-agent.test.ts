import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock, startSandbox } from "../../src/sandbox/index.js";
import { call, errorBody, type Stack, startStack, TEST_KEY, textOf } from "../helpers/stack.js";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

interface Msg {
  role: string;
  type: string;
  content: string;
  resource_ids: string[];
}

const session = async (session_id: string) => {
  const res = await call(stack, "get_video_agent_session", { session_id });
  expect(res.isError).toBeFalsy();
  return {
    res,
    s: res.structuredContent as {
      status: string;
      progress: number;
      video_id: string | null;
      messages: Msg[];
      title: string | null;
    },
  };
};

describe("Video Agent through a real MCP client", () => {
  it("generate mode: thinking → reviewing → generating → completed, with the video in the video store", async () => {
    const created = await call(stack, "create_video_agent", {
      prompt: "A 30-second explainer about composting at home, friendly tone.",
      orientation: "portrait",
      files: [{ url: "https://example.com/compost.png" }, { base64: "JVBERi0xLjQK", media_type: "application/pdf" }],
      callback_id: "va-1",
    });
    expect(created.isError).toBeFalsy();
    const { session_id, status, video_id } = created.structuredContent as {
      session_id: string;
      status: string;
      video_id: string;
    };
    expect(status).toBe("thinking");
    expect(video_id).toEqual(expect.any(String));
    expect(textOf(created)).toContain(`wait_for_job with kind="video_agent", id="${session_id}"`);

    const thinking = await session(session_id);
    expect(thinking.s).toMatchObject({ status: "thinking", video_id });
    expect(thinking.s.title ?? null).toBeNull();
    expect(thinking.s.messages[0]).toMatchObject({ role: "user", type: "text" });
    expect(thinking.s.messages[0]?.resource_ids).toHaveLength(2);

    const pendingVideo = await call(stack, "get_video", { video_id });
    expect(pendingVideo.structuredContent).toMatchObject({ status: "pending" });

    stack.clock.advance(1_500);
    const reviewing = await session(session_id);
    expect(reviewing.s.status).toBe("reviewing");
    expect(reviewing.s.title).toMatch(/^A 30-second explainer/);
    expect(reviewing.s.progress).toBeGreaterThan(10);

    stack.clock.advance(1_000);
    const generating = await session(session_id);
    expect(generating.s.status).toBe("generating");
    expect((await call(stack, "get_video", { video_id })).structuredContent).toMatchObject({ status: "processing" });

    stack.clock.advance(5_000);
    const done = await session(session_id);
    expect(done.s).toMatchObject({ status: "completed", progress: 100, video_id });
    expect(textOf(done.res)).toContain(`wait_for_job with kind="video", id="${video_id}"`);
    const ready = done.s.messages[0];
    expect(ready).toMatchObject({ role: "model", type: "resource" });

    const resource = await call(stack, "get_video_agent_resource", {
      session_id,
      resource_id: ready?.resource_ids[0] ?? "",
    });
    expect(resource.structuredContent).toMatchObject({
      resource_type: "video",
      source_type: "generated",
      url: expect.stringMatching(/^http.*video\.mp4/),
      metadata: { video_id },
    });
    const upload = await call(stack, "get_video_agent_resource", {
      session_id,
      resource_id: thinking.s.messages[0]?.resource_ids[0] ?? "",
    });
    expect(upload.structuredContent).toMatchObject({
      resource_type: "image",
      source_type: "user_uploaded",
      url: "https://example.com/compost.png",
    });

    const video = await call(stack, "get_video", { video_id });
    expect(video.structuredContent).toMatchObject({ status: "completed", duration: 30 });
    const videos = await call(stack, "list_video_agent_session_videos", { session_id });
    expect(videos.structuredContent).toMatchObject({ videos: [{ id: video_id, status: "completed" }] });

    const sessions = await call(stack, "list_video_agent_sessions", { limit: 100 });
    const rows = sessions.structuredContent?.sessions as { session_id: string; title: string | null }[];
    expect(rows.find((r) => r.session_id === session_id)?.title).toMatch(/composting/);

    const notChat = await call(stack, "send_video_agent_message", { session_id, message: "Make it shorter." });
    expect(notChat.isError).toBe(true);
    expect(errorBody(notChat)).toMatchObject({ code: "invalid_parameter" });
  });

  it("chat mode pauses for input, resumes on a message, and renders a revision as a new video", async () => {
    const created = await call(stack, "create_video_agent", {
      prompt: "Product teaser for a new espresso machine.",
      mode: "chat",
    });
    const { session_id, video_id } = created.structuredContent as { session_id: string; video_id: string | null };
    expect(video_id ?? null).toBeNull();

    stack.clock.advance(1_500);
    const waiting = await session(session_id);
    expect(waiting.s.status).toBe("waiting_for_input");
    expect(waiting.s.video_id ?? null).toBeNull();
    expect(textOf(waiting.res)).toContain("send_video_agent_message");
    const draftId = waiting.s.messages[0]?.resource_ids[0] ?? "";
    const draft = await call(stack, "get_video_agent_resource", { session_id, resource_id: draftId });
    expect(draft.structuredContent).toMatchObject({ resource_type: "draft", metadata: { duration_seconds: 60 } });

    // Waiting costs nothing and holds no job slot however long it lasts.
    stack.clock.advance(60 * 60_000);
    expect((await session(session_id)).s.status).toBe("waiting_for_input");

    const answer = await call(stack, "send_video_agent_message", { session_id, message: "Go ahead, upbeat music." });
    expect(answer.structuredContent).toMatchObject({
      session_id,
      run_id: expect.any(String),
      title: expect.any(String),
    });
    const reviewing = await session(session_id);
    expect(reviewing.s.status).toBe("reviewing");
    const firstVideo = reviewing.s.video_id;
    expect(firstVideo).toEqual(expect.any(String));

    stack.clock.advance(10_000);
    expect((await session(session_id)).s).toMatchObject({ status: "completed", video_id: firstVideo });

    const revision = await call(stack, "send_video_agent_message", {
      session_id,
      message: "Use a warmer color palette.",
      files: [{ url: "https://example.com/palette.jpg" }],
    });
    expect(revision.structuredContent?.run_id).not.toBe(answer.structuredContent?.run_id);
    expect((await session(session_id)).s).toMatchObject({ status: "thinking", video_id: firstVideo });
    // While the agent works, a message is extra context for the same run.
    const context = await call(stack, "send_video_agent_message", { session_id, message: "Keep the logo visible." });
    expect(context.structuredContent?.run_id).toBe(revision.structuredContent?.run_id);

    stack.clock.advance(10_000);
    const revised = await session(session_id);
    expect(revised.s.status).toBe("completed");
    expect(revised.s.video_id).not.toBe(firstVideo);
    const videos = (await call(stack, "list_video_agent_session_videos", { session_id })).structuredContent?.videos as {
      id: string;
    }[];
    expect(videos.map((v) => v.id)).toEqual([revised.s.video_id, firstVideo]);
  });

  it("stop ends a running session as failed and refunds the unfinished render", async () => {
    const before = (await stack.admin.state(TEST_KEY)).balance_usd as number;
    const created = await call(stack, "create_video_agent", { prompt: "Quarterly results recap, 20 seconds." });
    const { session_id, video_id } = created.structuredContent as { session_id: string; video_id: string };
    const stopped = await call(stack, "stop_video_agent_session", { session_id });
    expect(stopped.structuredContent).toEqual({ session_id });
    const s = (await session(session_id)).s;
    expect(s.status).toBe("failed");
    expect(s.messages[0]).toMatchObject({ type: "error", content: "Stopped at your request." });
    expect((await call(stack, "get_video", { video_id })).structuredContent).toMatchObject({
      status: "failed",
      failure_code: "stopped",
    });
    expect((await stack.admin.state(TEST_KEY)).balance_usd).toBe(before);
    // Stopping a terminal session changes nothing.
    expect((await call(stack, "stop_video_agent_session", { session_id })).isError).toBeFalsy();
    stack.clock.advance(60_000);
    expect((await session(session_id)).s.status).toBe("failed");
  });

  it("lists and filters the seeded styles and starts a session with one", async () => {
    const all = await call(stack, "list_video_agent_styles", { limit: 3 });
    expect(all.structuredContent).toMatchObject({ has_more: true, next_token: expect.any(String) });
    const next = await call(stack, "list_video_agent_styles", { token: all.structuredContent?.next_token });
    expect(((next.structuredContent?.styles ?? []) as unknown[]).length).toBeGreaterThan(0);
    const handmade = await call(stack, "list_video_agent_styles", { tag: "handmade" });
    const styles = handmade.structuredContent?.styles as { style_id: string; tags: string[] }[];
    expect(styles.length).toBeGreaterThan(0);
    for (const s of styles) expect(s.tags).toContain("handmade");
    const created = await call(stack, "create_video_agent", {
      prompt: "A handmade-looking recipe video.",
      style_id: styles[0]?.style_id,
    });
    expect(created.isError).toBeFalsy();
    stack.clock.advance(10_000);
  });

  it("a failing run ends failed with the reason and its charge refunded", async () => {
    const before = (await stack.admin.state(TEST_KEY)).balance_usd as number;
    const created = await call(stack, "create_video_agent", { prompt: "Doomed video [sandbox:fail]" });
    const { session_id } = created.structuredContent as { session_id: string };
    expect((await stack.admin.state(TEST_KEY)).balance_usd).toBeLessThan(before);
    stack.clock.advance(10_000);
    const { s, res } = await session(session_id);
    expect(s.status).toBe("failed");
    expect(s.messages[0]?.type).toBe("error");
    expect(textOf(res)).toContain("failed");
    expect((await stack.admin.state(TEST_KEY)).balance_usd).toBe(before);
  });

  it("rejects bad input with the catalog's codes", async () => {
    const missing = await call(stack, "get_video_agent_session", { session_id: "nope" });
    expect(errorBody(missing)).toMatchObject({ code: "not_found" });
    for (const [name, args] of [
      ["send_video_agent_message", { session_id: "nope", message: "hi" }],
      ["stop_video_agent_session", { session_id: "nope" }],
      ["list_video_agent_session_videos", { session_id: "nope" }],
      ["get_video_agent_resource", { session_id: "nope", resource_id: "r" }],
    ] as const) {
      expect(errorBody(await call(stack, name, args)), name).toMatchObject({ code: "not_found" });
    }

    const created = await call(stack, "create_video_agent", { prompt: "Short teaser." });
    const { session_id } = created.structuredContent as { session_id: string };
    const noResource = await call(stack, "get_video_agent_resource", { session_id, resource_id: "missing" });
    expect(errorBody(noResource)).toMatchObject({ code: "resource_not_found", param: "resource_id" });
    stack.clock.advance(10_000);

    const badAvatar = await call(stack, "create_video_agent", { prompt: "x", avatar_id: "no_such_look" });
    expect(errorBody(badAvatar)).toMatchObject({ code: "avatar_not_found", param: "avatar_id" });
    const badVoice = await call(stack, "create_video_agent", { prompt: "x", voice_id: "no_such_voice" });
    expect(errorBody(badVoice)).toMatchObject({ code: "voice_not_found", param: "voice_id" });
    const badStyle = await call(stack, "create_video_agent", { prompt: "x", style_id: "style_nope" });
    expect(errorBody(badStyle)).toMatchObject({ code: "not_found", param: "style_id" });
    const badAsset = await call(stack, "create_video_agent", { prompt: "x", files: [{ asset_id: "ast_missing" }] });
    expect(errorBody(badAsset)).toMatchObject({ code: "asset_not_found", param: "files.0.asset_id" });
    const badType = await call(stack, "create_video_agent", {
      prompt: "x",
      files: [{ base64: "AAAA", media_type: "application/zip" }],
    });
    expect(errorBody(badType)).toMatchObject({ code: "invalid_parameter", param: "files.0.media_type" });
    const tooMany = await call(stack, "create_video_agent", {
      prompt: "x",
      files: Array.from({ length: 21 }, () => ({ url: "https://example.com/a.png" })),
    });
    expect(errorBody(tooMany)).toMatchObject({ code: "invalid_parameter", param: "files" });
    const tooLong = await call(stack, "create_video_agent", { prompt: "x".repeat(10_001) });
    expect(errorBody(tooLong)).toMatchObject({ code: "invalid_parameter", param: "prompt" });
    const badLimit = await call(stack, "list_video_agent_sessions", { limit: 101 });
    expect(errorBody(badLimit)).toMatchObject({ code: "invalid_parameter", param: "limit" });
  });

  it("402 insufficient_credit when the balance cannot pay for the video", async () => {
    const before = (await stack.admin.state(TEST_KEY)).balance_usd as number;
    await stack.admin.setBalance(TEST_KEY, 0);
    try {
      for (const mode of ["generate", "chat"]) {
        const res = await call(stack, "create_video_agent", { prompt: "A 2 minute brand film.", mode });
        expect(errorBody(res), mode).toMatchObject({ code: "insufficient_credit" });
      }
    } finally {
      await stack.admin.setBalance(TEST_KEY, before);
    }
    // A chat session created with money, answered after the balance ran out.
    const created = await call(stack, "create_video_agent", { prompt: "A 10 second hello.", mode: "chat" });
    const { session_id } = created.structuredContent as { session_id: string };
    stack.clock.advance(2_000);
    await stack.admin.setBalance(TEST_KEY, 0);
    try {
      const answer = await call(stack, "send_video_agent_message", { session_id, message: "Go." });
      expect(errorBody(answer)).toMatchObject({ code: "insufficient_credit" });
      expect((await session(session_id)).s.status).toBe("waiting_for_input");
    } finally {
      await stack.admin.setBalance(TEST_KEY, before);
    }
    await call(stack, "stop_video_agent_session", { session_id });
  });

  it("rejects a model's bad arguments before calling HeyGen", async () => {
    const res = await call(stack, "create_video_agent", { prompt: "x", mode: "fast" });
    expect(errorBody(res)).toMatchObject({ code: "invalid_parameter", param: "mode" });
    const file = await call(stack, "create_video_agent", {
      prompt: "x",
      files: [{ url: "https://a.b/c.png", asset_id: "a" }],
    });
    expect(res.isError && file.isError).toBe(true);
  });
});

describe("Video Agent webhooks", () => {
  it("posts video_agent.success to the session's callback_url with its video", async () => {
    const received: Record<string, unknown>[] = [];
    const hook = createServer((req, res) => {
      let raw = "";
      req.on("data", (c: Buffer) => {
        raw += c.toString("utf8");
      });
      req.on("end", () => {
        received.push(JSON.parse(raw) as Record<string, unknown>);
        res.end("ok");
      });
    });
    await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
    try {
      const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
      const created = await call(stack, "create_video_agent", {
        prompt: "Hello.",
        callback_url: url,
        callback_id: "cb-7",
      });
      const { session_id, video_id } = created.structuredContent as { session_id: string; video_id: string };
      stack.clock.advance(10_000);
      await call(stack, "get_video_agent_session", { session_id });
      for (let i = 0; i < 50 && !received.some((e) => e.event_type === "video_agent.success"); i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(received.find((e) => e.event_type === "video_agent.success")).toMatchObject({
        event_data: { session_id, video_id, status: "completed", callback_id: "cb-7" },
      });
    } finally {
      await new Promise((r) => hook.close(r));
    }
  });
});

describe("Video Agent timing", () => {
  it("realistic sessions take tens of minutes", async () => {
    const clock = new ManualClock(Date.UTC(2026, 11, 3, 9, 0, 0));
    const sandbox = await startSandbox({ clock, timing: "realistic" });
    try {
      const api = async (method: string, path: string, body?: unknown) => {
        const res = await fetch(`${sandbox.url}${path}`, {
          method,
          headers: { "x-api-key": TEST_KEY, "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return (await res.json()) as { data: Record<string, unknown> };
      };
      const { data } = await api("POST", "/v3/video-agents", { prompt: "A one minute product tour." });
      const path = `/v3/video-agents/${data.session_id}`;
      const at = async (minutes: number) => {
        clock.set(Date.UTC(2026, 11, 3, 9, 0, 0) + minutes * 60_000);
        return (await api("GET", path)).data.status;
      };
      expect(await at(1)).toBe("thinking");
      expect(await at(5)).toBe("reviewing");
      expect(await at(15)).toBe("generating");
      expect(await at(24)).toBe("generating");
      expect(await at(26)).toBe("completed");
    } finally {
      await sandbox.close();
    }
  });
});
