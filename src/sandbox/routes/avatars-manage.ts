/**
 * Creating and managing private avatars (catalog §2.3): POST /v3/avatars (prompt | photo |
 * digital_twin), consent, PATCH/DELETE of looks, DELETE of groups. The records live in the shared
 * `avatar_groups` / `avatar_looks` collections, so the core's list/get routes show them
 * (ownership=private). Their training status derives from the clock; a sweep (deps.ticks) copies it
 * onto the records before and after every request.
 *
 * The managed records and their clock-derived training state live in avatar-training.ts.
 *
 * Lifecycle: photo and prompt looks `processing` → `completed` | `failed`. A digital twin is
 * `pending_consent` (group consent_status `pending`) until the person opens the consent URL that
 * POST /v3/avatars/{group_id}/consent returns (served here: GET /consent/<token>, no auth), or a
 * consent_video is submitted; then consent_status is `approved` and the twin trains like the others.
 *
 * [inf] choices: photo and digital twin cost $1 per call (catalog), prompt avatars are not billed
 * (price not published); prompt avatars are `photo_avatar` looks; the consent enum beyond `pending`
 * is not published, `approved` is ours; `[sandbox:fail]` in the name or prompt fails the training.
 */
import { z } from "zod";
import { assertAssetExists, assetInputSchema } from "../asset-input.js";
import { toUnixSeconds } from "../clock.js";
import type { SandboxDeps } from "../deps.js";
import { ApiError, badParam, notFound, ok, type Reply } from "../envelope.js";
import { hexId } from "../ids.js";
import { assertJobCapacity, FAIL_MARKER, planJob } from "../jobs.js";
import type { ApiRequest, Router } from "../router.js";
import type { Account } from "../store.js";
import { parseBody } from "../validate.js";
import {
  ALL_ENGINES,
  AVATAR_TYPE,
  COST_USD,
  groupsOf,
  IV_III,
  type Kind,
  looksOf,
  type ManagedGroup,
  type ManagedLook,
  syncAccountAvatars,
  TRAIN_SECONDS,
} from "./avatar-training.js";
import { renderGroup, renderLook } from "./avatars.js";

const nullableText = z.string().nullish();
const createSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("prompt"),
    name: z.string().min(1),
    prompt: z.string().min(1).max(1000),
    avatar_group_id: nullableText,
    avatar_id: nullableText,
    reference_images: z.array(assetInputSchema).max(3).nullish(),
  }),
  z.strictObject({
    type: z.literal("photo"),
    name: z.string().min(1),
    file: assetInputSchema,
    avatar_group_id: nullableText,
  }),
  z.strictObject({
    type: z.literal("digital_twin"),
    name: z.string().min(1),
    file: assetInputSchema,
    avatar_group_id: nullableText,
  }),
]);

const consentSchema = z.strictObject({
  consent_text: z
    .string()
    .min(1)
    .refine((t) => !/[<>]/.test(t), "the characters < and > are not allowed")
    .nullish(),
  consent_video: assetInputSchema.nullish(),
  reroute_url: z.url({ protocol: /^https?$/ }).nullish(),
});

const patchLookSchema = z.strictObject({ name: z.string().min(1).nullish() });
export function avatarManageRoutes(r: Router, deps: SandboxDeps): void {
  const { store, clock, timing, urls } = deps;
  /** consent token → the group it approves (tokens are per sandbox, like the accounts). */
  const consents = new Map<string, { account: Account; groupId: string; rerouteUrl: string | null }>();

  deps.ticks.push(() => {
    const now = clock.now();
    for (const account of store.allAccounts()) syncAccountAvatars(account, now);
  });

  /** The caller's own group, 404 when unknown, 403 when it is a public preset. */
  function ownGroup(req: ApiRequest, id: string, param: string | null = null): ManagedGroup {
    const own = groupsOf(req.account).get(id);
    if (own) return own;
    if (store.catalog.groups.some((g) => g.id === id)) {
      throw new ApiError(403, "forbidden", `Avatar group '${id}' is a public avatar and cannot be changed.`, param);
    }
    throw notFound("avatar_group_not_found", `Avatar group '${id}' was not found.`, param);
  }

  function ownLook(req: ApiRequest, id: string): ManagedLook {
    const own = looksOf(req.account).get(id);
    if (own) return own;
    if (store.catalog.looks.some((l) => l.id === id)) {
      throw new ApiError(403, "forbidden", `Avatar look '${id}' is a public studio look and cannot be changed.`);
    }
    throw notFound("avatar_not_found", `Avatar look '${id}' was not found.`);
  }

  /** Where a prompt avatar is saved: avatar_group_id, else the reference look's own group, else new. */
  function promptTarget(req: ApiRequest, body: Extract<z.output<typeof createSchema>, { type: "prompt" }>) {
    const groupId = body.avatar_group_id ?? null;
    if (!body.avatar_id) return groupId;
    const ref = store.findLook(req.account, body.avatar_id);
    if (!ref) throw notFound("avatar_not_found", `Avatar '${body.avatar_id}' was not found.`, "avatar_id");
    if (ref.status !== null && ref.status !== "completed") {
      throw badParam("avatar_id", `Avatar '${body.avatar_id}' has no usable image yet (status ${ref.status}).`);
    }
    if (groupId && ref.group_id !== groupId) {
      throw badParam("avatar_id", `Avatar '${body.avatar_id}' does not belong to avatar group '${groupId}'.`);
    }
    return groupId ?? (groupsOf(req.account).has(ref.group_id) ? ref.group_id : null);
  }

  r.post(
    "/v3/avatars",
    (req) => {
      const body = parseBody(createSchema, req.body);
      const kind: Kind = body.type;
      if (body.type === "prompt") {
        for (const [i, image] of (body.reference_images ?? []).entries()) {
          assertAssetExists(store, req.account, image, `reference_images.${i}`);
        }
      } else {
        assertAssetExists(store, req.account, body.file, "file");
      }
      const targetId = body.type === "prompt" ? promptTarget(req, body) : (body.avatar_group_id ?? null);
      const existing = targetId ? ownGroup(req, targetId, "avatar_group_id") : null;
      assertJobCapacity(req.account, clock);
      const now = clock.now();
      const chargeUsd = COST_USD[kind] > 0 ? req.account.charge(COST_USD[kind], now) : undefined;

      const group =
        existing ??
        groupsOf(req.account).add({
          managed: true,
          id: hexId(),
          createdAtMs: now,
          name: body.name,
          gender: null,
          default_voice_id: null,
          created_at: toUnixSeconds(now),
          preview_image: null,
          preview_video: null,
          consent_status: null,
          status: "processing",
          error: null,
          ownership: "private",
        });
      const consented = group.consent_status === "approved";
      if (kind === "digital_twin" && !consented) group.consent_status = "pending";

      const text = body.type === "prompt" ? `${body.name} ${body.prompt}` : body.name;
      const failure = text.includes(FAIL_MARKER)
        ? {
            code: "training_failed",
            message: `The sandbox failed this avatar on purpose (${FAIL_MARKER} in the input).`,
          }
        : null;
      const square = kind !== "digital_twin";
      const look = looksOf(req.account).add({
        managed: true,
        kind,
        id: hexId(),
        createdAtMs: now,
        ...(chargeUsd !== undefined ? { chargeUsd } : {}),
        ...(kind === "digital_twin" && !consented ? {} : { job: planJob(timing, now, TRAIN_SECONDS, failure) }),
        failure,
        name: body.name,
        group_id: group.id,
        avatar_type: AVATAR_TYPE[kind],
        gender: null,
        default_voice_id: null,
        image_width: square ? 1024 : 1920,
        image_height: square ? 1024 : 1080,
        preferred_orientation: square ? "square" : "landscape",
        supported_api_engines: kind === "digital_twin" ? ALL_ENGINES : IV_III,
        tags: [],
        preview_image: null,
        preview_video: null,
        status: "processing",
        error: null,
        ownership: "private",
        matting: false,
      });
      syncAccountAvatars(req.account, now);
      return ok({ avatar_item: renderLook(look, deps.urls), avatar_group: renderGroup(group, req.account, deps) });
    },
    { idempotent: true, creates: true },
  );

  r.post(
    "/v3/avatars/:group_id/consent",
    (req) => {
      const group = ownGroup(req, req.params.group_id ?? "");
      const body = parseBody(consentSchema, req.body ?? {});
      if (body.consent_video && (body.reroute_url || body.consent_text)) {
        const other = body.reroute_url ? "reroute_url" : "consent_text";
        throw badParam(other, `consent_video cannot be combined with ${other}.`);
      }
      const now = clock.now();
      let url: string | null = null;
      if (body.consent_video) {
        assertAssetExists(store, req.account, body.consent_video, "consent_video");
        approve(req.account, group, now);
      } else {
        const token = hexId();
        consents.set(token, { account: req.account, groupId: group.id, rerouteUrl: body.reroute_url ?? null });
        url = `${urls.base}/consent/${token}`;
        if (group.consent_status !== "approved") group.consent_status = "pending";
      }
      syncAccountAvatars(req.account, now);
      return ok({ avatar_group: renderGroup(group, req.account, deps), url });
    },
    { idempotent: true, creates: true },
  );

  /** Consent given: waiting digital twins of the group start training now. */
  function approve(account: Account, group: ManagedGroup, now: number): void {
    group.consent_status = "approved";
    for (const look of looksOf(account).list()) {
      if (look.managed && look.group_id === group.id && !look.job) {
        look.job = planJob(timing, now, TRAIN_SECONDS, look.failure);
      }
    }
    syncAccountAvatars(account, now);
  }

  // The consent page the person opens (the sandbox's stand-in for HeyGen's): opening it approves.
  r.raw("GET", "/consent/:token", (req): Reply => {
    const consent = consents.get(req.params.token ?? "");
    const group = consent ? groupsOf(consent.account).get(consent.groupId) : undefined;
    if (!consent || !group) throw new ApiError(404, "not_found", "This consent link is unknown or expired.");
    approve(consent.account, group, clock.now());
    if (consent.rerouteUrl) return { status: 302, body: null, headers: { Location: consent.rerouteUrl } };
    const html = `<!doctype html><title>Consent recorded</title><p>Thank you. Consent for avatar "${group.name.replace(/[<>&"]/g, "")}" is recorded.</p>`;
    return { status: 200, raw: { bytes: Buffer.from(html, "utf8"), contentType: "text/html; charset=utf-8" } };
  });

  r.patch("/v3/avatars/looks/:look_id", (req) => {
    const look = ownLook(req, req.params.look_id ?? "");
    const body = parseBody(patchLookSchema, req.body ?? {});
    if (body.name) look.name = body.name;
    return ok(renderLook(look, deps.urls));
  });

  r.delete("/v3/avatars/looks/:look_id", (req) => {
    const look = ownLook(req, req.params.look_id ?? "");
    looksOf(req.account).delete(look.id);
    const left = looksOf(req.account)
      .list()
      .some((l) => l.group_id === look.group_id);
    if (!left) groupsOf(req.account).delete(look.group_id);
    return ok({ id: look.id });
  });

  r.delete("/v3/avatars/:group_id", (req) => {
    const group = ownGroup(req, req.params.group_id ?? "");
    for (const look of looksOf(req.account).list())
      if (look.group_id === group.id) looksOf(req.account).delete(look.id);
    groupsOf(req.account).delete(group.id);
    return ok({ id: group.id });
  });
}
