// Bundles the CLI into one ESM file (cold start: one file to load, design §11) and copies the sandbox media.
import { chmodSync, cpSync, rmSync } from "node:fs";
import { build } from "esbuild";

rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints: ["src/cli.ts"],
  outfile: "dist/heygen-mcp.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  minify: true,
  sourcemap: "linked",
  legalComments: "linked",
  // undici and other CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __heygenCreateRequire } from 'node:module';\nconst require = __heygenCreateRequire(import.meta.url);",
  },
  splitting: false,
  logLevel: "warning",
});
cpSync("src/sandbox/media", "dist/media", { recursive: true });
chmodSync("dist/heygen-mcp.js", 0o755);
