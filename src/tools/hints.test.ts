import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { errorFromResponse } from "../client/errors.js";
import { createLogger } from "../log.js";
import { CODE_HINTS, hintForCode } from "./hints.js";
import { allTools } from "./index.js";
import { toToolError } from "./results.js";

// HeyGen's documentation, read at test time (never copied into the repository); missing means a failed run.
const SHARED = resolve(process.cwd(), "../shared/heygen");
const errorPage = readFileSync(resolve(SHARED, "docs/error-codes.txt"), "utf8");
const catalog = readFileSync(resolve(SHARED, "api-catalog.md"), "utf8");

/** Codes on HeyGen's error-code page (a line holding only the code, then its HTTP status). */
const pageCodes = [...errorPage.matchAll(/^([a-z_]+)\n\nHTTP status/gm)].map((m) => m[1] as string);
/** Codes in the catalog's §1.4 table: every back-quoted code in a row's first cell. */
const table = catalog.slice(catalog.indexOf("### 1.4"), catalog.indexOf("### 1.5"));
const catalogCodes = table
  .split("\n")
  .filter((l) => l.startsWith("| `"))
  .flatMap((l) => [...(l.split("|")[1] ?? "").matchAll(/`([A-Za-z_]+)`/g)].map((m) => m[1] as string));
const documented = [...new Set([...pageCodes, ...catalogCodes])];

const toolNames = new Set(allTools.map((t) => t.name));
/** Words in a hint shaped like a tool name. */
const TOOLISH =
  /\b(?:list|get|create|delete|upload|wait|estimate|find|download|update|rotate|search|send|stop|complete|clone|design|generate)_[a-z_]+\b/g;
const log = createLogger({ level: "error", write: () => {} });

/** A HeyGen error envelope through the client and the tools layer, as a model would see it. */
function seen(code: string, param: string | null = null) {
  const body = JSON.stringify({ error: { code, message: "m", param } });
  const err = errorFromResponse(body, { status: 400, requestId: "r", retryAfterMs: 3000, secrets: [] });
  const res = toToolError(err, log, { tool: "create_video_from_avatar", idempotent: false });
  return JSON.parse(res.content[0].text) as { code: string; hint: string | null };
}

describe("the per-code hint table", () => {
  it("reads HeyGen's documented codes", () => {
    expect(pageCodes).toEqual(expect.arrayContaining(["avatar_not_found", "insufficient_credit", "internal_error"]));
    expect(pageCodes.length).toBeGreaterThanOrEqual(16);
    expect(catalogCodes).toEqual(expect.arrayContaining(["AVATAR_NOT_FOUND", "webhook_not_found", "tts_text_invalid"]));
  });

  it.each(documented)("%s gets a hint naming a tool that exists", (code) => {
    const { hint } = seen(code);
    const named = hint?.match(TOOLISH) ?? [];
    expect(named.length, `${code}: ${hint}`).toBeGreaterThan(0);
    for (const name of named) expect(toolNames, `${code} names ${name}`).toContain(name);
  });

  it("names only tools that exist, everywhere in the table", () => {
    const named = Object.values(CODE_HINTS).flatMap((h) => h.match(TOOLISH) ?? []);
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter((n) => !toolNames.has(n))).toEqual([]);
  });

  it("matches codes case-insensitively (HeyGen's docs show AVATAR_NOT_FOUND)", () => {
    expect(hintForCode("AVATAR_NOT_FOUND", null, "t")).toBe(hintForCode("avatar_not_found", null, "t"));
    expect(hintForCode("Voice_Not_Found", null, "t")).toContain("list_voices");
    expect(seen("AVATAR_NOT_FOUND").hint).toContain("list_avatar_looks");
  });

  it("names the failed tool where the next call is the same one, and the lister for a language", () => {
    expect(seen("invalid_parameter", "script").hint).toBe(
      "Fix the field named in param and call create_video_from_avatar again.",
    );
    expect(seen("invalid_parameter", "output_languages.0").hint).toContain("list_video_translation_languages");
  });

  it("keeps the client's own hint (how long to wait, how to fix the key) and adds the next call", () => {
    expect(seen("rate_limit_exceeded").hint).toMatch(/^Wait 3 s .* list_jobs /);
    expect(seen("unauthorized").hint).toMatch(/HEYGEN_API_KEY.*get_current_user/);
  });
});
