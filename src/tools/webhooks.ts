import { z } from "zod";
import { plural } from "../text.js";
import { CREATE, DELETE, defineTool, READ, UPDATE } from "./define.js";
import { defined, nextPageHint, pageInput, pageOutput, toPageResult } from "./shared-schemas.js";

// ---- webhook endpoints and event history (api-catalog §1.10, §2.14) ----

interface Endpoint {
  endpoint_id: string;
  url: string;
  status: string;
  events?: string[] | null;
  secret?: string | null;
  created_at: string;
}

interface WebhookEvent {
  event_id: string;
  event_type: string;
  event_data: Record<string, unknown>;
  created_at: string;
}

/** Event type names are long and many; the sandbox / HeyGen validates them, the list tool names them. */
const eventType = z.string().min(1).describe("e.g. avatar_video.success (list_webhook_event_types).");
const eventList = z.array(eventType).min(1);

const endpointRow = z.object({
  endpoint_id: z.string(),
  url: z.string(),
  status: z.string().describe("enabled or disabled."),
  events: z.array(z.string()).nullable().describe("null: every event type."),
  created_at: z.string().describe("ISO 8601."),
});

const toEndpointRow = (e: Endpoint) => ({
  endpoint_id: e.endpoint_id,
  url: e.url,
  status: e.status,
  events: e.events ?? null,
  created_at: e.created_at,
});

const endpointId = z.string().min(1).describe("From list_webhook_endpoints.");
const webhookUrl = z.url({ protocol: /^https?$/ }).describe("Public HTTPS URL that receives POSTs.");
const subscribed = (events: readonly string[] | null) => (events ? events.join(", ") : "all events");

export const createWebhookEndpoint = defineTool({
  name: "create_webhook_endpoint",
  title: "Register a webhook endpoint",
  toolset: "webhooks",
  description:
    "Register a URL to receive signed job events (video done/failed…), instead of polling. Returns the whsec_ signing secret ONCE: store it now. Per-job callback_url needs no endpoint.",
  operation: "POST /v3/webhooks/endpoints",
  input: z.strictObject({
    url: webhookUrl,
    events: eventList.optional().describe("Types to receive; omit for all."),
    entity_id: z.string().min(1).optional().describe("Only events of this resource."),
  }),
  output: endpointRow.extend({
    secret: z.string().nullable().describe("whsec_…; HMAC-SHA256 key. Shown only now."),
  }),
  annotations: CREATE,
  async handler(input, { call }) {
    const { body } = await call<{ data: Endpoint }>({ body: defined(input) });
    return { ...toEndpointRow(body.data), secret: body.data.secret ?? null };
  },
  summary: (e) =>
    `Endpoint ${e.endpoint_id} receives ${subscribed(e.events)} at ${e.url}. Store the secret now: it is never shown again (rotate_webhook_endpoint_secret issues a new one).`,
});

export const listWebhookEndpoints = defineTool({
  name: "list_webhook_endpoints",
  title: "List webhook endpoints",
  toolset: "webhooks",
  description: "Registered webhook endpoints with their subscribed events. Secrets are never listed.",
  operation: "GET /v3/webhooks/endpoints",
  input: z.strictObject({ ...pageInput({ max: 100, fallback: 10 }) }),
  output: pageOutput("endpoints", endpointRow),
  annotations: READ,
  async handler(input, { call }) {
    const { body } = await call<{ data: Endpoint[] }>({ query: input });
    return toPageResult("endpoints", body, toEndpointRow);
  },
  summary: (p) =>
    `${plural(p.endpoints.length, "webhook endpoint")}.${nextPageHint(p, "list_webhook_endpoints")}${p.endpoints.length === 0 ? " Next: create_webhook_endpoint." : ""}`,
});

export const updateWebhookEndpoint = defineTool({
  name: "update_webhook_endpoint",
  title: "Update a webhook endpoint",
  toolset: "webhooks",
  description: "Change an endpoint's URL and/or subscribed events (events replaces the whole list). Secret unchanged.",
  operation: "PATCH /v3/webhooks/endpoints/{endpoint_id}",
  input: z
    .strictObject({
      endpoint_id: endpointId,
      url: webhookUrl.optional(),
      events: eventList.nullable().optional().describe("Full replacement; null: all types."),
    })
    .superRefine((v, ctx) => {
      if (v.url === undefined && v.events === undefined)
        ctx.addIssue({ code: "custom", path: ["url"], message: "give url and/or events" });
    }),
  output: endpointRow,
  annotations: UPDATE,
  async handler({ endpoint_id, ...patch }, { call }) {
    const { body } = await call<{ data: Endpoint }>({ pathParams: { endpoint_id }, body: defined(patch) });
    return toEndpointRow(body.data);
  },
  summary: (e) => `Endpoint ${e.endpoint_id} now receives ${subscribed(e.events)} at ${e.url}.`,
});

export const deleteWebhookEndpoint = defineTool({
  name: "delete_webhook_endpoint",
  title: "Delete a webhook endpoint",
  toolset: "webhooks",
  description: "Stop delivering events to an endpoint and remove it. Cannot be undone.",
  operation: "DELETE /v3/webhooks/endpoints/{endpoint_id}",
  input: z.strictObject({ endpoint_id: endpointId }),
  output: z.object({ endpoint_id: z.string(), deleted: z.boolean() }),
  annotations: DELETE,
  async handler({ endpoint_id }, { call }) {
    await call({ pathParams: { endpoint_id } });
    return { endpoint_id, deleted: true };
  },
  summary: (d) => `Webhook endpoint ${d.endpoint_id} deleted.`,
});

export const rotateWebhookEndpointSecret = defineTool({
  name: "rotate_webhook_endpoint_secret",
  title: "Rotate a webhook signing secret",
  toolset: "webhooks",
  description:
    "Issue a new whsec_ signing secret; the old one stops working at once. The new secret is shown ONCE: update your receiver now.",
  operation: "POST /v3/webhooks/endpoints/{endpoint_id}/rotate-secret",
  input: z.strictObject({ endpoint_id: endpointId }),
  output: z.object({ endpoint_id: z.string(), secret: z.string().describe("New whsec_… key. Shown only now.") }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  async handler({ endpoint_id }, { call }) {
    const { body } = await call<{ data: { endpoint_id: string; secret: string } }>({ pathParams: { endpoint_id } });
    return { endpoint_id: body.data.endpoint_id, secret: body.data.secret };
  },
  summary: (r) =>
    `Endpoint ${r.endpoint_id} has a new signing secret; the old one is void. Store it now: it is never shown again.`,
});

export const listWebhookEventTypes = defineTool({
  name: "list_webhook_event_types",
  title: "List webhook event types",
  toolset: "webhooks",
  description: "Every event type an endpoint can subscribe to, with when it fires.",
  operation: "GET /v3/webhooks/event-types",
  input: z.strictObject({}),
  output: z.object({ event_types: z.array(z.object({ event_type: z.string(), description: z.string() })) }),
  annotations: READ,
  async handler(_input, { call }) {
    const { body } = await call<{ data: { event_type: string; description: string }[] }>({});
    return {
      event_types: (body.data ?? []).map(({ event_type, description }) => ({ event_type, description })),
    };
  },
  summary: (r) =>
    `${plural(r.event_types.length, "event type")}. Next: create_webhook_endpoint with the events you want (or none for all).`,
});

export const listWebhookEvents = defineTool({
  name: "list_webhook_events",
  title: "List delivered webhook events",
  toolset: "webhooks",
  description:
    "History of webhook events sent to your endpoints, newest first, with payloads. Use to recover missed deliveries.",
  operation: "GET /v3/webhooks/events",
  input: z.strictObject({
    event_type: eventType.optional(),
    entity_id: z.string().min(1).optional().describe("Only events of this resource."),
    ...pageInput({ max: 100, fallback: 10 }),
  }),
  output: pageOutput(
    "events",
    z.object({
      event_id: z.string(),
      event_type: z.string(),
      created_at: z.string().describe("ISO 8601."),
      event_data: z.record(z.string(), z.unknown()).describe("Payload, e.g. video_id and url."),
    }),
  ),
  annotations: READ,
  async handler(input, { call }) {
    const { body } = await call<{ data: WebhookEvent[] }>({ query: input });
    return toPageResult("events", body, (e: WebhookEvent) => ({
      event_id: e.event_id,
      event_type: e.event_type,
      created_at: e.created_at,
      event_data: e.event_data ?? {},
    }));
  },
  summary: (p) => `${plural(p.events.length, "webhook event")}.${nextPageHint(p, "list_webhook_events")}`,
});

export const webhookTools = [
  createWebhookEndpoint,
  listWebhookEndpoints,
  updateWebhookEndpoint,
  deleteWebhookEndpoint,
  rotateWebhookEndpointSecret,
  listWebhookEventTypes,
  listWebhookEvents,
];
