/** The one-line status of a job, as get tools and wait_for_job say it: ready, failed, blocked, or the next wait. */

import { sentence } from "../text.js";
import { JOB_KINDS, type JobKindName } from "./kinds.js";
import { type JobSnapshot, readJob, waitCall } from "./read.js";

/** What to do with a finished job's outputs: links expire; ids lead to the next job. */
export function readyText(s: JobSnapshot): string {
  const kind = JOB_KINDS[s.kind];
  const urls = Object.keys(s.outputs).filter((name) =>
    kind.outputs.some((o) => o.type === "url" && name.startsWith(o.name)),
  );
  const next = kind.outputs
    .filter((o) => o.type === "id" && o.kind)
    .flatMap((o) => (s.outputs[o.name] && o.kind ? [`Next: ${waitCall(o.kind, s.outputs[o.name] ?? "")}.`] : []));
  const links = urls.length > 0 ? `${urls.join(", ")} below; links expire, read again to refresh.` : "";
  return [links, ...next].filter(Boolean).join(" ") || "done.";
}

export function snapshotLine(s: JobSnapshot, ready?: string): string {
  const subject = `${JOB_KINDS[s.kind].label} ${s.id}`;
  switch (s.state) {
    case "completed":
      return `${subject} is ready: ${ready ?? readyText(s)}`;
    case "failed":
      return `${subject} ${s.status}: ${sentence(s.failure?.message ?? "no reason given")} ${s.failure?.hint ?? ""}`.trim();
    case "needs_action":
      return `${subject} is ${s.status}. Next: ${s.action}.`;
    default:
      return `${subject} is ${s.status}${s.percent === null ? "" : ` (${s.percent}%)`}. Next: ${waitCall(s.kind, s.id)}.`;
  }
}

/** A get tool's summary from its output (which keeps HeyGen's field names); `ready` replaces the done text. */
export const jobStatusLine = (kind: JobKindName, output: object, ready?: string): string =>
  snapshotLine(readJob(kind, output as Record<string, unknown>), ready);
