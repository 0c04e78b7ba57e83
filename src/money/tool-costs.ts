/**
 * What each paid tool bills, keyed by tool name: which prices apply and how many units its (parsed)
 * arguments make. A tool is "paid" exactly when it has a row here; the registry adds dry_run, confirm
 * and idempotency_key to those tools and estimate_cost accepts them.
 */
import { assumed, count, type LineItem, type Quantity, spoken, stated, times } from "./estimate.js";
import type { PriceId } from "./prices.js";

/** `seconds`: a length the caller knows (estimate_cost's argument); replaces any assumed length. */
export type CostOf = (args: Args, seconds?: number) => LineItem[];
type Args = Record<string, unknown>;

const str = (v: unknown) => (typeof v === "string" ? v : undefined);
const num = (v: unknown) => (typeof v === "number" ? v : undefined);
const list = (v: unknown): Args[] => (Array.isArray(v) ? (v as Args[]) : []);
const langs = (a: Args) => (Array.isArray(a.output_languages) ? a.output_languages.length : 1);

/** The billed length: a known length, the partial range asked for, or an assumption. */
function length(a: Args, seconds: number | undefined, fallback: number, what: string): Quantity {
  if (seconds !== undefined) return stated(seconds, `of ${what} (given)`);
  const start = num(a.start_time);
  const end = num(a.end_time);
  if (end !== undefined) return stated(end - (start ?? 0), `of ${what} (start_time-end_time)`);
  return assumed(fallback, what);
}

/** A spoken script's length, or the audio's (unknown until rendered). */
function speech(a: Args, seconds: number | undefined): Quantity {
  if (seconds !== undefined) return stated(seconds, "of video (given)");
  const script = str(a.script);
  const speed = num((a.voice_settings as Args | undefined)?.speed) ?? 1;
  return script !== undefined ? spoken(script, speed) : assumed(60, "audio");
}

function avatarPrice(a: Args): PriceId {
  const engine = str((a.engine as Args | undefined)?.type) ?? "avatar_iv";
  const is4k = a.resolution === "4k";
  if (engine === "avatar_iii") return is4k ? "avatar_iii_4k" : "avatar_iii";
  // Digital twin / studio avatar rate: the higher of the two, since the look's type is not in the arguments.
  return is4k ? "avatar_iv_twin_4k" : "avatar_iv_twin";
}

const avatarVideo: CostOf = (a, s) => [{ price: avatarPrice(a), quantity: speech(a, s) }];
const imageVideo: CostOf = (a, s) => [
  { price: a.resolution === "4k" ? "image_video_4k" : "image_video", quantity: speech(a, s) },
];
const cinematic: CostOf = () => [{ price: "cinematic_avatar", quantity: count(1, "video (flat, any length)") }];

function sceneLength(scene: Args): Quantity {
  const script = str(scene.script);
  if (script !== undefined) return spoken(script);
  const duration = num(scene.duration);
  return duration !== undefined ? stated(duration, "scene") : assumed(10, "scene");
}

const studio: CostOf = (a, s) =>
  s !== undefined
    ? [{ price: "studio_scene", quantity: stated(s, "of video (given)") }]
    : list(a.scenes).map((scene) => ({ price: "studio_scene" as const, quantity: sceneLength(scene) }));

const VIDEO_ARMS: Record<string, CostOf> = {
  avatar: avatarVideo,
  image: imageVideo,
  cinematic_avatar: cinematic,
  studio,
};

function translationPrice(a: Args): PriceId {
  if (a.translate_audio_only === true) return "translation_audio_only";
  return a.mode === "precision" ? "translation_precision" : "translation_speed";
}

const translation: CostOf = (a, s) => [
  { price: translationPrice(a), quantity: times(length(a, s, 60, "source video"), langs(a), "languages") },
];
const lipsync: CostOf = (a, s) => [
  {
    price: a.mode === "precision" ? "lipsync_precision" : "lipsync_speed",
    quantity: length(a, s, 60, "source video"),
  },
];
const perCall =
  (price: PriceId, what: string): CostOf =>
  () => [{ price, quantity: count(1, what) }];
const perSecond =
  (price: PriceId, fallback: number, what: string): CostOf =>
  (a, s) => [{ price, quantity: length(a, s, fallback, what) }];

/** Every paid tool and what it bills. `seconds` applies to the whole call, so batches ignore it per item. */
export const TOOL_COSTS: Readonly<Record<string, CostOf>> = {
  create_video_from_avatar: avatarVideo,
  create_video_from_image: imageVideo,
  create_cinematic_avatar_video: cinematic,
  create_studio_video: studio,
  create_video_from_template: perSecond("template_video", 60, "template video"),
  create_video_batch: (a) => list(a.videos).flatMap((item) => VIDEO_ARMS[str(item.type) ?? "avatar"]?.(item) ?? []),
  create_video_translation: translation,
  create_video_translation_batch: (a) => list(a.video_translations).flatMap((item) => translation(item)),
  create_proofread: (a, s) => [
    { price: "proofread", quantity: times(length(a, s, 60, "source video"), langs(a), "languages") },
  ],
  generate_video_from_proofread: (a, s) => [
    { price: translationPrice(a), quantity: length(a, s, 60, "translated video") },
  ],
  create_lipsync: lipsync,
  create_lipsync_batch: (a) => list(a.lipsyncs).flatMap((item) => lipsync(item)),
  create_speech: (a, s) => [
    {
      price: "starfish_speech",
      quantity: s !== undefined ? stated(s, "of audio (given)") : spoken(str(a.text) ?? "", num(a.speed) ?? 1),
    },
  ],
  clone_voice: perCall("voice_clone", "clone"),
  create_photo_avatar: perCall("avatar_training", "avatar"),
  create_digital_twin: perCall("avatar_training", "avatar"),
  create_prompt_avatar: perCall("prompt_avatar", "avatar"),
  create_video_agent: perSecond("video_agent", 60, "agent's video"),
  send_video_agent_message: perSecond("video_agent", 60, "revised video"),
  create_hyperframes_render: (a, s) => [
    { price: a.resolution === "4k" ? "hyperframes_4k" : "hyperframes_1080p", quantity: length(a, s, 30, "render") },
  ],
  create_background_removal: perSecond("background_removal", 60, "source video"),
  create_ai_clipping: perSecond("ai_clipping", 600, "source video"),
};

export const isPaidTool = (name: string): boolean => Object.hasOwn(TOOL_COSTS, name);
