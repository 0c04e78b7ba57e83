import { describe, expect, it } from "vitest";
import { credentialProblem, MIN_CREDENTIAL_LENGTH, REDACTED, redactSecrets, redactSecretsDeep } from "./redact.js";

const KEY = 'hg_Ab"c\\d/e%f+gHIJ';

describe("redactSecrets", () => {
  it.each([
    ["raw", KEY],
    ["lower case", KEY.toLowerCase()],
    ["upper case", KEY.toUpperCase()],
    ["JSON-escaped", JSON.stringify(KEY).slice(1, -1)],
    ["\\u-escaped", [...KEY].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("")],
    ["URL-encoded", encodeURIComponent(KEY)],
    ["HTML references", [...KEY].map((c) => `&#${c.charCodeAt(0)};`).join("")],
    ["base64", Buffer.from(`x-api-key: ${KEY}`).toString("base64")],
    ["base64url at another alignment", Buffer.from(`k=${KEY}!`).toString("base64url")],
  ])("finds the key %s", (_form, echoed) => {
    const out = redactSecrets(`before ${echoed} after`, [KEY]);
    expect(out).toContain(REDACTED);
    expect(out.toLowerCase()).not.toContain("hg_ab");
    expect(out).not.toContain(echoed);
  });

  it("redacts before a cut, so the cut cannot leave most of the key behind", () => {
    const text = `${"x".repeat(195)}${KEY}`;
    expect(redactSecrets(text, [KEY]).slice(0, 200)).not.toContain(KEY.slice(0, 5));
  });

  it("leaves other text alone and walks values, keys included", () => {
    expect(redactSecrets("nothing to see", [KEY])).toBe("nothing to see");
    expect(redactSecretsDeep({ [KEY]: [KEY, 1, null], ok: "fine" }, [KEY])).toEqual({
      [REDACTED]: [REDACTED, 1, null],
      ok: "fine",
    });
  });
});

describe("credentialProblem", () => {
  it("accepts a key of visible ASCII, long enough to redact safely", () => {
    expect(credentialProblem("hg_0123456789abcdef")).toBeNull();
  });

  it.each([
    ["a line break", "hg_0123456789ab\r\nX: 1"],
    ["a space", "hg_0123456789 abcdef"],
    ["a non-ASCII letter", "hg_0123456789abcdé"],
    ["too few characters", "x".repeat(MIN_CREDENTIAL_LENGTH - 1)],
  ])("refuses %s without echoing the key", (_what, key) => {
    const problem = credentialProblem(key);
    expect(problem).toBeTruthy();
    expect(problem).not.toContain(key);
  });
});
