import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../sandbox/index.js";
import { allTools } from "../tools/index.js";
import { listEntry, selectTools } from "../tools/registry.js";
import { ALL_TOOLSETS } from "../tools/toolsets.js";
import { type DoctorEnv, estimateListTokens, runDoctor } from "./doctor.js";

const KEY = "hg_doctor_secret_key_1f9e";
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

async function doctor(argv: string[], env: NodeJS.ProcessEnv = {}, nodeVersion = "v24.0.0") {
  const lines: string[] = [];
  const d: DoctorEnv = {
    argv,
    env,
    cwd: process.cwd(),
    nodeVersion,
    write: (l) => lines.push(l),
    async startSandbox() {
      const own = await startSandbox();
      return { url: own.url, key: "heygen-mcp-sandbox-key", close: () => own.close() };
    },
  };
  const code = await runDoctor(d);
  return { code, out: lines.join("\n"), lines };
}

describe("heygen-mcp doctor", () => {
  it("--sandbox: every check passes and exits 0", async () => {
    const { code, out } = await doctor(["--sandbox"]);
    expect(code).toBe(0);
    expect(out).toMatch(/^ok {4}Node\.js v24\.0\.0$/m);
    expect(out).toMatch(/ok {4}toolsets default: \d+ tools, tools\/list ≈ [\d,]+ tokens \(estimated/);
    expect(out).toMatch(/ok {4}http:\/\/127\.0\.0\.1:\d+ answered in \d+ ms/);
    expect(out).toMatch(/ok {4}key accepted: account sandbox_\w+, billing wallet, 100 USD left/);
    expect(out).toMatch(/All checks passed\.$/);
  });

  it("a valid key against a HeyGen-compatible base URL: account, billing and balance, never the key", async () => {
    const { code, out } = await doctor([], { HEYGEN_API_KEY: KEY, HEYGEN_API_BASE_URL: sandbox.url });
    expect(code).toBe(0);
    expect(out).toContain("billing wallet");
    expect(out).not.toContain(KEY);
  });

  it("a rejected key: exit 1 with the exact fix, and the key is not printed", async () => {
    const bad = "invalid_doctor_key_77";
    const { code, out } = await doctor(["--base-url", sandbox.url], { HEYGEN_API_KEY: bad });
    expect(code).toBe(1);
    expect(out).toMatch(/FAIL {2}key check failed: \w+ \(HTTP 401\).*replace HEYGEN_API_KEY with a current key/);
    expect(out).not.toContain(bad);
  });

  it("no key: exit 1, says where to set it or to use --sandbox", async () => {
    const { code, out } = await doctor(["--base-url", sandbox.url]);
    expect(code).toBe(1);
    expect(out).toMatch(/FAIL {2}no HeyGen API key: set HEYGEN_API_KEY .* or add --sandbox/);
    expect(out).toMatch(/1 check failed\.$/);
  });

  it("an unreachable base URL fails and the key is left unchecked", async () => {
    const { code, out } = await doctor(["--base-url", "http://127.0.0.1:9", "--timeout-ms", "2000"], {
      HEYGEN_API_KEY: KEY,
    });
    expect(code).toBe(1);
    expect(out).toMatch(/FAIL {2}http:\/\/127\.0\.0\.1:9 is not reachable/);
    expect(out).toContain("cannot be checked while HeyGen is unreachable");
  });

  it("an old Node and a bad setting both fail", async () => {
    expect((await doctor(["--sandbox"], {}, "v20.11.0")).out).toMatch(/FAIL {2}Node\.js v20\.11\.0: 22\+ is needed/);
    const bad = await doctor(["--toolsets", "nope"]);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/FAIL {2}invalid --toolsets/);
  });

  it("--http: bind address, allowed hosts and auth mode; a server-wide key without a token fails", async () => {
    const open = await doctor(["--http", "--sandbox", "--host", "0.0.0.0", "--allowed-hosts", "mcp.example.com"]);
    expect(open.code).toBe(0);
    expect(open.out).toMatch(/ok {4}--http: binds 0\.0\.0\.0:3000, allowed hosts: mcp\.example\.com; auth: sandbox/);
    const token = "tok_0123456789abcdef";
    const operator = await doctor(["--http", "--base-url", sandbox.url], {
      HEYGEN_API_KEY: KEY,
      HEYGEN_MCP_AUTH_TOKEN: token,
    });
    expect(operator.out).toMatch(/auth: server-wide key; clients send Authorization: Bearer <auth token>/);
    expect(operator.out).not.toContain(token);
    const unguarded = await doctor(["--http", "--base-url", sandbox.url], { HEYGEN_API_KEY: KEY });
    expect(unguarded.code).toBe(1);
    expect(unguarded.out).toMatch(/FAIL {2}--http with a server-wide key needs --auth-token/);
  });

  it("checks the files folder: the working directory by default, --files-dir when set, off for --http", async () => {
    const dir = mkdtempSync(join(tmpdir(), "doctor-files-"));
    try {
      expect((await doctor(["--sandbox"])).out).toMatch(/ok {4}files folder \/.+: readable, writable/);
      expect((await doctor(["--sandbox", "--files-dir", dir])).out).toContain(`files folder ${dir}: readable`);
      const missing = await doctor(["--sandbox", "--files-dir", join(dir, "nope")]);
      expect(missing.code).toBe(1);
      expect(missing.out).toMatch(/FAIL {2}files folder .*nope is not a readable directory/);
      expect((await doctor(["--http", "--sandbox"])).out).toContain("files folder: off");
      if (process.getuid?.() !== 0) {
        chmodSync(dir, 0o000);
        expect((await doctor(["--sandbox", "--files-dir", dir])).code).toBe(1);
      }
    } finally {
      chmodSync(dir, 0o700);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reports the narrowed tool count for --read-only and --toolsets", async () => {
    const { out } = await doctor(["--sandbox", "--toolsets", "videos", "--read-only"]);
    const expected = selectTools(allTools, { toolsets: ["videos"], tools: [], excludeTools: [], readOnly: true });
    expect(out).toContain(`toolsets videos (read-only): ${expected.length} tools`);
  });
});

describe("the tools/list token estimate", () => {
  const none = { tools: [], excludeTools: [], readOnly: false };
  it.each(["default", "all", ...ALL_TOOLSETS])(
    "stays within 10%% of the o200k count for toolset %s",
    (toolset: string) => {
      const tools = selectTools(allTools, { ...none, toolsets: [toolset] });
      const exact = countTokens(JSON.stringify({ tools: tools.map(listEntry) }));
      expect(Math.abs(estimateListTokens(tools) - exact) / exact).toBeLessThan(0.1);
    },
  );
});
