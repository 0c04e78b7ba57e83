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
