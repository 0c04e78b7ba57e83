/**
 * A real files folder in a temp dir, with the things a folder boundary must refuse beside it: a file
 * outside, symlinks out, a FIFO, a socket, a directory, an empty file, a wrong type and a sparse file
 * over HeyGen's size limit. Nothing here is ever written outside the temp dir.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const OUTSIDE_MARKER = "OUTSIDE-SECRET-5c1e";
export const MEDIA = "src/sandbox/media";

export interface FilesFixture {
  base: string;
  folder: string;
  outside: string;
  close(): Promise<void>;
  /** Every entry under base except the folder: proves nothing was written outside. */
  outsideEntries(): string[];
}

/** A sparse file of `size` bytes that starts with `head`: large on paper, a few KB on disk. */
export function sparseFile(path: string, head: Buffer, size: number): void {
  writeFileSync(path, head);
  execFileSync("truncate", ["-s", String(size), path]);
}

export async function filesFixture(): Promise<FilesFixture> {
  const base = mkdtempSync(join(tmpdir(), "heygen-files-"));
  const folder = join(base, "F");
  mkdirSync(folder);
  const outside = join(base, "outside.txt");
  writeFileSync(outside, `${OUTSIDE_MARKER}\n`);
  copyFileSync(`${MEDIA}/preview.png`, join(folder, "photo.png"));
  copyFileSync(`${MEDIA}/video.mp4`, join(folder, "clip.mp4"));
  copyFileSync(`${MEDIA}/voice-preview.mp3`, join(folder, "voice.mp3"));
  symlinkSync(outside, join(folder, "link-out.txt"));
  symlinkSync(base, join(folder, "parent-link"));
  symlinkSync("/dev/zero", join(folder, "zero"));
  execFileSync("mkfifo", [join(folder, "pipe")]);
  mkdirSync(join(folder, "sub"));
  writeFileSync(join(folder, "empty.png"), "");
  writeFileSync(join(folder, "notes.png"), "just text, not a png\n");
  const socket: Server = createServer();
  await new Promise<void>((resolve) => socket.listen(join(folder, "sock"), resolve));
  const before = new Set(readdirSync(base));
  return {
    base,
    folder,
    outside,
    outsideEntries: () => readdirSync(base).filter((e) => !before.has(e)),
    async close() {
      await new Promise<void>((resolve) => socket.close(() => resolve()));
      rmSync(base, { recursive: true, force: true });
    },
  };
}
