/**
 * Semantic checks that translations, proofreads and lipsyncs share (catalog §2.5, §2.6): files exist
 * and are of the right kind, languages come from the languages list, time ranges fit the source.
 */
import type { z } from "zod";
import { assertAssetExists, type assetRefSchema } from "../asset-input.js";
import type { SandboxDeps } from "../deps.js";
import { badParam } from "../envelope.js";
import type { ApiRequest } from "../router.js";
import { LANGUAGES } from "./translations-languages.js";

/** Assumed length of a source video (the sandbox never downloads it). */
export const SOURCE_SECONDS = 30;

const EXTENSIONS: Record<"video" | "audio" | "srt", RegExp> = {
  video: /\.(mp4|mov|webm|m4v|mkv|avi)$/i,
  audio: /\.(mp3|wav|m4a|aac|ogg|flac)$/i,
  srt: /\.srt$/i,
};
const OTHER_FILE = /\.(png|jpe?g|gif|webp|pdf|txt|json|html?|zip|mp3|wav|m4a|srt|vtt|mp4|mov|webm)$/i;

/** A file input: the asset must exist; a URL naming another kind of file is rejected. */
export function checkFile(
  deps: SandboxDeps,
  req: ApiRequest,
  input: z.output<typeof assetRefSchema> | null | undefined,
  kind: keyof typeof EXTENSIONS,
  param: string,
): void {
  if (!input) return;
  assertAssetExists(deps.store, req.account, input, param);
  if (input.type !== "url") return;
  const path = new URL(input.url).pathname;
  if (OTHER_FILE.test(path) && !EXTENSIONS[kind].test(path)) {
    throw badParam(`${param}.url`, `'${input.url}' is not ${kind === "srt" ? "an .srt" : `a ${kind}`} file.`);
  }
}

/** An exact name from the languages list; `codes` also lets BCP-47 codes through (proofreads). */
export function resolveLanguage(raw: string, param: string, codes: boolean): string {
  const wanted = raw.trim();
  const lang =
    LANGUAGES.find((l) => l.name === wanted) ??
    (codes ? LANGUAGES.find((l) => l.code.toLowerCase() === wanted.toLowerCase()) : undefined);
  if (!lang) {
    throw badParam(
      param,
      `Unsupported output language '${raw}'. Use a name from GET /v3/video-translations/languages, e.g. 'Spanish (Spain)'.`,
    );
  }
  return lang.name;
}

/** Every language resolved; a duplicate is rejected too. */
export function resolveLanguages(names: readonly string[], param: string, codes = false): string[] {
  const seen = new Set<string>();
  return names.map((raw, i) => {
    const name = resolveLanguage(raw, `${param}.${i}`, codes);
    if (seen.has(name)) throw badParam(`${param}.${i}`, `Output language '${name}' is listed twice.`);
    seen.add(name);
    return name;
  });
}

export function sourceSeconds(start: number | null | undefined, end: number | null | undefined, prefix = ""): number {
  const from = start ?? 0;
  if (end != null && end <= from) throw badParam(`${prefix}end_time`, "end_time must be greater than start_time.");
  if (end == null && from >= SOURCE_SECONDS) {
    throw badParam(`${prefix}start_time`, `start_time is past the end of the video (${SOURCE_SECONDS} s).`);
  }
  return Math.round(((end ?? SOURCE_SECONDS) - from) * 100) / 100;
}
