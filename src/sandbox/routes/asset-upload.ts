/**
 * POST /v3/assets (catalog §2.7): multipart/form-data with one field `file` (≤32 MB; png, jpeg, mp4,
 * webm, mp3, wav, pdf, srt, sniffed from the bytes). Usable at once.
 */
import type { SandboxDeps } from "../deps.js";
import { ApiError, badParam, ok } from "../envelope.js";
import { newId } from "../ids.js";
import { boundaryOf, MultipartError, parseMultipart } from "../multipart.js";
import type { ApiRequest, Router } from "../router.js";
import { FORMATS, SIMPLE_LIST, sniffType } from "./asset-formats.js";
import { assetsOf, assetUrl, sha256Hex } from "./asset-model.js";

export const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;

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

export function simpleUploadRoutes(r: Router, deps: SandboxDeps): void {
  const { clock } = deps;

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
        sha256: sha256Hex(bytes),
        bytes: Buffer.from(bytes),
        file: null,
        readyAtMs: now,
      });
      return ok({ asset_id: asset.id, url: assetUrl(deps, asset), mime_type: mime, size_bytes: bytes.length });
    },
    { idempotent: true, creates: true, body: "bytes", maxBodyBytes: MAX_UPLOAD_BYTES + 64 * 1024 },
  );
}
