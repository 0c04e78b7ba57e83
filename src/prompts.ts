/**
 * Workflow prompts: the plans people ask for most, each a short ordered list of tool calls that a client
 * can offer in its prompt menu (prompts/list, prompts/get). One table; a test checks that every tool a
 * plan names exists.
 */
import { z } from "zod";

interface WorkflowPrompt {
  name: string;
  title: string;
  description: string;
  /** String arguments only: MCP prompt arguments are strings. */
  args: z.ZodObject<Record<string, z.ZodType<string | undefined>>>;
  plan(args: Record<string, string | undefined>): string[];
}

const text = (d: string) => z.string().min(1).describe(d);
const optional = (d: string) => z.string().min(1).optional().describe(d);

/** Steps every paid plan shares: price first, then wait instead of polling, then keep the file. */
const PAY_WAIT_SAVE = {
  estimate: "estimate_cost with tool and arguments as below; tell the person the price and get a yes before spending",
  wait: "wait_for_job with the kind and id the create returned; call it again while it says so (never create twice; after a timeout, list_jobs)",
  save: "download_result with the same kind and id to save the file, and give the person its path (links expire)",
};

export const WORKFLOW_PROMPTS: readonly WorkflowPrompt[] = [
  {
    name: "presenter_video",
    title: "Presenter video from a script",
    description: "An avatar presenter speaks your script.",
    args: z.object({
      script: text("What the presenter says."),
      look: optional("Who should present, e.g. 'a woman in a blazer'."),
      language: optional("Voice language, e.g. English."),
    }),
    plan: ({ script, look, language }) => [
      `list_avatar_looks${look ? ` and pick the look that best fits "${look}"` : ""} (avatar_id is a look id)`,
      `list_voices${language ? ` with language "${language}"` : ""} and pick a voice (or use the look's default_voice_id)`,
      `${PAY_WAIT_SAVE.estimate} (create_video_from_avatar with avatar_id, voice_id and the script below)`,
      "create_video_from_avatar",
      PAY_WAIT_SAVE.wait,
      PAY_WAIT_SAVE.save,
      `Script:\n${script}`,
    ],
  },
  {
    name: "talking_photo",
    title: "Talking photo from a file",
    description: "Animate a photo of a face to speak a script.",
    args: z.object({
      photo: text("Path of the photo in the files folder, or a public URL."),
      script: text("What the person in the photo says."),
    }),
    plan: ({ photo, script }) => [
      "list_voices and pick a voice that suits the person in the photo",
      `${PAY_WAIT_SAVE.estimate} (create_video_from_image with image ${assetArg(photo)}, voice_id and the script)`,
      "create_video_from_image",
      PAY_WAIT_SAVE.wait,
      PAY_WAIT_SAVE.save,
      `Script:\n${script}`,
    ],
  },
  {
    name: "translate_video",
    title: "Translate a video into languages",
    description: "Dub a video into several languages, with an optional subtitle proofread first.",
    args: z.object({
      video: text("Path in the files folder, or a public URL, of the video."),
      languages: text("Target languages, comma-separated, e.g. 'Spanish, German'."),
      proofread: optional("'yes' to review the subtitles before the dub is rendered."),
    }),
    plan: ({ video, languages, proofread }) => [
      `list_video_translation_languages with search for each of: ${languages} (use the exact names it returns)`,
      ...(proofread === "yes"
        ? [
            'find_tools with enable="translation" (proofread tools are in that toolset)',
            `create_proofread for ${video} and those languages, then wait_for_job`,
            "download_proofread_srt to show the subtitles; upload_proofread_srt with corrections if the person wants changes",
            "generate_video_from_proofread to render each language",
          ]
        : [
            `${PAY_WAIT_SAVE.estimate} (create_video_translation with video ${assetArg(video)} and output_languages)`,
            "create_video_translation (one id per language)",
          ]),
      `${PAY_WAIT_SAVE.wait}, once per language id`,
      `${PAY_WAIT_SAVE.save}, once per language`,
    ],
  },
  {
    name: "clone_voice_and_speak",
    title: "Clone a voice and speak with it",
    description: "Clone a voice from a recording (with the speaker's consent) and make a video or audio with it.",
    args: z.object({
      recording: text("Path or public URL of a clean speech recording of the speaker."),
      script: text("What the cloned voice should say."),
    }),
    plan: ({ recording, script }) => [
      "Confirm the speaker consented to cloning their voice; stop if not",
      'find_tools with enable="voices" (clone_voice and create_speech are in that toolset)',
      `${PAY_WAIT_SAVE.estimate} (clone_voice with audio ${assetArg(recording)})`,
      "clone_voice",
      "wait_for_job with the voice clone's kind and id until it is complete",
      `create_speech with the new voice_id for audio, or create_video_from_avatar with it for a video, speaking the script below (estimate_cost first)`,
      PAY_WAIT_SAVE.save,
      `Script:\n${script}`,
    ],
  },
  {
    name: "video_agent_explainer",
    title: "Explainer video with Video Agent",
    description: "HeyGen's Video Agent writes, casts and renders a whole explainer from a brief.",
    args: z.object({
      topic: text("What the explainer is about and who it is for."),
      length: optional("Target length, e.g. '60 seconds'."),
      orientation: optional("landscape or portrait."),
    }),
    plan: ({ topic, length, orientation }) => [
      `${PAY_WAIT_SAVE.estimate} (create_video_agent with the prompt below${orientation ? ` and orientation "${orientation}"` : ""})`,
      "create_video_agent (mode generate)",
      `${PAY_WAIT_SAVE.wait} — sessions take 20-45 minutes, so keep calling it`,
      PAY_WAIT_SAVE.save,
      `Prompt: an explainer video about ${topic}${length ? `, about ${length} long` : ""}.`,
    ],
  },
  {
    name: "lipsync_audio",
    title: "Lip-sync new audio onto a video",
    description: "Replace a video's audio and re-sync the speaker's lips to it.",
    args: z.object({
      video: text("Path or public URL of the video."),
      audio: text("Path or public URL of the new audio (MP3/WAV)."),
      quality: optional("'precision' for better lips at twice the price; default speed."),
    }),
    plan: ({ video, audio, quality }) => [
      `${PAY_WAIT_SAVE.estimate} (create_lipsync with video ${assetArg(video)}, audio ${assetArg(audio)}${quality === "precision" ? ', mode "precision"' : ""})`,
      "create_lipsync",
      PAY_WAIT_SAVE.wait,
      PAY_WAIT_SAVE.save,
    ],
  },
  {
    name: "personalised_batch",
    title: "Personalised videos from a template",
    description: "One template, many videos, each with its own variable values (names, companies, ...).",
    args: z.object({
      template: optional("Template name or id; if absent, list them and ask."),
      recipients: text("One line per video with its values, e.g. 'name=Ana, company=Acme'."),
    }),
    plan: ({ template, recipients }) => [
      'find_tools with enable="templates"',
      `list_templates${template ? ` and find "${template}"` : " and ask the person which one"}`,
      "get_template for its variables and their current values",
      `${PAY_WAIT_SAVE.estimate} (create_video_from_template, per video; tell the person the total)`,
      "create_video_from_template once per recipient below, variables filled from that line",
      `${PAY_WAIT_SAVE.wait}, once per video (list_jobs shows them all)`,
      PAY_WAIT_SAVE.save,
      `Recipients:\n${recipients}`,
    ],
  },
];

const isUrl = (value = "") => /^https?:\/\//i.test(value);

/** A file argument as the create tools take it: a URL as url, anything else as a files-folder path. */
const assetArg = (value = "") => (isUrl(value) ? `{ url: "${value}" }` : `{ file_path: "${value}" }`);

/** prompts/list entries: names, titles and the string arguments with their descriptions. */
export function listPrompts() {
  return {
    prompts: WORKFLOW_PROMPTS.map((p) => ({
      name: p.name,
      title: p.title,
      description: p.description,
      arguments: Object.entries(p.args.shape).map(([name, schema]) => ({
        name,
        description: schema.description ?? name,
        required: !schema.safeParse(undefined).success,
      })),
    })),
  };
}

export type PromptOutcome =
  | { ok: true; result: { description: string; messages: { role: "user"; content: { type: "text"; text: string } }[] } }
  | { ok: false; message: string };

/** prompts/get: the plan as one user message, numbered steps. */
export function getPrompt(name: string, args: Record<string, string> | undefined): PromptOutcome {
  const prompt = WORKFLOW_PROMPTS.find((p) => p.name === name);
  if (!prompt) {
    return {
      ok: false,
      message: `Unknown prompt "${name.slice(0, 80)}"; known: ${WORKFLOW_PROMPTS.map((p) => p.name).join(", ")}.`,
    };
  }
  const parsed = prompt.args.safeParse(args ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      message: `${prompt.name}: argument ${issue?.path.join(".") || "?"}: ${issue?.message ?? "invalid"}`,
    };
  }
  const steps = prompt.plan(parsed.data);
  const body = steps.map((s, i) => (s.includes("\n") ? s : `${i + 1}. ${s}`)).join("\n");
  return {
    ok: true,
    result: {
      description: prompt.description,
      messages: [{ role: "user", content: { type: "text", text: `${prompt.title}. Follow these steps:\n${body}` } }],
    },
  };
}
