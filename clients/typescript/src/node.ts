// ccapi-sdk/node: what only Node can do. `saveMedia` writes a speech result or an image to a file: a URL is
// streamed to disk in constant memory (no key sent), base64 is decoded.
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";

import { CCAPIError } from "./errors.js";
import { base64Bytes, download, type MediaSource } from "./media.js";

export * from "./index.js";

/** Write the media of `source` (a speech result, or one image of a result's `data`) to `path`; returns `path`.
 * The file appears whole or not at all (written beside it, then renamed). */
export async function saveMedia(source: MediaSource, path: string, options: { signal?: AbortSignal } = {}): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const partial = `${path}.part`;
  try {
    if (typeof source.b64_json === "string" && source.b64_json) {
      await writeFile(partial, base64Bytes(source.b64_json));
    } else if (typeof source.url === "string" && source.url) {
      const response = await download(source, undefined, options.signal);
      if (response.body === null) throw new CCAPIError(`GET ${source.url} sent no body`);
      await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), createWriteStream(partial));
    } else {
      throw new CCAPIError("the media has neither a url nor b64_json");
    }
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return path;
}
