import { describe, expect, it } from "vitest";
import { boundaryOf, MultipartError, parseMultipart, summarizeMultipart } from "./multipart.js";

async function encode(form: FormData): Promise<{ body: Buffer; contentType: string }> {
  const res = new Response(form);
  return { body: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get("content-type") ?? "" };
}

const frame = (boundary: string, ...parts: string[]) =>
  Buffer.from(`${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join("")}--${boundary}--\r\n`, "latin1");

describe("multipart/form-data parsing", () => {
  it("round-trips what the platform FormData encoder writes, binary bytes included", async () => {
    const binary = Buffer.from([0x89, 0x50, 0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0xff, 0x0d, 0x0a]);
    const form = new FormData();
    form.append("title", "a, b");
    form.append("file", new Blob([binary], { type: "image/png" }), "logo.png");
    const { body, contentType } = await encode(form);
    const boundary = boundaryOf(contentType);
    expect(boundary).toBeTruthy();
    const parts = parseMultipart(body, boundary ?? "");
    expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
      ["title", null, null],
      ["file", "logo.png", "image/png"],
    ]);
    expect(parts[0]?.data.toString()).toBe("a, b");
    expect(parts[1]?.data.equals(binary)).toBe(true);
    expect(summarizeMultipart(body, contentType)).toEqual({ title: "a, b", file: "logo.png (10 bytes)" });
  });

  it("reads quoted boundaries, a preamble, escaped quotes, RFC 5987 names and transport padding", () => {
    expect(boundaryOf('multipart/form-data; charset=utf-8; boundary="a b:c"')).toBe("a b:c");
    const body = Buffer.concat([
      Buffer.from("preamble to ignore\r\n"),
      frame(
        "xyz",
        'Content-Disposition: form-data; name="file"; filename="say \\"hi\\".txt"\r\n\r\nhello',
        "Content-Disposition: form-data; name=doc; filename=\"x\"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf\r\n\r\n%PDF-",
      ),
    ]);
    const padded = Buffer.from(body.toString("latin1").replace("--xyz\r\nContent", "--xyz  \r\nContent"), "latin1");
    const parts = parseMultipart(padded, "xyz");
    expect(parts.map((p) => p.filename)).toEqual(['say "hi".txt', "résumé.pdf"]);
    expect(parts[1]?.name).toBe("doc");
  });

  it("is not fooled by the boundary text inside data unless it starts a line", () => {
    const parts = parseMultipart(frame("b", 'Content-Disposition: form-data; name="f"\r\n\r\nx--b y'), "b");
    expect(parts[0]?.data.toString()).toBe("x--b y");
  });

  it("returns null for other content types and throws MultipartError on malformed framing", () => {
    expect(boundaryOf("application/json")).toBeNull();
    expect(boundaryOf(undefined)).toBeNull();
    expect(() => boundaryOf("multipart/form-data")).toThrow(MultipartError);
    const bad = [
      Buffer.from("no boundary here"),
      Buffer.from('--b\r\nContent-Disposition: form-data; name="f"\r\n\r\nunterminated'),
      frame("b", "Content-Type: text/plain\r\n\r\nno disposition"),
      frame("b", "Content-Disposition: form-data\r\n\r\nno name"),
      frame("b", "Content-Disposition: form-data; name=f\r\nno blank line"),
      Buffer.from("--bX\r\n"),
    ];
    for (const body of bad) expect(() => parseMultipart(body, "b")).toThrow(MultipartError);
    expect(summarizeMultipart(Buffer.from("junk"), "multipart/form-data; boundary=b")).toBeNull();
  });

  it("accepts an empty form", () => {
    expect(parseMultipart(Buffer.from("--b--\r\n"), "b")).toEqual([]);
  });
});
