import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  avatarVideo,
  dataOf,
  errorOf,
  type Harness,
  hasOperations,
  KEY,
  LOOK,
  responseErrors,
  startHarness,
  VOICE,
} from "./test-support.js";

interface Video {
  id: string;
  status: string;
  video_url: string | null;
  thumbnail_url: string | null;
  gif_url: string | null;
  duration: number | null;
  completed_at: number | null;
  failure_code: string | null;
  failure_message: string | null;
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.sandbox.close());

const schemaOk = (method: string, path: string, body: unknown) => {
  if (hasOperations) expect(responseErrors(method, path, body), `${method} ${path}`).toBeNull();
};

async function create(body: unknown, key = KEY, headers: Record<string, string> = {}) {
  return h.api("/v3/videos", { body, key, headers });
}

describe("POST /v3/videos validation", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["an unknown field", avatarVideo({ colour: "red" }), "colour"],
    ["an unknown nested field", avatarVideo({ voice_settings: { speed: 1, tempo: 2 } }), "voice_settings.tempo"],
    ["a wrong type", avatarVideo({ title: 42 }), "title"],
    ["an out-of-range speed", avatarVideo({ voice_settings: { speed: 3 } }), "voice_settings.speed"],
    ["a bad enum", avatarVideo({ aspect_ratio: "3:2" }), "aspect_ratio"],
    ["a bad arm", { type: "hologram" }, "type"],
    ["a missing avatar_id", { type: "avatar", script: "hi", voice_id: VOICE }, "avatar_id"],
    ["two speech sources", avatarVideo({ audio_url: "https://example.com/a.mp3" }), "audio_url"],
    ["no speech source", { type: "avatar", avatar_id: LOOK }, "script"],
    ["an empty script", avatarVideo({ script: "" }), "script"],
    ["a bad AssetInput", { type: "image", image: { type: "url" }, script: "hi", voice_id: VOICE }, "image.url"],
    [
      "image script without a voice",
      { type: "image", image: { type: "url", url: "https://x.test/a.png" }, script: "hi" },
      "voice_id",
    ],
    [
      "an unsupported engine",
      avatarVideo({ avatar_id: "Abigail_standing_office_front", engine: { type: "avatar_v" } }),
      "engine.type",
    ],
    ["expressiveness on a video avatar", avatarVideo({ expressiveness: "high" }), "expressiveness"],
    [
      "webm with a background",
      avatarVideo({ output_format: "webm", background: { type: "color", value: "#000000" } }),
      "background",
    ],
    [
      "cinematic with too many looks",
      { type: "cinematic_avatar", avatar_id: [LOOK, LOOK, LOOK, LOOK], prompt: "x" },
      "avatar_id",
    ],
    [
      "a studio scene without audio",
      { type: "studio", scenes: [{ type: "image", source: { type: "url", url: "https://x.test/a.png" } }] },
      "scenes.0.duration",
    ],
  ];
  it.each(cases)("400 with param for %s", async (_name, body, param) => {
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: "invalid_parameter", param });
  });

  it("404 for an unknown voice, avatar or asset", async () => {
    expect(errorOf(await create(avatarVideo({ voice_id: "f".repeat(32) })))).toMatchObject({ code: "voice_not_found" });
    expect(errorOf(await create(avatarVideo({ avatar_id: "Nobody_2020" })))).toMatchObject({
      code: "avatar_not_found",
      param: "avatar_id",
    });
    const res = await create({ type: "avatar", avatar_id: LOOK, audio_asset_id: "ast_missing" });
    expect(res.status).toBe(404);
    expect(errorOf(res).code).toBe("asset_not_found");
  });

  it("uses the look's default voice when voice_id is omitted, and accepts the other arms", async () => {
    const bodies = [
      avatarVideo({ voice_id: undefined }),
      {
        type: "image",
        image: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" },
        script: "Hi",
        voice_id: VOICE,
      },
      { type: "cinematic_avatar", avatar_id: [LOOK], prompt: "A walk on the beach", duration: 8 },
      {
        type: "studio",
        scenes: [
          { type: "avatar_video", input: { type: "avatar", avatar_id: LOOK, script: "Scene one." } },
          { type: "image", source: { type: "url", url: "https://x.test/a.png" }, duration: 3 },
        ],
      },
    ];
    for (const body of bodies) {
      const res = await create(body, `arms_${body.type}`);
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      schemaOk("POST", "/v3/videos", res.json);
    }
  });
});

describe("video lifecycle", () => {
  it("moves pending → processing → completed with the clock; URLs only when completed", async () => {
    const created = await create(avatarVideo({ title: "Lifecycle demo" }), "life");
    expect(dataOf(created)).toEqual({ video_id: expect.any(String), status: "waiting", output_format: "mp4" });
    schemaOk("POST", "/v3/videos", created.json);
    const id = dataOf<{ video_id: string }>(created).video_id;
    const get = async () => {
      const res = await h.api(`/v3/videos/${id}`, { key: "life" });
      schemaOk("GET", "/v3/videos/{video_id}", res.json);
      return dataOf<Video>(res);
    };
    expect(await get()).toMatchObject({ status: "pending", video_url: null, thumbnail_url: null, duration: null });
    h.clock.advance(1_500);
    expect(await get()).toMatchObject({ status: "processing", video_url: null, completed_at: null });
    h.clock.advance(2_000);
    const done = await get();
    expect(done).toMatchObject({ status: "completed", failure_code: null, duration: expect.any(Number) });
    expect(done.completed_at).toBeGreaterThan(0);
    for (const [url, type] of [
      [done.video_url, "video/mp4"],
      [done.thumbnail_url, "image/jpeg"],
      [done.gif_url, "image/gif"],
    ] as const) {
      expect(url?.startsWith(h.url)).toBe(true);
      const media = await fetch(url ?? "");
      expect(media.headers.get("content-type")).toBe(type);
      const bytes = Buffer.from(await media.arrayBuffer());
      expect(bytes.length).toBe(Number(media.headers.get("content-length")));
      expect(bytes.length).toBeGreaterThan(1000);
      if (type === "video/mp4") expect(bytes.subarray(4, 8).toString()).toBe("ftyp");
    }
  });

  it("fails deterministically with [sandbox:fail] and refunds the charge", async () => {
    const key = "failing";
    const before = dataOf<{ wallet: { remaining_balance: number } }>(await h.api("/v3/users/me", { key }));
    const created = await create(avatarVideo({ script: "Please [sandbox:fail] this one." }), key);
    const id = dataOf<{ video_id: string }>(created).video_id;
    h.clock.advance(10_000);
    const res = await h.api(`/v3/videos/${id}`, { key });
    schemaOk("GET", "/v3/videos/{video_id}", res.json);
    expect(dataOf(res)).toMatchObject({
      status: "failed",
      video_url: null,
      failure_code: "render_failed",
      failure_message: expect.any(String),
    });
    const after = dataOf<{ wallet: { remaining_balance: number } }>(await h.api("/v3/users/me", { key }));
    expect(after.wallet.remaining_balance).toBe(before.wallet.remaining_balance);
  });

  it("lists newest-first with title filter and pagination, and deletes", async () => {
    const key = "lister";
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(dataOf<{ video_id: string }>(await create(avatarVideo({ title: `Clip ${i}` }), key)).video_id);
      h.clock.advance(1_000);
    }
    const page1 = await h.api("/v3/videos?limit=2", { key });
    schemaOk("GET", "/v3/videos", page1.json);
    expect(dataOf<Video[]>(page1).map((v) => v.id)).toEqual([ids[2], ids[1]]);
    const page2 = await h.api(`/v3/videos?limit=2&token=${page1.json.next_token}`, { key });
    expect(dataOf<Video[]>(page2).map((v) => v.id)).toEqual([ids[0]]);
    expect(page2.json).toMatchObject({ has_more: false, next_token: null });
    expect(dataOf<Video[]>(await h.api("/v3/videos?title=clip%201", { key })).map((v) => v.id)).toEqual([ids[1]]);
    expect(errorOf(await h.api("/v3/videos?title=", { key })).param).toBe("title");
    const other = await h.api("/v3/videos", { key: "someone_else" });
    expect(dataOf(other)).toEqual([]);

    const del = await h.api(`/v3/videos/${ids[0]}`, { key, method: "DELETE" });
    expect(dataOf(del)).toEqual({ id: ids[0], deleted: true });
    schemaOk("DELETE", "/v3/videos/{video_id}", del.json);
    const again = await h.api(`/v3/videos/${ids[0]}`, { key, method: "DELETE" });
    expect(again.status).toBe(404);
    expect(errorOf(again).code).toBe("video_not_found");
    expect(errorOf(await h.api(`/v3/videos/${ids[0]}`, { key })).code).toBe("video_not_found");
    expect(dataOf(await h.admin(`state?api_key=${key}`))).toMatchObject({ videos: 2 });
  });
});

describe("money and concurrency", () => {
  it("402 insufficient_credit stating have vs need", async () => {
    await h.admin("accounts", { api_key: "poor", balance_usd: 0.01 });
    const res = await create(avatarVideo({ script: "word ".repeat(300) }), "poor");
    expect(res.status).toBe(402);
    expect(errorOf(res).code).toBe("insufficient_credit");
    expect(errorOf(res).message).toMatch(/needs \$\d+\.\d\d but the account has \$0\.01/);
    expect(dataOf(await h.admin("state?api_key=poor"))).toMatchObject({ videos: 0 });
  });

  it("deducts the estimated cost from the balance", async () => {
    await create(avatarVideo({ script: "word ".repeat(150) }), "payer");
    const me = dataOf<{ wallet: { remaining_balance: number } }>(await h.api("/v3/users/me", { key: "payer" }));
    expect(me.wallet.remaining_balance).toBeCloseTo(100 - 60 * 0.0167, 2);
  });

  it("429 with Retry-After past 10 in-flight jobs, and room again once they finish", async () => {
    const key = "busy";
    for (let i = 0; i < 10; i++) expect((await create(avatarVideo(), key)).status).toBe(200);
    const res = await create(avatarVideo(), key);
    expect(res.status).toBe(429);
    expect(errorOf(res).code).toBe("rate_limit_exceeded");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    h.clock.advance(5_000);
    expect((await create(avatarVideo(), key)).status).toBe(200);
  });
});
