/**
 * Schema pieces that several tools share, defined once. Descriptions stay terse: every word here is
 * paid for in every conversation's tools/list (design §9).
 */
import { z } from "zod";
import { type Page, toPage } from "../client/index.js";
import { type AssetArg, markAssetArg } from "../files/asset-args.js";
import type { FileKindName } from "../files/formats.js";

// ---- pagination (api-catalog §1.5) ----

export const pageInput = ({ max, fallback }: { max: number; fallback: number }) => ({
  limit: z.number().int().min(1).max(max).default(fallback).describe("Page size."),
  token: z.string().min(1).optional().describe("A next_token."),
});

export const pageOutput = <K extends string, T extends z.ZodType>(key: K, item: T) =>
  z.object({
    [key]: z.array(item),
    has_more: z.boolean(),
    next_token: z.string().nullable().describe("For token."),
  } as { [P in K]: z.ZodArray<T> } & { has_more: z.ZodBoolean; next_token: z.ZodNullable<z.ZodString> });

/** Maps a v3 list body (catalog §1.5, via the client's toPage) to `{ [key]: rows, has_more, next_token }`. */
export function toPageResult<K extends string, R>(key: K, body: unknown, row: (item: never) => R) {
  const page = toPage<never>(body);
  return { [key]: page.items.map(row), ...pageCursor(page) } as { [P in K]: R[] } & {
    has_more: boolean;
    next_token: string | null;
  };
}

/** The cursor fields of a tool's page output. */
export const pageCursor = (page: Page<unknown>) => ({ has_more: page.hasMore, next_token: page.nextToken });

export const nextPageHint = (page: { has_more: boolean; next_token: string | null }, tool: string) =>
  page.has_more ? ` More: call ${tool} with token="${page.next_token}".` : "";

// ---- fields many create tools take ----

export const dashboardTitle = z.string().min(1).optional().describe("Dashboard title.");

/** HeyGen posts the finished job to callback_url, with callback_id echoed back. */
export const callbackFields = {
  callback_url: z.url().optional().describe("Webhook when done."),
  callback_id: z.string().optional().describe("Echoed in the webhook."),
};

// ---- AssetInput (api-catalog §1.6), flat: exactly one source ----

const LOCAL_PATH = /^(file:|~|\.{0,2}[/\\]|[A-Za-z]:[/\\])/;

/** A public http(s) URL; a local path here is answered with the argument to use instead. */
export const fileUrl = z.string().superRefine((value, ctx) => {
  if (LOCAL_PATH.test(value)) {
    ctx.addIssue({
      code: "custom",
      message: "is a local path, not a URL",
      params: { hint: `Pass it as file_path ("${value}") instead of url; it must be inside the files folder.` },
    });
    return;
  }
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    ctx.addIssue({ code: "custom", message: "must be a public http(s) URL" });
  }
});

const ASSET_FIELDS = {
  url: fileUrl.optional().describe("Public URL."),
  asset_id: z.string().min(1).optional().describe("Asset id."),
  // No schema max: the resolver's own check answers with the size and a pointer to file_path.
  base64: z.string().min(1).optional().describe("≤7 MB decoded."),
  media_type: z.string().optional().describe("MIME type."),
  file_path: z.string().min(1).optional().describe("Local file."),
};

const SOURCES = ["url", "asset_id", "base64", "file_path"] as const;

/** HeyGen's field takes only url | asset_id (catalog §1.6): base64 is uploaded first, like file_path. */
export const REFS_ONLY = { inlineBase64: false } as const;

/** A file input: one of url / asset_id / base64 (+media_type) / file_path, of the given kind. */
export function assetInput(description: string, kind: FileKindName, { inlineBase64 = true } = {}) {
  return z
    .strictObject(ASSET_FIELDS)
    .superRefine((value: Record<string, unknown>, ctx) => {
      const given = SOURCES.filter((s) => value[s] !== undefined);
      if (given.length !== 1) {
        ctx.addIssue({ code: "custom", message: `give exactly one of ${SOURCES.join(", ")}` });
      } else if (given[0] === "base64" && value.media_type === undefined) {
        ctx.addIssue({ code: "custom", path: ["media_type"], message: "media_type is required with base64" });
      }
    })
    .transform((value) => markAssetArg(value as AssetArg, { kind, inlineBase64 }))
    .describe(description) as unknown as z.ZodType<AssetArg>;
}

export type { AssetArg };

/** The flat argument as HeyGen's type-discriminated AssetInput (file_path is uploaded by then). */
export function toAssetInput(arg: AssetArg) {
  if (arg.url !== undefined) return { type: "url", url: arg.url };
  if (arg.asset_id !== undefined) return { type: "asset_id", asset_id: arg.asset_id };
  return { type: "base64", media_type: arg.media_type, data: arg.base64 };
}

// ---- POST /v3/videos sub-schemas (api-catalog "Shared sub-schemas") ----

export const voiceSettings = z
  .strictObject({
    speed: z.number().min(0.5).max(1.5).optional().describe("Default 1."),
    pitch: z.number().min(-50).max(50).optional().describe("Semitones."),
    volume: z.number().min(0).max(1).optional().describe("Default 1."),
    locale: z.string().optional().describe("Accent, e.g. en-US."),
  })
  .describe("Voice tuning for script.");

export const engine = z
  .strictObject({
    type: z.enum(["avatar_v", "avatar_iv", "avatar_iii"]).describe("One of the look's supported_api_engines."),
    reference_look_id: z.string().optional().describe("avatar_v: instant_avatar look, same group."),
  })
  .describe("Default avatar_iv.");

export const background = z
  .strictObject({
    type: z.enum(["color", "image"]).describe("color: value; image: url or asset_id."),
    value: z.string().optional().describe("Hex, e.g. #ffffff."),
    url: z.string().optional().describe("Image URL."),
    asset_id: z.string().optional().describe("Image asset."),
  })
  .describe("Not with webm.");

export const caption = z
  .strictObject({ style: z.enum(["default"]).optional().describe("Burn captions in.") })
  .describe("An SRT is always made.");

export const watermark = z
  .strictObject({
    image: assetInput("PNG/JPEG.", "image"),
    position: z.enum(["top_left", "top_right", "bottom_left", "bottom_right"]).optional().describe("Corner."),
    scale: z.number().min(0).max(2).optional().describe("Default 1."),
    opacity: z.number().min(0).max(1).optional().describe("Default 1."),
  })
  .describe("Overlay (Enterprise).");

export type WatermarkArg = z.output<typeof watermark>;

export const toWatermark = ({ image, position, scale, opacity }: WatermarkArg) => ({
  image: toAssetInput(image),
  ...(position ? { placement: { position } } : {}),
  ...(scale !== undefined ? { scale } : {}),
  ...(opacity !== undefined ? { opacity } : {}),
});

/** Drops undefined values so a request body carries only what the caller gave. */
export function defined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** `value[k] ?? null` for each key: HeyGen omits fields that our outputs spell as null. */
export function orNull<T extends object, K extends keyof T>(value: T, keys: readonly K[]) {
  return Object.fromEntries(keys.map((k) => [k, value[k] ?? null])) as { [P in K]-?: NonNullable<T[P]> | null };
}

/** `{ [key]: value }` with the key's literal type, so computed fields keep their place and type. */
export const keyed = <K extends string, V>(key: K, value: V) => ({ [key]: value }) as { [P in K]: V };
