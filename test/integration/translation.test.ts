import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { balanceOf, freshStart, HOUR, lastRequestOf, ok, rawRequest } from "../helpers/jobs.js";
import { call, errorBody, type Stack, startStack, TEST_KEY, textOf } from "../helpers/stack.js";

let stack: Stack;

const VIDEO = { url: "https://example.com/talk.mp4" };

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
beforeEach(() => freshStart(stack));

const balance = () => balanceOf(stack);

const lastRequest = (method: string, matches: (path: string) => boolean) => lastRequestOf(stack, method, matches);
const raw = (method: string, path: string, body?: unknown) => rawRequest(stack, method, path, body);

async function translate(args: Record<string, unknown> = {}) {
  const created = ok(
    await call(stack, "create_video_translation", {
      video: VIDEO,
      output_languages: ["Spanish (Spain)", "French (France)"],
      ...args,
    }),
  );
  return (created.translations as { video_translation_id: string; output_language: string }[]).map(
    (t) => t.video_translation_id,
  );
}

describe("list_video_translation_languages", () => {
  it("returns the exact names, filtered by search", async () => {
    const all = ok(await call(stack, "list_video_translation_languages"));
    expect(all.languages).toContain("Spanish (Spain)");
    expect(all.languages).toContain("Chinese (Cantonese, Traditional)");
    expect(all.total).toBe((all.languages as string[]).length);
    const res = await call(stack, "list_video_translation_languages", { search: "spanish" });
    const some = ok(res);
    expect(some.languages).toEqual([
      "Spanish (Spain)",
      "Spanish (Mexico)",
      "Spanish (Argentina)",
      "Spanish (Colombia)",
    ]);
    expect(some.total).toBe(all.total);
    expect(textOf(res)).toContain("create_video_translation");
    const none = ok(await call(stack, "list_video_translation_languages", { search: "Klingon" }));
    expect(none.languages).toEqual([]);
  });
});

describe("create_video_translation", () => {
  it("fans out one job per language, bills per second and language, and completes with links", async () => {
    const before = await balance();
    const res = await call(stack, "create_video_translation", {
      video: VIDEO,
      output_languages: ["Spanish (Spain)", "French (France)"],
      title: "Launch talk",
      enable_caption: true,
      callback_id: "cb-1",
    });
    const created = ok(res);
    const translations = created.translations as { video_translation_id: string; output_language: string }[];
    expect(translations.map((t) => t.output_language)).toEqual(["Spanish (Spain)", "French (France)"]);
    const [es, fr] = translations.map((t) => t.video_translation_id);
    expect(es).not.toBe(fr);
    expect(textOf(res)).toContain(`wait_for_job with kind="video_translation", id="${es}"`);
    // 30 s assumed source × $0.05/s (speed) × 2 languages
    expect(before - (await balance())).toBeCloseTo(3, 2);

    const sent = await lastRequest("POST", (p) => p === "/v3/video-translations");
    expect(sent.idempotency_key).toMatch(/.+/);
    expect(sent.body).toEqual({
      video: { type: "url", url: VIDEO.url },
      output_languages: ["Spanish (Spain)", "French (France)"],
      mode: "speed",
      title: "Launch talk",
      enable_caption: true,
      callback_id: "cb-1",
    });

    const pending = ok(await call(stack, "get_video_translation", { video_translation_id: es }));
    expect(pending).toMatchObject({ status: "pending", output_language: "Spanish (Spain)", title: "Launch talk" });
    expect(pending.video_url).toBeUndefined();
    stack.clock.advance(1_500);
    const running = await call(stack, "get_video_translation", { video_translation_id: es });
    expect(ok(running).status).toBe("running");
    expect(textOf(running)).toContain(`is running. Next: wait_for_job with kind="video_translation", id="${es}"`);

    stack.clock.advance(HOUR);
    const doneRes = await call(stack, "get_video_translation", { video_translation_id: fr });
    const done = ok(doneRes);
    expect(done).toMatchObject({
      status: "completed",
      output_language: "French (France)",
      input_language: "en",
      duration: 30,
      video_url: expect.stringMatching(/^http/),
      audio_url: expect.stringMatching(/^http/),
      srt_caption_url: expect.stringMatching(/\.srt\?/),
      vtt_caption_url: expect.stringMatching(/\.vtt\?/),
    });
    expect(textOf(doneRes)).toContain("is ready");
    const srt = await (await fetch(done.srt_caption_url as string)).text();
    expect(srt).toMatch(/^1\n00:00:00,000 --> 00:00:03,000\nBonjour et bienvenue\./);
    const vtt = await fetch(done.vtt_caption_url as string);
    expect(vtt.headers.get("content-type")).toBe("text/vtt");
    expect(await vtt.text()).toMatch(/^WEBVTT\n\n00:00:00\.000 --> 00:00:03\.000\n/);
  });

  it("bills precision at $0.1/s over start_time..end_time and sends the file inputs as AssetInputs", async () => {
    const before = await balance();
    const missing = await call(stack, "create_video_translation", {
      video: VIDEO,
      output_languages: ["German (Germany)"],
      audio: { asset_id: "asset_missing" },
    });
    expect(errorBody(missing)).toMatchObject({ code: "asset_not_found", param: "audio.asset_id" });
    const [id] = await translate({
      output_languages: ["German (Germany)"],
      mode: "precision",
      start_time: 5,
      end_time: 25,
      srt: { url: "https://example.com/subs.srt" },
      srt_role: "input",
    });
    expect(before - (await balance())).toBeCloseTo(2, 2);
    const sent = await lastRequest("POST", (p) => p === "/v3/video-translations");
    expect(sent.body).toMatchObject({ srt: { type: "url", url: "https://example.com/subs.srt" }, srt_role: "input" });
    stack.clock.advance(HOUR);
    const done = ok(await call(stack, "get_video_translation", { video_translation_id: id }));
    expect(done).toMatchObject({ status: "completed", duration: 20 });
    expect(done.srt_caption_url).toBeUndefined();
  });

  it("rejects a language code or unknown name with the offending param", async () => {
    const res = await call(stack, "create_video_translation", {
      video: VIDEO,
      output_languages: ["Spanish (Spain)", "es"],
    });
    expect(res.isError).toBe(true);
    expect(errorBody(res)).toMatchObject({ code: "invalid_parameter", param: "output_languages.1" });
    expect(errorBody(res).message).toContain("GET /v3/video-translations/languages");
  });

  it("checks arguments before calling HeyGen", async () => {
    await stack.admin.clearRequests();
    const both = await call(stack, "create_video_translation", {
      video: { url: VIDEO.url, asset_id: "a1" },
      output_languages: ["English"],
    });
    expect(errorBody(both)).toMatchObject({ code: "invalid_parameter", param: "video" });
    const backwards = await call(stack, "create_video_translation", {
      video: VIDEO,
      output_languages: ["English"],
      start_time: 10,
      end_time: 5,
    });
    expect(errorBody(backwards)).toMatchObject({ code: "invalid_parameter", param: "end_time" });
    const none = await call(stack, "create_video_translation", { video: VIDEO, output_languages: [] });
    expect(errorBody(none)).toMatchObject({ param: "output_languages" });
    expect(await stack.admin.requests()).toEqual([]);
  });

  it("402s when the balance cannot cover every language", async () => {
    await stack.admin.setBalance(TEST_KEY, 2);
    const res = await call(stack, "create_video_translation", { video: VIDEO, output_languages: ["Spanish (Spain)"] });
    expect(res.isError).toBeFalsy();
    const broke = await call(stack, "create_video_translation", {
      video: VIDEO,
      output_languages: ["Spanish (Spain)", "French (France)"],
    });
    expect(errorBody(broke)).toMatchObject({ code: "insufficient_credit", retryable: false });
    await stack.admin.setBalance(TEST_KEY, 100);
  });

  it("fails a job on purpose and refunds it", async () => {
    const before = await balance();
    const [id] = await translate({ output_languages: ["Italian (Italy)"], title: "bad [sandbox:fail]" });
    stack.clock.advance(HOUR);
    const res = await call(stack, "get_video_translation", { video_translation_id: id });
    expect(ok(res)).toMatchObject({ status: "failed", failure_message: expect.stringContaining("on purpose") });
    expect(ok(res).video_url).toBeUndefined();
    expect(textOf(res)).toContain("failed");
    expect(await balance()).toBeCloseTo(before, 2);
  });

  it("creates once when the connection drops after the create (same Idempotency-Key)", async () => {
    const before = (await stack.admin.state(TEST_KEY)).video_translations ?? 0;
    await stack.admin.clearRequests();
    await stack.admin.faults({ drop_after_create: { count: 1 } });
    const ids = await translate();
    const creates = (await stack.admin.requests()).filter((r) => r.path === "/v3/video-translations");
    expect(creates.length).toBe(2);
    expect(creates[1]?.idempotency_key).toBe(creates[0]?.idempotency_key);
    expect((await stack.admin.state(TEST_KEY)).video_translations).toBe(before + 2);
    expect(ids.length).toBe(2);
  });
  it("emits video_translate.success / .fail per language with the catalog's payload", async () => {
    const hook = "http://127.0.0.1:9/translation-hooks";
    const [good] = await translate({
      output_languages: ["Dutch (Netherlands)"],
      callback_url: hook,
      callback_id: "cb-ok",
    });
    const [bad] = await translate({
      output_languages: ["Turkish (Turkey)"],
      callback_url: hook,
      title: "[sandbox:fail]",
    });
    stack.clock.advance(HOUR);
    ok(await call(stack, "get_video_translation", { video_translation_id: good }));
    const success = ok(await call(stack, "list_webhook_events", { entity_id: good }));
    expect(success.events).toEqual([
      expect.objectContaining({
        event_type: "video_translate.success",
        event_data: {
          video_translate_id: good,
          callback_id: "cb-ok",
          output_language: "Dutch (Netherlands)",
          url: expect.stringMatching(/^http/),
        },
      }),
    ]);
    const fail = ok(await call(stack, "list_webhook_events", { entity_id: bad }));
    expect(fail.events).toEqual([
      expect.objectContaining({
        event_type: "video_translate.fail",
        event_data: expect.objectContaining({
          video_translate_id: bad,
          message: expect.stringContaining("on purpose"),
        }),
      }),
    ]);
  });
});

describe("list, update, delete", () => {
  it("pages newest first, renames and deletes", async () => {
    const [a] = await translate({ output_languages: ["Korean (Korea)"], title: "older" });
    const [b] = await translate({ output_languages: ["Hindi (India)"], title: "newer" });
    const page1 = ok(await call(stack, "list_video_translations", { limit: 1 }));
    expect(page1).toMatchObject({ has_more: true, translations: [{ id: b, title: "newer" }] });
    const res2 = await call(stack, "list_video_translations", { limit: 1, token: page1.next_token });
    expect(ok(res2).translations).toEqual([expect.objectContaining({ id: a, output_language: "Korean (Korea)" })]);

    const renamed = await call(stack, "update_video_translation", { video_translation_id: a, title: "Korean cut" });
    expect(ok(renamed)).toMatchObject({ id: a, title: "Korean cut" });
    const sent = await lastRequest("PATCH", (p) => p.endsWith(`/${a}`));
    expect(sent.body).toEqual({ title: "Korean cut" });

    expect(ok(await call(stack, "delete_video_translation", { video_translation_id: a }))).toEqual({
      id: a,
      deleted: true,
    });
    const gone = await call(stack, "get_video_translation", { video_translation_id: a });
    expect(errorBody(gone)).toMatchObject({ code: "video_not_found" });
    const again = await call(stack, "delete_video_translation", { video_translation_id: a });
    expect(errorBody(again)).toMatchObject({ code: "video_not_found" });
    const rename = await call(stack, "update_video_translation", { video_translation_id: a, title: "x" });
    expect(errorBody(rename)).toMatchObject({ code: "video_not_found" });
  });

  it("the sandbox validates fields, limits and language names like HeyGen", async () => {
    const unknown = await raw("POST", "/v3/video-translations", {
      video: { type: "url", url: VIDEO.url },
      output_languages: ["English"],
      target_language: "Spanish",
    });
    expect(unknown).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_parameter", param: "target_language" } },
    });
    const base64 = await raw("POST", "/v3/video-translations", {
      video: { type: "base64", media_type: "video/mp4", data: "AAAA" },
      output_languages: ["English"],
    });
    expect(base64.status).toBe(400);
    expect(base64.body.error?.param).toMatch(/^video/);
    const image = await raw("POST", "/v3/video-translations", {
      video: { type: "url", url: "https://example.com/face.png" },
      output_languages: ["English"],
    });
    expect(image).toMatchObject({ status: 400, body: { error: { param: "video.url" } } });
    const tooMany = await raw("GET", "/v3/video-translations?limit=101");
    expect(tooMany).toMatchObject({ status: 400, body: { error: { param: "limit" } } });
    const noTitle = await raw("PATCH", "/v3/video-translations/whatever", {});
    expect(noTitle.status).toBe(404);
    const languages = await raw("GET", "/v3/video-translations/languages");
    expect(languages.body.data).toEqual({ languages: expect.arrayContaining(["English"]) });
  });
});

describe("batches and statuses", () => {
  it("expands entries per language, fails bad items alone and reports per item", async () => {
    const before = await balance();
    const res = await call(stack, "create_video_translation_batch", {
      title: "Q4 batch",
      video_translations: [
        { video: VIDEO, output_languages: ["German (Germany)", "Japanese (Japan)"] },
        { video: { url: "https://example.com/b.mp4" }, output_languages: ["Klingon"], mode: "precision" },
      ],
    });
    const created = ok(res);
    expect(created.total_items).toBe(3);
    expect(textOf(res)).toContain(`wait_for_job with kind="video_translation_batch", id="${created.batch_id}"`);
    expect(before - (await balance())).toBeCloseTo(3, 2); // the failed item is not billed
    const sent = await lastRequest("POST", (p) => p === "/v3/video-translations/batches");
    expect(sent).toMatchObject({ status: 202, idempotency_key: expect.any(String) });
    expect((sent.body as { video_translations: unknown[] }).video_translations[1]).toEqual({
      video: { type: "url", url: "https://example.com/b.mp4" },
      output_languages: ["Klingon"],
      mode: "precision",
    });

    const batch = ok(await call(stack, "get_video_translation_batch", { batch_id: created.batch_id }));
    expect(batch).toMatchObject({ status: "processing", total_items: 3, title: "Q4 batch" });
    const items = batch.items as {
      item_index: number;
      status: string;
      video_translation_id?: string;
      error?: string;
    }[];
    expect(items.map((i) => i.status)).toEqual(["queued", "queued", "failed"]);
    expect(items[2]?.error).toMatch(/^invalid_parameter: .*Klingon/);
    const got = await lastRequest("GET", (p) => p.startsWith("/v3/video-translations/batches/"));
    const rawItems = (got.response as { data: { items: { error: { param: string } | null }[] } }).data.items;
    expect(rawItems[2]?.error?.param).toBe("video_translations.1.output_languages.0");
    const firstId = items[0]?.video_translation_id ?? "";

    const statuses = ok(
      await call(stack, "get_video_translation_statuses", {
        video_translation_ids: [firstId, "nope"],
        batch_ids: [created.batch_id],
      }),
    );
    const sentStatuses = await lastRequest("GET", (p) => p === "/v3/video-translations/statuses");
    expect(sentStatuses.query).toEqual({ video_translation_ids: `${firstId},nope`, batch_ids: created.batch_id });
    expect(statuses.statuses).toEqual([
      { video_translation_id: firstId, status: "queued" },
      { video_translation_id: "nope", status: "not_found" },
      expect.objectContaining({ batch_id: created.batch_id, item_index: 0, status: "queued" }),
      expect.objectContaining({ batch_id: created.batch_id, item_index: 1 }),
      expect.objectContaining({ batch_id: created.batch_id, item_index: 2, status: "failed" }),
    ]);

    stack.clock.advance(HOUR);
    const page = await call(stack, "get_video_translation_batch", { batch_id: created.batch_id, limit: 2 });
    expect(ok(page)).toMatchObject({
      status: "completed",
      counts_by_status: { completed: 2, failed: 1 },
      has_more: true,
    });
    expect(textOf(page)).toContain("More: call get_video_translation_batch");
    const done = ok(await call(stack, "get_video_translation", { video_translation_id: firstId }));
    expect(done).toMatchObject({ status: "completed", output_language: "German (Germany)" });
  });

  it("rejects over 100 languages in all, and unknown batches", async () => {
    await stack.admin.clearRequests();
    const langs = ["English", "Spanish (Spain)", "French (France)", "German (Germany)", "Italian (Italy)"];
    const entries = Array.from({ length: 21 }, () => ({ video: VIDEO, output_languages: langs }));
    const big = await call(stack, "create_video_translation_batch", { video_translations: entries });
    expect(errorBody(big)).toMatchObject({ code: "invalid_parameter", param: "video_translations" });
    const bad = await call(stack, "create_video_translation_batch", {
      video_translations: [{ video: VIDEO, output_languages: ["English"], speaker_num: 0 }],
    });
    expect(errorBody(bad)).toMatchObject({ param: "video_translations.0.speaker_num" });
    expect(await stack.admin.requests()).toEqual([]);
    const missing = await call(stack, "get_video_translation_batch", { batch_id: "batch_missing" });
    expect(errorBody(missing)).toMatchObject({ code: "not_found" });
    const noIds = await call(stack, "get_video_translation_statuses", {});
    expect(errorBody(noIds)).toMatchObject({ param: "video_translation_ids" });
  });
});

describe("proofreads", () => {
  it("create → completed → read SRT inline → replace → generate a translation", async () => {
    const before = await balance();
    const res = await call(stack, "create_proofread", {
      video: VIDEO,
      output_languages: ["Spanish (Spain)", "ja-JP"],
      title: "Review pass",
      srt: { url: "https://example.com/original.srt" },
    });
    const created = ok(res);
    expect(created.status).toBe("processing");
    const proofreads = created.proofreads as { proofread_id: string; output_language: string }[];
    expect(proofreads.map((p) => p.output_language)).toEqual(["Spanish (Spain)", "ja-JP"]);
    // 30 s × $0.0083/s, rounded to cents, per language
    expect(before - (await balance())).toBeCloseTo(0.5, 2);
    const id = proofreads[0]?.proofread_id ?? "";
    expect(textOf(res)).toContain(`wait_for_job with kind="proofread", id="${id}"`);

    const processing = await call(stack, "get_proofread", { proofread_id: id });
    expect(ok(processing)).toMatchObject({ status: "processing", title: "Review pass", submitted_for_review: false });
    const early = await call(stack, "download_proofread_srt", { proofread_id: id });
    expect(errorBody(early)).toMatchObject({ code: "conflict" });

    stack.clock.advance(HOUR);
    const ready = await call(stack, "get_proofread", { proofread_id: id });
    expect(ok(ready)).toMatchObject({ status: "completed", output_language: "Spanish (Spain)" });
    expect(textOf(ready)).toContain("download_proofread_srt");
    const ja = ok(await call(stack, "get_proofread", { proofread_id: proofreads[1]?.proofread_id }));
    expect(ja.output_language).toBe("Japanese (Japan)");

    const dl = await call(stack, "download_proofread_srt", { proofread_id: id });
    const srt = ok(dl);
    expect(srt.srt_text).toMatch(/^1\n00:00:00,000 --> 00:00:03,000\nHola y bienvenidos\.\n/);
    expect(srt.srt_bytes).toBe(Buffer.byteLength(srt.srt_text as string));
    expect(srt.srt_url).toMatch(/^http.*\.srt\?rev=1/);
    expect(srt.original_srt_url).toMatch(/-original\.srt/);
    expect(textOf(dl)).toContain("upload_proofread_srt");

    const wrong = await call(stack, "upload_proofread_srt", {
      proofread_id: id,
      srt: { url: "https://example.com/edited.png" },
    });
    expect(errorBody(wrong)).toMatchObject({ code: "invalid_parameter", param: "srt.url" });
    const noAsset = await call(stack, "upload_proofread_srt", { proofread_id: id, srt: { asset_id: "asset_missing" } });
    expect(errorBody(noAsset)).toMatchObject({ code: "asset_not_found", param: "srt.asset_id" });
    const up = await call(stack, "upload_proofread_srt", {
      proofread_id: id,
      srt: { url: "https://example.com/edited.srt" },
    });
    expect(ok(up)).toMatchObject({ id, status: "completed" });
    expect(textOf(up)).toContain("generate_video_from_proofread");
    const sentUp = await lastRequest("PUT", (p) => p.endsWith(`/proofreads/${id}/srt`));
    expect(sentUp.body).toEqual({ srt: { type: "url", url: "https://example.com/edited.srt" } });
    const after = ok(await call(stack, "download_proofread_srt", { proofread_id: id }));
    expect(after.srt_url).toMatch(/rev=2/);

    const beforeGen = await balance();
    const gen = await call(stack, "generate_video_from_proofread", { proofread_id: id, captions: true });
    const generated = ok(gen);
    expect(generated.status).toBe("processing");
    expect(beforeGen - (await balance())).toBeCloseTo(1.5, 2);
    const sentGen = await lastRequest("POST", (p) => p.endsWith("/generate"));
    expect(sentGen).toMatchObject({ body: { captions: true }, idempotency_key: expect.any(String) });
    expect(ok(await call(stack, "get_proofread", { proofread_id: id })).submitted_for_review).toBe(true);
    stack.clock.advance(HOUR);
    const t = ok(await call(stack, "get_video_translation", { video_translation_id: generated.video_translation_id }));
    expect(t).toMatchObject({ status: "completed", title: "Review pass", output_language: "Spanish (Spain)" });
    expect(t.srt_caption_url).toMatch(/\.srt/);
  });

  it("fails clearly: missing title, unknown id, not ready, no credit", async () => {
    const noTitle = await call(stack, "create_proofread", { video: VIDEO, output_languages: ["English"] });
    expect(errorBody(noTitle)).toMatchObject({ code: "invalid_parameter", param: "title" });
    const unknown = await call(stack, "get_proofread", { proofread_id: "missing" });
    expect(errorBody(unknown)).toMatchObject({ code: "not_found" });
    const badLang = await call(stack, "create_proofread", { video: VIDEO, output_languages: ["xx"], title: "t" });
    expect(errorBody(badLang)).toMatchObject({ code: "invalid_parameter", param: "output_languages.0" });

    const { proofreads } = ok(
      await call(stack, "create_proofread", { video: VIDEO, output_languages: ["English"], title: "t" }),
    ) as { proofreads: { proofread_id: string }[] };
    const id = proofreads[0]?.proofread_id ?? "";
    const early = await call(stack, "generate_video_from_proofread", { proofread_id: id });
    expect(errorBody(early)).toMatchObject({ code: "conflict" });
    stack.clock.advance(HOUR);
    await stack.admin.setBalance(TEST_KEY, 0);
    const broke = await call(stack, "generate_video_from_proofread", { proofread_id: id });
    const brokeCreate = await call(stack, "create_proofread", {
      video: VIDEO,
      output_languages: ["English"],
      title: "t",
    });
    await stack.admin.setBalance(TEST_KEY, 100);
    expect(errorBody(broke)).toMatchObject({ code: "insufficient_credit" });
    expect(errorBody(brokeCreate)).toMatchObject({ code: "insufficient_credit" });

    const failing = ok(
      await call(stack, "create_proofread", {
        video: VIDEO,
        output_languages: ["English"],
        title: "[sandbox:fail]",
      }),
    ) as { proofreads: { proofread_id: string }[] };
    stack.clock.advance(HOUR);
    const failed = await call(stack, "get_proofread", { proofread_id: failing.proofreads[0]?.proofread_id });
    expect(ok(failed)).toMatchObject({ status: "failed", failure_message: expect.stringContaining("on purpose") });
    const noSrt = await call(stack, "download_proofread_srt", { proofread_id: failing.proofreads[0]?.proofread_id });
    expect(errorBody(noSrt)).toMatchObject({ code: "conflict" });
  });
});

describe("download_proofread_srt size guard", () => {
  it("inlines a small SRT and returns only the link for a large or unsized one", async () => {
    const { createServer } = await import("node:http");
    const { downloadProofreadSrt } = await import("../../src/tools/translation-proofreads.js");
    const { FileFetcher } = await import("../../src/client/fetch-file.js");
    let size = 100;
    const server = createServer((req, res) => {
      if (req.url === "/media/chunked") res.write("x".repeat(size));
      res.end(req.url === "/media/chunked" ? undefined : "x".repeat(size));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    // The link plays a file on HeyGen's own origin (/media/, trusted); any other loopback URL is refused.
    const fetcher = new FileFetcher(`http://127.0.0.1:${port}`);
    const run = (path: string) =>
      downloadProofreadSrt.handler({ proofread_id: "p" }, {
        call: async () => ({ body: { data: { srt_url: `http://127.0.0.1:${port}/media${path}` } } }),
        fetchFile: (url: string, opts: { maxBytes: number; timeoutMs: number }) => fetcher.fetch(url, opts),
        signal: new AbortController().signal,
      } as never);
    try {
      expect(await run("/small")).toMatchObject({ srt_text: "x".repeat(100), srt_bytes: 100 });
      size = 5_000;
      expect(await run("/large")).toMatchObject({ srt_text: null, srt_bytes: 5_000 });
      expect(await run("/chunked")).toMatchObject({ srt_text: null, srt_bytes: null });
      const linkOnly = downloadProofreadSrt.summary({
        srt_url: "u",
        original_srt_url: null,
        srt_text: null,
        srt_bytes: 5_000,
      });
      expect(linkOnly).toContain("not shown inline; download srt_url");
    } finally {
      await fetcher.close();
      server.close();
    }
  });
});
