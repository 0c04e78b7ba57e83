import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { crc32 } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type CallResult, call, errorBody, type Stack, startStack, TEST_KEY, textOf } from "../helpers/stack.js";

const VOICE = "46418db3beab335bc75fbb44ec110699";

// ---- a webhook receiver on loopback ----

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  body: { event_type: string; event_data: Record<string, unknown>; event_id: string; created_at: string };
}

interface Receiver {
  url: string;
  received: Received[];
  /** Resolves with the first delivery at `path` matching `pred` (polls; the sandbox posts asynchronously). */
  waitFor(path: string, pred?: (r: Received) => boolean): Promise<Received>;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      received.push({ path: req.url ?? "", headers: req.headers, raw, body: JSON.parse(raw) as Received["body"] });
      res.writeHead(req.url === "/broken" ? 500 : 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    async waitFor(path, pred = () => true) {
      for (let i = 0; i < 200; i++) {
        const hit = received.find((r) => r.path === path && pred(r));
        if (hit) return hit;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`no delivery at ${path}; got ${JSON.stringify(received.map((r) => r.path))}`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// ---- a minimal stored (uncompressed) zip ----

function zip(files: Record<string, string>): string {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]).toString("base64");
}

const PROJECT = { base64: zip({ "index.html": "<html><body>hi</body></html>" }), media_type: "application/zip" };

/** HyperframesRenderDetail (catalog §2.10): operations.json has no HyperFrames schemas. */
const renderDetail = z.strictObject({
  render_id: z.string(),
  status: z.enum(["queued", "rendering", "completed", "failed"]),
  title: z.string().nullable(),
  callback_id: z.string().nullable(),
  video_url: z.string().nullable(),
  thumbnail_url: z.string().nullable(),
  duration: z.number().nullable(),
  fps: z.number().nullable(),
  quality: z.enum(["draft", "standard", "high"]).nullable(),
  format: z.enum(["mp4", "webm", "mov"]),
  resolution: z.enum(["1080p", "4k"]).nullable(),
  aspect_ratio: z.enum(["16:9", "9:16", "1:1"]).nullable(),
  composition: z.string().nullable(),
  created_at: z.number().int().nullable(),
  completed_at: z.number().int().nullable(),
  failure_message: z.string().nullable(),
});
const hyperframesResponses = {
  "POST /v3/hyperframes/renders": z.strictObject({ data: z.strictObject({ render_id: z.string() }) }),
  "GET /v3/hyperframes/renders": z.strictObject({
    data: z.array(renderDetail),
    has_more: z.boolean(),
    next_token: z.string().nullable(),
  }),
  "GET /v3/hyperframes/renders/{render_id}": z.strictObject({ data: renderDetail }),
  "DELETE /v3/hyperframes/renders/{render_id}": z.strictObject({ data: z.strictObject({ render_id: z.string() }) }),
};

const ok = (res: CallResult) => {
  expect(res.isError, textOf(res)).toBeFalsy();
  return res.structuredContent as Record<string, unknown>;
};
const sig = (secret: string, raw: string) => createHmac("sha256", secret).update(raw).digest("hex");

describe("webhooks and HyperFrames renders", () => {
  let stack: Stack;
  let rx: Receiver;
  beforeAll(async () => {
    stack = await startStack();
    rx = await startReceiver();
  });
  afterAll(async () => {
    await stack.close();
    await rx.close();
  });

  let allSecret = "";
  let allId = "";
  let hfId = "";

  it("lists the event types", async () => {
    const out = ok(await call(stack, "list_webhook_event_types"));
    const types = (out.event_types as { event_type: string }[]).map((t) => t.event_type);
    expect(types).toHaveLength(30);
    expect(types).toContain("avatar_video.success");
    expect(types).toContain("hyperframes_video.success");
  });

  it("registers endpoints, showing the whsec_ secret only on create", async () => {
    const res = await call(stack, "create_webhook_endpoint", { url: `${rx.url}/all` });
    const created = ok(res);
    expect(created.secret).toMatch(/^whsec_/);
    expect(created.status).toBe("enabled");
    expect(textOf(res)).toMatch(/never shown again/);
    allSecret = created.secret as string;
    allId = created.endpoint_id as string;

    const hf = ok(await call(stack, "create_webhook_endpoint", { url: `${rx.url}/hf`, events: ["avatar_video.fail"] }));
    hfId = hf.endpoint_id as string;

    const listed = ok(await call(stack, "list_webhook_endpoints", { limit: 10 }));
    const endpoints = listed.endpoints as Record<string, unknown>[];
    expect(endpoints.map((e) => e.endpoint_id).sort()).toEqual([allId, hfId].sort());
    expect(JSON.stringify(listed)).not.toContain("whsec_");
  });

  it("rejects a duplicate URL, an unknown event type and an unknown endpoint", async () => {
    const dup = await call(stack, "create_webhook_endpoint", { url: `${rx.url}/all` });
    expect(dup.isError).toBe(true);
    expect(errorBody(dup).code).toBe("conflict");

    const bad = await call(stack, "create_webhook_endpoint", { url: `${rx.url}/x`, events: ["video.done"] });
    expect(errorBody(bad)).toMatchObject({ code: "invalid_parameter", param: "events.0" });

    const missing = await call(stack, "update_webhook_endpoint", { endpoint_id: "ep_nope", events: null });
    expect(errorBody(missing).code).toBe("webhook_not_found");
    const rotateMissing = await call(stack, "rotate_webhook_endpoint_secret", { endpoint_id: "ep_nope" });
    expect(errorBody(rotateMissing).code).toBe("webhook_not_found");
  });

  it("updates the subscription as a full replacement", async () => {
    const out = ok(
      await call(stack, "update_webhook_endpoint", { endpoint_id: hfId, events: ["hyperframes_video.success"] }),
    );
    expect(out.events).toEqual(["hyperframes_video.success"]);
    expect(out.url).toBe(`${rx.url}/hf`);
  });

  it("delivers signed avatar_video events and an unsigned callback when a video finishes", async () => {
    const video = ok(
      await call(stack, "create_video_from_image", {
        image: { url: "https://example.com/face.png" },
        script: "Hello webhooks.",
        voice_id: VOICE,
        callback_url: `${rx.url}/cb`,
        callback_id: "cb-1",
      }),
    );
    const failing = ok(
      await call(stack, "create_video_from_image", {
        image: { url: "https://example.com/face.png" },
        script: "Please fail [sandbox:fail]",
        voice_id: VOICE,
      }),
    );
    stack.clock.advance(60_000);
    await call(stack, "list_webhook_events", {}); // any request runs the delivery sweep

    const success = await rx.waitFor("/all", (r) => r.body.event_data.video_id === video.video_id);
    expect(success.body.event_type).toBe("avatar_video.success");
    expect(success.headers["heygen-signature"]).toBe(sig(allSecret, success.raw));
    expect(success.headers["heygen-event-id"]).toBe(success.body.event_id);
    expect(Number(success.headers["heygen-timestamp"])).toBe(Math.floor(stack.clock.now() / 1000));
    expect(success.body.event_data).toMatchObject({ callback_id: "cb-1", url: expect.stringContaining("/media/") });
    expect(Date.parse(success.body.created_at)).toBeGreaterThan(0);

    const fail = await rx.waitFor("/all", (r) => r.body.event_data.video_id === failing.video_id);
    expect(fail.body.event_type).toBe("avatar_video.fail");
    expect(fail.body.event_data.msg).toMatch(/on purpose/);

    const callback = await rx.waitFor("/cb");
    expect(callback.body.event_data.video_id).toBe(video.video_id);
    expect(callback.headers["heygen-signature"]).toBeUndefined();

    // Emitted once: more requests deliver nothing new; the endpoint on other types got nothing.
    await call(stack, "list_webhook_endpoints", {});
    await new Promise((r) => setTimeout(r, 50));
    expect(rx.received.filter((r) => r.path === "/all")).toHaveLength(2);
    expect(rx.received.filter((r) => r.path === "/hf")).toHaveLength(0);

    const events = ok(await call(stack, "list_webhook_events", { event_type: "avatar_video.success" }));
    const rows = events.events as { event_id: string; event_data: Record<string, unknown> }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]?.event_id).toBe(success.body.event_id);
    const byEntity = ok(await call(stack, "list_webhook_events", { entity_id: String(failing.video_id) }));
    expect((byEntity.events as unknown[]).length).toBe(1);
    const page = ok(await call(stack, "list_webhook_events", { limit: 1 }));
    expect(page.has_more).toBe(true);
    const next = ok(await call(stack, "list_webhook_events", { limit: 1, token: page.next_token }));
    expect(next.has_more).toBe(false);
  });

  it("signs with the new secret after a rotation", async () => {
    const rotated = ok(await call(stack, "rotate_webhook_endpoint_secret", { endpoint_id: allId }));
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(allSecret);
    const video = ok(
      await call(stack, "create_video_from_image", {
        image: { url: "https://example.com/face.png" },
        script: "Rotated.",
        voice_id: VOICE,
      }),
    );
    stack.clock.advance(60_000);
    await call(stack, "list_webhook_endpoints", {});
    const hit = await rx.waitFor("/all", (r) => r.body.event_data.video_id === video.video_id);
    expect(hit.headers["heygen-signature"]).toBe(sig(rotated.secret as string, hit.raw));
    expect(hit.headers["heygen-signature"]).not.toBe(sig(allSecret, hit.raw));
  });

  it("records failed deliveries without breaking the sandbox", async () => {
    const broken = ok(await call(stack, "create_webhook_endpoint", { url: `${rx.url}/broken` }));
    const closed = ok(await call(stack, "create_webhook_endpoint", { url: "http://127.0.0.1:9/closed" }));
    ok(
      await call(stack, "create_video_from_image", {
        image: { url: "https://example.com/face.png" },
        script: "Broken receivers.",
        voice_id: VOICE,
      }),
    );
    stack.clock.advance(60_000);
    ok(await call(stack, "list_webhook_events", {}));
    let deliveries: { endpoint_id: string | null; status: string; error: string | null }[] = [];
    for (let i = 0; i < 200; i++) {
      const res = await fetch(`${stack.sandbox.url}/_sandbox/webhooks/deliveries?api_key=${TEST_KEY}`);
      deliveries = ((await res.json()) as { data: typeof deliveries }).data;
      const mine = deliveries.filter(
        (d) => d.endpoint_id === broken.endpoint_id || d.endpoint_id === closed.endpoint_id,
      );
      if (mine.length === 2 && mine.every((d) => d.status === "failed")) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(deliveries.find((d) => d.endpoint_id === broken.endpoint_id)).toMatchObject({ status: "failed" });
    expect(deliveries.find((d) => d.endpoint_id === closed.endpoint_id)).toMatchObject({ status: "failed" });
    ok(await call(stack, "delete_webhook_endpoint", { endpoint_id: broken.endpoint_id }));
    ok(await call(stack, "delete_webhook_endpoint", { endpoint_id: closed.endpoint_id }));
    ok(await call(stack, "get_current_user"));
  });

  it("deletes an endpoint; deleting it again is webhook_not_found", async () => {
    const out = ok(await call(stack, "delete_webhook_endpoint", { endpoint_id: allId }));
    expect(out).toEqual({ endpoint_id: allId, deleted: true });
    const again = await call(stack, "delete_webhook_endpoint", { endpoint_id: allId });
    expect(errorBody(again).code).toBe("webhook_not_found");
  });

  it("renders a HyperFrames project: queued → rendering → completed, with a webhook", async () => {
    const created = ok(
      await call(stack, "create_hyperframes_render", {
        project: PROJECT,
        title: "Promo",
        format: "webm",
        aspect_ratio: "9:16",
        variables: { headline: "Hi" },
        callback_id: "hf-1",
      }),
    );
    const renderId = created.render_id as string;
    const queued = ok(await call(stack, "get_hyperframes_render", { render_id: renderId }));
    expect(queued).toMatchObject({ status: "queued", format: "webm", aspect_ratio: "9:16", resolution: "1080p" });
    expect(queued.video_url).toBeUndefined();
    stack.clock.advance(1_500);
    expect(ok(await call(stack, "get_hyperframes_render", { render_id: renderId })).status).toBe("rendering");
    stack.clock.advance(5_000);
    const res = await call(stack, "get_hyperframes_render", { render_id: renderId });
    const done = ok(res);
    expect(done.status).toBe("completed");
    expect(done.video_url).toMatch(/\/media\/video\.webm/);
    expect(textOf(res)).toMatch(/ready/);

    const hit = await rx.waitFor("/hf", (r) => r.body.event_data.render_id === renderId);
    expect(hit.body.event_type).toBe("hyperframes_video.success");
    expect(hit.body.event_data).toMatchObject({ callback_id: "hf-1", video_url: expect.any(String) });

    const listed = ok(await call(stack, "list_hyperframes_renders", { limit: 5 }));
    expect((listed.renders as { render_id: string }[])[0]?.render_id).toBe(renderId);
    ok(await call(stack, "delete_hyperframes_render", { render_id: renderId }));
    const gone = await call(stack, "get_hyperframes_render", { render_id: renderId });
    expect(errorBody(gone).code).toBe("hyperframes_render_not_found");
  });

  it("rejects invalid projects and unpaid renders", async () => {
    const notZip = await call(stack, "create_hyperframes_render", {
      project: { base64: Buffer.from("not a zip").toString("base64"), media_type: "application/zip" },
    });
    expect(errorBody(notZip)).toMatchObject({ code: "hyperframes_project_invalid", param: "project" });
    const noIndex = await call(stack, "create_hyperframes_render", {
      project: { base64: zip({ "main.html": "<html></html>" }), media_type: "application/zip" },
    });
    expect(errorBody(noIndex).code).toBe("hyperframes_project_invalid");
    const withEntry = await call(stack, "create_hyperframes_render", {
      project: { base64: zip({ "main.html": "<html></html>" }), media_type: "application/zip" },
      composition: "main.html",
    });
    ok(withEntry);
    const noAsset = await call(stack, "create_hyperframes_render", { project: { asset_id: "nope" } });
    expect(errorBody(noAsset)).toMatchObject({ code: "asset_not_found", param: "project.asset_id" });
    const badFps = await call(stack, "create_hyperframes_render", { project: PROJECT, fps: 500 });
    expect(errorBody(badFps).code).toBe("invalid_parameter");

    await stack.admin.setBalance(TEST_KEY, 0);
    const broke = await call(stack, "create_hyperframes_render", { project: { url: "https://example.com/p.zip" } });
    expect(errorBody(broke).code).toBe("insufficient_credit");
    await stack.admin.setBalance(TEST_KEY, 100);
  });

  it("fails a render on the fail marker and 404s unknown renders", async () => {
    const created = ok(
      await call(stack, "create_hyperframes_render", { project: PROJECT, title: "boom [sandbox:fail]" }),
    );
    stack.clock.advance(60_000);
    const failed = ok(await call(stack, "get_hyperframes_render", { render_id: created.render_id }));
    expect(failed.status).toBe("failed");
    expect(failed.failure_message).toMatch(/on purpose/);
    expect(failed.video_url).toBeUndefined();
    expect(failed.completed_at).toEqual(expect.any(Number));
    const del = await call(stack, "delete_hyperframes_render", { render_id: "hfr_nope" });
    expect(errorBody(del).code).toBe("hyperframes_render_not_found");
  });

  it("honours Idempotency-Key and rejects legacy resolution presets (direct HTTP)", async () => {
    const post = (body: unknown, key?: string) =>
      fetch(`${stack.sandbox.url}/v3/hyperframes/renders`, {
        method: "POST",
        headers: {
          "x-api-key": TEST_KEY,
          "content-type": "application/json",
          ...(key ? { "idempotency-key": key } : {}),
        },
        body: JSON.stringify(body),
      });
    const body = { project: { type: "url", url: "https://example.com/p.zip" } };
    const first = (await (await post(body, "hf-key-1")).json()) as { data: { render_id: string } };
    const replay = await post(body, "hf-key-1");
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(((await replay.json()) as { data: { render_id: string } }).data.render_id).toBe(first.data.render_id);

    const legacy = await post({ ...body, resolution: "landscape" });
    expect(legacy.status).toBe(422);
    const unknown = await post({ ...body, speed: 2 });
    expect(((await unknown.json()) as { error: { param: string } }).error.param).toBe("speed");
  });

  it("answers HyperFrames requests in the catalog's §2.10 shapes", async () => {
    const requests = (await stack.admin.requests()).filter(
      (r) => r.path.startsWith("/v3/hyperframes/") && r.status < 400,
    );
    expect(requests.length).toBeGreaterThan(5);
    for (const r of requests) {
      const template = r.path === "/v3/hyperframes/renders" ? r.path : "/v3/hyperframes/renders/{render_id}";
      const schema = hyperframesResponses[`${r.method} ${template}` as keyof typeof hyperframesResponses];
      const parsed = schema.safeParse(r.response);
      expect(parsed.success, `${r.method} ${r.path}: ${JSON.stringify(r.response)}`).toBe(true);
    }
  });
});
