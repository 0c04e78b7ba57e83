// Bundles the CLI (cold start: few files to load, design §11). The sandbox and undici are split into chunks
// loaded on first use, so a desktop client's start parses only what serving stdio needs. The entry enables
// Node's on-disk compile cache before loading the bundle.
import { chmodSync, cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { build } from "esbuild";

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
writeFileSync(
  "dist/heygen-mcp.js",
  [
    "#!/usr/bin/env node",
    "// Compiled code is cached on disk (Node >= 22.1), so every start after the first skips most parsing.",
    'import module from "node:module";',
    "module.enableCompileCache?.();",
    'await import("./main.js");',
    "",
  ].join("\n"),
);
// The sandbox chunk reads its media from ./media beside itself.
cpSync("src/sandbox/media", "dist/chunks/media", { recursive: true });
chmodSync("dist/heygen-mcp.js", 0o755);
