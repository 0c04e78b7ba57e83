/**
 * Video Agent styles: a seeded, shared, read-only catalog (GET /v3/video-agents/styles).
 */
import type { SandboxDeps } from "../deps.js";
import { PAGE_SPECS, paginate } from "../pagination.js";
import type { Router } from "../router.js";
import { queryText } from "../validate.js";

interface StyleSeed {
  style_id: string;
  name: string;
  tags: string[];
  aspect_ratio: string;
}

export const STYLES: StyleSeed[] = [
  { style_id: "style_cinematic_documentary", name: "Cinematic Documentary", tags: ["cinematic"], aspect_ratio: "16:9" },
  { style_id: "style_cinematic_noir", name: "Film Noir", tags: ["cinematic", "iconic-artist"], aspect_ratio: "16:9" },
  { style_id: "style_retro_terminal", name: "Retro Terminal", tags: ["retro-tech"], aspect_ratio: "16:9" },
  { style_id: "style_vaporwave", name: "Vaporwave", tags: ["retro-tech", "pop-culture"], aspect_ratio: "9:16" },
  { style_id: "style_pop_art", name: "Pop Art", tags: ["iconic-artist", "pop-culture"], aspect_ratio: "1:1" },
  { style_id: "style_paper_cutout", name: "Paper Cut-out", tags: ["handmade"], aspect_ratio: "16:9" },
  { style_id: "style_claymation", name: "Claymation", tags: ["handmade"], aspect_ratio: "1:1" },
  { style_id: "style_newsprint", name: "Newsprint", tags: ["print"], aspect_ratio: "9:16" },
  { style_id: "style_risograph", name: "Risograph Poster", tags: ["print", "handmade"], aspect_ratio: "9:16" },
];

export function videoAgentStyleRoutes(r: Router, deps: SandboxDeps): void {
  r.get("/v3/video-agents/styles", (req) => {
    const tag = queryText(req.query, "tag")?.toLowerCase();
    const rows = STYLES.filter((s) => !tag || s.tags.includes(tag)).map((s) => ({
      style_id: s.style_id,
      name: s.name,
      tags: s.tags,
      aspect_ratio: s.aspect_ratio,
      thumbnail_url: deps.urls.media("preview.png", { style_id: s.style_id }),
      preview_video_url: deps.urls.media("video.mp4", { style_id: s.style_id }),
    }));
    return paginate(rows, req.query, PAGE_SPECS.videoAgentStyles, (s) => s.style_id);
  });
}
