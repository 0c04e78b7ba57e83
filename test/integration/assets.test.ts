import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { freshStart, lastRequestOf, ok, rawRequest } from "../helpers/jobs.js";
import { call, errorBody, type Stack, startStack, TEST_KEY, textOf } from "../helpers/stack.js";

let stack: Stack;
let png: Buffer;
const VOICE = "46418db3beab335bc75fbb44ec110699";
const SRT = "1\n00:00:00,000 --> 00:00:02,000\nHello there.\n";

beforeAll(async () => {
  stack = await startStack();
  png = Buffer.from(await (await fetch(`${stack.sandbox.url}/media/preview.png`)).arrayBuffer());
});
afterAll(() => stack.close());
beforeEach(() => freshStart(stack));

const media = (file: string) => `${stack.sandbox.url}/media/${file}`;

/** POST /v3/assets with a hand-made form, for shapes the tool never sends. */
async function postForm(form: FormData, headers: Record<string, string> = {}) {
  const res = await fetch(`${stack.sandbox.url}/v3/assets`, {
    method: "POST",
    headers: { "x-api-key": TEST_KEY, ...headers },
    body: form,
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, never> };
}

const fileForm = (bytes: Uint8Array, name = "f.png", field = "file") => {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)]), name);
  return form;
};

const put = (url: string, body: Uint8Array, headers: Record<string, string>) =>
  fetch(url, { method: "PUT", headers, body: new Uint8Array(body) });

const statusOf = async (asset_id: string) =>
  (ok(await call(stack, "get_asset_statuses", { asset_ids: [asset_id] })).statuses as { status: string }[])[0]?.status;

describe("upload_asset (multipart POST /v3/assets)", () => {
  it("uploads a URL's bytes as the multipart file, and the asset works as an asset_id elsewhere", async () => {
    const res = await call(stack, "upload_asset", { url: media("preview.png") });
    const a = ok(res);
    expect(a).toMatchObject({ mime_type: "image/png", size_bytes: png.length });
    const id = a.asset_id as string;
    expect(textOf(res)).toContain(`{"asset_id":"${id}"}`);
    const sent = await lastRequestOf(stack, "POST", "/v3/assets");
    expect(sent.body).toEqual({ file: `preview.png (${png.length} bytes)` });
    expect(sent.idempotency_key).toBeTruthy();
    expect(Buffer.from(await (await fetch(a.url as string)).arrayBuffer()).equals(png)).toBe(true);

    expect(ok(await call(stack, "get_asset", { asset_id: id }))).toMatchObject({
      id,
      name: "preview.png",
      type: "image",
    });
    expect(await statusOf(id)).toBe("completed");
    const video = await call(stack, "create_video_from_image", {
      image: { asset_id: id },
      script: "Hi there.",
      voice_id: VOICE,
    });
    expect(ok(video).video_id).toBeTruthy();
  });

  it("uploads base64 with media_type and a filename; HeyGen's type comes from the bytes", async () => {
    const a = ok(
      await call(stack, "upload_asset", {
        base64: Buffer.from(SRT).toString("base64"),
        media_type: "application/x-subrip",
        filename: "subs.srt",
      }),
    );
    expect(a).toMatchObject({ mime_type: "application/x-subrip", size_bytes: SRT.length });
    expect(ok(await call(stack, "get_asset", { asset_id: a.asset_id })).type).toBe("subtitle");
  });

  it("rejects bad arguments before calling and unsupported bytes with HeyGen's 400", async () => {
    const both = errorBody(await call(stack, "upload_asset", { url: media("preview.png"), base64: "aGk=" }));
    expect(both).toMatchObject({ code: "invalid_parameter", param: "file_path" });
    const noType = errorBody(await call(stack, "upload_asset", { base64: "aGk=" }));
    expect(noType).toMatchObject({ code: "invalid_parameter", param: "media_type" });
    const text = errorBody(
      await call(stack, "upload_asset", {
        base64: Buffer.from("plain text").toString("base64"),
        media_type: "image/png",
      }),
    );
    expect(text).toMatchObject({ code: "invalid_parameter", param: "file" });
    expect(text.message).toContain("png, jpeg, mp4, webm, mp3, wav, pdf, srt");
    const missing = errorBody(await call(stack, "upload_asset", { url: `${stack.sandbox.url}/media/nope.png` }));
    expect(missing).toMatchObject({ code: "download_failed", param: "url" });
  });

  it("validates the form: file required, unknown fields named, JSON refused, 32 MB limit (413)", async () => {
    const unknown = await postForm(fileForm(png, "a.png", "image"));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: "invalid_parameter", param: "image" });
    const empty = new FormData();
    empty.append("file", new Blob([]), "empty.png");
    expect((await postForm(empty)).body.error).toMatchObject({ param: "file" });
    const json = await rawRequest(stack, "POST", "/v3/assets", { file: "x" });
    expect(json.status).toBe(400);
    expect(json.body.error?.code).toBe("invalid_parameter");

    const big = Buffer.alloc(32 * 1024 * 1024 + 1);
    png.copy(big);
    const tooBig = await postForm(fileForm(big, "big.png"));
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toMatchObject({ code: "payload_too_large" });
    const wayTooBig = await postForm(fileForm(Buffer.alloc(33 * 1024 * 1024), "huge.png"));
    expect(wayTooBig.status).toBe(413); // refused while reading the body, which is still drained
    expect(wayTooBig.body.error).toMatchObject({ code: "payload_too_large" });
    const atLimit = Buffer.alloc(32 * 1024 * 1024);
    png.copy(atLimit);
    const fits = await postForm(fileForm(atLimit, "limit.png"));
    expect(fits.status).toBe(200);
    expect(fits.body.data).toMatchObject({ mime_type: "image/png", size_bytes: atLimit.length });
  });

  it("replays a keyed upload instead of storing it twice", async () => {
    const first = await postForm(fileForm(png), { "idempotency-key": "asset-upload-1" });
    const again = await postForm(fileForm(png), { "idempotency-key": "asset-upload-1" });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
  });
});

describe("direct uploads", () => {
  it("runs pending_upload → PUT → complete → processing → completed", async () => {
    const res = await call(stack, "create_asset_upload", {
      filename: "clip.png",
      content_type: "image/png",
      size_bytes: png.length,
    });
    const slot = ok(res);
    const id = slot.asset_id as string;
    expect(slot).toMatchObject({ status: "pending_upload", upload_headers: { "Content-Type": "image/png" } });
    expect(slot.upload_url).toMatch(new RegExp(`^${stack.sandbox.url}/uploads/${id}\\?`));
    expect(textOf(res)).toContain(`complete_asset_upload with asset_id="${id}"`);

    expect(errorBody(await call(stack, "get_asset", { asset_id: id })).code).toBe("asset_not_found");
    expect(errorBody(await call(stack, "complete_asset_upload", { asset_id: id })).code).toBe("asset_not_found");
    expect(await statusOf(id)).toBe("queued");

    const url = slot.upload_url as string;
    expect((await put(url, png, { "Content-Type": "image/jpeg" })).status).toBe(403);
    expect((await put(url.replace(/Signature=\w+/, "Signature=00"), png, { "Content-Type": "image/png" })).status).toBe(
      403,
    );
    expect((await put(url, png.subarray(1), { "Content-Type": "image/png" })).status).toBe(400);
    expect((await put(url, png, { "Content-Type": "image/png" })).status).toBe(200);

    const done = ok(await call(stack, "complete_asset_upload", { asset_id: id }));
    expect(done).toMatchObject({ asset_id: id, status: "processing", mime_type: "image/png", size_bytes: png.length });
    expect(await statusOf(id)).toBe("processing");
    stack.clock.advance(2_000);
    expect(await statusOf(id)).toBe("completed");
    // Completing again is idempotent: the same finalized asset.
    expect(ok(await call(stack, "complete_asset_upload", { asset_id: id }))).toMatchObject({ status: "completed" });
    expect((await put(url, png, { "Content-Type": "image/png" })).status).toBe(403);
    const video = await call(stack, "create_video_from_image", {
      image: { asset_id: id },
      script: "Hello.",
      voice_id: VOICE,
    });
    expect(ok(video).video_id).toBeTruthy();
  });

  it("enforces the signed checksum and refuses bytes that are not the declared type", async () => {
    const sha = createHash("sha256").update(png).digest("hex");
    const slot = ok(
      await call(stack, "create_asset_upload", {
        filename: "a.png",
        content_type: "image/png",
        size_bytes: png.length,
        checksum_sha256: sha,
      }),
    );
    const headers = slot.upload_headers as Record<string, string>;
    expect(headers["x-amz-checksum-sha256"]).toBe(Buffer.from(sha, "hex").toString("base64"));
    expect((await put(slot.upload_url as string, png, { "Content-Type": "image/png" })).status).toBe(400);
    expect((await put(slot.upload_url as string, png, headers)).status).toBe(200);
    const wrong = errorBody(
      await call(stack, "complete_asset_upload", { asset_id: slot.asset_id, checksum_sha256: "0".repeat(64) }),
    );
    expect(wrong).toMatchObject({ code: "invalid_parameter", param: "checksum_sha256" });
    expect(
      ok(await call(stack, "complete_asset_upload", { asset_id: slot.asset_id, checksum_sha256: sha })).status,
    ).toBe("processing");

    const lie = ok(
      await call(stack, "create_asset_upload", {
        filename: "v.mp4",
        content_type: "video/mp4",
        size_bytes: png.length,
      }),
    );
    await put(lie.upload_url as string, png, { "Content-Type": "video/mp4" });
    const refused = errorBody(await call(stack, "complete_asset_upload", { asset_id: lie.asset_id }));
    expect(refused.code).toBe("invalid_parameter");
    expect(refused.message).toContain("image/png");
  });

  it("rejects unsupported types and sizes with the field named", async () => {
    const gif = errorBody(
      await call(stack, "create_asset_upload", { filename: "a.gif", content_type: "image/gif", size_bytes: 10 }),
    );
    expect(gif).toMatchObject({ code: "invalid_parameter", param: "content_type" });
    const huge = errorBody(
      await call(stack, "create_asset_upload", { filename: "a.mp4", content_type: "video/mp4", size_bytes: 300e6 }),
    );
    expect(huge).toMatchObject({ code: "invalid_parameter", param: "size_bytes" });
    const extra = await rawRequest(stack, "POST", "/v3/assets/direct-uploads", {
      filename: "a.png",
      content_type: "image/png",
      size_bytes: 1,
      folder: "x",
    });
    expect(extra.body.error).toMatchObject({ code: "invalid_parameter", param: "folder" });
  });

  it("batches: one bad file fails only its item, and completing again re-drives it", async () => {
    const b = ok(
      await call(stack, "create_asset_upload_batch", {
        title: "two files",
        files: [
          { filename: "one.png", content_type: "image/png", size_bytes: png.length },
          { filename: "two.srt", content_type: "application/x-subrip", size_bytes: SRT.length },
        ],
      }),
    );
    const batch_id = b.batch_id as string;
    const [one, two] = b.items as { asset_id: string; upload_url: string; upload_headers: Record<string, string> }[];
    if (!one || !two) throw new Error("two slots expected");
    const queued = ok(await call(stack, "get_asset_batch", { batch_id }));
    expect(queued).toMatchObject({ status: "processing", counts_by_status: { queued: 2 } });

    expect((await put(one.upload_url, png, one.upload_headers)).status).toBe(200);
    const res = await call(stack, "complete_asset_upload_batch", { batch_id });
    expect(ok(res)).toEqual({ batch_id });
    expect(textOf(res)).toContain(`wait_for_job with kind="asset_batch", id="${batch_id}"`);
    const mid = ok(await call(stack, "get_asset_batch", { batch_id }));
    expect(mid.items).toMatchObject([
      { item_index: 0, status: "processing", asset_id: one.asset_id },
      { item_index: 1, status: "failed", asset_id: two.asset_id },
    ]);
    stack.clock.advance(2_000);
    const statuses = ok(await call(stack, "get_asset_statuses", { batch_ids: [batch_id], asset_ids: ["nope"] }));
    expect(statuses.statuses).toMatchObject([
      { asset_id: "nope", status: "not_found" },
      { batch_id, item_index: 0, status: "completed" },
      { batch_id, item_index: 1, status: "failed" },
    ]);

    expect((await put(two.upload_url, Buffer.from(SRT), two.upload_headers)).status).toBe(200);
    ok(await call(stack, "complete_asset_upload_batch", { batch_id }));
    stack.clock.advance(2_000);
    const done = ok(await call(stack, "get_asset_batch", { batch_id, limit: 1 }));
    expect(done).toMatchObject({ status: "completed", counts_by_status: { completed: 2 }, has_more: true });
    const page2 = ok(await call(stack, "get_asset_batch", { batch_id, token: done.next_token }));
    expect(page2.items).toMatchObject([{ item_index: 1, status: "completed" }]);
    expect(errorBody(await call(stack, "get_asset_batch", { batch_id: "missing" })).code).toBe("not_found");
  });
});

describe("get, list, delete", () => {
  it("lists the key's own assets by default, pages, and forgets a deleted asset everywhere", async () => {
    const a = ok(await call(stack, "upload_asset", { url: media("thumbnail.jpg") })).asset_id as string;
    const b = ok(await call(stack, "upload_asset", { url: media("voice-preview.mp3") })).asset_id as string;
    const page = ok(await call(stack, "list_assets", { limit: 1 }));
    expect(page.assets).toMatchObject([{ id: b, type: "audio" }]);
    expect(page.has_more).toBe(true);
    const me = ok(await call(stack, "get_current_user")).username as string;
    const sent = await lastRequestOf(stack, "GET", "/v3/assets");
    expect(sent.query).toMatchObject({ username: me, limit: "1" });
    const next = ok(await call(stack, "list_assets", { username: me, token: page.next_token, limit: 100 }));
    expect((next.assets as { id: string }[]).map((x) => x.id)).toContain(a);
    expect(ok(await call(stack, "list_assets", { username: "someone_else" })).assets).toEqual([]);
    expect(ok(await call(stack, "list_assets", { folder_id: "folder_x" })).assets).toEqual([]);
    expect((await rawRequest(stack, "GET", "/v3/assets")).body.error).toMatchObject({ param: "username" });

    const res = await call(stack, "delete_asset", { asset_id: a });
    expect(ok(res)).toEqual({ id: a, deleted: true });
    expect(errorBody(await call(stack, "get_asset", { asset_id: a })).code).toBe("asset_not_found");
    expect(errorBody(await call(stack, "delete_asset", { asset_id: a })).code).toBe("asset_not_found");
    expect(await statusOf(a)).toBe("not_found");
    const gone = errorBody(
      await call(stack, "create_video_from_image", { image: { asset_id: a }, script: "Hi.", voice_id: VOICE }),
    );
    expect(gone.code).toBe("asset_not_found");
  });
});

describe("search_assets, search_audio_sounds, brand", () => {
  it("ranks seeded images and icons by the query", async () => {
    const res = await call(stack, "search_assets", { query: "pepperoni pizza on a wooden table", type: "image" });
    const hits = ok(res).results as { id: string; url: string; width: number }[];
    expect(hits[0]).toMatchObject({ id: "img_pizza_table", width: 320, orientation: "landscape" });
    expect((await fetch(hits[0]?.url ?? "")).status).toBe(200);
    const icons = ok(await call(stack, "search_assets", { query: "rocket", type: "icon", limit: 5 }));
    expect(icons.results).toMatchObject([{ id: "ico_rocket", orientation: "square" }]);
    const sent = await lastRequestOf(stack, "GET", "/v3/assets/search");
    expect(sent.query).toMatchObject({ query: "rocket", type: "icon", scope: "public", limit: "5" });
    const noType = await rawRequest(stack, "GET", "/v3/assets/search?query=pizza");
    expect(noType.body.error).toMatchObject({ code: "invalid_parameter", param: "type" });
    const tooMany = await rawRequest(stack, "GET", "/v3/assets/search?query=pizza&type=image&limit=51");
    expect(tooMany.body.error).toMatchObject({ param: "limit" });
  });

  it("finds music and sound effects above min_score", async () => {
    const res = await call(stack, "search_audio_sounds", { query: "upbeat lofi hip-hop" });
    const sounds = ok(res).sounds as { id: string; score: number; audio_url: string; type: string }[];
    expect(sounds[0]).toMatchObject({ id: "snd_lofi_sunday", score: 1, type: "music" });
    expect(sounds.every((s) => s.score >= 0.7 && s.type === "music")).toBe(true);
    expect((await fetch(sounds[0]?.audio_url ?? "")).status).toBe(200);
    const sfx = ok(await call(stack, "search_audio_sounds", { query: "whoosh transition", type: "sound_effects" }));
    expect(sfx.sounds).toMatchObject([{ id: "sfx_whoosh", placement: "hit", peak_offset: 0.35 }]);
    const none = await call(stack, "search_audio_sounds", { query: "bagpipes" });
    expect(ok(none).sounds).toEqual([]);
    expect(textOf(none)).toContain("lower min_score");
    const bad = await rawRequest(stack, "GET", "/v3/audio/sounds?query=x&min_score=2");
    expect(bad.body.error).toMatchObject({ code: "invalid_parameter", param: "min_score" });
  });

  it("lists seeded brand kits and glossaries with paging", async () => {
    const kits = ok(await call(stack, "list_brand_kits", { limit: 2 }));
    expect(kits.brand_kits).toMatchObject([{ brand_kit_id: "bk_acme_primary", name: "Acme Corp" }, {}]);
    expect(kits.has_more).toBe(true);
    const rest = ok(await call(stack, "list_brand_kits", { token: kits.next_token }));
    expect(rest.brand_kits).toMatchObject([{ brand_kit_id: "bk_nimbus_labs", colors: ["#7C3AED", "#22D3EE"] }]);
    const res = await call(stack, "list_brand_glossaries");
    expect(ok(res).brand_glossaries).toMatchObject([
      { brand_glossary_id: "bg_acme_terms" },
      { brand_glossary_id: "bg_fitness" },
    ]);
    expect(textOf(res)).toContain("create_video_translation");
    const bad = errorBody(await call(stack, "list_brand_glossaries", { token: "garbage" }));
    expect(bad).toMatchObject({ code: "invalid_parameter", param: "token" });
  });
});
