// Asynchronous jobs: a handle that refreshes, waits with a deadline, reports progress, and can be resumed by id.
// Polling is its own policy, apart from request retries: each poll is one request (retried as any other), and
// between polls the handle waits as the server advises (`Retry-After`, then `estimated_time`), else backs off to a cap.
import type { BaseClient, Operation, RequestOptions } from "./core.js";
import { sleep } from "./promise.js";
import { ImageJobFailedError, ImageJobTimeoutError, retryAfterMs, type ErrorObject } from "./errors.js";

/** The fields of a job the handle reads. */
export interface JobBody {
  id: string;
  status: string;
  poll_url?: string | null;
  estimated_time?: number | null;
  error?: ErrorObject | null;
}

/** How a job is polled (milliseconds). */
export interface PollPolicy {
  /** Before the first poll when the server gives no advice; later ones wait `multiplier` times longer. */
  initialInterval: number;
  multiplier: number;
  /** The longest wait between two polls, unless the server's `Retry-After` asks for longer. */
  maxInterval: number;
  /** The shortest wait, so that an `estimated_time` near zero does not become a busy loop. */
  minInterval: number;
  /** The longest `Retry-After` honoured. */
  maxRetryAfter: number;
}

export const DEFAULT_POLL_POLICY: Readonly<PollPolicy> = {
  initialInterval: 1_000,
  multiplier: 1.5,
  maxInterval: 10_000,
  minInterval: 50,
  maxRetryAfter: 60_000,
};

export const DEFAULT_WAIT_TIMEOUT = 600_000;

export interface ResumeOptions {
  pollPolicy?: Partial<PollPolicy> | undefined;
}

export interface WaitOptions<T> {
  /** Milliseconds to wait in all; 600 000 by default. */
  timeout?: number | undefined;
  /** Called with the job as seen after each poll. */
  onProgress?: ((job: T) => unknown) | undefined;
  /** Stops waiting (APIUserAbortError) when it fires; the job goes on. */
  signal?: AbortSignal | undefined;
  /** Options for each poll request. */
  requestOptions?: RequestOptions | undefined;
}

/** An image job: `wait()` for the images, `refresh()` to look once; resume one by id with `images.jobs.resume(id)`. */
export class ImageJob<T extends JobBody> {
  /** The job as last seen: status, and the images once completed. */
  response: T;
  /** The HTTP response that last showed the job (status, headers, request id), if there was one. */
  rawResponse: Response | null;
  readonly pollPolicy: Readonly<PollPolicy>;
  readonly #client: BaseClient;
  readonly #job: NonNullable<Operation["job"]>;

  constructor(client: BaseClient, op: Operation, response: T, raw: Response | null, policy: Partial<PollPolicy> = {}) {
    if (op.job === undefined) throw new TypeError(`${op.id} does not start a job`);
    this.#client = client;
    this.#job = op.job;
    this.response = response;
    this.rawResponse = raw;
    this.pollPolicy = { ...DEFAULT_POLL_POLICY, ...policy };
  }

  /** A handle for a job known only by its id: nothing is known of it until the first refresh. */
  static resumed<T extends JobBody>(client: BaseClient, op: Operation, id: string, options: ResumeOptions): ImageJob<T> {
    const unknown = { id, created: 0, model: "", status: "pending" } as unknown as T;
    return new ImageJob<T>(client, op, unknown, null, options.pollPolicy);
  }

  get id(): string {
    return this.response.id;
  }

  /** `pending`, `processing`, `completed`, `failed`, or a status this SDK does not know yet. */
  get status(): string {
    return this.response.status;
  }

  /** Whether the job has ended (completed or failed); a synchronous provider's job is done at once. */
  get done(): boolean {
    return this.#job.finalStatuses.includes(this.status);
  }

  /** The final payload, with the images; ImageJobFailedError if it failed, an Error if it is still running. */
  result(): T {
    if (!this.done) throw new Error(`Image job ${this.id} is still ${this.status}: call wait() first`);
    this.#raiseIfFailed();
    return this.response;
  }

  /** Look at the job once. */
  async refresh(options: RequestOptions = {}): Promise<T> {
    const { data, response } = await this.#client.poll<T>(this.#pollPath(), options);
    this.response = data;
    this.rawResponse = response;
    return data;
  }

  /** Poll until the job ends: its final payload, ImageJobFailedError, or ImageJobTimeoutError at the deadline. */
  async wait(options: WaitOptions<T> = {}): Promise<T> {
    const timeout = options.timeout ?? DEFAULT_WAIT_TIMEOUT;
    if (typeof timeout !== "number" || !(timeout >= 0)) throw new TypeError("timeout must be milliseconds, 0 or more");
    if (options.onProgress !== undefined && typeof options.onProgress !== "function") {
      throw new TypeError("onProgress must be a function");
    }
    const deadline = Date.now() + timeout;
    let polls = 0;
    while (!this.done) {
      const advised = this.rawResponse ? this.#delay(polls) : this.pollPolicy.initialInterval;
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new ImageJobTimeoutError(
          `Image job ${this.id} was still ${this.status} after ${timeout} ms; resume it later by its id`,
          this.id,
          this.status,
        );
      }
      await sleep(Math.min(advised, remaining), options.signal);
      await this.refresh({ ...options.requestOptions, signal: options.signal ?? options.requestOptions?.signal });
      options.onProgress?.(this.response);
      polls += 1;
    }
    this.#raiseIfFailed();
    return this.response;
  }

  #delay(polls: number): number {
    const policy = this.pollPolicy;
    const advised = this.rawResponse ? retryAfterMs(this.rawResponse.headers) : null;
    if (advised !== null) return Math.max(Math.min(advised, policy.maxRetryAfter), policy.minInterval);
    const estimated = this.response.estimated_time;
    if (typeof estimated === "number" && estimated > 0) {
      return Math.min(Math.max(estimated * 1000, policy.minInterval), policy.maxInterval);
    }
    return Math.min(policy.initialInterval * policy.multiplier ** polls, policy.maxInterval);
  }

  #raiseIfFailed(): void {
    if (this.status !== this.#job.failedStatus) return;
    const error = this.response.error ?? undefined;
    throw new ImageJobFailedError(`Image job ${this.id} failed: ${error?.message ?? "no reason given"}`, this.id, error);
  }

  /** Where to poll: `poll_url` (relative to the base URL, or absolute on it), else the spec's own path. An absolute
   * URL on another origin is not followed: the request would carry the key there. */
  #pollPath(): string {
    const own = this.#job.pollPath.replace(/\{[^}]*\}/, encodeURIComponent(this.id));
    const url = this.response.poll_url;
    if (typeof url !== "string" || url === "") return own;
    if (/^https?:\/\//.test(url)) {
      const base = this.#client.baseURL;
      return url.startsWith(`${base}/`) ? url.slice(base.length) : own;
    }
    return url.startsWith("/") ? url : `/${url}`;
  }

  toJSON(): T {
    return this.response;
  }
}
