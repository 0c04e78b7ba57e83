/**
 * HeyGen's prices: the one table every estimate reads. Compiled 2026-12 from ../shared/heygen/prices.md
 * (HeyGen's pricing pages, changelog and CLI; newest HeyGen figure wins). Prices drift: each row says
 * where it comes from and when; `inferred` rows have no HeyGen figure and say what they assume instead.
 */

export type PriceUnit = "second" | "video" | "call";

export interface Price {
  /** USD per unit, charged to an API-key wallet (self-serve). */
  usd: number;
  /** Enterprise API credits per unit (E-1), where HeyGen publishes them. */
  credits: number | null;
  unit: PriceUnit;
  source: string;
  date: string;
  /** No HeyGen figure exists; `note` says what the number assumes. */
  inferred: boolean;
  note?: string;
}

const PRICING = "developers.heygen.com/docs/pricing";
const ENTERPRISE = "developers.heygen.com/docs/enterprise-pricing";
const NEWEST = "2026-06 or later";

const doc = (usd: number, credits: number | null, unit: PriceUnit, source = PRICING, date = NEWEST): Price => ({
  usd,
  credits,
  unit,
  source: credits === null ? source : `${source}; credits: ${ENTERPRISE}`,
  date,
  inferred: false,
});

const guess = (usd: number, unit: PriceUnit, note: string): Price => ({
  usd,
  credits: null,
  unit,
  source: "no HeyGen figure (../shared/heygen/prices.md §5)",
  date: "2026-12",
  inferred: true,
  note,
});

export const PRICES = {
  avatar_iv_photo: doc(0.05, 0.1, "second"),
  avatar_iv_photo_4k: doc(0.0667, null, "second", PRICING, "2026-05/06"),
  avatar_iv_twin: doc(0.0667, 0.1, "second"),
  avatar_iv_twin_4k: doc(0.0833, null, "second", PRICING, "2026-05/06"),
  avatar_iii: doc(0.0167, 0.0033, "second"),
  avatar_iii_4k: doc(0.02, null, "second", PRICING, "2026-05/06"),
  image_video: guess(0.05, "second", "not listed apart; assumed the avatar_iv photo-avatar rate"),
  image_video_4k: guess(0.0667, "second", "not listed apart; assumed the avatar_iv photo-avatar 4K rate"),
  cinematic_avatar: doc(7, null, "video", `${PRICING}; changelog`, "2026-06"),
  video_agent: doc(0.0333, 0.0667, "second"),
  translation_audio_only: doc(0.0167, 0.05, "second", PRICING, "2026-05/06"),
  translation_speed: doc(0.0333, 0.05, "second", PRICING, "2026-05/06"),
  translation_precision: doc(0.0667, 0.1, "second", PRICING, "2026-05/06"),
  proofread: doc(0.0083, 0.00833, "second", PRICING, "2026-04 (later: Enterprise only)"),
  lipsync_speed: doc(0.0333, 0.05, "second", PRICING, "2026-05/06"),
  lipsync_precision: doc(0.0667, 0.1, "second", PRICING, "2026-05/06"),
  starfish_speech: doc(0.000667, 0.000333, "second", PRICING, "2026-05/06"),
  avatar_training: doc(1, 1, "call", PRICING, "2026-05/06"),
  prompt_avatar: guess(1, "call", "assumed the photo/digital-twin rate of $1 per call"),
  studio_scene: guess(0.0667, "second", "assumed the avatar_iv digital-twin rate for every scene second"),
  template_video: guess(0.0667, "second", "billed by the template's avatar engine; assumed avatar_iv digital twin"),
  hyperframes_1080p: guess(0.0167, "second", "HeyGen bills per rendered minute, $ rate unpublished; assumed $1/min"),
  hyperframes_4k: guess(0.025, "second", "1.5× the assumed 1080p rate (4K is 1.5×: changelog 2026-05-31)"),
  background_removal: guess(0.0167, "second", "unpublished; assumed the lowest per-second video rate"),
  ai_clipping: guess(0.0167, "second", "unpublished; assumed the lowest per-second video rate per source second"),
  voice_clone: guess(0, "call", "no per-call charge published; clones use the plan's clone quota"),
} satisfies Record<string, Price>;

export type PriceId = keyof typeof PRICES;
