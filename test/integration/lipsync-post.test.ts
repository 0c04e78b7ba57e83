import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { balanceOf, freshStart, lastRequestOf, ok, rawRequest } from "../helpers/jobs.js";
import { call, errorBody, type Stack, startStack, TEST_KEY, textOf } from "../helpers/stack.js";

let stack: Stack;

const VIDEO = { url: "https://example.com/talk.mp4" };
const AUDIO = { url: "https://example.com/dub.mp3" };
const FAIL = "[sandbox:fail]";

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
beforeEach(() => freshStart(stack));

const balance = () => balanceOf(stack);

const raw = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  rawRequest(stack, method, path, body, headers);
const lastRequest = (method: string, path: string) => lastRequestOf(stack, method, path);

const lipsync = async (args: Record<string, unknown> = {}) =>
  ok(await call(stack, "create_lipsync", { video: VIDEO, audio: AUDIO, ...args })).lipsync_id as string;

describe("create_lipsync / get_lipsync", () => {
  it("runs pending → running → completed, bills per second by mode, and links only when done", async () => {
    const before = await balance();
    const res = await call(stack, "create_lipsync", { video: VIDEO, audio: AUDIO, title: "dub", enable_caption: true });
    const id = ok(res).lipsync_id as string;
    expect(textOf(res)).toContain(`wait_for_job with kind="lipsync", id="${id}"`);
    const sent = await lastRequest("POST", "/v3/lipsyncs");
    expect(sent.body).toEqual({
      video: { type: "url", url: VIDEO.url },
      audio: { type: "url", url: AUDIO.url },
      mode: "speed",
      title: "dub",
      enable_caption: true,
    });
    expect(sent.idempotency_key).toBeTruthy();
    expect(await balance()).toBeCloseTo(before - 1, 2); // 30 s × $0.0333

    const pending = ok(await call(stack, "get_lipsync", { lipsync_id: id }));
    expect(pending).toMatchObject({ id, status: "pending", title: "dub" });
    expect(pending.video_url).toBeUndefined();
    stack.clock.advance(1_500);
    expect(ok(await call(stack, "get_lipsync", { lipsync_id: id })).status).toBe("running");
    stack.clock.advance(5_000);
    const done = await call(stack, "get_lipsync", { lipsync_id: id });
    const l = ok(done);
    expect(l).toMatchObject({ status: "completed", duration: 30 });
    expect(l.video_url).toMatch(new RegExp(`^${stack.sandbox.url}/media/video\\.mp4\\?`));
    expect(l.caption_url).toMatch(/captions\.srt/);
    expect(textOf(done)).toContain("is ready");
    expect((await fetch(l.video_url as string)).status).toBe(200);

    const precise = await balance();
    const partial = await lipsync({ mode: "precision", start_time: 5, end_time: 15 });
    expect(await balance()).toBeCloseTo(precise - 0.67, 2); // 10 s × $0.0667
    stack.clock.advance(5_000);
    const p = ok(await call(stack, "get_lipsync", { lipsync_id: partial }));
    expect(p).toMatchObject({ status: "completed", duration: 10 });
    expect(p.caption_url).toBeUndefined();
  });

  it("reports a failed job with its reason and refunds it", async () => {
    const before = await balance();
    const id = await lipsync({ title: `broken ${FAIL}` });
    stack.clock.advance(5_000);
    const res = await call(stack, "get_lipsync", { lipsync_id: id });
    const l = ok(res);
    expect(l.status).toBe("failed");
    expect(l.failure_message).toContain("on purpose");
    expect(l.video_url).toBeUndefined();
    expect(textOf(res)).toContain("failed");
    expect(await balance()).toBeCloseTo(before, 2);
  });

  it("rejects bad input: tool-side ranges, unknown fields, missing assets, low balance", async () => {
    const range = await call(stack, "create_lipsync", { video: VIDEO, audio: AUDIO, start_time: 9, end_time: 3 });
    expect(errorBody(range)).toMatchObject({ code: "invalid_parameter", param: "end_time" });
    const base64 = await call(stack, "create_lipsync", {
      video: { base64: "AAAA", media_type: "video/mp4" },
      audio: AUDIO,
    });
    // HeyGen takes no base64 here, so the tool uploads it first, after checking its bytes are a video.
    expect(errorBody(base64)).toMatchObject({ code: "unsupported_file_type", param: "video.base64" });

    const unknown = await raw("POST", "/v3/lipsyncs", {
      video: { type: "url", url: VIDEO.url },
      audio: { type: "url", url: AUDIO.url },
      speed: 2,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: "invalid_parameter", param: "speed" });
    const b64 = await raw("POST", "/v3/lipsyncs", {
      video: { type: "base64", media_type: "video/mp4", data: "AAAA" },
      audio: { type: "url", url: AUDIO.url },
    });
    expect(b64.body.error).toMatchObject({ code: "invalid_parameter", param: "video.type" });

    const missing = await call(stack, "create_lipsync", { video: VIDEO, audio: { asset_id: "nope" } });
    expect(errorBody(missing)).toMatchObject({ code: "asset_not_found", param: "audio.asset_id" });
    const wrongKind = await call(stack, "create_lipsync", { video: VIDEO, audio: { url: "https://x.test/a.png" } });
    expect(errorBody(wrongKind)).toMatchObject({ code: "invalid_parameter", param: "audio.url" });

    await stack.admin.setBalance(TEST_KEY, 0);
    const broke = await call(stack, "create_lipsync", { video: VIDEO, audio: AUDIO });
    expect(errorBody(broke)).toMatchObject({ code: "insufficient_credit", retryable: false });
    await stack.admin.setBalance(TEST_KEY, 100);
  });

  it("replays a create with the same Idempotency-Key instead of billing twice", async () => {
    const body = { video: { type: "url", url: VIDEO.url }, audio: { type: "url", url: AUDIO.url } };
    const headers = { "idempotency-key": "lipsync-retry-1" };
    const before = await balance();
    const a = await raw("POST", "/v3/lipsyncs", body, headers);
    const b = await raw("POST", "/v3/lipsyncs", body, headers);
    expect(a.status).toBe(200);
    expect(b.body).toEqual(a.body);
    expect(await balance()).toBeCloseTo(before - 1, 2);
  });

  it("404s unknown ids with not_found", async () => {
    const res = await call(stack, "get_lipsync", { lipsync_id: "missing" });
    expect(errorBody(res)).toMatchObject({ code: "not_found" });
  });
});

describe("list_lipsyncs / update_lipsync / delete_lipsync", () => {
  it("lists newest first with paging, renames, deletes", async () => {
    const older = await lipsync({ title: "older" });
    const newer = await lipsync({ title: "newer" });
    const page = await call(stack, "list_lipsyncs", { limit: 1 });
    const first = ok(page);
    expect((first.lipsyncs as { id: string }[]).map((l) => l.id)).toEqual([newer]);
    expect(first.has_more).toBe(true);
    expect(textOf(page)).toContain("list_lipsyncs with token=");
    const next = ok(await call(stack, "list_lipsyncs", { limit: 1, token: first.next_token }));
    expect((next.lipsyncs as { id: string }[])[0]?.id).toBe(older);
    const tooMany = await call(stack, "list_lipsyncs", { limit: 101 });
    expect(errorBody(tooMany)).toMatchObject({ code: "invalid_parameter", param: "limit" });

    const renamed = ok(await call(stack, "update_lipsync", { lipsync_id: older, title: "renamed" }));
    expect(renamed).toMatchObject({ id: older, title: "renamed" });
    const badPatch = await raw("PATCH", `/v3/lipsyncs/${older}`, { title: "x", mode: "speed" });
    expect(badPatch.body.error).toMatchObject({ code: "invalid_parameter", param: "mode" });

    expect(ok(await call(stack, "delete_lipsync", { lipsync_id: older }))).toEqual({ id: older, deleted: true });
    expect(errorBody(await call(stack, "get_lipsync", { lipsync_id: older }))).toMatchObject({ code: "not_found" });
    expect(errorBody(await call(stack, "delete_lipsync", { lipsync_id: older }))).toMatchObject({ code: "not_found" });
    expect(errorBody(await call(stack, "update_lipsync", { lipsync_id: "nope", title: "t" }))).toMatchObject({
      code: "not_found",
    });
  });
});

describe("lipsync batches and statuses", () => {
  it("creates items, fails only the bad one, aggregates, and expands batches in bulk statuses", async () => {
    const before = await balance();
    const res = await call(stack, "create_lipsync_batch", {
      title: "dubs",
      lipsyncs: [
        { video: VIDEO, audio: AUDIO },
        { video: VIDEO, audio: { asset_id: "missing" } },
        { video: VIDEO, audio: AUDIO, title: `x ${FAIL}` },
      ],
    });
    const { batch_id, total_items } = ok(res) as { batch_id: string; total_items: number };
    expect(total_items).toBe(3);
    expect(textOf(res)).toContain(`wait_for_job with kind="lipsync_batch", id="${batch_id}"`);
    expect(await balance()).toBeCloseTo(before - 2, 2);
    const sent = await lastRequest("POST", "/v3/lipsyncs/batches");
    expect(sent.status).toBe(202);
    expect(sent.idempotency_key).toBeTruthy();

    const early = ok(await call(stack, "get_lipsync_batch", { batch_id }));
    expect(early.status).toBe("processing");
    expect(early.counts_by_status).toMatchObject({ queued: 2, failed: 1 });
    const items = early.items as { item_index: number; status: string; lipsync_id?: string; error?: string }[];
    expect(items[1]).toMatchObject({ status: "failed" });
    expect(items[1]?.error).toContain("asset_not_found");
    const firstId = items[0]?.lipsync_id ?? "";

    stack.clock.advance(5_000);
    const done = await call(stack, "get_lipsync_batch", { batch_id, limit: 2 });
    const b = ok(done);
    expect(b).toMatchObject({ status: "completed", has_more: true });
    expect(b.counts_by_status).toMatchObject({ completed: 1, failed: 2 });
    expect(textOf(done)).toContain("get_lipsync_batch with token=");
    expect(ok(await call(stack, "get_lipsync", { lipsync_id: firstId })).status).toBe("completed");

    const statuses = ok(
      await call(stack, "get_lipsync_statuses", { lipsync_ids: [firstId, "ghost"], batch_ids: [batch_id, "nobatch"] }),
    ).statuses as { lipsync_id?: string; batch_id?: string; status: string }[];
    expect(statuses).toHaveLength(2 + 3 + 1);
    expect(statuses[0]).toMatchObject({ lipsync_id: firstId, status: "completed" });
    expect(statuses[1]).toMatchObject({ lipsync_id: "ghost", status: "not_found" });
    expect(statuses.at(-1)).toMatchObject({ batch_id: "nobatch", status: "not_found" });
    const sentStatuses = await lastRequest("GET", "/v3/lipsyncs/statuses");
    expect(sentStatuses.query.lipsync_ids).toBe(`${firstId},ghost`);
  });

  it("validates entries with create_lipsync's schema and 404s an unknown batch", async () => {
    const bad = await call(stack, "create_lipsync_batch", { lipsyncs: [{ video: VIDEO }] });
    expect(errorBody(bad)).toMatchObject({ code: "invalid_parameter", param: "lipsyncs.0.audio" });
    const none = await call(stack, "get_lipsync_statuses", {});
    expect(errorBody(none)).toMatchObject({ code: "invalid_parameter" });
    const missing = await call(stack, "get_lipsync_batch", { batch_id: "nope" });
    expect(errorBody(missing)).toMatchObject({ code: "not_found" });
    const unknown = await raw("POST", "/v3/lipsyncs/batches", {
      lipsyncs: [{ video: { type: "url", url: VIDEO.url }, audio: { type: "url", url: AUDIO.url }, foo: 1 }],
    });
    expect(unknown.body.error).toMatchObject({ code: "invalid_parameter", param: "lipsyncs.0.foo" });
    await stack.admin.setBalance(TEST_KEY, 0);
    const broke = await call(stack, "create_lipsync_batch", { lipsyncs: [{ video: VIDEO, audio: AUDIO }] });
    expect(errorBody(broke)).toMatchObject({ code: "insufficient_credit" });
    await stack.admin.setBalance(TEST_KEY, 100);
  });
});

describe("AI clipping", () => {
  it("runs pending → running → completed, filling clips as it goes; list is coarse; delete hides it", async () => {
    const before = await balance();
    const res = await call(stack, "create_ai_clipping", {
      video: { url: "https://example.com/my-podcast.mp4" },
      duration_types: ["30", "60"],
      aspect_ratio: "landscape",
      prompt: "funny bits",
      callback_url: "http://127.0.0.1:9/clip-hook",
      callback_id: "cb-1",
    });
    const job = ok(res);
    const id = job.id as string;
    expect(job.status).toBe("pending");
    expect(textOf(res)).toContain(`wait_for_job with kind="ai_clipping", id="${id}"`);
    expect(await balance()).toBeCloseTo(before - 3, 2);
    const sent = await lastRequest("POST", "/v3/ai-clipping");
    expect(sent.body).toEqual({
      video: { type: "url", url: "https://example.com/my-podcast.mp4" },
      callback_url: "http://127.0.0.1:9/clip-hook",
      callback_id: "cb-1",
      output_settings: { aspect_ratio: "landscape", duration_types: ["30", "60"], prompt: "funny bits" },
    });

    const pending = ok(await call(stack, "get_ai_clipping", { job_id: id }));
    expect(pending).toMatchObject({ status: "pending", progress: 0, title: "my-podcast", clips: [] });
    stack.clock.advance(2_000);
    const running = ok(await call(stack, "get_ai_clipping", { job_id: id }));
    expect(running.status).toBe("running");
    expect(running.progress).toBe(50);
    expect((running.clips as { status: string }[]).map((c) => c.status)).toEqual(["completed", "pending"]);
    const listed = ok(await call(stack, "list_ai_clippings", {}));
    expect((listed.jobs as { id: string; status: string }[])[0]).toMatchObject({
      id,
      status: "running",
      clip_count: 2,
    });

    stack.clock.advance(2_000);
    const done = await call(stack, "get_ai_clipping", { job_id: id });
    const j = ok(done);
    expect(j).toMatchObject({ status: "completed", progress: 100, source_duration: 300 });
    const clips = j.clips as Record<string, unknown>[];
    expect(clips).toHaveLength(2);
    expect(clips[1]).toMatchObject({ status: "completed", duration_seconds: 60, aspect_ratio: "landscape" });
    expect(clips[0]?.video_url).toMatch(/\/media\/video\.mp4/);
    expect(clips[0]?.virality_score).toBeTypeOf("number");
    expect(textOf(done)).toContain("2 clips");

    const events = await raw("GET", "/v3/webhooks/events?event_type=ai_clipping.success");
    const ev = (events.body.data as { event_data: { id: string; callback_id: string } }[]).find(
      (e) => e.event_data.id === id,
    );
    expect(ev?.event_data.callback_id).toBe("cb-1");

    expect(ok(await call(stack, "delete_ai_clipping", { job_id: id }))).toEqual({ id, deleted: true });
    expect(errorBody(await call(stack, "get_ai_clipping", { job_id: id }))).toMatchObject({ code: "not_found" });
    const after = ok(await call(stack, "list_ai_clippings", {}));
    expect((after.jobs as { id: string }[]).map((x) => x.id)).not.toContain(id);
  });

  it("fails on purpose with a reason, rejects bad settings and low balance", async () => {
    const id = ok(await call(stack, "create_ai_clipping", { video: VIDEO, title: `x ${FAIL}` })).id as string;
    stack.clock.advance(5_000);
    const failed = ok(await call(stack, "get_ai_clipping", { job_id: id }));
    expect(failed.status).toBe("failed");
    expect(failed.failure_message).toContain("on purpose");

    const long = await call(stack, "create_ai_clipping", { video: VIDEO, prompt: "x".repeat(501) });
    expect(errorBody(long)).toMatchObject({ code: "invalid_parameter", param: "prompt" });
    const unknown = await raw("POST", "/v3/ai-clipping", {
      video: { type: "url", url: VIDEO.url },
      output_settings: { duration_types: ["45"] },
    });
    expect(unknown.body.error).toMatchObject({ code: "invalid_parameter", param: "output_settings.duration_types.0" });
    const missing = await call(stack, "create_ai_clipping", { video: { asset_id: "nope" } });
    expect(errorBody(missing)).toMatchObject({ code: "asset_not_found" });
    expect(errorBody(await call(stack, "delete_ai_clipping", { job_id: "nope" }))).toMatchObject({
      code: "not_found",
    });
    await balance(); // settles the failed job's refund before the wallet is emptied
    await stack.admin.setBalance(TEST_KEY, 0);
    expect(errorBody(await call(stack, "create_ai_clipping", { video: VIDEO }))).toMatchObject({
      code: "insufficient_credit",
    });
    await stack.admin.setBalance(TEST_KEY, 100);
  });
});

describe("background removal", () => {
  it("runs pending → processing → completed with a link per layer, then soft-deletes", async () => {
    const before = await balance();
    const res = await call(stack, "create_background_removal", { video: VIDEO, layers: ["foreground", "mask"] });
    const job = ok(res);
    const id = job.id as string;
    expect(job).toMatchObject({ status: "pending", layers: {} });
    // By default the call's derived idempotency key: an identical repeat returns this job.
    expect(job.request_id).toMatch(/^mcp-[A-Za-z0-9_-]{32}$/);
    expect(textOf(res)).toContain(`request_id="${job.request_id}"`);
    expect(await balance()).toBeCloseTo(before - 0.6, 2);
    const sent = await lastRequest("POST", "/v3/background-removals");
    expect(sent.body).toMatchObject({ request_id: job.request_id, layers: ["foreground", "mask"] });
    expect(sent.idempotency_key).toBeNull();

    stack.clock.advance(1_500);
    expect(ok(await call(stack, "get_background_removal", { job_id: id })).status).toBe("processing");
    stack.clock.advance(2_000);
    const done = ok(await call(stack, "get_background_removal", { job_id: id }));
    expect(done).toMatchObject({ status: "completed", duration: 30 });
    const layers = done.layers as Record<string, string>;
    expect(Object.keys(layers).sort()).toEqual(["foreground", "mask"]);
    expect(layers.foreground).toMatch(/\/media\/video\.webm\?/);
    const listed = ok(await call(stack, "list_background_removals", {}));
    expect((listed.jobs as { id: string }[])[0]).toMatchObject({ id, status: "completed" });

    expect(ok(await call(stack, "delete_background_removal", { job_id: id }))).toEqual({ id, deleted: true });
    const gone = ok(await call(stack, "get_background_removal", { job_id: id }));
    expect(gone).toMatchObject({ status: "deleted", layers: {} });
    const after = ok(await call(stack, "list_background_removals", {}));
    expect((after.jobs as { id: string }[]).map((x) => x.id)).not.toContain(id);
    expect(errorBody(await call(stack, "delete_background_removal", { job_id: id }))).toMatchObject({
      code: "not_found",
    });
  });

  it("dedups on request_id (even across a lost response) and ignores Idempotency-Key", async () => {
    const before = await balance();
    const a = ok(await call(stack, "create_background_removal", { video: VIDEO, request_id: "rb-1" }));
    const b = ok(
      await call(stack, "create_background_removal", {
        video: { url: "https://example.com/other.mp4" },
        request_id: "rb-1",
      }),
    );
    expect(b.id).toBe(a.id);
    expect(await balance()).toBeCloseTo(before - 0.6, 2);

    // The response of a create is lost: the client resends the same request_id (no Idempotency-Key here),
    // and HeyGen's dedup returns the original job, so nothing renders or bills twice.
    await stack.admin.clearRequests();
    await stack.admin.faults({ drop_after_create: { count: 1 } });
    const retried = ok(await call(stack, "create_background_removal", { video: VIDEO, request_id: "rb-2" }));
    const posts = (await stack.admin.requests()).filter((r) => r.path === "/v3/background-removals");
    expect(posts.map((r) => (r.body as { request_id?: string }).request_id)).toEqual(["rb-2", "rb-2"]);
    const all = ok(await call(stack, "list_background_removals", { limit: 100 })).jobs as { id: string }[];
    expect(all.filter((j) => j.id === retried.id)).toHaveLength(1);
    expect(await balance()).toBeCloseTo(before - 1.2, 2);

    const body = { video: { type: "url", url: VIDEO.url } };
    const headers = { "idempotency-key": "same-key" };
    const x = await raw("POST", "/v3/background-removals", body, headers);
    const y = await raw("POST", "/v3/background-removals", body, headers);
    expect((x.body.data as { id: string }).id).not.toBe((y.body.data as { id: string }).id);
  });

  it("fails on purpose, and rejects bad layers, unknown fields, missing jobs and low balance", async () => {
    const id = ok(await call(stack, "create_background_removal", { video: VIDEO, title: FAIL })).id as string;
    stack.clock.advance(5_000);
    const failed = ok(await call(stack, "get_background_removal", { job_id: id }));
    expect(failed.status).toBe("failed");
    expect(failed.error).toContain("on purpose");

    const layer = await raw("POST", "/v3/background-removals", {
      video: { type: "url", url: VIDEO.url },
      layers: ["alpha"],
    });
    expect(layer.body.error).toMatchObject({ code: "invalid_parameter", param: "layers.0" });
    const unknown = await raw("POST", "/v3/background-removals", { video: { type: "url", url: VIDEO.url }, x: 1 });
    expect(unknown.body.error).toMatchObject({ code: "invalid_parameter", param: "x" });
    const b64 = ok(
      await call(stack, "create_background_removal", { video: { base64: "AAAA", media_type: "video/mp4" } }),
    );
    expect(b64.status).toBe("pending");
    expect(errorBody(await call(stack, "get_background_removal", { job_id: "nope" }))).toMatchObject({
      code: "not_found",
    });
    await stack.admin.setBalance(TEST_KEY, 0);
    expect(errorBody(await call(stack, "create_background_removal", { video: VIDEO }))).toMatchObject({
      code: "insufficient_credit",
    });
    await stack.admin.setBalance(TEST_KEY, 100);
  });
});
