/**
 * Tool groups, by HeyGen resource group, each marked whether it is in the default set: what a person
 * making videos needs.
 */
const IN_DEFAULT = {
  discovery: true,
  account: true,
  jobs: true,
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

/** Served whatever the selection says (unless excluded by name): the way to every other tool. */
export const ALWAYS_SERVED: Toolset = "discovery";

/** One line per toolset, for find_tools and the docs: what a model would go there for. */
export const TOOLSET_ABOUT: Readonly<Record<Toolset, string>> = {
  discovery: "find_tools: list toolsets, find a tool, enable a toolset.",
  account: "Account, balance and credits.",
  jobs: "Wait for any render or job to finish (progress, links); list jobs in flight.",
  videos: "Avatar, photo, cinematic and studio videos; list, delete; batches and statuses.",
  avatars: "Avatar groups and looks; train photo/prompt avatars and digital twins; consent; rename, delete.",
  voices: "Voices: list, get, design (find by description), clone, delete; text to speech.",
  video_agent: "Video Agent sessions: create, chat replies, stop, list, styles, resources, videos.",
  lipsync: "Lipsync new audio onto a video: create, get, list, rename, delete; batches.",
  translation: "Dub videos into other languages: languages, create, get, list, delete; batches; proofreads.",
  assets: "Files as asset ids: upload, direct uploads over 32 MB, get, list, search, delete.",
  audio: "Search music and sound effects.",
  brand: "List brand kits and glossaries.",
  templates: "Templates: list, read variables, render a personalised video from one.",
  webhooks: "Webhook endpoints (create, update, rotate secret, delete), event types and history.",
  post_production: "Background removal and AI clipping of videos: create, get, list, delete.",
  hyperframes: "HyperFrames renders (HTML compositions to video): create, get, list, delete.",
};

/** A --toolsets / X-MCP-Toolsets item: a toolset, "default", "all", or "+name" (the default set plus name). */
export type ToolsetChoice = "all" | "default" | Toolset | `+${Toolset}`;

export const isToolsetChoice = (name: string): name is ToolsetChoice => {
  const bare = name.startsWith("+") ? name.slice(1) : name;
  return name === "all" || name === "default" || (ALL_TOOLSETS as readonly string[]).includes(bare);
};

/**
 * Why each tool of the default set is there: the tasks people ask for first. The default set is every
 * tool marked `core` in a default toolset; this table records the choice (docs/tools.md prints it, and a
 * test keeps it and the `core` marks in step). Everything else stays one find_tools call away.
 */
export const DEFAULT_TASKS: readonly { task: string; tools: readonly string[] }[] = [
  { task: "make a video", tools: ["list_avatar_looks", "create_video_from_avatar", "get_video"] },
  { task: "photo video", tools: ["create_video_from_image"] },
  { task: "Video Agent", tools: ["create_video_agent"] },
  {
    task: "translate",
    tools: ["list_video_translation_languages", "create_video_translation"],
  },
  { task: "lipsync", tools: ["create_lipsync"] },
  { task: "voices", tools: ["list_voices"] },
  { task: "wait for renders", tools: ["wait_for_job", "list_jobs"] },
  { task: "save to disk", tools: ["download_result"] },
  { task: "cost", tools: ["get_current_user", "estimate_cost"] },
  { task: "everything else", tools: ["find_tools"] },
];
