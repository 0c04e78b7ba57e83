// BENCHMARKS.md: the latest table, each figure beside its baseline and target, and what changed since the last run.
const cell = (v) => (v === undefined || v === null ? "–" : String(v));
const verdict = (ok) => (ok ? "meets" : "**misses**");

function rows(r) {
  const out = [];
  const { context: c, coldStart: s, install: i, perCall: p, heap, http: h, waits: w, money: m } = r.parts;
  if (c) {
    out.push([
      "tools/list tokens, default set",
      `${c.defaultTokens} (${c.defaultTools} tools)`,
      "–",
      "≤ 8,000",
      verdict(c.defaultTokens <= 8000),
    ]);
    out.push([
      "tools/list tokens, all tools",
      `${c.allTokens} (${c.allTools} tools)`,
      "–",
      "≤ 30,000",
      verdict(c.allTokens <= 30000),
    ]);
    out.push(["median tokens per tool", c.medianToolTokens, "–", "≤ 250", verdict(c.medianToolTokens <= 250)]);
  }
  if (s) {
    out.push([
      "cold start → tools/list, median ms (default set)",
      `${s.ours.median} (min ${s.ours.min}, max ${s.ours.max})`,
      `server-everything ${s.baseline.median} (ratio ${s.ratio})`,
      "≤ 250 and ≤ baseline",
      verdict(s.ours.median <= 250 && s.ratio <= 1),
    ]);
    out.push(["cold start, all tools, median ms", s.oursAll.median, "–", "–", "–"]);
  }
  if (i) {
    out.push([
      "installed package (npm pack → npm install --offline)",
      `${i.installedMiB} MiB, ${i.packages} package(s); tarball ${i.tarballKiB} KiB, ${i.files} files`,
      "–",
      "no runtime dependencies, no source maps",
      verdict(i.packages === 1),
    ]);
    out.push(["npm install of the tarball, ms", i.installMs, "–", "–", "–"]);
    out.push([
      "installed bin → first tools/list, ms: first start / median",
      `${i.firstListMs} / ${i.listMedianMs} (${i.runs} runs, load average ${i.loadAverage})`,
      `checkout's dist/ ${i.checkoutMedianMs} (ratio ${i.ratio})`,
      "≤ 1.1 × the checkout's",
      verdict(i.ratio <= 1.1),
    ]);
  }
  if (p) {
    out.push([
      "get_video via stdio, p50/p95/p99 ms",
      `${p.stdio.p50} / ${p.stdio.p95} / ${p.stdio.p99}`,
      `direct undici ${p.direct.p50} / ${p.direct.p95} / ${p.direct.p99}`,
      "≤ +1 ms at p50",
      verdict(p.addedP50Ms <= 1),
    ]);
    out.push(["added per call (stdio), p50 ms", p.addedP50Ms, "–", "≤ 1", verdict(p.addedP50Ms <= 1)]);
    out.push([
      "RSS idle / after 10k calls, MiB (stdio)",
      `${p.memory.idleMiB} / ${p.memory.afterCallsMiB} (per 2k calls: ${p.memory.trendMiB.join(", ")})`,
      "–",
      "no growth trend: see live heap",
      "–",
    ]);
  }
  if (heap) {
    out.push([
      "live heap after GC, per 2k calls (10k), MiB",
      heap.liveHeapMiB.join(", "),
      "–",
      "no growth trend",
      verdict(heap.growthMiB <= 1),
    ]);
  }
  if (h && !h.skipped) {
    out.push([
      "get_video via HTTP, p50/p95/p99 ms",
      `${h.perCall.http.p50} / ${h.perCall.http.p95} / ${h.perCall.http.p99}`,
      `direct undici ${h.perCall.direct.p50}`,
      "≤ +1 ms at p50",
      verdict(h.perCall.addedP50Ms <= 1),
    ]);
    for (const l of h.levels) {
      out.push([
        `HTTP calls/s, ${l.era ?? "2025-11-25"}, ${l.concurrency} client(s)`,
        `${l.callsPerSecond} (p99 ${l.p99Ms} ms, ${l.errors} errors)`,
        "–",
        "≥ 2,000, 0 errors",
        verdict(l.callsPerSecond >= 2000 && l.errors === 0),
      ]);
    }
  } else if (h?.skipped) {
    out.push(["HTTP throughput", "not measured", h.skipped, "≥ 2,000 calls/s", "–"]);
  }
  const u = r.parts.upload;
  if (u) {
    out.push([
      "peak RSS during a 1 GiB file_path upload (stdio server), MiB",
      `${u.serverPeakMiB} (${u.seconds} s, ${u.mibPerSecond} MiB/s)`,
      `same server idle ${u.serverIdlePeakMiB}; sandbox receiving it ${u.sandboxPeakMiB}`,
      "≤ 120 MB",
      verdict(u.serverPeakMiB * 1.048576 <= 120),
    ]);
  } else {
    out.push(["peak RSS during a 1 GiB file_path upload", "not measured", "run npm run bench", "≤ 120 MB", "–"]);
  }
  if (w) {
    const v = w.tenMinuteVideo;
    out.push([
      "status requests per 10-minute render (model follows wait_for_job, 5 s turns)",
      `${v.statusRequests} (${v.waitCalls} wait_for_job calls, at most ${v.maxPollsPerCall} per call)`,
      "–",
      "≤ 20, ≤ 12 per call",
      verdict(v.statusRequests <= 20 && v.maxPollsPerCall <= 12),
    ]);
    if (w.agentSession27Min) {
      const a = w.agentSession27Min;
      out.push([
        "status requests per 27-minute Video Agent session",
        `${a.statusRequests} (${a.waitCalls} wait_for_job calls)`,
        "–",
        "–",
        "–",
      ]);
    }
    out.push([
      `longest silence between progress events, ${w.progress.waitSeconds} s wait over stdio, ms`,
      `${w.progress.longestSilenceMs} (${w.progress.events} events)`,
      "–",
      "≤ 10,000",
      verdict(w.progress.longestSilenceMs <= 10_000),
    ]);
    out.push([
      `cancel → polling stopped, stdio, ms (cancelled after ${w.cancel.cancelAfterMs / 1000} s)`,
      w.cancel.stopMs,
      "–",
      "≤ 1,000",
      verdict(w.cancel.stopMs <= 1000),
    ]);
  }
  if (m) {
    out.push([
      `duplicate jobs under faults (${m.calls} creates, concurrency 10; each unclear call repeated)`,
      `${m.duplicateJobs} (${m.secondJobsFromRepeats} from ${m.repeats} repeats)`,
      `fresh key per call (before): ${m.baselineSecondJobs} second jobs from ${m.jobsNotReturned} repeats`,
      "0",
      verdict(m.duplicateJobs === 0 && m.secondJobsFromRepeats === 0),
    ]);
    out.push([
      "ambiguous errors marked retryable (calls whose job exists)",
      `${m.existingReportedRetryable} of ${m.jobsNotReturned}`,
      `last attempt's own error (before): ${m.existingLastAttemptRetryable} of ${m.jobsNotReturned}`,
      "0",
      verdict(m.existingReportedRetryable === 0),
    ]);
  }
  return out;
}

export function renderMarkdown(results, previous) {
  const table = rows(results);
  const prevRows = previous ? new Map(rows(previous).map((r) => [r[0], r[1]])) : new Map();
  const lines = [
    "# Benchmarks",
    "",
    `Produced by \`${results.command}\` on ${results.date.slice(0, 10)} (commit ${results.commit}), Node ${results.node}, ${results.machine}.`,
    "Loopback only; every figure is measured beside its baseline in the same run. Quote ratios: absolutes drift with the machine.",
    ...(results.carriedFrom
      ? [
          "",
          `Only the parts named in the command were measured in this run; the rest are carried over from earlier runs (last full run: ${results.carriedFrom}).`,
        ]
      : []),
    "",
    "| what | heygen-mcp | baseline | target | |",
    "|---|---|---|---|---|",
    ...table.map((r) => `| ${r.map(cell).join(" | ")} |`),
    "",
  ];
  const c = results.parts.context;
  if (c) {
    lines.push("Largest tools (o200k tokens):", "", ...c.largest.map((t) => `- \`${t.name}\`: ${t.tokens}`), "");
  }
  const changed = table.filter((r) => prevRows.has(r[0]) && String(prevRows.get(r[0])) !== String(r[1]));
  lines.push("## Since the last run", "");
  if (!previous) lines.push("First run.");
  else if (changed.length === 0) lines.push("No figure changed.");
  else lines.push(...changed.map((r) => `- ${r[0]}: ${prevRows.get(r[0])} → ${r[1]}`));
  lines.push("");
  return lines.join("\n");
}
