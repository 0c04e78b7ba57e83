/**
 * The next call for each error code HeyGen documents (api-catalog §1.4, docs/error-codes.txt). Tool
 * names belong to this layer, not to the client: the client reports code, param, retryable and request
 * id; toToolError adds the hint from here. Codes are matched case-insensitively (AVATAR_NOT_FOUND).
 */
import { HeyGenError } from "../client/index.js";
import type { ToolContext } from "./define.js";

/** The client's hint for a bad key says how to fix it; this is the call that proves the fix. */
const KEY_HINT = "Then call get_current_user to check the key.";
const RETRY_HINT =
  "A HeyGen server error: call {tool} again shortly; if it persists, quote the request_id to HeyGen support.";
const LIMIT_HINT = "A limit is reached: wait for it to reset (check with get_current_user), or upgrade the plan.";

/** `{tool}` stands for the tool that failed. */
export const CODE_HINTS: Readonly<Record<string, string>> = {
  invalid_parameter: "Fix the field named in param and call {tool} again.",
  validation_error: "Fix the field named in param and call {tool} again.",
  unclassified_client_error: "Read the message, fix the request and call {tool} again.",
  download_failed: "Use a public direct-download HTTPS URL, or call upload_asset and pass the asset_id.",
  resource_limit_reached: "An account quota is reached: delete unused ones (e.g. delete_voice) or upgrade the plan.",
  resource_limit_exceeded: LIMIT_HINT,
  unauthorized: KEY_HINT,
  authentication_failed: KEY_HINT,
  insufficient_credit: "Not enough credit: check the balance with get_current_user and the price with estimate_cost.",
  trial_limit_exceeded: "The trial limit is used up: upgrade the HeyGen plan; get_current_user shows the plan.",
  plan_upgrade_required: "Needs a higher HeyGen plan: pick a lower tier option or upgrade; get_current_user shows it.",
  forbidden: "The key lacks permission here: use a key of the owning account; get_current_user shows whose key it is.",
  resource_access_denied:
    "The id belongs to another account: take one from this account's list tool (e.g. list_videos).",
  ai_vendor_access_restricted:
    "The workspace's AI-vendor policy blocks this: ask its admin, or call {tool} with another engine.",
  video_not_found: "Check the id with list_videos, or list_jobs for jobs this server started.",
  avatar_not_found: "Pick a look id (avatar_id) with list_avatar_looks.",
  avatar_group_not_found: "Pick a group id with list_avatar_groups.",
  voice_not_found: "Pick a voice id with list_voices.",
  voice_unavailable: "The voice cannot be used (failed or expired clone): pick another with list_voices.",
  voice_not_usable: "The voice cannot be used: pick another with list_voices.",
  template_not_found: "Pick a template id with list_templates.",
  asset_not_found: "Check the id with list_assets, or call upload_asset again and use the new asset_id.",
  asset_not_available: "The asset is not ready or was removed: check it with get_asset, or upload it again.",
  webhook_not_found: "Pick an endpoint id with list_webhook_endpoints.",
  hyperframes_render_not_found: "Pick a render id with list_hyperframes_renders.",
  not_found: "Check the id with the matching list tool, or list_jobs for jobs this server started.",
  resource_not_found: "Check the id with the matching list tool, or list_jobs for jobs this server started.",
  request_in_progress:
    "The same create is still running at HeyGen: call list_jobs, then wait_for_job, before creating again.",
  conflict: "A conflicting state: check it with list_jobs or its get tool, and call {tool} again once it settles.",
  hyperframes_project_too_large:
    "The project is over 200 MB: shrink its assets, then call create_hyperframes_render again.",
  hyperframes_project_invalid:
    "The project needs an index.html entry and its assets: fix it, then create_hyperframes_render.",
  payload_too_large: "The body is too large: pass files by URL or asset_id (upload_asset) instead of inline.",
  quota_exceeded: LIMIT_HINT,
  rate_limit_exceeded: "list_jobs shows the jobs still running; each counts toward the concurrency limit.",
  video_delete_failed: "A HeyGen server error: call delete_video again shortly.",
  internal_error: RETRY_HINT,
  unclassified_server_error: RETRY_HINT,
  gateway_timeout: "HeyGen could not fetch an input in time: use a fast public URL, or upload_asset and pass asset_id.",
  ephemeral_upload_disabled:
    "Direct uploads are off for this account: call create_asset_upload for a presigned upload.",
  unlimited_mode_disabled: "This avatar has no unlimited mode: drop that option or pick a look with list_avatar_looks.",
  resource_not_ready: "It is still processing: call wait_for_job (or its get tool), then try again.",
  content_policy_violation: "HeyGen refused the content: change the script or media, then call {tool} again.",
  avatar_consent_required: "The avatar needs consent first: call create_avatar_consent for its group.",
  script_too_short: "The script is too short: lengthen it, then call {tool} again.",
  tts_text_invalid: "The script has text speech cannot read: fix it, then call {tool} again.",
};

/** invalid_parameter on these fields: the tool that lists the accepted values. */
const PARAM_HINTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/(^|\.)output_languages?(\.|$)/, "Use a language name from list_video_translation_languages."],
  [/(^|\.)avatar_id$/, "Pick a look id (avatar_id) with list_avatar_looks."],
  [/(^|\.)voice_id$/, "Pick a voice id with list_voices."],
  [/(^|\.)template_id$/, "Pick a template id with list_templates."],
];

/** The hint for a HeyGen error code, the field it names refining it; null when none is recorded. */
export function hintForCode(code: string, param: string | null, tool: string): string | null {
  const normal = code.toLowerCase();
  const byParam = normal === "invalid_parameter" && param ? PARAM_HINTS.find(([re]) => re.test(param)) : undefined;
  return (byParam?.[1] ?? CODE_HINTS[normal])?.replaceAll("{tool}", tool) ?? null;
}

/**
 * An avatar group id passed where a look id belongs answers avatar_not_found; one GET of the group on this
 * error path only tells the two apart, so the hint can say which tool turns the group into a look id.
 */
export async function explainError(err: unknown, args: unknown, ctx: ToolContext): Promise<string | null> {
  if (!(err instanceof HeyGenError) || err.code.toLowerCase() !== "avatar_not_found") return null;
  const value = valueAt(args, err.param ?? "avatar_id");
  if (typeof value !== "string" || value === "") return null;
  try {
    await ctx.call({ operation: "GET /v3/avatars/{group_id}", pathParams: { group_id: value } });
  } catch {
    return null; // not a group either (or HeyGen did not say): the code's own hint stands
  }
  return `"${value.slice(0, 64)}" is an avatar group id, not a look id: call list_avatar_looks with group_id="${value.slice(0, 64)}" and pass one of its look ids as avatar_id.`;
}

function valueAt(args: unknown, path: string): unknown {
  let at = args;
  for (const key of path.split("."))
    at = at && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined;
  return at;
}
