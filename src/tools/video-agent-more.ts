import { z } from "zod";
import { plural } from "../text.js";
import { defineTool, READ } from "./define.js";
import { nextPageHint, pageInput, pageOutput, toPageResult } from "./shared-schemas.js";

// ---- Video Agent: what a session produced, and the styles to start one with (api-catalog §2.2) ----

const sessionId = z.string().min(1).describe("From create_video_agent or the list.");

interface Resource {
  resource_id: string;
  resource_type: string;
  source_type?: string | null;
  url?: string | null;
  preview_url?: string | null;
  thumbnail_url?: string | null;
  metadata?: Record<string, unknown> | null;
  created_at?: number | null;
}

export const getVideoAgentResource = defineTool({
  name: "get_video_agent_resource",
  title: "Get a Video Agent session resource",
  toolset: "video_agent",
  description:
    "One item a session made or received (draft, image, video, avatar, voice…), by a resource_id from its messages.",
  operation: "GET /v3/video-agents/{session_id}/resources/{resource_id}",
  input: z.strictObject({
    session_id: sessionId,
    resource_id: z.string().min(1).describe("From get_video_agent_session messages."),
  }),
  output: z.object({
    resource_id: z.string(),
    resource_type: z.string(),
    source_type: z.string().nullable().describe("generated or user_uploaded."),
    url: z.string().nullable(),
    preview_url: z.string().nullable(),
    thumbnail_url: z.string().nullable(),
    metadata: z.record(z.string(), z.unknown()).nullable(),
    created_at: z.number().nullable(),
  }),
  annotations: READ,
  async handler({ session_id, resource_id }, { call }) {
    const { body } = await call<{ data: Resource }>({ pathParams: { session_id, resource_id } });
    const r = body.data;
    return {
      resource_id: r.resource_id,
      resource_type: r.resource_type,
      source_type: r.source_type ?? null,
      url: r.url ?? null,
      preview_url: r.preview_url ?? null,
      thumbnail_url: r.thumbnail_url ?? null,
      metadata: r.metadata ?? null,
      created_at: r.created_at ?? null,
    };
  },
  summary: (r) => `Resource ${r.resource_id} (${r.resource_type}${r.url ? "" : ", no file yet"}).`,
});

interface SessionVideo {
  id: string;
  title?: string | null;
  status: "pending" | "processing" | "completed" | "failed";
  duration?: number | null;
  created_at?: number | null;
}

export const listVideoAgentSessionVideos = defineTool({
  name: "list_video_agent_session_videos",
  title: "List a session's videos",
  toolset: "video_agent",
  description:
    "Every video a Video Agent session rendered (the first and each revision), newest first. get_video for links.",
  operation: "GET /v3/video-agents/{session_id}/videos",
  input: z.strictObject({ session_id: sessionId }),
  output: z.object({
    videos: z.array(
      z.object({
        id: z.string(),
        title: z.string().nullable(),
        status: z.enum(["pending", "processing", "completed", "failed"]),
        duration: z.number().nullable(),
        created_at: z.number().nullable(),
      }),
    ),
  }),
  annotations: READ,
  async handler({ session_id }, { call }) {
    const { body } = await call<{ data: SessionVideo[] }>({ pathParams: { session_id } });
    return {
      videos: (Array.isArray(body.data) ? body.data : []).map((v) => ({
        id: v.id,
        title: v.title ?? null,
        status: v.status,
        duration: v.duration ?? null,
        created_at: v.created_at ?? null,
      })),
    };
  },
  summary: (p) => {
    const first = p.videos[0];
    return first
      ? `${plural(p.videos.length, "video")}. Next: get_video with video_id="${first.id}" for the newest.`
      : 'No videos yet. Next: wait_for_job with kind="video_agent" and the session id.';
  },
});

interface Style {
  style_id: string;
  name: string;
  tags?: string[] | null;
  aspect_ratio?: string | null;
  thumbnail_url?: string | null;
}

export const listVideoAgentStyles = defineTool({
  name: "list_video_agent_styles",
  title: "List Video Agent styles",
  toolset: "video_agent",
  description: "Curated visual styles for create_video_agent's style_id, optionally filtered by tag.",
  operation: "GET /v3/video-agents/styles",
  input: z.strictObject({
    tag: z.string().min(1).optional().describe("e.g. cinematic, retro-tech, handmade, print."),
    ...pageInput({ max: 100, fallback: 20 }),
  }),
  output: pageOutput(
    "styles",
    z.object({
      style_id: z.string(),
      name: z.string(),
      tags: z.array(z.string()),
      aspect_ratio: z.string().nullable(),
      thumbnail_url: z.string().nullable(),
    }),
  ),
  annotations: READ,
  async handler(input, { call }) {
    const { body } = await call<{ data: Style[] }>({ query: input });
    return toPageResult("styles", body, (s: Style) => ({
      style_id: s.style_id,
      name: s.name,
      tags: s.tags ?? [],
      aspect_ratio: s.aspect_ratio ?? null,
      thumbnail_url: s.thumbnail_url ?? null,
    }));
  },
  summary: (p) =>
    `${plural(p.styles.length, "style")}. Next: create_video_agent with a style_id.${nextPageHint(p, "list_video_agent_styles")}`,
});

export const videoAgentMoreTools = [getVideoAgentResource, listVideoAgentSessionVideos, listVideoAgentStyles];
