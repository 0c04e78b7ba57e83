/**
 * Small real media files the sandbox serves at /media/<file> (no auth). They live in ./media beside
 * this module; the build copies src/sandbox/media to dist/media, so this file must stay directly in
 * src/sandbox/.
 */
import { readFileSync } from "node:fs";

const TYPES: Record<string, string> = {
  "video.mp4": "video/mp4",
  "video.webm": "video/webm",
  "thumbnail.jpg": "image/jpeg",
  "preview.png": "image/png",
  "preview.gif": "image/gif",
  "voice-preview.mp3": "audio/mpeg",
  "captions.srt": "application/x-subrip",
};

export interface MediaEntry {
  bytes: Buffer;
  contentType: string;
}

let cache: Map<string, MediaEntry> | undefined;

function load(): Map<string, MediaEntry> {
  cache ??= new Map(
    Object.entries(TYPES).map(([name, contentType]) => [
      name,
      { bytes: readFileSync(new URL(`./media/${name}`, import.meta.url)), contentType },
    ]),
  );
  return cache;
}

export const mediaFile = (name: string): MediaEntry | undefined => load().get(name);

export const MEDIA_FILES = Object.keys(TYPES);
