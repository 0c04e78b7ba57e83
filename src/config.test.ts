import { describe, expect, it } from "vitest";
import { ConfigError, helpText, optionDocs, parseConfig } from "./config.js";

describe("parseConfig", () => {
  it("uses the defaults with nothing set", () => {
    const c = parseConfig([], {});
    expect(c).toMatchObject({
      baseUrl: "https://api.heygen.com",
      sandbox: false,
      toolsets: ["default"],
      tools: [],
      readOnly: false,
      logLevel: "info",
      maxRetries: 3,
    });
    expect(c.apiKey).toBeUndefined();
    expect(Object.isFrozen(c)).toBe(true);
  });

  it("reads env vars and lets flags win", () => {
    const env = { HEYGEN_API_KEY: "k1", HEYGEN_API_BASE_URL: "http://127.0.0.1:9/x", HEYGEN_MCP_TOOLSETS: "videos" };
    const c = parseConfig(["--toolsets", "voices,avatars", "--read-only", "--max-retries=5"], env);
    expect(c).toMatchObject({
      apiKey: "k1",
      baseUrl: "http://127.0.0.1:9/x",
      toolsets: ["voices", "avatars"],
      readOnly: true,
      maxRetries: 5,
    });
  });

  it("reads switches from text without treating 'false' as true", () => {
    expect(parseConfig([], { HEYGEN_MCP_READ_ONLY: "false" }).readOnly).toBe(false);
    expect(parseConfig(["--sandbox=false"], {}).sandbox).toBe(false);
    expect(parseConfig(["--sandbox"], {}).sandbox).toBe(true);
  });

  it("names the setting and its source in a one-line error", () => {
    expect(() => parseConfig(["--max-retries", "lots"], {})).toThrow(ConfigError);
    expect(() => parseConfig(["--max-retries", "lots"], {})).toThrow(/--max-retries/);
    expect(() => parseConfig([], { HEYGEN_API_BASE_URL: "not a url" })).toThrow(/HEYGEN_API_BASE_URL/);
    expect(() => parseConfig(["--toolsets", "videos,nope"], {})).toThrow(/--toolsets/);
    expect(() => parseConfig(["--bogus"], {})).toThrow(/unknown option --bogus/);
    expect(() => parseConfig(["--log-level"], {})).toThrow(/needs a value/);
  });
});

describe("help", () => {
  it("lists every flag with its env var and default", () => {
    const text = helpText("1.2.3");
    for (const o of optionDocs()) {
      expect(text).toContain(o.flag.split(" ")[0]);
      expect(text).toContain(o.env);
    }
    expect(text).toContain("HEYGEN_API_KEY");
    expect(text).toContain("default https://api.heygen.com");
  });
});
