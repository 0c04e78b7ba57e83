/**
 * Video Agent (catalog §2.2): a prompt becomes a scripted, cast and rendered video.
 *
 * A session is a list of runs (the first from the prompt, then one per revision in chat mode), each
 * derived from the clock: thinking → [waiting_for_input] → reviewing → generating → completed | failed.
 * Only the first run of a `chat` session pauses in `waiting_for_input` until a message answers it;
 * `generate` sessions and revisions proceed on their own. Each run that renders adds a record to the
 * shared videos store, so `GET /v3/videos/{video_id}` and `GET /v3/videos` show it too.
 *
 * The session model and its phases live in video-agent-session.ts, scheduled messages, resources and
 * the charged render in video-agent-timeline.ts, request checks in video-agent-inputs.ts, views and the
 * webhook payload in video-agent-render.ts, the seeded styles in video-agent-styles.ts.
 *
 * [inf] choices (the catalog is silent):
 * - Timing: fast 1 s thinking + 1 s reviewing + 2 s generating; realistic 3 min + 4 min + the rest of
 *   20–45 min (scaled with the output length). A chat answer resumes at reviewing.
 * - Billing: $0.0333 per second of output (length read from "N seconds/minutes" in the prompt, else
 *   60 s; 5–300 s), charged on the video record when its run is planned (create in generate mode,
 *   the answer in chat mode, each revision); a chat create only checks the balance. A failed or
 *   stopped render is refunded by the store.
 * - Stop halts the current run now: status `failed`, or `completed` when an earlier run produced a
 *   video; an unfinished render fails with `stopped`. Stopping a terminal session changes nothing.
 * - A message to a `generate` session → 400 invalid_parameter; unknown session → 404 `not_found`;
 *   unknown or not-yet-produced resource → 404 `resource_not_found`; unknown style → 404 `not_found`.
 * - Put `[sandbox:fail]` in the prompt (or a revision message) to make that run fail.
 * - Not in §1.7, so no Idempotency-Key. A running session and its render each count toward the
 *   10-jobs-in-flight limit; a session waiting for input counts for nothing.
 */
import { toUnixSeconds } from "../clock.js";
import type { SandboxDeps } from "../deps.js";
import { badParam, list, notFound, ok } from "../envelope.js";
import { newId } from "../ids.js";
import { assertJobCapacity, jobPhase } from "../jobs.js";
import { PAGE_SPECS, paginate } from "../pagination.js";
import type { Router } from "../router.js";
import { parseBody } from "../validate.js";
import {
  assertBalance,
  assertCast,
  attachFiles,
  createSchema,
  messageSchema,
  stopSchema,
} from "./video-agent-inputs.js";
import { findSession, renderResource, renderSession, titleAt } from "./video-agent-render.js";
import {
  completedVideoOf,
  costOf,
  jobOf,
  latestRun,
  outputSecondsOf,
  planRun,
  runStatus,
  type SessionRecord,
  sessionsOf,
  titleOf,
} from "./video-agent-session.js";
import { STYLES, videoAgentStyleRoutes } from "./video-agent-styles.js";
import { addMessage, createVideo, scheduleRender, scheduleUntilWaiting } from "./video-agent-timeline.js";
import { renderVideo, type VideoRecord, videosOf } from "./videos.js";

// ---- routes ----

export function videoAgentRoutes(r: Router, deps: SandboxDeps): void {
  const { clock } = deps;

  r.post(
    "/v3/video-agents",
    (req) => {
      const body = parseBody(createSchema, req.body);
      const account = req.account;
      assertCast(deps, account, body);
      if (body.style_id && !STYLES.some((s) => s.style_id === body.style_id)) {
        throw notFound("not_found", `Style '${body.style_id}' was not found.`, "style_id");
      }
      const attach = attachFiles(deps, account, body.files);
      assertJobCapacity(account, clock);
      const now = clock.now();
      const mode = body.mode ?? "generate";
      const run = planRun(deps, now, outputSecondsOf(body.prompt), mode === "chat", body.prompt);
      assertBalance(account, costOf(run.outputSeconds), now);
      const session: SessionRecord = {
        id: newId(),
        createdAtMs: now,
        mode,
        title: titleOf(body.prompt),
        styleId: body.style_id ?? null,
        orientation: body.orientation ?? null,
        callbackId: body.callback_id ?? null,
        callbackUrl: body.callback_url ?? null,
        runs: [run],
        messages: [],
        resources: [],
      };
      addMessage(session, run, now, "user", "text", body.prompt, attach(session, run, now));
      if (mode === "generate") createVideo(session, run, account, now);
      scheduleUntilWaiting(session, run);
      session.job = jobOf(session, run);
      sessionsOf(account).add(session);
      return ok({
        session_id: session.id,
        status: "thinking",
        video_id: run.videoId,
        created_at: toUnixSeconds(now),
      });
    },
    { creates: true },
  );

  r.get("/v3/video-agents", (req) => {
    const now = clock.now();
    const rows = sessionsOf(req.account)
      .list()
      .map((s) => ({ session_id: s.id, title: titleAt(s, now), created_at: toUnixSeconds(s.createdAtMs) }));
    return paginate(rows, req.query, PAGE_SPECS.videoAgents, (s) => s.session_id);
  });
  videoAgentStyleRoutes(r, deps);

  r.get("/v3/video-agents/:session_id", (req) => ok(renderSession(findSession(req), clock.now())));

  r.post("/v3/video-agents/:session_id", (req) => {
    const session = findSession(req);
    const body = parseBody(messageSchema, req.body);
    if (session.mode !== "chat") {
      throw badParam(
        null,
        `Session '${session.id}' was created with mode 'generate'; messages are accepted only in chat mode. Start a new session with mode 'chat'.`,
      );
    }
    const account = req.account;
    assertCast(deps, account, body);
    const attach = attachFiles(deps, account, body.files);
    const now = clock.now();
    let run = latestRun(session);
    const status = runStatus(session, run, now);
    if (status === "waiting_for_input") {
      // The answer: the run resumes at reviewing and its render is planned (and charged) now.
      assertJobCapacity(account, clock);
      assertBalance(account, costOf(run.outputSeconds), now);
      run.answeredAtMs = now;
      addMessage(session, run, now, "user", "text", body.message, attach(session, run, now));
      createVideo(session, run, account, now);
      scheduleRender(session, run);
      session.job = jobOf(session, run);
    } else if (status === "completed" || status === "failed") {
      // A revision: a new run that renders a new video. A new record object, so its webhook fires again.
      assertJobCapacity(account, clock);
      assertBalance(account, costOf(run.outputSeconds), now);
      const text = body.message;
      run = planRun(deps, now, run.outputSeconds, false, text);
      session.runs.push(run);
      addMessage(session, run, now, "user", "text", text, attach(session, run, now));
      createVideo(session, run, account, now);
      scheduleUntilWaiting(session, run);
      sessionsOf(account).add({ ...session, job: jobOf(session, run), refunded: false });
    } else {
      // Busy: the message is extra context for the running agent.
      addMessage(session, run, now, "user", "text", body.message, attach(session, run, now));
    }
    return ok({ session_id: session.id, run_id: run.id, title: titleAt(session, now) });
  });

  r.post("/v3/video-agents/:session_id/stop", (req) => {
    const session = findSession(req);
    parseBody(stopSchema, req.body ?? {});
    const now = clock.now();
    const run = latestRun(session);
    const status = runStatus(session, run, now);
    if (status !== "completed" && status !== "failed") {
      run.stoppedAtMs = now;
      session.messages = session.messages.filter((m) => m.runId !== run.id || m.atMs <= now);
      session.resources = session.resources.filter((x) => x.runId !== run.id || x.atMs <= now);
      const video = run.videoId ? videosOf(req.account).get(run.videoId) : undefined;
      if (video && jobPhase(video.job, now) !== "completed") {
        video.job = {
          ...video.job,
          finishAfterMs: Math.max(0, now - video.createdAtMs),
          failure: { code: "stopped", message: "The Video Agent session was stopped before this video finished." },
        };
      }
      const kept = completedVideoOf(session, run);
      addMessage(session, run, now, "model", kept ? "text" : "error", "Stopped at your request.", []);
      session.job = jobOf(session, run);
    }
    return ok({ session_id: session.id });
  });

  r.get("/v3/video-agents/:session_id/resources/:resource_id", (req) => {
    const session = findSession(req);
    const id = req.params.resource_id ?? "";
    const resource = session.resources.find((x) => x.id === id && x.atMs <= clock.now());
    if (!resource) {
      throw notFound("resource_not_found", `Resource '${id}' was not found in session '${session.id}'.`, "resource_id");
    }
    return ok(renderResource(resource, req.account, deps));
  });

  r.get("/v3/video-agents/:session_id/videos", (req) => {
    const session = findSession(req);
    const videos = videosOf(req.account);
    const rows = [...session.runs]
      .reverse()
      .map((run) => (run.videoId ? videos.get(run.videoId) : undefined))
      .filter((v): v is VideoRecord => v !== undefined)
      .map((v) => renderVideo(v, deps));
    return list(rows, false, null);
  });
}
