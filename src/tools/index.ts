import { accountTools } from "./account.js";
import { assetTools } from "./assets.js";
import { audioTools, brandTools } from "./audio-brand.js";
import { avatarTools } from "./avatars.js";
import { avatarManageTools } from "./avatars-manage.js";
import type { AnyToolDef } from "./define.js";
import { discoveryTools } from "./discovery.js";
import { downloadResult } from "./downloads.js";
import { estimateCostTool } from "./estimate-cost.js";
import { hyperframesTools } from "./hyperframes.js";
import { jobTools } from "./jobs.js";
import { lipsyncTools } from "./lipsync.js";
import { lipsyncBatchTools } from "./lipsync-batches.js";
import { postProductionTools } from "./post-production.js";
import { templateTools } from "./templates.js";
import { translationTools } from "./translation.js";
import { translationBatchTools } from "./translation-batches.js";
import { proofreadTools } from "./translation-proofreads.js";
import { videoAgentTools } from "./video-agent.js";
import { videoTools } from "./videos.js";
import { videoBatchTools } from "./videos-batches.js";
import { videosMoreTools } from "./videos-more.js";
import { voiceTools } from "./voices.js";
import { voiceManageTools } from "./voices-manage.js";
import { webhookTools } from "./webhooks.js";

const resourceTools: readonly AnyToolDef[] = [
  ...videoTools,
  ...videosMoreTools,
  ...videoBatchTools,
  ...templateTools,
  ...avatarTools,
  ...avatarManageTools,
  ...voiceTools,
  ...voiceManageTools,
  ...videoAgentTools,
  ...lipsyncTools,
  ...lipsyncBatchTools,
  ...translationTools,
  ...translationBatchTools,
  ...proofreadTools,
  ...assetTools,
  ...audioTools,
  ...brandTools,
  ...postProductionTools,
  ...webhookTools,
  ...hyperframesTools,
];

/** Every tool the project defines, grouped by resource, in the order tools/list shows them. */
export const allTools: readonly AnyToolDef[] = [
  ...discoveryTools,
  ...accountTools,
  estimateCostTool(resourceTools),
  ...jobTools,
  downloadResult,
  ...resourceTools,
];
