/**
 * Where a job made by each create operation can be found when its create call ended unclearly: the list
 * tool of its kind (list_jobs covers them all).
 */
import type { Operation } from "../client/index.js";

const LIST_TOOL: Readonly<Partial<Record<Operation, string>>> = {
  "POST /v3/videos": "list_videos",
  "POST /v3/videos/batches": "list_videos",
  "POST /v3/templates/{template_id}": "list_videos",
  "POST /v3/video-translations": "list_video_translations",
  "POST /v3/video-translations/batches": "list_video_translations",
  "POST /v3/video-translations/proofreads/{proofread_id}/generate": "list_video_translations",
  "POST /v3/lipsyncs": "list_lipsyncs",
  "POST /v3/lipsyncs/batches": "list_lipsyncs",
  "POST /v3/avatars": "list_avatar_groups",
  "POST /v3/voices/clone": "list_voices",
  "POST /v3/video-agents": "list_video_agent_sessions",
  "POST /v3/video-agents/{session_id}": "list_video_agent_session_videos",
  "POST /v3/hyperframes/renders": "list_hyperframes_renders",
  "POST /v3/background-removals": "list_background_removals",
  "POST /v3/ai-clipping": "list_ai_clippings",
};

export const findWith = (op: Operation): string | null => LIST_TOOL[op] ?? null;
