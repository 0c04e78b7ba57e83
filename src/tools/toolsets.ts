/** Tool groups, by HeyGen resource group. The default set is what a person making videos needs. */
export const ALL_TOOLSETS = [
  "account",
  "videos",
  "avatars",
  "voices",
  "video_agent",
  "lipsync",
  "translation",
  "assets",
  "audio",
  "brand",
  "templates",
  "webhooks",
  "post_production",
  "hyperframes",
] as const;

export type Toolset = (typeof ALL_TOOLSETS)[number];

export const DEFAULT_TOOLSETS: readonly Toolset[] = [
  "account",
  "videos",
  "avatars",
  "voices",
  "video_agent",
  "lipsync",
  "translation",
  "assets",
];
