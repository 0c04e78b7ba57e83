/**
 * Streams a file from a URL into the files folder: a temporary file beside the target, its size checked
 * against Content-Length, then moved into place (link, so an existing file is never replaced unless asked).
 * Memory stays flat whatever the size; a failed or cancelled download leaves nothing behind.
 */
import { randomBytes } from "node:crypto";
import { type FileHandle, link, open, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { HeyGenError } from "../client/index.js";
import type { ToolContext } from "../tools/define.js";
import { filesOff } from "./asset-args.js";
import { fileError } from "./folder.js";

export interface SavedFile {
  path: string;
  size_bytes: number;
  media_type: string | null;
}

type DownloadContext = Pick<ToolContext, "files" | "streamFile" | "progress">;

const PROGRESS_STEP_MIN = 4 * 1024 * 1024;
const errnoOf = (err: unknown) => (err as NodeJS.ErrnoException | undefined)?.code;

const exists = (param: string, path: string) =>
  fileError(
    "file_exists",
    `${basename(path)} already exists in the files folder.`,
    param,
    "Pass overwrite: true to replace it, or another file name.",
  );

/** Disk errors the user can act on; anything else stays an internal error. */
function writeError(err: unknown, param: string): unknown {
  const code = errnoOf(err);
  if (code === "ENOSPC" || code === "EDQUOT") {
    return fileError("disk_full", "The disk holding the files folder is full.", param, "Free space, then call again.");
  }
  if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
    return fileError("folder_not_writable", "The files folder cannot be written to.", param, "Fix its permissions.");
  }
  return err;
}

async function writeAll(
  handle: FileHandle,
  body: AsyncIterable<Uint8Array>,
  total: number | null,
  name: string,
  ctx: DownloadContext,
) {
  const step = Math.max(PROGRESS_STEP_MIN, Math.ceil((total ?? 0) / 100));
  let size = 0;
  let next = step;
  for await (const chunk of body) {
    // A write may be short (a disk filling up writes part, then fails on the rest): write until all is down.
    for (let at = 0; at < chunk.length; ) at += (await handle.write(chunk, at)).bytesWritten;
    size += chunk.length;
    if (size >= next) {
      next = size + step;
      await ctx.progress(size, total ?? undefined, `Downloading ${name}: ${size} bytes`);
    }
  }
  return size;
}

/** Moves the finished temp file to `target`; without overwrite an existing file (even a racing one) wins. */
async function place(temp: string, target: string, overwrite: boolean, param: string): Promise<void> {
  if (overwrite) return rename(temp, target);
  try {
    await link(temp, target);
  } catch (err) {
    if (errnoOf(err) === "EEXIST") throw exists(param, target);
    // Filesystems without hard links (FAT, some network mounts): check, then rename.
    if (await stat(target).catch(() => null)) throw exists(param, target);
    return rename(temp, target);
  }
  await rm(temp, { force: true });
}

export async function downloadToFolder(
  ctx: DownloadContext,
  url: string,
  fileName: string,
  overwrite: boolean,
  param = "file_name",
): Promise<SavedFile> {
  if (!ctx.files) throw filesOff(param);
  const target = await ctx.files.target(fileName, param);
  if (!overwrite && (await stat(target).catch(() => null))) throw exists(param, target);
  const got = await ctx.streamFile(url);
  if (!got.ok) {
    const why = got.reason === "http_status" ? `HTTP ${got.status}` : got.reason;
    throw new HeyGenError(
      502,
      "download_failed",
      `The file could not be fetched (${why}).`,
      null,
      null,
      true,
      "Call again; the link is fetched fresh each time.",
    );
  }
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.part`);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, "wx", 0o644);
    const size = await writeAll(handle, got.body, got.length, basename(target), ctx);
    await handle.close();
    handle = undefined;
    if (got.length !== null && size !== got.length) {
      throw new HeyGenError(
        502,
        "download_incomplete",
        `Got ${size} of ${got.length} bytes.`,
        null,
        null,
        true,
        "Call again.",
      );
    }
    await place(temp, target, overwrite, param);
    return { path: target, size_bytes: size, media_type: got.contentType };
  } catch (err) {
    got.body.destroy();
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw writeError(err, param);
  }
}
