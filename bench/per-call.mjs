// Per-call overhead: get_video through our server (stdio) versus the same HeyGen GET made directly with undici
// against the same sandbox process; then memory after 10,000 calls.
import { request } from "undici";
import { CLI, peakRssMiB, round, rssMiB, startAndWait, stdioPeer, summarize } from "./lib.mjs";

const CALLS = 2000;
const WARMUP = 200;
const MEMORY_CALLS = 10_000;
const KEY = "bench-key-0123456789";

export async function startSandboxProcess() {
  const { child, match } = await startAndWait(
    process.execPath,
    [CLI, "sandbox", "--port", "0"],
    /"sandbox":"(http:[^"]+)"/,
  );
  return { child, url: match[1] };
}

export async function createVideo(url) {
  const looks = await (await fetch(`${url}/v3/avatars/looks?limit=1`, { headers: { "x-api-key": KEY } })).json();
  const voices = await (await fetch(`${url}/v3/voices?limit=1`, { headers: { "x-api-key": KEY } })).json();
  const res = await fetch(`${url}/v3/videos`, {
    method: "POST",
    headers: { "x-api-key": KEY, "content-type": "application/json" },
    body: JSON.stringify({
      type: "avatar",
      avatar_id: looks.data[0].id,
      voice_id: voices.data[0].voice_id,
      script: "Bench.",
    }),
  });
  return (await res.json()).data.video_id;
}

async function timed(n, fn) {
  const samples = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return samples;
}

const ms = (s) => ({ p50: round(s.p50, 3), p95: round(s.p95, 3), p99: round(s.p99, 3), n: s.n });

export async function perCallOverhead() {
  const sandbox = await startSandboxProcess();
  try {
    const videoId = await createVideo(sandbox.url);
    const direct = async () => {
      const res = await request(`${sandbox.url}/v3/videos/${videoId}`, { headers: { "x-api-key": KEY } });
      await res.body.json();
    };
    await timed(WARMUP, direct);
    const directStats = summarize(await timed(CALLS, direct));

    const peer = stdioPeer(process.execPath, [CLI, "--base-url", sandbox.url, "--log-level", "error"], {
      HEYGEN_API_KEY: KEY,
    });
    await peer.initialize();
    const idle = rssMiB(peer.child.pid);
    const call = async () => {
      const res = await peer.request("tools/call", { name: "get_video", arguments: { video_id: videoId } });
      if (res.result?.isError || res.error) throw new Error(JSON.stringify(res));
    };
    await timed(WARMUP, call);
    const stdioStats = summarize(await timed(CALLS, call));

    const rssTrend = [];
    for (let done = 0; done < MEMORY_CALLS; done += 2000) {
      await timed(2000, call);
      rssTrend.push(rssMiB(peer.child.pid));
    }
    const memory = {
      idleMiB: idle,
      afterCallsMiB: rssTrend.at(-1),
      calls: MEMORY_CALLS,
      trendMiB: rssTrend,
      peakMiB: peakRssMiB(peer.child.pid),
    };
    await peer.close();
    return {
      direct: ms(directStats),
      stdio: ms(stdioStats),
      addedP50Ms: round(stdioStats.p50 - directStats.p50, 3),
      target: { addedP50Ms: 1 },
      memory,
    };
  } finally {
    sandbox.child.kill("SIGTERM");
  }
}
