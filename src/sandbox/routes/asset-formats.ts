/**
 * Asset formats (catalog §2.7): the MIME types uploads may declare, their aliases, and what the
 * bytes themselves say (uploads are sniffed, not trusted).
 */

interface Format {
  /** Asset `type` as GET /v3/assets/{id} reports it. */
  type: string;
  ext: string;
  /** Accepted by POST /v3/assets (zip only through direct uploads, for HyperFrames projects). */
  simple: boolean;
}

export const FORMATS: Record<string, Format> = {
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

export const canonicalType = (declared: string): string | null => {
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

export const SIMPLE_LIST = "png, jpeg, mp4, webm, mp3, wav, pdf, srt";
