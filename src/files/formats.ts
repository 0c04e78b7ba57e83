/**
 * What a local file must be for each kind of HeyGen file input: the types HeyGen accepts there
 * (judged by the file's magic bytes, not its name) and the largest size (api-catalog §1.8).
 */

const MB = 1024 * 1024;

/** The MIME types HeyGen's uploads take (catalog §2.7), with the extension a stored name gets. */
export const MEDIA_TYPES = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "video/mp4": "mp4",
  "video/webm": "webm",
  "audio/mpeg": "mp3",
  "audio/wav": "wav",
  "application/pdf": "pdf",
  "application/x-subrip": "srt",
  "application/zip": "zip",
} as const;

export type MediaType = keyof typeof MEDIA_TYPES;

const IMAGE = ["image/png", "image/jpeg"] as const;
const VIDEO = ["video/mp4", "video/webm"] as const;
const AUDIO = ["audio/mpeg", "audio/wav"] as const;

/** Catalog §1.8: video ≤100 MB, image ≤50 MB, audio ≤50 MB; HyperFrames projects ≤200 MB. */
const LIMIT_BY_TYPE: Record<MediaType, number> = {
  "image/png": 50 * MB,
  "image/jpeg": 50 * MB,
  "video/mp4": 100 * MB,
  "video/webm": 100 * MB,
  "audio/mpeg": 50 * MB,
  "audio/wav": 50 * MB,
  "application/pdf": 32 * MB,
  "application/x-subrip": 32 * MB,
  "application/zip": 200 * MB,
};

export interface FileKind {
  types: readonly MediaType[];
  /** Bytes; null: HeyGen's upload endpoint judges the size (upload_asset). */
  limitFor(type: MediaType): number | null;
}

const kind = (types: readonly MediaType[]): FileKind => ({ types, limitFor: (t) => LIMIT_BY_TYPE[t] });

/** Each kind of file input a tool declares. */
export const FILE_KINDS = {
  image: kind(IMAGE),
  video: kind(VIDEO),
  audio: kind(AUDIO),
  srt: kind(["application/x-subrip"]),
  project: kind(["application/zip"]),
  media: kind([...IMAGE, ...VIDEO, ...AUDIO]),
  /** Video Agent attachments (catalog §1.8). */
  attachment: kind([...IMAGE, ...VIDEO, ...AUDIO, "application/pdf"]),
  /** upload_asset: anything HeyGen stores; its direct-upload slot enforces HeyGen's size limit. */
  asset: { types: Object.keys(MEDIA_TYPES) as MediaType[], limitFor: () => null },
} satisfies Record<string, FileKind>;

export type FileKindName = keyof typeof FILE_KINDS;

const startsWith = (b: Uint8Array, bytes: readonly number[], at = 0) => bytes.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, at: number, text: string) =>
  Buffer.from(b).toString("latin1", at, at + text.length) === text;
const SRT_HEAD = /^\uFEFF?\s*\d+\s*\r?\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{3}\s*-->\s*\d{1,2}:\d{2}:\d{2}[,.]\d{3}/;

/** Bytes enough for every signature below. */
export const SNIFF_BYTES = 512;

/** The type the first bytes of a file show (magic numbers; SRT by its first cue), or null. */
export function sniffType(head: Uint8Array): MediaType | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (ascii(head, 4, "ftyp")) return "video/mp4";
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return "video/webm";
  if (ascii(head, 0, "ID3") || (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0)) return "audio/mpeg";
  if (ascii(head, 0, "RIFF") && ascii(head, 8, "WAVE")) return "audio/wav";
  if (ascii(head, 0, "%PDF-")) return "application/pdf";
  if (ascii(head, 0, "PK\x03\x04")) return "application/zip";
  if (SRT_HEAD.test(Buffer.from(head).toString("utf8", 0, 256))) return "application/x-subrip";
  return null;
}

export const extensionOf = (type: string): string => MEDIA_TYPES[type as MediaType] ?? "bin";

/** Catalog §2.7 names for the types, in error messages. */
export const typeNames = (types: readonly MediaType[]) => types.map((t) => MEDIA_TYPES[t]).join(", ");
