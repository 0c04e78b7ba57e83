import type { Tour } from "./types.js";

const SRT = "1\n00:00:00,000 --> 00:00:02,000\nHello from the tour.\n";

interface Slot {
  asset_id: string;
  upload_url: string;
  upload_headers: Record<string, string>;
}

async function putFile(slot: Slot, bytes: Uint8Array): Promise<void> {
  const res = await fetch(slot.upload_url, {
    method: "PUT",
    headers: slot.upload_headers,
    body: new Uint8Array(bytes),
  });
  if (!res.ok) throw new Error(`upload PUT failed: ${res.status} ${await res.text()}`);
}

/** Assets (simple and direct uploads, batches, statuses, search), audio sounds and brand: every tool once. */
export async function tourAssets(t: Tour): Promise<void> {
  const srt = new TextEncoder().encode(SRT);
  const simple = await t.call("upload_asset", {
    base64: Buffer.from(srt).toString("base64"),
    media_type: "application/x-subrip",
    filename: "tour.srt",
  });

  const slot = (await t.call("create_asset_upload", {
    filename: "tour-direct.srt",
    content_type: "application/x-subrip",
    size_bytes: srt.length,
  })) as unknown as Slot;
  await putFile(slot, srt);
  await t.call("complete_asset_upload", { asset_id: slot.asset_id });

  // A public file by URL: the sandbox's own media, whose origin the presigned URL names.
  const origin = new URL(slot.upload_url).origin;
  const byUrl = await t.call("upload_asset", { url: `${origin}/media/preview.png`, filename: "tour.png" });

  const batch = (await t.call("create_asset_upload_batch", {
    title: "tour batch",
    files: [{ filename: "tour-batch.srt", content_type: "application/x-subrip", size_bytes: srt.length }],
  })) as unknown as { batch_id: string; items: Slot[] };
  for (const item of batch.items) await putFile(item, srt);
  await t.call("complete_asset_upload_batch", { batch_id: batch.batch_id });
  t.clock.advance(10_000);
  await t.call("get_asset_batch", { batch_id: batch.batch_id });
  await t.call("get_asset_statuses", { asset_ids: [slot.asset_id, "tour-unknown"], batch_ids: [batch.batch_id] });

  await t.call("get_asset", { asset_id: byUrl.asset_id as string });
  await t.call("list_assets", { limit: 2 });
  await t.call("search_assets", { query: "rocket launch", type: "icon", scope: "public" });
  await t.call("search_assets", { query: "tour", type: "image", scope: "personal" });
  await t.call("delete_asset", { asset_id: simple.asset_id as string });

  await t.call("search_audio_sounds", { query: "upbeat lofi hip-hop", type: "music", min_score: 0.6, limit: 3 });
  await t.call("search_audio_sounds", { query: "whoosh", type: "sound_effects" });
  await t.call("list_brand_kits", { limit: 5 });
  await t.call("list_brand_glossaries", { limit: 5 });
}
