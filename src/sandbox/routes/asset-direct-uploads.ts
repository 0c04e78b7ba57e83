/**
 * Direct uploads (catalog §1.8): POST /v3/assets/direct-uploads → `pending_upload` slot with a
 * presigned PUT URL on this sandbox (/uploads/:asset_id, S3-style: signature, expiry, Content-Type and
 * size signed, optional SHA-256) → POST /v3/assets/{id}/complete checks the stored bytes →
 * `processing` → `completed` on the clock. Until completed-by-call, the asset_id is unknown to other
 * endpoints. The slot helpers here are shared with asset-batches.ts.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { toUnixSeconds } from "../clock.js";
import type { SandboxDeps } from "../deps.js";
import { badParam, notFound, ok, type Reply } from "../envelope.js";
import { newId } from "../ids.js";
import type { Router } from "../router.js";
import type { Account, Store } from "../store.js";
import { parseBody } from "../validate.js";
import { canonicalType, SIMPLE_LIST, sniffType } from "./asset-formats.js";
import {
  type AssetRecord,
  assetStatus,
  assetsOf,
  assetUrl,
  type Failure,
  renderSlot,
  slotsOf,
  UPLOAD_URL_TTL_S,
  type UploadSlot,
} from "./asset-model.js";

export const checksumSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, "expected 64 hexadecimal characters")
  .nullish();

export const fileSchema = z.strictObject({
  filename: z.string().min(1).max(255),
  content_type: z.string().min(1),
  size_bytes: z.int().min(1),
  checksum_sha256: checksumSchema,
});

const completeSchema = z.strictObject({ checksum_sha256: checksumSchema });

/** Validates one requested file beyond its shape; `at` prefixes the param (e.g. "files.3."). */
export function checkFile(deps: SandboxDeps, f: z.output<typeof fileSchema>, at: string): string {
  const mime = canonicalType(f.content_type);
  if (!mime) {
    throw badParam(`${at}content_type`, `Unsupported content_type '${f.content_type}'. Allowed: ${SIMPLE_LIST}, zip.`);
  }
  const max = deps.limits.maxDirectUploadBytes;
  if (f.size_bytes > max) {
    throw badParam(`${at}size_bytes`, `size_bytes exceeds the ${max} byte maximum.`);
  }
  return mime;
}

/** Checks a slot's stored bytes; returns the failure that keeps it from becoming an asset, if any. */
export function verifyUpload(slot: UploadSlot, checksum: string | null | undefined): Failure | null {
  if (!slot.received) {
    return {
      code: "asset_not_found",
      message: `Nothing was uploaded for '${slot.id}': PUT the file to upload_url first.`,
    };
  }
  if (checksum && checksum.toLowerCase() !== slot.received.sha256) {
    return { code: "checksum_mismatch", message: "checksum_sha256 does not match the uploaded bytes." };
  }
  const sniffed = sniffType(slot.received.head);
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
export function finalize(deps: SandboxDeps, account: Account, slot: UploadSlot): AssetRecord {
  const now = deps.clock.now();
  const received = slot.received;
  slot.finalized = true;
  slot.failure = null;
  slot.received = null;
  const size = received?.size ?? 0;
  return assetsOf(account).add({
    id: slot.id,
    createdAtMs: now,
    name: slot.filename,
    mimeType: slot.mimeType,
    sizeBytes: size,
    sha256: received?.sha256 ?? "",
    bytes: null,
    file: received?.file ?? null,
    readyAtMs: now + processingMs(deps, size),
  });
}

export function newSlot(
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
    received: null,
    finalized: false,
    failure: null,
    batchId,
  });
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

export function directUploadRoutes(r: Router, deps: SandboxDeps): void {
  const { clock, store } = deps;

  r.post(
    "/v3/assets/direct-uploads",
    (req) => {
      const body = parseBody(fileSchema, req.body);
      const mime = checkFile(deps, body, "");
      return ok(renderSlot(deps, newSlot(deps, req.account, body, mime, null)));
    },
    { idempotent: true, creates: true },
  );

  r.raw(
    "PUT",
    "/uploads/:asset_id",
    async (req) => {
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
      const declared = Number(req.headers["content-length"] ?? Number.NaN);
      if (declared !== slot.sizeBytes) {
        return s3Error(
          400,
          "InvalidRequest",
          `Content-Length must be ${slot.sizeBytes}, the size the URL was signed for.`,
        );
      }
      const expected = slot.checksum ? Buffer.from(slot.checksum, "hex").toString("base64") : null;
      if (expected !== null && req.headers["x-amz-checksum-sha256"] !== expected) {
        return s3Error(400, "BadDigest", "The SHA-256 you specified did not match the signed checksum.");
      }
      // Streamed to disk and hashed on the way: the bytes themselves are verified, at any size.
      if (!req.stream) throw new Error("PUT /uploads is a streamed route");
      const received = await deps.spool.receive(req.stream);
      const refusal =
        received.size !== slot.sizeBytes
          ? s3Error(400, "InvalidRequest", `Body is ${received.size} bytes; the URL was signed for ${slot.sizeBytes}.`)
          : slot.checksum && received.sha256 !== slot.checksum
            ? s3Error(400, "BadDigest", "The SHA-256 you specified did not match the calculated checksum.")
            : null;
      if (refusal) {
        await deps.spool.discard(received);
        return refusal;
      }
      if (slot.received) await deps.spool.discard(slot.received);
      slot.received = received;
      slot.failure = null;
      return { status: 200, headers: { ETag: `"${received.md5}"` } };
    },
    { body: "stream" },
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
    } else if (body.checksum_sha256 && body.checksum_sha256.toLowerCase() !== asset.sha256) {
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
}
