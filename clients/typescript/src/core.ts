// The client core: settings, the one request pipeline (retries, backoff, Retry-After, Idempotency-Key, deadlines,
// AbortSignal, typed errors with no secret in them) and the promise every call returns. Built on `fetch` alone:
// nothing here is Node-only.
import {
  APIConnectionError,
  APIResponseValidationError,
  APITimeoutError,
  APIUserAbortError,
  CCAPIError,
  retryAfterMs,
  statusError,
} from "./errors.js";
import { after, CallDeadlines, DEFAULT_FIRST_BYTE_TIMEOUT, StreamPace, timeoutMessage, type DeadlineKind } from "./deadlines.js";
import { checkModelIds } from "./models.js";
import { APIPromise, sleep, type WithResponse } from "./promise.js";
import { checkKey, Redactor, shownURL } from "./secrets.js";
import { ImageJob, type JobBody, type ResumeOptions } from "./jobs.js";
import { withMedia, type MediaResult } from "./media.js";
import { Page, PagePromise, type PageBody } from "./pagination.js";
import { Stream } from "./streaming.js";
import { SDK_VERSION } from "./version.js";

export const DEFAULT_BASE_URL = "https://api.ccapi.ai/v1";
export const DEFAULT_TIMEOUT = 60_000;
export const DEFAULT_MAX_RETRIES = 2;

export { APIPromise, DEFAULT_FIRST_BYTE_TIMEOUT, sleep, type WithResponse };

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** How a client retries: exponential backoff with jitter, `Retry-After` honoured up to a cap, a deadline (ms). */
export interface RetryPolicy {
  /** Milliseconds before the first retry; each later one waits about twice as long (plus jitter). */
  initialDelay: number;
  /** The longest backoff between two attempts. */
  maxDelay: number;
  /** The longest `Retry-After` honoured; a longer one is cut to this. */
  maxRetryAfter: number;
  /** Milliseconds after the first attempt past which no retry starts. */
  deadline: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  initialDelay: 500,
  maxDelay: 8_000,
  maxRetryAfter: 60_000,
  deadline: 120_000,
};

export interface ClientOptions {
  /** The key; defaults to the CCAPI_API_KEY environment variable. */
  apiKey?: string | undefined;
  /** The base URL; defaults to CCAPI_BASE_URL, then the public gateway. */
  baseURL?: string | undefined;
  /** Milliseconds an attempt may take (and a stream may go without a complete event); 60 000 by default. */
  timeout?: number | undefined;
  /** Milliseconds for a stream's headers and its first complete event; 20 000 by default, null for none. */
  firstByteTimeout?: number | null | undefined;
  /** Milliseconds for a whole call, across its retries, a stream's reading included; none (null) by default. */
  totalTimeout?: number | null | undefined;
  /** Retries after the first attempt, for connection errors, 408, 409, 429 and 5xx; 2 by default. */
  maxRetries?: number | undefined;
  /** Headers sent with every request. */
  defaultHeaders?: Record<string, string> | undefined;
  /** The backoff's timings. */
  retryPolicy?: Partial<RetryPolicy> | undefined;
  /** The `fetch` to send with (the global one by default). */
  fetch?: Fetch | undefined;
  /** How many times `chat.completions.parse` asks again after an answer that does not validate; 1 by default. */
  maxRepairs?: number | undefined;
}

export interface RequestOptions {
  /** Milliseconds for each attempt of this call (and the idle deadline of its stream). */
  timeout?: number | undefined;
  /** Milliseconds for this stream's headers and first complete event (null: none); the client's by default. */
  firstByteTimeout?: number | null | undefined;
  /** Milliseconds for this whole call, across its retries, streaming included (null: none); the client's by default. */
  totalTimeout?: number | null | undefined;
  maxRetries?: number | undefined;
  /** Gives the call up (and closes its stream) when it fires. */
  signal?: AbortSignal | undefined;
  headers?: Record<string, string> | undefined;
  /** Query parameters the spec does not declare yet. */
  query?: Record<string, unknown> | undefined;
  /** Body fields the spec does not declare yet (Python's `extra_body`): the parameters' types accept only declared ones. */
  body?: Record<string, unknown> | undefined;
  /** The key a retried POST keeps; one is made per call when not given. */
  idempotencyKey?: string | undefined;
}

/** An operation as the generated resources describe it (from the spec's x-ccapi-* extensions). */
export interface Operation {
  readonly id: string;
  /** Where it lives in the client (`x-ccapi-resource`, dotted) and its method's name there. */
  readonly resource: string;
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly query: readonly string[];
  readonly body: boolean;
  readonly required: readonly string[];
  readonly requiresOneOf: readonly string[];
  /** Body fields that hold a `provider/model` id, or a list of them. */
  readonly modelIds?: readonly string[];
  readonly kind?: "stream" | "job" | "page" | "media";
  readonly flag?: string;
  readonly job?: {
    readonly poll: string;
    readonly pollPath: string;
    readonly finalStatuses: readonly string[];
    readonly failedStatus: string;
  };
}

type Environment = Record<string, string | undefined>;

function environment(): Environment {
  return (globalThis as { process?: { env?: Environment } }).process?.env ?? {};
}

// 408 and 409 are transient by definition; 429 and 5xx are the gateway or a provider asking for patience.
const RETRYABLE_STATUSES = new Set([408, 409, 429]);

/** Statuses worth retrying: 408, 409, 429 and every 5xx. Never 400, 401, 402, 403 or 404. */
export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status) || status >= 500;
}

/** One call's retries: after each attempt, the delay before the next one, or null when there is none. */
export class RetryPlan {
  retries = 0;
  readonly #deadline: number;

  constructor(
    readonly policy: Readonly<RetryPolicy>,
    readonly maxRetries: number,
  ) {
    this.#deadline = Date.now() + policy.deadline;
  }

  afterStatus(status: number, headers: Headers): number | null {
    return isRetryableStatus(status) ? this.#next(retryAfterMs(headers)) : null;
  }

  afterError(): number | null {
    return this.#next(null);
  }

  #next(advised: number | null): number | null {
    if (this.retries >= this.maxRetries || Date.now() >= this.#deadline) return null;
    const { initialDelay, maxDelay, maxRetryAfter } = this.policy;
    const delay =
      advised !== null
        ? Math.min(advised, maxRetryAfter)
        : Math.min(initialDelay * 2 ** this.retries + Math.random() * initialDelay, maxDelay);
    this.retries += 1;
    return delay;
  }
}

function checkMilliseconds(name: string, value: number | undefined): void {
  if (value !== undefined && (typeof value !== "number" || !(value >= 0) || value === Infinity)) {
    throw new TypeError(`${name} must be a number of milliseconds, 0 or more (got ${String(value)})`);
  }
}

function checkDeadline(name: string, value: number | null | undefined): void {
  if (value !== null) checkMilliseconds(name, value);
}

function checkRetries(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
    throw new TypeError(`${name} must be a whole number, 0 or more (got ${String(value)})`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function newIdempotencyKey(): string {
  return `ccapi-${globalThis.crypto.randomUUID().replaceAll("-", "")}`;
}

/** A request ready to send: its URL and init, and how to describe it in messages. */
interface Prepared {
  method: string;
  url: string;
  /** The URL as messages show it: a base URL's credentials redacted. */
  shown: string;
  headers: Record<string, string>;
  body: string | undefined;
  stream: boolean;
}

type Mode = "json" | "stream" | "media";

interface Sent {
  response: Response;
  text: string;
  bytes: Uint8Array | undefined;
  controller: AbortController;
  release: () => void;
  deadlines: CallDeadlines;
  attemptStarted: number;
}

const LOG_LEVELS: Record<string, number> = { info: 1, debug: 2 };

/** The client every generated `CCAPI` extends: settings, and the calls the resources make. */
export class BaseClient {
  readonly baseURL: string;
  readonly timeout: number;
  readonly firstByteTimeout: number | null;
  readonly totalTimeout: number | null;
  readonly maxRetries: number;
  readonly retryPolicy: Readonly<RetryPolicy>;
  /** The options the client was made with, but the key. */
  readonly options: Readonly<Omit<ClientOptions, "apiKey">>;
  readonly #apiKey: string;
  readonly #headers: Record<string, string>;
  readonly #fetch: Fetch;
  readonly #log: number;
  readonly #redactor: Redactor;
  /** The HTTP status each known error `type` of a stream's error event stands for. */
  readonly errorStatuses: Readonly<Record<string, number>>;

  constructor(options: ClientOptions, errorStatuses: Readonly<Record<string, number>>) {
    const env = environment();
    const { apiKey, ...rest } = options;
    const key = apiKey ?? env.CCAPI_API_KEY;
    if (!key) {
      throw new CCAPIError("No CCAPI API key: pass apiKey or set the CCAPI_API_KEY environment variable");
    }
    checkKey(key);
    const base = options.baseURL ?? env.CCAPI_BASE_URL ?? DEFAULT_BASE_URL;
    if (typeof base !== "string" || !/^https?:\/\/[^/]/.test(base)) {
      throw new TypeError(`baseURL must be an http(s) URL (got ${JSON.stringify(typeof base === "string" ? shownURL(base) : base)})`);
    }
    checkMilliseconds("timeout", options.timeout);
    checkDeadline("firstByteTimeout", options.firstByteTimeout);
    checkDeadline("totalTimeout", options.totalTimeout);
    checkRetries("maxRetries", options.maxRetries);
    checkRetries("maxRepairs", options.maxRepairs);
    this.#apiKey = key;
    this.options = rest;
    this.baseURL = base.replace(/\/+$/, "");
    this.timeout = options.timeout ?? DEFAULT_TIMEOUT;
    this.firstByteTimeout = options.firstByteTimeout === undefined ? DEFAULT_FIRST_BYTE_TIMEOUT : options.firstByteTimeout;
    this.totalTimeout = options.totalTimeout ?? null;
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    this.retryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy };
    for (const [name, value] of Object.entries(this.retryPolicy)) checkMilliseconds(`retryPolicy.${name}`, value);
    const fetcher = options.fetch ?? (globalThis.fetch as Fetch | undefined);
    if (typeof fetcher !== "function") throw new TypeError("no fetch: pass options.fetch");
    this.#fetch = fetcher;
    this.#headers = {
      Accept: "application/json",
      "User-Agent": `ccapi-typescript/${SDK_VERSION}`,
      ...options.defaultHeaders,
      Authorization: `Bearer ${key}`,
    };
    this.#log = LOG_LEVELS[(env.CCAPI_LOG ?? "").toLowerCase()] ?? 0;
    this.#redactor = new Redactor(key, this.baseURL);
    this.errorStatuses = errorStatuses;
  }

  /** The options to make a copy of this client with (the key included, which `options` leaves out). */
  protected copyOptions(options: ClientOptions): ClientOptions {
    return { ...this.options, apiKey: this.#apiKey, ...options };
  }

  /** Call any path under the base URL with the client's key, retries, timeouts and typed errors: parsed JSON. */
  request<T = unknown>(
    method: string,
    path: string,
    init: { query?: Record<string, unknown>; body?: Record<string, unknown> } = {},
    options: RequestOptions = {},
  ): APIPromise<T> {
    return new APIPromise(
      (async () => {
        if (!path.startsWith("/")) throw new TypeError(`path must start with "/" (got ${JSON.stringify(path)})`);
        const prepared = this.#prepare(method.toUpperCase(), path, init.query ?? {}, init.body, options, false);
        return this.#json<T>(prepared, options);
      })(),
    );
  }

  /** A call of a plain or streaming operation. */
  call<T>(op: Operation, pathValues: readonly string[], params: unknown, options?: RequestOptions): APIPromise<T> {
    return new APIPromise(this.#perform<T>(op, pathValues, params, options ?? {}));
  }

  /** A call of an operation that starts a job: its handle. */
  startJob<T extends JobBody>(
    op: Operation,
    pathValues: readonly string[],
    params: unknown,
    options?: RequestOptions,
  ): APIPromise<ImageJob<T>> {
    return new APIPromise(
      this.#perform<T>(op, pathValues, params, options ?? {}).then((result) => ({
        ...result,
        data: new ImageJob<T>(this, op, result.data, result.response),
      })),
    );
  }

  /** The handle of a job started earlier, from its id alone. */
  resumeJob<T extends JobBody>(op: Operation, id: string, options: ResumeOptions = {}): ImageJob<T> {
    if (typeof id !== "string" || id === "") throw new TypeError("id must be a job id (a non-empty string)");
    return ImageJob.resumed<T>(this, op, id, options);
  }

  /** A call of a page operation: the first page, which iterates every item. */
  page<P extends PageBody<I>, I>(
    op: Operation,
    pathValues: readonly string[],
    params: unknown,
    options?: RequestOptions,
  ): PagePromise<P, I> {
    const given = (params ?? {}) as Record<string, unknown>;
    const fetchPage = async (offset: number | undefined): Promise<WithResponse<Page<P, I>>> => {
      // Each page asks for its offset, the first one too (0 unless the caller gave one), as the Python SDK does.
      const asked = { ...given, offset: offset ?? given.offset ?? 0 };
      const result = await this.#perform<P>(op, pathValues, asked, options ?? {});
      const requested = typeof asked.offset === "number" ? asked.offset : 0;
      return { ...result, data: new Page<P, I>(result.data, result.response, requested, fetchPage) };
    };
    return new PagePromise<P, I>(fetchPage(undefined));
  }

  /** A call of an operation whose answer may be the media itself: the result, which can read its bytes. */
  media<T extends object>(
    op: Operation,
    pathValues: readonly string[],
    params: unknown,
    options?: RequestOptions,
  ): APIPromise<MediaResult<T>> {
    return new APIPromise(
      (async () => {
        const prepared = this.#prepareOperation(op, pathValues, params, options ?? {});
        const sent = await this.#send(prepared, options ?? {}, "media");
        const type = sent.response.headers.get("content-type") ?? "";
        if (type.startsWith("audio/") && sent.bytes !== undefined) {
          const format = type.slice("audio/".length).split(";")[0]?.trim() ?? "";
          const body = { url: null, b64_json: null, output_format: format === "mpeg" ? "mp3" : format };
          return { data: withMedia(body as unknown as T, this.#fetch, sent.bytes), response: sent.response, requestId: sent.response.headers.get("x-request-id") };
        }
        const data = this.#decode<T>(sent, prepared);
        return { data: withMedia(data, this.#fetch), response: sent.response, requestId: sent.response.headers.get("x-request-id") };
      })(),
    );
  }

  /** Look at a job once (GET `path`, under the base URL): its body and response. Used by ImageJob. */
  async poll<T>(path: string, options: RequestOptions = {}): Promise<WithResponse<T>> {
    const prepared = this.#prepare("GET", path, {}, undefined, options, false);
    return this.#json<T>(prepared, options);
  }

  async #perform<T>(op: Operation, pathValues: readonly string[], params: unknown, options: RequestOptions): Promise<WithResponse<T>> {
    const prepared = this.#prepareOperation(op, pathValues, params, options);
    if (prepared.stream) {
      const sent = await this.#send(prepared, options, "stream");
      const stream = new Stream<unknown>(sent.response, sent.controller, {
        pace: new StreamPace(sent.deadlines, options.timeout ?? this.timeout, sent.attemptStarted),
        method: prepared.method,
        url: prepared.shown,
        errorStatuses: this.errorStatuses,
        release: sent.release,
        redactor: this.#redactor,
      });
      return { data: stream as T, response: sent.response, requestId: sent.response.headers.get("x-request-id") };
    }
    return this.#json<T>(prepared, options);
  }

  async #json<T>(prepared: Prepared, options: RequestOptions): Promise<WithResponse<T>> {
    const sent = await this.#send(prepared, options, "json");
    return { data: this.#decode<T>(sent, prepared), response: sent.response, requestId: sent.response.headers.get("x-request-id") };
  }

  #decode<T>(sent: Sent, prepared: Prepared): T {
    const { response, text } = sent;
    const fail = (reason: string): never => {
      const id = response.headers.get("x-request-id");
      throw new APIResponseValidationError(
        this.#redactor.text(
          `${prepared.method} ${prepared.shown} answered ${response.status} with a body that does not decode: ${reason}${id ? ` (request id ${id})` : ""}`,
        ),
        { status: response.status, headers: this.#redactor.headers(response.headers) },
      );
    };
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return fail(`not JSON: ${JSON.stringify(text.slice(0, 200))}`);
    }
    if (!isObject(value)) return fail("not a JSON object");
    return value as T;
  }

  #prepareOperation(op: Operation, pathValues: readonly string[], params: unknown, options: RequestOptions): Prepared {
    let path = op.path;
    op.pathParams.forEach((name, index) => {
      const value = pathValues[index];
      if (typeof value !== "string" || value === "") {
        throw new TypeError(`${name} must be a non-empty string (got ${JSON.stringify(value)})`);
      }
      path = path.replace(`{${name}}`, encodeURIComponent(value));
    });
    if (params !== undefined && !isObject(params)) {
      throw new TypeError(`the parameters of ${op.id} must be an object (got ${typeof params})`);
    }
    const query: Record<string, unknown> = {};
    const body: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(params ?? {})) {
      if (op.query.includes(key)) query[key] = value;
      else if (op.body) body[key] = value;
      else throw new TypeError(`${op.id} has no parameter ${JSON.stringify(key)}`);
    }
    if (op.body) {
      for (const name of op.required) {
        if (body[name] === undefined) throw new TypeError(`${name} is required`);
      }
      if (op.requiresOneOf.length > 0 && op.requiresOneOf.every((name) => body[name] == null)) {
        throw new TypeError(`give ${op.requiresOneOf.join(" or ")} (at least one of them)`);
      }
      checkModelIds(body, op.modelIds ?? []);
    }
    const stream = op.kind === "stream" && op.flag !== undefined && body[op.flag] === true;
    return this.#prepare(op.method, path, query, op.body ? body : undefined, options, stream);
  }

  #prepare(
    method: string,
    path: string,
    query: Record<string, unknown>,
    body: Record<string, unknown> | undefined,
    options: RequestOptions,
    stream: boolean,
  ): Prepared {
    checkMilliseconds("timeout", options.timeout);
    checkDeadline("firstByteTimeout", options.firstByteTimeout);
    checkDeadline("totalTimeout", options.totalTimeout);
    checkRetries("maxRetries", options.maxRetries);
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...query, ...options.query })) {
      if (value === undefined || value === null) continue;
      for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
    }
    const text = search.toString();
    const url = `${this.baseURL}${path}${text ? `?${text}` : ""}`;
    const shown = shownURL(url);
    const headers: Record<string, string> = { ...this.#headers, ...options.headers };
    headers.Authorization = `Bearer ${this.#apiKey}`;
    if (stream) headers.Accept = "text/event-stream";
    let payload: string | undefined;
    if (body !== undefined) {
      payload = JSON.stringify({ ...body, ...options.body });
      headers["Content-Type"] = "application/json";
    }
    if (method === "POST" && !Object.keys(headers).some((name) => name.toLowerCase() === "idempotency-key")) {
      headers["Idempotency-Key"] = options.idempotencyKey ?? newIdempotencyKey();
    }
    return { method, url, shown, headers, body: payload, stream };
  }

  /** Send with the retry plan within the call's deadlines: a success response (read, unless streamed), or a typed
   * error. Each attempt is bounded by the call's `timeout`, the time left of its `totalTimeout` and, for a stream,
   * its `firstByteTimeout`; a retry starts only if its wait leaves time for it. */
  async #send(prepared: Prepared, options: RequestOptions, mode: Mode): Promise<Sent> {
    const { method, url, shown } = prepared;
    const what = `${method} ${shown}`;
    const timeout = options.timeout ?? this.timeout;
    const deadlines = new CallDeadlines(
      options.totalTimeout === undefined ? this.totalTimeout : options.totalTimeout,
      options.firstByteTimeout === undefined ? this.firstByteTimeout : options.firstByteTimeout,
    );
    const signal = options.signal;
    const plan = new RetryPlan(this.retryPolicy, options.maxRetries ?? this.maxRetries);
    const started = Date.now();
    for (;;) {
      if (signal?.aborted) throw new APIUserAbortError();
      if (deadlines.expired()) throw new APITimeoutError(timeoutMessage("total", what, deadlines.total));
      const controller = new AbortController();
      const onAbort = (): void => controller.abort();
      signal?.addEventListener("abort", onAbort, { once: true });
      const attemptStarted = Date.now();
      const limit = deadlines.attempt(timeout, mode === "stream");
      let firedBy: DeadlineKind | null = null;
      const timer = after(limit.ms, () => {
        firedBy = limit.kind;
        controller.abort();
      });
      const release = (): void => {
        timer.clear();
        signal?.removeEventListener("abort", onAbort);
      };
      let failure: APIConnectionError;
      try {
        const response = await this.#fetch(url, {
          method,
          headers: prepared.headers,
          ...(prepared.body === undefined ? {} : { body: prepared.body }),
          signal: controller.signal,
        });
        if (response.ok) {
          if (mode === "stream") {
            timer.clear(); // from here the stream's own pace applies (first event, idle, total)
            this.#logged(method, shown, response, started, plan.retries);
            return { response, text: "", bytes: undefined, controller, release, deadlines, attemptStarted };
          }
          const bytes = mode === "media" ? new Uint8Array(await response.arrayBuffer()) : undefined;
          const text = bytes === undefined ? await response.text() : new TextDecoder().decode(bytes);
          release();
          this.#logged(method, shown, response, started, plan.retries);
          return { response, text, bytes, controller, release, deadlines, attemptStarted };
        }
        let delay = plan.afterStatus(response.status, response.headers);
        if (delay !== null && !deadlines.allows(delay)) delay = null;
        if (delay === null) {
          const text = await response.text();
          release();
          this.#logged(method, shown, response, started, plan.retries);
          const redactor = this.#redactor;
          throw statusError(response.status, redactor.headers(response.headers), redactor.text(text), method, shown);
        }
        release();
        await response.body?.cancel().catch(() => undefined); // give the connection back before waiting
        this.#debug(`retrying ${what} after status ${response.status} in ${Math.round(delay)} ms`);
        await sleep(delay, signal);
        continue;
      } catch (error) {
        release();
        if (error instanceof CCAPIError) throw error;
        if (signal?.aborted) throw new APIUserAbortError();
        const kind = firedBy as DeadlineKind | null; // set by the timer's callback
        failure =
          kind === null
            ? new APIConnectionError(`Connection error on ${what}`, { cause: this.#redactor.cause(error) })
            : new APITimeoutError(timeoutMessage(kind, what, kind === "total" ? deadlines.total : limit.ms));
        if (kind === "total") throw failure;
      }
      let delay = plan.afterError();
      if (delay !== null && !deadlines.allows(delay)) delay = null;
      if (delay === null) {
        this.#info(`${what} failed: ${failure.name} (${Date.now() - started} ms, ${plan.retries} retries)`);
        throw failure;
      }
      this.#debug(`retrying ${what} after ${failure.name} in ${Math.round(delay)} ms`);
      await sleep(delay, signal);
    }
  }

  #logged(method: string, url: string, response: Response, started: number, retries: number): void {
    if (this.#log >= 1) {
      const id = response.headers.get("x-request-id");
      this.#info(`${method} ${url} ${response.status} (${Date.now() - started} ms, ${retries} retries${id ? `, request id ${id}` : ""})`);
    }
  }

  #info(line: string): void {
    if (this.#log >= 1) console.error(`ccapi: ${line}`);
  }

  #debug(line: string): void {
    if (this.#log >= 2) console.error(`ccapi: ${line}`);
  }
}

/** The base of the generated resource classes. */
export class APIResource {
  protected readonly _client: BaseClient;

  constructor(client: BaseClient) {
    this._client = client;
  }
}
