import { z } from "zod";
import { decodeBase64, filesOff } from "../files/asset-args.js";
import { extensionOf, FILE_KINDS, type MediaType } from "../files/formats.js";
import { bufferSource, fileSource, SIMPLE_UPLOAD_MAX_BYTES, type UploadSource, uploadSource } from "../files/upload.js";
import { plural } from "../text.js";
import { assetUploadTools } from "./assets-uploads.js";
import { CREATE, defineTool, READ, type ToolContext } from "./define.js";
import { deleteTool } from "./jobs-shared.js";
import { ToolError } from "./results.js";
import { fileUrl, nextPageHint, pageInput, pageOutput, toPageResult } from "./shared-schemas.js";

// ---- POST /v3/assets (api-catalog §2.7): one multipart field `file`, ≤32 MB; larger files direct ----

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

const DOWNLOAD_TIMEOUT_MS = 60_000;

const fileError = (code: string, message: string, param: string, hint: string) =>
  new ToolError(code, message, param, hint);

/** Reads at most 32 MB of a public URL; the bytes go to HeyGen as the multipart `file`. */
async function download(url: string, fetchFile: ToolContext["fetchFile"]) {
  const got = await fetchFile(url, { maxBytes: SIMPLE_UPLOAD_MAX_BYTES, timeoutMs: DOWNLOAD_TIMEOUT_MS });
  if (got.ok)
    return { bytes: got.bytes, type: got.contentType === "application/octet-stream" ? null : got.contentType };
  if (got.reason === "too_large") {
    throw fileError(
      "payload_too_large",
      "The file at url is larger than 32 MB.",
      "url",
      "Download it into the files folder and pass file_path, or pass the URL straight to the tool that needs the file.",
    );
  }
  const why = { blocked: "not a public address", unreachable: "no response", http_status: `HTTP ${got.status}` }[
    got.reason
  ];
  throw fileError("download_failed", `Could not download ${url}: ${why}.`, "url", "Use a public direct-file URL.");
}

function nameFromUrl(url: string): string {
  const last = new URL(url).pathname.split("/").pop() ?? "";
  try {
    return decodeURIComponent(last);
  } catch {
    return last; // %ff and the like: a name, not a reason to fail the upload
  }
}

/** The one source upload_asset was given, as a stream of bytes with a name and a type. */
async function sourceOf(
  { url, base64, media_type, file_path, filename }: z.output<typeof uploadInput>,
  { files, fetchFile }: ToolContext,
): Promise<{ source: UploadSource; close?: () => Promise<void> }> {
  if (file_path !== undefined) {
    if (!files) throw filesOff("file_path");
    const file = await files.openFile(file_path, FILE_KINDS.asset, "file_path");
    return { source: { ...fileSource(file), name: filename ?? file.name }, close: () => file.handle.close() };
  }
  const got =
    url !== undefined ? await download(url, fetchFile) : { bytes: decodeBase64(base64 ?? "", "base64"), type: null };
  const type = (media_type ?? got.type ?? "application/octet-stream") as MediaType;
  const name = filename ?? ((url && nameFromUrl(url)) || `upload.${extensionOf(type)}`);
  return { source: bufferSource(name, type, got.bytes) };
}

const uploadInput = z
  .strictObject({
    file_path: z.string().min(1).optional().describe("Local file, any size."),
    url: fileUrl.optional().describe("Public file URL (≤32 MB); fetched and uploaded."),
    base64: z.string().min(1).optional().describe("File bytes, base64, ≤7 MB decoded."),
    media_type: z.enum(UPLOAD_TYPES).optional().describe("MIME type; required with base64."),
    filename: z.string().min(1).max(255).optional().describe("Name to store, e.g. logo.png."),
  })
  .superRefine((v, ctx) => {
    if ([v.file_path, v.url, v.base64].filter((x) => x !== undefined).length !== 1) {
      ctx.addIssue({ code: "custom", path: ["file_path"], message: "give exactly one of file_path, url, base64" });
    } else if (v.base64 !== undefined && v.media_type === undefined) {
      ctx.addIssue({ code: "custom", path: ["media_type"], message: "media_type is required with base64" });
    }
  });

export const uploadAsset = defineTool({
  name: "upload_asset",
  title: "Upload a file",
  toolset: "assets",
  description:
    "Upload a local file, URL or base64 (png, jpeg, mp4, webm, mp3, wav, pdf, srt, zip) and get an asset_id to pass as asset_id in any file input.",
  operation: "POST /v3/assets",
  input: uploadInput,
  output: z.object({
    asset_id: z.string(),
    mime_type: z.string().describe("As HeyGen detected it."),
    size_bytes: z.number(),
    url: z.string().describe("Public URL of the stored file."),
  }),
  annotations: CREATE,
  async handler(input, ctx) {
    const { source, close } = await sourceOf(input, ctx);
    try {
      const a = await uploadSource(source, ctx);
      return { asset_id: a.asset_id, mime_type: a.mime_type, size_bytes: a.size_bytes, url: a.url };
    } finally {
      await close?.();
    }
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
    throw fileError("invalid_parameter", "HeyGen did not say whose key this is.", "username", "Pass username.");
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
    `${plural(p.assets.length, "asset")}. Next: pass an id as asset_id in a file input.${nextPageHint(p, "list_assets")}`,
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
    `${plural(p.results.length, "result")}. Next: pass a url as {"url": …} in a file input.${nextPageHint(p, "search_assets")}`,
});

export const assetTools = [uploadAsset, ...assetUploadTools, getAsset, listAssets, deleteAsset, searchAssets];
