import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FilesFolder } from "../../src/files/folder.js";
import { type FilesFixture, filesFixture, MEDIA, OUTSIDE_MARKER, sparseFile } from "../helpers/files.js";
import { freshStart, ok } from "../helpers/jobs.js";
import { type CallResult, call, errorBody, type Stack, startStack, textOf } from "../helpers/stack.js";

let stack: Stack;
let fx: FilesFixture;

beforeAll(async () => {
  fx = await filesFixture();
  stack = await startStack({ files: await FilesFolder.open(fx.folder) });
});
afterAll(async () => {
  await stack.close();
  await fx.close();
});
beforeEach(async () => {
  await freshStart(stack);
  await stack.admin.clearRequests();
});

const uploadsSent = async () =>
  (await stack.admin.requests()).filter((r) => r.path.startsWith("/v3/assets") && r.method === "POST");

const sha256 = async (stream: AsyncIterable<Uint8Array>) => {
  const hash = createHash("sha256");
  for await (const chunk of stream) hash.update(chunk);
  return hash.digest("hex");
};

const imageVideo = (image: Record<string, unknown>) =>
  call(stack, "create_video_from_image", { image, script: "Hello.", voice_id: "46418db3beab335bc75fbb44ec110699" });

describe("file_path on a file input", () => {
  it.each([
    ["a relative name", () => "photo.png"],
    ["an absolute path", () => join(fx.folder, "photo.png")],
  ])("uploads a PNG given by %s, names the asset id, and its bytes reach HeyGen", async (_label, path) => {
    const res = await imageVideo({ file_path: path() });
    const out = ok(res);
    const [uploaded] = out.uploaded as { param: string; asset_id: string; file_path: string }[];
    expect(uploaded).toMatchObject({ param: "image", file_path: join(fx.folder, "photo.png") });
    expect(textOf(res)).toContain(`asset_id "${uploaded?.asset_id}"`);
    const requests = await stack.admin.requests();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /v3/assets", "POST /v3/videos"]);
    const sent = requests[1]?.body as { image?: unknown } | undefined;
    expect(sent?.image).toEqual({ type: "asset_id", asset_id: uploaded?.asset_id });
    const asset = ok(await call(stack, "get_asset", { asset_id: uploaded?.asset_id }));
    const stored = Buffer.from(await (await fetch(asset.url as string)).arrayBuffer());
    expect(stored.equals(readFileSync(`${MEDIA}/preview.png`))).toBe(true);
  });

  const refusals: [string, string, string][] = [
    ["../outside.txt", "file_outside_folder", ".. out of the folder"],
    ["OUTSIDE_ABS", "file_outside_folder", "an absolute path outside"],
    ["link-out.txt", "file_outside_folder", "a symlink pointing outside"],
    ["parent-link/outside.txt", "file_outside_folder", "a symlinked parent outside"],
    ["/dev/zero", "file_outside_folder", "a device"],
    ["zero", "file_outside_folder", "a symlink to a device"],
    ["pipe", "not_a_file", "a FIFO"],
    ["sock", "not_a_file", "a socket"],
    ["sub", "not_a_file", "a directory"],
    ["empty.png", "file_empty", "an empty file"],
    ["notes.png", "unsupported_file_type", "text named .png"],
    ["clip.mp4", "unsupported_file_type", "a video where an image goes"],
    ["missing.png", "file_not_found", "a missing file"],
  ];

  it.each(refusals)("refuses %s (%s: %s) and sends nothing", async (path, code) => {
    const res = await imageVideo({ file_path: path === "OUTSIDE_ABS" ? fx.outside : path });
    expect(errorBody(res)).toMatchObject({ code, param: "image.file_path", retryable: false });
    expect(await stack.admin.requests()).toEqual([]);
    expect(JSON.stringify(res)).not.toContain(OUTSIDE_MARKER);
  });

  it("refuses a file over HeyGen's limit for the input before reading it all", async () => {
    const head = readFileSync(`${MEDIA}/preview.png`).subarray(0, 64);
    sparseFile(join(fx.folder, "huge.png"), head, 50 * 1024 * 1024 + 1);
    expect(errorBody(await imageVideo({ file_path: "huge.png" }))).toMatchObject({ code: "file_too_large" });
    expect(await stack.admin.requests()).toEqual([]);
  });

  it("checks every file before uploading any: one bad input means no upload at all", async () => {
    const res = await call(stack, "create_lipsync", { video: { file_path: "clip.mp4" }, audio: { file_path: "pipe" } });
    expect(errorBody(res)).toMatchObject({ code: "not_a_file", param: "audio.file_path" });
    expect(await uploadsSent()).toEqual([]);
  });

  it("uploads base64 for create_lipsync (HeyGen takes only url or asset_id there) and a file_path", async () => {
    const mp3 = readFileSync(`${MEDIA}/voice-preview.mp3`).toString("base64");
    const res = await call(stack, "create_lipsync", {
      video: { file_path: "clip.mp4" },
      audio: { base64: mp3, media_type: "audio/mpeg" },
    });
    const out = ok(res);
    expect((out.uploaded as { param: string }[]).map((u) => u.param)).toEqual(["video", "audio"]);
    const sent = (await stack.admin.requests()).find((r) => r.path === "/v3/lipsyncs")?.body as Record<string, unknown>;
    expect(sent.audio).toMatchObject({ type: "asset_id" });
    expect(sent.video).toMatchObject({ type: "asset_id" });
  });

  it("answers a path given as url with a hint to use file_path", async () => {
    for (const url of ["/Users/me/Pictures/me.jpg", "file:///tmp/me.jpg", "./me.jpg", "~/me.jpg"]) {
      const body = errorBody(await imageVideo({ url }));
      expect(body).toMatchObject({ code: "invalid_parameter", param: "image.url" });
      expect(body.hint).toContain("file_path");
    }
    const upload = errorBody(await call(stack, "upload_asset", { url: "C:\\photos\\me.jpg" }));
    expect(upload.hint).toContain("file_path");
  });

  it("refuses base64 over 7 MB decoded with a pointer to file_path", async () => {
    const big = Buffer.alloc(7 * 1024 * 1024 + 1).toString("base64");
    const body = errorBody(await imageVideo({ base64: big, media_type: "image/png" }));
    expect(body).toMatchObject({ code: "payload_too_large", param: "image.base64" });
    expect(body.hint).toContain("file_path");
    expect(await stack.admin.requests()).toEqual([]);
  });
});

describe("upload_asset with file_path", () => {
  it("streams a file over 32 MB through the direct upload and the sandbox verifies its bytes", async () => {
    const path = join(fx.folder, "long.mp4");
    sparseFile(path, readFileSync(`${MEDIA}/video.mp4`), 40 * 1024 * 1024);
    const progress: number[] = [];
    const res = (await stack.mcp.callTool(
      { name: "upload_asset", arguments: { file_path: "long.mp4" } },
      { onprogress: (p) => progress.push(p.progress) },
    )) as CallResult;
    const a = ok(res);
    expect(a).toMatchObject({ mime_type: "video/mp4", size_bytes: 40 * 1024 * 1024 });
    const paths = (await stack.admin.requests()).map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(["POST /v3/assets/direct-uploads", `POST /v3/assets/${a.asset_id}/complete`]);
    const slot = (await stack.admin.requests())[0]?.body as Record<string, unknown>;
    expect(slot.checksum_sha256).toBe(await sha256(createReadStream(path)));
    const served = (await fetch(a.url as string)).body;
    if (!served) throw new Error("no body");
    expect(await sha256(served)).toBe(slot.checksum_sha256);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
  });

  it("leaves no asset behind when the upload is cancelled midway", async () => {
    const path = join(fx.folder, "cancel.mp4");
    sparseFile(path, readFileSync(`${MEDIA}/video.mp4`), 40 * 1024 * 1024);
    const before = (await stack.admin.state("hg_test_key_5f2b9c1d7e")).assets ?? 0;
    const abort = new AbortController();
    const pending = stack.mcp.callTool(
      { name: "upload_asset", arguments: { file_path: "cancel.mp4" } },
      { signal: abort.signal, onprogress: () => abort.abort("user cancelled") },
    );
    await expect(pending).rejects.toThrow();
    const requests = await stack.admin.requests();
    expect(requests.some((r) => r.path.endsWith("/complete"))).toBe(false);
    expect((await stack.admin.state("hg_test_key_5f2b9c1d7e")).assets ?? 0).toBe(before);
  });

  it("uploads a small file by path as one multipart POST", async () => {
    const a = ok(await call(stack, "upload_asset", { file_path: "voice.mp3", filename: "greeting.mp3" }));
    expect(a).toMatchObject({ mime_type: "audio/mpeg" });
    const sent = (await stack.admin.requests())[0];
    expect(sent?.body).toEqual({ file: `greeting.mp3 (${readFileSync(`${MEDIA}/voice-preview.mp3`).length} bytes)` });
  });

  it("writes nothing outside the folder", () => {
    expect(fx.outsideEntries()).toEqual([]);
  });
});

describe("download_result and wait_for_job save_to", () => {
  async function newVideo(): Promise<string> {
    const look = (ok(await call(stack, "list_avatar_looks", { limit: 1 })).looks as { id: string }[])[0];
    const voice = (ok(await call(stack, "list_voices", { limit: 1 })).voices as { voice_id: string }[])[0];
    const created = ok(
      await call(stack, "create_video_from_avatar", { avatar_id: look?.id, voice_id: voice?.voice_id, script: "Hi." }),
    );
    return created.video_id as string;
  }

  it("refuses before the job is done, naming wait_for_job", async () => {
    const id = await newVideo();
    const body = errorBody(await call(stack, "download_result", { kind: "video", id }));
    expect(body).toMatchObject({ code: "job_not_completed" });
    expect(body.hint).toContain(`wait_for_job with kind="video", id="${id}"`);
  });

  it("streams a completed video into the folder, links it, and refuses a second save without overwrite", async () => {
    const id = await newVideo();
    stack.clock.advance(60 * 60_000);
    await stack.admin.clearRequests();
    const res = await call(stack, "download_result", { kind: "video", id, file_name: "intro.mp4" });
    const saved = ok(res);
    const path = join(fx.folder, "intro.mp4");
    expect(saved).toMatchObject({ path, output: "video_url", media_type: "video/mp4" });
    expect(readFileSync(path).equals(readFileSync(`${MEDIA}/video.mp4`))).toBe(true);
    expect(saved.size_bytes).toBe(readFileSync(path).length);
    expect(res.content).toContainEqual({
      type: "resource_link",
      uri: `file://${path}`,
      name: "intro.mp4",
      mimeType: "video/mp4",
      size: saved.size_bytes,
    });
    // The job is read again first: its links expire.
    expect((await stack.admin.requests()).map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v3/videos/${id}`]);

    const again = errorBody(await call(stack, "download_result", { kind: "video", id, file_name: "intro.mp4" }));
    expect(again).toMatchObject({ code: "file_exists", param: "file_name" });
    expect(again.hint).toContain("overwrite");
    const replaced = ok(
      await call(stack, "download_result", {
        kind: "video",
        id,
        output: "gif_url",
        file_name: "intro.mp4",
        overwrite: true,
      }),
    );
    expect(replaced.output).toBe("gif_url");
    expect(readFileSync(path).subarray(0, 4).toString("latin1")).toBe("GIF8");
  });

  it("names the file after the job by default and refuses names outside the folder", async () => {
    const id = await newVideo();
    stack.clock.advance(60 * 60_000);
    const saved = ok(await call(stack, "download_result", { kind: "video", id, output: "thumbnail_url" }));
    expect(saved.path).toBe(join(fx.folder, `video-${id}-thumbnail.jpg`));
    for (const file_name of ["../escape.mp4", fx.outside, "parent-link/escape.mp4"]) {
      const body = errorBody(await call(stack, "download_result", { kind: "video", id, file_name }));
      expect(body, file_name).toMatchObject({ code: "file_outside_folder", param: "file_name" });
    }
    const bad = errorBody(await call(stack, "download_result", { kind: "video", id, output: "nope" }));
    expect(bad).toMatchObject({ code: "invalid_parameter", param: "output" });
    expect(bad.message).toContain("video_url");
  });

  it("saves with wait_for_job save_to once the job completes", async () => {
    const id = await newVideo();
    stack.clock.advance(60 * 60_000);
    const res = await call(stack, "wait_for_job", { kind: "video", id, save_to: "waited.mp4" });
    const out = ok(res);
    expect(out.saved).toMatchObject({ path: join(fx.folder, "waited.mp4"), output: "video_url" });
    expect(textOf(res)).toContain(`Saved video_url to ${join(fx.folder, "waited.mp4")}`);
    expect(res.content.some((c) => c.type === "resource_link")).toBe(true);
    expect(readFileSync(join(fx.folder, "waited.mp4")).length).toBeGreaterThan(0);
  });

  it("wrote nothing outside the folder", () => {
    expect(fx.outsideEntries()).toEqual([]);
  });
});

describe("a full disk", () => {
  // A tiny tmpfs is a real full disk; mounting one needs root (CI runs as root, so there it must work).
  const mounted = join(tmpdir(), `heygen-full-${process.pid}`);
  let canMount = false;
  beforeAll(() => {
    mkdirSync(mounted, { recursive: true });
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=8k", "tmpfs", mounted], { stdio: "ignore" });
      canMount = true;
    } catch {
      if (process.env.CI === "true") throw new Error("CI must be able to mount a tmpfs (run as root)");
    }
  });
  afterAll(() => {
    if (canMount) execFileSync("umount", [mounted]);
    rmSync(mounted, { recursive: true, force: true });
  });

  it("answers disk_full and leaves no partial file", async (ctx) => {
    if (!canMount) ctx.skip();
    const full = await startStack({ files: await FilesFolder.open(mounted) });
    try {
      const look = (ok(await call(full, "list_avatar_looks", { limit: 1 })).looks as { id: string }[])[0];
      const voice = (ok(await call(full, "list_voices", { limit: 1 })).voices as { voice_id: string }[])[0];
      const video = ok(
        await call(full, "create_video_from_avatar", { avatar_id: look?.id, voice_id: voice?.voice_id, script: "x" }),
      );
      full.clock.advance(60 * 60_000);
      const res = await call(full, "download_result", { kind: "video", id: video.video_id, file_name: "a.mp4" });
      expect(errorBody(res)).toMatchObject({ code: "disk_full", param: "file_name" });
      expect(readdirSync(mounted)).toEqual([]);
    } finally {
      await full.close();
    }
  });
});
