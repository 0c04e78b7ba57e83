/**
 * The finished-video player (MCP Apps, mcp-sdk.md §10): one `ui://` HTML resource that a UI-capable host
 * renders beside get_video / wait_for_job results. The page reads the tool result the host posts to it
 * (ui/notifications/tool-result) and plays its video with poster, captions, title, duration and the saved
 * path. Clients without the UI extension never see the `_meta` link; their text result is unchanged.
 */

export const PLAYER_URI = "ui://heygen/video-player.html";
export const PLAYER_MIME = "text/html;profile=mcp-app";
/** The MCP Apps extension id a client declares under capabilities.extensions. */
const UI_EXTENSION = "io.modelcontextprotocol/ui";

/** Tools whose results can carry a playable video. */
export const PLAYER_TOOLS: ReadonlySet<string> = new Set(["get_video", "wait_for_job"]);

/** HeyGen serves presigned media from these hosts (api-catalog §1, "URLs"). */
const HEYGEN_MEDIA = ["https://files.heygen.ai", "https://files.heygen.com", "https://resource.heygen.ai"];

/** Whether the client declared MCP Apps with our mime type (2025: initialize; 2026-07-28: each request). */
export function supportsPlayer(capabilities: unknown): boolean {
  const ext = (capabilities as { extensions?: Record<string, { mimeTypes?: unknown } | undefined> } | undefined)
    ?.extensions?.[UI_EXTENSION];
  return Array.isArray(ext?.mimeTypes) && ext.mimeTypes.includes(PLAYER_MIME);
}

/** tools/list `_meta` linking a tool to the player; the flat key is the older hosts' spelling. */
export const PLAYER_TOOL_META = { ui: { resourceUri: PLAYER_URI }, "ui/resourceUri": PLAYER_URI } as const;

export function playerResourceEntry() {
  return {
    uri: PLAYER_URI,
    name: "video-player",
    title: "Video player",
    description: "Plays a finished video from a get_video or wait_for_job result.",
    mimeType: PLAYER_MIME,
  };
}

/** resources/read: the page, with a CSP that lets it load media from HeyGen (and the configured API origin). */
export function readPlayer(apiOrigin: string | undefined) {
  const resourceDomains = [...new Set([...HEYGEN_MEDIA, ...(apiOrigin ? [apiOrigin] : [])])];
  return {
    contents: [
      {
        uri: PLAYER_URI,
        mimeType: PLAYER_MIME,
        text: PLAYER_HTML,
        _meta: { ui: { csp: { resourceDomains, connectDomains: [] }, prefersBorder: true } },
      },
    ],
  };
}

/**
 * The page. No external scripts: it speaks the MCP Apps postMessage protocol itself (ui/initialize, then
 * the host's tool-result notification) and also accepts a result in `window.heygenResult` for tests.
 */
export const PLAYER_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>HeyGen video</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; padding: 12px; color: #1b1b1f; background: #fff; }
  video { width: 100%; max-height: 70vh; background: #000; border-radius: 8px; }
  h1 { font-size: 16px; margin: 0 0 8px; }
  p { font-size: 13px; margin: 6px 0 0; color: #55555c; word-break: break-all; }
  .empty { color: #55555c; }
</style>
</head>
<body>
<h1 id="title">Waiting for a result…</h1>
<video id="video" controls playsinline preload="metadata" hidden></video>
<p id="meta"></p>
<p id="saved"></p>
<script>
(function () {
  var pending = {};
  var nextId = 1;
  function send(msg) { window.parent.postMessage(Object.assign({ jsonrpc: "2.0" }, msg), "*"); }
  function request(method, params) {
    var id = nextId++;
    send({ id: id, method: method, params: params });
    return new Promise(function (resolve) { pending[id] = resolve; });
  }
  function pick(obj, keys) {
    for (var i = 0; i < keys.length; i++) if (obj && typeof obj[keys[i]] === "string" && obj[keys[i]]) return obj[keys[i]];
    return "";
  }
  function seconds(s) {
    if (!isFinite(s)) return "";
    var m = Math.floor(s / 60), r = Math.round(s % 60);
    return m + ":" + (r < 10 ? "0" : "") + r;
  }
  function render(result) {
    var data = (result && result.structuredContent) || result || {};
    var out = data.outputs || data;
    var url = pick(out, ["video_url", "captioned_video_url", "preview_video_url"]);
    var title = document.getElementById("title");
    var video = document.getElementById("video");
    var meta = document.getElementById("meta");
    title.textContent = pick(data, ["title"]) || (url ? "Your video" : "No video to play yet");
    if (!url) {
      meta.textContent = data.status ? "Status: " + data.status + "." : "";
      meta.className = "empty";
      return;
    }
    video.hidden = false;
    var poster = pick(out, ["thumbnail_url", "preview_image_url"]);
    if (poster) video.poster = poster;
    var vtt = pick(out, ["vtt_caption_url", "subtitle_vtt_url"]);
    if (vtt) {
      var track = document.createElement("track");
      track.kind = "captions"; track.label = "Captions"; track.srclang = "en"; track.src = vtt; track.default = true;
      video.appendChild(track);
    }
    video.src = url;
    var known = typeof data.duration === "number" ? data.duration : NaN;
    meta.textContent = isFinite(known) ? "Duration " + seconds(known) : "";
    video.addEventListener("loadedmetadata", function () {
      meta.textContent = "Duration " + seconds(video.duration);
      document.body.setAttribute("data-duration", String(video.duration));
    });
    video.addEventListener("error", function () {
      meta.textContent = "The link may have expired: call get_video again for a fresh one.";
      document.body.setAttribute("data-error", "1");
    });
    var saved = pick(data, ["path", "saved_path", "file_path"]) || pick(data.saved || {}, ["path"]);
    document.getElementById("saved").textContent = saved ? "Saved to " + saved : "";
  }
  window.addEventListener("message", function (event) {
    var msg = event.data;
    if (!msg || msg.jsonrpc !== "2.0") return;
    if (msg.id !== undefined && pending[msg.id]) { pending[msg.id](msg.result); delete pending[msg.id]; return; }
    if (msg.method === "ui/notifications/tool-result") render(msg.params);
  });
  window.heygenRender = render;
  if (window.heygenResult) render(window.heygenResult);
  else if (window.parent !== window) {
    request("ui/initialize", {
      appInfo: { name: "heygen-video-player", version: "1" },
      appCapabilities: {},
      protocolVersion: "2026-01-26"
    }).then(function () { send({ method: "ui/notifications/initialized", params: {} }); });
  }
})();
</script>
</body>
</html>
`;
