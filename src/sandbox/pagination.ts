/**
 * v3 cursor pagination (catalog §1.5): `limit` + opaque `token`; lists are newest-first; the cursor
 * is base64url JSON naming the list and the last item served. `has_more=false` ⇒ `next_token=null`.
 */
import { badParam, list, type Reply } from "./envelope.js";

export interface PageSpec {
  /** Names the list; a token from another list is rejected. */
  scope: string;
  defaultLimit: number;
  maxLimit: number;
}

/** Per-endpoint limits from catalog §1.5. */
export const PAGE_SPECS = {
  videos: { scope: "videos", defaultLimit: 10, maxLimit: 100 },
  avatarGroups: { scope: "avatar_groups", defaultLimit: 20, maxLimit: 50 },
  avatarLooks: { scope: "avatar_looks", defaultLimit: 20, maxLimit: 50 },
  voices: { scope: "voices", defaultLimit: 20, maxLimit: 100 },
  videoAgents: { scope: "video_agents", defaultLimit: 20, maxLimit: 100 },
  videoAgentStyles: { scope: "video_agent_styles", defaultLimit: 20, maxLimit: 100 },
  lipsyncs: { scope: "lipsyncs", defaultLimit: 10, maxLimit: 100 },
  videoTranslations: { scope: "video_translations", defaultLimit: 10, maxLimit: 100 },
  assets: { scope: "assets", defaultLimit: 20, maxLimit: 100 },
  assetSearch: { scope: "asset_search", defaultLimit: 20, maxLimit: 50 },
  sounds: { scope: "sounds", defaultLimit: 10, maxLimit: 50 },
  brandKits: { scope: "brand_kits", defaultLimit: 20, maxLimit: 100 },
  brandGlossaries: { scope: "brand_glossaries", defaultLimit: 10, maxLimit: 100 },
  templates: { scope: "templates", defaultLimit: 10, maxLimit: 100 },
  webhookEndpoints: { scope: "webhook_endpoints", defaultLimit: 10, maxLimit: 100 },
  webhookEvents: { scope: "webhook_events", defaultLimit: 10, maxLimit: 100 },
  backgroundRemovals: { scope: "background_removals", defaultLimit: 10, maxLimit: 100 },
  aiClipping: { scope: "ai_clipping", defaultLimit: 10, maxLimit: 100 },
  batchItems: { scope: "batch_items", defaultLimit: 100, maxLimit: 100 },
} as const satisfies Record<string, PageSpec>;

interface Cursor {
  s: string;
  /** id of the last item served */
  a: string;
  /** offset after the last item served, used if that item has since disappeared */
  o: number;
}

const encode = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString("base64url");

function decode(token: string, scope: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Partial<Cursor>;
    if (c.s === scope && typeof c.a === "string" && Number.isInteger(c.o) && (c.o ?? -1) >= 0) return c as Cursor;
  } catch {
    // fall through
  }
  throw badParam("token", "Invalid pagination token; pass next_token from the previous page unchanged.");
}

/** Parses `limit` for this endpoint; 400 `invalid_parameter` (param "limit") when not an integer in range. */
export function parseLimit(query: URLSearchParams, spec: PageSpec): number {
  const raw = query.get("limit");
  if (raw === null) return spec.defaultLimit;
  const n = /^-?\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > spec.maxLimit) {
    throw badParam("limit", `limit must be an integer between 1 and ${spec.maxLimit}.`);
  }
  return n;
}

/** One page of `items` (already filtered and ordered newest-first) as a v3 list reply. */
export function paginate<T>(
  items: readonly T[],
  query: URLSearchParams,
  spec: PageSpec,
  idOf: (item: T) => string,
): Reply {
  const limit = parseLimit(query, spec);
  const token = query.get("token");
  let start = 0;
  if (token !== null && token !== "") {
    const cursor = decode(token, spec.scope);
    const at = items.findIndex((item) => idOf(item) === cursor.a);
    start = at >= 0 ? at + 1 : Math.min(cursor.o, items.length);
  }
  const page = items.slice(start, start + limit);
  const hasMore = start + limit < items.length;
  const last = page[page.length - 1];
  const next = hasMore && last !== undefined ? encode({ s: spec.scope, a: idOf(last), o: start + page.length }) : null;
  return list(page, hasMore, next);
}
