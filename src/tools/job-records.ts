/** Reading one job's current record from HeyGen, as wait_for_job and download_result both need it. */
import type { JobKind } from "../jobs/kinds.js";
import { recordFor } from "../jobs/read.js";
import type { CallInput, ToolContext } from "./define.js";

/** The get request for one job: the id as a path parameter, or as a one-id list on bulk status endpoints. */
const readRequest = (kind: JobKind, id: string): CallInput =>
  kind.idIn === "path"
    ? { operation: kind.getOperation, pathParams: { [kind.idParam]: id } }
    : { operation: kind.getOperation, query: { [kind.idParam]: [id] } };

export async function readRecord(ctx: ToolContext, kind: JobKind, id: string): Promise<Record<string, unknown>> {
  const { body } = await ctx.call<{ data?: unknown }>(readRequest(kind, id));
  // A bulk status list without the id means HeyGen does not know it.
  return recordFor(kind, body.data, id) ?? { [kind.idField]: id, [kind.statusField]: "not_found" };
}
