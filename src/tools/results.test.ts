import { describe, expect, it } from "vitest";
import { z } from "zod";
import { invalidArguments } from "./results.js";

const body = (res: ReturnType<typeof invalidArguments>) => JSON.parse(res.content[0]?.text ?? "{}");

describe("invalidArguments", () => {
  const colours = z.enum([
    "red",
    "orange",
    "yellow",
    "green",
    "blue",
    "indigo",
    "violet",
    "black",
    "white",
    "grey",
    "pink",
  ]);
  const schema = z.strictObject({
    colour: colours.describe("A colour."),
    nested: z.strictObject({ video_id: z.string() }),
  });

  it("lists the closest values of an enum longer than 10, not all of them", () => {
    const args = { colour: "gren", nested: { video_id: "v" } };
    const res = invalidArguments(schema.safeParse(args).error as z.ZodError, "paint", args, schema);
    const b = body(res);
    expect(b.param).toBe("colour");
    expect(b.message).toMatch(/not one of its 11 values; closest: green/);
    expect(b.message).not.toContain("violet");
  });

  it("names a misspelt nested key with the closest valid one", () => {
    const args = { colour: "red", nested: { videoID: "v" } };
    const b = body(invalidArguments(schema.safeParse(args).error as z.ZodError, "paint", args, schema));
    expect(b.message).toBe('unknown argument "videoID"; did you mean "video_id"?');
    expect(b.param).toBe("nested.videoID");
  });

  it("names a missing required argument in the hint", () => {
    const args = { colour: "red", nested: {} };
    const b = body(invalidArguments(schema.safeParse(args).error as z.ZodError, "paint", args, schema));
    expect(b).toMatchObject({ param: "nested.video_id" });
    expect(b.hint).toBe('Call paint again with "nested.video_id" set; it is required.');
  });
});
