import { tourAssets } from "./assets.js";
import { tourAvatarsVoices } from "./avatars-voices.js";
import { tourCore } from "./core.js";
import { tourLipsyncPost } from "./lipsync-post.js";
import { tourTranslation } from "./translation.js";
import type { Tour } from "./types.js";
import { tourVideoAgent } from "./video-agent.js";
import { tourVideosMore } from "./videos-more.js";
import { tourWebhooksHyperframes } from "./webhooks-hyperframes.js";

/** Every resource group's tour; each adds one line here. */
export const tours: ((t: Tour) => Promise<void>)[] = [
  tourCore,
  tourVideosMore,
  tourWebhooksHyperframes,
  tourVideoAgent,
  tourAvatarsVoices,
  tourTranslation,
  tourLipsyncPost,
  tourAssets,
];
