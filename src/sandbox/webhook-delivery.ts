/**
 * Webhook deliveries (catalog §1.10). Job states derive lazily from the clock, so nothing "happens"
 * when a job finishes; instead a sweep (run around every request, after a clock advance, and on a
 * timer for the system clock: see `deps.ticks`) finds records whose job has become terminal since
 * the last sweep and emits each one's event exactly once:
 *
 * - to every registered endpoint of the account that existed when the job finished, is subscribed
 *   to the event type (`events: null` = all) and, when scoped by `entity_id`, names this resource:
 *   POST `{event_type, event_data, event_id, created_at}` with `Heygen-Signature` (lowercase hex
 *   HMAC-SHA256 of the raw body keyed with the endpoint's `whsec_` secret), `Heygen-Timestamp`
 *   (Unix s) and `Heygen-Event-Id`;
 * - to the job's own `callback_url`, unsigned.
 *
 * Every emitted event is kept for `GET /v3/webhooks/events`, with each delivery attempt's outcome.
 * Deliveries go only to http(s) URLs, are attempted once (10 s timeout) and never throw.
 *
 * Which collections emit what is a registry: `registerWebhookSource(collection, source)`. Videos are
 * built in; other route groups register their own (HyperFrames does in routes/hyperframes.ts).
 */
import { createHmac, randomBytes } from "node:crypto";
import { toUnixSeconds } from "./clock.js";
import type { SandboxDeps } from "./deps.js";
import { newId } from "./ids.js";
import { isTerminal, jobPhase } from "./jobs.js";
import { renderVideo, type VideoRecord } from "./routes/videos.js";
import { type Account, COLLECTIONS, type Resource } from "./store.js";

/** The `event_type` enum of `GET /v3/webhooks/events` and endpoint subscriptions. */
export const WEBHOOK_EVENT_TYPES = {
  "avatar_video.success": "An avatar video finished rendering.",
  "avatar_video.fail": "An avatar video failed to render.",
  "avatar_video_gif.success": "A video's GIF preview is ready.",
  "avatar_video_gif.fail": "A video's GIF preview failed.",
  "video_translate.success": "A video translation finished.",
  "video_translate.fail": "A video translation failed.",
  "video_translate.preflight.validation_failed": "A translation's input failed validation before processing.",
  "video_translate.preflight.download_failed": "A translation's input video could not be downloaded.",
  personalized_video: "A personalized video for a contact is ready.",
  "instant_avatar.success": "A digital-twin (instant) avatar finished training.",
  "instant_avatar.fail": "A digital-twin (instant) avatar failed to train.",
  "photo_avatar_generation.success": "Photo avatar images were generated.",
  "photo_avatar_generation.fail": "Photo avatar generation failed.",
  "photo_avatar_train.success": "A photo avatar group finished training.",
  "photo_avatar_train.fail": "A photo avatar group failed to train.",
  "photo_avatar_add_motion.success": "Motion was added to a photo avatar look.",
  "photo_avatar_add_motion.fail": "Adding motion to a photo avatar look failed.",
  "proofread_creation.success": "A translation proofread session is ready.",
  "proofread_creation.fail": "A translation proofread session failed.",
  "live_avatar.success": "A live avatar is ready.",
  "live_avatar.fail": "A live avatar failed.",
  "avatar_video_caption.success": "A video's captioned version is ready.",
  "avatar_video_caption.fail": "A video's captioned version failed.",
  "video_agent.success": "A Video Agent session produced its video.",
  "video_agent.fail": "A Video Agent session failed.",
  "hyperframes_video.success": "A HyperFrames cloud render completed.",
  "hyperframes_video.fail": "A HyperFrames cloud render failed.",
  "ai_clipping.success": "An AI clipping job finished.",
  "ai_clipping.fail": "An AI clipping job failed.",
  "batch.finished": "Every item of a batch with a callback_url reached a terminal state.",
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_TYPES;
export const EVENT_TYPE_NAMES = Object.keys(WEBHOOK_EVENT_TYPES) as WebhookEventType[];

export interface EndpointRecord extends Resource {
  url: string;
  /** null = every event type */
  events: WebhookEventType[] | null;
  entityId: string | null;
  secret: string;
  status: "enabled" | "disabled";
}

export interface DeliveryAttempt {
  endpoint_id: string | null;
  url: string;
  signed: boolean;
  status: "pending" | "delivered" | "failed";
  http_status: number | null;
  error: string | null;
}

export interface EventRecord extends Resource {
  eventType: WebhookEventType;
  eventData: Record<string, unknown>;
  entityId: string | null;
  deliveries: DeliveryAttempt[];
}

export const endpointsOf = (account: Account) => account.collection<EndpointRecord>("webhook_endpoints");
export const eventsOf = (account: Account) => account.collection<EventRecord>("webhook_events");

export const newWebhookSecret = (): string => `whsec_${randomBytes(24).toString("base64url")}`;

/** Lowercase hex HMAC-SHA256 of the raw body keyed with the whole `whsec_…` secret. */
export const signWebhookBody = (secret: string, rawBody: string): string =>
  createHmac("sha256", secret).update(rawBody, "utf8").digest("hex");

export const isHttpUrl = (url: string): boolean => {
  try {
    const { protocol } = new URL(url);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
};

/** What a terminal job emits. */
export interface JobEvent {
  type: WebhookEventType;
  data: Record<string, unknown>;
  /** The resource id; endpoints scoped with `entity_id` and the events filter match on it. */
  entityId: string;
  /** The job's own callback_url (delivered unsigned), if any. */
  callbackUrl: string | null;
}

export type WebhookSource = (record: Resource, outcome: "completed" | "failed", deps: SandboxDeps) => JobEvent | null;

const sources = new Map<string, WebhookSource>();

/** Makes records of `collection` emit an event when their job becomes terminal. */
export function registerWebhookSource(collection: string, source: WebhookSource): void {
  sources.set(collection, source);
}

const field = (record: Resource, ...names: string[]): string | null => {
  for (const name of names) {
    const value = (record as unknown as Record<string, unknown>)[name];
    if (typeof value === "string" && value !== "") return value;
  }
  return null;
};

/**
 * A generic source for a `<family>.success|fail` event: `{<idField>, status, callback_id}` (+
 * `message` on failure). Route groups whose payload the catalog documents should register a precise one.
 */
export function genericJobSource(family: string, idField: string): WebhookSource {
  return (record, outcome) => {
    const type = `${family}.${outcome === "completed" ? "success" : "fail"}`;
    if (!(type in WEBHOOK_EVENT_TYPES)) return null;
    const callbackId = field(record, "callbackId", "callback_id");
    return {
      type: type as WebhookEventType,
      entityId: record.id,
      callbackUrl: field(record, "callbackUrl", "callback_url"),
      data: {
        [idField]: record.id,
        status: outcome,
        ...(outcome === "failed" ? { message: record.job?.failure?.message ?? null } : {}),
        callback_id: callbackId,
      },
    };
  };
}

// Videos: the catalog's avatar_video.success / .fail payloads.
registerWebhookSource(COLLECTIONS.videos, (record, outcome, deps) => {
  const video = record as VideoRecord;
  const shown = renderVideo(video, deps);
  const common = { entityId: video.id, callbackUrl: video.callbackUrl };
  if (outcome === "failed") {
    return {
      ...common,
      type: "avatar_video.fail",
      data: {
        video_id: video.id,
        msg: shown.failure_message,
        failure_code: shown.failure_code,
        failure_message: shown.failure_message,
        callback_id: video.callbackId,
      },
    };
  }
  return {
    ...common,
    type: "avatar_video.success",
    data: {
      video_id: video.id,
      url: shown.video_url,
      gif_download_url: shown.gif_url,
      video_page_url: shown.video_page_url,
      video_share_page_url: `https://app.heygen.com/share/${video.id}`,
      folder_id: shown.folder_id,
      callback_id: video.callbackId,
    },
  };
});

// Other groups' jobs, by the collection names their routes use (catalog event families).
registerWebhookSource("video_translations", genericJobSource("video_translate", "video_translate_id"));
registerWebhookSource("video_agents", genericJobSource("video_agent", "session_id"));
registerWebhookSource("ai_clipping", genericJobSource("ai_clipping", "job_id"));
registerWebhookSource("proofreads", genericJobSource("proofread_creation", "proofread_id"));

/** Records already emitted (or terminal with nothing to emit). Records are per sandbox, so one set serves all. */
const swept = new WeakSet<Resource>();

/** Emits the event of every job that became terminal since the last sweep, once. */
export function sweepWebhooks(deps: SandboxDeps): void {
  const now = deps.clock.now();
  for (const account of deps.store.allAccounts()) {
    for (const { collection, record } of account.records()) {
      if (!record.job || swept.has(record)) continue;
      const phase = jobPhase(record.job, now);
      if (!isTerminal(phase)) continue;
      swept.add(record);
      const source = sources.get(collection);
      const event = source?.(record, phase === "completed" ? "completed" : "failed", deps);
      if (event) emit(deps, account, event, record.job.createdAtMs + record.job.finishAfterMs);
    }
  }
}

function emit(deps: SandboxDeps, account: Account, event: JobEvent, atMs: number): void {
  const endpoints = endpointsOf(account)
    .list()
    .filter(
      (e) =>
        e.status === "enabled" &&
        e.createdAtMs <= atMs &&
        (e.events === null || e.events.includes(event.type)) &&
        (e.entityId === null || e.entityId === event.entityId),
    );
  const callbackUrl = event.callbackUrl && isHttpUrl(event.callbackUrl) ? event.callbackUrl : null;
  if (endpoints.length === 0 && callbackUrl === null) return;
  const eventId = newId("evt");
  const body = JSON.stringify({
    event_type: event.type,
    event_data: event.data,
    event_id: eventId,
    created_at: new Date(atMs).toISOString(),
  });
  const record = eventsOf(account).add({
    id: eventId,
    createdAtMs: atMs,
    eventType: event.type,
    eventData: event.data,
    entityId: event.entityId,
    deliveries: [],
  });
  const timestamp = String(toUnixSeconds(deps.clock.now()));
  const base = { "content-type": "application/json", "user-agent": "HeyGen-Webhooks/sandbox" };
  for (const endpoint of endpoints) {
    if (!isHttpUrl(endpoint.url)) continue;
    const headers = {
      ...base,
      "heygen-signature": signWebhookBody(endpoint.secret, body),
      "heygen-timestamp": timestamp,
      "heygen-event-id": eventId,
    };
    deliver(record, { endpoint_id: endpoint.id, url: endpoint.url, signed: true }, body, headers);
  }
  if (callbackUrl) {
    const headers = { ...base, "heygen-timestamp": timestamp, "heygen-event-id": eventId };
    deliver(record, { endpoint_id: null, url: callbackUrl, signed: false }, body, headers);
  }
}

const DELIVERY_TIMEOUT_MS = 10_000;

function deliver(
  record: EventRecord,
  target: Pick<DeliveryAttempt, "endpoint_id" | "url" | "signed">,
  body: string,
  headers: Record<string, string>,
): void {
  const attempt: DeliveryAttempt = { ...target, status: "pending", http_status: null, error: null };
  record.deliveries.push(attempt);
  fetch(target.url, {
    method: "POST",
    headers,
    body,
    redirect: "manual",
    signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
  })
    .then(async (res) => {
      attempt.http_status = res.status;
      attempt.status = res.ok ? "delivered" : "failed";
      if (!res.ok) attempt.error = `receiver answered HTTP ${res.status}`;
      await res.body?.cancel();
    })
    .catch((err: unknown) => {
      attempt.status = "failed";
      attempt.error =
        err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    });
}
