/**
 * The asset records (finalized assets, direct-upload slots, upload batches), their collections and
 * how they render. Finalized assets live in the shared `assets` collection (see assets.ts).
 */
import { createHash } from "node:crypto";
import { toUnixSeconds } from "../clock.js";
import type { SandboxDeps } from "../deps.js";
import type { Received } from "../spool.js";
import { type Account, COLLECTIONS, type Resource } from "../store.js";
import { FORMATS } from "./asset-formats.js";

export const MAX_DIRECT_BYTES = 200 * 1024 * 1024;
export const UPLOAD_URL_TTL_S = 3600;

export interface AssetRecord extends Resource {
  name: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  /** In memory (multipart uploads), or a spooled file (direct uploads of any size). */
  bytes: Buffer | null;
  file: string | null;
  /** Ingestion finishes here; `processing` until then. */
  readyAtMs: number;
}

export interface Failure {
  code: string;
  message: string;
}

export interface UploadSlot extends Resource {
  filename: string;
  /** As declared, and signed into the URL: the PUT must send exactly this Content-Type. */
  declaredType: string;
  mimeType: string;
  sizeBytes: number;
  checksum: string | null;
  signature: string;
  received: Received | null;
  finalized: boolean;
  failure: Failure | null;
  batchId: string | null;
}

export interface AssetBatch extends Resource {
  title: string | null;
  assetIds: string[];
}

export const assetsOf = (account: Account) => account.collection<AssetRecord>(COLLECTIONS.assets);
export const slotsOf = (account: Account) => account.collection<UploadSlot>("asset_uploads");
export const batchesOf = (account: Account) => account.collection<AssetBatch>("asset_batches");

/** A finalized asset's MIME type (e.g. to check an image input is an image); null if unknown or deleted. */
export const assetMimeType = (account: Account, id: string): string | null =>
  assetsOf(account).get(id)?.mimeType ?? null;

/** The same name GET /v3/users/me reports for this key: assets carry it as `owner`. */
const tagOf = (account: Account) => createHash("sha256").update(account.key).digest("hex").slice(0, 8);
export const ownerOf = (account: Account) => `sandbox_${tagOf(account)}`;

export const sha256Hex = (b: Buffer) => createHash("sha256").update(b).digest("hex");

// ---- rendering ----

export function assetUrl(deps: SandboxDeps, a: AssetRecord): string {
  return `${deps.urls.base}/media/assets/${a.id}/${encodeURIComponent(a.name)}`;
}

export const assetStatus = (a: AssetRecord, now: number) => (now >= a.readyAtMs ? "completed" : "processing");

export function renderAsset(deps: SandboxDeps, account: Account, a: AssetRecord) {
  return {
    id: a.id,
    name: a.name,
    type: FORMATS[a.mimeType]?.type ?? "file",
    owner: ownerOf(account),
    space_id: `space_${tagOf(account)}`,
    folder_id: null,
    uploaded_at: toUnixSeconds(a.createdAtMs),
    url: assetUrl(deps, a),
  };
}

export function renderSlot(deps: SandboxDeps, s: UploadSlot) {
  const expires = toUnixSeconds(s.createdAtMs) + UPLOAD_URL_TTL_S;
  const query = new URLSearchParams({
    "X-Amz-Expires": String(UPLOAD_URL_TTL_S),
    "X-Amz-Date": String(toUnixSeconds(s.createdAtMs)),
    "X-Amz-Signature": s.signature,
  });
  return {
    asset_id: s.id,
    upload_url: `${deps.urls.base}/uploads/${s.id}?${query.toString()}`,
    upload_headers: {
      "Content-Type": s.declaredType,
      ...(s.checksum ? { "x-amz-checksum-sha256": Buffer.from(s.checksum, "hex").toString("base64") } : {}),
    },
    expires_in_seconds: Math.max(0, expires - toUnixSeconds(deps.clock.now())),
    max_bytes: deps.limits.maxDirectUploadBytes,
    status: "pending_upload",
  };
}
