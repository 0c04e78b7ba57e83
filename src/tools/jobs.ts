/**
 * wait_for_job and list_jobs: the answer to "renders take minutes, a tool call gets 60 s". Both read the
 * job-kinds table (src/jobs/kinds.ts) and keep nothing between calls, so they work over stateless HTTP
 * and after a restart.
 */

import { z } from "zod";
import { JOB_KIND_NAMES, JOB_KINDS, type JobKindName } from "../jobs/kinds.js";
import { LISTED_KINDS, listJobs } from "../jobs/list.js";
import { aboutTime, type JobSnapshot, waitCall } from "../jobs/read.js";
import { snapshotLine } from "../jobs/summary.js";
import { DEFAULT_WAIT_SECONDS, waitForJob } from "../jobs/wait.js";
import { plural } from "../text.js";
import { defineTool, READ } from "./define.js";
import { fileLink, SAVES_FILE, savedFile, saveJobOutput } from "./downloads.js";
import { readRecord } from "./job-records.js";
import { ToolError } from "./results.js";

const jobState = z.enum(["in_progress", "needs_action", "completed", "failed"]);

const waitOutput = z.object({
  kind: z.string(),
  id: z.string(),
  status: z.string().describe("HeyGen's status."),
  state: jobState,
  percent: z.number().nullable(),
  outputs: z.record(z.string(), z.string()).describe("Name → URL (expires) or id, once completed."),
  failure: z.object({ code: z.string().nullable(), message: z.string(), hint: z.string() }).nullable(),
  next: z.string().nullable().describe("The exact next call."),
  typical_remaining_seconds: z.number().nullable(),
  waited_seconds: z.number(),
  polls: z.number(),
  saved: savedFile.nullable().describe("With save_to, once completed."),
});

/** Seconds the job typically still needs, from its age; null when HeyGen gives no created_at. */
function remainingSeconds(s: JobSnapshot, nowMs: number): number | null {
  if (s.state !== "in_progress" || s.createdAt === null) return null;
  return Math.max(0, Math.round(JOB_KINDS[s.kind].typicalSeconds - (nowMs / 1000 - s.createdAt)));
}

const progressText = (s: JobSnapshot, elapsedMs: number) =>
  `${JOB_KINDS[s.kind].label} ${s.id}: ${s.status}${s.percent === null ? "" : ` ${s.percent}%`}, waited ${Math.round(elapsedMs / 1000)} s`;

export const waitForJobTool = defineTool({
  name: "wait_for_job",
  title: "Wait for a job",
  toolset: "jobs",
  core: true,
  description:
    "Wait up to ~45 s for a render or other job started by a create tool, then report status, percent, and outputs (links) or the failure. If still running, call it again exactly as its result says; never create twice.",
  operation: "GET /v3/videos/{video_id}",
  input: z.strictObject({
    kind: z.enum(JOB_KIND_NAMES).describe("As the create tool's result names it."),
    id: z.string().min(1).describe("The job's id."),
    max_wait_seconds: z.number().int().min(1).max(600).optional().describe("Default 45; the server caps it."),
    save_to: z.string().min(1).optional().describe("File name in the files folder: save the output when done."),
  }),
  output: waitOutput,
  // save_to writes a file, so this tool is not read-only (it never replaces one).
  annotations: SAVES_FILE,
  async handler({ kind, id, max_wait_seconds, save_to }, ctx) {
    const spec = JOB_KINDS[kind];
    const seconds = Math.min(max_wait_seconds ?? DEFAULT_WAIT_SECONDS, ctx.maxWaitSeconds);
    const outcome = await waitForJob({
      kind,
      id,
      budgetMs: seconds * 1000,
      clock: ctx.clock,
      signal: ctx.signal,
      read: () => readRecord(ctx, spec, id),
      onProgress: ({ snapshot, elapsedMs }) =>
        ctx.progress(elapsedMs / 1000, seconds, progressText(snapshot, elapsedMs)),
    });
    ctx.log.info("wait_ended", { kind, ended: outcome.ended, polls: outcome.polls, waited_ms: outcome.elapsedMs });
    if (outcome.ended === "cancelled") {
      throw new ToolError("cancelled", "The wait was cancelled.", null, "Call wait_for_job again to keep waiting.");
    }
    const s = outcome.snapshot;
    const saved =
      save_to !== undefined && s.state === "completed"
        ? await saveJobOutput(ctx, { kind, id, fileName: save_to, overwrite: false, snapshot: s, param: "save_to" })
        : null;
    return {
      kind,
      id: s.id,
      status: s.status,
      state: s.state,
      percent: s.percent,
      outputs: s.outputs,
      failure: s.failure,
      next: s.state === "in_progress" ? waitCall(kind, s.id) : s.action,
      typical_remaining_seconds: remainingSeconds(s, ctx.clock.now()),
      waited_seconds: Math.round(outcome.elapsedMs / 1000),
      polls: outcome.polls,
      saved,
    };
  },
  summary: (r) => {
    if (r.state !== "in_progress") {
      const line = snapshotLine({ ...r, kind: r.kind as JobKindName, action: r.next, createdAt: null, title: null });
      return r.saved ? `${line} Saved ${r.saved.output} to ${r.saved.path}.` : line;
    }
    const left = r.typical_remaining_seconds;
    const typical =
      left === null
        ? ""
        : left > 0
          ? ` It typically needs ${aboutTime(left)} more.`
          : " It is taking longer than usual.";
    const pct = r.percent === null ? "" : ` (${r.percent}%)`;
    return `${JOB_KINDS[r.kind as JobKindName].label} ${r.id} is still ${r.status}${pct} after ${r.waited_seconds} s.${typical} Next: ${r.next} (the same call again).`;
  },
  links: (r) => (r.saved ? [fileLink(r.saved)] : []),
});

export const listJobsTool = defineTool({
  name: "list_jobs",
  title: "List recent jobs",
  toolset: "jobs",
  core: true,
  description:
    "Jobs in flight and recently finished across videos, translations, lipsyncs, Video Agent and more, newest first. Call after any timeout or unclear error before creating again.",
  operation: "GET /v3/videos",
  input: z.strictObject({
    kind: z.enum(LISTED_KINDS).optional().describe("Only this kind."),
    status: z.enum(["in_progress", "completed", "failed"]).optional().describe("Only this state."),
    limit: z.number().int().min(1).max(50).default(10).describe("Rows, 1-50."),
  }),
  output: z.object({
    jobs: z.array(
      z.object({
        kind: z.string(),
        id: z.string(),
        title: z.string().nullable(),
        status: z.string(),
        state: jobState,
        created_at: z.number().nullable(),
      }),
    ),
    skipped: z.array(z.object({ kind: z.string(), code: z.string() })).describe("Kinds HeyGen did not list."),
  }),
  annotations: READ,
  handler: (input, ctx) => listJobs(input, ctx.call),
  summary: (r) => {
    const running = r.jobs.find((j) => j.state === "in_progress");
    const next = running ? ` Next: ${waitCall(running.kind as JobKindName, running.id)} for the newest in flight.` : "";
    const skipped =
      r.skipped.length > 0 ? ` Not listed: ${r.skipped.map((s) => `${s.kind} (${s.code})`).join(", ")}.` : "";
    return `${plural(r.jobs.length, "job")}.${next}${skipped}`;
  },
});

export const jobTools = [waitForJobTool, listJobsTool];
