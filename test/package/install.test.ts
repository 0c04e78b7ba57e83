/**
 * The package as a user gets it: `npm pack` of this checkout, installed into an empty folder (nothing but the
 * tarball; the package has no dependencies, so --offline proves nothing is fetched), then its bin run the way
 * a shell or an MCP client runs it. `npm test` builds dist/ first; packing skips the prepare build so this
 * test never rewrites the dist/ other tests are using.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as {
  version: string;
  scripts: Record<string, string>;
  dependencies?: Record<string, string>;
};
const CI = process.env.CI === "true";
// `env node` in the bin's shebang must find this test's Node (24), not the machine's older one.
const PATH = [dirname(process.execPath), process.env.PATH ?? ""].join(delimiter);

let root: string;
let tarball: string;
let bin: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "heygen-mcp-pack-"));
  const [packed] = JSON.parse(
    execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", root], { encoding: "utf8" }),
  ) as { filename: string }[];
  tarball = join(root, packed?.filename ?? "");
  const app = join(root, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), '{ "name": "empty", "private": true }\n');
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", tarball], { cwd: app, stdio: "pipe" });
  bin = join(app, "node_modules", ".bin", "heygen-mcp");
}, 120_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(bin, args, { encoding: "utf8", env: { PATH, ...env }, timeout: 30_000 });

describe("the packed package", () => {
  it("builds on prepare, so git installs and a fresh clone's npm pack carry dist/", () => {
    expect(pkg.scripts.prepare).toBe("node scripts/build.mjs");
    expect(pkg.dependencies ?? {}).toEqual({});
  });

  it("holds the runnable dist/ and no source maps or sources", () => {
    const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).trim().split("\n");
    expect(files).toEqual(expect.arrayContaining(["package/dist/heygen-mcp.js", "package/dist/main.js"]));
    expect(files.filter((f) => f.endsWith(".map") || f.startsWith("package/src/"))).toEqual([]);
  });

  it("installs nothing but itself", () => {
    const installed = readdirSync(join(root, "app", "node_modules")).filter((n) => !n.startsWith("."));
    expect(installed).toEqual(["heygen-mcp"]);
  });

  it("runs --version and --help from the installed bin", () => {
    const version = run(["--version"]);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);
    const help = run(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("heygen-mcp print-config <client>");
    expect(help.stdout).toContain("heygen-mcp doctor");
  });

  it("serves tools/list over stdio with --sandbox, started from the config print-config wrote", async () => {
    const printed = run(["print-config", "claude-desktop", "--sandbox"]);
    expect(printed.status).toBe(0);
    const entry = JSON.parse(printed.stdout).mcpServers.heygen as { command: string; args: string[] };
    // Not run through npx, so the config names this install's entry by absolute path.
    expect(entry.args[0]).toBe(realpathSync(bin));
    const transport = new StdioClientTransport({
      command: entry.command,
      args: entry.args,
      env: { PATH },
      stderr: "pipe",
    });
    const client = new Client({ name: "install-test", version: "1.0.0" });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain("create_video_from_avatar");
    } finally {
      await client.close();
    }
  });

  it("runs the standalone sandbox that a server reaches through HEYGEN_API_BASE_URL", async () => {
    const sandbox = spawn(bin, ["sandbox", "--port", "0"], { env: { PATH }, stdio: ["ignore", "ignore", "pipe"] });
    try {
      const [chunk] = (await once(sandbox.stderr, "data")) as [Buffer];
      const { sandbox: url } = JSON.parse(chunk.toString()) as { sandbox: string };
      const transport = new StdioClientTransport({
        command: bin,
        env: { PATH, HEYGEN_API_BASE_URL: url, HEYGEN_API_KEY: "my-sandbox-test-key" },
        stderr: "pipe",
      });
      const client = new Client({ name: "install-test", version: "1.0.0" });
      await client.connect(transport);
      try {
        const me = await client.callTool({ name: "get_current_user", arguments: {} });
        expect(me.isError).toBeFalsy();
      } finally {
        await client.close();
      }
    } finally {
      sandbox.kill("SIGTERM");
    }
  });

  it("doctor --sandbox passes from the installed copy", () => {
    const doctor = run(["doctor", "--sandbox"]);
    expect(doctor.stdout).toContain("All checks passed.");
    expect(doctor.status).toBe(0);
  });
});

/** A Node older than 22 on this machine: HEYGEN_MCP_OLD_NODE, the system Node, or one .ci/run installed. */
function findOldNode(): string | undefined {
  const candidates = [
    process.env.HEYGEN_MCP_OLD_NODE,
    "/usr/bin/node",
    "/usr/local/bin/node",
    join(homedir(), ".node20", "node_modules", ".bin", "node"),
  ];
  for (const candidate of candidates) {
    if (!candidate || !existsSync(candidate)) continue;
    const version = spawnSync(candidate, ["-p", "process.versions.node"], { encoding: "utf8" }).stdout?.trim() ?? "";
    if (Number(version.split(".")[0]) < 22) return candidate;
  }
  return undefined;
}

describe("on Node < 22", () => {
  it("the bin exits 2 with one line naming the Node found and Node 22", (ctx) => {
    const oldNode = findOldNode();
    if (!oldNode) {
      if (CI) throw new Error("CI needs a Node < 22 for this test (.ci/run installs node@20 into ~/.node20)");
      ctx.skip();
      return;
    }
    const res = spawnSync(oldNode, [realpathSync(bin), "--sandbox"], { encoding: "utf8", timeout: 30_000 });
    expect(res.status).toBe(2);
    expect(res.stdout).toBe("");
    const lines = res.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^heygen-mcp: Node\.js v(1\d|2[01])\.\d+\.\d+ found, but heygen-mcp needs Node\.js 22 or newer/,
    );
    expect(lines[0]).toContain("https://nodejs.org");
  });
});
