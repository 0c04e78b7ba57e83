// Cold start: spawn → initialize → tools/list answered, over stdio, ours beside server-everything.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { CLI, round, stdioPeer, summarize } from "./lib.mjs";

const RUNS = 15;

async function once(command, args, env) {
  const started = performance.now();
  const peer = stdioPeer(command, args, env);
  await peer.initialize();
  const list = await peer.request("tools/list", {});
  const ms = performance.now() - started;
  await peer.close();
  return { ms, tools: list.result?.tools?.length ?? 0 };
}

async function series(command, args, env = {}) {
  await once(command, args, env); // warm the file cache
  const samples = [];
  let tools = 0;
  for (let i = 0; i < RUNS; i++) {
    const r = await once(command, args, env);
    samples.push(r.ms);
    tools = r.tools;
  }
  const s = summarize(samples);
  return { tools, runs: RUNS, median: round(s.p50, 1), min: round(s.min, 1), max: round(s.max, 1) };
}

export async function coldStart() {
  const require = createRequire(import.meta.url);
  const everything = join(
    dirname(require.resolve("@modelcontextprotocol/server-everything/package.json")),
    "dist",
    "index.js",
  );
  // As a desktop client starts it: a key in env, no HeyGen request until a tool is called.
  const env = { HEYGEN_API_KEY: "bench-key-0123456789", HEYGEN_MCP_LOG_LEVEL: "error" };
  const ours = await series(process.execPath, [CLI], env);
  const oursAll = await series(process.execPath, [CLI, "--toolsets", "all"], env);
  const baseline = await series(process.execPath, [everything, "stdio"]);
  return {
    ours,
    oursAll,
    baseline,
    ratio: round(ours.median / baseline.median),
    target: { medianMs: 250, vsBaseline: 1 },
  };
}
