/**
 * From the default set to every tool: find_tools lists, searches and enables toolsets; a call to a tool
 * that exists but is not served says which toolset holds it and how to get it, over stdio (session) and
 * stateless HTTP (header).
 */
import { existsSync } from "node:fs";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../../src/sandbox/index.js";
import { connectClient, type HttpStack, rpcPost, startHttpStack } from "../helpers/http-stack.js";
import { call, errorBody, type Stack, startStack } from "../helpers/stack.js";

const CLI = "dist/heygen-mcp.js";

describe("find_tools in a session (in-process, default set)", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ selection: { toolsets: ["default"] } });
  });
  afterAll(() => stack.close());

  it("answers a call to a tool of another toolset with an error naming the toolset and find_tools", async () => {
    const res = await call(stack, "create_webhook_endpoint", { url: "https://example.com/hook" });
    expect(res.isError).toBe(true);
    const body = errorBody(res);
    expect(body).toMatchObject({ code: "tool_not_enabled", param: "name", retryable: false });
    expect(body.message).toContain("webhooks toolset");
    expect(body.hint).toBe('Call find_tools with enable="webhooks". Then call create_webhook_endpoint again.');
  });

  it("answers a misspelt tool name with the closest one", async () => {
    const body = errorBody(await call(stack, "get_vidoe", { video_id: "v" }));
    expect(body).toMatchObject({ code: "unknown_tool" });
    expect(body.hint).toContain("Did you mean get_video");
  });

  it("names a misspelt argument and its closest valid name, not the missing one", async () => {
    const body = errorBody(await call(stack, "get_video", { videoId: "v1" }));
    expect(body).toMatchObject({ code: "invalid_parameter", param: "videoId" });
    expect(body.message).toBe('unknown argument "videoId"; did you mean "video_id"?');
    expect(body.hint).toBe('Call get_video again with "video_id" instead of "videoId".');
  });

  it("lists every toolset but itself, with one line and how many of its tools are served", async () => {
    const res = await call(stack, "find_tools");
    const toolsets = res.structuredContent?.toolsets as { name: string; about: string; served: string }[];
    expect(toolsets.map((t) => t.name)).toContain("webhooks");
    expect(toolsets.map((t) => t.name)).not.toContain("discovery");
    expect(toolsets.find((t) => t.name === "webhooks")?.served).toMatch(/^0\/\d+$/);
    for (const t of toolsets) expect(t.about).toMatch(/\.$/);
  });

  it("finds a tool by words, saying whether it is served and how to enable it", async () => {
    const res = await call(stack, "find_tools", { query: "clone voice" });
    const matches = res.structuredContent?.matches as { name: string; served: boolean }[];
    expect(matches[0]).toMatchObject({ name: "clone_voice", served: false });
    expect(res.structuredContent?.how).toContain('find_tools with enable="voices"');
  });

  it("enables a toolset for the session: tools/list_changed, then the tool is listed and callable", async () => {
    let changed = 0;
    stack.mcp.setNotificationHandler("notifications/tools/list_changed", () => {
      changed++;
    });
    const before = (await stack.mcp.listTools()).tools.map((t) => t.name);
    expect(before).not.toContain("list_webhook_endpoints");
    const res = await call(stack, "find_tools", { enable: "webhooks" });
    expect(res.structuredContent?.enabled).toContain("list_webhook_endpoints");
    await expect.poll(() => changed).toBe(1);
    const after = (await stack.mcp.listTools()).tools.map((t) => t.name);
    expect(after).toContain("list_webhook_endpoints");
    expect(after).toEqual(expect.arrayContaining(before));
    const listed = await call(stack, "list_webhook_endpoints");
    expect(listed.isError).toBeFalsy();
    const again = await call(stack, "find_tools", { enable: "webhooks" });
    expect(again.structuredContent?.how).toContain("already served");
  });
});

describe("find_tools over stateless HTTP", () => {
  let sandbox: RunningSandbox;
  let everything: HttpStack;
  let defaultOnly: HttpStack;
  beforeAll(async () => {
    sandbox = await startSandbox();
    everything = await startHttpStack({ upstreamUrl: sandbox.url, sandbox: true });
    defaultOnly = await startHttpStack({
      upstreamUrl: sandbox.url,
      sandbox: true,
      selection: { toolsets: ["default"] },
    });
  });
  afterAll(async () => {
    await everything.close();
    await defaultOnly.close();
    await sandbox.close();
  });

  it("names the exact X-MCP-Toolsets header when the client narrowed the list", async () => {
    const client = await connectClient(everything, { "x-mcp-toolsets": "default" });
    const res = (await client.callTool({ name: "find_tools", arguments: { enable: "webhooks" } })) as {
      structuredContent: { how: string; enabled?: string[] };
    };
    expect(res.structuredContent.enabled).toBeUndefined();
    expect(res.structuredContent.how).toContain('"X-MCP-Toolsets: default,webhooks"');
    const denied = (await client.callTool({ name: "list_webhook_endpoints", arguments: {} })) as {
      isError: boolean;
      content: { text: string }[];
    };
    expect(denied.isError).toBe(true);
    expect(JSON.parse(denied.content[0]?.text ?? "{}").hint).toContain("X-MCP-Toolsets: default,webhooks");
    await client.close();
  });

  it("says the operator must widen the endpoint when the toolset is outside its selection", async () => {
    const client = await connectClient(defaultOnly, {});
    const res = (await client.callTool({ name: "find_tools", arguments: { enable: "webhooks" } })) as {
      structuredContent: { how: string };
    };
    expect(res.structuredContent.how).toContain("--toolsets default,webhooks");
    await client.close();
  });

  it("refuses with 400 a header that leaves no tools, saying why", async () => {
    const res = await rpcPost(
      defaultOnly,
      { jsonrpc: "2.0", id: 1, method: "tools/list" },
      {
        "x-mcp-toolsets": "webhooks",
      },
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("leaves no tools");
  });
});

describe.runIf(existsSync(CLI) || process.env.CI === "true")("find_tools over stdio (built CLI)", () => {
  it.each(["legacy", "auto"] as const)("enables a toolset and announces it (%s)", async (mode) => {
    const client = new Client({ name: "discovery-test", version: "1.0.0" }, { versionNegotiation: { mode } });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [CLI, "--sandbox", "--toolsets", "+templates"],
        env: { PATH: process.env.PATH ?? "" },
        stderr: "pipe",
      }),
    );
    try {
      expect(client.getServerCapabilities()?.tools?.listChanged).toBe(true);
      const first = (await client.listTools()).tools.map((t) => t.name);
      expect(first).toEqual(expect.arrayContaining(["create_video_from_avatar", "list_templates", "find_tools"]));
      expect(first).not.toContain("list_webhook_endpoints");
      let changed = false;
      client.setNotificationHandler("notifications/tools/list_changed", () => {
        changed = true;
      });
      // 2026-07-28 delivers change notifications only on a subscriptions/listen stream the client opens.
      const subscription = mode === "auto" ? await client.listen({ toolsListChanged: true }) : undefined;
      await client.callTool({ name: "find_tools", arguments: { enable: "webhooks" } });
      await expect.poll(() => changed).toBe(true);
      expect((await client.listTools()).tools.map((t) => t.name)).toContain("list_webhook_endpoints");
      await subscription?.close();
    } finally {
      await client.close();
    }
  });
});
