// Peak RSS of the stdio server while it uploads a 1 GiB file by file_path (upload_asset → direct upload,
// streamed from disk), against a separate sandbox process that streams the PUT to disk and checks its
// SHA-256. The file is sparse (an MP4 header, then zeros) in a temp dir, removed afterwards.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, peakRssMiB, round, startAndWait, stdioPeer } from "./lib.mjs";

const SIZE = 1024 ** 3;

export async function uploadMemory() {
  const dir = mkdtempSync(join(tmpdir(), "heygen-bench-upload-"));
  const file = join(dir, "big.mp4");
  writeFileSync(file, readFileSync("src/sandbox/media/video.mp4").subarray(0, 64));
  execFileSync("truncate", ["-s", String(SIZE), file]);
  const sandbox = await startAndWait(process.execPath, [CLI, "sandbox", "--port", "0"], /"sandbox":"(http:[^"]+)"/);
  const url = sandbox.match[1];
  try {
    await fetch(`${url}/_sandbox/limits`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ max_direct_upload_bytes: 2 * SIZE }),
    });
    const peer = stdioPeer(
      process.execPath,
      [CLI, "--base-url", url, "--files-dir", dir, "--tools", "upload_asset", "--log-level", "error"],
      { HEYGEN_API_KEY: "bench-key-0123456789" },
    );
    try {
      await peer.initialize();
      await peer.request("tools/list", {});
      const idleMiB = peakRssMiB(peer.child.pid);
      const started = performance.now();
      const res = await peer.request("tools/call", { name: "upload_asset", arguments: { file_path: "big.mp4" } });
      const seconds = (performance.now() - started) / 1000;
      const out = res.result?.structuredContent;
      if (res.result?.isError || out?.size_bytes !== SIZE) {
        throw new Error(`upload failed: ${JSON.stringify(res.result ?? res.error).slice(0, 300)}`);
      }
      return {
        fileMiB: SIZE / 1024 ** 2,
        serverPeakMiB: peakRssMiB(peer.child.pid),
        serverIdlePeakMiB: idleMiB,
        sandboxPeakMiB: peakRssMiB(sandbox.child.pid),
        seconds: round(seconds, 1),
        mibPerSecond: round(SIZE / 1024 ** 2 / seconds, 0),
      };
    } finally {
      await peer.close();
    }
  } finally {
    sandbox.child.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}
