// `npm run bench`: what users feel, each figure beside a baseline measured in the same run.
// Writes bench/results/latest.json and BENCHMARKS.md. Loopback only; every loop is bounded in count and time.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { coldStart } from "./cold-start.mjs";
import { contextCost } from "./context.mjs";
import { liveHeap } from "./heap.mjs";
import { httpThroughput } from "./http.mjs";
import { installCost } from "./install.mjs";
import { moneySafety } from "./money.mjs";
import { perCallOverhead } from "./per-call.mjs";
import { renderMarkdown } from "./report.mjs";
import { uploadMemory } from "./upload.mjs";
import { longJobWaits } from "./waits.mjs";

const only = process.argv.slice(2);
const wants = (part) => only.length === 0 || only.includes(part);

const previous = existsSync("bench/results/latest.json")
  ? JSON.parse(readFileSync("bench/results/latest.json", "utf8"))
  : null;

const results = {
  date: new Date().toISOString(),
  command: only.length === 0 ? "npm run bench" : `npm run bench -- ${only.join(" ")}`,
  machine: `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${process.platform}`,
  node: process.version,
  commit: execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim(),
  // A partial run re-measures the named parts and carries the others over, saying from which run.
  parts: only.length === 0 ? {} : { ...previous?.parts },
  carriedFrom:
    only.length === 0 ? null : (previous?.carriedFrom ?? `${previous?.commit} (${previous?.date?.slice(0, 10)})`),
};

if (wants("context")) results.parts.context = await contextCost();
if (wants("cold-start")) results.parts.coldStart = await coldStart();
if (wants("install")) results.parts.install = await installCost();
if (wants("per-call")) results.parts.perCall = await perCallOverhead();
if (wants("heap")) results.parts.heap = await liveHeap();
if (wants("http")) results.parts.http = await httpThroughput();
if (wants("upload")) results.parts.upload = await uploadMemory();
if (wants("waits")) results.parts.waits = await longJobWaits();
if (wants("money")) results.parts.money = await moneySafety();

mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/latest.json", `${JSON.stringify(results, null, 2)}\n`);
const markdown = renderMarkdown(results, previous);
writeFileSync("BENCHMARKS.md", markdown);
console.log(markdown);
