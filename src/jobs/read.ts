/**
 * Reading a job record (HeyGen's get response `data`, or a get tool's output, which keeps HeyGen's field
 * names) through the kinds table: its state, percentage, outputs and failure.
 */
import { JOB_KINDS, type JobKind, type JobKindName, type OutputSpec } from "./kinds.js";

/** in_progress: waiting helps; needs_action: someone must act first; completed/failed: terminal. */
export type JobState = "in_progress" | "needs_action" | "completed" | "failed";

export interface JobFailure {
  code: string | null;
  message: string;
  hint: string;
}

export interface JobSnapshot {
  kind: JobKindName;
  id: string;
  status: string;
  state: JobState;
  percent: number | null;
  /** Output name → URL or id; only values present on the record. */
  outputs: Record<string, string>;
  failure: JobFailure | null;
  /** The call that moves things on when someone must act (needs_action). */
  action: string | null;
  createdAt: number | null;
  title: string | null;
}

type Rec = Record<string, unknown>;

const isRecord = (v: unknown): v is Rec => !!v && typeof v === "object" && !Array.isArray(v);

/** Values at a dotted path; `[]` walks every element of an array. */
function valuesAt(data: unknown, path: string): unknown[] {
  let current: unknown[] = [data];
  for (const part of path.split(".")) {
    const isList = part.endsWith("[]");
    const key = isList ? part.slice(0, -2) : part;
    const next: unknown[] = [];
    for (const value of current) {
      const v = isRecord(value) ? value[key] : undefined;
      if (isList && Array.isArray(v)) next.push(...v);
      else if (!isList) next.push(v);
    }
    current = next;
  }
  return current;
}

/** Output name → value for every output present on the record (arrays number their items from 1). */
export function extractOutputs(outputs: readonly OutputSpec[], data: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of outputs) {
    const values = valuesAt(data, spec.path);
    const isList = spec.path.includes("[]");
    values.forEach((value, i) => {
      if (typeof value === "string" && value !== "") out[isList ? `${spec.name}_${i + 1}` : spec.name] = value;
    });
  }
  return out;
}

export function stateOf(kind: JobKind, status: string | null): JobState {
  if (status === null) return kind.nullStatusIsCompleted ? "completed" : "in_progress";
  if (kind.completed.includes(status)) return "completed";
  if (kind.failed.includes(status)) return "failed";
  if (kind.needsAction?.some((a) => a.status === status)) return "needs_action";
  return "in_progress";
}

function percentOf(kind: JobKind, data: Rec, state: JobState): number | null {
  if (state === "completed") return 100;
  if (kind.percentField) {
    const p = data[kind.percentField];
    return typeof p === "number" ? p : null;
  }
  if (kind.percentFromCounts) {
    const counts = isRecord(data.counts_by_status) ? data.counts_by_status : {};
    const total = typeof data.total_items === "number" ? data.total_items : 0;
    const done = [counts.completed, counts.failed].reduce<number>((n, c) => n + (typeof c === "number" ? c : 0), 0);
    return total > 0 ? Math.floor((done / total) * 100) : null;
  }
  return null;
}

/** A failure reason from a string, a {code,message} object, or (Video Agent) the newest error message. */
function reasonOf(value: unknown): { code: string | null; message: string } | null {
  if (typeof value === "string" && value !== "") return { code: null, message: value };
  if (isRecord(value) && typeof value.message === "string") {
    return { code: typeof value.code === "string" ? value.code : null, message: value.message };
  }
  if (Array.isArray(value)) {
    const messages = value.filter(isRecord);
    const chosen = messages.find((m) => m.type === "error") ?? messages.find((m) => m.role !== "user");
    return typeof chosen?.content === "string" ? { code: null, message: chosen.content } : null;
  }
  return null;
}

function failureOf(kind: JobKind, data: Rec): JobFailure {
  const reason = kind.failureFields.map((f) => reasonOf(data[f])).find((r) => r !== null) ?? null;
  const code = kind.failureCodeField ? data[kind.failureCodeField] : null;
  return {
    code: typeof code === "string" ? code : (reason?.code ?? null),
    message: reason?.message ?? "no reason given",
    hint: kind.failureHint,
  };
}

/** The record for `id` in a get response's data: the object itself, or its entry in a bulk status list. */
export function recordFor(kind: JobKind, data: unknown, id: string): Rec | null {
  if (Array.isArray(data)) return data.filter(isRecord).find((r) => r[kind.idField] === id) ?? null;
  return isRecord(data) ? data : null;
}

const text = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

export function readJob(name: JobKindName, record: Rec, id?: string): JobSnapshot {
  const kind = JOB_KINDS[name];
  const status = text(record[kind.statusField]);
  const state = stateOf(kind, status);
  const jobId = text(record[kind.idField]) ?? id ?? "";
  const action = kind.needsAction?.find((a) => a.status === status)?.next.replaceAll("{id}", jobId) ?? null;
  const created = record.created_at;
  return {
    kind: name,
    id: jobId,
    // Public catalog records carry no status (ready); list rows of some kinds omit it (unknown).
    status: status ?? (kind.nullStatusIsCompleted ? "completed" : "unknown"),
    state,
    percent: percentOf(kind, record, state),
    outputs: state === "completed" ? extractOutputs(kind.outputs, record) : {},
    failure: state === "failed" ? failureOf(kind, record) : null,
    action,
    createdAt: typeof created === "number" ? created : null,
    title: text(record.title) ?? text(record.name),
  };
}

/** The exact call a model makes to wait for a job. */
export const waitCall = (kind: JobKindName, id: string): string => `wait_for_job with kind="${kind}", id="${id}"`;

/** "about 4 min" / "about 40 s", for typical durations and what is left of them. */
export function aboutTime(seconds: number): string {
  if (seconds >= 90) return `about ${Math.round(seconds / 60)} min`;
  return `about ${Math.max(5, Math.round(seconds / 5) * 5)} s`;
}

/** The closing sentence of every create tool that starts a job. */
export const createdNext = (kind: JobKindName, id: string): string =>
  `Next: ${waitCall(kind, id)} (typically ${aboutTime(JOB_KINDS[kind].typicalSeconds)}).`;
