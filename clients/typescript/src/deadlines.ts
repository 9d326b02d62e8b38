// A call's deadlines, and timers of any length. Node and browsers fire a `setTimeout` longer than 2^31-1 ms at once
// (with a warning), so a longer wait is a chain of shorter ones. Deadlines are per call however the bytes arrive:
// `totalTimeout` bounds the whole call across its retries (a stream's reading included); `firstByteTimeout` bounds a
// stream attempt until its first complete event (its headers, then that event); the idle deadline (the call's
// `timeout`) runs from the last complete event. Keep-alive comments and partial lines count for none of them.

/** The longest delay `setTimeout` honours. */
export const MAX_TIMER_DELAY = 2 ** 31 - 1;

/** Milliseconds for a stream's headers and first complete event, as the Python client's `first_byte_timeout`. */
export const DEFAULT_FIRST_BYTE_TIMEOUT = 20_000;

export interface Timer {
  clear(): void;
}

/** Call `fire` once after `ms` milliseconds, however long that is (a chain of timers past the platform's limit). */
export function after(ms: number, fire: () => void): Timer {
  let handle: ReturnType<typeof setTimeout> | undefined;
  const arm = (left: number): void => {
    handle =
      left > MAX_TIMER_DELAY ? setTimeout(() => arm(left - MAX_TIMER_DELAY), MAX_TIMER_DELAY) : setTimeout(fire, Math.max(left, 0));
  };
  arm(ms);
  return { clear: () => clearTimeout(handle) };
}

/** Which deadline bounded a wait. */
export type DeadlineKind = "timeout" | "firstByte" | "idle" | "total";

/** One call's clock: its total deadline (null: none) and a stream attempt's first-byte deadline (null: none). */
export class CallDeadlines {
  readonly started = Date.now();

  constructor(
    readonly total: number | null,
    readonly firstByte: number | null,
  ) {}

  /** Milliseconds left of the total deadline (never below 0), or null without one. */
  remaining(): number | null {
    return this.total === null ? null : Math.max(0, this.total - (Date.now() - this.started));
  }

  expired(): boolean {
    const left = this.remaining();
    return left !== null && left <= 0;
  }

  /** Whether a retry's wait of `delay` ms still leaves time for the attempt after it. */
  allows(delay: number): boolean {
    const left = this.remaining();
    return left === null || delay < left;
  }

  /** How long one attempt may take before its response (and, for a stream, before its headers). */
  attempt(timeout: number, stream: boolean): { ms: number; kind: DeadlineKind } {
    let bound: { ms: number; kind: DeadlineKind } = { ms: timeout, kind: "timeout" };
    if (stream && this.firstByte !== null && this.firstByte < bound.ms) bound = { ms: this.firstByte, kind: "firstByte" };
    const left = this.remaining();
    if (left !== null && left < bound.ms) bound = { ms: left, kind: "total" };
    return bound;
  }
}

/** How long a stream attempt may wait for its next bytes: until the idle deadline after its last complete event, the
 * first-byte deadline while no event has come, or the call's total deadline, whichever is first. */
export class StreamPace {
  #lastEvent: number;
  #seen = false;
  readonly #firstEventDue: number | null;

  constructor(
    readonly deadlines: CallDeadlines,
    readonly idle: number,
    attemptStarted: number,
  ) {
    this.#lastEvent = Date.now();
    this.#firstEventDue = deadlines.firstByte === null ? null : attemptStarted + deadlines.firstByte;
  }

  /** A complete event arrived: the idle deadline starts again, the first-byte deadline is met. */
  event(): void {
    this.#seen = true;
    this.#lastEvent = Date.now();
  }

  /** Milliseconds the next read may wait, and the deadline that bounds it. */
  next(): { ms: number; kind: DeadlineKind } {
    const now = Date.now();
    let bound: { ms: number; kind: DeadlineKind } = { ms: this.#lastEvent + this.idle - now, kind: "idle" };
    if (!this.#seen && this.#firstEventDue !== null && this.#firstEventDue - now < bound.ms) {
      bound = { ms: this.#firstEventDue - now, kind: "firstByte" };
    }
    const left = this.deadlines.remaining();
    if (left !== null && left < bound.ms) bound = { ms: left, kind: "total" };
    return { ms: Math.max(0, bound.ms), kind: bound.kind };
  }
}

/** What an APITimeoutError says of the deadline that fired, for `what` (`GET https://...`, or a stream). */
export function timeoutMessage(kind: DeadlineKind, what: string, ms: number | null): string {
  switch (kind) {
    case "total":
      return `${what} was cut at the call's total timeout (${ms} ms)`;
    case "firstByte":
      return `${what} sent no event within the first-byte timeout (${ms} ms)`;
    case "idle":
      return `${what} went idle for ${ms} ms (no complete event)`;
    default:
      return `Request timed out: ${what}`;
  }
}
