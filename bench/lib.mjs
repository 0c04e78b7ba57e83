// Shared helpers for `npm run bench`: processes, raw JSON-RPC over stdio, percentiles, RSS.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";

export const CLI = "dist/heygen-mcp.js";

export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function summarize(samples) {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    min: s[0],
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s[s.length - 1],
  };
}

export const round = (x, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Resident set size of a process in MiB, from /proc (Linux). */
export function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? Number.NaN);
  return round(kb / 1024, 1);
}

/** Peak RSS (VmHWM) of a process in MiB. */
export function peakRssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(status.match(/VmHWM:\s+(\d+)/)?.[1] ?? Number.NaN);
  return round(kb / 1024, 1);
}

/** Calls `onLine` with each non-blank line of a text stream, as the lines complete. */
export function onLines(stream, onLine) {
  let buffer = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk) => {
    buffer += chunk;
    let nl = buffer.indexOf("\n");
    while (nl >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      nl = buffer.indexOf("\n");
      if (line.trim()) onLine(line);
    }
  });
}

/** A child process spoken to with newline-delimited JSON-RPC over stdio (no client library overhead). */
export function stdioPeer(command, args, env = {}) {
  const child = spawn(command, args, { stdio: ["pipe", "pipe", "ignore"], env: { ...process.env, ...env } });
  const pending = new Map();
  let nextId = 1;
  onLines(child.stdout, (line) => {
    const msg = JSON.parse(line);
    const waiter = msg.id !== undefined ? pending.get(msg.id) : undefined;
    if (waiter) {
      pending.delete(msg.id);
      waiter(msg);
    }
  });
  const send = (msg) => child.stdin.write(`${JSON.stringify(msg)}\n`);
  return {
    child,
    request(method, params) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        send({ jsonrpc: "2.0", id, method, params });
      });
    },
    notify(method, params) {
      send({ jsonrpc: "2.0", method, params });
    },
    async initialize() {
      await this.request("initialize", {
        protocolVersion: "2025-11-25",
        capabilities: {},
        clientInfo: { name: "heygen-mcp-bench", version: "1" },
      });
      this.notify("notifications/initialized", {});
    },
    close() {
      child.kill("SIGTERM");
      return new Promise((resolve) => child.once("exit", resolve));
    },
  };
}

/** Starts a process and resolves once a line on stderr matches. */
export function startAndWait(command, args, pattern, env = {}) {
  const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => reject(new Error(`${args.join(" ")} did not start: ${text}`)), 15_000);
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk) => {
      text += chunk;
      const match = text.match(pattern);
      if (match) {
        clearTimeout(timer);
        child.stderr.removeAllListeners("data");
        child.stderr.resume();
        resolve({ child, match });
      }
    });
  });
}
