/**
 * Webhooks (catalog §1.10, §2.14): endpoint CRUD with a `whsec_` signing secret shown only on create
 * and rotate, the event-type list, and the delivered-event history. Deliveries themselves are made by
 * the sweep in ../webhook-delivery.ts, which this group installs.
 *
 * Sandbox-only: `GET /_sandbox/webhooks/deliveries?api_key=…` lists each delivery attempt and its
 * outcome (unauthenticated, not recorded, like the rest of /_sandbox).
 */
import { z } from "zod";
import type { SandboxDeps } from "../deps.js";
import { ApiError, badParam, notFound, ok } from "../envelope.js";
import { newId } from "../ids.js";
import { PAGE_SPECS, paginate } from "../pagination.js";
import type { ApiRequest, Router } from "../router.js";
import { parseBody, queryEnum, queryText } from "../validate.js";
import {
  type EndpointRecord,
  EVENT_TYPE_NAMES,
  type EventRecord,
  endpointsOf,
  eventsOf,
  isHttpUrl,
  newWebhookSecret,
  sweepWebhooks,
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
} from "../webhook-delivery.js";

const eventTypes = z.enum(EVENT_TYPE_NAMES as [WebhookEventType, ...WebhookEventType[]]);
/** HeyGen asks for a public HTTPS URL; the sandbox also takes http so tests can listen on loopback. */
const endpointUrl = z
  .string()
  .refine(isHttpUrl, "must be a publicly accessible HTTPS URL")
  .refine((u) => u.length <= 2048, "must be at most 2048 characters");
const eventList = z.array(eventTypes).min(1, "name at least one event type, or omit events for all");

const createSchema = z.strictObject({
  url: endpointUrl,
  events: eventList.nullish(),
  entity_id: z.string().min(1).nullish(),
});

const updateSchema = z.strictObject({
  url: endpointUrl.nullish(),
  events: eventList.nullish(),
});

const iso = (ms: number) => new Date(ms).toISOString();

const showEndpoint = (e: EndpointRecord, withSecret: boolean) => ({
  endpoint_id: e.id,
  url: e.url,
  status: e.status,
  events: e.events,
  secret: withSecret ? e.secret : null,
  created_at: iso(e.createdAtMs),
});

const showEvent = (e: EventRecord) => ({
  event_id: e.id,
  event_type: e.eventType,
  event_data: e.eventData,
  created_at: iso(e.createdAtMs),
});

function endpointOf(req: ApiRequest): EndpointRecord {
  const id = req.params.endpoint_id ?? "";
  const endpoint = endpointsOf(req.account).get(id);
  if (!endpoint) throw notFound("webhook_not_found", `Webhook endpoint '${id}' was not found.`);
  return endpoint;
}

/** 409 `conflict` when another endpoint of the account already receives at this URL. */
function assertUrlFree(req: ApiRequest, url: string, self: string | null): void {
  const taken = endpointsOf(req.account)
    .list()
    .some((e) => e.url === url && e.id !== self);
  if (taken) throw new ApiError(409, "conflict", `A webhook endpoint is already registered for ${url}.`, "url");
}

export function webhookRoutes(r: Router, deps: SandboxDeps): void {
  const { clock, store } = deps;
  deps.ticks.push(() => sweepWebhooks(deps));

  r.post(
    "/v3/webhooks/endpoints",
    (req) => {
      const body = parseBody(createSchema, req.body);
      assertUrlFree(req, body.url, null);
      const endpoint = endpointsOf(req.account).add({
        id: newId("ep"),
        createdAtMs: clock.now(),
        url: body.url,
        events: body.events ?? null,
        entityId: body.entity_id ?? null,
        secret: newWebhookSecret(),
        status: "enabled",
      });
      return ok(showEndpoint(endpoint, true));
    },
    { idempotent: true, creates: true },
  );

  r.get("/v3/webhooks/endpoints", (req) =>
    paginate(
      endpointsOf(req.account)
        .list()
        .map((e) => showEndpoint(e, false)),
      req.query,
      PAGE_SPECS.webhookEndpoints,
      (e) => e.endpoint_id,
    ),
  );

  r.patch("/v3/webhooks/endpoints/:endpoint_id", (req) => {
    const endpoint = endpointOf(req);
    const body = parseBody(updateSchema, req.body);
    const hasEvents = typeof req.body === "object" && req.body !== null && "events" in req.body;
    if (!body.url && !hasEvents) throw badParam(null, "Provide url and/or events to update.");
    if (body.url) {
      assertUrlFree(req, body.url, endpoint.id);
      endpoint.url = body.url;
    }
    // events is a full replacement; an explicit null subscribes to every type.
    if (hasEvents) endpoint.events = body.events ?? null;
    return ok(showEndpoint(endpoint, false));
  });

  r.delete("/v3/webhooks/endpoints/:endpoint_id", (req) => {
    endpointsOf(req.account).delete(endpointOf(req).id);
    return { status: 200, body: { data: {}, error: null } };
  });

  r.post(
    "/v3/webhooks/endpoints/:endpoint_id/rotate-secret",
    (req) => {
      const endpoint = endpointOf(req);
      endpoint.secret = newWebhookSecret();
      return ok({ endpoint_id: endpoint.id, secret: endpoint.secret });
    },
    { idempotent: true },
  );

  r.get("/v3/webhooks/event-types", () => ({
    status: 200,
    body: {
      data: Object.entries(WEBHOOK_EVENT_TYPES).map(([event_type, description]) => ({ event_type, description })),
      has_more: false,
      next_token: null,
    },
  }));

  r.get("/v3/webhooks/events", (req) => {
    const type = queryEnum(req.query, "event_type", EVENT_TYPE_NAMES);
    const entityId = queryText(req.query, "entity_id");
    const events = eventsOf(req.account)
      .list()
      .filter((e) => (!type || e.eventType === type) && (!entityId || e.entityId === entityId));
    return paginate(events.map(showEvent), req.query, PAGE_SPECS.webhookEvents, (e) => e.event_id);
  });

  r.raw("GET", "/_sandbox/webhooks/deliveries", (req) => {
    const key = req.query.get("api_key");
    if (!key) throw badParam("api_key", "api_key is required.");
    const account = store.peek(key);
    const data = account
      ? eventsOf(account)
          .list()
          .flatMap((e) => e.deliveries.map((d) => ({ event_id: e.id, event_type: e.eventType, ...d })))
      : [];
    return ok(data);
  });
}
