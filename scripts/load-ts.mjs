// Bundles a TypeScript entry with esbuild (no extra runtime) for the scripts and benches that need the sources.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

/**
 * Writes `entry` bundled to node_modules/.cache/<cacheName>/<outName> and returns that file's path.
 * The bundle sits inside node_modules so that its external imports resolve from the project.
 */
export async function bundleTs(entry, cacheName, outName) {
  const dir = join("node_modules", ".cache", cacheName);
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, outName);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "warning",
  });
  return outfile;
}

/** Bundles `entry` as bundleTs does and imports it. */
export async function importTs(entry, cacheName, outName) {
  const outfile = await bundleTs(entry, cacheName, outName);
  return import(pathToFileURL(join(process.cwd(), outfile)).href);
}
