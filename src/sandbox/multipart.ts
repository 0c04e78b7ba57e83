/**
 * A small multipart/form-data parser (RFC 7578 on RFC 2046 framing) for the routes that take one:
 * POST /v3/assets. Works on the whole body in memory; the route's body limit bounds it.
 */

export interface Part {
  name: string;
  /** The part's filename parameter; null for a plain field. */
  filename: string | null;
  contentType: string | null;
  data: Buffer;
}

export class MultipartError extends Error {}

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");
const MAX_PARTS = 100;
const MAX_HEADER_BYTES = 8 * 1024;

/** The boundary of a multipart/form-data Content-Type; null when it is another type. */
export function boundaryOf(contentType: string | undefined): string | null {
  if (!contentType) return null;
  const [type = "", ...params] = contentType.split(";");
  if (type.trim().toLowerCase() !== "multipart/form-data") return null;
  for (const p of params) {
    const m = /^\s*boundary\s*=\s*(?:"([^"]*)"|([^\s;]*))\s*$/i.exec(p);
    if (m) {
      const boundary = m[1] ?? m[2] ?? "";
      if (boundary.length < 1 || boundary.length > 70) throw new MultipartError("boundary must be 1-70 characters");
      return boundary;
    }
  }
  throw new MultipartError("multipart/form-data without a boundary parameter");
}

/** `name="a"; filename="b"` → { name: "a", filename: "b" }; quoted strings may escape `"` and `\`. */
function headerParams(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  for (const m of value.matchAll(re)) {
    const key = (m[1] ?? "").toLowerCase();
    out[key] = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : (m[3] ?? "").trim();
  }
  const extended = out["filename*"];
  if (extended !== undefined) {
    // RFC 5987: charset'lang'percent-encoded
    const m = /^([^']*)'[^']*'(.*)$/.exec(extended);
    if (m) {
      try {
        out.filename = decodeURIComponent(m[2] ?? "");
      } catch {
        // keep the plain filename
      }
    }
  }
  return out;
}

function parsePart(raw: Buffer): Part {
  let headerText = "";
  let data: Buffer;
  if (raw.subarray(0, 2).equals(CRLF)) {
    data = raw.subarray(2);
  } else {
    const end = raw.indexOf(HEADER_END);
    if (end < 0) throw new MultipartError("a part has no blank line after its headers");
    if (end > MAX_HEADER_BYTES) throw new MultipartError("part headers too large");
    headerText = raw.subarray(0, end).toString("utf8");
    data = raw.subarray(end + HEADER_END.length);
  }
  const headers = new Map<string, string>();
  for (const line of headerText.split("\r\n")) {
    if (line === "") continue;
    const colon = line.indexOf(":");
    if (colon <= 0) throw new MultipartError(`malformed part header "${line.slice(0, 40)}"`);
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get("content-disposition");
  if (!disposition || !/^form-data\s*(;|$)/i.test(disposition)) {
    throw new MultipartError("every part needs Content-Disposition: form-data");
  }
  const params = headerParams(disposition.slice(disposition.search(/form-data/i) + "form-data".length));
  if (params.name === undefined || params.name === "") throw new MultipartError("a part has no name");
  return {
    name: params.name,
    filename: params.filename ?? null,
    contentType: headers.get("content-type") ?? null,
    data,
  };
}

/** Splits a body into its parts; throws MultipartError on malformed framing. */
export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const next = Buffer.concat([CRLF, delimiter]);
  // The first delimiter opens the body or follows a preamble line.
  let at = body.subarray(0, delimiter.length).equals(delimiter) ? 0 : body.indexOf(next);
  if (at < 0) throw new MultipartError("the body does not contain the boundary");
  if (at > 0) at += CRLF.length;
  const parts: Part[] = [];
  for (;;) {
    let cursor = at + delimiter.length;
    if (body[cursor] === 0x2d && body[cursor + 1] === 0x2d) return parts; // closing "--"
    while (body[cursor] === 0x20 || body[cursor] === 0x09) cursor++; // transport padding
    if (body[cursor] !== 0x0d || body[cursor + 1] !== 0x0a) throw new MultipartError("malformed boundary line");
    const start = cursor + 2;
    const end = body.indexOf(next, start);
    if (end < 0) throw new MultipartError("the body ends before the closing boundary");
    if (parts.length >= MAX_PARTS) throw new MultipartError(`more than ${MAX_PARTS} parts`);
    parts.push(parsePart(body.subarray(start, end)));
    at = end + CRLF.length;
  }
}

/**
 * A multipart body as its fields, for the request log: files as "name (N bytes)", text fields as
 * their (shortened) value. Null when the body is not well-formed multipart/form-data.
 */
export function summarizeMultipart(body: Buffer, contentType: string | undefined): Record<string, string> | null {
  try {
    const boundary = boundaryOf(contentType);
    if (boundary === null) return null;
    const out: Record<string, string> = {};
    for (const p of parseMultipart(body, boundary)) {
      out[p.name] = p.filename !== null ? `${p.filename} (${p.data.length} bytes)` : p.data.toString("utf8", 0, 200);
    }
    return out;
  } catch {
    return null;
  }
}
