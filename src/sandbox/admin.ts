/**
 * Test-control API on the sandbox's own port: no auth, not recorded, never part of HeyGen.
 *
 *   POST   /_sandbox/faults          { "fail_next"?: { "count": N, "status": 429|500|502|503|504, "retry_after"?: s, "skip"?: N },
 *                                      "drop_after_create"?: { "count": N },
 *                                      "after_create"?: { "count": N, "kind": "drop"|"truncate"|"hang"|"500"|"502"|"504" },
 *                                      "hang_next"?: { "count": N },
 *                                      "random"?: { "seed", "fail", "statuses"?, "drop_after_create"?,
 *                                                   "truncate_after_create"?, "error_after_create"?, "retry_after"? } | null,
 *                                      "create_delay_ms"?: N, "reset"?: true }
 *          fail_next: the next N /v3 requests (after auth) get that status with the error envelope
 *          (+ Retry-After when given; 429 defaults to 1 s), after letting `skip` requests through. after_create (drop_after_create = kind drop):
 *          the next N successful creates are stored (and their idempotency result kept), then the answer
 *          is spoiled: socket destroyed, half the body sent, never answered, or a 5xx envelope.
 *          hang_next: the next N /v3 requests are processed but never answered (until reset).
 *          random: each request fails first with probability `fail` (status drawn from `statuses`,
 *          default all five), and each successful create's answer is spoiled with the given
 *          probabilities, from a generator seeded with `seed` (repeatable runs). null turns it off.
 *          create_delay_ms: every create waits this long (real time) before running,
 *          so a concurrent duplicate Idempotency-Key gets 409. Returns the armed faults.
 *   POST   /_sandbox/clock/advance   { "ms": N }  moves a ManualClock; 400 for the system clock.
 *   POST   /_sandbox/jobs/<id>       { "outcome": "never_finish" | "fail" | "finish", "failure"?: { "code", "message" },
 *                                      "after_ms"?: N }  steers one job (a video, translation, session, render…
 *                                      of any account): never_finish keeps it running forever; fail and finish
 *                                      end it `after_ms` from now (default 0). Returns its id and plan.
 *   POST   /_sandbox/accounts        { "api_key": "…", "balance_usd": N }  creates/updates an account.
 *   POST   /_sandbox/limits          { "max_direct_upload_bytes": N }  the largest direct upload a slot
 *                                      accepts (default 200 MB, catalog §1.8), e.g. for a 1 GiB benchmark.
 *   GET    /_sandbox/requests        { data: [{ method, path, query, api_key, bearer_token,
 *                                      idempotency_key, body, status, response, request_id }] }
 *                                      every /v3 request in arrival order (status 0 = dropped).
 *   DELETE /_sandbox/requests        clears that log.
 *   GET    /_sandbox/state?api_key=… { data: { videos: N, …per collection, balance_usd } }
 *   GET    /media/<file>             the served media files (also no auth).
 */
import { z } from "zod";
import { ManualClock } from "./clock.js";
import type { SandboxDeps } from "./deps.js";
import { ApiError, badParam, ok } from "./envelope.js";
import { type AfterCreate, FAIL_STATUSES } from "./faults.js";
import { steerJob } from "./jobs.js";
import { mediaFile } from "./media.js";
import type { Router } from "./router.js";
import type { SessionRecord } from "./routes/video-agent-session.js";
import { steerSession } from "./routes/video-agent-timeline.js";
import { parseBody } from "./validate.js";

const failStatus = z.union([z.literal(429), z.literal(500), z.literal(502), z.literal(503), z.literal(504)]);
const probability = z.number().min(0).max(1).default(0);

const faultsSchema = z.strictObject({
  fail_next: z
    .strictObject({
      count: z.int().min(0),
      status: failStatus,
      retry_after: z.number().min(0).nullish(),
      skip: z.int().min(0).optional(),
    })
    .optional(),
  drop_after_create: z.strictObject({ count: z.int().min(0) }).optional(),
  after_create: z
    .strictObject({ count: z.int().min(0), kind: z.enum(["drop", "truncate", "hang", "500", "502", "504"]) })
    .optional(),
  hang_next: z.strictObject({ count: z.int().min(0) }).optional(),
  random: z
    .strictObject({
      seed: z.int(),
      fail: probability,
      statuses: z
        .array(failStatus)
        .min(1)
        .default([...FAIL_STATUSES]),
      drop_after_create: probability,
      truncate_after_create: probability,
      error_after_create: probability,
      retry_after: z.number().min(0).nullish(),
    })
    .nullish(),
  create_delay_ms: z.int().min(0).max(60_000).optional(),
  reset: z.boolean().optional(),
});

const advanceSchema = z.strictObject({ ms: z.number().min(0) });
const jobControlSchema = z.strictObject({
  outcome: z.enum(["never_finish", "fail", "finish"]),
  failure: z.strictObject({ code: z.string().min(1), message: z.string().min(1) }).optional(),
  after_ms: z.number().min(0).optional(),
});
const accountSchema = z.strictObject({ api_key: z.string().min(1), balance_usd: z.number().min(0) });
const limitsSchema = z.strictObject({ max_direct_upload_bytes: z.int().min(1) });

export function adminRoutes(r: Router, deps: SandboxDeps): void {
  const { faults, clock, store, requests } = deps;

  r.raw("POST", "/_sandbox/faults", (req) => {
    const body = parseBody(faultsSchema, req.body ?? {});
    if (body.reset) faults.reset();
    if (body.fail_next)
      faults.setFailNext(
        body.fail_next.count,
        body.fail_next.status,
        body.fail_next.retry_after ?? null,
        body.fail_next.skip ?? 0,
      );
    if (body.drop_after_create) faults.setAfterCreate(body.drop_after_create.count, { kind: "drop" });
    if (body.after_create) faults.setAfterCreate(body.after_create.count, afterCreate(body.after_create.kind));
    if (body.hang_next) faults.setHangNext(body.hang_next.count);
    if (body.random !== undefined) {
      faults.setRandom(body.random && { ...body.random, retry_after: body.random.retry_after ?? null });
    }
    if (body.create_delay_ms !== undefined) faults.createDelayMs = body.create_delay_ms;
    return ok(faults.snapshot());
  });

  r.raw("POST", "/_sandbox/clock/advance", (req) => {
    const { ms } = parseBody(advanceSchema, req.body);
    if (!(clock instanceof ManualClock))
      throw badParam(null, "The sandbox runs on the system clock; start it with a ManualClock.");
    clock.advance(ms);
    return ok({ now_ms: clock.now() });
  });

  r.raw("POST", "/_sandbox/jobs/:id", (req) => {
    const body = parseBody(jobControlSchema, req.body);
    const id = req.params.id ?? "";
    const found = store
      .allAccounts()
      .flatMap((account) => account.records().map(({ record }) => ({ account, record })))
      .find(({ record }) => record.id === id && (record.job || "runs" in record));
    if (!found) throw new ApiError(404, "not_found", `No job '${id}' in any account.`);
    const { account, record } = found;
    // A Video Agent session's state follows its runs' timeline rather than one job plan.
    if ("runs" in record) steerSession(record as SessionRecord, account, body, clock.now());
    else if (record.job) steerJob(record.job, body, clock.now());
    const job = record.job;
    return ok({ id, finish_after_ms: job && Number.isFinite(job.finishAfterMs) ? job.finishAfterMs : null });
  });

  r.raw("POST", "/_sandbox/accounts", (req) => {
    const { api_key, balance_usd } = parseBody(accountSchema, req.body);
    const account = store.account(api_key);
    account.setBalance(balance_usd);
    return ok({ api_key, balance_usd: account.balanceUsd(clock.now()) });
  });

  r.raw("POST", "/_sandbox/limits", (req) => {
    const { max_direct_upload_bytes } = parseBody(limitsSchema, req.body);
    deps.limits.maxDirectUploadBytes = max_direct_upload_bytes;
    return ok({ max_direct_upload_bytes });
  });

  r.raw("GET", "/_sandbox/requests", () => ({ status: 200, body: { data: requests.all() } }));
  r.raw("DELETE", "/_sandbox/requests", () => {
    requests.clear();
    return ok({ cleared: true });
  });

  r.raw("GET", "/_sandbox/state", (req) => {
    const key = req.query.get("api_key");
    if (!key) throw badParam("api_key", "api_key is required.");
    const account = store.peek(key);
    const counts = { videos: 0, ...account?.counts() };
    return ok({ ...counts, balance_usd: account ? account.balanceUsd(clock.now()) : null });
  });

  r.raw("GET", "/media/*", (req) => {
    const file = mediaFile(req.params["*"] ?? "");
    if (!file) throw new ApiError(404, "not_found", "Unknown media file.");
    return {
      status: 200,
      raw: { bytes: file.bytes, contentType: file.contentType },
      headers: { "Cache-Control": "max-age=3600" },
    };
  });
}

function afterCreate(kind: "drop" | "truncate" | "hang" | "500" | "502" | "504"): AfterCreate {
  if (kind === "drop" || kind === "truncate" || kind === "hang") return { kind };
  return { kind: "status", status: Number(kind) as 500 | 502 | 504 };
}
