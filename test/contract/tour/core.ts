import type { Tour } from "./types.js";

/** Account, avatars, voices and videos: every tool of the first slice, each at least once. */
export async function tourCore(t: Tour): Promise<void> {
  await t.call("get_current_user");
  const groups = (await t.call("list_avatar_groups", { limit: 2 })).groups as { id: string }[];
  const { looks } = (await t.call("list_avatar_looks", { group_id: groups[0]?.id, limit: 3 })) as {
    looks: { id: string }[];
  };
  const lookId = looks[0]?.id ?? "";
  await t.call("get_avatar_look", { look_id: lookId });
  const { voices } = (await t.call("list_voices", { language: "English", limit: 3 })) as {
    voices: { voice_id: string }[];
  };
  const voiceId = voices[0]?.voice_id ?? "";
  await t.call("get_voice", { voice_id: voiceId });
  const { video_id } = await t.call("create_video_from_avatar", {
    avatar_id: lookId,
    voice_id: voiceId,
    script: "Contract tour.",
    title: "tour",
    aspect_ratio: "9:16",
    resolution: "1080p",
    engine: { type: "avatar_iv" },
    voice_settings: { speed: 1.1, pitch: 2, locale: "en-US" },
    background: { type: "color", value: "#112233" },
    caption: { style: "default" },
    callback_id: "tour-1",
  });
  await t.call("create_video_from_image", {
    image: { url: "https://example.com/face.png" },
    audio_url: "https://example.com/voice.mp3",
    motion_prompt: "nods",
    expressiveness: "high",
    watermark: { image: { base64: "iVBORw0KGgo=", media_type: "image/png" }, position: "top_left", opacity: 0.5 },
  });
  await t.call("get_video", { video_id });
  t.clock.advance(60 * 60_000);
  await t.call("get_video", { video_id });
  await t.call("list_videos", { limit: 5 });
  await t.call("delete_video", { video_id });
}
