/**
 * Route groups. Adding one = a file exporting `(r: Router, deps: SandboxDeps) => void` + one line here.
 */
import type { SandboxDeps } from "../deps.js";
import type { Router } from "../router.js";
import { assetRoutes } from "./assets.js";
import { audioBrandRoutes } from "./audio-brand.js";
import { avatarRoutes } from "./avatars.js";
import { avatarManageRoutes } from "./avatars-manage.js";
import { hyperframesRoutes } from "./hyperframes.js";
import { lipsyncRoutes } from "./lipsync.js";
import { postProductionRoutes } from "./post-production.js";
import { proofreadRoutes } from "./proofreads.js";
import { templateRoutes } from "./templates.js";
import { translationRoutes } from "./translations.js";
import { userRoutes } from "./users.js";
import { videoAgentRoutes } from "./video-agent.js";
import { videoBatchRoutes } from "./video-batches.js";
import { videoRoutes } from "./videos.js";
import { voiceRoutes } from "./voices.js";
import { voiceManageRoutes } from "./voices-manage.js";
import { webhookRoutes } from "./webhooks.js";

export type RouteGroup = (r: Router, deps: SandboxDeps) => void;

export const routeGroups: RouteGroup[] = [
  userRoutes,
  videoRoutes,
  avatarRoutes,
  avatarManageRoutes,
  voiceRoutes,
  voiceManageRoutes,
  videoBatchRoutes,
  templateRoutes,
  webhookRoutes,
  hyperframesRoutes,
  videoAgentRoutes,
  translationRoutes,
  proofreadRoutes,
  lipsyncRoutes,
  postProductionRoutes,
  assetRoutes,
  audioBrandRoutes,
];
