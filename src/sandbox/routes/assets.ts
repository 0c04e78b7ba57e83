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
 * Finalized assets live in the shared `assets` collection, so `store.hasAsset` (and with it
 * `assertAssetExists`) resolves them for every other resource group; a deleted asset is gone.
 */
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { toUnixSeconds } from "../clock.js";
import type { SandboxDeps } from "../deps.js";
import { ApiError, badParam, list, notFound, ok, type Reply } from "../envelope.js";
import { newId } from "../ids.js";
import { boundaryOf, MultipartError, parseMultipart } from "../multipart.js";
import { PAGE_SPECS, paginate } from "../pagination.js";
import type { ApiRequest, Router } from "../router.js";
import { type Account, COLLECTIONS, type Resource, type Store } from "../store.js";
import { parseBody, queryEnum, queryText } from "../validate.js";

export const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;
export const MAX_DIRECT_BYTES = 200 * 1024 * 1024;
const UPLOAD_URL_TTL_S = 3600;
const MAX_STATUS_IDS = 100;

// ---- formats: declared MIME types and what the bytes say ----

interface Format {
  /** Asset `type` as GET /v3/assets/{id} reports it. */
  type: string;
  ext: string;
  /** Accepted by POST /v3/assets (zip only through direct uploads, for HyperFrames projects). */
  simple: boolean;
}

const FORMATS: Record<string, Format> = {
  "image/png": { type: "image", ext: "png", simple: true },
  "image/jpeg": { type: "image", ext: "jpg", simple: true },
  "video/mp4": { type: "video", ext: "mp4", simple: true },
  "video/webm": { type: "video", ext: "webm", simple: true },
  "audio/mpeg": { type: "audio", ext: "mp3", simple: true },
  "audio/wav": { type: "audio", ext: "wav", simple: true },
  "application/pdf": { type: "document", ext: "pdf", simple: true },
  "application/x-subrip": { type: "subtitle", ext: "srt", simple: true },
  "application/zip": { type: "archive", ext: "zip", simple: false },
};

const ALIASES: Record<string, string> = {
  "image/jpg": "image/jpeg",
  "audio/mp3": "audio/mpeg",
  "audio/x-wav": "audio/wav",
  "audio/wave": "audio/wav",
  "audio/vnd.wave": "audio/wav",
  "text/srt": "application/x-subrip",
  "application/srt": "application/x-subrip",
  "application/x-zip-compressed": "application/zip",
};

const canonicalType = (declared: string): string | null => {
  const base = declared.split(";")[0]?.trim().toLowerCase() ?? "";
  const mime = ALIASES[base] ?? base;
  return FORMATS[mime] ? mime : null;
};

const startsWith = (b: Buffer, bytes: number[], at = 0) => bytes.every((x, i) => b[at + i] === x);
const ascii = (b: Buffer, at: number, text: string) => b.toString("latin1", at, at + text.length) === text;
const SRT_HEAD = /^\uFEFF?\s*\d+\s*\r?\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{3}\s*-->\s*\d{1,2}:\d{2}:\d{2}[,.]\d{3}/;

/** The MIME type the bytes carry (magic numbers; SRT by its first cue), or null. */
export function sniffType(b: Buffer): string | null {
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(b, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (ascii(b, 4, "ftyp")) return "video/mp4";
  if (startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) return "video/webm";
  if (ascii(b, 0, "ID3") || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0)) return "audio/mpeg";
  if (ascii(b, 0, "RIFF") && ascii(b, 8, "WAVE")) return "audio/wav";
  if (ascii(b, 0, "%PDF-")) return "application/pdf";
  if (ascii(b, 0, "PK\x03\x04") || ascii(b, 0, "PK\x05\x06")) return "application/zip";
  if (SRT_HEAD.test(b.toString("utf8", 0, 256))) return "application/x-subrip";
  return null;
}

const SIMPLE_LIST = "png, jpeg, mp4, webm, mp3, wav, pdf, srt";

// ---- state ----

export interface AssetRecord extends Resource {
  name: string;
  mimeType: string;
  sizeBytes: number;
  bytes: Buffer;
  /** Ingestion finishes here; `processing` until then. */
  readyAtMs: number;
}

interface Failure {
  code: string;
  message: string;
}

interface UploadSlot extends Resource {
  filename: string;
  /** As declared, and signed into the URL: the PUT must send exactly this Content-Type. */
  declaredType: string;
  mimeType: string;
  sizeBytes: number;
  checksum: string | null;
  signature: string;
  bytes: Buffer | null;
  finalized: boolean;
  failure: Failure | null;
  batchId: string | null;
}

interface AssetBatch extends Resource {
  title: string | null;
  assetIds: string[];
}

export const assetsOf = (account: Account) => account.collection<AssetRecord>(COLLECTIONS.assets);
const slotsOf = (account: Account) => account.collection<UploadSlot>("asset_uploads");
const batchesOf = (account: Account) => account.collection<AssetBatch>("asset_batches");

/** A finalized asset's MIME type (e.g. to check an image input is an image); null if unknown or deleted. */
export const assetMimeType = (account: Account, id: string): string | null =>
  assetsOf(account).get(id)?.mimeType ?? null;

/** The same name GET /v3/users/me reports for this key: assets carry it as `owner`. */
const tagOf = (account: Account) => createHash("sha256").update(account.key).digest("hex").slice(0, 8);
const ownerOf = (account: Account) => `sandbox_${tagOf(account)}`;

const sha256Hex = (b: Buffer) => createHash("sha256").update(b).digest("hex");

// ---- rendering ----

function assetUrl(deps: SandboxDeps, a: AssetRecord): string {
  return `${deps.urls.base}/media/assets/${a.id}/${encodeURIComponent(a.name)}`;
}

const assetStatus = (a: AssetRecord, now: number) => (now >= a.readyAtMs ? "completed" : "processing");

function renderAsset(deps: SandboxDeps, account: Account, a: AssetRecord) {
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

function renderSlot(deps: SandboxDeps, s: UploadSlot) {
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
    max_bytes: MAX_DIRECT_BYTES,
    status: "pending_upload",
  };
}

type ItemStatus = "queued" | "processing" | "completed" | "failed";

/** A batch item's status: queued until finalized, then the asset's; failed when its bytes were refused. */
function itemState(account: Account, slot: UploadSlot, now: number): { status: ItemStatus; error: Failure | null } {
  if (slot.failure) return { status: "failed", error: slot.failure };
  if (!slot.finalized) return { status: "queued", error: null };
  const asset = assetsOf(account).get(slot.id);
  return { status: asset ? assetStatus(asset, now) : "completed", error: null };
}

// ---- validation ----

const checksumSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, "expected 64 hexadecimal characters")
  .nullish();

const fileSchema = z.strictObject({
  filename: z.string().min(1).max(255),
  content_type: z.string().min(1),
  size_bytes: z.int().min(1),
  checksum_sha256: checksumSchema,
});

const createBatchSchema = z.strictObject({
  files: z.array(fileSchema).min(1).max(100),
  title: z.string().nullish(),
  callback_url: z.url().nullish(),
});

const completeSchema = z.strictObject({ checksum_sha256: checksumSchema });
const completeBatchSchema = z.strictObject({ batch_id: z.string().min(1) });

/** Validates one requested file beyond its shape; `at` prefixes the param (e.g. "files.3."). */
function checkFile(f: z.output<typeof fileSchema>, at: string): string {
  const mime = canonicalType(f.content_type);
  if (!mime) {
    throw badParam(`${at}content_type`, `Unsupported content_type '${f.content_type}'. Allowed: ${SIMPLE_LIST}, zip.`);
  }
  if (f.size_bytes > MAX_DIRECT_BYTES) {
    throw badParam(`${at}size_bytes`, `size_bytes exceeds the ${MAX_DIRECT_BYTES} byte maximum.`);
  }
  return mime;
}

/** Checks a slot's stored bytes; returns the failure that keeps it from becoming an asset, if any. */
function verifyUpload(slot: UploadSlot, checksum: string | null | undefined): Failure | null {
  if (!slot.bytes) {
    return {
      code: "asset_not_found",
      message: `Nothing was uploaded for '${slot.id}': PUT the file to upload_url first.`,
    };
  }
  const digest = sha256Hex(slot.bytes);
  if (checksum && checksum.toLowerCase() !== digest) {
    return { code: "checksum_mismatch", message: "checksum_sha256 does not match the uploaded bytes." };
  }
  const sniffed = sniffType(slot.bytes);
  if (sniffed !== slot.mimeType) {
    return {
      code: "invalid_file",
      message: `The uploaded bytes are ${sniffed ?? "of an unsupported type"}, not the declared ${slot.mimeType}.`,
    };
  }
  return null;
}

function processingMs(deps: SandboxDeps, sizeBytes: number): number {
  if (deps.timing === "fast") return 2_000;
  return Math.min(60_000, 5_000 + Math.round((sizeBytes / (10 * 1024 * 1024)) * 1_000));
}

/** Turns a verified slot into an asset that is `processing` for a moment, then `completed`. */
function finalize(deps: SandboxDeps, account: Account, slot: UploadSlot): AssetRecord {
  const now = deps.clock.now();
  const bytes = slot.bytes ?? Buffer.alloc(0);
  slot.finalized = true;
  slot.failure = null;
  slot.bytes = null;
  return assetsOf(account).add({
    id: slot.id,
    createdAtMs: now,
    name: slot.filename,
    mimeType: slot.mimeType,
    sizeBytes: bytes.length,
    bytes,
    readyAtMs: now + processingMs(deps, bytes.length),
  });
}

function newSlot(
  deps: SandboxDeps,
  account: Account,
  f: z.output<typeof fileSchema>,
  mime: string,
  batchId: string | null,
) {
  return slotsOf(account).add({
    id: newId(),
    createdAtMs: deps.clock.now(),
    filename: f.filename,
    declaredType: f.content_type,
    mimeType: mime,
    sizeBytes: f.size_bytes,
    checksum: f.checksum_sha256?.toLowerCase() ?? null,
    signature: randomBytes(20).toString("hex"),
    bytes: null,
    finalized: false,
    failure: null,
    batchId,
  });
}

// ---- POST /v3/assets: the multipart upload ----

function parseUpload(req: ApiRequest): { name: string; bytes: Buffer } {
  let boundary: string | null;
  try {
    boundary = boundaryOf(req.headers["content-type"]);
  } catch (err) {
    throw badParam(null, `Malformed multipart body: ${(err as Error).message}.`);
  }
  if (boundary === null) throw badParam(null, "Request body must be multipart/form-data with a 'file' field.");
  let parts: ReturnType<typeof parseMultipart>;
  try {
    parts = parseMultipart(req.rawBody ?? Buffer.alloc(0), boundary);
  } catch (err) {
    if (err instanceof MultipartError) throw badParam(null, `Malformed multipart body: ${err.message}.`);
    throw err;
  }
  const unknown = parts.find((p) => p.name !== "file");
  if (unknown) throw badParam(unknown.name, `Unknown field '${unknown.name}'.`);
  if (parts.length > 1) throw badParam("file", "Send exactly one 'file' part.");
  const file = parts[0];
  if (!file) throw badParam("file", "file is required.");
  if (file.data.length === 0) throw badParam("file", "file is empty.");
  if (file.data.length > MAX_UPLOAD_BYTES) {
    throw new ApiError(
      413,
      "payload_too_large",
      "file exceeds 32 MB; use POST /v3/assets/direct-uploads for larger files.",
      "file",
    );
  }
  return { name: file.filename || "upload", bytes: file.data };
}

// ---- the S3-style presigned PUT ----

const s3Error = (status: number, code: string, message: string): Reply => ({
  status,
  raw: {
    bytes: Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
    ),
    contentType: "application/xml",
  },
});

function findSlot(store: Store, id: string): UploadSlot | undefined {
  for (const account of store.allAccounts()) {
    const slot = slotsOf(account).get(id);
    if (slot) return slot;
  }
  return undefined;
}

function findAsset(store: Store, id: string): AssetRecord | undefined {
  for (const account of store.allAccounts()) {
    const asset = assetsOf(account).get(id);
    if (asset) return asset;
  }
  return undefined;
}

// ---- routes ----

const idList = (req: ApiRequest, name: string) =>
  (req.query.get(name) ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

function batchSummary(account: Account, batch: AssetBatch, now: number) {
  const counts: Record<ItemStatus, number> = { queued: 0, processing: 0, completed: 0, failed: 0 };
  const items = batch.assetIds.map((id, i) => {
    const slot = slotsOf(account).get(id);
    const { status, error } = slot ? itemState(account, slot, now) : { status: "failed" as const, error: null };
    counts[status] += 1;
    return { item_index: i, status, video_id: id, error };
  });
  const inFlight = counts.queued + counts.processing > 0;
  return {
    summary: {
      batch_id: batch.id,
      title: batch.title,
      status: inFlight ? "processing" : counts.completed > 0 ? "completed" : "failed",
      total_items: batch.assetIds.length,
      counts_by_status: counts,
      created_at: toUnixSeconds(batch.createdAtMs),
    },
    items,
  };
}

export function assetRoutes(r: Router, deps: SandboxDeps): void {
  const { clock, store } = deps;

  const ownAsset = (req: ApiRequest): AssetRecord => {
    const id = req.params.asset_id ?? "";
    const asset = assetsOf(req.account).get(id);
    if (!asset) throw notFound("asset_not_found", `Asset '${id}' was not found.`);
    return asset;
  };

  r.post(
    "/v3/assets",
    (req) => {
      const { name, bytes } = parseUpload(req);
      const mime = sniffType(bytes);
      if (!mime || !FORMATS[mime]?.simple) {
        throw badParam("file", `Unsupported file type (${mime ?? "unrecognised"}). Allowed: ${SIMPLE_LIST}.`);
      }
      const now = clock.now();
      const asset = assetsOf(req.account).add({
        id: newId(),
        createdAtMs: now,
        name,
        mimeType: mime,
        sizeBytes: bytes.length,
        bytes: Buffer.from(bytes),
        readyAtMs: now,
      });
      return ok({ asset_id: asset.id, url: assetUrl(deps, asset), mime_type: mime, size_bytes: bytes.length });
    },
    { idempotent: true, creates: true, body: "bytes", maxBodyBytes: MAX_UPLOAD_BYTES + 64 * 1024 },
  );

  r.post(
    "/v3/assets/direct-uploads",
    (req) => {
      const body = parseBody(fileSchema, req.body);
      const mime = checkFile(body, "");
      return ok(renderSlot(deps, newSlot(deps, req.account, body, mime, null)));
    },
    { idempotent: true, creates: true },
  );

  r.raw(
    "PUT",
    "/uploads/:asset_id",
    (req) => {
      const slot = findSlot(store, req.params.asset_id ?? "");
      if (!slot || req.query.get("X-Amz-Signature") !== slot.signature) {
        return s3Error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match.");
      }
      if (toUnixSeconds(clock.now()) > toUnixSeconds(slot.createdAtMs) + UPLOAD_URL_TTL_S) {
        return s3Error(403, "AccessDenied", "Request has expired.");
      }
      if (slot.finalized) return s3Error(403, "AccessDenied", "This upload was already completed.");
      const sentType = req.headers["content-type"] ?? "";
      if (sentType.trim().toLowerCase() !== slot.declaredType.trim().toLowerCase()) {
        return s3Error(403, "SignatureDoesNotMatch", "Content-Type differs from the signed upload_headers.");
      }
      const bytes = req.rawBody ?? Buffer.alloc(0);
      if (bytes.length !== slot.sizeBytes) {
        return s3Error(
          400,
          "InvalidRequest",
          `Body is ${bytes.length} bytes; the URL was signed for ${slot.sizeBytes}.`,
        );
      }
      if (slot.checksum) {
        const header = req.headers["x-amz-checksum-sha256"];
        const expected = Buffer.from(slot.checksum, "hex").toString("base64");
        if (header !== expected || sha256Hex(bytes) !== slot.checksum) {
          return s3Error(400, "BadDigest", "The SHA-256 you specified did not match the calculated checksum.");
        }
      }
      slot.bytes = Buffer.from(bytes);
      slot.failure = null;
      return { status: 200, headers: { ETag: `"${createHash("md5").update(bytes).digest("hex")}"` } };
    },
    { body: "bytes", maxBodyBytes: MAX_DIRECT_BYTES },
  );

  r.post("/v3/assets/:asset_id/complete", (req) => {
    const body = req.body === undefined ? {} : parseBody(completeSchema, req.body);
    const id = req.params.asset_id ?? "";
    let asset = assetsOf(req.account).get(id);
    if (!asset) {
      const slot = slotsOf(req.account).get(id);
      if (!slot || slot.finalized) throw notFound("asset_not_found", `Asset '${id}' was not found.`);
      const failure = verifyUpload(slot, body.checksum_sha256);
      if (failure?.code === "asset_not_found") throw notFound("asset_not_found", failure.message);
      if (failure) throw badParam(failure.code === "checksum_mismatch" ? "checksum_sha256" : null, failure.message);
      asset = finalize(deps, req.account, slot);
    } else if (body.checksum_sha256 && body.checksum_sha256.toLowerCase() !== sha256Hex(asset.bytes)) {
      throw badParam("checksum_sha256", "checksum_sha256 does not match the stored bytes.");
    }
    return ok({
      asset_id: asset.id,
      url: assetUrl(deps, asset),
      mime_type: asset.mimeType,
      size_bytes: asset.sizeBytes,
      status: assetStatus(asset, clock.now()),
    });
  });

  r.post(
    "/v3/assets/direct-uploads/batches",
    (req) => {
      const body = parseBody(createBatchSchema, req.body);
      const mimes = body.files.map((f, i) => checkFile(f, `files.${i}.`));
      const batchId = newId();
      const slots = body.files.map((f, i) => newSlot(deps, req.account, f, mimes[i] ?? "", batchId));
      batchesOf(req.account).add({
        id: batchId,
        createdAtMs: clock.now(),
        title: body.title ?? null,
        assetIds: slots.map((s) => s.id),
      });
      return ok({ batch_id: batchId, items: slots.map((s) => renderSlot(deps, s)) });
    },
    { idempotent: true, creates: true },
  );

  r.post("/v3/assets/complete/batches", (req) => {
    const { batch_id } = parseBody(completeBatchSchema, req.body);
    const batch = batchesOf(req.account).get(batch_id);
    if (!batch) throw notFound("not_found", `Batch '${batch_id}' was not found.`);
    // Each file on its own: one bad file fails only its item; a repeat re-drives the ones not yet done.
    for (const id of batch.assetIds) {
      const slot = slotsOf(req.account).get(id);
      if (!slot || slot.finalized) continue;
      const failure = verifyUpload(slot, slot.checksum);
      if (failure) slot.failure = failure;
      else finalize(deps, req.account, slot);
    }
    return ok({ batch_id, status: batchSummary(req.account, batch, clock.now()).summary.status }, 202);
  });

  r.get("/v3/assets/batches/:batch_id", (req) => {
    const batch = batchesOf(req.account).get(req.params.batch_id ?? "");
    if (!batch) throw notFound("not_found", `Batch '${req.params.batch_id}' was not found.`);
    const { summary, items } = batchSummary(req.account, batch, clock.now());
    const page = paginate(items, req.query, PAGE_SPECS.batchItems, (row) => String(row.item_index)).body as {
      data: unknown[];
      has_more: boolean;
      next_token: string | null;
    };
    return ok({ ...summary, items: page.data, has_more: page.has_more, next_token: page.next_token });
  });

  r.get("/v3/assets/statuses", (req) => {
    const assetIds = idList(req, "asset_ids");
    const batchIds = idList(req, "batch_ids");
    const n = assetIds.length + batchIds.length;
    if (n === 0) throw badParam("asset_ids", "Provide asset_ids and/or batch_ids.");
    if (n > MAX_STATUS_IDS)
      throw badParam(assetIds.length > 0 ? "asset_ids" : "batch_ids", "At most 100 ids per request.");
    const now = clock.now();
    const entries: Record<string, unknown>[] = assetIds.map((id) => {
      const asset = assetsOf(req.account).get(id);
      if (asset) return { video_id: id, status: assetStatus(asset, now), error: null };
      const slot = slotsOf(req.account).get(id);
      if (slot && !slot.finalized) return { video_id: id, ...itemState(req.account, slot, now) };
      return { video_id: id, status: "not_found" };
    });
    for (const id of batchIds) {
      const batch = batchesOf(req.account).get(id);
      if (!batch) entries.push({ batch_id: id, status: "not_found" });
      else for (const item of batchSummary(req.account, batch, now).items) entries.push({ batch_id: id, ...item });
    }
    return list(entries, false, null);
  });

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
    return { status: 200, raw: { bytes: asset.bytes, contentType: asset.mimeType } };
  });
}

// ---- GET /v3/assets/search: a seeded public catalog, ranked by word overlap ----

interface SearchSeed {
  id: string;
  type: "image" | "icon";
  words: string;
}

const SEARCH_SEEDS: SearchSeed[] = [
  ["img_pizza_table", "image", "pepperoni pizza on a wooden table food restaurant"],
  ["img_city_night", "image", "city skyline at night lights skyscrapers urban"],
  ["img_office_team", "image", "team meeting in a bright office business people collaboration"],
  ["img_mountain_lake", "image", "mountain lake at sunrise nature landscape calm"],
  ["img_laptop_desk", "image", "laptop on a desk with coffee workspace technology"],
  ["img_beach_sunset", "image", "tropical beach at sunset ocean travel vacation"],
  ["img_classroom", "image", "students in a classroom education learning school"],
  ["img_doctor", "image", "doctor talking to a patient healthcare hospital medical"],
  ["img_factory", "image", "factory floor with robots manufacturing industry"],
  ["img_running", "image", "woman running in a park fitness health sport"],
  ["img_handshake", "image", "business handshake deal partnership agreement"],
  ["img_chart_growth", "image", "growth chart on a screen finance data analytics"],
  ["ico_rocket", "icon", "minimalist rocket icon launch startup"],
  ["ico_check", "icon", "check mark icon success done"],
  ["ico_chart", "icon", "bar chart icon analytics data growth"],
  ["ico_mail", "icon", "envelope mail icon email message"],
  ["ico_globe", "icon", "globe icon world international language"],
  ["ico_lightbulb", "icon", "light bulb icon idea innovation"],
  ["ico_shield", "icon", "shield icon security protection"],
  ["ico_cart", "icon", "shopping cart icon ecommerce store"],
  ["ico_play", "icon", "play button icon video media"],
  ["ico_user", "icon", "user profile icon person account"],
].map(([id, type, words]) => ({ id, type, words }) as SearchSeed);

const STOP = new Set(["a", "an", "the", "of", "on", "in", "with", "for", "and", "to", "at", "or", "by"]);

/** Lower-case words without stop words, crudely singular. */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !STOP.has(w))
    .map((w) => (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w));
}

/** Share of the query's words that the text contains, 0-1. */
export function overlap(query: string[], text: string): number {
  if (query.length === 0) return 0;
  const have = new Set(words(text));
  return query.filter((w) => have.has(w)).length / query.length;
}

function searchReply(deps: SandboxDeps, req: ApiRequest): Reply {
  const query = queryText(req.query, "query");
  if (query === undefined || query.trim() === "") throw badParam("query", "query is required.");
  const type = queryEnum(req.query, "type", ["image", "icon"] as const);
  if (type === undefined) throw badParam("type", "type is required: image or icon.");
  const scope = queryEnum(req.query, "scope", ["public", "personal"] as const) ?? "public";
  const q = words(query);
  type Hit = { id: string; type: "image" | "icon"; url: string; width: number | null; height: number | null };
  const candidates: { hit: Hit; text: string }[] =
    scope === "public"
      ? SEARCH_SEEDS.filter((s) => s.type === type).map((s) => ({
          text: s.words,
          hit: {
            id: s.id,
            type: s.type,
            url: deps.urls.media(s.type === "icon" ? "preview.png" : "thumbnail.jpg", { asset: s.id }) ?? "",
            width: s.type === "icon" ? 240 : 320,
            height: s.type === "icon" ? 240 : 180,
          },
        }))
      : assetsOf(req.account)
          .list()
          .filter((a) => type === "image" && a.mimeType.startsWith("image/"))
          .map((a) => ({ text: a.name, hit: { id: a.id, type, url: assetUrl(deps, a), width: null, height: null } }));
  const ranked = candidates
    .map((c) => ({ ...c, score: overlap(q, c.text) }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score || a.hit.id.localeCompare(b.hit.id))
    .map(({ hit }) => ({
      ...hit,
      orientation: hit.width === null || hit.height === null ? null : hit.width === hit.height ? "square" : "landscape",
      is_transparent: hit.width === null ? null : false,
    }));
  return paginate(ranked, req.query, PAGE_SPECS.assetSearch, (h) => h.id);
}
