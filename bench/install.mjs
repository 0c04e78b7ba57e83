// Install: the packed tarball installed into an empty folder, as a user gets it; its size on disk and the time
// from spawning its bin to the first tools/list answer (the very first start, before Node's compile cache has
// the installed files, and the median start after), interleaved with the checkout's dist/ as the baseline so
// both see the same machine load.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, round, stdioPeer, summarize } from "./lib.mjs";

const RUNS = 10;

/** Bytes of every file under a folder. */
function sizeOf(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

async function firstList(bin) {
  const started = performance.now();
  const peer = stdioPeer(process.execPath, [bin], {
    HEYGEN_API_KEY: "bench-key-0123456789",
    HEYGEN_MCP_LOG_LEVEL: "error",
  });
  await peer.initialize();
  const list = await peer.request("tools/list", {});
  const ms = performance.now() - started;
  await peer.close();
  if (!list.result?.tools?.length) throw new Error("the installed server listed no tools");
  return ms;
}

export async function installCost() {
  const root = mkdtempSync(join(tmpdir(), "heygen-mcp-bench-install-"));
  try {
    // dist/ is fresh (npm run bench builds first), so the prepare build is skipped here.
    const [packed] = JSON.parse(
      execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", root], { encoding: "utf8" }),
    );
    const tarball = join(root, packed.filename);
    const app = join(root, "app");
    mkdirSync(app);
    writeFileSync(join(app, "package.json"), '{ "name": "empty", "private": true }\n');
    const started = performance.now();
    execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", tarball], { cwd: app, stdio: "ignore" });
    const installMs = performance.now() - started;
    const modules = join(app, "node_modules");
    const bin = realpathSync(join(modules, ".bin", "heygen-mcp"));
    const firstMs = await firstList(bin);
    const samples = [];
    const checkout = [];
    for (let i = 0; i < RUNS; i++) {
      samples.push(await firstList(bin));
      checkout.push(await firstList(CLI));
    }
    const median = summarize(samples).p50;
    const baseline = summarize(checkout).p50;
    return {
      tarballKiB: round(statSync(tarball).size / 1024, 0),
      files: packed.files.length,
      installedMiB: round(sizeOf(modules) / 2 ** 20, 2),
      packages: readdirSync(modules).filter((n) => !n.startsWith(".")).length,
      installMs: round(installMs, 0),
      firstListMs: round(firstMs, 1),
      listMedianMs: round(median, 1),
      checkoutMedianMs: round(baseline, 1),
      ratio: round(median / baseline),
      runs: RUNS,
      loadAverage: round(loadavg()[0], 1),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
