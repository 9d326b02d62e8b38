// The promise every call returns, and an abortable sleep: shared by the core, pages and jobs (no imports of theirs).
import { after } from "./deadlines.js";
import { APIUserAbortError } from "./errors.js";

/** A call's result with the response that carried it. */
export interface WithResponse<T> {
  data: T;
  response: Response;
  requestId: string | null;
}

/** What every call returns: await it for the result, or ask `withResponse()` for the status and headers too. */
export class APIPromise<T> implements PromiseLike<T> {
  readonly #result: Promise<WithResponse<T>>;

  constructor(result: Promise<WithResponse<T>>) {
    this.#result = result;
  }

  /** The result, the HTTP response (status, headers) and its request id. */
  withResponse(): Promise<WithResponse<T>> {
    return this.#result;
  }

  /** The HTTP response alone. */
  async asResponse(): Promise<Response> {
    return (await this.#result).response;
  }

  then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#result.then((result) => result.data).then(onfulfilled, onrejected);
  }

  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.then(undefined, onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onfinally);
  }
}

/** Wait `ms`, or throw APIUserAbortError as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new APIUserAbortError());
      return;
    }
    const onAbort = (): void => {
      timer.clear();
      reject(new APIUserAbortError());
    };
    const timer = after(ms, () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    });
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
