// Status requests a model causes by following wait_for_job's advice until a render ends: the real server
// factory against the sandbox, with the wait clock moving the sandbox's clock (minutes pass at once).
// The model is modelled as calling wait_for_job again MODEL_TURN_MS after each result. Prints one JSON line.
import type { Clock } from "../src/jobs/clock.js";
import { ManualClock, startSandbox } from "../src/sandbox/index.js";
import { connectProbe } from "./probe-server.js";

const KEY = "bench-key-waits-0123456789";
const MODEL_TURN_MS = 5_000;
const sandboxClock = new ManualClock(Date.UTC(2026, 11, 3, 9, 0, 0));
const sandbox = await startSandbox({ clock: sandboxClock });
const waitClock: Clock = {
  now: () => sandboxClock.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) =>
      setImmediate(() => {
        if (!signal.aborted) sandboxClock.advance(ms);
        resolve();
      }),
    ),
};
// No confirmation prompts: this measures polling, not spending.
const probe = await connectProbe({
  name: "waits-probe",
  key: KEY,
  baseUrl: sandbox.url,
  maxRetries: 0,
  confirmAboveUsd: 1_000_000,
  clock: waitClock,
});
const { mcp } = probe;

async function structured(name: string, args: Record<string, unknown>) {
  const res = (await mcp.callTool({ name, arguments: args })) as {
    structuredContent?: Record<string, unknown>;
    content: unknown;
  };
  if (!res.structuredContent) throw new Error(`${name}: ${JSON.stringify(res.content)}`);
  return res.structuredContent;
}

async function steer(id: string, afterMs: number) {
  await fetch(`${sandbox.url}/_sandbox/jobs/${id}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ outcome: "finish", after_ms: afterMs }),
  });
}

async function gets(path: string) {
  const res = (await (await fetch(`${sandbox.url}/_sandbox/requests`)).json()) as {
    data: { method: string; path: string }[];
  };
  return res.data.filter((r) => r.method === "GET" && r.path === path).length;
}

/** Follows the advice until the job ends; returns status requests, wait calls and the most polls in one. */
async function follow(kind: string, id: string, path: string) {
  const before = await gets(path);
  let calls = 0;
  let maxPolls = 0;
  let out: Record<string, unknown> = {};
  do {
    out = await structured("wait_for_job", { kind, id });
    calls++;
    maxPolls = Math.max(maxPolls, out.polls as number);
    sandboxClock.advance(MODEL_TURN_MS);
  } while (out.state === "in_progress" && calls < 200);
  return { statusRequests: (await gets(path)) - before, waitCalls: calls, maxPollsPerCall: maxPolls, ended: out.state };
}

const look = ((await structured("list_avatar_looks", { limit: 1 })).looks as { id: string }[])[0]?.id;
const voice = ((await structured("list_voices", { limit: 1 })).voices as { voice_id: string }[])[0]?.voice_id;
const video = (await structured("create_video_from_avatar", { avatar_id: look, voice_id: voice, script: "Bench." }))
  .video_id as string;
await steer(video, 600_000);
const tenMinuteVideo = await follow("video", video, `/v3/videos/${video}`);

const session = (await structured("create_video_agent", { prompt: "A 30-second explainer." })).session_id as string;
await steer(session, 27 * 60_000);
const agentSession27Min = await follow("video_agent", session, `/v3/video-agents/${session}`);

console.log(JSON.stringify({ modelTurnMs: MODEL_TURN_MS, tenMinuteVideo, agentSession27Min }));
await probe.close();
await sandbox.close();
