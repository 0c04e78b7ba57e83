/**
 * What a Video Agent create or message may carry (operations.json) and the checks beyond its shape:
 * attachments, avatar and voice, balance.
 */
import { z } from "zod";
import { assertAssetExists, assetInputSchema } from "../asset-input.js";
import type { SandboxDeps } from "../deps.js";
import { ApiError, badParam, notFound } from "../envelope.js";
import type { Account } from "../store.js";
import type { Run, SessionRecord } from "./video-agent-session.js";
import { addResource } from "./video-agent-timeline.js";

const filesSchema = z.array(assetInputSchema).max(20).nullish();

export const createSchema = z.strictObject({
  prompt: z.string().min(1).max(10_000),
  mode: z.enum(["generate", "chat"]).optional(),
  avatar_id: z.string().min(1).nullish(),
  voice_id: z.string().min(1).nullish(),
  style_id: z.string().min(1).nullish(),
  brand_kit_id: z.string().min(1).nullish(),
  orientation: z.enum(["landscape", "portrait"]).nullish(),
  incognito_mode: z.boolean().optional(),
  files: filesSchema,
  callback_id: z.string().nullish(),
  callback_url: z.url({ protocol: /^https?$/ }).nullish(),
  // In the schema 2026-04-09…10 only; the catalog lets a simulator accept and ignore them.
  auto_proceed: z.boolean().nullish(),
  skip_agentic_stop: z.boolean().nullish(),
});

export const messageSchema = z.strictObject({
  message: z.string().min(1),
  avatar_id: z.string().min(1).nullish(),
  voice_id: z.string().min(1).nullish(),
  brand_kit_id: z.string().min(1).nullish(),
  files: filesSchema,
});

export const stopSchema = z.strictObject({});

type Files = z.output<typeof filesSchema>;

const FILE_TYPES: Record<string, string> = {
  "image/png": "image",
  "image/jpeg": "image",
  "image/jpg": "image",
  "video/mp4": "video",
  "video/webm": "video",
  "audio/mpeg": "audio",
  "audio/mp3": "audio",
  "audio/wav": "audio",
  "audio/x-wav": "audio",
  "audio/wave": "audio",
  "application/pdf": "document",
};
const EXTENSIONS: Record<string, string> = {
  png: "image",
  jpg: "image",
  jpeg: "image",
  mp4: "video",
  webm: "video",
  mp3: "audio",
  wav: "audio",
  pdf: "document",
};
const ALLOWED = "PNG, JPEG, MP4, WebM, MP3, WAV or PDF";

/** Validates attachments (types of §1.8, asset ids) and records them as user_uploaded resources. */
export function attachFiles(
  deps: SandboxDeps,
  account: Account,
  files: Files,
): (s: SessionRecord, r: Run, atMs: number) => string[] {
  const entries = (files ?? []).map((file, i) => {
    const at = `files.${i}`;
    assertAssetExists(deps.store, account, file, at);
    if (file.type === "base64") {
      const type = FILE_TYPES[file.media_type.toLowerCase()];
      if (!type) throw badParam(`${at}.media_type`, `Attachments must be ${ALLOWED}; got ${file.media_type}.`);
      return { type, url: null, metadata: { media_type: file.media_type } };
    }
    if (file.type === "url") {
      const ext = /\.([a-z0-9]+)$/i.exec(new URL(file.url).pathname)?.[1]?.toLowerCase();
      if (ext && !EXTENSIONS[ext]) throw badParam(`${at}.url`, `Attachments must be ${ALLOWED}; got .${ext}.`);
      return { type: (ext && EXTENSIONS[ext]) || "file", url: file.url, metadata: {} };
    }
    return { type: "file", url: null, metadata: { asset_id: file.asset_id } };
  });
  return (session, run, atMs) =>
    entries.map((e) => addResource(session, run, atMs, e.type, "user_uploaded", e.url, null, e.metadata).id);
}

export function assertCast(
  deps: SandboxDeps,
  account: Account,
  body: { avatar_id?: string | null; voice_id?: string | null },
) {
  const { avatar_id: avatarId, voice_id: voiceId } = body;
  if (avatarId && !deps.store.findLook(account, avatarId) && !deps.store.findGroup(account, avatarId)) {
    throw notFound("avatar_not_found", `Avatar '${avatarId}' was not found.`, "avatar_id");
  }
  if (voiceId && !deps.store.findVoice(account, voiceId)) {
    throw notFound("voice_not_found", `Voice '${voiceId}' was not found.`, "voice_id");
  }
}

export function assertBalance(account: Account, usd: number, nowMs: number): void {
  const have = account.balanceUsd(nowMs);
  if (have < usd) {
    throw new ApiError(
      402,
      "insufficient_credit",
      `Insufficient balance: this session needs about $${usd.toFixed(2)} but the account has $${have.toFixed(2)}.`,
    );
  }
}
