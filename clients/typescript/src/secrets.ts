// What must never appear in an error: the API key (a server may echo the Authorization header in a JSON error, an
// HTML error page or a stream's error event) and the `user:pass@` credentials of a base URL (fetch puts the URL in its
// own messages). A Redactor cleans text, headers and a chain of causes of them.

const MARK = "[redacted]";

/** The base URL with any `user:pass@` replaced by `[redacted]@`: the form every message shows. */
export function shownURL(url: string): string {
  // With a scheme or without one (a mistyped base URL is echoed in the error that refuses it).
  return url.replace(/^((?:[a-z][a-z0-9+.-]*:)?\/\/)?[^/?#@]*@/i, `$1${MARK}@`);
}

/** A key must be sendable as a header value: Latin-1, one line. Checked at construction, naming `apiKey`. */
export function checkKey(key: unknown): asserts key is string {
  if (typeof key !== "string") throw new TypeError("apiKey must be a string");
  const bad = [...key].findIndex((char) => char.charCodeAt(0) > 0xff || char === "\r" || char === "\n" || char === "\0");
  if (bad !== -1) {
    throw new TypeError(
      `apiKey must be one line of Latin-1 text, as HTTP header values are: character ${bad + 1} of it is not (the key is not shown)`,
    );
  }
}

export class Redactor {
  readonly #secrets: string[];

  /** `key` (the API key) and `baseURL`, whose credentials, if any, are secrets too. */
  constructor(key: string, baseURL: string) {
    const secrets = new Set<string>([key]);
    const userinfo = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(baseURL)?.[1];
    if (userinfo) {
      secrets.add(`${userinfo}@`);
      const password = userinfo.slice(userinfo.indexOf(":") + 1);
      // The password alone too (a server or a proxy may show it apart); a very short one would blank ordinary words.
      if (userinfo.includes(":") && password.length >= 6) {
        secrets.add(password);
        secrets.add(safeDecode(password));
      }
      secrets.add(`${safeDecode(userinfo)}@`);
    }
    this.#secrets = [...secrets].filter((secret) => secret.length > 0).sort((a, b) => b.length - a.length);
  }

  /** `text` with every secret replaced by `[redacted]`. */
  text(text: string): string {
    let cleaned = text;
    for (const secret of this.#secrets) {
      if (cleaned.includes(secret)) cleaned = cleaned.split(secret).join(secret.endsWith("@") ? `${MARK}@` : MARK);
    }
    return cleaned;
  }

  /** `headers` as they are, or a copy with the values that carry a secret redacted. */
  headers(headers: Headers): Headers {
    let copy: Headers | undefined;
    headers.forEach((value, name) => {
      const cleaned = this.text(value);
      if (cleaned !== value) {
        copy ??= new Headers(headers);
        copy.set(name, cleaned);
      }
    });
    return copy ?? headers;
  }

  /** `error` as it is when nothing in it or its causes shows a secret; else a copy whose every level is redacted
   * (name, message, stack and `code` kept), so that a fetch failure can travel as a cause. */
  cause(error: unknown, depth = 0): unknown {
    if (depth > 8 || !this.#shows(error, depth)) return error;
    if (!(error instanceof Error)) return this.text(String(error));
    const copy = new Error(this.text(error.message), error.cause === undefined ? undefined : { cause: this.cause(error.cause, depth + 1) });
    copy.name = error.name;
    copy.stack = this.text(error.stack ?? "");
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string") (copy as { code?: string }).code = code;
    return copy;
  }

  #shows(error: unknown, depth: number): boolean {
    if (error === undefined || error === null || depth > 8) return false;
    const parts = [String(error)];
    if (error instanceof Error) parts.push(error.stack ?? "", ...Object.values(error).map((value) => String(value)));
    if (parts.some((part) => this.text(part) !== part)) return true;
    return error instanceof Error && this.#shows(error.cause, depth + 1);
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
