import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FilesFolder } from "../../src/files/folder.js";
import { type RunningSandbox, startSandbox } from "../../src/sandbox/index.js";
import { type FilesFixture, filesFixture } from "../helpers/files.js";
import { connectClient, type HttpStack, startHttpStack } from "../helpers/http-stack.js";

const HEADERS = { "x-api-key": "hg_files_http_key_0c7d" };
let sandbox: RunningSandbox;
let fx: FilesFixture;
const stacks: HttpStack[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({});
  fx = await filesFixture();
});
afterAll(async () => {
  await Promise.all(stacks.map((s) => s.close()));
  await sandbox.close();
  await fx.close();
});

async function uploadByPath(files?: FilesFolder) {
  const stack = await startHttpStack({ upstreamUrl: sandbox.url, ...(files ? { files } : {}) });
  stacks.push(stack);
  const client = await connectClient(stack, HEADERS);
  const res = await client.callTool({ name: "upload_asset", arguments: { file_path: "photo.png" } });
  await client.close();
  return res as { isError?: boolean; structuredContent?: Record<string, unknown>; content: { text: string }[] };
}

describe("local files over --http", () => {
  it("are off unless the operator sets a files folder", async () => {
    const res = await uploadByPath();
    expect(res.isError).toBe(true);
    expect(JSON.parse(res.content[0]?.text ?? "{}")).toMatchObject({
      code: "local_files_disabled",
      param: "file_path",
    });
  });

  it("work inside the folder the operator set", async () => {
    const res = await uploadByPath(await FilesFolder.open(fx.folder));
    expect(res.isError).toBeFalsy();
    expect(res.structuredContent).toMatchObject({ mime_type: "image/png" });
  });
});
