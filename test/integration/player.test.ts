/**
 * The finished-video player (MCP Apps): the ui:// resource is listed and reads as an MCP App page with a
 * video element and a CSP for HeyGen's media; get_video and wait_for_job link to it only for clients that
 * declare the UI extension, and everyone else gets the unchanged list.
 */
import { Client, InMemoryTransport } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLAYER_MIME, PLAYER_URI } from "../../src/player.js";
import { type Stack, startStack } from "../helpers/stack.js";

describe("video player resource", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ selection: { toolsets: ["default"] } });
  });
  afterAll(() => stack.close());

  it("is listed as an MCP App page", async () => {
    const { resources } = await stack.mcp.listResources();
    expect(resources).toContainEqual(expect.objectContaining({ uri: PLAYER_URI, mimeType: PLAYER_MIME }));
  });

  it("reads as text/html;profile=mcp-app with a video element and a CSP for HeyGen's media", async () => {
    const { contents } = await stack.mcp.readResource({ uri: PLAYER_URI });
    const page = contents[0] as unknown as {
      mimeType: string;
      text: string;
      _meta: { ui: { csp: { resourceDomains: string[] } } };
    };
    expect(page.mimeType).toBe("text/html;profile=mcp-app");
    expect(page.text).toMatch(/<video[^>]*id="video"/);
    expect(page.text).toContain("ui/notifications/tool-result");
    expect(page._meta.ui.csp.resourceDomains).toEqual(
      expect.arrayContaining(["https://files.heygen.ai", new URL(stack.sandbox.url).origin]),
    );
  });

  it("answers an unknown resource with an error naming it", async () => {
    await expect(stack.mcp.readResource({ uri: "ui://heygen/nope.html" })).rejects.toThrow(/nope\.html/);
  });

  it("leaves the tool list unchanged for a client without the UI extension", async () => {
    const { tools } = await stack.mcp.listTools();
    expect(tools.find((t) => t.name === "get_video")?._meta).toBeUndefined();
  });
});

describe("video player link for UI-capable clients", () => {
  it("links get_video and wait_for_job to the player, and nothing else", async () => {
    const stack = await startStack({ selection: { toolsets: ["default"] } });
    // A second client on the same server factory, declaring MCP Apps at initialize (2025 era).
    const ui = new Client(
      { name: "ui-host", version: "1.0.0" },
      { capabilities: { extensions: { "io.modelcontextprotocol/ui": { mimeTypes: [PLAYER_MIME] } } } },
    );
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await stack.connectServer(serverSide);
    await ui.connect(clientSide);
    try {
      const { tools } = await ui.listTools();
      const linked = tools.filter((t) => t._meta !== undefined).map((t) => t.name);
      expect(linked.sort()).toEqual(["get_video", "wait_for_job"]);
      expect(tools.find((t) => t.name === "get_video")?._meta).toMatchObject({
        ui: { resourceUri: PLAYER_URI },
        "ui/resourceUri": PLAYER_URI,
      });
    } finally {
      await ui.close();
      await stack.close();
    }
  });
});
