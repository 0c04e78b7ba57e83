/**
 * Tool groups, by HeyGen resource group, each marked whether it is in the default set: what a person
 * making videos needs.
 */
const IN_DEFAULT = {
  account: true,
  videos: true,
  avatars: true,
  voices: true,
  video_agent: true,
  lipsync: true,
  translation: true,
  assets: true,
  audio: false,
  brand: false,
  templates: false,
  webhooks: false,
  post_production: false,
  hyperframes: false,
} as const;

export type Toolset = keyof typeof IN_DEFAULT;

export const ALL_TOOLSETS = Object.keys(IN_DEFAULT) as readonly Toolset[];

export const DEFAULT_TOOLSETS: readonly Toolset[] = ALL_TOOLSETS.filter((t) => IN_DEFAULT[t]);

/**
 * Why each tool of the default set is there: the tasks people ask for first. The default set is every
 * tool marked `core` in a default toolset; this table records the choice (docs/tools.md prints it, and a
 * test keeps it and the `core` marks in step). Everything else stays one find_tools call away.
 */
export const DEFAULT_TASKS: readonly { task: string; tools: readonly string[] }[] = [
  { task: "make a video", tools: ["list_avatar_looks", "create_video_from_avatar", "get_video"] },
  { task: "photo video", tools: ["create_video_from_image"] },
  { task: "Video Agent", tools: ["create_video_agent", "get_video_agent_session"] },
  {
    task: "translate",
    tools: ["list_video_translation_languages", "create_video_translation", "get_video_translation"],
  },
  { task: "lipsync", tools: ["create_lipsync", "get_lipsync"] },
  { task: "voices", tools: ["list_voices"] },
  { task: "cost", tools: ["get_current_user"] },
];
