import { z } from "zod";
import { jobStatusLine } from "../jobs/summary.js";
import { plural } from "../text.js";
import { defineTool, READ } from "./define.js";
import { nextPageHint, pageInput, pageOutput, toPageResult } from "./shared-schemas.js";

const ownership = z.enum(["public", "private"]).optional().describe("public presets or your own; default both.");
const status = z.string().nullable().describe("Own avatars: processing, pending_consent, completed or failed.");

interface TrainingError {
  code: string;
  message: string;
}

/** An avatar group as HeyGen returns it; own avatars also carry consent and training error. */
export interface AvatarGroup {
  id: string;
  name: string;
  gender?: string | null;
  looks_count?: number;
  default_voice_id?: string | null;
  status?: string | null;
  consent_status?: string | null;
  preview_image_url?: string | null;
  error?: TrainingError | null;
}

export const listAvatarGroups = defineTool({
  name: "list_avatar_groups",
  title: "List avatar groups",
  toolset: "avatars",
  description:
    "Avatar groups (one person or character, holding several looks). Use list_avatar_looks for the look ids that videos need.",
  operation: "GET /v3/avatars",
  input: z.strictObject({ ownership, ...pageInput({ max: 50, fallback: 20 }) }),
  output: pageOutput(
    "groups",
    z.object({
      id: z.string().describe("group_id"),
      name: z.string(),
      gender: z.string().nullable(),
      looks_count: z.number().nullable(),
      default_voice_id: z.string().nullable(),
      status,
      preview_image_url: z.string().nullable(),
    }),
  ),
  annotations: READ,
  async handler(input, { call }) {
    const { body } = await call<{ data: AvatarGroup[] }>({ query: input });
    return toPageResult("groups", body, (g: AvatarGroup) => ({
      id: g.id,
      name: g.name,
      gender: g.gender ?? null,
      looks_count: g.looks_count ?? null,
      default_voice_id: g.default_voice_id ?? null,
      status: g.status ?? null,
      preview_image_url: g.preview_image_url ?? null,
    }));
  },
  summary: (p) =>
    `${plural(p.groups.length, "avatar group")}. Next: list_avatar_looks with group_id.${nextPageHint(p, "list_avatar_groups")}`,
});

export interface AvatarLook {
  id: string;
  name: string;
  avatar_type: string;
  group_id?: string | null;
  gender?: string | null;
  default_voice_id?: string | null;
  supported_api_engines?: string[];
  preferred_orientation?: string | null;
  status?: string | null;
  preview_image_url?: string | null;
  preview_video_url?: string | null;
  tags?: string[];
  error?: TrainingError | null;
}

const look = z.object({
  id: z.string().describe("avatar_id for create_video_from_avatar."),
  name: z.string(),
  avatar_type: z.string(),
  group_id: z.string().nullable(),
  gender: z.string().nullable(),
  default_voice_id: z.string().nullable(),
  supported_api_engines: z.array(z.string()),
  preferred_orientation: z.string().nullable(),
  status,
  preview_image_url: z.string().nullable(),
});

const toLook = (l: AvatarLook) => ({
  id: l.id,
  name: l.name,
  avatar_type: l.avatar_type,
  group_id: l.group_id ?? null,
  gender: l.gender ?? null,
  default_voice_id: l.default_voice_id ?? null,
  supported_api_engines: l.supported_api_engines ?? [],
  preferred_orientation: l.preferred_orientation ?? null,
  status: l.status ?? null,
  preview_image_url: l.preview_image_url ?? null,
});

export const listAvatarLooks = defineTool({
  name: "list_avatar_looks",
  title: "List avatar looks",
  toolset: "avatars",
  core: true,
  description:
    "Avatar looks: the avatar_id a video needs, with engines and default voice. Filter by group_id to see one person's looks.",
  operation: "GET /v3/avatars/looks",
  input: z.strictObject({
    group_id: z.string().min(1).optional().describe("Only looks of this group."),
    avatar_type: z.enum(["studio_avatar", "digital_twin", "photo_avatar"]).optional().describe("Only this kind."),
    ownership,
    ...pageInput({ max: 50, fallback: 20 }),
  }),
  output: pageOutput("looks", look),
  annotations: READ,
  async handler(input, { call }) {
    const { body } = await call<{ data: AvatarLook[] }>({ query: input });
    return toPageResult("looks", body, toLook);
  },
  summary: (p) =>
    `${plural(p.looks.length, "look")}. Next: create_video_from_avatar with avatar_id=<id> (voice: its default_voice_id or list_voices).${nextPageHint(p, "list_avatar_looks")}`,
});

export const getAvatarLook = defineTool({
  name: "get_avatar_look",
  title: "Get an avatar look",
  toolset: "avatars",
  description: "One avatar look by id: engines, default voice, status, previews.",
  operation: "GET /v3/avatars/looks/{look_id}",
  input: z.strictObject({ look_id: z.string().min(1).describe("Look id (avatar_id) from list_avatar_looks.") }),
  output: look.extend({ preview_video_url: z.string().nullable(), tags: z.array(z.string()) }),
  annotations: READ,
  async handler({ look_id }, { call }) {
    const { body } = await call<{ data: AvatarLook }>({ pathParams: { look_id } });
    return { ...toLook(body.data), preview_video_url: body.data.preview_video_url ?? null, tags: body.data.tags ?? [] };
  },
  summary: (l) =>
    jobStatusLine(
      "avatar_look",
      l,
      `${l.name}, engines ${l.supported_api_engines.join("/") || "?"}. Next: create_video_from_avatar.`,
    ),
});

export const avatarTools = [listAvatarGroups, listAvatarLooks, getAvatarLook];
