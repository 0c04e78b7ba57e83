/**
 * Where presigned PUTs land: each upload streams into its own file in a temporary directory (hashed on
 * the way), so the sandbox verifies a file of any size without holding it in memory. The directory
 * is removed when the sandbox closes.
 */
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";

export interface Received {
  file: string;
  size: number;
  sha256: string;
  md5: string;
  /** The first bytes, enough to sniff the type. */
  head: Buffer;
}

const HEAD_BYTES = 4096;

export class Spool {
  #dir: Promise<string> | undefined;
  #count = 0;

  async receive(body: AsyncIterable<Buffer>): Promise<Received> {
    this.#dir ??= mkdtemp(join(tmpdir(), "heygen-sandbox-"));
    const file = join(await this.#dir, `upload-${++this.#count}`);
    const sha = createHash("sha256");
    const md5 = createHash("md5");
    let size = 0;
    let head = Buffer.alloc(0);
    await pipeline(
      body,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          sha.update(chunk);
          md5.update(chunk);
          size += chunk.length;
          if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
          yield chunk;
        }
      },
      createWriteStream(file),
    ).catch(async (err: unknown) => {
      // An aborted PUT leaves nothing behind.
      await rm(file, { force: true });
      throw err;
    });
    return { file, size, sha256: sha.digest("hex"), md5: md5.digest("hex"), head };
  }

  async discard(received: Received): Promise<void> {
    await rm(received.file, { force: true });
  }

  async close(): Promise<void> {
    if (this.#dir) await rm(await this.#dir, { recursive: true, force: true });
  }
}
