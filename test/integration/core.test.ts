import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, errorBody, type Stack, startStack, TEST_KEY, textOf } from "../helpers/stack.js";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

async function firstLookAndVoice() {
  const looks = await call(stack, "list_avatar_looks", { limit: 5 });
  const look = (looks.structuredContent?.looks as { id: string; default_voice_id: string | null }[] | undefined)?.[0];
  const voices = await call(stack, "list_voices", { limit: 5 });
  const voice = (voices.structuredContent?.voices as { voice_id: string }[] | undefined)?.[0];
  if (!look || !voice) throw new Error("sandbox catalog is empty");
  return { avatarId: look.id, voiceId: voice.voice_id };
}

describe("the core video flow through a real MCP client", () => {
  it("walks account → look → voice → create → completed → list → delete", async () => {
    const me = await call(stack, "get_current_user");
    expect(me.isError).toBeFalsy();
    expect(me.structuredContent).toMatchObject({ balance: expect.any(Number) });

    const { avatarId, voiceId } = await firstLookAndVoice();
    const created = await call(stack, "create_video_from_avatar", {
      avatar_id: avatarId,
      voice_id: voiceId,
      script: "Hello from the heygen-mcp test suite.",
      title: "core flow",
    });
    expect(created.isError).toBeFalsy();
    const videoId = created.structuredContent?.video_id as string;
    expect(textOf(created)).toContain(`wait_for_job with kind="video", id="${videoId}"`);

    const pending = await call(stack, "get_video", { video_id: videoId });
    expect(pending.structuredContent).toMatchObject({ id: videoId });
    expect(pending.structuredContent).not.toHaveProperty("video_url");
    expect(["pending", "processing"]).toContain(pending.structuredContent?.status);

    stack.clock.advance(30 * 60_000);
    const done = await call(stack, "get_video", { video_id: videoId });
    expect(done.structuredContent).toMatchObject({ status: "completed", video_url: expect.stringMatching(/^http/) });
    const media = await fetch(done.structuredContent?.video_url as string);
    expect(media.status).toBe(200);
    expect((await media.arrayBuffer()).byteLength).toBeGreaterThan(1000);

    const listed = await call(stack, "list_videos", {});
    expect((listed.structuredContent?.videos as { id: string }[] | undefined)?.map((v) => v.id)).toContain(videoId);

    const deleted = await call(stack, "delete_video", { video_id: videoId });
    expect(deleted.structuredContent).toEqual({ id: videoId, deleted: true });
    const gone = await call(stack, "get_video", { video_id: videoId });
    expect(gone.isError).toBe(true);
    expect(errorBody(gone)).toMatchObject({ code: "video_not_found", retryable: false });
  });

  it("pages through avatar looks with the opaque cursor", async () => {
    const first = await call(stack, "list_avatar_looks", { limit: 2 });
    expect(first.structuredContent).toMatchObject({ has_more: true, next_token: expect.any(String) });
    const second = await call(stack, "list_avatar_looks", { limit: 2, token: first.structuredContent?.next_token });
    const ids = (page: typeof first) =>
      (page.structuredContent?.looks as { id: string }[] | undefined)?.map((l) => l.id);
    expect(ids(second)).not.toEqual(ids(first));
    expect(textOf(first)).toContain("list_avatar_looks with token=");
  });
});

describe("clear errors", () => {
  it("names the bad argument without calling HeyGen", async () => {
    await stack.admin.clearRequests();
    const res = await call(stack, "create_video_from_avatar", { avatar_id: "x", script: "" });
    expect(res.isError).toBe(true);
    expect(errorBody(res)).toMatchObject({ code: "invalid_parameter", param: "script", retryable: false });
    expect(await stack.admin.requests()).toHaveLength(0);
  });

  it("rejects unknown arguments by name", async () => {
    const res = await call(stack, "get_video", { video_id: "v", vidoe_id: "typo" });
    expect(errorBody(res)).toMatchObject({ code: "invalid_parameter", param: "vidoe_id" });
  });

  it("requires exactly one speech source", async () => {
    const res = await call(stack, "create_video_from_avatar", { avatar_id: "a", voice_id: "v" });
    expect(errorBody(res)).toMatchObject({
      code: "invalid_parameter",
      message: expect.stringContaining("exactly one"),
    });
  });

  it("requires exactly one image source", async () => {
    const res = await call(stack, "create_video_from_image", {
      image: { url: "https://example.com/a.png", asset_id: "x" },
      script: "hi",
    });
    expect(errorBody(res)).toMatchObject({ code: "invalid_parameter", param: "image" });
  });

  it("asks for a voice when a photo video has a script, since a photo has no default voice", async () => {
    const res = await call(stack, "create_video_from_image", {
      image: { url: "https://example.com/a.png" },
      script: "hi",
    });
    expect(errorBody(res)).toMatchObject({ code: "invalid_parameter", param: "voice_id" });
  });

  it("passes avatar_not_found through with a hint that names the list tool", async () => {
    const { voiceId } = await firstLookAndVoice();
    const res = await call(stack, "create_video_from_avatar", {
      avatar_id: "no_such_look",
      voice_id: voiceId,
      script: "hi",
    });
    expect(res.isError).toBe(true);
    const body = errorBody(res);
    expect(body).toMatchObject({ code: "avatar_not_found", retryable: false });
    expect(body.hint).toContain("list_avatar_looks");
    expect(body.request_id).toEqual(expect.any(String));
  });

  it("reports insufficient credit before rendering", async () => {
    const { avatarId, voiceId } = await firstLookAndVoice();
    await stack.admin.setBalance(TEST_KEY, 0);
    const res = await call(stack, "create_video_from_avatar", { avatar_id: avatarId, voice_id: voiceId, script: "hi" });
    await stack.admin.setBalance(TEST_KEY, 100);
    expect(errorBody(res)).toMatchObject({ code: "insufficient_credit", retryable: false });
  });
});

describe("money safety under faults", () => {
  it("retries a create whose connection dropped with the same key and renders once", async () => {
    const { avatarId, voiceId } = await firstLookAndVoice();
    const before = (await stack.admin.state(TEST_KEY)).videos ?? 0;
    await stack.admin.clearRequests();
    await stack.admin.faults({ drop_after_create: { count: 1 } });
    const res = await call(stack, "create_video_from_avatar", {
      avatar_id: avatarId,
      voice_id: voiceId,
      script: "once",
    });
    expect(res.isError).toBeFalsy();
    const creates = (await stack.admin.requests()).filter((r) => r.method === "POST" && r.path === "/v3/videos");
    expect(creates.length).toBe(2);
    expect(creates[0]?.idempotency_key).toMatch(/.+/);
    expect(creates[1]?.idempotency_key).toBe(creates[0]?.idempotency_key);
    expect((await stack.admin.state(TEST_KEY)).videos).toBe(before + 1);
  });

  it("waits out a 429 and then succeeds", async () => {
    await stack.admin.faults({ fail_next: { count: 1, status: 429, retry_after: 1 } });
    const res = await call(stack, "get_current_user");
    expect(res.isError).toBeFalsy();
  });

  it("gives up after max retries with a retryable error", async () => {
    await stack.admin.faults({ fail_next: { count: 10, status: 500 } });
    const res = await call(stack, "list_videos", {});
    await stack.admin.faults({ fail_next: { count: 0, status: 500 } });
    expect(errorBody(res)).toMatchObject({ retryable: true });
  });
});

describe("secrets", () => {
  it("never shows the API key in any result or log line", async () => {
    await call(stack, "get_current_user");
    await call(stack, "get_video", { video_id: "missing" });
    const everything = [...stack.logLines, ...stack.transcript].join("\n");
    expect(everything.length).toBeGreaterThan(0);
    expect(everything).not.toContain(TEST_KEY);
  });
});
