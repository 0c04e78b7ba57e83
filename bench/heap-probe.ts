// Live heap of the real server factory after forced GCs, across 10,000 get_video calls in one process
// (run by bench/heap.mjs with --expose-gc). RSS alone cannot tell V8's lazy heap growth from a leak.
import { startSandbox } from "../src/sandbox/index.js";
import { connectProbe } from "./probe-server.js";

const KEY = "bench-key-0123456789";
const sandbox = await startSandbox({});
const { mcp } = await connectProbe({
  name: "heap-probe",
  key: KEY,
  baseUrl: sandbox.url,
  maxRetries: 3,
  confirmAboveUsd: 5,
});

const headers = { "x-api-key": KEY, "content-type": "application/json" };
const looks = (await (await fetch(`${sandbox.url}/v3/avatars/looks?limit=1`, { headers })).json()) as {
  data: { id: string; default_voice_id: string }[];
};
const look = looks.data[0];
const created = await fetch(`${sandbox.url}/v3/videos`, {
  method: "POST",
  headers,
  body: JSON.stringify({ type: "avatar", avatar_id: look?.id, voice_id: look?.default_voice_id, script: "Heap." }),
});
const videoId = ((await created.json()) as { data: { video_id: string } }).data.video_id;

const gc = (globalThis as { gc?: () => void }).gc;
const heapMiB: number[] = [];
for (let round = 0; round < 5; round++) {
  for (let i = 0; i < 2000; i++) await mcp.callTool({ name: "get_video", arguments: { video_id: videoId } });
  // The sandbox shares this process; its request log is test state, not the server's.
  await fetch(`${sandbox.url}/_sandbox/requests`, { method: "DELETE" });
  gc?.();
  heapMiB.push(Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10);
}
process.stdout.write(`${JSON.stringify({ calls: 10_000, liveHeapMiB: heapMiB })}\n`);
process.exit(0);
