/**
 * download_result: a finished job's output saved into the files folder. The job is read again first,
 * because its links are presigned and expire; outputs that name another job (a Video Agent session's
 * video) are followed once. wait_for_job's save_to uses the same path.
 */

import { extname } from "node:path";
import { z } from "zod";
import { downloadToFolder, type SavedFile } from "../files/download.js";
import { JOB_KIND_NAMES, JOB_KINDS, type JobKindName } from "../jobs/kinds.js";
import { type JobSnapshot, readJob, waitCall } from "../jobs/read.js";
import { defineTool, type FileLink, type ToolAnnotations, type ToolContext } from "./define.js";
import { readRecord } from "./job-records.js";
import { ToolError } from "./results.js";

/** Writes a file into the files folder; replaces one only when asked (overwrite). */
export const SAVES_FILE: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};

export interface SavedOutput extends SavedFile {
  output: string;
}

export const savedFile = z.object({
  path: z.string().describe("Absolute path written."),
  size_bytes: z.number(),
  media_type: z.string().nullable(),
  output: z.string().describe("Which output, e.g. video_url."),
});

async function snapshotOf(ctx: ToolContext, kind: JobKindName, id: string): Promise<JobSnapshot> {
  return readJob(kind, await readRecord(ctx, JOB_KINDS[kind], id), id);
}

/** The output's fresh URL; an output that names another job is that job's first output. */
async function outputUrl(
  ctx: ToolContext,
  s: JobSnapshot,
  output: string | undefined,
  follow = true,
): Promise<{ name: string; url: string }> {
  const kind = JOB_KINDS[s.kind];
  if (s.state !== "completed") {
    throw new ToolError(
      "job_not_completed",
      `${kind.label} ${s.id} is ${s.status}: nothing to save yet.`,
      "id",
      `Call ${waitCall(s.kind, s.id)} first.`,
    );
  }
  const names = Object.keys(s.outputs);
  const name = output ?? names[0];
  const value = name === undefined ? undefined : s.outputs[name];
  if (name === undefined || value === undefined) {
    const message = names.length
      ? `output must be one of: ${names.join(", ")}.`
      : `${kind.label} ${s.id} has no file to download.`;
    throw new ToolError("invalid_parameter", message, "output", `Call ${kind.getTool} to see what it produced.`);
  }
  const spec = kind.outputs.find((o) => o.name === name || name.startsWith(`${o.name}_`));
  if (spec?.type === "id" && spec.kind && follow)
    return outputUrl(ctx, await snapshotOf(ctx, spec.kind, value), undefined, false);
  return { name, url: value };
}

const safe = (text: string) => text.replace(/[^A-Za-z0-9_-]/g, "_");

/** kind-id-output.ext, the extension from the link's path (…/video.mp4?sig=…). */
function defaultName(kind: JobKindName, id: string, output: string, url: string): string {
  const ext = extname(new URL(url).pathname);
  return `${kind}-${safe(id)}-${safe(output.replace(/_url$/, ""))}${/^\.[A-Za-z0-9]{1,5}$/.test(ext) ? ext : ".bin"}`;
}

export interface SaveRequest {
  kind: JobKindName;
  id: string;
  output?: string;
  fileName?: string;
  overwrite: boolean;
  /** A snapshot read just now (wait_for_job); otherwise the job is read first. */
  snapshot?: JobSnapshot;
  param?: string;
}

export async function saveJobOutput(ctx: ToolContext, req: SaveRequest): Promise<SavedOutput> {
  const snapshot = req.snapshot ?? (await snapshotOf(ctx, req.kind, req.id));
  const { name, url } = await outputUrl(ctx, snapshot, req.output);
  const fileName = req.fileName ?? defaultName(req.kind, snapshot.id, name, url);
  const saved = await downloadToFolder(ctx, url, fileName, req.overwrite, req.param);
  return { ...saved, output: name };
}

export const fileLink = (s: { path: string; size_bytes: number; media_type: string | null }): FileLink => ({
  path: s.path,
  size: s.size_bytes,
  mimeType: s.media_type,
});

export const downloadResult = defineTool({
  name: "download_result",
  title: "Save a job's output to disk",
  toolset: "jobs",
  core: true,
  description:
    "Save a finished job's file (video, captions, audio, thumbnail, layers…) into the local files folder, fetched fresh. Returns the absolute path.",
  operation: "GET /v3/videos/{video_id}",
  input: z.strictObject({
    kind: z.enum(JOB_KIND_NAMES).describe("As wait_for_job names it."),
    id: z.string().min(1).describe("The job's id."),
    output: z.string().min(1).optional().describe("e.g. captioned_video_url; default the first."),
    file_name: z.string().min(1).optional().describe("In the files folder; default kind-id-output.ext."),
    overwrite: z.boolean().default(false).describe("Replace an existing file."),
  }),
  output: savedFile.extend({ kind: z.string(), id: z.string() }),
  annotations: SAVES_FILE,
  async handler({ kind, id, output, file_name, overwrite }, ctx) {
    const saved = await saveJobOutput(ctx, { kind, id, output, fileName: file_name, overwrite });
    return { ...saved, kind, id };
  },
  summary: (s) => `Saved ${s.output} of ${s.kind} ${s.id} to ${s.path} (${s.size_bytes} bytes).`,
  links: (s) => [fileLink(s)],
});
