import { z } from "zod";
import { createdNext } from "../jobs/read.js";
import { plural } from "../text.js";
import { CREATE, defineTool, READ } from "./define.js";
import { callbackFields, defined, nextPageHint, pageInput, pageOutput, toPageResult } from "./shared-schemas.js";

// ---- /v3/templates (api-catalog §2.12, v3) ----

interface TemplateSummary {
  id: string;
  name: string;
  aspect_ratio?: string | null;
  thumbnail_url?: string | null;
  created_at?: number | null;
  updated_at?: number | null;
}

interface TemplateDetail extends TemplateSummary {
  scene_ids?: string[];
  scenes?: { scene_id: string; script?: string | null; variables?: { name: string; variable_type: string }[] }[];
  variables?: Record<string, unknown>;
}

export const listTemplates = defineTool({
  name: "list_templates",
  title: "List templates",
  toolset: "templates",
  description:
    "Video templates made in the HeyGen editor that have variables (API-ready). Use get_template for a template's variables, then create_video_from_template.",
  operation: "GET /v3/templates",
  input: z.strictObject({ ...pageInput({ max: 100, fallback: 10 }) }),
  output: pageOutput(
    "templates",
    z.object({
      id: z.string().describe("template_id"),
      name: z.string(),
      aspect_ratio: z.string().nullable(),
      thumbnail_url: z.string().nullable(),
      updated_at: z.number().nullable(),
    }),
  ),
  annotations: READ,
  async handler(input, { call }) {
    const { body } = await call<{ data: TemplateSummary[] }>({ query: input });
    return toPageResult("templates", body, (t: TemplateSummary) => ({
      id: t.id,
      name: t.name,
      aspect_ratio: t.aspect_ratio ?? null,
      thumbnail_url: t.thumbnail_url ?? null,
      updated_at: t.updated_at ?? null,
    }));
  },
  summary: (p) =>
    `${plural(p.templates.length, "template")}. Next: get_template with template_id for its variables.${nextPageHint(p, "list_templates")}`,
});

export const getTemplate = defineTool({
  name: "get_template",
  title: "Get a template's variables",
  toolset: "templates",
  description:
    "A template's scenes and variables with their current defaults, in the shape create_video_from_template accepts: edit the values and pass them back.",
  operation: "GET /v3/templates/{template_id}",
  input: z.strictObject({ template_id: z.string().min(1).describe("From list_templates.") }),
  output: z.object({
    id: z.string(),
    name: z.string(),
    aspect_ratio: z.string().nullable(),
    scenes: z.array(
      z.object({
        scene_id: z.string(),
        script: z.string().nullable().describe("With {{placeholders}}."),
        variables: z.array(z.string()).describe("Variable names used."),
      }),
    ),
    variables: z.record(z.string(), z.unknown()).describe("name → default value."),
  }),
  annotations: READ,
  async handler({ template_id }, { call }) {
    const { body } = await call<{ data: TemplateDetail }>({ pathParams: { template_id } });
    const t = body.data;
    return {
      id: t.id,
      name: t.name,
      aspect_ratio: t.aspect_ratio ?? null,
      scenes: (t.scenes ?? []).map((s) => ({
        scene_id: s.scene_id,
        script: s.script ?? null,
        variables: (s.variables ?? []).map((v) => `${v.name} (${v.variable_type})`),
      })),
      variables: t.variables ?? {},
    };
  },
  summary: (t) => {
    const names = Object.keys(t.variables);
    return `Template ${t.id} "${t.name}": ${t.scenes.length} scenes, variables ${names.join(", ") || "none"}. Next: create_video_from_template with template_id="${t.id}" and variables.`;
  },
});

// HeyGen documents the text form only (api-catalog, templates); the media forms take the fields get_template
// shows, so an object passes through whatever else it carries.
const variableValue = z.union([
  z.string().describe("A text variable's new text."),
  z
    .looseObject({
      type: z.enum(["text", "image", "video", "audio", "character", "voice"]).describe("The variable's type."),
    })
    .describe("As get_template shows it, e.g. {type:'image',url}; its other fields pass through."),
]);

interface Video {
  id: string;
  title?: string | null;
  status: string;
}

export const createVideoFromTemplate = defineTool({
  name: "create_video_from_template",
  title: "Create a video from a template",
  toolset: "templates",
  description:
    "Render a template with its variables replaced (text, media, avatar, voice); scene_ids picks, reorders or repeats scenes. Paid: bills like an avatar video, ~per second rendered. Returns video_id; then wait_for_job.",
  operation: "POST /v3/templates/{template_id}",
  input: z.strictObject({
    template_id: z.string().min(1).describe("From list_templates."),
    variables: z
      .record(z.string().min(1), variableValue)
      .default({})
      .describe("Keyed by variable name; omitted ones keep defaults."),
    title: z.string().min(1).optional().describe("Video title."),
    scene_ids: z.array(z.string().min(1)).min(1).optional().describe("Scenes to render, in order; default all."),
    caption: z.boolean().optional().describe("Burn captions in."),
    dimension: z
      .strictObject({
        width: z.int().min(128).max(4096).describe("Even."),
        height: z.int().min(128).max(4096).describe("Even."),
      })
      .optional()
      .describe("Pixels; keep the template's ratio."),
    fps: z.literal([25, 30, 60]).optional().describe("Default 25."),
    folder_id: z.string().min(1).optional().describe("Folder for the video."),
    brand_voice_id: z.string().min(1).optional().describe("Pronunciation glossary."),
    enable_sharing: z.boolean().optional().describe("Public share page."),
    ...callbackFields,
  }),
  output: z.object({ video_id: z.string(), status: z.string(), title: z.string().nullable() }),
  annotations: CREATE,
  async handler({ template_id, variables, ...rest }, { call }) {
    const vars = Object.fromEntries(
      Object.entries(variables).map(([name, v]) => [name, typeof v === "string" ? { type: "text", content: v } : v]),
    );
    const { body } = await call<{ data: Video }>({
      pathParams: { template_id },
      body: { variables: vars, ...defined(rest) },
    });
    return { video_id: body.data.id, status: body.data.status, title: body.data.title ?? null };
  },
  summary: (v) => `Video ${v.video_id} queued (${v.status}). ${createdNext("video", v.video_id)}`,
});

export const templateTools = [listTemplates, getTemplate, createVideoFromTemplate];
