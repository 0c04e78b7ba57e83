import { describe, expect, it } from "vitest";
import { HeyGenError, toPage } from "./index.js";

describe("toPage", () => {
  it("reads v3 lists: data[] with top-level has_more/next_token", () => {
    expect(toPage({ data: [{ id: 1 }], has_more: true, next_token: "t2" })).toEqual({
      items: [{ id: 1 }],
      hasMore: true,
      nextToken: "t2",
    });
    expect(toPage({ data: [], has_more: false, next_token: null })).toEqual({
      items: [],
      hasMore: false,
      nextToken: null,
    });
  });

  it("reads batch GETs: data.items with has_more/next_token inside data", () => {
    const body = { data: { id: "b1", status: "processing", items: [{ i: 0 }], has_more: true, next_token: "n" } };
    expect(toPage(body)).toEqual({ items: [{ i: 0 }], hasMore: true, nextToken: "n" });
  });

  it("has_more without a cursor is the end; a non-list is an unexpected response", () => {
    expect(toPage({ data: [1], has_more: true, next_token: null }).hasMore).toBe(false);
    expect(() => toPage({ data: { id: "x" } })).toThrow(HeyGenError);
    expect(() => toPage("nope")).toThrow(/paginated list/);
  });
});
