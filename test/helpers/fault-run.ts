/**
 * The money-safety fault run (issue 16): hundreds of paid creates through the real MCP server against the
 * sandbox with seeded random faults (refusals 429/500/502/503/504 before processing; dropped connections,
 * truncated 2xx bodies and 502/504 after the create was recorded), at a fixed concurrency. Then it checks
 * upstream what exists. Shared by the integration test and `npm run bench`; imports nothing from vitest.
 */
import { type CallResult, call, type Stack, TEST_KEY, textOf } from "./stack.js";

export interface FaultRunOptions {
  calls: number;
  concurrency: number;
  seed: number;
  /** Also repeat each unclear call with a fresh key, as every call did before derived keys (the bench's baseline). */
  baseline?: boolean;
}

interface Outcome {
  title: string;
  args: Record<string, unknown>;
  videoId: string | null;
  error: Record<string, unknown> | null;
  /** After an error: the video ids list_jobs showed right then, as a model following the hint would see. */
  listedAfter: string[];
}

export interface FaultRunStats {
  calls: number;
  succeeded: number;
  errors: number;
  outcomeUnknown: number;
  jobs: number;
  /** Titles with more than one video: a call billed twice. */
  duplicateJobs: number;
  /** Returned ids HeyGen does not know. */
  unknownReturnedIds: number;
  /** Calls whose job exists but whose error says retryable: the defect this issue removes. */
  existingReportedRetryable: number;
  /** The same calls judged by their last attempt alone (what the client reported before): the baseline. */
  existingLastAttemptRetryable: number;
  /** Jobs whose call ended in an error; how many list_jobs showed right after, and list_videos finds by title. */
  jobsNotReturned: number;
  jobsNotReturnedInListJobs: number;
  jobsNotReturnedFound: number;
  /** Each errored call repeated with the same arguments once the faults stop: new jobs it made. */
  repeats: number;
  /** Repeats that returned a job: the repeat is the fix, so it must work once the faults stop. */
  repeatsSucceeded: number;
  secondJobsFromRepeats: number;
  callsWithoutIdOrError: number;
  /** Baseline only: second jobs when the same repeats each carry a fresh key. */
  baselineSecondJobs?: number;
}

const parse = (res: CallResult) => (res.isError ? (JSON.parse(textOf(res)) as Record<string, unknown>) : null);

/** Every video of the test key, title → ids, read straight from the sandbox with the faults off. */
async function videosByTitle(stack: Stack): Promise<Map<string, string[]>> {
  const byTitle = new Map<string, string[]>();
  let token: string | null = null;
  do {
    const url = new URL("/v3/videos", stack.sandbox.url);
    url.searchParams.set("limit", "100");
    if (token) url.searchParams.set("token", token);
    const res = await fetch(url, { headers: { "x-api-key": TEST_KEY } });
    const page = (await res.json()) as { data: { id: string; title: string | null }[]; next_token?: string | null };
    for (const v of page.data) byTitle.set(v.title ?? "", [...(byTitle.get(v.title ?? "") ?? []), v.id]);
    token = page.next_token ?? null;
  } while (token);
  return byTitle;
}

export async function runFaultedCreates(stack: Stack, opts: FaultRunOptions): Promise<FaultRunStats> {
  await stack.admin.setBalance(TEST_KEY, 1_000_000);
  const looks = await call(stack, "list_avatar_looks", { limit: 1 });
  const avatarId = (looks.structuredContent?.looks as { id: string }[] | undefined)?.[0]?.id;
  if (!avatarId) throw new Error("the sandbox has no avatar looks");
  await stack.admin.faults({
    reset: true,
    random: {
      seed: opts.seed,
      fail: 0.2,
      drop_after_create: 0.06,
      truncate_after_create: 0.03,
      error_after_create: 0.04,
      retry_after: 1,
    },
  });
  const outcomes: Outcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < opts.calls) {
      const i = next++;
      // Fixed width, so no title contains another (list_videos matches titles by substring).
      const title = `fault-${opts.seed}-${String(i).padStart(5, "0")}`;
      const args = { avatar_id: avatarId, script: `Fault run line number ${i}.`, title };
      const res = await call(stack, "create_video_from_avatar", args);
      const videoId = typeof res.structuredContent?.video_id === "string" ? res.structuredContent.video_id : null;
      const listedAfter = res.isError ? await listJobsVideoIds(stack) : [];
      outcomes.push({ title, args, videoId: res.isError ? null : videoId, error: parse(res), listedAfter });
      // Renders finish 3 s after creation (fast timing): moving sandbox time keeps the 10-jobs-in-flight
      // limit from blocking the run while the whole run stays inside the idempotency window.
      stack.clock.advance(3_500);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  await stack.admin.faults({ reset: true });

  const jobs = await videosByTitle(stack);
  const allIds = new Set([...jobs.values()].flat());
  const failed = outcomes.filter((o) => o.error !== null);
  const lastStatus = await lastAttemptStatusByKey(stack);
  const existing = failed.filter((o) => (jobs.get(o.title)?.length ?? 0) > 0);
  let found = 0;
  for (const o of existing) {
    const listed = await call(stack, "list_videos", { title: o.title, limit: 5 });
    const rows = (listed.structuredContent?.videos as { id: string }[] | undefined) ?? [];
    if (rows.some((r) => jobs.get(o.title)?.includes(r.id))) found++;
  }
  let secondJobs = 0;
  let repeatsSucceeded = 0;
  for (const o of failed) {
    const before = jobs.get(o.title)?.length ?? 0;
    if (!(await call(stack, "create_video_from_avatar", o.args)).isError) repeatsSucceeded++;
    stack.clock.advance(3_500);
    const after = (await videosByTitle(stack)).get(o.title)?.length ?? 0;
    if (after > Math.max(before, 1)) secondJobs++;
  }
  let baselineSecondJobs = 0;
  if (opts.baseline) {
    for (const [i, o] of existing.entries()) {
      const before = (await videosByTitle(stack)).get(o.title)?.length ?? 0;
      await call(stack, "create_video_from_avatar", { ...o.args, idempotency_key: `fresh-${opts.seed}-${i}` });
      stack.clock.advance(3_500);
      if (((await videosByTitle(stack)).get(o.title)?.length ?? 0) > before) baselineSecondJobs++;
    }
  }
  return {
    ...(opts.baseline ? { baselineSecondJobs } : {}),
    calls: outcomes.length,
    succeeded: outcomes.length - failed.length,
    errors: failed.length,
    outcomeUnknown: failed.filter((o) => o.error?.code === "client_create_outcome_unknown").length,
    jobs: allIds.size,
    duplicateJobs: [...jobs.values()].filter((ids) => ids.length > 1).length,
    unknownReturnedIds: outcomes.filter((o) => o.videoId !== null && !allIds.has(o.videoId)).length,
    existingReportedRetryable: existing.filter((o) => o.error?.retryable === true).length,
    existingLastAttemptRetryable: existing.filter((o) => wasTransient(lastStatus.get(String(o.error?.idempotency_key))))
      .length,
    jobsNotReturned: existing.length,
    jobsNotReturnedInListJobs: existing.filter((o) => o.listedAfter.some((id) => jobs.get(o.title)?.includes(id)))
      .length,
    jobsNotReturnedFound: found,
    repeats: failed.length,
    repeatsSucceeded,
    secondJobsFromRepeats: secondJobs,
    callsWithoutIdOrError: outcomes.filter((o) => o.videoId === null && o.error === null).length,
  };
}

/** The newest videos list_jobs shows (faults still on: it is read again until it answers). */
async function listJobsVideoIds(stack: Stack): Promise<string[]> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const res = await call(stack, "list_jobs", { kind: "video", limit: 50 });
    if (!res.isError) return ((res.structuredContent?.jobs as { id: string }[] | undefined) ?? []).map((j) => j.id);
  }
  return [];
}

/** 429, 5xx, a dropped or unread answer: the last attempt alone would have said "retry". */
const wasTransient = (status: number | undefined) =>
  status !== undefined && (status === 0 || status === 429 || status >= 500 || status < 300);

async function lastAttemptStatusByKey(stack: Stack): Promise<Map<string, number>> {
  const last = new Map<string, number>();
  for (const r of await stack.admin.requests()) {
    if (r.method === "POST" && r.path === "/v3/videos" && r.idempotency_key) last.set(r.idempotency_key, r.status);
  }
  return last;
}
