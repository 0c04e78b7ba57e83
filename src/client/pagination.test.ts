import { describe, expect, it } from "vitest";
import { HeyGenError, type Page, paginate, toPage } from "./index.js";

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

describe("paginate", () => {
  const pages: Record<string, Page<number>> = {
    first: { items: [1, 2], hasMore: true, nextToken: "b" },
    b: { items: [3, 4], hasMore: true, nextToken: "c" },
    c: { items: [5], hasMore: false, nextToken: null },
  };
  const fetcher = (tokens: (string | undefined)[]) => async (token: string | undefined) => {
    tokens.push(token);
    const page = pages[token ?? "first"];
    if (page === undefined) throw new Error(`unknown token ${token}`);
    return page;
  };
  const collect = async (gen: AsyncGenerator<number>) => {
    const out: number[] = [];
    for await (const x of gen) out.push(x);
    return out;
  };

  it("follows next_token until has_more is false", async () => {
    const tokens: (string | undefined)[] = [];
    expect(await collect(paginate(fetcher(tokens)))).toEqual([1, 2, 3, 4, 5]);
    expect(tokens).toEqual([undefined, "b", "c"]);
  });

  it("stops at maxItems without fetching further pages", async () => {
    const tokens: (string | undefined)[] = [];
    expect(await collect(paginate(fetcher(tokens), { maxItems: 3 }))).toEqual([1, 2, 3]);
    expect(tokens).toEqual([undefined, "b"]);
  });

  it("stops at maxPages and on a repeated cursor", async () => {
    expect(await collect(paginate(fetcher([]), { maxPages: 1 }))).toEqual([1, 2]);
    const loop = async () => ({ items: [9], hasMore: true, nextToken: "same" });
    expect(await collect(paginate(loop))).toEqual([9, 9]);
  });
});
