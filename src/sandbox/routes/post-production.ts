/**
 * Post-production jobs (catalog §2.11): AI clipping and background removal.
 *
 * AI clipping: a job `pending → running → completed | failed` (`cancelled` exists in the enum but
 * nothing cancels). `clips` is empty while pending; once running it lists one clip per requested
 * duration (`pending`), each clip completing in turn as progress passes its share, all `completed`
 * (with title, duration, aspect ratio, virality score and links) when the job is; all `failed` when
 * the job fails. GET reports live `progress`, the list a coarse one (0 until completed, then 100);
 * `output_settings` is never returned (HeyGen does not persist it). DELETE is a soft delete: the job
 * then answers 404. Terminal jobs emit `ai_clipping.success|fail` whose payload is the job resource.
 *
 * Background removal: `pending → processing → completed | failed`, then `deleted` after a soft
 * delete (GET still answers, the list no longer shows it, `layers` empties). `layers` maps each
 * requested layer (default all three) to a link once completed. HeyGen ignores Idempotency-Key here;
 * instead the body's `request_id` dedups per account: a repeat returns the original job (even with
 * other content) and charges nothing.
 *
 * Each lives in its own file (ai-clipping.ts, background-removals.ts); this one registers both.
 *
 * [inf] choices: the sandbox never downloads inputs, so a clipping source is assumed to last
 * CLIP_SOURCE_SECONDS and a background-removal video REMOVAL_SECONDS; prices (unpublished) are
 * $0.01/s of clipping source and $0.02/s of background-removal video, charged at create
 * (402 `insufficient_credit`) and refunded on failure; default clip durations are 30 and 60 s;
 * `[sandbox:fail]` in the title (or the clipping prompt) makes the job fail; unknown ids are 404
 * `not_found` (the catalog names no specific code).
 */
import type { SandboxDeps } from "../deps.js";
import type { Router } from "../router.js";
import { aiClippingRoutes } from "./ai-clipping.js";
import { backgroundRemovalRoutes } from "./background-removals.js";

export function postProductionRoutes(r: Router, deps: SandboxDeps): void {
  aiClippingRoutes(r, deps);
  backgroundRemovalRoutes(r, deps);
}
