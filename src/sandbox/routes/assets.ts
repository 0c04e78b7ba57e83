/**
 * Assets (catalog §2.7, §1.8, §1.9).
 *
 * - POST /v3/assets: multipart/form-data with one field `file` (≤32 MB; png, jpeg, mp4, webm, mp3,
 *   wav, pdf, srt, sniffed from the bytes). Usable at once.
 * - Direct uploads: POST /v3/assets/direct-uploads → `pending_upload` slot with a presigned PUT URL on
 *   this sandbox (/uploads/:asset_id, S3-style: signature, expiry, Content-Type and size signed,
 *   optional SHA-256) → POST /v3/assets/{id}/complete checks the stored bytes → `processing` →
 *   `completed` on the clock. Until completed-by-call, the asset_id is unknown to other endpoints.
 * - Batches of direct uploads, bulk statuses (`queued`, `processing`, `completed`, `failed`,
 *   `not_found`; ids in `video_id` as HeyGen's shared read model has them), get/list/delete, and
 *   semantic search over a seeded public image/icon catalog.
 *
 * Formats live in asset-formats.ts, records and rendering in asset-model.ts, the multipart upload in
 * asset-upload.ts, direct uploads in asset-direct-uploads.ts, batches and statuses in asset-batches.ts,
 * search in asset-search.ts; this file registers them and serves reads, list and delete.
 *
 * Finalized assets live in the shared `assets` collection, so `store.hasAsset` (and with it
 * `assertAssetExists`) resolves them for every other resource group; a deleted asset is gone.
 */
import type { SandboxDeps } from "../deps.js";
import { ApiError, badParam, notFound, ok } from "../envelope.js";
import { PAGE_SPECS, paginate } from "../pagination.js";
import type { ApiRequest, Router } from "../router.js";
import type { Store } from "../store.js";
import { queryText } from "../validate.js";
import { assetBatchRoutes } from "./asset-batches.js";
import { directUploadRoutes } from "./asset-direct-uploads.js";
import { type AssetRecord, assetsOf, ownerOf, renderAsset } from "./asset-model.js";
import { searchReply } from "./asset-search.js";
import { simpleUploadRoutes } from "./asset-upload.js";

function findAsset(store: Store, id: string): AssetRecord | undefined {
  for (const account of store.allAccounts()) {
    const asset = assetsOf(account).get(id);
    if (asset) return asset;
  }
  return undefined;
}

export function assetRoutes(r: Router, deps: SandboxDeps): void {
  const { store } = deps;

  const ownAsset = (req: ApiRequest): AssetRecord => {
    const id = req.params.asset_id ?? "";
    const asset = assetsOf(req.account).get(id);
    if (!asset) throw notFound("asset_not_found", `Asset '${id}' was not found.`);
    return asset;
  };

  // Order matters: the router breaks specificity ties (and lists `Allow` methods) in registration order.
  simpleUploadRoutes(r, deps);
  directUploadRoutes(r, deps);
  assetBatchRoutes(r, deps);

  r.get("/v3/assets/search", (req) => searchReply(deps, req));

  r.get("/v3/assets/:asset_id", (req) => ok(renderAsset(deps, req.account, ownAsset(req))));

  r.get("/v3/assets", (req) => {
    const username = queryText(req.query, "username");
    if (username === undefined) throw badParam("username", "username is required while GET /v3/assets is in beta.");
    const folder = req.query.get("folder_id");
    // Sandbox assets are all at the space root: a folder id other than "" (root) matches nothing.
    const mine = username === ownerOf(req.account) && (folder === null || folder === "");
    const items = mine ? assetsOf(req.account).list() : [];
    return paginate(
      items.map((a) => renderAsset(deps, req.account, a)),
      req.query,
      PAGE_SPECS.assets,
      (a) => a.id,
    );
  });

  r.delete("/v3/assets/:asset_id", (req) => {
    const asset = ownAsset(req);
    assetsOf(req.account).delete(asset.id);
    return ok({ id: asset.id });
  });

  r.raw("GET", "/media/assets/:asset_id/:name", (req) => {
    const asset = findAsset(store, req.params.asset_id ?? "");
    if (!asset) throw new ApiError(404, "not_found", "Unknown asset file.");
    const raw = asset.file
      ? { file: asset.file, size: asset.sizeBytes, contentType: asset.mimeType }
      : { bytes: asset.bytes ?? Buffer.alloc(0), contentType: asset.mimeType };
    return { status: 200, raw };
  });
}
