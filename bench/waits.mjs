// Long-job waits: status requests per render when a model follows wait_for_job's advice (virtual time, see
// waits-probe.ts), and, on real timers over stdio with the built CLI, the longest silence between progress
// events of a wait and how long a cancelled wait takes to stop polling.
import { execFileSync, spawn } from "node:child_process";
import { bundleTs } from "../scripts/load-ts.mjs";
import { CLI, onLines, round } from "./lib.mjs";
import { startSandboxProcess } from "./per-call.mjs";

const KEY = "bench-key-waits-0123456789";
const WAIT_SECONDS = 20;
const CANCEL_AFTER_MS = 3_000;

/** The CLI over stdio, speaking raw JSON-RPC; records when each line arrives on stdout and stderr. */
function stdioServer(sandboxUrl) {
  const child = spawn(process.execPath, [CLI, "--base-url", sandboxUrl, "--log-level", "info"], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, HEYGEN_API_KEY: KEY },
  });
  const lines = [];
  const listeners = new Set();
  const read = (stream, source) =>
    onLines(stream, (text) => {
      const line = { at: performance.now(), source, text };
      lines.push(line);
      for (const l of listeners) l(line);
    });
  read(child.stdout, "out");
  read(child.stderr, "err");
  const send = (msg) => child.stdin.write(`${JSON.stringify(msg)}\n`);
  const until = (test) =>
    new Promise((resolve) => {
      const found = lines.find(test);
      if (found) return resolve(found);
      const l = (line) => {
        if (!test(line)) return;
        listeners.delete(l);
        resolve(line);
      };
      listeners.add(l);
    });
  return { child, lines, send, until };
}

async function initialize(s) {
  s.send({
    jsonrpc: "2.0",
    id: 0,
    method: "initialize",
    params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "bench", version: "1" } },
  });
  await s.until((l) => l.source === "out" && l.text.includes('"id":0'));
  s.send({ jsonrpc: "2.0", method: "notifications/initialized" });
}

async function createVideo(url) {
  const headers = { "x-api-key": KEY, "content-type": "application/json" };
  const first = async (path) => (await (await fetch(`${url}${path}?limit=1`, { headers })).json()).data[0];
  const body = {
    type: "avatar",
    avatar_id: (await first("/v3/avatars/looks")).id,
    voice_id: (await first("/v3/voices")).voice_id,
    script: "Bench.",
  };
  const res = await fetch(`${url}/v3/videos`, { method: "POST", headers, body: JSON.stringify(body) });
  return (await res.json()).data.video_id;
}

const steer = (url, id, body) =>
  fetch(`${url}/_sandbox/jobs/${id}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

/** Longest gap between the call, each progress event and the result of one budget-long wait. */
async function progressSilence(url) {
  const s = stdioServer(url);
  try {
    await initialize(s);
    const id = await createVideo(url);
    await steer(url, id, { outcome: "never_finish" });
    const started = performance.now();
    s.send({
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: {
        name: "wait_for_job",
        arguments: { kind: "video", id, max_wait_seconds: WAIT_SECONDS },
        _meta: { progressToken: "p1" },
      },
    });
    const done = await s.until((l) => l.source === "out" && l.text.includes('"id":1'));
    const marks = [
      started,
      ...s.lines.filter((l) => l.source === "out" && l.text.includes("notifications/progress")).map((l) => l.at),
      done.at,
    ];
    const gaps = marks.slice(1).map((m, i) => m - marks[i]);
    return { waitSeconds: WAIT_SECONDS, events: marks.length - 2, longestSilenceMs: round(Math.max(...gaps), 0) };
  } finally {
    s.child.kill();
  }
}

/** Cancels a wait after CANCEL_AFTER_MS; reports the ms until the server logs the loop's end, and GETs after. */
async function cancelStop(url) {
  const s = stdioServer(url);
  try {
    await initialize(s);
    const id = await createVideo(url);
    await steer(url, id, { outcome: "never_finish" });
    s.send({
      jsonrpc: "2.0",
      id: 2,
      method: "tools/call",
      params: { name: "wait_for_job", arguments: { kind: "video", id } },
    });
    await new Promise((r) => setTimeout(r, CANCEL_AFTER_MS));
    const cancelledAt = performance.now();
    s.send({ jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 2, reason: "bench" } });
    const ended = await s.until((l) => l.source === "err" && l.text.includes('"ended":"cancelled"'));
    return { cancelAfterMs: CANCEL_AFTER_MS, stopMs: round(ended.at - cancelledAt, 1) };
  } finally {
    s.child.kill();
  }
}

export async function longJobWaits() {
  const probe = await bundleTs("bench/waits-probe.ts", "heygen-mcp-bench", "waits-probe.mjs");
  const virtual = JSON.parse(
    execFileSync(process.execPath, [probe], { encoding: "utf8", timeout: 120_000 }).trim().split("\n").at(-1),
  );
  const sandbox = await startSandboxProcess();
  try {
    return { ...virtual, progress: await progressSilence(sandbox.url), cancel: await cancelStop(sandbox.url) };
  } finally {
    sandbox.child.kill();
  }
}
