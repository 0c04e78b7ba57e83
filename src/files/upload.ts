/**
 * Uploads a local file (or decoded base64) to HeyGen as an asset, streamed from its source so memory
 * stays flat for any size: ≤32 MB as POST /v3/assets multipart, larger through a direct upload (slot,
 * presigned PUT, complete; catalog §2.7). A direct upload that fails or is cancelled is never completed,
 * so no asset id reaches the model that could pass for a finished asset.
 */
import { createHash, randomBytes } from "node:crypto";
import type { FileHandle } from "node:fs/promises";
import { HeyGenError, type StreamBody } from "../client/index.js";
import type { ToolContext } from "../tools/define.js";
import type { MediaType } from "./formats.js";

/** Catalog §1.8: POST /v3/assets takes at most 32 MB. */
export const SIMPLE_UPLOAD_MAX_BYTES = 32 * 1024 * 1024;
/** Fresh chunks for a consumer that may buffer ahead (the multipart POST, ≤32 MB in all). */
const CHUNK_BYTES = 64 * 1024;
/**
 * One reused buffer where the consumer takes each chunk before asking for the next (the hash, the direct
 * upload's PUT): fresh buffers for 1 GiB would let V8 defer collecting them by ~64 MB of external memory.
 */
const REUSED_BYTES = 1024 * 1024;
/** Progress notifications: about one per 1 % of the file, at least 4 MB apart. */
const PROGRESS_STEP_MIN = 4 * 1024 * 1024;

export interface UploadSource {
  name: string;
  type: MediaType;
  size: number;
  /**
   * The bytes in order, read afresh on every call (a retry resends from the start). With `reuse`, each
   * chunk is valid only until the next is requested.
   */
  read(reuse?: boolean): AsyncIterable<Uint8Array>;
  /** SHA-256 hex of the bytes. */
  sha256(): Promise<string>;
}

export interface UploadedAsset {
  asset_id: string;
  url: string;
  mime_type: string;
  size_bytes: number;
}

type UploadContext = Pick<ToolContext, "call" | "putPresigned" | "progress">;

const shrank = (name: string) =>
  new HeyGenError(0, "file_changed", `${name} shrank while being read.`, null, null, true, "Call again.");

export function fileSource(file: { name: string; type: MediaType; size: number; handle: FileHandle }): UploadSource {
  async function* read(reuse = false) {
    const shared = reuse ? Buffer.allocUnsafe(REUSED_BYTES) : null;
    for (let at = 0; at < file.size; ) {
      const chunk = shared ?? Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await file.handle.read(chunk, 0, Math.min(chunk.length, file.size - at), at);
      if (bytesRead === 0) throw shrank(file.name);
      at += bytesRead;
      yield chunk.subarray(0, bytesRead);
    }
  }
  return {
    name: file.name,
    type: file.type,
    size: file.size,
    read,
    async sha256() {
      const hash = createHash("sha256");
      for await (const chunk of read(true)) hash.update(chunk);
      return hash.digest("hex");
    },
  };
}

export const bufferSource = (name: string, type: MediaType, bytes: Buffer): UploadSource => ({
  name,
  type,
  size: bytes.length,
  async *read() {
    yield bytes;
  },
  sha256: async () => createHash("sha256").update(bytes).digest("hex"),
});

export async function uploadSource(src: UploadSource, ctx: UploadContext): Promise<UploadedAsset> {
  return src.size <= SIMPLE_UPLOAD_MAX_BYTES ? simpleUpload(src, ctx) : directUpload(src, ctx);
}

/** Counts bytes as they pass and reports progress in steps. */
async function* reported(
  src: UploadSource,
  ctx: UploadContext,
  label: string,
  reuse = false,
): AsyncIterable<Uint8Array> {
  const step = Math.max(PROGRESS_STEP_MIN, Math.ceil(src.size / 100));
  let sent = 0;
  let next = step;
  for await (const chunk of src.read(reuse)) {
    yield chunk;
    sent += chunk.length;
    if (sent >= next || sent === src.size) {
      next = sent + step;
      await ctx.progress(sent, src.size, `${label} ${src.name}: ${Math.floor((sent / src.size) * 100)} %`);
    }
  }
}

const quoted = (name: string) => name.replace(/["\\\r\n]/g, "_");

/** multipart/form-data with the one `file` part, framed around the streamed bytes. */
function multipart(src: UploadSource, ctx: UploadContext): StreamBody {
  const boundary = `heygen-mcp-${randomBytes(12).toString("hex")}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoted(src.name)}"\r\n` +
      `Content-Type: ${src.type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length: head.length + src.size + tail.length,
    async *open() {
      yield head;
      yield* reported(src, ctx, "Uploading");
      yield tail;
    },
  };
}

async function simpleUpload(src: UploadSource, ctx: UploadContext): Promise<UploadedAsset> {
  const { body } = await ctx.call<{ data: UploadedAsset }>({
    operation: "POST /v3/assets",
    stream: multipart(src, ctx),
  });
  return body.data;
}

interface Slot {
  asset_id: string;
  upload_url: string;
  upload_headers?: Record<string, string>;
}

async function directUpload(src: UploadSource, ctx: UploadContext): Promise<UploadedAsset> {
  // The checksum is signed into the slot, so HeyGen refuses bytes that differ from the file we checked.
  const checksum = await src.sha256();
  const { body: slot } = await ctx.call<{ data: Slot }>({
    operation: "POST /v3/assets/direct-uploads",
    body: { filename: src.name, content_type: src.type, size_bytes: src.size, checksum_sha256: checksum },
  });
  const { asset_id, upload_url, upload_headers } = slot.data;
  await ctx.putPresigned(upload_url, upload_headers ?? {}, {
    contentType: src.type,
    length: src.size,
    open: () => reported(src, ctx, "Uploading", true),
  });
  const { body } = await ctx.call<{ data: UploadedAsset }>({
    operation: "POST /v3/assets/{asset_id}/complete",
    pathParams: { asset_id },
    body: { checksum_sha256: checksum },
  });
  return body.data;
}
