/**
 * Templates (catalog §2.12, v3): a seeded, read-only catalog of three API-ready templates shared by
 * every account, and generation, which creates an ordinary video (same store and lifecycle as
 * POST /v3/videos). Variable values use the shape GET returns, so a GET response can be edited and
 * posted back: text `{type,content}`, image|video|audio `{type,url}` or `{type,asset_id}`,
 * character `{type,avatar_id}`, voice `{type,voice_id}` (only the text form is documented [catalog
 * open question 11]; the others are the sandbox's inference). The catalog lives in template-seeds.ts.
 */
import { z } from "zod";
import { assertAssetIdExists } from "../asset-input.js";
import type { SandboxDeps } from "../deps.js";
import { badParam, notFound, ok } from "../envelope.js";
import { newId } from "../ids.js";
import { assertJobCapacity, estimateSpeechSeconds, FAIL_MARKER, planJob } from "../jobs.js";
import { PAGE_SPECS, paginate } from "../pagination.js";
import type { ApiRequest, Router } from "../router.js";
import { parseBody } from "../validate.js";
import { findTemplate, TEMPLATES, type TemplateSeed } from "./template-seeds.js";
import { AVATAR_USD_PER_SECOND } from "./video-rules.js";
import { renderVideo, videosOf } from "./videos.js";

const RATIOS = { "16:9": 16 / 9, "9:16": 9 / 16, "1:1": 1 } as const;

const mediaSource = {
  url: z.url({ protocol: /^https?$/ }).nullish(),
  asset_id: z.string().min(1).nullish(),
};

const variableSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("text"), content: z.string() }),
  z.strictObject({ type: z.literal("image"), ...mediaSource }),
  z.strictObject({ type: z.literal("video"), ...mediaSource }),
  z.strictObject({ type: z.literal("audio"), ...mediaSource }),
  z.strictObject({ type: z.literal("character"), avatar_id: z.string().min(1) }),
  z.strictObject({ type: z.literal("voice"), voice_id: z.string().min(1) }),
]);

const even = (name: string) =>
  z
    .int()
    .min(128)
    .max(4096)
    .refine((n) => n % 2 === 0, `${name} must be even`);

const generateSchema = z.strictObject({
  variables: z.record(z.string(), variableSchema),
  title: z.string().nullish(),
  caption: z.boolean().optional(),
  dimension: z.strictObject({ width: even("width"), height: even("height") }).nullish(),
  fps: z.number().optional(),
  scene_ids: z.array(z.string().min(1)).nullish(),
  folder_id: z.string().nullish(),
  brand_voice_id: z.string().nullish(),
  callback_id: z.string().nullish(),
  callback_url: z.url().nullish(),
  enable_sharing: z.boolean().optional(),
  include_gif: z.boolean().optional(),
  keep_text_vertically_centered: z.boolean().optional(),
  reorder_music: z.boolean().optional(),
  subtitles: z
    .strictObject({
      preset_name: z.string().min(1),
      alignment: z.int().nullish(),
      disable_highlight: z.boolean().nullish(),
      font_size: z.int().positive().nullish(),
      position: z.strictObject({ x: z.number().optional(), y: z.number().optional() }).nullish(),
    })
    .nullish(),
});

type Generate = z.output<typeof generateSchema>;
function renderVariables(t: TemplateSeed, { urls }: SandboxDeps) {
  return Object.fromEntries(
    Object.entries(t.variables).map(([name, v]) => [name, "url" in v && v.url ? { ...v, url: urls.media(v.url) } : v]),
  );
}

const summary = (t: TemplateSeed, deps: SandboxDeps) => ({
  id: t.id,
  name: t.name,
  aspect_ratio: t.aspect_ratio,
  thumbnail_url: deps.urls.media("preview.png"),
  created_at: t.created_at,
  updated_at: t.updated_at,
});

/** Checks names, types and references of the replacements; returns the merged text values. */
function checkVariables(t: TemplateSeed, body: Generate, deps: SandboxDeps, req: ApiRequest): Map<string, string> {
  const texts = new Map<string, string>();
  for (const [name, v] of Object.entries(t.variables)) if (v.type === "text") texts.set(name, v.content);
  for (const [name, value] of Object.entries(body.variables)) {
    const param = `variables.${name}`;
    const declared = t.variables[name];
    if (!declared) {
      throw badParam(
        param,
        `Template '${t.id}' has no variable '${name}' (has: ${Object.keys(t.variables).join(", ")}).`,
      );
    }
    if (declared.type !== value.type) {
      throw badParam(`${param}.type`, `Variable '${name}' is of type '${declared.type}', not '${value.type}'.`);
    }
    if (value.type === "text") texts.set(name, value.content);
    else if (value.type === "character") {
      if (!deps.store.findLook(req.account, value.avatar_id)) {
        throw notFound("avatar_not_found", `Avatar '${value.avatar_id}' was not found.`, `${param}.avatar_id`);
      }
    } else if (value.type === "voice") {
      if (!deps.store.findVoice(req.account, value.voice_id)) {
        throw notFound("voice_not_found", `Voice '${value.voice_id}' was not found.`, `${param}.voice_id`);
      }
    } else {
      const sources = [value.url, value.asset_id].filter((s) => s !== undefined && s !== null);
      if (sources.length !== 1)
        throw badParam(`${param}.url`, `Variable '${name}' needs exactly one of url, asset_id.`);
      assertAssetIdExists(deps.store, req.account, value.asset_id, `${param}.asset_id`);
    }
  }
  return texts;
}

function checkOutput(t: TemplateSeed, body: Generate): string[] {
  const known = new Set(t.scenes.map((s) => s.scene_id));
  for (const [i, id] of (body.scene_ids ?? []).entries()) {
    if (!known.has(id)) throw badParam(`scene_ids.${i}`, `Template '${t.id}' has no scene '${id}'.`);
  }
  if (body.fps !== undefined && ![25, 30, 60].includes(body.fps)) throw badParam("fps", "fps must be 25, 30 or 60.");
  if (body.dimension) {
    const { width, height } = body.dimension;
    if (Math.abs(width / height - RATIOS[t.aspect_ratio]) > 0.02) {
      throw badParam("dimension", `dimension ${width}x${height} does not keep the template's ${t.aspect_ratio} ratio.`);
    }
  }
  return body.scene_ids?.length ? body.scene_ids : t.scenes.map((s) => s.scene_id);
}

/** Each rendered scene: its script's spoken length with variables replaced, at least 4 s. */
function renderSeconds(
  t: TemplateSeed,
  sceneIds: string[],
  texts: Map<string, string>,
): { seconds: number; text: string } {
  let seconds = 0;
  const spoken: string[] = [];
  for (const id of sceneIds) {
    const script = (t.scenes.find((s) => s.scene_id === id)?.script ?? "").replace(
      /\{\{(\w+)\}\}/g,
      (placeholder, name: string) => texts.get(name) ?? placeholder,
    );
    spoken.push(script);
    seconds += script ? Math.max(4, estimateSpeechSeconds(script)) : 8;
  }
  return { seconds: Math.round(seconds * 100) / 100, text: spoken.join(" ") };
}

export function templateRoutes(r: Router, deps: SandboxDeps): void {
  const { clock, timing } = deps;

  r.get("/v3/templates", (req) =>
    paginate(
      [...TEMPLATES].sort((a, b) => b.created_at - a.created_at).map((t) => summary(t, deps)),
      req.query,
      PAGE_SPECS.templates,
      (t) => t.id,
    ),
  );

  r.get("/v3/templates/:template_id", (req) => {
    const t = findTemplate(req.params.template_id ?? "");
    return ok({
      ...summary(t, deps),
      scene_ids: t.scenes.map((s) => s.scene_id),
      scenes: t.scenes.map((s) => ({
        scene_id: s.scene_id,
        script: s.script,
        variables: s.variables.map((name) => ({
          name,
          variable_type: t.variables[name]?.type ?? "text",
        })),
      })),
      variables: renderVariables(t, deps),
    });
  });

  r.post(
    "/v3/templates/:template_id",
    (req) => {
      const t = findTemplate(req.params.template_id ?? "");
      const body = parseBody(generateSchema, req.body);
      const texts = checkVariables(t, body, deps, req);
      const sceneIds = checkOutput(t, body);
      const { seconds, text } = renderSeconds(t, sceneIds, texts);
      assertJobCapacity(req.account, clock);
      const now = clock.now();
      const chargeUsd = req.account.charge(Math.max(0.01, seconds * AVATAR_USD_PER_SECOND), now);
      const failed = `${text} ${body.title ?? ""}`.includes(FAIL_MARKER);
      const failure = failed
        ? { code: "render_failed", message: `The sandbox failed this video on purpose (${FAIL_MARKER} in the input).` }
        : null;
      const video = videosOf(req.account).add({
        id: newId(),
        createdAtMs: now,
        job: planJob(timing, now, seconds, failure),
        chargeUsd,
        kind: "studio",
        title: body.title ?? t.name,
        folderId: body.folder_id || null,
        outputFormat: "mp4",
        durationSec: seconds,
        captionStyle: body.caption || body.subtitles ? "default" : undefined,
        callbackId: body.callback_id ?? null,
        callbackUrl: body.callback_url ?? null,
      });
      return ok(renderVideo(video, deps));
    },
    { idempotent: true, creates: true },
  );
}
