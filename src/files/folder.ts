/**
 * The files folder: the one directory a server may read local files from and write results into
 * (--files-dir). Every path, relative to the folder or absolute, is resolved with realpath and must stay
 * inside it; only regular, readable, non-empty files of the right type and size are opened.
 */
import { constants, type Stats } from "node:fs";
import { type FileHandle, open, realpath, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { HeyGenError } from "../client/index.js";
import { type FileKind, type MediaType, SNIFF_BYTES, sniffType, typeNames } from "./formats.js";

export const fileError = (code: string, message: string, param: string, hint: string) =>
  new HeyGenError(400, code, message, param, null, false, hint);

export interface LocalFile {
  /** The real, absolute path that was opened. */
  path: string;
  name: string;
  size: number;
  type: MediaType;
  /** Opened once and read from this handle only, so the checked file is the file that is sent. */
  handle: FileHandle;
}

const MODE_NAMES: [number, string][] = [
  [constants.S_IFDIR, "a directory"],
  [constants.S_IFIFO, "a FIFO"],
  [constants.S_IFSOCK, "a socket"],
  [constants.S_IFCHR, "a device"],
  [constants.S_IFBLK, "a device"],
];

const whatIs = (s: Stats) => MODE_NAMES.find(([mode]) => (s.mode & constants.S_IFMT) === mode)?.[1] ?? "not a file";

function isInside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel !== "" && rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

const errnoOf = (err: unknown) => (err as NodeJS.ErrnoException | undefined)?.code;

export class FilesFolder {
  private constructor(
    /** The folder as configured, made absolute. */
    private readonly given: string,
    /** Its real path: what every resolved file is checked against. */
    readonly root: string,
  ) {}

  /** Throws when the folder is missing or not a directory (a start-up error). */
  static async open(dir: string): Promise<FilesFolder> {
    const given = resolve(dir);
    const root = await realpath(given);
    if (!(await stat(root)).isDirectory()) throw new Error(`${dir} is not a directory`);
    return new FilesFolder(given, root);
  }

  private outside(param: string, detail: string): HeyGenError {
    return fileError(
      "file_outside_folder",
      `${param} ${detail} outside the files folder.`,
      param,
      `Only files inside ${this.root} can be used (set with --files-dir); copy the file there and pass its name.`,
    );
  }

  /** The absolute path a caller's text names: relative to the folder, absolute, ~/…, or a file:// URL. */
  private lexical(text: string): string {
    const path = text.startsWith("file://") ? fileURLToPath(text) : text.replace(/^~(?=$|\/)/, homedir());
    return resolve(this.root, path);
  }

  /** Resolves a path to its real location inside the folder, refusing any escape (.., symlinks). */
  async locate(text: string, param: string): Promise<string> {
    const path = this.lexical(text);
    if (!isInside(this.root, path) && !isInside(this.given, path)) throw this.outside(param, "points");
    let real: string;
    try {
      real = await realpath(path);
    } catch (err) {
      if (errnoOf(err) === "ENOENT" || errnoOf(err) === "ENOTDIR") {
        throw fileError("file_not_found", `${param}: no such file in the files folder.`, param, this.listHint());
      }
      throw this.unreadable(param);
    }
    if (!isInside(this.root, real)) throw this.outside(param, "resolves through a symlink to a file");
    return real;
  }

  private listHint(): string {
    return `Check the name; paths are relative to ${this.root}.`;
  }

  private unreadable(param: string): HeyGenError {
    return fileError(
      "file_unreadable",
      `${param}: the file cannot be read.`,
      param,
      "Fix its permissions or pick another file.",
    );
  }

  /** Opens a file for upload after every check; the caller closes `handle`. */
  async openFile(text: string, kind: FileKind, param: string): Promise<LocalFile> {
    const real = await this.locate(text, param);
    // stat before open: opening a FIFO for reading would block until a writer appears.
    const before = await stat(real).catch(() => null);
    if (!before) throw this.unreadable(param);
    if (!before.isFile()) {
      throw fileError("not_a_file", `${param} is ${whatIs(before)}, not a regular file.`, param, "Pass a file.");
    }
    let handle: FileHandle;
    try {
      // O_NONBLOCK too: should the path have been swapped for a FIFO since the stat, open still returns.
      handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    } catch {
      throw this.unreadable(param);
    }
    try {
      return await this.check(handle, before, real, kind, param);
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  private async check(handle: FileHandle, before: Stats, real: string, kind: FileKind, param: string) {
    const now = await handle.stat();
    if (!now.isFile() || now.ino !== before.ino || now.dev !== before.dev) {
      throw fileError("not_a_file", `${param} changed while being opened.`, param, "Call again.");
    }
    if (now.size === 0) throw fileError("file_empty", `${param} is empty.`, param, "Pass a file with content.");
    const head = Buffer.alloc(Math.min(SNIFF_BYTES, now.size));
    await handle.read(head, 0, head.length, 0);
    const type = sniffType(head);
    if (!type || !kind.types.includes(type)) {
      const found = type ? `a ${type} file` : "of a type HeyGen does not take";
      throw fileError(
        "unsupported_file_type",
        `${param} is ${found}; this input takes ${typeNames(kind.types)} (judged by the file's content).`,
        param,
        "Convert the file to one of those types, or pass another file.",
      );
    }
    const limit = kind.limitFor(type);
    if (limit !== null && now.size > limit) {
      throw fileError(
        "file_too_large",
        `${param} is ${now.size} bytes; HeyGen takes at most ${limit} bytes (${limit / 1024 / 1024} MB) of ${type} here.`,
        param,
        "Compress or trim the file, then call again.",
      );
    }
    return { path: real, name: basename(real), size: now.size, type, handle };
  }

  /**
   * Where a new file named `text` goes: inside the folder, in an existing directory. The caller writes
   * a temporary file beside it and renames it into place.
   */
  async target(text: string, param: string): Promise<string> {
    const path = this.lexical(text);
    if (!isInside(this.root, path) && !isInside(this.given, path)) throw this.outside(param, "points");
    const parent = await this.locateDir(dirname(path), param);
    const target = resolve(parent, basename(path));
    const existing = await stat(target).catch(() => null);
    if (existing && !existing.isFile()) {
      throw fileError("not_a_file", `${param} names ${whatIs(existing)}.`, param, "Pick another file name.");
    }
    return target;
  }

  private async locateDir(dir: string, param: string): Promise<string> {
    if (dir === this.root || dir === this.given) return this.root;
    const real = await this.locate(dir, param);
    if (!(await stat(real)).isDirectory()) {
      throw fileError("not_a_file", `${param}: ${basename(dir)} is not a directory.`, param, "Pick another name.");
    }
    return real;
  }
}
