// Remote endpoint: get_video over stateless streamable HTTP — per-call latency against the same GET made
// directly, then calls per second with 1, 16 and 64 concurrent clients (bounded in time, loopback only).
import { execFileSync, spawn } from "node:child_process";
import { Pool, request } from "undici";
import { CLI, round, rssMiB, summarize } from "./lib.mjs";
import { createVideo, startSandboxProcess } from "./per-call.mjs";

const KEY = "bench-key-0123456789";
const PORT = 4731;
const SECONDS_PER_LEVEL = 5;
const LEVELS = [1, 16, 64];

/** The same tools/call as each protocol era sends it: 2025 stateless (SSE answer) or 2026-07-28 (JSON answer). */
const ERAS = {
  "2025-11-25": {
    headers: { "mcp-protocol-version": "2025-11-25" },
    meta: undefined,
  },
  "2026-07-28": {
    headers: { "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/call", "mcp-name": "get_video" },
    meta: {
      "io.modelcontextprotocol/protocolVersion": "2026-07-28",
      "io.modelcontextprotocol/clientInfo": { name: "heygen-mcp-bench", version: "1" },
      "io.modelcontextprotocol/clientCapabilities": {},
    },
  },
};

function rpc(id, videoId, era) {
  const params = { name: "get_video", arguments: { video_id: videoId }, ...(era.meta ? { _meta: era.meta } : {}) };
  return JSON.stringify({ jsonrpc: "2.0", id, method: "tools/call", params });
}

const BASE_HEADERS = {
  "content-type": "application/json",
  accept: "application/json, text/event-stream",
  "x-api-key": KEY,
};

async function callOnce(pool, videoId, id, era = ERAS["2025-11-25"]) {
  const headers = { ...BASE_HEADERS, ...era.headers };
  const res = await pool.request({ method: "POST", path: "/mcp", headers, body: rpc(id, videoId, era) });
  const text = await res.body.text();
  if (res.statusCode !== 200 || !text.includes('"structuredContent"'))
    throw new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`);
}

async function level(concurrency, videoId, eraName) {
  const pool = new Pool(`http://127.0.0.1:${PORT}`, { connections: concurrency, pipelining: 1 });
  const latencies = [];
  let errors = 0;
  let id = 0;
  const deadline = performance.now() + SECONDS_PER_LEVEL * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const t = performance.now();
      try {
        await callOnce(pool, videoId, ++id, ERAS[eraName]);
        latencies.push(performance.now() - t);
      } catch {
        errors++;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  const s = summarize(latencies);
  return {
    era: eraName,
    concurrency,
    callsPerSecond: Math.round(latencies.length / seconds),
    p50Ms: round(s.p50, 2),
    p99Ms: round(s.p99, 2),
    errors,
  };
}

export async function httpThroughput() {
  const help = execFileSync(process.execPath, [CLI, "--help"], { encoding: "utf8" });
  if (!help.includes("--http")) return { skipped: "this build has no --http endpoint" };
  const sandbox = await startSandboxProcess();
  const args = [
    CLI,
    "--http",
    "--port",
    String(PORT),
    "--base-url",
    sandbox.url,
    "--log-level",
    "error",
    "--max-concurrent-per-key",
    "128",
  ];
  const child = spawn(process.execPath, args, { stdio: "ignore" });
  try {
    let ready = false;
    for (let i = 0; i < 100 && !ready; i++) {
      ready = await fetch(`http://127.0.0.1:${PORT}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (!ready) await new Promise((r) => setTimeout(r, 100));
    }
    if (!ready) throw new Error("the --http server did not become healthy");
    const videoId = await createVideo(sandbox.url);
    const direct = [];
    for (let i = 0; i < 2200; i++) {
      const t = performance.now();
      const res = await request(`${sandbox.url}/v3/videos/${videoId}`, { headers: { "x-api-key": KEY } });
      await res.body.json();
      if (i >= 200) direct.push(performance.now() - t);
    }
    const single = new Pool(`http://127.0.0.1:${PORT}`, { connections: 1 });
    const viaHttp = [];
    for (let i = 0; i < 2200; i++) {
      const t = performance.now();
      await callOnce(single, videoId, i);
      if (i >= 200) viaHttp.push(performance.now() - t);
    }
    await single.close();
    const d = summarize(direct);
    const h = summarize(viaHttp);
    const levels = [];
    for (const eraName of Object.keys(ERAS)) for (const c of LEVELS) levels.push(await level(c, videoId, eraName));
    return {
      perCall: {
        direct: { p50: round(d.p50, 3), p99: round(d.p99, 3) },
        http: { p50: round(h.p50, 3), p95: round(h.p95, 3), p99: round(h.p99, 3) },
        addedP50Ms: round(h.p50 - d.p50, 3),
      },
      levels,
      rssAfterMiB: rssMiB(child.pid),
      target: { callsPerSecond: 2000, errors: 0 },
    };
  } finally {
    child.kill("SIGTERM");
    sandbox.child.kill("SIGTERM");
  }
}
