/**
 * What a careless or hostile client sends in arguments: lone surrogates, bad %-escapes, prototype keys,
 * huge names. Each is a bad argument named by field (invalid_parameter), never an internal_error, and
 * nothing caller-chosen is echoed back at full length.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../../src/sandbox/index.js";
import { type HttpStack, rpcPost, startHttpStack } from "../helpers/http-stack.js";
import { TEST_KEY } from "../helpers/stack.js";

let sandbox: RunningSandbox;
let s: HttpStack;
beforeAll(async () => {
  sandbox = await startSandbox();
  s = await startHttpStack({ upstreamUrl: sandbox.url });
});
afterAll(async () => {
  await s.close();
  await sandbox.close();
});

/** tools/call with arguments written as raw JSON text, so escapes reach the server exactly as typed. */
async function callRaw(name: string, argumentsJson: string) {
  const body = `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":${JSON.stringify(name)},"arguments":${argumentsJson}}}`;
  const res = await rpcPost(s, body, { "x-api-key": TEST_KEY });
  const text = await res.text();
  const json = JSON.parse(text.startsWith("{") ? text : (text.match(/^data: (.*)$/m)?.[1] ?? "{}"));
  return { status: res.status, text, json };
}

const toolError = (json: { result?: { isError?: boolean; content?: { text: string }[] } }) => {
  expect(json.result?.isError).toBe(true);
  return JSON.parse(json.result?.content?.[0]?.text ?? "{}") as { code: string; param: string; message: string };
};

describe("malformed text in arguments", () => {
  it("a lone surrogate in a path parameter is invalid_parameter naming the field", async () => {
    const { json } = await callRaw("get_video", '{"video_id":"abc\\ud800def"}');
    expect(toolError(json)).toMatchObject({ code: "invalid_parameter", param: "video_id" });
  });

  it("a lone low surrogate deep inside an array is named by its path", async () => {
    const { json } = await callRaw("list_videos", '{"title":"ok\\udc00"}');
    expect(toolError(json)).toMatchObject({ code: "invalid_parameter", param: "title" });
  });

  it("a bad %-escape in a file URL is invalid_parameter, not an internal error", async () => {
    const { json } = await callRaw("upload_asset", '{"url":"https://example.com/a%zz.png"}');
    expect(toolError(json)).toMatchObject({ code: "invalid_parameter", param: "url" });
  });
});

describe("names that mean something to JavaScript", () => {
  it.each([
    ["__proto__", '{"__proto__":{"polluted":true}}'],
    ["constructor", '{"constructor":{"prototype":{}}}'],
    ["prototype", '{"title":"x","prototype":1}'],
  ])("refuses a top-level %s by name", async (name, args) => {
    const { json } = await callRaw("list_videos", args);
    const err = toolError(json);
    expect(err).toMatchObject({ code: "invalid_parameter", param: name });
    expect(err.message).toContain(name);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("echoed names are cut short", () => {
  it("a 900 KB tool name comes back truncated", async () => {
    const name = "x".repeat(900_000);
    const { text } = await callRaw(name, "{}");
    expect(text).toContain("not found");
    expect(text.length).toBeLessThan(2_000);
  });

  it("a huge unknown argument name comes back truncated", async () => {
    const { json, text } = await callRaw("list_videos", `{"${"y".repeat(100_000)}":1}`);
    expect(toolError(json).code).toBe("invalid_parameter");
    expect(text.length).toBeLessThan(2_000);
  });
});
