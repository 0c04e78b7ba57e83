// `npm run demo`: start `heygen-mcp --sandbox` over stdio as a real MCP client would, and walk the core flow.
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";

const client = new Client({ name: "heygen-mcp-demo", version: "1.0.0" });
await client.connect(
  new StdioClientTransport({
    command: process.execPath,
    args: ["dist/heygen-mcp.js", "--sandbox", "--log-level", "warn"],
    stderr: "inherit",
  }),
);

async function step(name, args = {}) {
  const res = await client.callTool({ name, arguments: args });
  const text = res.content.map((c) => c.text).join("\n");
  console.log(`\n> ${name} ${JSON.stringify(args)}\n${text.length > 600 ? `${text.slice(0, 600)}…` : text}`);
  if (res.isError) throw new Error(`${name} failed`);
  return res.structuredContent;
}

try {
  const { tools } = await client.listTools();
  console.log(
    `connected: ${client.getServerVersion()?.name} ${client.getServerVersion()?.version}, protocol ${client.getNegotiatedProtocolVersion()}, ${tools.length} tools`,
  );
  await step("get_current_user");
  const { looks } = await step("list_avatar_looks", { limit: 3 });
  const look = looks[0];
  const { voices } = await step("list_voices", { language: "English", limit: 3 });
  const voiceId = look.default_voice_id ?? voices[0].voice_id;
  const { video_id } = await step("create_video_from_avatar", {
    avatar_id: look.id,
    voice_id: voiceId,
    script: "Hi! This video was made by heygen-mcp against its sandbox.",
    title: "heygen-mcp demo",
  });
  let video;
  for (let i = 0; i < 60; i++) {
    video = await step("get_video", { video_id });
    if (video.status === "completed" || video.status === "failed") break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  if (video.status !== "completed") throw new Error(`video ended ${video.status}`);
  await step("list_videos", { limit: 3 });
  await step("delete_video", { video_id });
  console.log("\ndemo complete: the same tools work against the real API with HEYGEN_API_KEY set.");
} finally {
  await client.close();
}
