import type { Tour } from "./types.js";

const PNG = "iVBORw0KGgo=";

/** Avatar creation, consent and management; voice design, cloning, deletion and speech. */
export async function tourAvatarsVoices(t: Tour): Promise<void> {
  // Photo avatar, then a prompt look referencing it in the same group.
  const photo = await t.call("create_photo_avatar", {
    name: "Tour Photo",
    file: { url: "https://example.com/me.png" },
  });
  t.clock.advance(60_000);
  await t.call("get_avatar_look", { look_id: photo.avatar_id });
  const prompt = await t.call("create_prompt_avatar", {
    name: "Tour Prompt",
    prompt: "Same person in a blue blazer, studio light.",
    avatar_id: photo.avatar_id,
    reference_images: [{ base64: PNG, media_type: "image/png" }, { url: "https://example.com/ref.jpg" }],
  });
  await t.call("create_prompt_avatar", {
    name: "Tour Prompt 2",
    prompt: "A friendly teacher",
    avatar_group_id: photo.group_id,
  });

  // Digital twin: pending consent until the person opens the consent page.
  const twin = await t.call("create_digital_twin", {
    name: "Tour Twin",
    file: { url: "https://example.com/footage.mp4" },
  });
  const consent = await t.call("create_avatar_consent", {
    group_id: twin.group_id,
    reroute_url: "https://example.com/thanks",
  });
  const page = await fetch(String(consent.url), { redirect: "manual" });
  await page.body?.cancel();
  t.clock.advance(60_000);
  await t.call("get_avatar_group", { group_id: twin.group_id });
  await t.call("update_avatar_look", { look_id: prompt.avatar_id, name: "Tour Blazer" });
  await t.call("delete_avatar_look", { look_id: prompt.avatar_id });
  await t.call("delete_avatar_group", { group_id: twin.group_id });
  await t.call("delete_avatar_group", { group_id: photo.group_id });

  // Voices.
  await t.call("design_voice", { prompt: "warm female narrator", gender: "female", locale: "en-US" });
  await t.call("design_voice", { prompt: "calm", seed: 1 });
  const clone = await t.call("clone_voice", {
    voice_name: "Tour Clone",
    audio: { base64: "SUQzBAAAAAAA", media_type: "audio/mpeg" },
    language: "en",
    remove_background_noise: false,
  });
  t.clock.advance(60_000);
  await t.call("get_voice", { voice_id: clone.voice_id });
  await t.call("create_speech", { text: "Hello from the contract tour.", voice_id: clone.voice_id });
  await t.call("create_speech", {
    text: '<speak>Hello <break time="1s"/> again.</speak>',
    voice_id: "46418db3beab335bc75fbb44ec110699",
    input_type: "ssml",
    speed: 1.25,
    locale: "en-US",
  });
  await t.call("list_voices", { type: "private" });
  await t.call("delete_voice", { voice_id: clone.voice_id });
}
