/**
 * The remote endpoint end to end: SDK clients (both protocol eras) → our HTTP server → the sandbox, all real
 * HTTP on loopback. The sandbox records the credential of every request it receives: the tenant oracle.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ManualClock, type RunningSandbox, startSandbox } from "../../src/sandbox/index.js";
import { allTools } from "../../src/tools/index.js";
import {
  callOk,
  connectClient,
  type Era,
  eventually,
  type HttpStack,
  type HttpStackOptions,
  rawRequest,
  rpcPost,
  type Structured,
  startHttpStack,
  videoArgs,
  WatchedClient,
} from "../helpers/http-stack.js";
import { type SandboxAdmin, sandboxAdmin } from "../helpers/stack.js";

const ALPHA = "hg_tenant_alpha_7d1e40";
const BETA = "hg_tenant_beta_93ac21";
const LIST = { jsonrpc: "2.0", id: 1, method: "tools/list" };
const ERAS: [Era, string][] = [
  ["legacy", "2025-11-25"],
  ["auto", "2026-07-28"],
];

let sandbox: RunningSandbox;
let admin: SandboxAdmin;
beforeAll(async () => {
  sandbox = await startSandbox({ clock: new ManualClock(Date.UTC(2026, 11, 3, 9, 0, 0)) });
  admin = sandboxAdmin(sandbox.url);
});
afterAll(() => sandbox.close());

const stacks: HttpStack[] = [];
async function stack(opts: Omit<HttpStackOptions, "upstreamUrl"> = {}): Promise<HttpStack> {
  const s = await startHttpStack({ upstreamUrl: sandbox.url, ...opts });
  stacks.push(s);
  return s;
}
afterEach(async () => {
  await admin.faults({ reset: true });
  // Finish every render a test started, so HeyGen's per-key job limit never carries into the next test.
  await admin.advance(3_600_000);
  await Promise.all(stacks.splice(0).map((s) => s.close()));
});

describe("tenants", () => {
  it("keeps 100 concurrent clients of two tenants apart: every upstream request carries its tenant's key", async () => {
    const s = await stack({ settings: { maxConcurrentPerKey: 100 } });
    const setup = await connectClient(s, { "x-api-key": ALPHA });
    const base = await videoArgs(setup);
    await setup.close();
    await admin.clearRequests();

    // Each client leaves its own mark in every request it causes (title, query or path), so each recorded
    // request names the client behind it. 16 clients also create a video: under HeyGen's 10-jobs-per-key limit.
    const created = new Map<string, string>();
    const runs = Array.from({ length: 100 }, async (_, i) => {
      const tenant = i % 2 === 0 ? "alpha" : "beta";
      const mark = `${tenant}#${i}#`;
      const [mode, version] = i % 4 < 2 ? (["legacy", "2025-11-25"] as const) : (["auto", "2026-07-28"] as const);
      const client = await connectClient(s, { "x-api-key": tenant === "alpha" ? ALPHA : BETA }, mode);
      try {
        expect(client.getNegotiatedProtocolVersion()).toBe(version);
        if (i < 16) {
          const id = String((await callOk(client, "create_video_from_avatar", { ...base, title: mark })).video_id);
          created.set(id, tenant);
          expect(await callOk(client, "get_video", { video_id: id })).toMatchObject({ id, title: mark });
        } else {
          const missing = (await client.callTool({ name: "get_video", arguments: { video_id: mark } })) as Structured;
          expect(missing.isError).toBe(true);
        }
        const listed = await callOk(client, "list_videos", { title: mark });
        expect((listed.videos as { title: string }[]).map((v) => v.title)).toEqual(i < 16 ? [mark] : []);
      } finally {
        await client.close();
      }
    });
    await Promise.all(runs);

    const tenantOfKey = new Map([
      [ALPHA, "alpha"],
      [BETA, "beta"],
    ]);
    const recorded = await admin.requests();
    expect(recorded).toHaveLength(16 * 2 + 84 + 100);
    for (const r of recorded) {
      const tenant = tenantOfKey.get(r.api_key ?? "");
      const pathId = decodeURIComponent(r.path.split("/").at(-1) ?? "");
      const mark =
        r.method === "POST"
          ? (r.body as { title: string }).title
          : r.path === "/v3/videos"
            ? String(r.query.title)
            : (created.get(pathId) ?? pathId);
      expect(mark.startsWith(tenant ?? "no tenant")).toBe(true);
    }
    expect(s.logLines.join("\n")).not.toMatch(new RegExp(`${ALPHA}|${BETA}`));
  });

  it("refuses a client without a credential with 401 and says what to send", async () => {
    const s = await stack();
    await expect(connectClient(s, {})).rejects.toThrow();
    const res = await rpcPost(s, LIST);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
    expect(JSON.stringify(await res.json())).toContain("X-Api-Key");
  });
});

describe.each(ERAS)("operator mode with a server key (%s)", (mode) => {
  const token = "operator-auth-token-5a0e9c";
  const serverKey = "hg_server_wide_key_42b7";

  it("refuses a wrong token and spends the server key for the right one", async () => {
    const s = await stack({ apiKey: serverKey, authToken: token });
    await expect(connectClient(s, { authorization: "Bearer not-the-token-000000" }, mode)).rejects.toThrow();
    const wrong = await rpcPost(s, LIST, { authorization: "Bearer x" });
    expect(wrong.status).toBe(401);
    await admin.clearRequests();
    const client = await connectClient(s, { authorization: `Bearer ${token}`, "x-api-key": ALPHA }, mode);
    await callOk(client, "get_current_user");
    await client.close();
    expect((await admin.requests()).map((r) => r.api_key)).toEqual([serverKey]);
    expect(s.logLines.join("\n")).not.toMatch(new RegExp(`${token}|${serverKey}`));
  });
});

// find_tools is served whatever the narrowing: it is the way to the rest.
const VOICE_TOOLS = allTools.filter((d) => d.toolset === "voices" || d.name === "find_tools").map((d) => d.name);
const VOICE_READ_TOOLS = allTools
  .filter((d) => (d.toolset === "voices" && d.annotations.readOnlyHint) || d.name === "find_tools")
  .map((d) => d.name);

describe.each(ERAS)("tool narrowing by header (%s)", (mode) => {
  const list = async (s: HttpStack, headers: Record<string, string>) => {
    const client = await connectClient(s, { "x-api-key": ALPHA, ...headers }, mode);
    const names = (await client.listTools()).tools.map((t) => t.name);
    await client.close();
    return names;
  };

  it("hides create tools under X-MCP-Read-Only and narrows by X-MCP-Toolsets", async () => {
    const s = await stack();
    const all = await list(s, {});
    expect(all).toContain("create_video_from_avatar");
    const readOnly = await list(s, { "x-mcp-read-only": "true" });
    expect(readOnly).toContain("get_video");
    expect(readOnly).not.toContain("create_video_from_avatar");
    expect(await list(s, { "x-mcp-toolsets": "voices" })).toEqual(VOICE_TOOLS);
  });

  it("cannot widen past the operator's selection, and rejects unknown names with 400", async () => {
    const s = await stack({ selection: { toolsets: ["voices"], readOnly: true } });
    const widened = await list(s, { "x-mcp-toolsets": "all", "x-mcp-read-only": "false" });
    expect(widened).toEqual(VOICE_READ_TOOLS);
    expect(await list(s, { "x-mcp-tools": "create_video_from_avatar,get_voice" })).toEqual(["find_tools", "get_voice"]);
    const res = await rpcPost(s, LIST, { "x-api-key": ALPHA, "x-mcp-toolsets": "voices,spaceships" });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("spaceships");
  });
});

describe("hostile input", () => {
  it("answers a rebinding Host and a foreign Origin with 403", async () => {
    const s = await stack();
    const post = (headers: Record<string, string>) =>
      rawRequest(s.mcpUrl.href, {
        method: "POST",
        headers: { "x-api-key": ALPHA, "content-type": "application/json", ...headers },
        body: JSON.stringify(LIST),
      });
    expect((await post({ host: "attacker.example" })).status).toBe(403);
    expect((await post({ origin: "https://attacker.example" })).status).toBe(403);
  });

  it("answers an oversized call with 413 and malformed JSON with a parse error, then keeps serving", async () => {
    const s = await stack({ settings: { maxBodyBytes: 4096 } });
    const client = await connectClient(s, { "x-api-key": ALPHA });
    const huge = { avatar_id: "a", voice_id: "v", script: "x".repeat(5000) };
    await expect(client.callTool({ name: "create_video_from_avatar", arguments: huge })).rejects.toThrow(
      /must not exceed 4096 bytes/,
    );
    const bad = await rpcPost(s, '{"jsonrpc":"2.0","id":1,"method":', { "x-api-key": ALPHA });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: -32700 } });
    await callOk(client, "get_current_user");
    await client.close();
  });
});

describe("disconnects and shutdown", () => {
  it.each(ERAS)("stops the HeyGen call when a %s client goes away mid-call, and keeps serving", async (mode) => {
    const heygen = new WatchedClient(sandbox.url);
    const s = await stack({ client: heygen });
    const client = await connectClient(s, { "x-api-key": ALPHA }, mode);
    const base = await videoArgs(client);
    heygen.outcomes.length = 0;
    await admin.faults({ create_delay_ms: 5_000 });
    const ac = new AbortController();
    // Its own title per era: the other era's identical create may still be running at HeyGen (same derived key).
    const args = { ...base, title: `goes away ${mode}` };
    const call = client.callTool({ name: "create_video_from_avatar", arguments: args }, { signal: ac.signal });
    await eventually(() => heygen.outcomes.length === 1);
    // A 2026-07-28 client closes the request on abort; a 2025 one only cancels in-band, so it disconnects.
    if (mode === "auto") ac.abort("user cancelled");
    else await client.close();
    await expect(call).rejects.toThrow();
    await eventually(() => heygen.outcomes[0] !== undefined, 2_000);
    // The create was already sent when the call was cancelled: it may have gone through, and says so.
    expect(heygen.outcomes).toEqual(["client_create_outcome_unknown"]);
    await eventually(() => s.server.inFlight === 0, 2_000);

    const again = await connectClient(s, { "x-api-key": ALPHA }, mode);
    await callOk(again, "get_current_user");
    await again.close();
    await client.close();
  });

  it("finishes an in-flight call on shutdown and refuses new work while draining", async () => {
    const heygen = new WatchedClient(sandbox.url);
    const s = await stack({ client: heygen });
    const client = await connectClient(s, { "x-api-key": ALPHA });
    const base = await videoArgs(client);
    heygen.outcomes.length = 0;
    await admin.faults({ create_delay_ms: 300 });
    // Its own title: an identical create cancelled by the test above may still be running at HeyGen.
    const call = callOk(client, "create_video_from_avatar", { ...base, title: "shutdown" });
    await eventually(() => heygen.outcomes.length === 1);
    const stopping = s.server.shutdown(10_000);
    const late = await rpcPost(s, LIST, { "x-api-key": ALPHA }).catch(() => undefined);
    expect(late?.status ?? "connection refused").not.toBe(200);
    expect(await call).toMatchObject({ video_id: expect.any(String) });
    expect(await stopping).toEqual({ completed: true });
    await client.close();
  });
});

const CLI = "dist/heygen-mcp.js";

describe.runIf(existsSync(CLI))("the built CLI", () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child?.exitCode === null) child.kill("SIGKILL");
  });

  it("completes an in-flight call on SIGTERM, then exits 0", async () => {
    child = spawn(process.execPath, [CLI, "--http", "--sandbox", "--port", "0"], {
      env: { PATH: process.env.PATH ?? "" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const proc = child;
    const lines: Record<string, unknown>[] = [];
    proc.stderr?.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line));
    });
    const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
    const field = (msg: string, key: string) => lines.find((l) => l.msg === msg)?.[key];
    await eventually(() => field("serving", "url") !== undefined, 10_000);
    const mcpUrl = new URL(String(field("serving", "url")));
    expect(await (await fetch(new URL("/healthz", mcpUrl))).json()).toEqual({ status: "ok" });
    expect((await fetch(new URL("/readyz", mcpUrl))).status).toBe(200);
    const cliSandbox = sandboxAdmin(String(field("sandbox_started", "url")));

    const client = new Client({ name: "sigterm-test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(mcpUrl));
    const base = await videoArgs(client);
    await cliSandbox.faults({ create_delay_ms: 1_500 });
    const call = callOk(client, "create_video_from_avatar", base);
    // No outside signal says the server has begun the call; the 1.5 s upstream delay leaves a wide margin.
    await new Promise((r) => setTimeout(r, 300));
    proc.kill("SIGTERM");
    expect(await call).toMatchObject({ video_id: expect.any(String) });
    expect(await exited).toBe(0);
    expect(lines.find((l) => l.msg === "stopped")).toMatchObject({ completed: true });
    await client.close();
  });

  it("refuses a server key without an auth token: exit 2 with one line", async () => {
    const proc = spawn(process.execPath, [CLI, "--http"], {
      env: { PATH: process.env.PATH ?? "", HEYGEN_API_KEY: "hg_some_key_000" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    proc.stderr?.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    const code = await new Promise<number | null>((resolve) => proc.once("exit", resolve));
    expect(code).toBe(2);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain("--auth-token");
    expect(stderr).not.toContain("hg_some_key_000");
  });
});
