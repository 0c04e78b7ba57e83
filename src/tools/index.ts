import { accountTools } from "./account.js";
import { avatarTools } from "./avatars.js";
import type { AnyToolDef } from "./define.js";
import { videoTools } from "./videos.js";
import { voiceTools } from "./voices.js";

/** Every tool the project defines, in the order tools/list shows them. */
export const allTools: readonly AnyToolDef[] = [...accountTools, ...videoTools, ...avatarTools, ...voiceTools];
