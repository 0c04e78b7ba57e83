import type { Tour } from "./types.js";

/** Cinematic and studio videos, batches, bulk statuses and templates: every tool at least once. */
export async function tourVideosMore(t: Tour): Promise<void> {
  const { looks } = (await t.call("list_avatar_looks", { limit: 3 })) as { looks: { id: string }[] };
  const lookId = looks[0]?.id ?? "";
  const { voices } = (await t.call("list_voices", { language: "English", limit: 1 })) as {
    voices: { voice_id: string }[];
  };
  const voiceId = voices[0]?.voice_id ?? "";

  const cinematic = await t.call("create_cinematic_avatar_video", {
    prompt: "Two presenters toast at a rooftop launch party; slow dolly-in.",
    avatar_id: [lookId, looks[1]?.id ?? lookId],
    duration: 6,
    references: [{ url: "https://example.com/rooftop.jpg" }, { base64: "iVBORw0KGgo=", media_type: "image/png" }],
    enhance_prompt: true,
    aspect_ratio: "9:16",
    resolution: "1080p",
    title: "tour cinematic",
  });

  await t.call("create_studio_video", {
    title: "tour studio",
    aspect_ratio: "16:9",
    resolution: "1080p",
    caption: { style: "default" },
    callback_id: "tour-studio",
    scenes: [
      {
        type: "avatar_video",
        avatar_id: lookId,
        script: "Welcome to the studio tour.",
        voice_id: voiceId,
        engine: "avatar_iv",
        background_color: "#1a2b3c",
      },
      { type: "avatar_video", source: { url: "https://example.com/face.png" }, audio_url: "https://example.com/a.mp3" },
      { type: "image", source: { url: "https://example.com/slide.png" }, duration: 3 },
      {
        type: "image",
        source: { url: "https://example.com/slide2.png" },
        script: "A narrated slide.",
        voice_id: voiceId,
      },
      { type: "video", source: { url: "https://example.com/clip.mp4" }, volume: 0.5, mute: false },
    ],
  });

  const { batch_id } = await t.call("create_video_batch", {
    title: "tour batch",
    callback_url: "https://example.com/hooks/batch",
    videos: [
      { type: "avatar", avatar_id: lookId, script: "Batch item one.", voice_id: voiceId },
      { type: "image", image: { url: "https://example.com/face.png" }, audio_url: "https://example.com/a.mp3" },
      { type: "cinematic_avatar", prompt: "A walk through a garden.", avatar_id: [lookId], auto_duration: true },
      {
        type: "studio",
        scenes: [{ type: "image", source: { url: "https://example.com/slide.png" }, duration: 2 }],
      },
    ],
  });
  await t.call("get_video_batch", { batch_id });

  const { templates } = (await t.call("list_templates", { limit: 5 })) as {
    templates: { id: string; aspect_ratio?: string }[];
  };
  const templateId = templates.find((x) => x.aspect_ratio === "16:9")?.id ?? "";
  const template = (await t.call("get_template", { template_id: templateId })) as {
    scenes: { scene_id: string }[];
    variables: Record<string, { type: string }>;
  };
  const fromTemplate = await t.call("create_video_from_template", {
    template_id: templateId,
    variables: Object.fromEntries(
      Object.entries(template.variables).map(([name, v]) => [name, v.type === "text" ? `tour ${name}` : v]),
    ),
    title: "tour template",
    scene_ids: template.scenes.map((s) => s.scene_id).slice(0, 2),
    caption: true,
    dimension: { width: 1280, height: 720 },
    fps: 30,
    enable_sharing: false,
    callback_id: "tour-template",
  });

  t.clock.advance(60 * 60_000);
  await t.call("get_video_batch", { batch_id, limit: 2 });
  await t.call("get_video_statuses", {
    video_ids: [cinematic.video_id as string, fromTemplate.video_id as string, "no_such_video"],
    batch_ids: [batch_id as string],
  });
}
