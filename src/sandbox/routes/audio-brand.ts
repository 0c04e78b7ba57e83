/**
 * Audio sounds (catalog §2.8) and brand kits / glossaries (§2.9): read-only seeded catalogs.
 *
 * GET /v3/audio/sounds ranks music or sound effects by how many of the query's words a track's
 * description has: score = 0.5 + 0.5 × share of query words matched, so `min_score` (default 0.7)
 * drops weak matches. Audio URLs are temporary (1 h) and serve a real MP3. Brand kits and glossaries
 * are the same for every account; other groups can check ids with `hasBrandKit` / `hasBrandGlossary`.
 */
import { toUnixSeconds } from "../clock.js";
import type { SandboxDeps } from "../deps.js";
import { badParam } from "../envelope.js";
import { PAGE_SPECS, paginate } from "../pagination.js";
import type { Router } from "../router.js";
import { queryEnum, queryText } from "../validate.js";
import { overlap, words } from "./asset-search.js";

const AUDIO_URL_TTL_S = 3600;

type SoundType = "music" | "sound_effects";
type Placement = "hit" | "riser" | "bed";

interface SoundSeed {
  id: string;
  name: string;
  description: string;
  type: SoundType;
  duration: number;
  placement: Placement | null;
  peak_offset: number | null;
}

const music = (id: string, name: string, description: string, duration: number): SoundSeed => ({
  id,
  name,
  description,
  type: "music",
  duration,
  placement: null,
  peak_offset: null,
});

const sfx = (id: string, name: string, description: string, duration: number, placement: Placement, peak: number) => ({
  id,
  name,
  description,
  type: "sound_effects" as const,
  duration,
  placement,
  peak_offset: peak,
});

const SOUNDS: SoundSeed[] = [
  music("snd_lofi_sunday", "Lofi Sunday", "Upbeat lofi hip-hop beat with vinyl crackle and mellow keys", 142),
  music("snd_corporate_rise", "Corporate Rise", "Bright upbeat corporate pop with claps, optimistic and modern", 128),
  music("snd_cinematic_tension", "Edge of Night", "Tense cinematic riser with low strings and pulsing drums", 96),
  music("snd_acoustic_morning", "Acoustic Morning", "Warm acoustic guitar, calm and hopeful folk", 155),
  music("snd_ambient_space", "Deep Field", "Ambient space pads, slow and calm, for tech explainers", 210),
  music("snd_epic_trailer", "Summit", "Epic orchestral trailer music with big drums and brass", 118),
  music("snd_jazz_cafe", "Cafe Corner", "Relaxed jazz piano trio for a cafe or lounge", 176),
  music("snd_edm_drive", "Night Drive", "Energetic electronic dance track, upbeat synthwave", 134),
  music("snd_piano_sad", "Letters", "Sad emotional solo piano, slow and reflective", 121),
  music("snd_kids_ukulele", "Sunny Steps", "Happy playful ukulele and whistle for kids content", 98),
  sfx("sfx_whoosh", "Whoosh", "Fast whoosh for a scene change or transition", 1.2, "hit", 0.35),
  sfx("sfx_cash_register", "Cha-Ching", "Cash register cha-ching, sale or money sound", 1.6, "hit", 0.4),
  sfx("sfx_riser", "Tension Riser", "Rising tension riser building to a drop", 4.5, "riser", 4.3),
  sfx("sfx_click", "UI Click", "Soft user interface click for buttons", 0.2, "hit", 0.02),
  sfx("sfx_applause", "Applause", "Crowd applause and cheering after a talk", 6.0, "bed", 1.8),
  sfx("sfx_rain", "Rain Bed", "Gentle rain ambience background bed", 30.0, "bed", 12.5),
  sfx("sfx_pop", "Pop", "Cartoon pop for a text or icon appearing", 0.3, "hit", 0.05),
  sfx("sfx_notification", "Ding", "Notification ding chime, message received", 0.9, "hit", 0.08),
];

interface BrandKitSeed {
  brand_kit_id: string;
  name: string;
  colors: string[];
  logo: string | null;
}

const BRAND_KITS: BrandKitSeed[] = [
  {
    brand_kit_id: "bk_acme_primary",
    name: "Acme Corp",
    colors: ["#0B5FFF", "#111827", "#F9FAFB"],
    logo: "preview.png",
  },
  {
    brand_kit_id: "bk_acme_holiday",
    name: "Acme Holiday",
    colors: ["#C8102E", "#006B3F", "#FFFFFF"],
    logo: "preview.png",
  },
  { brand_kit_id: "bk_nimbus_labs", name: "Nimbus Labs", colors: ["#7C3AED", "#22D3EE"], logo: null },
];

const BRAND_GLOSSARIES = [
  {
    brand_glossary_id: "bg_acme_terms",
    name: "Acme product terms",
    created_at: "2026-03-02T10:15:00Z",
    updated_at: "2026-09-18T08:40:00Z",
  },
  {
    brand_glossary_id: "bg_fitness",
    name: "Pilates studio",
    created_at: "2026-05-11T14:00:00Z",
    updated_at: "2026-05-11T14:00:00Z",
  },
];

export const hasBrandKit = (id: string): boolean => BRAND_KITS.some((k) => k.brand_kit_id === id);
export const hasBrandGlossary = (id: string): boolean => BRAND_GLOSSARIES.some((g) => g.brand_glossary_id === id);

/** A number query value within [min, max]; 400 naming it otherwise. */
function queryNumber(query: URLSearchParams, name: string, min: number, max: number, fallback: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const n = raw.trim() === "" ? Number.NaN : Number(raw);
  if (!Number.isFinite(n) || n < min || n > max)
    throw badParam(name, `${name} must be a number from ${min} to ${max}.`);
  return n;
}

export function audioBrandRoutes(r: Router, deps: SandboxDeps): void {
  const { clock, urls } = deps;

  r.get("/v3/audio/sounds", (req) => {
    const query = queryText(req.query, "query");
    if (query === undefined || query.trim() === "") throw badParam("query", "query is required.");
    const type = queryEnum(req.query, "type", ["music", "sound_effects"] as const) ?? "music";
    const minScore = queryNumber(req.query, "min_score", 0, 1, 0.7);
    const q = words(query);
    const expires = String(toUnixSeconds(clock.now()) + AUDIO_URL_TTL_S);
    const hits = SOUNDS.filter((s) => s.type === type)
      .map((s) => ({ s, score: Math.round((0.5 + 0.5 * overlap(q, `${s.name} ${s.description}`)) * 1000) / 1000 }))
      .filter(({ score }) => score >= minScore)
      .sort((a, b) => b.score - a.score || a.s.id.localeCompare(b.s.id))
      .map(({ s, score }) => ({
        id: s.id,
        name: s.name,
        description: s.description,
        type: s.type,
        duration: s.duration,
        placement: s.placement,
        peak_offset: s.peak_offset,
        score,
        audio_url: urls.media("voice-preview.mp3", { sound_id: s.id, expires }) ?? "",
      }));
    return paginate(hits, req.query, PAGE_SPECS.sounds, (h) => h.id);
  });

  r.get("/v3/brand-kits", (req) =>
    paginate(
      BRAND_KITS.map((k) => ({
        brand_kit_id: k.brand_kit_id,
        name: k.name,
        colors: k.colors,
        logo_url: urls.media(k.logo),
      })),
      req.query,
      PAGE_SPECS.brandKits,
      (k) => k.brand_kit_id,
    ),
  );

  r.get("/v3/brand-glossaries", (req) =>
    paginate(BRAND_GLOSSARIES, req.query, PAGE_SPECS.brandGlossaries, (g) => g.brand_glossary_id),
  );
}
