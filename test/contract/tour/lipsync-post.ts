import type { Tour } from "./types.js";

const HOUR = 60 * 60_000;
/** A refused loopback port: webhook deliveries are attempted and recorded as failed, never leave the machine. */
const HOOK = "http://127.0.0.1:9/tour-lipsync-post";
const VIDEO = { url: "https://example.com/talk.mp4" };
const AUDIO = { url: "https://example.com/dub.mp3" };

/** Lipsyncs, their batches and statuses, AI clipping and background removal: every tool at least once. */
export async function tourLipsyncPost(t: Tour): Promise<void> {
  t.clock.advance(HOUR); // nothing of earlier tours still in flight

  const { lipsync_id } = (await t.call("create_lipsync", {
    video: VIDEO,
    audio: AUDIO,
    mode: "precision",
    title: "tour lipsync",
    start_time: 2,
    end_time: 12,
    enable_dynamic_duration: false,
    enable_caption: true,
    enable_speech_enhancement: true,
    disable_music_track: true,
    enable_watermark: false,
    keep_the_same_format: true,
    fps_mode: "cfr",
    folder_id: "folder_tour",
    callback_url: HOOK,
    callback_id: "tour-lipsync",
  })) as { lipsync_id: string };
  await t.call("get_lipsync", { lipsync_id });
  t.clock.advance(HOUR);
  await t.call("get_lipsync", { lipsync_id });
  await t.call("list_lipsyncs", { limit: 1 });
  await t.call("update_lipsync", { lipsync_id, title: "tour lipsync, renamed" });

  const { batch_id } = await t.call("create_lipsync_batch", {
    title: "tour lipsync batch",
    callback_url: HOOK,
    lipsyncs: [
      { video: VIDEO, audio: AUDIO },
      { video: VIDEO, audio: { url: "https://example.com/other.wav" }, mode: "speed", title: "second" },
    ],
  });
  await t.call("get_lipsync_batch", { batch_id, limit: 1 });
  await t.call("get_lipsync_statuses", { lipsync_ids: [lipsync_id, "missing"], batch_ids: [batch_id] });
  t.clock.advance(HOUR);
  await t.call("get_lipsync_batch", { batch_id });
  await t.call("delete_lipsync", { lipsync_id });

  const clipping = (await t.call("create_ai_clipping", {
    video: { url: "https://example.com/podcast.mp4" },
    title: "tour clipping",
    input_language: "en",
    aspect_ratio: "square",
    duration_types: ["30", "60", "long"],
    captions: true,
    caption_style: "bold",
    prompt: "The funniest moments",
    callback_url: HOOK,
    callback_id: "tour-clipping",
  })) as { id: string };
  await t.call("get_ai_clipping", { job_id: clipping.id });
  t.clock.advance(HOUR);
  await t.call("get_ai_clipping", { job_id: clipping.id });
  await t.call("list_ai_clippings", { limit: 1 });
  await t.call("delete_ai_clipping", { job_id: clipping.id });

  const removal = (await t.call("create_background_removal", {
    video: VIDEO,
    layers: ["foreground", "mask"],
    title: "tour removal",
  })) as { id: string; request_id: string };
  await t.call("create_background_removal", { video: VIDEO, request_id: removal.request_id });
  await t.call("get_background_removal", { job_id: removal.id });
  t.clock.advance(HOUR);
  await t.call("get_background_removal", { job_id: removal.id });
  await t.call("list_background_removals", { limit: 1 });
  await t.call("delete_background_removal", { job_id: removal.id });
  await t.call("get_background_removal", { job_id: removal.id });
}
