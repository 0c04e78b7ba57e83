import { z } from "zod";
import { createdNext } from "../jobs/read.js";
import { jobStatusLine } from "../jobs/summary.js";
import { plural } from "../text.js";
import { CREATE, defineTool, READ, type ToolAnnotations } from "./define.js";
import {
  type AssetArg,
  assetInput,
  callbackFields,
  defined,
  nextPageHint,
  pageInput,
  pageOutput,
  toAssetInput,
  toPageResult,
} from "./shared-schemas.js";
import { videoAgentMoreTools } from "./video-agent-more.js";

// ---- Video Agent: prompt → scripted, cast and rendered video (api-catalog §2.2) ----

const sessionId = z.string().min(1).describe("From create_video_agent or the list.");
const files = z
  .array(assetInput("PNG/JPEG/MP4/WebM/MP3/WAV/PDF.", "attachment"))
  .max(20)
  .optional()
  .describe("Attachments, up to 20.");
const avatarId = z.string().min(1).optional().describe("Look id from list_avatar_looks.");
const voiceId = z.string().min(1).optional().describe("From list_voices.");
const brandKitId = z.string().min(1).optional().describe("Brand kit to apply.");

const toFiles = (list: AssetArg[] | undefined) => (list ? { files: list.map(toAssetInput) } : {});

const sessionStatus = z.enum(["thinking", "waiting_for_input", "reviewing", "generating", "completed", "failed"]);

export const createVideoAgent = defineTool({
  name: "create_video_agent",
  title: "Start a Video Agent session",
  toolset: "video_agent",
  core: true,
  description: `HeyGen's Video Agent scripts, casts and renders a whole video from a prompt (20-45 min). mode chat may pause for your input and allows revisions. Paid: ~$0.0333/s of output video. Returns session_id; then wait_for_job.`,
  operation: "POST /v3/video-agents",
  input: z.strictObject({
    prompt: z.string().min(1).max(10_000).describe("What the video is about, tone, length."),
    mode: z.enum(["generate", "chat"]).default("generate").describe("generate: one shot; chat: multi-turn."),
    files,
    style_id: z.string().min(1).optional().describe("From list_video_agent_styles."),
    avatar_id: avatarId,
    voice_id: voiceId,
    brand_kit_id: brandKitId,
    orientation: z.enum(["landscape", "portrait"]).optional().describe("Default: from the content."),
    incognito_mode: z.boolean().optional().describe("No memory use for this session."),
    ...callbackFields,
  }),
  output: z.object({
    session_id: z.string(),
    status: z.string(),
    video_id: z.string().nullable().describe("For get_video; null in chat mode until rendering."),
    created_at: z.number(),
  }),
  annotations: CREATE,
  async handler({ files: attached, ...rest }, { call }) {
    const { body } = await call<{
      data: { session_id: string; status: string; video_id?: string | null; created_at: number };
    }>({ body: { ...defined(rest), ...toFiles(attached) } });
    const s = body.data;
    return { session_id: s.session_id, status: s.status, video_id: s.video_id ?? null, created_at: s.created_at };
  },
  summary: (s) =>
    `Video Agent session ${s.session_id} started (${s.status}). ${createdNext("video_agent", s.session_id)}`,
});

interface SessionRow {
  session_id: string;
  title?: string | null;
  created_at: number;
}

export const listVideoAgentSessions = defineTool({
  name: "list_video_agent_sessions",
  title: "List Video Agent sessions",
  toolset: "video_agent",
  description: "Video Agent sessions, newest first, with titles. Use get_video_agent_session for status.",
  operation: "GET /v3/video-agents",
  input: z.strictObject({ ...pageInput({ max: 100, fallback: 20 }) }),
  output: pageOutput(
    "sessions",
    z.object({ session_id: z.string(), title: z.string().nullable(), created_at: z.number() }),
  ),
  annotations: READ,
  async handler(input, { call }) {
    const { body } = await call<{ data: SessionRow[] }>({ query: input });
    return toPageResult("sessions", body, (s: SessionRow) => ({
      session_id: s.session_id,
      title: s.title ?? null,
      created_at: s.created_at,
    }));
  },
  summary: (p) => `${plural(p.sessions.length, "session")}.${nextPageHint(p, "list_video_agent_sessions")}`,
});

interface Message {
  role: string;
  type: "text" | "resource" | "error";
  content: string;
  resource_ids?: string[] | null;
  created_at?: number | null;
}

interface Session {
  session_id: string;
  status: z.output<typeof sessionStatus>;
  progress?: number;
  title?: string | null;
  video_id?: string | null;
  created_at: number;
  messages?: Message[];
}

/** Newest messages kept in the result: enough to read the agent's question or error. */
const MAX_MESSAGES = 10;

export const getVideoAgentSession = defineTool({
  name: "get_video_agent_session",
  title: "Get a Video Agent session",
  toolset: "video_agent",
  description:
    "A session's status, progress and recent messages; video_id once rendering starts. waiting_for_input: a chat-mode session awaits your reply (the video_agent toolset's message tool). completed: get_video for the file.",
  operation: "GET /v3/video-agents/{session_id}",
  input: z.strictObject({ session_id: sessionId }),
  output: z.object({
    session_id: z.string(),
    status: sessionStatus,
    progress: z.number().describe("0-100."),
    title: z.string().nullable(),
    video_id: z.string().nullable(),
    created_at: z.number(),
    messages: z
      .array(
        z.object({
          role: z.string(),
          type: z.string(),
          content: z.string(),
          resource_ids: z.array(z.string()).describe("For get_video_agent_resource."),
        }),
      )
      .describe(`Newest first, up to ${MAX_MESSAGES}.`),
  }),
  annotations: READ,
  async handler({ session_id }, { call }) {
    const { body } = await call<{ data: Session }>({ pathParams: { session_id } });
    const s = body.data;
    return {
      session_id: s.session_id,
      status: s.status,
      progress: s.progress ?? 0,
      title: s.title ?? null,
      video_id: s.video_id ?? null,
      created_at: s.created_at,
      messages: (s.messages ?? []).slice(0, MAX_MESSAGES).map((m) => ({
        role: m.role,
        type: m.type,
        content: m.content,
        resource_ids: m.resource_ids ?? [],
      })),
    };
  },
  summary: (s) => {
    const latest = s.messages.find((m) => m.role !== "user")?.content;
    if (s.status === "waiting_for_input")
      return `Session ${s.session_id} is waiting for your input${latest ? `: "${latest.slice(0, 200)}"` : ""}. Next: send_video_agent_message with session_id="${s.session_id}".`;
    const noVideo = `no video. Next: send_video_agent_message with session_id="${s.session_id}" to ask for one.`;
    return jobStatusLine("video_agent", s, s.video_id ? undefined : noVideo);
  },
});

export const sendVideoAgentMessage = defineTool({
  name: "send_video_agent_message",
  title: "Message a Video Agent session",
  toolset: "video_agent",
  description:
    "Answer a chat-mode session that is waiting_for_input, add context, or request a revision (renders a new video; paid: ~$0.0333/s of output). Chat mode only. Then wait_for_job.",
  operation: "POST /v3/video-agents/{session_id}",
  input: z.strictObject({
    session_id: sessionId,
    message: z.string().min(1).describe("Your answer or the change you want."),
    files,
    avatar_id: avatarId,
    voice_id: voiceId,
    brand_kit_id: brandKitId,
  }),
  output: z.object({ session_id: z.string(), run_id: z.string(), title: z.string().nullable() }),
  annotations: CREATE,
  async handler({ session_id, files: attached, ...rest }, { call }) {
    const { body } = await call<{ data: { session_id: string; run_id: string; title?: string | null } }>({
      pathParams: { session_id },
      body: { ...defined(rest), ...toFiles(attached) },
    });
    const r = body.data;
    return { session_id: r.session_id, run_id: r.run_id, title: r.title ?? null };
  },
  summary: (r) =>
    `Message sent to session ${r.session_id} (run ${r.run_id}). ${createdNext("video_agent", r.session_id)}`,
});

/** Halts the running agent: not a read, loses the in-progress work, repeating changes nothing. */
const STOP: ToolAnnotations = { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true };

export const stopVideoAgentSession = defineTool({
  name: "stop_video_agent_session",
  title: "Stop a Video Agent session",
  toolset: "video_agent",
  description: "Halt a session's current run at its next checkpoint; finished videos and partial results are kept.",
  operation: "POST /v3/video-agents/{session_id}/stop",
  input: z.strictObject({ session_id: sessionId }),
  output: z.object({ session_id: z.string() }),
  annotations: STOP,
  async handler({ session_id }, { call }) {
    const { body } = await call<{ data: { session_id: string } }>({ pathParams: { session_id }, body: {} });
    return { session_id: body.data.session_id };
  },
  summary: (r) =>
    `Stop requested for session ${r.session_id}. Next: get_video_agent_session with session_id="${r.session_id}" to see where it ended.`,
});

export const videoAgentTools = [
  createVideoAgent,
  listVideoAgentSessions,
  getVideoAgentSession,
  sendVideoAgentMessage,
  stopVideoAgentSession,
  ...videoAgentMoreTools,
];
