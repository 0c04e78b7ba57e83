import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dataOf,
  errorOf,
  type Harness,
  hasOperations,
  KEY,
  OPERATIONS_PATH,
  responseErrors,
  startHarness,
} from "./test-support.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.sandbox.close());

describe("envelopes and auth", () => {
  it("answers { data } with an X-Request-Id", async () => {
    const res = await h.api("/v3/users/me");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
    expect(dataOf(res)).toMatchObject({ billing_type: "wallet", wallet: { currency: "usd", remaining_balance: 100 } });
  });

  it("401 without a key and for an invalid key, with the error envelope", async () => {
    for (const key of [null, "invalid_key_123"]) {
      const res = await h.api("/v3/users/me", { key });
      expect(res.status).toBe(401);
      expect(res.headers.get("x-request-id")).toBeTruthy();
      expect(errorOf(res)).toEqual({
        code: "unauthorized",
        message: expect.any(String),
        param: null,
        doc_url: "https://developers.heygen.com/docs/error-codes#unauthorized",
      });
    }
  });

  it("accepts a bearer token and reports subscription billing", async () => {
    const res = await h.api("/v3/users/me", { key: null, headers: { authorization: "Bearer oauth_token_abc" } });
    expect(res.status).toBe(200);
    expect(dataOf(res)).toMatchObject({
      billing_type: "subscription",
      wallet: null,
      subscription: { plan: "creator" },
    });
  });

  it("404 not_found for an unknown route, 405 for a wrong method", async () => {
    const missing = await h.api("/v3/nothing-here");
    expect(missing.status).toBe(404);
    expect(errorOf(missing).code).toBe("not_found");
    const wrong = await h.api("/v3/users/me", { method: "DELETE" });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET");
    expect(errorOf(wrong)).toMatchObject({ code: "method_not_allowed" });
  });

  it("400 invalid_parameter for a non-JSON body", async () => {
    const res = await h.api("/v3/videos", { body: "{not json" });
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe("invalid_parameter");
  });

  it("logs every /v3 request with its credential", async () => {
    await h.admin("requests", undefined, "DELETE");
    await h.api("/v3/voices?limit=1");
    const log = dataOf<{ method: string; path: string; query: unknown; api_key: string; status: number }[]>(
      await h.admin("requests"),
    );
    expect(log).toEqual([
      expect.objectContaining({ method: "GET", path: "/v3/voices", query: { limit: "1" }, api_key: KEY, status: 200 }),
    ]);
  });
});

describe("catalog", () => {
  it("lists avatar groups and looks, with filters and lookups", async () => {
    const groups = await h.api("/v3/avatars?ownership=public");
    expect(dataOf<unknown[]>(groups).length).toBeGreaterThanOrEqual(6);
    const looks = await h.api("/v3/avatars/looks?avatar_type=photo_avatar");
    const lookData = dataOf<{ id: string; avatar_type: string; group_id: string }[]>(looks);
    expect(lookData.length).toBeGreaterThan(0);
    expect(lookData.every((l) => l.avatar_type === "photo_avatar")).toBe(true);
    const look = lookData[0];
    const one = await h.api(`/v3/avatars/looks/${look?.id}`);
    expect(dataOf(one)).toMatchObject({ id: look?.id });
    const group = await h.api(`/v3/avatars/${look?.group_id}`);
    expect(dataOf(group)).toMatchObject({ id: look?.group_id, looks_count: 2 });
    const byGroup = await h.api(`/v3/avatars/looks?group_id=${look?.group_id}`);
    expect(dataOf<unknown[]>(byGroup)).toHaveLength(2);
    expect(errorOf(await h.api("/v3/avatars/nope")).code).toBe("avatar_group_not_found");
    expect(errorOf(await h.api("/v3/avatars/looks/nope")).code).toBe("avatar_not_found");
    expect(errorOf(await h.api("/v3/avatars?ownership=mine")).param).toBe("ownership");
  });

  it("filters voices by engine, language and gender", async () => {
    const res = await h.api("/v3/voices?engine=starfish&language=english&gender=female&limit=100");
    const voices = dataOf<{ voice_id: string; language: string; gender: string }[]>(res);
    expect(voices.length).toBeGreaterThan(0);
    expect(voices.every((v) => v.language === "English" && v.gender === "female")).toBe(true);
    const first = voices[0];
    const one = await h.api(`/v3/voices/${first?.voice_id}`);
    expect(dataOf(one)).toMatchObject({ voice_id: first?.voice_id, support_pause: true });
    expect(errorOf(await h.api("/v3/voices/0000")).code).toBe("voice_not_found");
    expect(dataOf<unknown[]>(await h.api("/v3/voices?type=private"))).toEqual([]);
  });

  it("serves real preview media without auth", async () => {
    const voice = dataOf<{ preview_audio_url: string }[]>(await h.api("/v3/voices?limit=1"))[0];
    const res = await fetch(voice?.preview_audio_url ?? "");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("audio/mpeg");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get("content-length"))).toBe(bytes.length);
    expect(bytes.length).toBeGreaterThan(1000);
  });
});

describe("pagination", () => {
  it("pages through looks with an opaque cursor and ends with next_token null", async () => {
    const seen: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const res = await h.api(`/v3/avatars/looks?limit=4${token ? `&token=${token}` : ""}`);
      expect(res.status).toBe(200);
      const ids = dataOf<{ id: string }[]>(res).map((l) => l.id);
      seen.push(...ids);
      token = res.json.next_token as string | null;
      expect(res.json.has_more).toBe(token !== null);
      pages++;
    } while (token);
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(14);
  });

  it("rejects an out-of-range limit and a bad token", async () => {
    for (const q of ["limit=0", "limit=51", "limit=abc"]) {
      const res = await h.api(`/v3/avatars/looks?${q}`);
      expect(res.status).toBe(400);
      expect(errorOf(res)).toMatchObject({ code: "invalid_parameter", param: "limit" });
    }
    expect(errorOf(await h.api("/v3/videos?limit=101")).param).toBe("limit");
    expect((await h.api("/v3/voices?limit=100")).status).toBe(200);
    const bad = await h.api("/v3/voices?token=garbage");
    expect(errorOf(bad)).toMatchObject({ code: "invalid_parameter", param: "token" });
    const first = await h.api("/v3/avatars/looks?limit=1");
    const cross = await h.api(`/v3/voices?token=${first.json.next_token}`);
    expect(errorOf(cross).param).toBe("token");
  });
});

describe.runIf(hasOperations)("responses match HeyGen's schemas", () => {
  it("for users, avatars and voices", async () => {
    const look = dataOf<{ id: string; group_id: string }[]>(await h.api("/v3/avatars/looks?limit=1"))[0];
    const voice = dataOf<{ voice_id: string }[]>(await h.api("/v3/voices?limit=1"))[0];
    const cases: [string, string][] = [
      ["/v3/users/me", "/v3/users/me"],
      ["/v3/avatars", "/v3/avatars"],
      ["/v3/avatars/looks", "/v3/avatars/looks"],
      [`/v3/avatars/looks/${look?.id}`, "/v3/avatars/looks/{look_id}"],
      [`/v3/avatars/${look?.group_id}`, "/v3/avatars/{group_id}"],
      ["/v3/voices", "/v3/voices"],
      [`/v3/voices/${voice?.voice_id}`, "/v3/voices/{voice_id}"],
    ];
    for (const [path, template] of cases) {
      const res = await h.api(path);
      expect(res.status).toBe(200);
      expect(responseErrors("GET", template, res.json), template).toBeNull();
    }
    const bearer = await h.api("/v3/users/me", { key: null, headers: { authorization: "Bearer t0k" } });
    expect(responseErrors("GET", "/v3/users/me", bearer.json)).toBeNull();
  });
});

if (!hasOperations) console.error(`schema checks skipped: ${OPERATIONS_PATH} is absent`);
