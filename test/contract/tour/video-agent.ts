import type { Tour } from "./types.js";

/** Video Agent: every tool at least once, a generate session to completion and a chat session with a revision. */
export async function tourVideoAgent(t: Tour): Promise<void> {
  const { styles } = (await t.call("list_video_agent_styles", { tag: "cinematic", limit: 5 })) as {
    styles: { style_id: string }[];
  };
  const { voices } = (await t.call("list_voices", { limit: 1 })) as { voices: { voice_id: string }[] };
  const { looks } = (await t.call("list_avatar_looks", { limit: 1 })) as { looks: { id: string }[] };
  const { session_id, video_id } = (await t.call("create_video_agent", {
    prompt: "A 30-second cinematic teaser for a mountain bike race.",
    style_id: styles[0]?.style_id,
    avatar_id: looks[0]?.id,
    voice_id: voices[0]?.voice_id,
    orientation: "landscape",
    incognito_mode: true,
    files: [{ url: "https://example.com/trail.jpg" }, { base64: "iVBORw0KGgo=", media_type: "image/png" }],
    callback_url: "http://127.0.0.1:9/tour-agent",
    callback_id: "tour-agent",
  })) as { session_id: string; video_id: string };
  await t.call("get_video_agent_session", { session_id });
  t.clock.advance(60 * 60_000);
  const done = (await t.call("get_video_agent_session", { session_id })) as {
    messages: { resource_ids: string[] }[];
  };
  const resourceId = done.messages.find((m) => m.resource_ids.length > 0)?.resource_ids[0] ?? "";
  await t.call("get_video_agent_resource", { session_id, resource_id: resourceId });
  await t.call("list_video_agent_session_videos", { session_id });
  await t.call("get_video", { video_id });
  await t.call("list_video_agent_sessions", { limit: 10 });

  const chat = (await t.call("create_video_agent", { prompt: "Explain our refund policy.", mode: "chat" })) as {
    session_id: string;
  };
  t.clock.advance(60_000);
  await t.call("get_video_agent_session", { session_id: chat.session_id });
  await t.call("send_video_agent_message", {
    session_id: chat.session_id,
    message: "Looks good, go ahead.",
    voice_id: voices[0]?.voice_id,
    files: [{ url: "https://example.com/policy.pdf" }],
  });
  t.clock.advance(60 * 60_000);
  await t.call("send_video_agent_message", { session_id: chat.session_id, message: "Make the intro shorter." });
  await t.call("stop_video_agent_session", { session_id: chat.session_id });
  await t.call("get_video_agent_session", { session_id: chat.session_id });
}
