// The errors the client throws, one class per error class of the Python SDK, split by whether a response came:
//
//   CCAPIError
//   ├── APIError                       about one HTTP exchange
//   │   ├── APIConnectionError         no response: refused, reset, a stream cut mid-way
//   │   │   └── APITimeoutError        no response in time (or a stream gone idle)
//   │   ├── APIUserAbortError          the caller's AbortSignal fired
//   │   ├── APIStatusError             an error status: .status .requestId .headers .error .type .code
//   │   │   ├── BadRequestError 400, AuthenticationError 401, BillingError 402, PermissionDeniedError 403,
//   │   │   ├── NotFoundError 404, ConflictError 409, UnprocessableEntityError 422, RateLimitError 429
//   │   │   └── InternalServerError 5xx
//   │   └── APIResponseValidationError a success response whose body does not decode
//   └── ImageJobError                  an image job gave no images: .jobId
//       ├── ImageJobFailedError        it ended `failed`: .error
//       └── ImageJobTimeoutError       it was not done by the deadline: .status
//
// Messages name the method, URL and status, never the API key.
import type { components } from "./generated/schema.js";

/** The server's account of what went wrong: `type`, `code`, `message`, `details`. */
export type ErrorObject = components["schemas"]["ErrorObject"];

/** The base of every error this package throws about a request. */
export class CCAPIError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** An error about one HTTP exchange, whether or not a response came. */
export class APIError extends CCAPIError {
  /** The HTTP status (for an error event inside a stream, the status its `type` stands for). */
  readonly status: number | undefined;
  /** The response's headers, when a response came. */
  readonly headers: Headers | undefined;
  /** The response's `X-Request-Id`, to quote to support. */
  readonly requestId: string | null;
  /** The server's ErrorObject, when its body had one. */
  readonly error: ErrorObject | undefined;

  constructor(
    message: string,
    init: { status?: number; headers?: Headers; error?: ErrorObject; cause?: unknown } = {},
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.headers = init.headers;
    this.requestId = init.headers?.get("x-request-id") ?? null;
    this.error = init.error;
  }
}

/** No response arrived: the connection failed, or broke before the response was complete. */
export class APIConnectionError extends APIError {
  constructor(message: string, init: { cause?: unknown } = {}) {
    super(message, init);
  }
}

/** No response, or no more of it, arrived within the timeout. */
export class APITimeoutError extends APIConnectionError {}

/** The caller's AbortSignal fired: the request (or stream, or wait) was given up. Never retried. */
export class APIUserAbortError extends APIError {
  constructor(message = "The request was aborted") {
    super(message);
  }
}

/** The server answered with an error status. `error` is its ErrorObject, when the body had one. */
export class APIStatusError extends APIError {
  declare readonly status: number;
  declare readonly headers: Headers;

  constructor(message: string, init: { status: number; headers: Headers; error?: ErrorObject }) {
    super(message, init);
  }

  /** The ErrorObject's `type` (`invalid_request_error`, ...; an open set), if the body had one. */
  get type(): string | null {
    return this.error?.type ?? null;
  }

  /** The ErrorObject's `code` (`unauthorized`, `insufficient_funds`, ...), if any. */
  get code(): string | null {
    return this.error?.code ?? null;
  }

  /** The ErrorObject's `details`, or an empty object. */
  get details(): Record<string, unknown> {
    return (this.error?.details as Record<string, unknown> | null | undefined) ?? {};
  }
}

/** 400: the request was malformed or failed validation; `details` may name the field. */
export class BadRequestError extends APIStatusError {}
/** 401: the API key is missing or invalid. */
export class AuthenticationError extends APIStatusError {}
/** 402: the account cannot pay for this request. */
export class BillingError extends APIStatusError {}
/** 403: the key may not do this. */
export class PermissionDeniedError extends APIStatusError {}
/** 404: no such job, provider or model. */
export class NotFoundError extends APIStatusError {}
/** 409: the request conflicts with another (retried by default). */
export class ConflictError extends APIStatusError {}
/** 422: the request was understood but cannot be carried out. */
export class UnprocessableEntityError extends APIStatusError {}

/** 429: too many requests. `retryAfter` is the server's advice in seconds, if it gave one. */
export class RateLimitError extends APIStatusError {
  readonly retryAfter: number | null;

  constructor(message: string, init: { status: number; headers: Headers; error?: ErrorObject }) {
    super(message, init);
    const advised = retryAfterMs(init.headers);
    this.retryAfter = advised === null ? null : advised / 1000;
  }
}

/** 5xx: the gateway or the upstream provider failed (retried by default). */
export class InternalServerError extends APIStatusError {}

/** A success response whose body is not what the spec describes (not JSON, or not an object). */
export class APIResponseValidationError extends APIError {}

/** An asynchronous image job gave no images. `jobId` lets a caller look at it again later. */
export class ImageJobError extends CCAPIError {
  readonly jobId: string;

  constructor(message: string, jobId: string) {
    super(message);
    this.jobId = jobId;
  }
}

/** The job ended `failed`. `error` is the server's ErrorObject, if it sent one. */
export class ImageJobFailedError extends ImageJobError {
  readonly error: ErrorObject | undefined;

  constructor(message: string, jobId: string, error: ErrorObject | undefined) {
    super(message, jobId);
    this.error = error;
  }
}

/** The job was still running at the deadline; it may yet finish (resume it by `jobId`). */
export class ImageJobTimeoutError extends ImageJobError {
  readonly status: string;

  constructor(message: string, jobId: string, status: string) {
    super(message, jobId);
    this.status = status;
  }
}

type StatusErrorClass = new (message: string, init: { status: number; headers: Headers; error?: ErrorObject }) => APIStatusError;

const BY_STATUS: Record<number, StatusErrorClass> = {
  400: BadRequestError,
  401: AuthenticationError,
  402: BillingError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

function errorClass(status: number): StatusErrorClass {
  return BY_STATUS[status] ?? (status >= 500 ? InternalServerError : APIStatusError);
}

/** The ErrorObject in a parsed error body, if it has one. */
export function errorObject(value: unknown): ErrorObject | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const candidate = value as { message?: unknown; type?: unknown };
  if (typeof candidate.message !== "string" || typeof candidate.type !== "string") return undefined;
  return value as ErrorObject;
}

/** The typed error for an error response whose body is `text`. */
export function statusError(status: number, headers: Headers, text: string, method: string, url: string): APIStatusError {
  let error: ErrorObject | undefined;
  try {
    error = errorObject((JSON.parse(text) as { error?: unknown } | null)?.error);
  } catch {
    error = undefined;
  }
  const trimmed = text.trim();
  const shown = error?.message ?? (trimmed.length > 300 ? `${trimmed.slice(0, 300)}…` : trimmed);
  const requestId = headers.get("x-request-id");
  const message = `${status} from ${method} ${url}: ${shown}${requestId ? ` (request id ${requestId})` : ""}`;
  return new (errorClass(status))(message, { status, headers, ...(error ? { error } : {}) });
}

/** The typed error for an `{"error": ErrorObject}` event inside a stream that began with 200. */
export function streamError(
  body: unknown,
  headers: Headers,
  method: string,
  url: string,
  statuses: Readonly<Record<string, number>>,
): APIStatusError {
  const error = errorObject(body);
  const status = (error && statuses[error.type]) || 500; // an unknown type is the server's failure until known otherwise
  const shown = error ? error.message.slice(0, 300) : JSON.stringify(body).slice(0, 300);
  const requestId = headers.get("x-request-id");
  const message = `Error event in the stream from ${method} ${url}: ${shown}${requestId ? ` (request id ${requestId})` : ""}`;
  const kind = BY_STATUS[status] ?? InternalServerError;
  return new kind(message, { status, headers, ...(error ? { error } : {}) });
}

/** The server's `Retry-After` (seconds or an HTTP date) in milliseconds, or null if absent or unreadable. */
export function retryAfterMs(headers: Headers, now: () => number = Date.now): number | null {
  const value = headers.get("retry-after");
  if (value === null || value.trim() === "") return null;
  const seconds = Number(value.trim());
  if (!Number.isNaN(seconds)) return Number.isFinite(seconds) ? Math.max(seconds, 0) * 1000 : null;
  if (/^[+-]?(inf|infinity|nan)$/i.test(value.trim())) return null;
  const when = Date.parse(value);
  return Number.isNaN(when) ? null : Math.max(when - now(), 0);
}
