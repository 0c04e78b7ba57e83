#!/usr/bin/env node
// The `heygen-mcp` bin, copied to dist/heygen-mcp.js by the build. It checks the Node version before
// anything else loads: static imports are hoisted above any statement, so the server (which needs
// Node 22) is imported dynamically, and this file keeps to syntax every Node that runs ESM can parse.
var REQUIRED_MAJOR = 22;
var major = Number(process.versions.node.split(".")[0]);
if (major < REQUIRED_MAJOR) {
  process.stderr.write(
    "heygen-mcp: Node.js " +
      process.version +
      " found, but heygen-mcp needs Node.js " +
      REQUIRED_MAJOR +
      " or newer: install it from https://nodejs.org (or run `nvm install " +
      REQUIRED_MAJOR +
      "`), then try again.\n",
  );
  process.exit(2);
}
import("node:module")
  .then((mod) => {
    // Compiled code is cached on disk (Node >= 22.1), so every start after the first skips most parsing.
    if (typeof mod.default.enableCompileCache === "function") mod.default.enableCompileCache();
    return import("./main.js");
  })
  .catch((err) => {
    process.stderr.write(`heygen-mcp: fatal: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
