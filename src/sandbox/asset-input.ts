/**
 * AssetInput (catalog §1.6): a `type`-discriminated file reference. Some fields take all three
 * variants, others only url | asset_id.
 */
import { z } from "zod";
import { notFound } from "./envelope.js";
import type { Account, Store } from "./store.js";

export const assetUrlSchema = z.strictObject({
  type: z.literal("url"),
  url: z.url({ protocol: /^https?$/ }),
});

export const assetIdSchema = z.strictObject({
  type: z.literal("asset_id"),
  asset_id: z.string().min(1),
});

export const assetBase64Schema = z.strictObject({
  type: z.literal("base64"),
  media_type: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/i, "expected a MIME type such as image/png"),
  data: z.base64().min(1),
});

/** url | asset_id | base64 */
export const assetInputSchema = z.discriminatedUnion("type", [assetUrlSchema, assetIdSchema, assetBase64Schema]);
/** url | asset_id only */
export const assetRefSchema = z.discriminatedUnion("type", [assetUrlSchema, assetIdSchema]);

export type AssetInput = z.output<typeof assetInputSchema>;

/** 404 `asset_not_found` when an asset_id variant names no asset of this account. */
export function assertAssetExists(store: Store, account: Account, input: AssetInput | null | undefined, param: string) {
  if (input?.type === "asset_id" && !store.hasAsset(account, input.asset_id)) {
    throw notFound("asset_not_found", `Asset '${input.asset_id}' was not found.`, `${param}.asset_id`);
  }
}

/** Same check for a bare asset id field such as `audio_asset_id`. */
export function assertAssetIdExists(store: Store, account: Account, id: string | null | undefined, param: string) {
  if (id && !store.hasAsset(account, id)) throw notFound("asset_not_found", `Asset '${id}' was not found.`, param);
}
