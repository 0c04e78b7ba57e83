/**
 * Workflow prompts over MCP: listed with typed arguments, each plan names only tools that exist, in a
 * sensible order (price before spending, wait before saving).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WORKFLOW_PROMPTS } from "../../src/prompts.js";
import { allTools } from "../../src/tools/index.js";
import { type Stack, startStack } from "../helpers/stack.js";

const TOOL_NAMES = new Set(allTools.map((d) => d.name));
/** Words shaped like tool names (verb_noun), as a plan would name them. */
const namedTools = (text: string) => [...new Set(text.match(/\b[a-z]+(?:_[a-z0-9]+)+\b/g) ?? [])];

const SAMPLE: Record<string, string> = {
  script: "Hello from the sandbox.",
  look: "a presenter",
  language: "English",
  photo: "me.jpg",
  video: "https://example.com/talk.mp4",
  languages: "Spanish, German",
  proofread: "yes",
  recording: "voice.mp3",
  topic: "how webhooks work",
  length: "60 seconds",
  orientation: "landscape",
  audio: "new.mp3",
  quality: "precision",
  template: "Welcome",
  recipients: "name=Ana, company=Acme",
};

describe("workflow prompts", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ selection: { toolsets: ["default"] } });
  });
  afterAll(() => stack.close());

  it("lists 5-8 prompts, each with described arguments and at least one required", async () => {
    const { prompts } = await stack.mcp.listPrompts();
    expect(prompts.length).toBeGreaterThanOrEqual(5);
    expect(prompts.length).toBeLessThanOrEqual(8);
    for (const p of prompts) {
      expect(p.description, p.name).toBeTruthy();
      expect(
        p.arguments?.some((a) => a.required),
        p.name,
      ).toBe(true);
      for (const a of p.arguments ?? []) expect(a.description, `${p.name}.${a.name}`).toBeTruthy();
    }
  });

  it.each(WORKFLOW_PROMPTS.map((p) => [p.name] as const))(
    "%s: names only existing tools, prices before creating and waits before saving",
    async (name) => {
      const prompt = WORKFLOW_PROMPTS.find((p) => p.name === name);
      const args = Object.fromEntries(Object.keys(prompt?.args.shape ?? {}).map((k) => [k, SAMPLE[k] ?? "x"]));
      const got = await stack.mcp.getPrompt({ name, arguments: args });
      const text = got.messages.map((m) => (m.content.type === "text" ? m.content.text : "")).join("\n");
      const named = namedTools(text).filter((w) => !(w in SAMPLE) && !w.includes("_id") && w !== "output_languages");
      expect(named.filter((w) => !TOOL_NAMES.has(w) && !/^(default_voice|file_path|audio_url)$/.test(w))).toEqual([]);
      expect(named.length).toBeGreaterThan(1);
      const at = (tool: string) => text.indexOf(tool);
      if (at("estimate_cost") >= 0) {
        const create = named.find((w) => /^(create_|clone_|generate_)/.test(w));
        expect(at("estimate_cost"), "estimate before the first create").toBeLessThan(
          text.indexOf(`${create}`, at("estimate_cost")) + 1,
        );
      }
      expect(at("wait_for_job")).toBeGreaterThan(0);
      expect(at("download_result")).toBeGreaterThan(at("wait_for_job"));
    },
  );

  it("puts the caller's arguments into the plan", async () => {
    const got = await stack.mcp.getPrompt({
      name: "talking_photo",
      arguments: { photo: "portraits/me.jpg", script: "Hi, I am Ana." },
    });
    const text = got.messages[0]?.content.type === "text" ? got.messages[0].content.text : "";
    expect(text).toContain('file_path: "portraits/me.jpg"');
    expect(text).toContain("Hi, I am Ana.");
  });

  it("refuses a missing required argument and an unknown prompt, naming them", async () => {
    await expect(stack.mcp.getPrompt({ name: "lipsync_audio", arguments: { video: "v.mp4" } })).rejects.toThrow(
      /audio/,
    );
    await expect(stack.mcp.getPrompt({ name: "make_magic" })).rejects.toThrow(/presenter_video/);
  });
});
