import type { Tour } from "./types.js";

const HOUR = 60 * 60_000;
/** A refused loopback port: webhook deliveries are attempted and recorded as failed, never leave the machine. */
const HOOK = "http://127.0.0.1:9/tour-translation";

/** Video translations, their batches and statuses, and proofreads: every tool at least once. */
export async function tourTranslation(t: Tour): Promise<void> {
  t.clock.advance(HOUR); // nothing of earlier tours still in flight
  const { languages } = (await t.call("list_video_translation_languages", { search: "Spanish" })) as {
    languages: string[];
  };
  await t.call("list_video_translation_languages");
  const spanish = languages.find((l) => l === "Spanish (Spain)") ?? languages[0] ?? "";

  const { translations } = (await t.call("create_video_translation", {
    video: { url: "https://example.com/talk.mp4" },
    output_languages: [spanish, "French (France)"],
    mode: "precision",
    title: "tour translation",
    input_language: "en",
    speaker_num: 1,
    translate_audio_only: false,
    enable_caption: true,
    enable_dynamic_duration: true,
    enable_speech_enhancement: true,
    disable_music_track: false,
    start_time: 2,
    end_time: 12,
    audio: { url: "https://example.com/dub.mp3" },
    srt: { url: "https://example.com/subs.srt" },
    srt_role: "input",
    brand_glossary_id: "glossary_tour",
    callback_url: HOOK,
    callback_id: "tour-translation",
  })) as { translations: { video_translation_id: string }[] };
  const ids = translations.map((x) => x.video_translation_id);
  const first = ids[0] ?? "";
  await t.call("get_video_translation", { video_translation_id: first });
  t.clock.advance(60_000);
  await t.call("get_video_translation", { video_translation_id: first });
  await t.call("list_video_translations", { limit: 1 });
  await t.call("update_video_translation", { video_translation_id: first, title: "tour translation, renamed" });

  const { batch_id } = await t.call("create_video_translation_batch", {
    title: "tour translation batch",
    callback_url: HOOK,
    video_translations: [
      { video: { url: "https://example.com/a.mp4" }, output_languages: ["German (Germany)", "Japanese (Japan)"] },
      { video: { url: "https://example.com/b.mp4" }, output_languages: ["Klingon"], translate_audio_only: true },
    ],
  });
  await t.call("get_video_translation_batch", { batch_id, limit: 2 });
  await t.call("get_video_translation_statuses", { video_translation_ids: [...ids, "missing"], batch_ids: [batch_id] });
  t.clock.advance(HOUR);
  await t.call("get_video_translation_batch", { batch_id });

  const { proofreads } = (await t.call("create_proofread", {
    video: { url: "https://example.com/talk.mp4" },
    output_languages: [spanish],
    title: "tour proofread",
    mode: "speed",
    speaker_num: 1,
    srt: { url: "https://example.com/original.srt" },
    enable_video_stretching: true,
    enable_speech_enhancement: false,
    disable_music_track: true,
    keep_the_same_format: true,
    brand_glossary_id: "glossary_tour",
    folder_id: "folder_tour",
  })) as { proofreads: { proofread_id: string }[] };
  const proofread_id = proofreads[0]?.proofread_id ?? "";
  await t.call("get_proofread", { proofread_id });
  t.clock.advance(60_000);
  await t.call("get_proofread", { proofread_id });
  await t.call("download_proofread_srt", { proofread_id });
  await t.call("upload_proofread_srt", { proofread_id, srt: { url: "https://example.com/edited.srt" } });
  const { video_translation_id } = await t.call("generate_video_from_proofread", {
    proofread_id,
    captions: true,
    translate_audio_only: false,
    callback_url: HOOK,
    callback_id: "tour-proofread",
  });
  t.clock.advance(60_000);
  await t.call("get_video_translation", { video_translation_id });
  await t.call("delete_video_translation", { video_translation_id: first });
}
