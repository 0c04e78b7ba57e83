/**
 * File inputs given as a local file_path (or as base64 where HeyGen's field takes no base64) are
 * uploaded before the tool runs and replaced by the asset id, so handlers only ever see url, asset_id
 * or base64. Every file is checked before anything is sent: one refused file means no upload at all.
 */
import type { ToolContext } from "../tools/define.js";
import { fileError, type LocalFile } from "./folder.js";
import { FILE_KINDS, type FileKindName, type MediaType, sniffType, typeNames } from "./formats.js";
import { bufferSource, fileSource, type UploadSource, uploadSource } from "./upload.js";

/**
 * base64 arrives inside one JSON-RPC message, and the MCP SDK's stdio transport takes at most
 * 10 MiB per message (STDIO_DEFAULT_MAX_BUFFER_SIZE). 7 MiB decoded is 9.33 MiB of base64, which
 * leaves room for the rest of the call.
 */
export const MAX_BASE64_BYTES = 7 * 1024 * 1024;
export const MAX_BASE64_CHARS = Math.ceil(MAX_BASE64_BYTES / 3) * 4;

export interface AssetSpec {
  kind: FileKindName;
  /** HeyGen's field takes base64 inline (catalog §1.6); otherwise base64 is uploaded first. */
  inlineBase64: boolean;
}

export interface AssetArg {
  url?: string;
  asset_id?: string;
  base64?: string;
  media_type?: string;
  file_path?: string;
}

export interface UploadedFile {
  /** The argument it was given in, e.g. "image" or "files.1". */
  param: string;
  file_path?: string;
  asset_id: string;
}

const specs = new WeakMap<object, AssetSpec>();

/** Marks a parsed file-input object so the resolver finds it wherever it sits in the arguments. */
export function markAssetArg<T extends object>(value: T, spec: AssetSpec): T {
  specs.set(value, spec);
  return value;
}

export function decodeBase64(data: string, param: string): Buffer {
  const bytes = Buffer.from(data, "base64");
  if (bytes.length === 0) {
    throw fileError(
      "invalid_parameter",
      `${param} is not valid base64 data.`,
      param,
      "Send the file's bytes as base64.",
    );
  }
  if (bytes.length > MAX_BASE64_BYTES) {
    throw fileError(
      "payload_too_large",
      `${param} decodes to ${bytes.length} bytes; base64 takes at most ${MAX_BASE64_BYTES} (7 MB).`,
      param,
      "Pass the file as file_path (a file in the files folder) instead of base64.",
    );
  }
  return bytes;
}

interface Pending {
  arg: AssetArg;
  param: string;
  source: UploadSource;
  file?: LocalFile;
}

function collect(value: unknown, path: string[], found: { arg: AssetArg; spec: AssetSpec; param: string }[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      collect(item, [...path, String(i)], found);
    });
  } else if (value !== null && typeof value === "object") {
    const spec = specs.get(value);
    if (spec) found.push({ arg: value as AssetArg, spec, param: path.join(".") });
    else for (const [key, item] of Object.entries(value)) collect(item, [...path, key], found);
  }
}

function base64Source(arg: AssetArg, kind: FileKindName, param: string): UploadSource {
  const bytes = decodeBase64(arg.base64 ?? "", `${param}.base64`);
  const type = sniffType(bytes);
  const { types } = FILE_KINDS[kind];
  if (!type || !types.includes(type)) {
    throw fileError(
      "unsupported_file_type",
      `${param}.base64 holds ${type ?? "an unrecognised type"}; this input takes ${typeNames(types)}.`,
      `${param}.base64`,
      "Send a file of one of those types.",
    );
  }
  return bufferSource(`upload.${type.split("/")[1]}`, type as MediaType, bytes);
}

async function prepare(arg: AssetArg, spec: AssetSpec, param: string, ctx: ToolContext): Promise<Pending | null> {
  if (arg.file_path !== undefined) {
    const at = `${param}.file_path`;
    if (!ctx.files) throw filesOff(at);
    const file = await ctx.files.openFile(arg.file_path, FILE_KINDS[spec.kind], at);
    return { arg, param, source: fileSource(file), file };
  }
  if (arg.base64 === undefined) return null;
  if (spec.inlineBase64) {
    decodeBase64(arg.base64, `${param}.base64`);
    return null;
  }
  return { arg, param, source: base64Source(arg, spec.kind, param) };
}

export const filesOff = (param: string) =>
  fileError(
    "local_files_disabled",
    `${param}: this server reads no local files.`,
    param,
    "Over HTTP local files are off unless the operator starts the server with --files-dir; pass url or asset_id instead.",
  );

/** Checks every file input, then uploads those that need it; returns what was uploaded. */
export async function resolveAssetArgs(input: unknown, ctx: ToolContext): Promise<UploadedFile[]> {
  const found: { arg: AssetArg; spec: AssetSpec; param: string }[] = [];
  collect(input, [], found);
  const pending: Pending[] = [];
  try {
    for (const { arg, spec, param } of found) {
      const p = await prepare(arg, spec, param, ctx);
      if (p) pending.push(p);
    }
    const uploaded: UploadedFile[] = [];
    for (const p of pending) {
      const asset = await uploadSource(p.source, ctx);
      p.arg.asset_id = asset.asset_id;
      delete p.arg.file_path;
      delete p.arg.base64;
      delete p.arg.media_type;
      uploaded.push({ param: p.param, ...(p.file ? { file_path: p.file.path } : {}), asset_id: asset.asset_id });
    }
    return uploaded;
  } finally {
    await Promise.all(pending.map((p) => p.file?.handle.close()));
  }
}
