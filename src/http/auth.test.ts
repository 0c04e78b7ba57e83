import { describe, expect, it } from "vitest";
import { authorize, authPolicy, authStartupProblem, credentialId, tokenMatches } from "./auth.js";

const perRequest = authPolicy({ sandbox: false, bearerAsApiKey: false }, "sandbox");
const TOKEN = "endpoint-token-0123456789";

describe("authorize without an endpoint token", () => {
  it("uses X-Api-Key as an API key, ahead of Authorization", () => {
    expect(authorize({ "x-api-key": "hg_key_000000000001", authorization: "Bearer t" }, perRequest)).toEqual({
      ok: true,
      credential: { kind: "api_key", value: "hg_key_000000000001" },
    });
  });

  it("forwards a bearer token as a bearer token, or as an API key when the operator says so", () => {
    expect(authorize({ authorization: "Bearer tok.0000000000000001" }, perRequest)).toMatchObject({
      credential: { kind: "bearer", value: "tok.0000000000000001" },
    });
    const asKey = authPolicy({ sandbox: false, bearerAsApiKey: true }, "sandbox");
    expect(authorize({ authorization: "bearer tok.0000000000000001" }, asKey)).toMatchObject({
      credential: { kind: "api_key", value: "tok.0000000000000001" },
    });
  });

  it("says what to send when nothing is sent", () => {
    const out = authorize({}, perRequest);
    expect(out).toMatchObject({ ok: false, error: "missing_credential" });
    expect(out.ok ? "" : out.message).toContain("X-Api-Key");
  });

  it("rejects other schemes and header-smuggling characters", () => {
    expect(authorize({ authorization: "Basic abc" }, perRequest)).toMatchObject({ error: "invalid_token" });
    expect(authorize({ "x-api-key": "a b" }, perRequest)).toMatchObject({ error: "invalid_token" });
    expect(authorize({ "x-api-key": "k\u00e9y" }, perRequest)).toMatchObject({ error: "invalid_token" });
    expect(authorize({ "x-api-key": "hg_key_0000\r\nx: 1" }, perRequest)).toMatchObject({ error: "invalid_token" });
  });

  it("refuses credentials too short to be redacted, and accepts short stand-in keys the redactor can find", () => {
    const out = authorize({ "x-api-key": "abc" }, perRequest);
    expect(out).toMatchObject({ ok: false, error: "invalid_token" });
    expect(out.ok ? "" : out.message).toContain("4-4096 visible ASCII characters");
    expect(authorize({ authorization: "Bearer key" }, perRequest)).toMatchObject({ error: "invalid_token" });
    expect(authorize({ "x-api-key": "test" }, perRequest)).toMatchObject({ credential: { value: "test" } });
  });

  it("falls back to the sandbox key only in sandbox mode", () => {
    const sandbox = authPolicy({ sandbox: true, bearerAsApiKey: false }, "sandbox");
    expect(authorize({}, sandbox)).toMatchObject({ credential: { kind: "api_key", value: "sandbox" } });
    expect(authorize({ "x-api-key": "own_key_00000000000" }, sandbox)).toMatchObject({
      credential: { value: "own_key_00000000000" },
    });
  });
});

describe("authorize with an endpoint token", () => {
  const serverKey = authPolicy({ apiKey: "hg_server", authToken: TOKEN, sandbox: false, bearerAsApiKey: false }, "x");

  it("requires the token and then uses the server key, whatever X-Api-Key says", () => {
    expect(authorize({ "x-api-key": "mine_key_0000000000" }, serverKey)).toMatchObject({ error: "missing_credential" });
    expect(authorize({ authorization: `Bearer ${TOKEN}x` }, serverKey)).toMatchObject({ error: "invalid_token" });
    expect(
      authorize({ authorization: `Bearer ${TOKEN}`, "x-api-key": "mine_key_0000000000" }, serverKey),
    ).toMatchObject({
      ok: true,
      credential: { kind: "api_key", value: "hg_server" },
    });
  });

  it("takes the tenant's X-Api-Key when the operator has no server key", () => {
    const gate = authPolicy({ authToken: TOKEN, sandbox: false, bearerAsApiKey: false }, "x");
    expect(authorize({ authorization: `Bearer ${TOKEN}` }, gate)).toMatchObject({ error: "missing_credential" });
    expect(authorize({ authorization: `Bearer ${TOKEN}`, "x-api-key": "tenant_key_0000001" }, gate)).toMatchObject({
      credential: { value: "tenant_key_0000001" },
    });
  });
});

describe("helpers", () => {
  it("compares tokens of any length without throwing", () => {
    const hash = authPolicy({ authToken: TOKEN, sandbox: false, bearerAsApiKey: false }, "x").authTokenHash;
    if (!hash) throw new Error("no hash");
    expect(tokenMatches(hash, TOKEN)).toBe(true);
    expect(tokenMatches(hash, "short")).toBe(false);
    expect(tokenMatches(hash, TOKEN.repeat(50))).toBe(false);
  });

  it("names a credential by a hash that does not contain it", () => {
    const id = credentialId({ kind: "api_key", value: "hg_secret_1" });
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(id).not.toBe(credentialId({ kind: "bearer", value: "hg_secret_1" }));
  });

  it("refuses a server key without an endpoint token, except in sandbox mode", () => {
    expect(authStartupProblem({ apiKey: "k", sandbox: false, bearerAsApiKey: false })).toMatch(/--auth-token/);
    expect(authStartupProblem({ apiKey: "k", authToken: TOKEN, sandbox: false, bearerAsApiKey: false })).toBeNull();
    expect(authStartupProblem({ apiKey: "k", sandbox: true, bearerAsApiKey: false })).toBeNull();
    expect(authStartupProblem({ sandbox: false, bearerAsApiKey: false })).toBeNull();
  });
});
