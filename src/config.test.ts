import { describe, expect, it } from "vitest";
import { ConfigError, helpText, optionDocs, parseConfig, shutdownGraceOf } from "./config.js";

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

describe("shutdown grace", () => {
  it("defaults to a create's worst case and takes the setting when given", () => {
    // 4 attempts of 60 s, with 0.5 + 1 + 2 s of backoff ceilings between them.
    expect(shutdownGraceOf(parseConfig([], {}))).toBe(4 * 60_000 + 3_500);
    expect(shutdownGraceOf(parseConfig(["--shutdown-grace-ms", "2500"], {}))).toBe(2_500);
  });
});

describe("HTTP options", () => {
  it("defaults to loopback on 3000 with the documented limits", () => {
    expect(parseConfig([], {})).toMatchObject({
      http: false,
      host: "127.0.0.1",
      port: 3000,
      maxBodyBytes: 1024 * 1024,
      maxConcurrentPerKey: 8,
      maxConcurrent: 256,
      maxConnections: 1024,
      maxConnectionsPerAddress: 128,
      allowedHosts: [],
      corsOrigins: [],
      bearerAsApiKey: false,
    });
  });

  it("reads lists, switches and numbers from flags and env", () => {
    const c = parseConfig(["--http", "--host", "0.0.0.0", "--allowed-hosts", "mcp.example.com, other.example"], {
      HEYGEN_MCP_PORT: "8080",
      HEYGEN_MCP_AUTH_TOKEN: "0123456789abcdef",
      HEYGEN_MCP_CORS_ORIGINS: "https://app.example.com",
    });
    expect(c).toMatchObject({
      http: true,
      host: "0.0.0.0",
      port: 8080,
      authToken: "0123456789abcdef",
      allowedHosts: ["mcp.example.com", "other.example"],
      corsOrigins: ["https://app.example.com"],
    });
  });

  it("refuses a short auth token and a CORS origin that is not a URL", () => {
    expect(() => parseConfig(["--auth-token", "short"], {})).toThrow(/--auth-token: use at least 16 characters/);
    expect(() => parseConfig([], { HEYGEN_MCP_CORS_ORIGINS: "app.example.com" })).toThrow(/HEYGEN_MCP_CORS_ORIGINS/);
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
