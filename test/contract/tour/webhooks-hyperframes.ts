import type { Tour } from "./types.js";

/** A tiny stored zip holding index.html, as base64. */
const PROJECT_ZIP =
  "UEsDBBQAAAAAACE5g10fhxtgDQAAAA0AAAAKAAAAaW5kZXguaHRtbDxodG1sPjwvaHRtbD5QSwECFAMUAAAAAAAhOYNdH4cbYA0AAAANAAAACgAAAAAAAAAAAAAAgAEAAAAAaW5kZXguaHRtbFBLBQYAAAAAAQABADgAAAA1AAAAAAA=";

/** Webhook endpoints and events, and HyperFrames renders: every tool of both groups at least once. */
export async function tourWebhooksHyperframes(t: Tour): Promise<void> {
  await t.call("list_webhook_event_types");
  // A refused loopback port: deliveries are attempted and recorded as failed, never leave the machine.
  const { endpoint_id } = await t.call("create_webhook_endpoint", {
    url: "http://127.0.0.1:9/tour-hooks",
    events: ["hyperframes_video.success", "hyperframes_video.fail"],
  });
  await t.call("list_webhook_endpoints", { limit: 5 });
  await t.call("update_webhook_endpoint", { endpoint_id, events: null });
  await t.call("update_webhook_endpoint", { endpoint_id, url: "http://127.0.0.1:9/tour-hooks-2" });
  await t.call("rotate_webhook_endpoint_secret", { endpoint_id });

  const { render_id } = await t.call("create_hyperframes_render", {
    project: { base64: PROJECT_ZIP, media_type: "application/zip" },
    title: "tour",
    quality: "draft",
    resolution: "4k",
    variables: { headline: "Tour" },
    callback_id: "tour-hf",
  });
  await t.call("create_hyperframes_render", { project: { url: "https://example.com/project.zip" }, fps: 24 });
  await t.call("get_hyperframes_render", { render_id });
  t.clock.advance(60_000);
  await t.call("get_hyperframes_render", { render_id });
  await t.call("list_hyperframes_renders", { limit: 5 });
  await t.call("list_webhook_events", { event_type: "hyperframes_video.success", limit: 5 });
  await t.call("list_webhook_events", { entity_id: render_id });
  await t.call("delete_hyperframes_render", { render_id });
  await t.call("delete_webhook_endpoint", { endpoint_id });
}
