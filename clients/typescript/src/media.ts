// Media results (speech, images): their bytes, from the URL the server gave (fetched without the key: the key goes
// to the base URL only) or decoded from base64. Saving to a file is the Node entry point's (`ccapi-sdk/node`).
import { APIConnectionError, CCAPIError, statusError } from "./errors.js";

/** A result or an image of one: a `url` to download, or the bytes as `b64_json`. */
export interface MediaSource {
  url?: string | null;
  b64_json?: string | null;
}

/** A media operation's result: the spec's JSON, and `bytes()` to read the media. */
export type MediaResult<T> = T & { bytes(): Promise<Uint8Array> };

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

export function base64Bytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

function base64Text(bytes: Uint8Array): string {
  let binary = "";
  for (let index = 0; index < bytes.length; index += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  }
  return btoa(binary);
}

/** The media's response, from its URL (no key sent), as a stream: a typed error unless it is a success. */
export async function download(source: MediaSource, fetcher: Fetch = globalThis.fetch as Fetch, signal?: AbortSignal): Promise<Response> {
  const url = source.url;
  if (typeof url !== "string" || !/^https?:\/\//.test(url)) throw new TypeError("the media has no http(s) url to download");
  let response: Response;
  try {
    response = await fetcher(url, { method: "GET", ...(signal ? { signal } : {}) });
  } catch (cause) {
    throw new APIConnectionError(`Connection error on GET ${url}`, { cause });
  }
  if (!response.ok) throw statusError(response.status, response.headers, await response.text(), "GET", url);
  return response;
}

/** The media's bytes: decoded from `b64_json`, or downloaded from `url`. */
export async function mediaBytes(source: MediaSource, fetcher?: Fetch): Promise<Uint8Array> {
  if (typeof source.b64_json === "string" && source.b64_json) return base64Bytes(source.b64_json);
  if (typeof source.url === "string" && source.url) {
    return new Uint8Array(await (await download(source, fetcher)).arrayBuffer());
  }
  throw new CCAPIError("the media has neither a url nor b64_json");
}

/** `body` with a `bytes()` method (not an own enumerable field: JSON.stringify shows the spec's fields only). */
export function withMedia<T extends object>(body: T, fetcher: Fetch, inline?: Uint8Array): MediaResult<T> {
  const source = body as MediaSource;
  if (inline !== undefined) source.b64_json = base64Text(inline);
  Object.defineProperty(body, "bytes", { value: () => mediaBytes(source, fetcher), enumerable: false });
  return body as MediaResult<T>;
}
