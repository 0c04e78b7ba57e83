import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { balanceOf, freshStart, HOUR, lastRequestOf, ok } from "../helpers/jobs.js";
import { call, errorBody, type Stack, startStack, TEST_KEY, textOf } from "../helpers/stack.js";

let stack: Stack;
let lookId: string;
let otherLookId: string;
let voiceId: string;

beforeAll(async () => {
  stack = await startStack();
  const looks = (await call(stack, "list_avatar_looks", { limit: 5 })).structuredContent?.looks as { id: string }[];
  const voices = (await call(stack, "list_voices", { language: "English", limit: 1 })).structuredContent?.voices as {
    voice_id: string;
  }[];
  lookId = looks[0]?.id ?? "";
  otherLookId = looks[1]?.id ?? "";
  voiceId = voices[0]?.voice_id ?? "";
});
afterAll(() => stack.close());
beforeEach(() => freshStart(stack));

const balance = () => balanceOf(stack);

const lastRequest = (method: string, matches: (path: string) => boolean) => lastRequestOf(stack, method, matches);

async function expectCompleted(videoId: string) {
  stack.clock.advance(HOUR);
  const video = ok(await call(stack, "get_video", { video_id: videoId }));
  expect(video).toMatchObject({ status: "completed", video_url: expect.stringMatching(/^http/) });
  return video;
}

describe("create_cinematic_avatar_video", () => {
  it("renders a prompt with 1-3 looks and bills a flat $7", async () => {
    const before = await balance();
    const res = await call(stack, "create_cinematic_avatar_video", {
      prompt: "Two friends clink glasses at sunset.",
      avatar_id: [lookId, otherLookId],
      duration: 8,
      references: [{ url: "https://example.com/sunset.jpg" }],
      aspect_ratio: "9:16",
    });
    const created = ok(res);
    expect(created).toMatchObject({ status: "waiting", output_format: "mp4" });
    expect(textOf(res)).toContain(`wait_for_job with kind="video", id="${created.video_id}"`);
    expect(before - (await balance())).toBeCloseTo(7, 2);
    const video = await expectCompleted(created.video_id as string);
    expect(video.duration).toBe(8);
    const sent = await lastRequest("POST", (path) => path === "/v3/videos");
    expect(sent.body).toEqual({
      type: "cinematic_avatar",
      prompt: "Two friends clink glasses at sunset.",
      avatar_id: [lookId, otherLookId],
      duration: 8,
      aspect_ratio: "9:16",
      references: [{ type: "url", url: "https://example.com/sunset.jpg" }],
    });
  });

  it("rejects bad arguments before calling HeyGen", async () => {
    await stack.admin.clearRequests();
    const four = await call(stack, "create_cinematic_avatar_video", {
      prompt: "x",
      avatar_id: ["a", "b", "c", "d"],
    });
    expect(errorBody(four)).toMatchObject({ code: "invalid_parameter", param: "avatar_id" });
    const both = await call(stack, "create_cinematic_avatar_video", {
      prompt: "x",
      avatar_id: [lookId],
      duration: 5,
      auto_duration: true,
    });
    expect(errorBody(both)).toMatchObject({ code: "invalid_parameter", param: "duration" });
    expect(await stack.admin.requests()).toHaveLength(0);
  });

  it("passes avatar_not_found and insufficient_credit through", async () => {
    const missing = await call(stack, "create_cinematic_avatar_video", { prompt: "x", avatar_id: [lookId, "nope"] });
    expect(errorBody(missing)).toMatchObject({ code: "avatar_not_found", param: "avatar_id.1" });
    await stack.admin.setBalance(TEST_KEY, 5);
    const poor = await call(stack, "create_cinematic_avatar_video", { prompt: "x", avatar_id: [lookId] });
    expect(errorBody(poor)).toMatchObject({ code: "insufficient_credit", retryable: false });
  });
});

describe("create_studio_video", () => {
  it("composes avatar, photo, still and clip scenes into one video", async () => {
    const created = ok(
      await call(stack, "create_studio_video", {
        title: "studio test",
        caption: { style: "default" },
        scenes: [
          {
            type: "avatar_video",
            avatar_id: lookId,
            script: "Hello there.",
            engine: "avatar_iv",
            background_color: "#000000",
          },
          {
            type: "avatar_video",
            source: { url: "https://example.com/face.png" },
            audio_url: "https://example.com/a.mp3",
          },
          { type: "image", source: { url: "https://example.com/slide.png" }, duration: 4 },
          { type: "video", source: { url: "https://example.com/clip.mp4" }, mute: true },
        ],
      }),
    );
    const sent = await lastRequest("POST", (path) => path === "/v3/videos");
    expect((sent.body as { scenes: unknown[] }).scenes).toEqual([
      {
        type: "avatar_video",
        input: {
          type: "avatar",
          avatar_id: lookId,
          script: "Hello there.",
          engine: { type: "avatar_iv" },
          background: { type: "color", color: "#000000" },
        },
      },
      {
        type: "avatar_video",
        input: {
          type: "image",
          image: { type: "url", url: "https://example.com/face.png" },
          audio_url: "https://example.com/a.mp3",
        },
      },
      { type: "image", source: { type: "url", url: "https://example.com/slide.png" }, duration: 4 },
      { type: "video", source: { type: "url", url: "https://example.com/clip.mp4" }, playback: { mute: true } },
    ]);
    const video = await expectCompleted(created.video_id as string);
    expect(video).toMatchObject({ title: "studio test", captioned_video_url: expect.any(String) });
  });

  it("names the scene field that does not belong to its type", async () => {
    const res = await call(stack, "create_studio_video", {
      scenes: [{ type: "image", source: { url: "https://example.com/a.png" }, duration: 2, volume: 0.5 }],
    });
    expect(errorBody(res)).toMatchObject({ code: "invalid_parameter", param: "scenes.0.volume" });
    const silentAndNarrated = await call(stack, "create_studio_video", {
      scenes: [{ type: "image", source: { url: "https://example.com/a.png" }, duration: 2, script: "hi" }],
    });
    expect(errorBody(silentAndNarrated)).toMatchObject({ code: "invalid_parameter" });
  });

  it("passes HeyGen's errors for a scene through with its path", async () => {
    const res = await call(stack, "create_studio_video", {
      scenes: [
        { type: "image", source: { url: "https://example.com/a.png" }, duration: 2 },
        { type: "avatar_video", avatar_id: lookId, script: "hi", voice_id: "no_such_voice" },
      ],
    });
    expect(errorBody(res)).toMatchObject({ code: "voice_not_found", param: "scenes.1.input.voice_id" });
  });
});

describe("video batches", () => {
  it("renders a batch item by item and fails only the bad item", async () => {
    const res = await call(stack, "create_video_batch", {
      title: "mixed",
      videos: [
        { type: "avatar", avatar_id: lookId, script: "One.", voice_id: voiceId },
        { type: "image", image: { url: "https://example.com/p.png" }, script: "Two.", voice_id: voiceId },
        { type: "avatar", avatar_id: "no_such_look", script: "Three." },
        { type: "cinematic_avatar", prompt: "A dance.", avatar_id: [lookId] },
      ],
    });
    const { batch_id } = ok(res);
    expect(ok(res)).toMatchObject({ total_items: 4 });
    expect(textOf(res)).toContain(`wait_for_job with kind="video_batch", id="${batch_id}"`);
    const sent = await lastRequest("POST", (path) => path === "/v3/videos/batches");
    expect(sent).toMatchObject({ status: 202, idempotency_key: expect.any(String) });
    expect((sent.body as { videos: { type: string }[] }).videos[1]).toEqual({
      type: "image",
      image: { type: "url", url: "https://example.com/p.png" },
      script: "Two.",
      voice_id: voiceId,
    });

    const early = ok(await call(stack, "get_video_batch", { batch_id }));
    expect(early).toMatchObject({ status: "processing", total_items: 4, title: "mixed" });
    const items = early.items as { item_index: number; status: string; video_id?: string; error?: string }[];
    expect(items[2]).toMatchObject({
      item_index: 2,
      status: "failed",
      error: expect.stringContaining("avatar_not_found"),
    });
    expect(items[0]).toMatchObject({ status: "queued", video_id: expect.any(String) });

    stack.clock.advance(HOUR);
    const done = await call(stack, "get_video_batch", { batch_id });
    expect(done.structuredContent).toMatchObject({
      status: "completed",
      counts_by_status: { queued: 0, processing: 0, completed: 3, failed: 1 },
    });
    expect(textOf(done)).toContain("get_video");
    const first = (ok(done).items as { video_id: string }[])[0]?.video_id ?? "";
    ok(await call(stack, "get_video", { video_id: first }));
  });

  it("renders ten at a time, so later items wait queued", async () => {
    const videos = Array.from({ length: 12 }, (_, i) => ({
      type: "avatar",
      avatar_id: lookId,
      script: `Item ${i}.`,
      voice_id: voiceId,
    }));
    const { batch_id } = ok(await call(stack, "create_video_batch", { videos }));
    stack.clock.advance(1_500);
    const page1 = ok(await call(stack, "get_video_batch", { batch_id, limit: 10 }));
    expect(page1).toMatchObject({ has_more: true, counts_by_status: { processing: 10, queued: 2 } });
    const page2 = ok(await call(stack, "get_video_batch", { batch_id, limit: 10, token: page1.next_token }));
    expect((page2.items as { item_index: number; status: string }[]).map((i) => [i.item_index, i.status])).toEqual([
      [10, "queued"],
      [11, "queued"],
    ]);
    expect(page2.has_more).toBe(false);
  });

  it("checks each item with its create tool's schema before calling HeyGen", async () => {
    await stack.admin.clearRequests();
    const res = await call(stack, "create_video_batch", {
      videos: [
        { type: "avatar", avatar_id: lookId, script: "ok" },
        { type: "image", script: "no image" },
      ],
    });
    expect(errorBody(res)).toMatchObject({ code: "invalid_parameter", param: "videos.1.image" });
    expect(await stack.admin.requests()).toHaveLength(0);
  });

  it("the sandbox rejects unknown item fields and unknown batches", async () => {
    const res = await fetch(`${stack.sandbox.url}/v3/videos/batches`, {
      method: "POST",
      headers: { "x-api-key": TEST_KEY, "content-type": "application/json" },
      body: JSON.stringify({ videos: [{ type: "avatar", avatar_id: lookId, script: "hi", bogus: 1 }] }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { param: string } }).error.param).toBe("videos.0.bogus");
    const missing = await call(stack, "get_video_batch", { batch_id: "no_such_batch" });
    expect(errorBody(missing)).toMatchObject({ code: "not_found" });
  });

  it("needs credit for the whole batch", async () => {
    await stack.admin.setBalance(TEST_KEY, 0);
    const res = await call(stack, "create_video_batch", {
      videos: [{ type: "cinematic_avatar", prompt: "x", avatar_id: [lookId] }],
    });
    expect(errorBody(res)).toMatchObject({ code: "insufficient_credit" });
  });
});

describe("get_video_statuses", () => {
  it("reports videos, expands batches and marks unknown ids not_found", async () => {
    const { video_id } = ok(
      await call(stack, "create_cinematic_avatar_video", { prompt: "A wave.", avatar_id: [lookId], duration: 4 }),
    );
    const { batch_id } = ok(
      await call(stack, "create_video_batch", {
        videos: [
          { type: "avatar", avatar_id: lookId, script: "Fine.", voice_id: voiceId },
          { type: "avatar", avatar_id: lookId, script: "Broken [sandbox:fail].", voice_id: voiceId },
        ],
      }),
    );
    stack.clock.advance(HOUR);
    const res = await call(stack, "get_video_statuses", {
      video_ids: [video_id, "no_such_video"],
      batch_ids: [batch_id, "no_such_batch"],
    });
    const sent = await lastRequest("GET", (path) => path === "/v3/videos/statuses");
    expect(sent.query).toMatchObject({
      video_ids: `${video_id},no_such_video`,
      batch_ids: `${batch_id},no_such_batch`,
    });
    expect(ok(res).statuses).toEqual([
      { video_id, status: "completed" },
      { video_id: "no_such_video", status: "not_found" },
      { batch_id, item_index: 0, video_id: expect.any(String), status: "completed" },
      {
        batch_id,
        item_index: 1,
        video_id: expect.any(String),
        status: "failed",
        error: expect.stringContaining("render_failed"),
      },
      { batch_id: "no_such_batch", status: "not_found" },
    ]);
    expect(textOf(res)).toContain("2 completed");
  });

  it("needs 1-100 ids", async () => {
    const none = await call(stack, "get_video_statuses", {});
    expect(errorBody(none)).toMatchObject({ code: "invalid_parameter", param: "video_ids" });
    const tooMany = await call(stack, "get_video_statuses", {
      video_ids: Array.from({ length: 60 }, (_, i) => `v${i}`),
      batch_ids: Array.from({ length: 41 }, (_, i) => `b${i}`),
    });
    expect(errorBody(tooMany)).toMatchObject({ code: "invalid_parameter" });
  });
});

describe("templates", () => {
  async function launchTemplate() {
    const list = ok(await call(stack, "list_templates", {}));
    const t = (list.templates as { id: string; name: string }[]).find((x) => x.name === "Product launch announcement");
    if (!t) throw new Error("seeded template missing");
    return t.id;
  }

  it("lists, shows variables, and renders a template into a normal video", async () => {
    const list = await call(stack, "list_templates", { limit: 2 });
    expect(ok(list)).toMatchObject({ has_more: true, next_token: expect.any(String) });
    expect(textOf(list)).toContain("list_templates with token=");
    const templateId = await launchTemplate();

    const detail = await call(stack, "get_template", { template_id: templateId });
    const t = ok(detail);
    expect(t.variables).toMatchObject({
      product_name: { type: "text", content: "Acme Notes" },
      presenter: { type: "character", avatar_id: expect.any(String) },
      product_image: { type: "image", url: expect.stringMatching(/^http/) },
    });
    expect((t.scenes as { variables: string[] }[])[0]?.variables).toContain("customer_name (text)");
    expect(textOf(detail)).toContain(`create_video_from_template with template_id="${templateId}"`);

    const created = await call(stack, "create_video_from_template", {
      template_id: templateId,
      variables: { customer_name: "Dana", presenter: { type: "character", avatar_id: otherLookId } },
      title: "for Dana",
      scene_ids: ["scn_intro_01", "scn_intro_01"],
      dimension: { width: 1920, height: 1080 },
    });
    const v = ok(created);
    expect(v).toMatchObject({ status: "pending", title: "for Dana" });
    const sent = await lastRequest("POST", (path) => path.startsWith("/v3/templates/"));
    expect((sent.body as { variables: unknown }).variables).toEqual({
      customer_name: { type: "text", content: "Dana" },
      presenter: { type: "character", avatar_id: otherLookId },
    });
    await expectCompleted(v.video_id as string);
    const videos = ok(await call(stack, "list_videos", { title: "for Dana" })).videos as { id: string }[];
    expect(videos.map((x) => x.id)).toContain(v.video_id);
  });

  it("replays the creation-time snapshot for a repeated Idempotency-Key", async () => {
    const templateId = await launchTemplate();
    const post = () =>
      fetch(`${stack.sandbox.url}/v3/templates/${templateId}`, {
        method: "POST",
        headers: { "x-api-key": TEST_KEY, "content-type": "application/json", "idempotency-key": "tmpl-replay-1" },
        body: JSON.stringify({ variables: {} }),
      });
    const first = (await (await post()).json()) as { data: { id: string; status: string } };
    stack.clock.advance(HOUR);
    const again = await post();
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(((await again.json()) as { data: unknown }).data).toEqual(first.data);
  });

  it("names what is wrong: template, variable, type, scene, dimension, credit", async () => {
    const templateId = await launchTemplate();
    const missing = await call(stack, "get_template", { template_id: "no_such_template" });
    expect(errorBody(missing)).toMatchObject({ code: "template_not_found" });
    const gen = (args: Record<string, unknown>) =>
      call(stack, "create_video_from_template", { template_id: templateId, ...args });
    expect(errorBody(await gen({ variables: { nope: "x" } }))).toMatchObject({
      code: "invalid_parameter",
      param: "variables.nope",
    });
    expect(errorBody(await gen({ variables: { presenter: "just text" } }))).toMatchObject({
      code: "invalid_parameter",
      param: "variables.presenter.type",
    });
    expect(errorBody(await gen({ variables: { presenter: { type: "character", avatar_id: "ghost" } } }))).toMatchObject(
      { code: "avatar_not_found" },
    );
    expect(errorBody(await gen({ scene_ids: ["scn_nope"] }))).toMatchObject({ param: "scene_ids.0" });
    expect(errorBody(await gen({ dimension: { width: 1080, height: 1920 } }))).toMatchObject({ param: "dimension" });
    await stack.admin.setBalance(TEST_KEY, 0);
    expect(errorBody(await gen({}))).toMatchObject({ code: "insufficient_credit" });
  });
});
