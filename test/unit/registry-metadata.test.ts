/**
 * server.json (MCP Registry, schema 2025-12-11) and manifest.json (MCP Bundle) describe this package: their
 * versions follow package.json, and every env var and flag they name is one the server accepts.
 * The registry's JSON Schema is not shipped in any npm package and its URL is unreachable offline, so the
 * shape checks below follow the schema's documented fields; mcpb validates manifest.json (bundle.test.ts).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { optionDocs } from "../../src/config.js";

const read = (file: string) => JSON.parse(readFileSync(file, "utf8"));
const pkg = read("package.json");
const server = read("server.json");
const manifest = read("manifest.json");
const envVars = new Set(optionDocs().map((o) => o.env));
const flags = new Set(optionDocs().map((o) => o.flag.split(" ")[0]));

describe("versions", () => {
  it("server.json, its npm package and manifest.json carry package.json's version", () => {
    expect(server.version).toBe(pkg.version);
    expect(server.packages[0].version).toBe(pkg.version);
    expect(manifest.version).toBe(pkg.version);
  });
});

describe("server.json", () => {
  it("names the current schema and this package, as the registry's npm ownership check requires", () => {
    expect(server.$schema).toBe("https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json");
    expect(server.name).toMatch(/^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/);
    expect(server.name).toBe(pkg.mcpName);
    expect(server.description.length).toBeGreaterThan(0);
    expect(server.description.length).toBeLessThanOrEqual(100);
    expect(Object.keys(server).sort()).toEqual([
      "$schema",
      "description",
      "name",
      "packages",
      "remotes",
      "title",
      "version",
    ]);
  });

  it("describes the npm package over stdio with env vars and flags the server accepts", () => {
    const [npm] = server.packages;
    expect(npm).toMatchObject({
      registryType: "npm",
      identifier: pkg.name,
      runtimeHint: "npx",
      transport: { type: "stdio" },
    });
    for (const v of npm.environmentVariables) {
      expect(envVars.has(v.name), v.name).toBe(true);
      expect(typeof v.description).toBe("string");
    }
    expect(npm.environmentVariables.find((v: { name: string }) => v.name === "HEYGEN_API_KEY")).toMatchObject({
      isSecret: true,
    });
    for (const a of npm.packageArguments) {
      expect(a.type).toBe("named");
      expect(flags.has(a.name), a.name).toBe(true);
    }
  });

  it("describes the remote endpoint: streamable HTTP at /mcp with a secret key header", () => {
    const [remote] = server.remotes;
    expect(remote.type).toBe("streamable-http");
    const vars = [...remote.url.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    expect(Object.keys(remote.variables)).toEqual(vars);
    expect(remote.url.replace(/\{\w+\}/g, "mcp.example.com")).toBe("https://mcp.example.com/mcp");
    expect(remote.headers[0]).toMatchObject({ name: "X-Api-Key", isRequired: true, isSecret: true });
  });
});

describe("manifest.json", () => {
  it("passes user_config to env vars the server reads", () => {
    const env = manifest.server.mcp_config.env as Record<string, string>;
    for (const [name, value] of Object.entries(env)) {
      expect(envVars.has(name), name).toBe(true);
      const key = /^\$\{user_config\.(\w+)\}$/.exec(value)?.[1] ?? "";
      expect(manifest.user_config[key], value).toBeDefined();
    }
  });
});
