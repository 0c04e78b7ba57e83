/**
 * The video player in a real browser: headless Chromium loads a tiny MCP Apps host page that iframes the
 * player resource (read through the MCP server, as a host would) under the CSP its `_meta.ui.csp` asks
 * for, answers ui/initialize and posts a real get_video result. The <video> must load the sandbox's mp4
 * over loopback and report its duration, and the title and duration text must render. A second load with
 * a CSP that leaves the sandbox origin out proves the CSP is really enforced (the video must then fail).
 * Chromium is driven over the DevTools protocol with Node's global WebSocket; a screenshot goes to
 * test-artifacts/player.png. Without Chromium the suite is skipped locally and fails under CI=true.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLAYER_URI } from "../../src/player.js";
import { call, type Stack, startStack } from "../helpers/stack.js";

const CI = process.env.CI === "true";
const ARTIFACTS = new URL("../../test-artifacts/", import.meta.url);

/** HEYGEN_MCP_CHROMIUM, else the first Chromium-like binary on PATH (.ci/run installs Debian's `chromium`). */
function findChromium(): string | undefined {
  const named = process.env.HEYGEN_MCP_CHROMIUM;
  if (named) return existsSync(named) ? named : undefined;
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
      if (dir && existsSync(join(dir, name))) return join(dir, name);
    }
  }
  return undefined;
}

const chromium = findChromium();
if (!chromium && !CI) {
  console.warn(
    "player-browser.test.ts skipped: no chromium on PATH (apt-get install chromium, or set HEYGEN_MCP_CHROMIUM)",
  );
}

interface PlayerPage {
  text: string;
  _meta: { ui: { csp: { resourceDomains: string[]; connectDomains: string[] } } };
}

/** The CSP an MCP Apps host builds from the resource's `_meta.ui.csp` (SEP-1865's shape). */
function hostCsp(resourceDomains: string[], connectDomains: string[]): string {
  const res = resourceDomains.join(" ");
  return [
    "default-src 'none'",
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: ${res}`,
    `media-src 'self' data: ${res}`,
    `font-src 'self' ${res}`,
    `connect-src 'self' ${connectDomains.join(" ")}`,
    "frame-src 'none'",
    "object-src 'none'",
  ].join("; ");
}

/** The host page: iframes the app, answers ui/initialize, then delivers the tool result. */
function hostPage(result: unknown, appPath: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>test host</title></head>
<body style="margin:0"><iframe id="app" src="${appPath}" style="width:780px;height:560px;border:0"></iframe>
<script>
const frame = document.getElementById("app");
const result = ${JSON.stringify(result)};
window.hostLog = [];
window.addEventListener("message", (event) => {
  if (event.source !== frame.contentWindow) return;
  const msg = event.data;
  window.hostLog.push(msg.method || "response");
  const reply = (m) => frame.contentWindow.postMessage(Object.assign({ jsonrpc: "2.0" }, m), "*");
  if (msg.method === "ui/initialize") {
    reply({ id: msg.id, result: { protocolVersion: "2026-01-26", hostInfo: { name: "test-host", version: "1" }, hostCapabilities: {}, hostContext: {} } });
  }
  if (msg.method === "ui/notifications/initialized") reply({ method: "ui/notifications/tool-result", params: result });
});
// Settles once the player has either read the video's metadata or given up on it.
window.outcome = new Promise((resolve) => {
  frame.addEventListener("load", () => {
    const doc = frame.contentDocument;
    const snapshot = () => {
      const video = doc.getElementById("video");
      return { duration: video.duration, dataDuration: doc.body.dataset.duration ?? null, error: doc.body.dataset.error ?? null,
        title: doc.getElementById("title").textContent, meta: doc.getElementById("meta").textContent,
        src: video.currentSrc, hidden: video.hidden, log: window.hostLog };
    };
    const settled = () => doc.body.dataset.duration || doc.body.dataset.error;
    if (settled()) return resolve(snapshot());
    new MutationObserver(() => { if (settled()) resolve(snapshot()); }).observe(doc.body, { attributes: true });
  });
});
</script></body></html>`;
}

/** A minimal DevTools-protocol session on one page target. */
class Cdp {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly listeners = new Map<string, () => void>();
  private constructor(private readonly ws: WebSocket) {
    ws.addEventListener("message", (event) => {
      const msg = JSON.parse(String(event.data)) as { id?: number; method?: string; result?: unknown; error?: unknown };
      if (msg.id !== undefined) {
        const w = this.waiting.get(msg.id);
        this.waiting.delete(msg.id);
        if (msg.error) w?.reject(new Error(JSON.stringify(msg.error)));
        else w?.resolve(msg.result);
      } else if (msg.method) this.listeners.get(msg.method)?.();
    });
  }
  static async open(url: string): Promise<Cdp> {
    const ws = new WebSocket(url);
    await new Promise((resolve, reject) => {
      ws.addEventListener("open", resolve, { once: true });
      ws.addEventListener("error", () => reject(new Error(`cannot reach the DevTools socket ${url}`)), { once: true });
    });
    return new Cdp(ws);
  }
  send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ id, method, params }));
    return new Promise<T>((resolve, reject) =>
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject }),
    );
  }
  once(method: string): Promise<void> {
    return new Promise((resolve) => this.listeners.set(method, resolve));
  }
  close(): void {
    this.ws.close();
  }
}

/** Starts headless Chromium on a private profile and resolves the DevTools URL it prints. */
async function launch(bin: string, profile: string): Promise<{ proc: ChildProcess; devtools: string }> {
  const proc = spawn(
    bin,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--mute-audio",
      "--no-first-run",
      "--remote-debugging-port=0",
      "--remote-allow-origins=*",
      `--user-data-dir=${profile}`,
      "--window-size=800,600",
      "about:blank",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  const devtools = await new Promise<string>((resolve, reject) => {
    let seen = "";
    proc.stderr?.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (m?.[1]) resolve(m[1]);
    });
    proc.on("exit", (code) => reject(new Error(`chromium exited (${code}) before DevTools started:\n${seen}`)));
  });
  return { proc, devtools };
}

describe.runIf(chromium !== undefined || CI)("video player in headless Chromium", () => {
  let stack: Stack;
  let host: Server;
  let hostUrl: string;
  let browser: ChildProcess | undefined;
  let page: Cdp | undefined;
  let profile: string;
  let page1: PlayerPage;
  let result: { content: unknown; structuredContent?: Record<string, unknown> };

  beforeAll(async () => {
    if (!chromium) throw new Error("CI=true needs chromium on PATH for the player browser test (.ci/run installs it)");
    stack = await startStack({ selection: { toolsets: ["default"] } });
    // A real finished video from the sandbox, through the real get_video tool.
    const { structuredContent: looks } = await call(stack, "list_avatar_looks", { limit: 1 });
    const { structuredContent: voices } = await call(stack, "list_voices", { limit: 1 });
    const look = (looks?.looks as { id: string }[] | undefined)?.[0];
    const voice = (voices?.voices as { voice_id: string }[] | undefined)?.[0];
    const created = await call(stack, "create_video_from_avatar", {
      avatar_id: look?.id,
      voice_id: voice?.voice_id,
      script: "Hello from the player test.",
      title: "Player test video",
    });
    stack.clock.advance(30 * 60_000);
    const done = await call(stack, "get_video", { video_id: created.structuredContent?.video_id as string });
    result = { content: done.content, structuredContent: done.structuredContent };
    const { contents } = await stack.mcp.readResource({ uri: PLAYER_URI });
    page1 = contents[0] as unknown as PlayerPage;

    host = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://host");
      const { resourceDomains, connectDomains } = page1._meta.ui.csp;
      const sandboxOrigin = new URL(stack.sandbox.url).origin;
      const domains =
        url.searchParams.get("csp") === "without-sandbox"
          ? resourceDomains.filter((d) => d !== sandboxOrigin)
          : resourceDomains;
      if (url.pathname === "/app") {
        res.writeHead(200, {
          "content-type": "text/html",
          "content-security-policy": hostCsp(domains, connectDomains),
        });
        res.end(page1.text);
      } else {
        res.writeHead(200, { "content-type": "text/html" });
        res.end(hostPage(result, `/app${url.search}`));
      }
    });
    await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
    hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}/`;

    profile = mkdtempSync(join(tmpdir(), "heygen-player-"));
    const launched = await launch(chromium, profile);
    browser = launched.proc;
    const targets = (await (await fetch(new URL("/json/list", launched.devtools.replace("ws:", "http:")))).json()) as {
      type: string;
      webSocketDebuggerUrl: string;
    }[];
    const target = targets.find((t) => t.type === "page");
    if (!target) throw new Error("chromium opened no page");
    page = await Cdp.open(target.webSocketDebuggerUrl);
    await page.send("Page.enable");
  }, 60_000);

  afterAll(async () => {
    page?.close();
    if (browser && browser.exitCode === null) {
      const exited = new Promise((resolve) => browser?.once("exit", resolve));
      browser.kill();
      await exited;
    }
    if (profile) rmSync(profile, { recursive: true, force: true });
    host?.closeAllConnections();
    await new Promise((resolve) => (host ? host.close(resolve) : resolve(undefined)));
    await stack?.close();
  });

  /** Loads the host page and waits for the player to settle (bounded by the test timeout). */
  async function load(search: string) {
    if (!page) throw new Error("no page");
    const loaded = page.once("Page.loadEventFired");
    await page.send("Page.navigate", { url: `${hostUrl}${search}` });
    await loaded;
    const { result: out } = await page.send<{ result: { value: Record<string, unknown> } }>("Runtime.evaluate", {
      expression: "window.outcome",
      awaitPromise: true,
      returnByValue: true,
    });
    return out.value;
  }

  it("plays the sandbox's mp4 from a get_video result and shows title and duration", async () => {
    const videoUrl = result.structuredContent?.video_url as string;
    expect(videoUrl.startsWith(`${new URL(stack.sandbox.url).origin}/media/video.mp4`)).toBe(true);
    const shown = await load("");
    expect(shown.log).toEqual(["ui/initialize", "ui/notifications/initialized"]);
    expect(shown.error).toBeNull();
    expect(shown.src).toBe(videoUrl);
    expect(shown.hidden).toBe(false);
    const duration = shown.duration as number;
    expect(Number.isFinite(duration) && duration > 0).toBe(true);
    expect(Number(shown.dataDuration)).toBe(duration);
    expect(shown.title).toBe("Player test video");
    const secs = Math.round(duration % 60);
    expect(shown.meta).toBe(`Duration ${Math.floor(duration / 60)}:${String(secs).padStart(2, "0")}`);

    const shot = await page?.send<{ data: string }>("Page.captureScreenshot", { format: "png" });
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(new URL("player.png", ARTIFACTS), Buffer.from(shot?.data ?? "", "base64"));
  }, 30_000);

  it("is held to the CSP: without the sandbox origin in media-src the video does not load", async () => {
    const shown = await load("?csp=without-sandbox");
    expect(shown.error).toBe("1");
    expect(shown.dataDuration).toBeNull();
    expect(shown.meta).toContain("call get_video again");
  }, 30_000);
});
