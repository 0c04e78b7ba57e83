// Bundles the CLI (cold start: few files to load, design §11). The sandbox and undici are split into chunks
// loaded on first use, so a desktop client's start parses only what serving stdio needs. The bin entry
// (src/bin.mjs) checks the Node version, enables Node's on-disk compile cache, then loads the bundle.
// Source maps stay in dist/ for development; package.json's `files` keeps them out of the package.
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, cpSync, readFileSync, rmSync } from "node:fs";

const { build } = await loadEsbuild();

const { version } = JSON.parse(readFileSync("package.json", "utf8"));
rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints: { main: "src/cli.ts" },
  outdir: "dist",
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node22",
  minify: true,
  sourcemap: "linked",
  legalComments: "linked",
  // undici and other CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __heygenCreateRequire } from 'node:module';\nconst require = __heygenCreateRequire(import.meta.url);",
  },
  define: { __HEYGEN_MCP_VERSION__: JSON.stringify(version) },
  logLevel: "warning",
});
copyFileSync("src/bin.mjs", "dist/heygen-mcp.js");
// The sandbox chunk reads its media from ./media beside itself.
cpSync("src/sandbox/media", "dist/chunks/media", { recursive: true });
chmodSync("dist/heygen-mcp.js", 0o755);

/**
 * esbuild is a devDependency. `npm pack` in a fresh clone runs this as `prepare` before anything is
 * installed, so there (and only in a lifecycle script) it installs the locked devDependencies first.
 */
async function loadEsbuild() {
  try {
    return await import("esbuild");
  } catch (err) {
    const lifecycle = process.env.npm_lifecycle_event;
    if (err?.code !== "ERR_MODULE_NOT_FOUND" || (lifecycle !== "prepare" && lifecycle !== "prepack")) throw err;
    console.error("build: esbuild is not installed; running npm ci --ignore-scripts first");
    execFileSync("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], { stdio: "inherit" });
    return import("esbuild");
  }
}
