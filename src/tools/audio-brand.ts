import { z } from "zod";
import { plural } from "../text.js";
import { defineTool, READ } from "./define.js";
import { nextPageHint, pageInput, pageOutput, toPageResult } from "./shared-schemas.js";

// ---- GET /v3/audio/sounds (api-catalog §2.8) ----

interface Sound {
  id: string;
  name: string;
  description: string;
  type: "music" | "sound_effects";
  audio_url: string;
  score: number;
  duration?: number | null;
  placement?: string | null;
  peak_offset?: number | null;
}

export const searchAudioSounds = defineTool({
  name: "search_audio_sounds",
  title: "Search music and sound effects",
  toolset: "audio",
  description:
    "Find background music or sound effects by description (semantic search), best first, each with a temporary audio_url.",
  operation: "GET /v3/audio/sounds",
  input: z.strictObject({
    query: z.string().min(1).describe("e.g. 'upbeat lofi hip-hop', 'whoosh'."),
    type: z.enum(["music", "sound_effects"]).default("music").describe("Catalog to search."),
    min_score: z.number().min(0).max(1).default(0.7).describe("Least similarity, 0-1."),
    ...pageInput({ max: 50, fallback: 10 }),
  }),
  output: pageOutput(
    "sounds",
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      type: z.enum(["music", "sound_effects"]),
      duration: z.number().nullable(),
      score: z.number(),
      placement: z.string().nullable().describe("SFX: hit, riser or bed."),
      peak_offset: z.number().nullable().describe("SFX: s to loudest point."),
      audio_url: z.string().describe("Expires soon."),
    }),
  ),
  annotations: READ,
  async handler(query, { call }) {
    const { body } = await call<{ data: Sound[] }>({ query });
    return toPageResult("sounds", body, (s: Sound) => ({
      id: s.id,
      name: s.name,
      description: s.description,
      type: s.type,
      duration: s.duration ?? null,
      score: s.score,
      placement: s.placement ?? null,
      peak_offset: s.peak_offset ?? null,
      audio_url: s.audio_url,
    }));
  },
  summary: (p) =>
    `${plural(p.sounds.length, "sound")}${p.sounds.length === 0 ? " (try a broader query or a lower min_score)" : ""}. Next: download an audio_url before it expires.${nextPageHint(p, "search_audio_sounds")}`,
});

// ---- GET /v3/brand-kits, GET /v3/brand-glossaries (api-catalog §2.9) ----

interface BrandKit {
  brand_kit_id: string;
  name: string;
  colors?: string[];
  logo_url?: string | null;
}

export const listBrandKits = defineTool({
  name: "list_brand_kits",
  title: "List brand kits",
  toolset: "brand",
  description:
    "Brand kits (colors, logo) in the workspace. Pass a brand_kit_id to create_video_agent for on-brand videos.",
  operation: "GET /v3/brand-kits",
  input: z.strictObject({ ...pageInput({ max: 100, fallback: 20 }) }),
  output: pageOutput(
    "brand_kits",
    z.object({
      brand_kit_id: z.string(),
      name: z.string(),
      colors: z.array(z.string()).describe("Hex."),
      logo_url: z.string().nullable(),
    }),
  ),
  annotations: READ,
  async handler(query, { call }) {
    const { body } = await call<{ data: BrandKit[] }>({ query });
    return toPageResult("brand_kits", body, (k: BrandKit) => ({
      brand_kit_id: k.brand_kit_id,
      name: k.name,
      colors: k.colors ?? [],
      logo_url: k.logo_url ?? null,
    }));
  },
  summary: (p) =>
    `${plural(p.brand_kits.length, "brand kit")}. Next: pass a brand_kit_id to create_video_agent.${nextPageHint(p, "list_brand_kits")}`,
});

interface BrandGlossary {
  brand_glossary_id: string;
  name: string;
  created_at: string;
  updated_at: string;
}

export const listBrandGlossaries = defineTool({
  name: "list_brand_glossaries",
  title: "List brand glossaries",
  toolset: "brand",
  description:
    "Brand glossaries (custom term translations and pronunciations, edited in the HeyGen app). Pass a brand_glossary_id to create_video_translation.",
  operation: "GET /v3/brand-glossaries",
  input: z.strictObject({ ...pageInput({ max: 100, fallback: 10 }) }),
  output: pageOutput(
    "brand_glossaries",
    z.object({
      brand_glossary_id: z.string(),
      name: z.string(),
      updated_at: z.string().describe("UTC."),
    }),
  ),
  annotations: READ,
  async handler(query, { call }) {
    const { body } = await call<{ data: BrandGlossary[] }>({ query });
    return toPageResult("brand_glossaries", body, (g: BrandGlossary) => ({
      brand_glossary_id: g.brand_glossary_id,
      name: g.name,
      updated_at: g.updated_at,
    }));
  },
  summary: (p) =>
    `${plural(p.brand_glossaries.length, "glossary", "glossaries")}. Next: pass a brand_glossary_id to create_video_translation.${nextPageHint(p, "list_brand_glossaries")}`,
});

export const audioTools = [searchAudioSounds];
export const brandTools = [listBrandKits, listBrandGlossaries];
