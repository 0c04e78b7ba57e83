/**
 * Cross-field rules of POST /v3/videos that a schema cannot express (catalog §2.1), plus the
 * output length and cost estimate. Throws ApiError; returns what the video record needs.
 */
import { assertAssetExists, assertAssetIdExists } from "../asset-input.js";
import type { SandboxDeps } from "../deps.js";
import { badParam, notFound } from "../envelope.js";
import { estimateSpeechSeconds, FAIL_MARKER } from "../jobs.js";
import type { ApiRequest } from "../router.js";
import type { LookSeed } from "../seed.js";
import { exactlyOne } from "../validate.js";
import type { AvatarArm, CreateVideoBody, ImageArm, Scene } from "./video-schemas.js";

/** USD per second of avatar video. */
export const AVATAR_USD_PER_SECOND = 0.0167;
/** Cinematic Avatar videos are billed flat. */
export const CINEMATIC_USD = 7;
/** Assumed length of an uploaded/linked audio track (the sandbox never downloads it). */
export const ASSUMED_AUDIO_SECONDS = 30;

export interface VideoPlan {
  seconds: number;
  costUsd: number;
  failed: boolean;
}

type Speech = Pick<AvatarArm, "script" | "audio_url" | "audio_asset_id" | "voice_id" | "voice_settings">;

interface Ctx {
  deps: SandboxDeps;
  req: ApiRequest;
}

function speechSeconds({ deps, req }: Ctx, s: Speech, prefix: string, defaultVoice: string | null): number {
  const source = exactlyOne(s, ["script", "audio_url", "audio_asset_id"], prefix);
  if (source === "audio_asset_id")
    assertAssetIdExists(deps.store, req.account, s.audio_asset_id, `${prefix}audio_asset_id`);
  if (source !== "script") return ASSUMED_AUDIO_SECONDS;
  const voiceId = s.voice_id ?? defaultVoice;
  if (!voiceId)
    throw badParam(`${prefix}voice_id`, "voice_id is required with script (this avatar has no default voice).");
  const voice = deps.store.findVoice(req.account, voiceId);
  if (!voice) throw notFound("voice_not_found", `Voice '${voiceId}' was not found.`, `${prefix}voice_id`);
  const engineType = s.voice_settings?.engine_settings?.engine_type;
  if (engineType && !voice.engines.includes(engineType)) {
    throw badParam(
      `${prefix}voice_settings.engine_settings.engine_type`,
      `Voice '${voiceId}' does not support engine '${engineType}' (supports: ${voice.engines.join(", ")}).`,
    );
  }
  return estimateSpeechSeconds(s.script ?? "");
}

function findLook({ deps, req }: Ctx, id: string, param: string): LookSeed {
  const look = deps.store.findLook(req.account, id);
  if (!look || (look.status !== null && look.status !== "completed")) {
    throw notFound("avatar_not_found", `Avatar '${id}' was not found or is not trained.`, param);
  }
  return look;
}

function checkAvatarLook(ctx: Ctx, body: AvatarArm, look: LookSeed): void {
  const engine = body.engine?.type ?? "avatar_iv";
  if (!look.supported_api_engines.includes(engine)) {
    throw badParam(
      "engine.type",
      `Avatar '${look.id}' supports engines ${look.supported_api_engines.join(", ")}, not ${engine}.`,
    );
  }
  if (body.engine?.type === "avatar_v" && body.engine.reference_look_id) {
    const ref = ctx.deps.store.findLook(ctx.req.account, body.engine.reference_look_id);
    if (!ref || ref.group_id !== look.group_id) {
      throw badParam(
        "engine.reference_look_id",
        "reference_look_id must be an instant_avatar look in the same group as avatar_id.",
      );
    }
  }
  const isPhoto = look.avatar_type === "photo_avatar";
  if (body.motion_prompt && (engine === "avatar_iii" || (!isPhoto && engine !== "avatar_v"))) {
    throw badParam("motion_prompt", "motion_prompt needs a photo avatar, or a video avatar with engine.type avatar_v.");
  }
  if (body.expressiveness && (!isPhoto || engine !== "avatar_iv")) {
    throw badParam("expressiveness", "expressiveness is supported only for photo avatars on Avatar IV.");
  }
  if (body.resolution === "4k" && isPhoto && engine === "avatar_iii") {
    throw badParam("resolution", "Avatar III photo looks do not support 4k.");
  }
  if (body.output_format === "webm" && !look.matting) {
    throw badParam("output_format", `Avatar '${look.id}' is not trained with matting; webm output is unavailable.`);
  }
  if (body.remove_background && !look.matting) {
    throw badParam("remove_background", `Avatar '${look.id}' is not trained with matting.`);
  }
}

function checkCommon({ deps, req }: Ctx, body: AvatarArm | ImageArm): void {
  const bg = body.background;
  if (bg && body.output_format === "webm")
    throw badParam("background", "background cannot be combined with webm output.");
  if (bg?.type === "color" && !bg.value)
    throw badParam("background.value", "background.value (hex color) is required for type color.");
  if (bg?.type === "image") {
    exactlyOne(bg, ["url", "asset_id"], "background.");
    assertAssetIdExists(deps.store, req.account, bg.asset_id, "background.asset_id");
  }
  assertAssetExists(deps.store, req.account, body.watermark?.image, "watermark.image");
}

function sceneSeconds(ctx: Ctx, scene: Scene, i: number): number {
  const at = `scenes.${i}.`;
  const { store } = ctx.deps;
  const account = ctx.req.account;
  if (scene.type === "video") {
    assertAssetExists(store, account, scene.source, `${at}source`);
    return 10;
  }
  if (scene.type === "image") {
    assertAssetExists(store, account, scene.source, `${at}source`);
    const narrated = [scene.script, scene.audio_url, scene.audio_asset_id].some((v) => v !== undefined && v !== null);
    if (scene.duration != null && narrated)
      throw badParam(`${at}duration`, "duration is for silent image scenes only.");
    return narrated ? speechSeconds(ctx, scene, at, null) : (scene.duration ?? badDuration(at));
  }
  const input = scene.input;
  if (input.type === "image") {
    assertAssetExists(store, account, input.image, `${at}input.image`);
    return speechSeconds(ctx, input, `${at}input.`, null);
  }
  const look = findLook(ctx, input.avatar_id, `${at}input.avatar_id`);
  return speechSeconds(ctx, input, `${at}input.`, look.default_voice_id);
}

const badDuration = (at: string): never => {
  throw badParam(
    `${at}duration`,
    "An image scene needs either duration (silent) or one of script, audio_url, audio_asset_id.",
  );
};

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Validates the semantics of a parsed create body and estimates length and cost. */
export function planVideo(deps: SandboxDeps, req: ApiRequest, body: CreateVideoBody): VideoPlan {
  const ctx: Ctx = { deps, req };
  const texts: (string | null | undefined)[] = [];
  let seconds: number;
  let costUsd: number;
  if (body.type === "avatar") {
    const look = findLook(ctx, body.avatar_id, "avatar_id");
    checkAvatarLook(ctx, body, look);
    checkCommon(ctx, body);
    seconds = speechSeconds(ctx, body, "", look.default_voice_id);
    costUsd = seconds * AVATAR_USD_PER_SECOND;
    texts.push(body.script);
  } else if (body.type === "image") {
    assertAssetExists(deps.store, req.account, body.image, "image");
    checkCommon(ctx, body);
    seconds = speechSeconds(ctx, body, "", null);
    costUsd = seconds * AVATAR_USD_PER_SECOND;
    texts.push(body.script);
  } else if (body.type === "cinematic_avatar") {
    for (const [i, id] of body.avatar_id.entries()) findLook(ctx, id, `avatar_id.${i}`);
    if (body.aspect_ratio && !["16:9", "9:16", "1:1"].includes(body.aspect_ratio)) {
      throw badParam("aspect_ratio", "Cinematic Avatar supports aspect_ratio 16:9, 9:16 or 1:1.");
    }
    if (body.auto_duration && body.duration != null)
      throw badParam("duration", "Omit duration when auto_duration is true.");
    for (const [i, ref] of (body.references ?? []).entries()) {
      assertAssetExists(deps.store, req.account, ref, `references.${i}`);
    }
    seconds = body.duration ?? 10;
    costUsd = CINEMATIC_USD;
    texts.push(body.prompt);
  } else {
    assertAssetExists(deps.store, req.account, body.watermark?.image, "watermark.image");
    seconds = body.scenes.reduce((sum, scene, i) => sum + sceneSeconds(ctx, scene, i), 0);
    costUsd = seconds * AVATAR_USD_PER_SECOND;
    for (const s of body.scenes)
      texts.push(s.type === "avatar_video" ? s.input.script : s.type === "image" ? s.script : null);
  }
  const failed = texts.some((t) => t?.includes(FAIL_MARKER));
  return { seconds: round2(seconds), costUsd: Math.max(0.01, round2(costUsd)), failed };
}
