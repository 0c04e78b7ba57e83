/**
 * The seeded, read-only template catalog shared by every account (see templates.ts).
 */
import { notFound } from "../envelope.js";

type VariableValue =
  | { type: "text"; content: string }
  | { type: "image" | "video" | "audio"; url?: string; asset_id?: string }
  | { type: "character"; avatar_id: string }
  | { type: "voice"; voice_id: string };

export interface TemplateSeed {
  id: string;
  name: string;
  aspect_ratio: "16:9" | "9:16" | "1:1";
  created_at: number;
  updated_at: number;
  scenes: { scene_id: string; script: string | null; variables: string[] }[];
  variables: Record<string, VariableValue>;
}

const PRESENTER = "Abigail_expressive_2024112501";
const NARRATOR_VOICE = "ec7284d21852b60e09c0e3c0930ee904";

/** Media defaults are sandbox media file names, resolved to URLs when rendered. */
export const TEMPLATES: readonly TemplateSeed[] = [
  {
    id: "7f3c1a9e2b4d4e6f8a0b1c2d3e4f5a61",
    name: "Product launch announcement",
    aspect_ratio: "16:9",
    created_at: 1_740_000_000,
    updated_at: 1_748_000_000,
    scenes: [
      {
        scene_id: "scn_intro_01",
        script: "Hi {{customer_name}}! Meet {{product_name}}, our newest release.",
        variables: ["customer_name", "product_name", "presenter", "voice"],
      },
      {
        scene_id: "scn_feature_02",
        script: "{{product_name}} helps you {{benefit}}.",
        variables: ["product_name", "benefit", "product_image"],
      },
      { scene_id: "scn_outro_03", script: "Learn more at {{cta_url}}.", variables: ["cta_url", "presenter"] },
    ],
    variables: {
      customer_name: { type: "text", content: "there" },
      product_name: { type: "text", content: "Acme Notes" },
      benefit: { type: "text", content: "capture every idea in seconds" },
      cta_url: { type: "text", content: "acme.example/notes" },
      product_image: { type: "image", url: "preview.png" },
      presenter: { type: "character", avatar_id: PRESENTER },
      voice: { type: "voice", voice_id: NARRATOR_VOICE },
    },
  },
  {
    id: "2b8e6d4c0a1f4b3e9d7c5a3e1f0b2c84",
    name: "Weekly team update",
    aspect_ratio: "9:16",
    created_at: 1_742_000_000,
    updated_at: 1_750_000_000,
    scenes: [
      { scene_id: "scn_headline_01", script: "This week: {{headline}}.", variables: ["headline"] },
      { scene_id: "scn_details_02", script: "{{update_text}}", variables: ["update_text", "background_music"] },
    ],
    variables: {
      headline: { type: "text", content: "we shipped the new dashboard" },
      update_text: { type: "text", content: "Thanks to everyone who tested it. Next up: mobile." },
      background_music: { type: "audio", url: "voice-preview.mp3" },
    },
  },
  {
    id: "c5a7e9b1d3f54a6c8e0b2d4f6a8c0e97",
    name: "Customer onboarding welcome",
    aspect_ratio: "1:1",
    created_at: 1_744_000_000,
    updated_at: 1_752_000_000,
    scenes: [
      {
        scene_id: "scn_welcome_01",
        script: "Welcome aboard, {{first_name}}!",
        variables: ["first_name", "company_logo"],
      },
      { scene_id: "scn_tour_02", script: null, variables: ["product_tour"] },
    ],
    variables: {
      first_name: { type: "text", content: "friend" },
      company_logo: { type: "image", url: "preview.png" },
      product_tour: { type: "video", url: "video.mp4" },
    },
  },
];

export function findTemplate(id: string): TemplateSeed {
  const t = TEMPLATES.find((x) => x.id === id);
  if (!t) throw notFound("template_not_found", `Template '${id}' was not found or is not shared with you.`);
  return t;
}
