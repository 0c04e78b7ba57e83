/**
 * The MCP SDK's stdio transport closes the whole connection when one message passes its read buffer
 * (ReadBuffer throws, the transport closes, the process exits): one oversized base64 argument would end
 * the session. This filter sits in front of it: it hands the transport one complete line at a time and
 * drops a line longer than MAX_MESSAGE_BYTES as it streams (never buffering it), answering that
 * request with a JSON-RPC error instead.
 */
import { type Readable, Transform, type TransformCallback } from "node:stream";
import { StdioServerTransport } from "@modelcontextprotocol/server/stdio";
import type { Logger } from "./log.js";

/** Messages up to this size reach the tools, so an over-limit base64 gets the tool's own error. */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
const EDGE_BYTES = 512;
const INVALID_REQUEST = -32600;

const ID = String.raw`(-?\d+|"(?:[^"\\]|\\.)*")`;
// The SDK client writes `id` last ({...request, jsonrpc, id}); others write it first.
const ID_AT_END = new RegExp(String.raw`"id"\s*:\s*${ID}\s*(?:,\s*"jsonrpc"\s*:\s*"2\.0"\s*)?\}\s*$`);
const ID_AT_START = new RegExp(String.raw`^\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?"id"\s*:\s*${ID}`);

export class LineLimiter extends Transform {
  #parts: Buffer[] = [];
  #size = 0;
  #dropping = false;
  #head = "";
  #tail = Buffer.alloc(0);

  constructor(
    private readonly maxBytes: number,
    private readonly onOversized: (id: string | null, bytes: number) => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    for (let start = 0; start < chunk.length; ) {
      const newline = chunk.indexOf(0x0a, start);
      const end = newline === -1 ? chunk.length : newline + 1;
      this.#take(chunk.subarray(start, end));
      if (newline !== -1) this.#endLine();
      start = end;
    }
    done();
  }

  #take(piece: Buffer): void {
    if (this.#size === 0) this.#head = piece.toString("utf8", 0, EDGE_BYTES);
    this.#size += piece.length;
    if (this.#dropping) {
      this.#tail = Buffer.concat([this.#tail, piece]).subarray(-EDGE_BYTES);
    } else if (this.#size > this.maxBytes) {
      this.#dropping = true;
      this.#tail = Buffer.concat([...this.#parts.slice(-1), piece]).subarray(-EDGE_BYTES);
      this.#parts = [];
    } else {
      this.#parts.push(piece);
    }
  }

  #endLine(): void {
    if (this.#dropping) {
      const tail = this.#tail.toString("utf8");
      const id = ID_AT_END.exec(tail)?.[1] ?? ID_AT_START.exec(this.#head)?.[1] ?? null;
      this.onOversized(id, this.#size);
    } else {
      this.push(Buffer.concat(this.#parts));
    }
    this.#parts = [];
    this.#size = 0;
    this.#dropping = false;
    this.#tail = Buffer.alloc(0);
  }
}

/** stdin as whole lines, an oversized message answered with an error instead of ending the session. */
export function boundedStdin(logger: Logger): Transform {
  const limiter = new LineLimiter(MAX_MESSAGE_BYTES, (id, bytes) => {
    logger.warn("stdio_message_too_large", { bytes, limit: MAX_MESSAGE_BYTES });
    if (id === null) return;
    const message = `Message of ${bytes} bytes is over this server's ${MAX_MESSAGE_BYTES}-byte limit; pass large files as file_path, not base64.`;
    process.stdout.write(
      `${JSON.stringify({ jsonrpc: "2.0", id: JSON.parse(id), error: { code: INVALID_REQUEST, message } })}\n`,
    );
  });
  return process.stdin.pipe(limiter);
}

/** The SDK transport reading checked lines; its buffer fits the largest message the limiter lets through. */
export const stdioTransportFor = (input: NodeJS.ReadableStream) =>
  new StdioServerTransport(input as Readable, process.stdout, { maxBufferSize: MAX_MESSAGE_BYTES + 1 });
