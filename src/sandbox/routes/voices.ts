/** GET /v3/voices, GET /v3/voices/{voice_id} (catalog §2.4). Private voices live in the account. */
import type { SandboxDeps, SandboxUrls } from "../deps.js";
import { notFound, ok, omitNull } from "../envelope.js";
import { PAGE_SPECS, paginate } from "../pagination.js";
import type { Router } from "../router.js";
import type { VoiceSeed } from "../seed.js";
import { COLLECTIONS, type PrivateVoice } from "../store.js";
import { queryEnum, queryText } from "../validate.js";

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A voice as GET /v3/voices lists it (voice design returns the same shape). */
export const renderVoiceListItem = (v: VoiceSeed, urls: SandboxUrls) => ({
  voice_id: v.voice_id,
  name: v.name,
  language: v.language,
  gender: v.gender,
  preview_audio_url: urls.media(v.preview_audio),
  support_locale: v.support_locale,
  support_pause: v.support_pause,
  type: v.type,
});

export function voiceRoutes(r: Router, { store, urls }: SandboxDeps): void {
  const listItem = (v: VoiceSeed) => renderVoiceListItem(v, urls);

  r.get("/v3/voices", (req) => {
    const type = queryEnum(req.query, "type", ["public", "private"] as const) ?? "public";
    const engine = queryText(req.query, "engine");
    const language = queryText(req.query, "language");
    const gender = queryText(req.query, "gender");
    const pool: VoiceSeed[] =
      type === "public" ? store.catalog.voices : req.account.collection<PrivateVoice>(COLLECTIONS.voices).list();
    const voices = pool.filter(
      (v) =>
        (!engine || v.engines.some((e) => same(e, engine))) &&
        (!language || same(v.language, language)) &&
        (!gender || same(v.gender, gender)),
    );
    return paginate(voices.map(listItem), req.query, PAGE_SPECS.voices, (v) => v.voice_id);
  });

  r.get("/v3/voices/:voice_id", (req) => {
    const v = store.findVoice(req.account, req.params.voice_id ?? "");
    if (!v) throw notFound("voice_not_found", `Voice '${req.params.voice_id}' was not found.`);
    const detail = {
      voice_id: v.voice_id,
      name: v.name,
      language: v.language,
      gender: v.gender,
      preview_audio_url: urls.media(v.preview_audio),
      support_pause: v.support_pause,
      support_interactive_avatar: v.support_interactive_avatar,
      created_at: v.created_at,
      status: v.status,
      failure_message: v.failure_message,
    };
    return ok(omitNull(detail, "status"));
  });
}
