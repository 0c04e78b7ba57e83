/**
 * Errors a model sees name the next tool: HeyGen's codes through the tools-layer table, and an avatar
 * group id passed as a look id recognised (one GET of the group on that error path) and explained.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, errorBody, type Stack, startStack, TEST_KEY, textOf } from "../helpers/stack.js";

const STARFISH_VOICE = "46418db3beab335bc75fbb44ec110699";
const PUBLIC_GROUP = "154c05ba176fe4bc90d320c0df21229d";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ selection: { toolsets: ["all"] } });
  await stack.admin.setBalance(TEST_KEY, 100);
});
afterAll(() => stack.close());

const fails = async (name: string, args: Record<string, unknown>) => {
  const res = await call(stack, name, args);
  expect(res.isError, textOf(res)).toBe(true);
  return errorBody(res);
};

describe("hints at the edge", () => {
  it("a group id given as avatar_id is named as a group id, with the tool that lists its looks", async () => {
    const body = await fails("create_video_from_avatar", {
      avatar_id: PUBLIC_GROUP,
      voice_id: STARFISH_VOICE,
      script: "Hello.",
    });
    expect(body).toMatchObject({ code: "avatar_not_found", param: "avatar_id" });
    expect(body.hint).toContain("is an avatar group id, not a look id");
    expect(body.hint).toContain(`call list_avatar_looks with group_id="${PUBLIC_GROUP}"`);
  });

  it("an id that is neither keeps the code's own hint", async () => {
    const body = await fails("create_video_from_avatar", {
      avatar_id: "no_such_look",
      voice_id: STARFISH_VOICE,
      script: "Hello.",
    });
    expect(body).toMatchObject({ code: "avatar_not_found" });
    expect(body.hint).toBe("Pick a look id (avatar_id) with list_avatar_looks.");
  });

  it("an unknown voice names list_voices", async () => {
    const body = await fails("get_voice", { voice_id: "no_such_voice" });
    expect(body.hint).toContain("list_voices");
  });

  it("an unsupported translation language names the listing tool, not a REST path", async () => {
    const body = await fails("create_video_translation", {
      video: { url: "https://example.com/v.mp4" },
      output_languages: ["Klingon"],
    });
    expect(body.code).toBe("invalid_parameter");
    expect(body.hint).toContain("list_video_translation_languages");
    expect(body.hint).not.toContain("/v3/");
  });
});
