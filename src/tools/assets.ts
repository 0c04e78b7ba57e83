import { z } from "zod";
import { HeyGenError } from "../client/index.js";
import { assetUploadTools } from "./assets-uploads.js";
import { CREATE, defineTool, READ, type ToolContext } from "./define.js";
import { deleteTool } from "./jobs-shared.js";
import { nextPageHint, pageInput, pageOutput, toPageResult } from "./shared-schemas.js";

// ---- POST /v3/assets (api-catalog §2.7): one multipart field `file`, ≤32 MB ----

/** Catalog §1.8: png, jpeg, mp4, webm, mp3, wav, pdf, srt. */
const UPLOAD_TYPES = [
  "image/png",
  "image/jpeg",
  "video/mp4",
  "video/webm",
  "audio/mpeg",
  "audio/wav",
  "application/pdf",
  "application/x-subrip",
] as const;

const EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "video/mp4": "mp4",
  "video/webm": "webm",
  "audio/mpeg": "mp3",
  "audio/wav": "wav",
  "application/pdf": "pdf",
  "application/x-subrip": "srt",
};

export const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;
const MAX_BASE64_CHARS = Math.ceil(MAX_UPLOAD_BYTES / 3) * 4;
const DOWNLOAD_TIMEOUT_MS = 60_000;

const fileError = (status: number, code: string, message: string, param: string, hint: string) =>
  new HeyGenError(status, code, message, param, null, false, hint);

const tooLarge = (param: string) =>
  fileError(
    413,
    "payload_too_large",
    "The file is larger than 32 MB, the limit of upload_asset.",
    param,
    "Use a direct upload for files over 32 MB (tools in the assets toolset), or pass the URL straight to the tool that needs the file.",
  );

/** Reads at most 32 MB of a public URL; the bytes go to HeyGen as the multipart `file`. */
async function download(url: string, fetchFile: ToolContext["fetchFile"]) {
  const got = await fetchFile(url, { maxBytes: MAX_UPLOAD_BYTES, timeoutMs: DOWNLOAD_TIMEOUT_MS });
  if (got.ok) {
    return {
      // Buffer.concat always allocates a plain ArrayBuffer; the cast avoids copying up to 32 MB again.
      bytes: got.bytes as Uint8Array<ArrayBuffer>,
      type: got.contentType === "application/octet-stream" ? null : got.contentType,
    };
  }
  if (got.reason === "too_large") throw tooLarge("url");
  const why = { blocked: "not a public address", unreachable: "no response", http_status: `HTTP ${got.status}` }[
    got.reason
  ];
  throw fileError(400, "download_failed", `Could not download ${url}: ${why}.`, "url", "Use a public direct-file URL.");
}

function decodeBase64(data: string): Uint8Array<ArrayBuffer> {
  const bytes = Buffer.from(data, "base64");
  if (bytes.length === 0) {
    throw fileError(400, "invalid_parameter", "base64 is not valid base64 data.", "base64", "Send the file as base64.");
  }
  if (bytes.length > MAX_UPLOAD_BYTES) throw tooLarge("base64");
  return bytes;
}

const nameFromUrl = (url: string) => decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "");

interface UploadedAsset {
  asset_id: string;
  url: string;
  mime_type: string;
  size_bytes: number;
}

export const uploadAsset = defineTool({
  name: "upload_asset",
  title: "Upload a file",
  toolset: "assets",
  description:
    "Upload a file (≤32 MB: png, jpeg, mp4, webm, mp3, wav, pdf, srt) from a URL or base64 and get an asset_id to pass as asset_id in any file input. Larger files: direct upload (assets toolset).",
  operation: "POST /v3/assets",
  input: z
    .strictObject({
      url: z
        .url({ protocol: /^https?$/ })
        .optional()
        .describe("Public file URL; fetched and uploaded."),
      base64: z.string().min(1).max(MAX_BASE64_CHARS).optional().describe("File bytes, base64 (≤32 MB)."),
      media_type: z.enum(UPLOAD_TYPES).optional().describe("MIME type; required with base64."),
      filename: z.string().min(1).max(255).optional().describe("Name to store, e.g. logo.png."),
    })
    .superRefine((v, ctx) => {
      if ((v.url === undefined) === (v.base64 === undefined)) {
        ctx.addIssue({ code: "custom", path: ["url"], message: "give exactly one of url, base64" });
      } else if (v.base64 !== undefined && v.media_type === undefined) {
        ctx.addIssue({ code: "custom", path: ["media_type"], message: "media_type is required with base64" });
      }
    }),
  output: z.object({
    asset_id: z.string(),
    mime_type: z.string().describe("As HeyGen detected it."),
    size_bytes: z.number(),
    url: z.string().describe("Public URL of the stored file."),
  }),
  annotations: CREATE,
  async handler({ url, base64, media_type, filename }, { call, fetchFile }) {
    const got = url !== undefined ? await download(url, fetchFile) : { bytes: decodeBase64(base64 ?? ""), type: null };
    const type = media_type ?? got.type ?? "application/octet-stream";
    const name = filename ?? ((url && nameFromUrl(url)) || `upload.${EXTENSIONS[type] ?? "bin"}`);
    const form = new FormData();
    form.append("file", new Blob([got.bytes], { type }), name);
    const { body } = await call<{ data: UploadedAsset }>({ form });
    return body.data;
  },
  summary: (a) =>
    `Uploaded asset ${a.asset_id} (${a.mime_type}, ${a.size_bytes} bytes). Next: pass {"asset_id":"${a.asset_id}"} as a file input, e.g. create_video_from_image image.`,
});

// ---- read, list, delete ----

interface Asset {
  id: string;
  name: string;
  type: string;
  owner: string;
  space_id?: string;
  folder_id?: string | null;
  uploaded_at: number;
  url?: string | null;
}

export const getAsset = defineTool({
  name: "get_asset",
  title: "Get an asset",
  toolset: "assets",
  description:
    "An uploaded asset's name, file type, owner, folder and public URL. Use get_asset_statuses for processing state.",
  operation: "GET /v3/assets/{asset_id}",
  input: z.strictObject({ asset_id: z.string().min(1).describe("From upload_asset or list_assets.") }),
  output: z.object({
    id: z.string(),
    name: z.string(),
    type: z.string().describe("image, video, audio, …"),
    owner: z.string(),
    folder_id: z.string().nullable(),
    uploaded_at: z.number().describe("Unix seconds."),
    url: z.string().nullable(),
  }),
  annotations: READ,
  async handler({ asset_id }, { call }) {
    const { body } = await call<{ data: Asset }>({ pathParams: { asset_id } });
    const a = body.data;
    const { id, name, type, owner, uploaded_at } = a;
    return { id, name, type, owner, uploaded_at, folder_id: a.folder_id ?? null, url: a.url ?? null };
  },
  summary: (a) => `Asset ${a.id} "${a.name}" (${a.type}). Use it as asset_id="${a.id}" in a file input.`,
});

async function ownUsername(call: ToolContext["call"]): Promise<string> {
  const { body } = await call<{ data: { username?: string } }>({ operation: "GET /v3/users/me" });
  const username = body.data?.username;
  if (!username) {
    throw fileError(400, "invalid_parameter", "HeyGen did not say whose key this is.", "username", "Pass username.");
  }
  return username;
}

export const listAssets = defineTool({
  name: "list_assets",
  title: "List assets",
  toolset: "assets",
  description: "Uploaded files of one workspace member, newest first (beta endpoint). Use get_asset for a URL.",
  operation: "GET /v3/assets",
  input: z.strictObject({
    username: z.string().min(1).optional().describe("Owner; default: the key's own user."),
    folder_id: z.string().optional().describe('Only this folder; "" = root only.'),
    ...pageInput({ max: 100, fallback: 20 }),
  }),
  output: pageOutput(
    "assets",
    z.object({
      id: z.string(),
      name: z.string(),
      type: z.string(),
      folder_id: z.string().nullable(),
      uploaded_at: z.number(),
    }),
  ),
  annotations: READ,
  async handler({ username, ...query }, { call }) {
    const owner = username ?? (await ownUsername(call));
    const { body } = await call<{ data: Asset[] }>({ query: { username: owner, ...query } });
    return toPageResult("assets", body, (a: Asset) => ({
      id: a.id,
      name: a.name,
      type: a.type,
      folder_id: a.folder_id ?? null,
      uploaded_at: a.uploaded_at,
    }));
  },
  summary: (p) =>
    `${p.assets.length} assets. Next: pass an id as asset_id in a file input.${nextPageHint(p, "list_assets")}`,
});

export const deleteAsset = deleteTool({
  name: "delete_asset",
  title: "Delete an asset",
  toolset: "assets",
  description: "Permanently delete an uploaded asset; its asset_id stops working everywhere. Cannot be undone.",
  operation: "DELETE /v3/assets/{asset_id}",
  idParam: "asset_id",
  idDescription: "Asset to delete.",
  subject: "Asset",
});

// ---- GET /v3/assets/search: public (or own) images and icons ----

interface SearchHit {
  id: string;
  type?: string;
  url: string;
  width?: number | null;
  height?: number | null;
  orientation?: string | null;
  is_transparent?: boolean | null;
}

export const searchAssets = defineTool({
  name: "search_assets",
  title: "Search images and icons",
  toolset: "assets",
  description:
    "Find stock images or icons by description (semantic search). Each hit has a stable public url for a url file input or background.",
  operation: "GET /v3/assets/search",
  input: z.strictObject({
    query: z.string().min(1).describe("What to show, e.g. 'minimalist rocket icon'."),
    type: z.enum(["image", "icon"]).describe("Photos or icons."),
    scope: z.enum(["public", "personal"]).default("public").describe("public catalog or your own assets."),
    ...pageInput({ max: 50, fallback: 20 }),
  }),
  output: pageOutput(
    "results",
    z.object({
      id: z.string(),
      url: z.string(),
      width: z.number().nullable(),
      height: z.number().nullable(),
      orientation: z.string().nullable(),
      is_transparent: z.boolean().nullable(),
    }),
  ),
  annotations: READ,
  async handler(query, { call }) {
    const { body } = await call<{ data: SearchHit[] }>({ query });
    return toPageResult("results", body, (h: SearchHit) => ({
      id: h.id,
      url: h.url,
      width: h.width ?? null,
      height: h.height ?? null,
      orientation: h.orientation ?? null,
      is_transparent: h.is_transparent ?? null,
    }));
  },
  summary: (p) =>
    `${p.results.length} results. Next: pass a url as {"url": …} in a file input.${nextPageHint(p, "search_assets")}`,
});

export const assetTools = [uploadAsset, ...assetUploadTools, getAsset, listAssets, deleteAsset, searchAssets];
