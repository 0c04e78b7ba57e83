import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { createGuards } from "./guards.js";

const req = (headers: Record<string, string>, method = "POST") => ({ headers, method }) as IncomingMessage;

function fakeResponse() {
  const headers: Record<string, string> = {};
  const res = { setHeader: (name: string, value: string) => (headers[name] = value) } as unknown as ServerResponse;
  return { res, headers };
}

describe("createGuards", () => {
  const none = createGuards({ allowedHosts: [], allowedOrigins: [], corsOrigins: [] });

  it("allows loopback hosts on any port and refuses others", () => {
    expect(none.hostProblem(req({ host: "localhost:3000" }))).toBeNull();
    expect(none.hostProblem(req({ host: "[::1]:3000" }))).toBeNull();
    expect(none.hostProblem(req({ host: "127.0.0.1" }))).toBeNull();
    expect(none.hostProblem(req({ host: "attacker.example:3000" }))).toBe("Invalid Host: attacker.example");
    expect(none.hostProblem(req({}))).toMatch(/Missing Host/);
  });

  it("adds operator hosts given with or without a port, and * for any", () => {
    const g = createGuards({ allowedHosts: ["MCP.example.com:443"], allowedOrigins: [], corsOrigins: [] });
    expect(g.hostProblem(req({ host: "mcp.example.com" }))).toBeNull();
    const any = createGuards({ allowedHosts: ["*"], allowedOrigins: [], corsOrigins: [] });
    expect(any.hostProblem(req({ host: "whatever.example" }))).toBeNull();
  });

  it("lets requests without Origin pass, refuses foreign and opaque origins", () => {
    expect(none.originProblem(req({}))).toBeNull();
    expect(none.originProblem(req({ origin: "http://localhost:5173" }))).toBeNull();
    expect(none.originProblem(req({ origin: "https://evil.example" }))).toBe("Invalid Origin: evil.example");
    expect(none.originProblem(req({ origin: "null" }))).toMatch(/Invalid Origin header/);
  });

  it("treats a CORS origin as allowed and answers its preflight", () => {
    const g = createGuards({ allowedHosts: [], allowedOrigins: [], corsOrigins: ["https://app.example.com"] });
    expect(g.originProblem(req({ origin: "https://app.example.com" }))).toBeNull();
    const { res, headers } = fakeResponse();
    const pre = req(
      { origin: "https://app.example.com", "access-control-request-headers": "authorization, mcp-protocol-version" },
      "OPTIONS",
    );
    expect(g.applyCors(pre, res)).toBe(true);
    expect(headers).toMatchObject({
      "access-control-allow-origin": "https://app.example.com",
      "access-control-allow-headers": "authorization, mcp-protocol-version",
      vary: "Origin",
    });
    const other = fakeResponse();
    expect(g.applyCors(req({ origin: "http://localhost:5173" }), other.res)).toBe(false);
    expect(other.headers).toEqual({});
  });
});
