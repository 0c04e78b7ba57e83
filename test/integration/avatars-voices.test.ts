import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CallResult, call, errorBody, type Stack, startStack, TEST_KEY, textOf } from "../helpers/stack.js";

const STARFISH_VOICE = "46418db3beab335bc75fbb44ec110699";
const ELEVENLABS_ONLY_VOICE = "02206c23b72b37fbca2129ea8451cc6e";
const PUBLIC_LOOK = "Abigail_expressive_2024112501";
const PUBLIC_GROUP = "154c05ba176fe4bc90d320c0df21229d";
const AUDIO = { url: "https://example.com/sample.mp3" };

let stack: Stack;
beforeEach(async () => {
  stack = await startStack();
  await stack.admin.setBalance(TEST_KEY, 100);
});
afterEach(() => stack.close());

const data = (res: CallResult) => {
  if (res.isError) throw new Error(textOf(res));
  return res.structuredContent as Record<string, unknown>;
};
const ok = async (name: string, args: Record<string, unknown> = {}) => data(await call(stack, name, args));
const fails = async (name: string, args: Record<string, unknown>) => {
  const res = await call(stack, name, args);
  expect(res.isError, textOf(res)).toBe(true);
  return errorBody(res);
};
const balance = async () => (await stack.admin.state(TEST_KEY)).balance_usd ?? Number.NaN;

/** A raw request to the sandbox, for checks the tools' own validation would stop first. */
async function api(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${stack.sandbox.url}${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: { "x-api-key": TEST_KEY, "content-type": "application/json", ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, Record<string, unknown>> };
}

describe("avatar creation", () => {
  it("trains a photo avatar, bills $1 and lists it as private", async () => {
    const before = await balance();
    const created = await ok("create_photo_avatar", { name: "Me", file: { url: "https://example.com/me.png" } });
    expect(created).toMatchObject({ status: "processing" });
    expect(created).not.toHaveProperty("consent_status");
    expect(await balance()).toBe(before - 1);

    const groups = await ok("list_avatar_groups", { ownership: "private" });
    expect(groups.groups).toEqual([expect.objectContaining({ id: created.group_id, status: "processing" })]);
    const looks = await ok("list_avatar_looks", { ownership: "private" });
    expect(looks.looks).toEqual([expect.objectContaining({ id: created.avatar_id, avatar_type: "photo_avatar" })]);
    expect(JSON.stringify(looks)).not.toContain("preview_image_url");

    stack.clock.advance(5_000);
    const look = await ok("get_avatar_look", { look_id: created.avatar_id });
    expect(look).toMatchObject({ status: "completed", group_id: created.group_id });
    expect(look.preview_image_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/media\/preview\.png$/);
    const group = await ok("get_avatar_group", { group_id: created.group_id });
    expect(group).toMatchObject({ name: "Me", status: "completed", looks_count: 1 });

    const video = await call(stack, "create_video_from_avatar", {
      avatar_id: created.avatar_id,
      voice_id: STARFISH_VOICE,
      script: "My own avatar.",
    });
    expect(video.isError, textOf(video)).toBeFalsy();
  });

  it("generates a prompt avatar into the reference look's group, and checks the reference", async () => {
    const photo = await ok("create_photo_avatar", { name: "Base", file: { url: "https://example.com/me.png" } });
    const early = await fails("create_prompt_avatar", { name: "x", prompt: "y", avatar_id: photo.avatar_id });
    expect(early).toMatchObject({ code: "invalid_parameter", param: "avatar_id" });
    stack.clock.advance(5_000);
    const before = await balance();
    const generated = await ok("create_prompt_avatar", {
      name: "Blazer",
      prompt: "Same person, blue blazer",
      avatar_id: photo.avatar_id,
      reference_images: [{ base64: "iVBORw0KGgo=", media_type: "image/png" }],
    });
    expect(generated.group_id).toBe(photo.group_id);
    expect(await balance()).toBe(before);
    expect(textOf(await call(stack, "create_prompt_avatar", { name: "n", prompt: "p" }))).toContain(
      'Next: wait_for_job with kind="avatar_look"',
    );
    expect(await fails("create_prompt_avatar", { name: "n", prompt: "p", avatar_id: "nope" })).toMatchObject({
      code: "avatar_not_found",
      param: "avatar_id",
    });
    expect(
      await fails("create_prompt_avatar", {
        name: "n",
        prompt: "p",
        avatar_id: photo.avatar_id,
        avatar_group_id: PUBLIC_GROUP,
      }),
    ).toMatchObject({ code: "invalid_parameter", param: "avatar_id" });
    expect(await fails("create_photo_avatar", { name: "n", file: AUDIO, avatar_group_id: "nope" })).toMatchObject({
      code: "avatar_group_not_found",
    });
    expect(
      await fails("create_photo_avatar", { name: "n", file: { asset_id: "missing" }, avatar_group_id: undefined }),
    ).toMatchObject({ code: "asset_not_found", param: "file.asset_id" });
  });

  it("keeps a digital twin pending_consent until the consent page is opened", async () => {
    const twin = await ok("create_digital_twin", { name: "Twin", file: { url: "https://example.com/f.mp4" } });
    expect(twin).toMatchObject({ status: "pending_consent", consent_status: "pending" });
    const created = await call(stack, "create_photo_avatar", { name: "x", file: AUDIO });
    expect(textOf(await call(stack, "create_digital_twin", { name: "T2", file: AUDIO }))).toContain(
      "create_avatar_consent",
    );
    expect(created.isError).toBeFalsy();

    stack.clock.advance(60_000);
    expect(await ok("get_avatar_look", { look_id: twin.avatar_id })).toMatchObject({ status: "pending_consent" });
    const blocked = await fails("create_video_from_avatar", {
      avatar_id: twin.avatar_id,
      voice_id: STARFISH_VOICE,
      script: "hi",
    });
    expect(blocked.code).toBe("avatar_not_found");

    const consent = await ok("create_avatar_consent", {
      group_id: twin.group_id,
      reroute_url: "https://example.com/done",
    });
    expect(consent).toMatchObject({ consent_status: "pending", status: "pending_consent" });
    expect(consent.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/consent\/[0-9a-f]+$/);

    const page = await fetch(String(consent.url), { redirect: "manual" });
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe("https://example.com/done");
    await page.body?.cancel();

    expect(await ok("get_avatar_group", { group_id: twin.group_id })).toMatchObject({
      consent_status: "approved",
      status: "processing",
    });
    stack.clock.advance(5_000);
    expect(await ok("get_avatar_group", { group_id: twin.group_id })).toMatchObject({ status: "completed" });
    const look = await ok("get_avatar_look", { look_id: twin.avatar_id });
    expect(look).toMatchObject({ status: "completed", avatar_type: "digital_twin" });
    expect(look.supported_api_engines).toContain("avatar_v");

    // A second twin of an approved person trains without another consent round.
    const again = await ok("create_digital_twin", {
      name: "Twin 2",
      file: AUDIO,
      avatar_group_id: twin.group_id,
    });
    expect(again).toMatchObject({ status: "processing", consent_status: "approved" });
  });

  it("validates consent requests", async () => {
    expect(await fails("create_avatar_consent", { group_id: "nope" })).toMatchObject({
      code: "avatar_group_not_found",
    });
    const twin = await ok("create_digital_twin", { name: "Twin", file: AUDIO });
    const mixed = await fails("create_avatar_consent", {
      group_id: twin.group_id,
      consent_video: { url: "https://example.com/consent.mp4" },
      reroute_url: "https://example.com/done",
    });
    expect(mixed).toMatchObject({ code: "invalid_parameter", param: "reroute_url" });
    const html = await fails("create_avatar_consent", { group_id: twin.group_id, consent_text: "I <b>agree</b>" });
    expect(html).toMatchObject({ code: "invalid_parameter", param: "consent_text" });
    const video = await ok("create_avatar_consent", {
      group_id: twin.group_id,
      consent_video: { url: "https://example.com/consent.mp4" },
    });
    expect(video).toMatchObject({ consent_status: "approved", status: "processing" });
    expect(video).not.toHaveProperty("url");
    const unknown = await fetch(`${stack.sandbox.url}/consent/ffff`);
    expect(unknown.status).toBe(404);
    await unknown.body?.cancel();
  });

  it("fails a training on the sandbox marker and refunds it", async () => {
    const before = await balance();
    const created = await ok("create_photo_avatar", { name: "x [sandbox:fail]", file: AUDIO });
    stack.clock.advance(5_000);
    const group = await ok("get_avatar_group", { group_id: created.group_id });
    expect(group).toMatchObject({ status: "failed" });
    expect(group.error).toContain("training_failed");
    expect(await balance()).toBe(before);
  });

  it("emits the training webhook event of each kind", async () => {
    await ok("create_webhook_endpoint", { url: "http://127.0.0.1:9/hooks" });
    const photo = await ok("create_photo_avatar", { name: "P", file: AUDIO });
    const twin = await ok("create_digital_twin", { name: "T [sandbox:fail]", file: AUDIO });
    await ok("create_avatar_consent", { group_id: twin.group_id, consent_video: { url: "https://e.com/c.mp4" } });
    stack.clock.advance(5_000);
    const photoEvents = await ok("list_webhook_events", { entity_id: photo.avatar_id });
    expect(JSON.stringify(photoEvents)).toContain("photo_avatar_train.success");
    const twinEvents = await ok("list_webhook_events", { event_type: "instant_avatar.fail" });
    expect(JSON.stringify(twinEvents)).toContain(String(twin.avatar_id));
  });

  it("answers 402 insufficient_credit for a paid avatar when the balance is too low", async () => {
    await stack.admin.setBalance(TEST_KEY, 0.5);
    try {
      const body = await fails("create_digital_twin", { name: "x", file: AUDIO });
      expect(body).toMatchObject({ code: "insufficient_credit", retryable: false });
      expect(await ok("create_prompt_avatar", { name: "free", prompt: "p" })).toMatchObject({ status: "processing" });
    } finally {
      await stack.admin.setBalance(TEST_KEY, 100);
    }
    expect((await stack.admin.state(TEST_KEY)).avatar_looks).toBe(1);
  });

  it("creates once when the response is lost: the retry replays with the same Idempotency-Key", async () => {
    await stack.admin.faults({ drop_after_create: { count: 1 } });
    const created = await ok("create_photo_avatar", { name: "Once", file: AUDIO });
    const posts = (await stack.admin.requests()).filter((r) => r.method === "POST" && r.path === "/v3/avatars");
    expect(posts).toHaveLength(2);
    expect(posts[0]?.idempotency_key).toBeTruthy();
    expect(posts[1]?.idempotency_key).toBe(posts[0]?.idempotency_key);
    expect((await stack.admin.state(TEST_KEY)).avatar_looks).toBe(1);
    expect((await stack.admin.state(TEST_KEY)).balance_usd).toBe(99);
    expect(created.avatar_id).toBeTruthy();
  });

  it("rejects unknown fields and bad arms at the API", async () => {
    const unknown = await api("/v3/avatars", {
      body: { type: "photo", name: "x", file: { type: "url", url: "https://e.com/a.png" }, prompt: "no" },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error).toMatchObject({ code: "invalid_parameter", param: "prompt" });
    const arm = await api("/v3/avatars", { body: { type: "video", name: "x" } });
    expect(arm.json.error).toMatchObject({ code: "invalid_parameter", param: "type" });
    const long = await api("/v3/avatars", { body: { type: "prompt", name: "x", prompt: "p".repeat(1001) } });
    expect(long.json.error).toMatchObject({ code: "invalid_parameter", param: "prompt" });
  });
});

describe("avatar management", () => {
  it("renames and deletes looks; the last look takes its group with it", async () => {
    const a = await ok("create_photo_avatar", { name: "A", file: AUDIO });
    stack.clock.advance(5_000);
    const b = await ok("create_prompt_avatar", { name: "B", prompt: "p", avatar_group_id: a.group_id });
    expect(await ok("update_avatar_look", { look_id: b.avatar_id, name: "Renamed" })).toMatchObject({
      id: b.avatar_id,
      name: "Renamed",
    });
    expect(await ok("get_avatar_group", { group_id: a.group_id })).toMatchObject({ looks_count: 2 });
    await ok("delete_avatar_look", { look_id: b.avatar_id });
    expect(await ok("get_avatar_group", { group_id: a.group_id })).toMatchObject({ looks_count: 1 });
    expect(await fails("get_avatar_look", { look_id: b.avatar_id })).toMatchObject({ code: "avatar_not_found" });
    expect(await fails("delete_avatar_look", { look_id: b.avatar_id })).toMatchObject({ code: "avatar_not_found" });
    await ok("delete_avatar_look", { look_id: a.avatar_id });
    expect(await fails("get_avatar_group", { group_id: a.group_id })).toMatchObject({
      code: "avatar_group_not_found",
    });
  });

  it("deletes a group with its looks and protects public avatars", async () => {
    const a = await ok("create_photo_avatar", { name: "A", file: AUDIO });
    const res = await call(stack, "delete_avatar_group", { group_id: a.group_id });
    expect(textOf(res)).toContain("deleted");
    expect(await fails("get_avatar_look", { look_id: a.avatar_id })).toMatchObject({ code: "avatar_not_found" });
    expect(await fails("delete_avatar_group", { group_id: a.group_id })).toMatchObject({
      code: "avatar_group_not_found",
    });
    expect(await fails("delete_avatar_group", { group_id: PUBLIC_GROUP })).toMatchObject({ code: "forbidden" });
    expect(await fails("delete_avatar_look", { look_id: PUBLIC_LOOK })).toMatchObject({ code: "forbidden" });
    expect(await fails("update_avatar_look", { look_id: PUBLIC_LOOK, name: "x" })).toMatchObject({
      code: "forbidden",
    });
    const public_ = await ok("get_avatar_group", { group_id: PUBLIC_GROUP });
    expect(public_).not.toHaveProperty("status");
    expect(public_).not.toHaveProperty("consent_status");
  });
});

describe("voices", () => {
  it("designs: up to 3 ranked matches, filters, seed batches; creates nothing", async () => {
    const first = await ok("design_voice", { prompt: "warm female narrator" });
    const voices = first.voices as { voice_id: string; name: string; gender: string }[];
    expect(voices).toHaveLength(3);
    expect(voices[0]?.name).toContain("Warm");
    const next = await ok("design_voice", { prompt: "warm female narrator", seed: 1 });
    const ids = new Set(voices.map((v) => v.voice_id));
    for (const v of next.voices as { voice_id: string }[]) expect(ids.has(v.voice_id)).toBe(false);
    const spanish = await ok("design_voice", { prompt: "friendly", gender: "male", locale: "es-ES" });
    expect(spanish.voices).toEqual([expect.objectContaining({ name: "Diego - Friendly", gender: "male" })]);
    const none = await call(stack, "design_voice", { prompt: "x", seed: 99 });
    expect(textOf(none)).toContain("No matching voices");
    expect((await stack.admin.state(TEST_KEY)).voices ?? 0).toBe(0);
    const bad = await api("/v3/voices", { body: { prompt: "x", gender: "robot" } });
    expect(bad.json.error).toMatchObject({ code: "invalid_parameter", param: "gender" });
  });

  it("clones a voice: processing → complete, listed as private, usable for speech", async () => {
    const { voice_id } = await ok("clone_voice", { voice_name: "My Voice", audio: AUDIO, language: "es" });
    expect(await ok("get_voice", { voice_id })).toMatchObject({ status: "processing", language: "Spanish" });
    const early = await fails("create_speech", { text: "Hola", voice_id });
    expect(early).toMatchObject({ code: "voice_not_found", param: "voice_id" });
    stack.clock.advance(5_000);
    const voice = await ok("get_voice", { voice_id });
    expect(voice).toMatchObject({ status: "complete", name: "My Voice" });
    expect(voice.preview_audio_url).toMatch(/voice-preview\.mp3$/);
    const mine = await ok("list_voices", { type: "private" });
    expect(mine.voices).toEqual([expect.objectContaining({ voice_id, name: "My Voice" })]);

    const speech = await ok("create_speech", { text: "Hola, esta es mi voz clonada.", voice_id, speed: 2 });
    expect(speech.duration).toBeGreaterThan(0);
    const audio = await fetch(String(speech.audio_url));
    expect(audio.status).toBe(200);
    expect(audio.headers.get("content-type")).toBe("audio/mpeg");
    expect((await audio.arrayBuffer()).byteLength).toBeGreaterThan(100);
  });

  it("fails a clone on the sandbox marker; speech then says voice_unavailable", async () => {
    const { voice_id } = await ok("clone_voice", { voice_name: "bad [sandbox:fail]", audio: AUDIO });
    stack.clock.advance(5_000);
    const voice = await ok("get_voice", { voice_id });
    expect(voice).toMatchObject({ status: "failed" });
    expect(voice.failure_message).toContain("on purpose");
    expect(await fails("create_speech", { text: "hi", voice_id })).toMatchObject({ code: "voice_unavailable" });
  });

  it("enforces the clone limit until a clone is deleted; deleted voices are voice_not_found", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(String((await ok("clone_voice", { voice_name: `V${i}`, audio: AUDIO })).voice_id));
    expect(await fails("clone_voice", { voice_name: "V5", audio: AUDIO })).toMatchObject({
      code: "resource_limit_reached",
    });
    const [first] = ids;
    expect(await ok("delete_voice", { voice_id: first })).toMatchObject({ voice_id: first, deleted: true });
    expect(await fails("delete_voice", { voice_id: first })).toMatchObject({ code: "voice_not_found" });
    expect(await fails("get_voice", { voice_id: first })).toMatchObject({ code: "voice_not_found" });
    expect(await ok("clone_voice", { voice_name: "V5", audio: AUDIO })).toHaveProperty("voice_id");
    expect(await fails("delete_voice", { voice_id: STARFISH_VOICE })).toMatchObject({ code: "forbidden" });
  });

  it("speaks with Starfish voices only, bills per second and answers 402 when broke", async () => {
    const before = await balance();
    const res = await call(stack, "create_speech", {
      text: '<speak>One <break time="500ms"/> two three.</speak>',
      voice_id: STARFISH_VOICE,
      input_type: "ssml",
    });
    expect(textOf(res)).toContain("Speech ready");
    expect(await balance()).toBeLessThan(before);
    const engine = await fails("create_speech", { text: "hi", voice_id: ELEVENLABS_ONLY_VOICE });
    expect(engine).toMatchObject({ code: "invalid_parameter", param: "voice_id" });
    expect(await fails("create_speech", { text: "hi", voice_id: "nope" })).toMatchObject({ code: "voice_not_found" });
    const tooFast = await api("/v3/voices/speech", { body: { text: "hi", voice_id: STARFISH_VOICE, speed: 3 } });
    expect(tooFast.json.error).toMatchObject({ code: "invalid_parameter", param: "speed" });
    await stack.admin.setBalance(TEST_KEY, 0);
    try {
      expect(await fails("create_speech", { text: "hi there", voice_id: STARFISH_VOICE })).toMatchObject({
        code: "insufficient_credit",
      });
    } finally {
      await stack.admin.setBalance(TEST_KEY, 100);
    }
  });
});
