import { z } from "zod";
import { createdNext } from "../jobs/read.js";
import { jobStatusLine } from "../jobs/summary.js";
import type { AvatarGroup, AvatarLook } from "./avatars.js";
import { CREATE, DELETE, defineTool, READ, type ToolContext, UPDATE } from "./define.js";
import { ToolError } from "./results.js";
import { assetInput, defined, toAssetInput } from "./shared-schemas.js";

// ---- POST /v3/avatars: one tool per `type` arm (api-catalog §2.3) ----

const trainingStatus = z.string().nullable().describe("processing|pending_consent|completed|failed");

const createdAvatar = z.object({
  avatar_id: z.string().describe("Look id, for videos."),
  group_id: z.string().nullable(),
  status: trainingStatus,
  consent_status: z.string().nullable(),
});

const name = z.string().min(1).describe("Display name.");
const avatarGroupId = z.string().min(1).optional().describe("Add to this group; default: a new group.");

async function createAvatar(call: ToolContext["call"], body: object) {
  const { body: res, requestId } = await call<{
    data: { avatar_item: AvatarLook | null; avatar_group: AvatarGroup | null };
  }>({ body });
  const { avatar_item: look, avatar_group: group } = res.data;
  // Both are nullable in HeyGen's schema; the avatar exists (and is billed) either way, so never "retry".
  if (!look) {
    throw new ToolError(
      "client_unexpected_response",
      "HeyGen accepted the avatar but returned no look id.",
      null,
      "It was created: find it with list_avatar_looks ownership=private instead of creating it again.",
      requestId,
    );
  }
  return {
    avatar_id: look.id,
    group_id: look.group_id ?? group?.id ?? null,
    status: look.status ?? null,
    consent_status: group?.consent_status ?? null,
  };
}

const createdSummary = (a: z.output<typeof createdAvatar>) =>
  a.status === "pending_consent"
    ? `Avatar ${a.avatar_id} (group ${a.group_id}) awaits consent. Next: create_avatar_consent with group_id="${a.group_id}".`
    : `Avatar ${a.avatar_id} is ${a.status ?? "training"}. ${createdNext("avatar_look", a.avatar_id)}`;

export const createPromptAvatar = defineTool({
  name: "create_prompt_avatar",
  title: "Create an avatar from a prompt",
  toolset: "avatars",
  description:
    "Generate an avatar look from a text description, optionally guided by images or a look. Cost not published. Async: returns avatar_id; then wait_for_job.",
  operation: "POST /v3/avatars",
  input: z.strictObject({
    name,
    prompt: z.string().min(1).max(1000).describe("Appearance, outfit, setting."),
    reference_images: z.array(assetInput("Image.", "image")).min(1).max(3).optional().describe("Reference images."),
    avatar_id: z.string().min(1).optional().describe("Look to use as reference."),
    avatar_group_id: avatarGroupId,
  }),
  output: createdAvatar,
  annotations: CREATE,
  handler: ({ reference_images, ...rest }, { call }) =>
    createAvatar(call, {
      type: "prompt",
      ...defined(rest),
      ...(reference_images ? { reference_images: reference_images.map(toAssetInput) } : {}),
    }),
  summary: createdSummary,
});

export const createPhotoAvatar = defineTool({
  name: "create_photo_avatar",
  title: "Create an avatar from a photo",
  toolset: "avatars",
  description:
    "Train a reusable avatar from one clear face photo (one-off video: create_video_from_image). Paid: ~$1. Async: returns avatar_id; then wait_for_job.",
  operation: "POST /v3/avatars",
  input: z.strictObject({ name, file: assetInput("Face photo, JPG/PNG.", "image"), avatar_group_id: avatarGroupId }),
  output: createdAvatar,
  annotations: CREATE,
  handler: ({ file, ...rest }, { call }) =>
    createAvatar(call, { type: "photo", ...defined(rest), file: toAssetInput(file) }),
  summary: createdSummary,
});

export const createDigitalTwin = defineTool({
  name: "create_digital_twin",
  title: "Create a digital twin",
  toolset: "avatars",
  description:
    "Train a digital twin from footage of one speaker. Paid: ~$1. Needs the person's consent: next create_avatar_consent, then wait_for_job.",
  operation: "POST /v3/avatars",
  input: z.strictObject({
    name,
    file: assetInput("Training video of one speaker.", "video"),
    avatar_group_id: avatarGroupId,
  }),
  output: createdAvatar,
  annotations: CREATE,
  handler: ({ file, ...rest }, { call }) =>
    createAvatar(call, { type: "digital_twin", ...defined(rest), file: toAssetInput(file) }),
  summary: createdSummary,
});

// ---- consent ----

export const createAvatarConsent = defineTool({
  name: "create_avatar_consent",
  title: "Request avatar consent",
  toolset: "avatars",
  description:
    "Start consent for a digital twin's group: returns a url the filmed person must open and approve. Then wait_for_job.",
  operation: "POST /v3/avatars/{group_id}/consent",
  input: z.strictObject({
    group_id: z.string().min(1).describe("From create_digital_twin."),
    reroute_url: z.url().optional().describe("Redirect after consent."),
    consent_text: z.string().min(1).optional().describe("Custom text (Enterprise); no < or >."),
    consent_video: assetInput("Recorded consent (Enterprise); no url then.", "video").optional(),
  }),
  output: z.object({
    group_id: z.string(),
    url: z.string().nullable().describe("Consent page for the person."),
    consent_status: z.string().nullable(),
    status: trainingStatus,
  }),
  annotations: CREATE,
  async handler({ group_id, consent_video, ...rest }, { call }) {
    const body = { ...defined(rest), ...(consent_video ? { consent_video: toAssetInput(consent_video) } : {}) };
    const { body: res } = await call<{ data: { avatar_group: AvatarGroup; url?: string | null } }>({
      pathParams: { group_id },
      body,
    });
    const g = res.data.avatar_group;
    return {
      group_id: g.id,
      url: res.data.url ?? null,
      consent_status: g.consent_status ?? null,
      status: g.status ?? null,
    };
  },
  summary: (c) =>
    c.url
      ? `Consent requested: give the person this url to approve. Then ${createdNext("avatar_group", c.group_id)}`
      : `Consent video submitted (${c.consent_status ?? "?"}). ${createdNext("avatar_group", c.group_id)}`,
});

// ---- group and look management ----

export const getAvatarGroup = defineTool({
  name: "get_avatar_group",
  title: "Get an avatar group",
  toolset: "avatars",
  description: "One avatar group: training status, consent status, look count, default voice.",
  operation: "GET /v3/avatars/{group_id}",
  input: z.strictObject({ group_id: z.string().min(1).describe("From list_avatar_groups or a create tool.") }),
  output: z.object({
    id: z.string(),
    name: z.string(),
    status: trainingStatus,
    consent_status: z.string().nullable(),
    looks_count: z.number().nullable(),
    default_voice_id: z.string().nullable(),
    gender: z.string().nullable(),
    preview_image_url: z.string().nullable(),
    error: z.string().nullable(),
  }),
  annotations: READ,
  async handler({ group_id }, { call }) {
    const { body } = await call<{ data: AvatarGroup }>({ pathParams: { group_id } });
    const g = body.data;
    return {
      id: g.id,
      name: g.name,
      status: g.status ?? null,
      consent_status: g.consent_status ?? null,
      looks_count: g.looks_count ?? null,
      default_voice_id: g.default_voice_id ?? null,
      gender: g.gender ?? null,
      preview_image_url: g.preview_image_url ?? null,
      error: g.error ? `${g.error.code}: ${g.error.message}` : null,
    };
  },
  summary: (g) => jobStatusLine("avatar_group", g, `Next: list_avatar_looks with group_id="${g.id}".`),
});

export const deleteAvatarGroup = defineTool({
  name: "delete_avatar_group",
  title: "Delete an avatar group",
  toolset: "avatars",
  description: "Permanently delete one of your avatar groups and all its looks. Public avatars cannot be deleted.",
  operation: "DELETE /v3/avatars/{group_id}",
  input: z.strictObject({ group_id: z.string().min(1).describe("Your group, from list_avatar_groups.") }),
  output: z.object({ group_id: z.string(), deleted: z.boolean() }),
  annotations: DELETE,
  async handler({ group_id }, { call }) {
    const { body } = await call<{ data: { id: string } }>({ pathParams: { group_id } });
    return { group_id: body.data.id, deleted: true };
  },
  summary: (d) => `Avatar group ${d.group_id} and its looks deleted.`,
});

export const updateAvatarLook = defineTool({
  name: "update_avatar_look",
  title: "Rename an avatar look",
  toolset: "avatars",
  description: "Rename one of your photo-avatar or digital-twin looks.",
  operation: "PATCH /v3/avatars/looks/{look_id}",
  input: z.strictObject({
    look_id: z.string().min(1).describe("Your look (avatar_id)."),
    name: z.string().min(1).describe("New display name."),
  }),
  output: z.object({ id: z.string(), name: z.string(), avatar_type: z.string(), status: trainingStatus }),
  annotations: UPDATE,
  async handler({ look_id, name: newName }, { call }) {
    const { body } = await call<{ data: AvatarLook }>({ pathParams: { look_id }, body: { name: newName } });
    const l = body.data;
    return { id: l.id, name: l.name, avatar_type: l.avatar_type, status: l.status ?? null };
  },
  summary: (l) => `Look ${l.id} renamed to "${l.name}".`,
});

export const deleteAvatarLook = defineTool({
  name: "delete_avatar_look",
  title: "Delete an avatar look",
  toolset: "avatars",
  description:
    "Permanently delete one of your looks (not studio/public ones). Deleting a group's last look deletes the group.",
  operation: "DELETE /v3/avatars/looks/{look_id}",
  input: z.strictObject({ look_id: z.string().min(1).describe("Your look (avatar_id).") }),
  output: z.object({ look_id: z.string(), deleted: z.boolean() }),
  annotations: DELETE,
  async handler({ look_id }, { call }) {
    const { body } = await call<{ data: { id: string } }>({ pathParams: { look_id } });
    return { look_id: body.data.id, deleted: true };
  },
  summary: (d) => `Avatar look ${d.look_id} deleted.`,
});

export const avatarManageTools = [
  createPromptAvatar,
  createPhotoAvatar,
  createDigitalTwin,
  createAvatarConsent,
  getAvatarGroup,
  deleteAvatarGroup,
  updateAvatarLook,
  deleteAvatarLook,
];
