/**
 * Background removal jobs (catalog §2.11; lifecycle, `request_id` dedup and [inf] choices in
 * post-production.ts).
 */
import { z } from "zod";
import { assertAssetExists, assetInputSchema } from "../asset-input.js";
import { toUnixSeconds } from "../clock.js";
import type { SandboxDeps } from "../deps.js";
import { badParam, notFound, ok } from "../envelope.js";
import { newId } from "../ids.js";
import { assertJobCapacity, FAIL_MARKER, finishedAtMs, type JobPlan, jobPhase, planJob } from "../jobs.js";
import { PAGE_SPECS, paginate } from "../pagination.js";
import type { ApiRequest, Router } from "../router.js";
import type { Account, Resource } from "../store.js";
import { parseBody } from "../validate.js";
import { expiresIn, failureFor } from "./post-production-shared.js";

const REMOVALS = "background_removals";
const REMOVAL_SECONDS = 30;
const REMOVAL_USD_PER_SECOND = 0.02;

type Layer = "foreground" | "mask" | "background";
const ALL_LAYERS: readonly Layer[] = ["foreground", "mask", "background"];
const LAYER_FILES: Record<Layer, string> = {
  foreground: "video.webm",
  mask: "video.mp4",
  background: "video.mp4",
};

interface RemovalRecord extends Resource {
  job: JobPlan;
  title: string | null;
  layers: Layer[];
  requestId: string | null;
  deleted: boolean;
}

const removalsOf = (account: Account) => account.collection<RemovalRecord>(REMOVALS);

const removalSchema = z.strictObject({
  video: assetInputSchema,
  layers: z
    .array(z.enum(["foreground", "mask", "background"]))
    .min(1)
    .optional(),
  request_id: z.string().min(1).max(255).nullish(),
  title: z.string().nullish(),
});

const REMOVAL_STATUS = { queued: "pending", running: "processing", completed: "completed", failed: "failed" } as const;

function renderRemoval(b: RemovalRecord, { clock, urls }: SandboxDeps) {
  const now = clock.now();
  const phase = jobPhase(b.job, now);
  const done = phase === "completed" && !b.deleted;
  const finished = finishedAtMs(b.job, now);
  const layers = done
    ? Object.fromEntries(
        b.layers.map((layer) => [
          layer,
          urls.media(LAYER_FILES[layer], { background_removal_id: b.id, layer, expires: expiresIn(now) }),
        ]),
      )
    : {};
  return {
    id: b.id,
    status: b.deleted ? "deleted" : REMOVAL_STATUS[phase],
    created_at: toUnixSeconds(b.createdAtMs),
    completed_at: phase === "completed" && finished !== null ? toUnixSeconds(finished) : null,
    duration: phase === "completed" ? REMOVAL_SECONDS : null,
    layers,
    error: phase === "failed" ? (b.job.failure?.message ?? null) : null,
  };
}

export function backgroundRemovalRoutes(r: Router, deps: SandboxDeps): void {
  const { clock, timing, store } = deps;

  r.post(
    "/v3/background-removals",
    (req) => {
      const body = parseBody(removalSchema, req.body);
      const requestId = body.request_id ?? null;
      if (requestId !== null) {
        const original = removalsOf(req.account)
          .list()
          .find((b) => b.requestId === requestId);
        if (original) return ok(renderRemoval(original, deps));
      }
      assertAssetExists(store, req.account, body.video, "video");
      if (body.video.type === "base64" && !body.video.media_type.startsWith("video/")) {
        throw badParam("video.media_type", "media_type must be a video type such as video/mp4.");
      }
      assertJobCapacity(req.account, clock);
      const now = clock.now();
      const usd = Math.round(REMOVAL_SECONDS * REMOVAL_USD_PER_SECOND * 100) / 100;
      req.account.charge(usd, now);
      const b = removalsOf(req.account).add({
        id: newId(),
        createdAtMs: now,
        job: planJob(
          timing,
          now,
          REMOVAL_SECONDS,
          failureFor("background_removal", !!body.title?.includes(FAIL_MARKER)),
        ),
        chargeUsd: usd,
        title: body.title ?? null,
        layers: body.layers ? [...new Set(body.layers)] : [...ALL_LAYERS],
        requestId,
        deleted: false,
      });
      return ok(renderRemoval(b, deps));
    },
    { creates: true },
  );

  r.get("/v3/background-removals", (req) =>
    paginate(
      removalsOf(req.account)
        .list()
        .filter((b) => !b.deleted)
        .map((b) => renderRemoval(b, deps)),
      req.query,
      PAGE_SPECS.backgroundRemovals,
      (b) => b.id,
    ),
  );

  const findRemoval = (req: ApiRequest) => {
    const id = req.params.job_id ?? "";
    const b = removalsOf(req.account).get(id);
    if (!b) throw notFound("not_found", `Background removal job '${id}' was not found.`);
    return b;
  };

  r.get("/v3/background-removals/:job_id", (req) => ok(renderRemoval(findRemoval(req), deps)));

  r.delete("/v3/background-removals/:job_id", (req) => {
    const b = findRemoval(req);
    if (b.deleted) throw notFound("not_found", `Background removal job '${b.id}' was already deleted.`);
    b.deleted = true;
    return ok({ id: b.id, deleted: true });
  });
}
