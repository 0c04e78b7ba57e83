/**
 * HyperFrames cloud renders (catalog §2.10): an HTML/JS composition zip rendered to video.
 * Status derives from the clock: queued → rendering → completed | failed; `video_url` only once
 * completed. Not in operations.json: shapes follow the catalog's HyperframesRenderDetail.
 *
 * [inf] choices: a render is assumed to last 10 s and is billed $0.01 per rendered second (4k 1.5×),
 * charged at create; a base64 project must be a zip whose central directory lists the entry file
 * (`composition`, default index.html); put `[sandbox:fail]` in the title or variables to make the
 * render fail.
 */
import { z } from "zod";
import { assertAssetExists, assetInputSchema } from "../asset-input.js";
import { toUnixSeconds } from "../clock.js";
import type { SandboxDeps } from "../deps.js";
import { ApiError, badParam, notFound, ok } from "../envelope.js";
import { newId } from "../ids.js";
import { assertJobCapacity, FAIL_MARKER, finishedAtMs, type JobPlan, jobPhase, planJob } from "../jobs.js";
import { type PageSpec, paginate } from "../pagination.js";
import type { ApiRequest, Router } from "../router.js";
import type { Account, Resource } from "../store.js";
import { parseBody } from "../validate.js";
import { registerWebhookSource } from "../webhook-delivery.js";

export const HYPERFRAMES_COLLECTION = "hyperframes_renders";
const RENDER_SECONDS = 10;
const USD_PER_SECOND = 0.01;
/** §1.5 gives no range for this list; the v3 default of most lists. [inf] */
const RENDERS_PAGE: PageSpec = { scope: "hyperframes_renders", defaultLimit: 10, maxLimit: 100 };
const URL_TTL_S = 7 * 24 * 3600;
const LEGACY_PRESETS = ["landscape", "landscape-4k", "portrait", "portrait-4k", "square", "square-4k"];
const ZIP_TYPES = ["application/zip", "application/x-zip-compressed"];

interface RenderRecord extends Resource {
  job: JobPlan;
  title: string | null;
  callbackId: string | null;
  callbackUrl: string | null;
  fps: number;
  quality: "draft" | "standard" | "high";
  format: "mp4" | "webm" | "mov";
  resolution: "1080p" | "4k";
  aspectRatio: "16:9" | "9:16" | "1:1";
  composition: string;
}

const rendersOf = (account: Account) => account.collection<RenderRecord>(HYPERFRAMES_COLLECTION);

const createSchema = z.strictObject({
  project: assetInputSchema,
  fps: z.number().min(1).max(240).nullish(),
  quality: z.enum(["draft", "standard", "high"]).optional(),
  format: z.enum(["mp4", "webm", "mov"]).optional(),
  resolution: z.string().optional(),
  aspect_ratio: z.enum(["16:9", "9:16", "1:1"]).optional(),
  composition: z.string().min(1).nullish(),
  variables: z.record(z.string(), z.unknown()).nullish(),
  title: z.string().nullish(),
  callback_id: z.string().nullish(),
  callback_url: z.url({ protocol: /^https?$/ }).nullish(),
});

/** Entry names from a zip's central directory, or null when the bytes are not a zip archive. */
export function zipEntryNames(bytes: Buffer): string[] | null {
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > bytes.length) return null;
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    names.push(bytes.toString("utf8", at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extra;
  }
  return names;
}

const invalidProject = (message: string) => new ApiError(400, "hyperframes_project_invalid", message, "project");

function checkProject(deps: SandboxDeps, req: ApiRequest, project: z.output<typeof assetInputSchema>, entry: string) {
  assertAssetExists(deps.store, req.account, project, "project");
  if (project.type !== "base64") return;
  if (!ZIP_TYPES.includes(project.media_type.toLowerCase())) {
    throw badParam("project.media_type", "project.media_type must be application/zip.");
  }
  const names = zipEntryNames(Buffer.from(project.data, "base64"));
  if (names === null) throw invalidProject("The project is not a zip archive.");
  const wanted = entry.replace(/^\.?\//, "");
  if (!names.some((n) => n.replace(/^\.?\//, "") === wanted)) {
    throw invalidProject(`The project zip has no '${wanted}' entry file.`);
  }
}

function resolutionOf(value: string | undefined): "1080p" | "4k" {
  if (value === undefined || value === "1080p" || value === "4k") return value ?? "1080p";
  if (LEGACY_PRESETS.includes(value)) {
    throw new ApiError(
      422,
      "invalid_parameter",
      `Resolution preset '${value}' is no longer supported; send resolution (1080p|4k) and aspect_ratio.`,
      "resolution",
    );
  }
  throw badParam("resolution", "resolution must be one of: 1080p, 4k.");
}

export function renderDetail(r: RenderRecord, { clock, urls }: SandboxDeps) {
  const now = clock.now();
  const phase = jobPhase(r.job, now);
  const done = phase === "completed";
  const finished = finishedAtMs(r.job, now);
  const signed = (file: string) =>
    urls.media(file, { render_id: r.id, expires: String(toUnixSeconds(now) + URL_TTL_S) });
  return {
    render_id: r.id,
    status: phase === "running" ? "rendering" : phase,
    title: r.title,
    callback_id: r.callbackId,
    video_url: done ? signed(r.format === "webm" ? "video.webm" : "video.mp4") : null,
    thumbnail_url: done ? signed("thumbnail.jpg") : null,
    duration: done ? RENDER_SECONDS : null,
    fps: r.fps,
    quality: r.quality,
    format: r.format,
    resolution: r.resolution,
    aspect_ratio: r.aspectRatio,
    composition: r.composition,
    created_at: toUnixSeconds(r.createdAtMs),
    completed_at: finished === null ? null : toUnixSeconds(finished),
    failure_message: phase === "failed" ? (r.job.failure?.message ?? null) : null,
  };
}

registerWebhookSource(HYPERFRAMES_COLLECTION, (record, outcome, deps) => {
  const render = record as RenderRecord;
  const shown = renderDetail(render, deps);
  const common = { entityId: render.id, callbackUrl: render.callbackUrl };
  if (outcome === "failed") {
    return {
      ...common,
      type: "hyperframes_video.fail",
      data: { render_id: render.id, failure_message: shown.failure_message, callback_id: render.callbackId },
    };
  }
  return {
    ...common,
    type: "hyperframes_video.success",
    data: {
      render_id: render.id,
      video_url: shown.video_url,
      thumbnail_url: shown.thumbnail_url,
      duration: shown.duration,
      title: render.title,
      callback_id: render.callbackId,
    },
  };
});

export function hyperframesRoutes(r: Router, deps: SandboxDeps): void {
  const { clock, timing } = deps;

  const renderOf = (req: ApiRequest): RenderRecord => {
    const id = req.params.render_id ?? "";
    const render = rendersOf(req.account).get(id);
    if (!render) throw notFound("hyperframes_render_not_found", `HyperFrames render '${id}' was not found.`);
    return render;
  };

  r.post(
    "/v3/hyperframes/renders",
    (req) => {
      const body = parseBody(createSchema, req.body);
      const resolution = resolutionOf(body.resolution);
      const composition = body.composition ?? "index.html";
      checkProject(deps, req, body.project, composition);
      assertJobCapacity(req.account, clock);
      const now = clock.now();
      const chargeUsd = req.account.charge(RENDER_SECONDS * USD_PER_SECOND * (resolution === "4k" ? 1.5 : 1), now);
      const failed = [body.title, JSON.stringify(body.variables ?? null)].some((t) => t?.includes(FAIL_MARKER));
      const failure = failed
        ? { code: "render_failed", message: `The sandbox failed this render on purpose (${FAIL_MARKER} in the input).` }
        : null;
      const render = rendersOf(req.account).add({
        id: newId("hfr"),
        createdAtMs: now,
        job: planJob(timing, now, RENDER_SECONDS, failure),
        chargeUsd,
        title: body.title ?? null,
        callbackId: body.callback_id ?? null,
        callbackUrl: body.callback_url ?? null,
        fps: body.fps ?? 30,
        quality: body.quality ?? "standard",
        format: body.format ?? "mp4",
        resolution,
        aspectRatio: body.aspect_ratio ?? "16:9",
        composition,
      });
      return ok({ render_id: render.id });
    },
    { idempotent: true, creates: true },
  );

  r.get("/v3/hyperframes/renders", (req) =>
    paginate(
      rendersOf(req.account)
        .list()
        .map((x) => renderDetail(x, deps)),
      req.query,
      RENDERS_PAGE,
      (x) => x.render_id,
    ),
  );

  r.get("/v3/hyperframes/renders/:render_id", (req) => ok(renderDetail(renderOf(req), deps)));

  // Soft delete at HeyGen; here the record goes, and a later GET is 404 either way.
  r.delete("/v3/hyperframes/renders/:render_id", (req) => {
    const render = renderOf(req);
    rendersOf(req.account).delete(render.id);
    return ok({ render_id: render.id });
  });
}
