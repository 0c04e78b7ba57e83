/**
 * GET /v3/assets/search (catalog §2.7): semantic search over a seeded public image/icon catalog (or
 * the caller's own images), ranked by word overlap.
 */
import type { SandboxDeps } from "../deps.js";
import { badParam, type Reply } from "../envelope.js";
import { PAGE_SPECS, paginate } from "../pagination.js";
import type { ApiRequest } from "../router.js";
import { queryEnum, queryText } from "../validate.js";
import { assetsOf, assetUrl } from "./asset-model.js";

interface SearchSeed {
  id: string;
  type: "image" | "icon";
  words: string;
}

const SEARCH_SEEDS: SearchSeed[] = [
  ["img_pizza_table", "image", "pepperoni pizza on a wooden table food restaurant"],
  ["img_city_night", "image", "city skyline at night lights skyscrapers urban"],
  ["img_office_team", "image", "team meeting in a bright office business people collaboration"],
  ["img_mountain_lake", "image", "mountain lake at sunrise nature landscape calm"],
  ["img_laptop_desk", "image", "laptop on a desk with coffee workspace technology"],
  ["img_beach_sunset", "image", "tropical beach at sunset ocean travel vacation"],
  ["img_classroom", "image", "students in a classroom education learning school"],
  ["img_doctor", "image", "doctor talking to a patient healthcare hospital medical"],
  ["img_factory", "image", "factory floor with robots manufacturing industry"],
  ["img_running", "image", "woman running in a park fitness health sport"],
  ["img_handshake", "image", "business handshake deal partnership agreement"],
  ["img_chart_growth", "image", "growth chart on a screen finance data analytics"],
  ["ico_rocket", "icon", "minimalist rocket icon launch startup"],
  ["ico_check", "icon", "check mark icon success done"],
  ["ico_chart", "icon", "bar chart icon analytics data growth"],
  ["ico_mail", "icon", "envelope mail icon email message"],
  ["ico_globe", "icon", "globe icon world international language"],
  ["ico_lightbulb", "icon", "light bulb icon idea innovation"],
  ["ico_shield", "icon", "shield icon security protection"],
  ["ico_cart", "icon", "shopping cart icon ecommerce store"],
  ["ico_play", "icon", "play button icon video media"],
  ["ico_user", "icon", "user profile icon person account"],
].map(([id, type, words]) => ({ id, type, words }) as SearchSeed);

const STOP = new Set(["a", "an", "the", "of", "on", "in", "with", "for", "and", "to", "at", "or", "by"]);

/** Lower-case words without stop words, crudely singular. */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !STOP.has(w))
    .map((w) => (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w));
}

/** Share of the query's words that the text contains, 0-1. */
export function overlap(query: string[], text: string): number {
  if (query.length === 0) return 0;
  const have = new Set(words(text));
  return query.filter((w) => have.has(w)).length / query.length;
}

export function searchReply(deps: SandboxDeps, req: ApiRequest): Reply {
  const query = queryText(req.query, "query");
  if (query === undefined || query.trim() === "") throw badParam("query", "query is required.");
  const type = queryEnum(req.query, "type", ["image", "icon"] as const);
  if (type === undefined) throw badParam("type", "type is required: image or icon.");
  const scope = queryEnum(req.query, "scope", ["public", "personal"] as const) ?? "public";
  const q = words(query);
  type Hit = { id: string; type: "image" | "icon"; url: string; width: number | null; height: number | null };
  const candidates: { hit: Hit; text: string }[] =
    scope === "public"
      ? SEARCH_SEEDS.filter((s) => s.type === type).map((s) => ({
          text: s.words,
          hit: {
            id: s.id,
            type: s.type,
            url: deps.urls.media(s.type === "icon" ? "preview.png" : "thumbnail.jpg", { asset: s.id }) ?? "",
            width: s.type === "icon" ? 240 : 320,
            height: s.type === "icon" ? 240 : 180,
          },
        }))
      : assetsOf(req.account)
          .list()
          .filter((a) => type === "image" && a.mimeType.startsWith("image/"))
          .map((a) => ({ text: a.name, hit: { id: a.id, type, url: assetUrl(deps, a), width: null, height: null } }));
  const ranked = candidates
    .map((c) => ({ ...c, score: overlap(q, c.text) }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score || a.hit.id.localeCompare(b.hit.id))
    .map(({ hit }) => ({
      ...hit,
      orientation: hit.width === null || hit.height === null ? null : hit.width === hit.height ? "square" : "landscape",
      is_transparent: hit.width === null ? null : false,
    }));
  return paginate(ranked, req.query, PAGE_SPECS.assetSearch, (h) => h.id);
}
