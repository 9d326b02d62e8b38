// Streams of server-sent events, each decoded into a typed event. A stream owns one response and always gives its
// connection back: at `[DONE]`, on `cancel()`, when a `for await` loop is left early, and on an error. How it fails:
// an `{"error": ...}` event is the typed status error for the error's `type`; the connection breaking, or ending
// without `[DONE]`, is APIConnectionError; no complete event within a deadline (the first event within the first-byte
// timeout, the next within the idle timeout, all within the call's total timeout) is APITimeoutError. Keep-alive
// comments and a line that never ends do not hold a deadline off: only complete events do.
import {
  APIConnectionError,
  APIResponseValidationError,
  APITimeoutError,
  APIUserAbortError,
  CCAPIError,
  streamError,
} from "./errors.js";
import { after, timeoutMessage, type StreamPace, type Timer } from "./deadlines.js";
import type { components } from "./generated/schema.js";
import type { Redactor } from "./secrets.js";

type ChatCompletionChunk = components["schemas"]["ChatCompletionChunk"];
type ChatCompletionResponse = components["schemas"]["ChatCompletionResponse"];

const DONE = "[DONE]";

export interface StreamContext {
  /** The deadlines of the attempt that opened the stream. */
  pace: StreamPace;
  method: string;
  /** The URL as messages show it (credentials redacted). */
  url: string;
  errorStatuses: Readonly<Record<string, number>>;
  release: () => void;
  /** Cleans what the server sent of the key before it goes into an error. */
  redactor: Redactor;
}

const EXPIRED = Symbol("expired");

/** A stream of typed events: `for await (const chunk of stream)`; read once. */
export class Stream<T> implements AsyncIterable<T> {
  /** The HTTP response that carries the stream (status, headers). */
  readonly response: Response;
  /** The response's `X-Request-Id`. */
  readonly requestId: string | null;
  /** Aborting it closes the stream and its connection. */
  readonly controller: AbortController;
  readonly #context: StreamContext;
  #started = false;
  #finished = false;

  constructor(response: Response, controller: AbortController, context: StreamContext) {
    this.response = response;
    this.requestId = response.headers.get("x-request-id");
    this.controller = controller;
    this.#context = context;
  }

  /** Close the stream and give its connection back (reading it ends quietly). */
  cancel(): void {
    if (!this.#finished) {
      this.#finished = true;
      this.controller.abort();
      this.response.body?.cancel().catch(() => undefined);
      this.#context.release();
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    if (this.#started) throw new TypeError("a stream can be read only once");
    this.#started = true;
    const { method, url, pace } = this.#context;
    const contentType = (this.response.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
    if (contentType !== "text/event-stream") {
      this.cancel();
      throw new APIResponseValidationError(
        `${method} ${url} answered ${this.response.status} with ${contentType || "no content type"}, not an event stream`,
        { status: this.response.status, headers: this.#context.redactor.headers(this.response.headers) },
      );
    }
    const body = this.response.body;
    if (body === null) {
      this.cancel();
      throw new APIConnectionError(`The stream from ${method} ${url} ended before [DONE]`);
    }
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    let data: string[] = [];
    try {
      for (;;) {
        const wait = pace.next();
        let timer: Timer | undefined;
        const expired = new Promise<typeof EXPIRED>((resolve) => {
          timer = after(wait.ms, () => resolve(EXPIRED));
        });
        let read: ReadableStreamReadResult<Uint8Array> | typeof EXPIRED;
        try {
          read = await Promise.race([reader.read(), expired]);
        } catch (error) {
          if (this.#finished) return; // cancelled by the caller
          if (this.controller.signal.aborted) throw new APIUserAbortError("The stream was aborted");
          throw new APIConnectionError(`The stream from ${method} ${url} broke off`, { cause: this.#context.redactor.cause(error) });
        } finally {
          timer?.clear();
        }
        if (read === EXPIRED) {
          const limit = { idle: pace.idle, firstByte: pace.deadlines.firstByte, total: pace.deadlines.total, timeout: null };
          throw new APITimeoutError(timeoutMessage(wait.kind, `The stream from ${method} ${url}`, limit[wait.kind]));
        }
        if (read.done) {
          if (this.#finished) return;
          throw new APIConnectionError(`The stream from ${method} ${url} ended before [DONE]`);
        }
        buffer += decoder.decode(read.value, { stream: true });
        const lines = buffer.split(/\r\n|\r|\n/);
        buffer = lines.pop() ?? "";
        for (const line of lines) {
          if (line === "") {
            if (data.length === 0) continue;
            const payload = data.join("\n");
            data = [];
            pace.event();
            if (payload.trim() === DONE) {
              this.#done();
              return;
            }
            yield this.#decode(payload);
            continue;
          }
          if (line.startsWith(":")) continue; // a comment (a keep-alive)
          const colon = line.indexOf(":");
          const field = colon === -1 ? line : line.slice(0, colon);
          let value = colon === -1 ? "" : line.slice(colon + 1);
          if (value.startsWith(" ")) value = value.slice(1);
          if (field === "data") data.push(value);
        }
      }
    } finally {
      if (!this.#finished) this.cancel(); // left early, or failed: close the connection
      reader.releaseLock();
    }
  }

  #done(): void {
    this.#finished = true;
    this.#context.release();
  }

  #decode(payload: string): T {
    const { method, url, redactor } = this.#context;
    let value: unknown;
    try {
      value = JSON.parse(payload);
    } catch {
      throw new APIResponseValidationError(
        `a stream event from ${method} ${url} is not JSON: ${JSON.stringify(redactor.text(payload.slice(0, 200)))}`,
        { status: this.response.status, headers: redactor.headers(this.response.headers) },
      );
    }
    if (typeof value === "object" && value !== null && "error" in value && !("choices" in value)) {
      // Redacted as text, then read again: the key may sit anywhere in the event (message, details).
      const cleaned = JSON.parse(redactor.text(payload)) as { error: unknown };
      const headers = redactor.headers(this.response.headers);
      throw streamError(cleaned.error, headers, method, url, this.#context.errorStatuses);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new APIResponseValidationError(`a stream event from ${method} ${url} is not a JSON object`, {
        status: this.response.status,
        headers: redactor.headers(this.response.headers),
      });
    }
    return value as T;
  }

  /** Only the text of a chat stream's first choice, piece by piece. */
  async *iterText(this: Stream<ChatCompletionChunk>): AsyncGenerator<string, void, undefined> {
    for await (const chunk of this) {
      const content = chunk.choices[0]?.delta.content;
      if (typeof content === "string" && content) yield content;
    }
  }

  /** Read a chat stream to its end and fold it into the ChatCompletionResponse a plain call returns. */
  async finalCompletion(this: Stream<ChatCompletionChunk>): Promise<ChatCompletionResponse> {
    const folded = new ChatCompletionAccumulator();
    for await (const chunk of this) folded.add(chunk);
    return folded.completion();
  }
}

interface ToolCall {
  id: string;
  type: string;
  function: { name: string; arguments: string };
}

interface Choice {
  index: number;
  role: string;
  content: string[];
  sawContent: boolean;
  toolCalls: Map<number, ToolCall>;
  finishReason: string | null;
}

/** Feed it every chunk with `add`; `completion()` is then the whole answer, as a non-streamed call returns it. */
export class ChatCompletionAccumulator {
  #head: Record<string, unknown> | undefined;
  #choices = new Map<number, Choice>();
  #usage: unknown;

  add(chunk: ChatCompletionChunk): void {
    this.#head ??= { id: chunk.id, object: "chat.completion", created: chunk.created, model: chunk.model };
    if (chunk.provider) this.#head.provider = chunk.provider;
    if (chunk.usage) this.#usage = chunk.usage;
    for (const piece of chunk.choices) {
      let choice = this.#choices.get(piece.index);
      if (choice === undefined) {
        choice = { index: piece.index, role: "assistant", content: [], sawContent: false, toolCalls: new Map(), finishReason: null };
        this.#choices.set(piece.index, choice);
      }
      const delta = piece.delta;
      if (delta.role) choice.role = delta.role;
      if (typeof delta.content === "string") {
        choice.sawContent = true;
        choice.content.push(delta.content);
      }
      for (const call of delta.tool_calls ?? []) {
        let built = choice.toolCalls.get(call.index);
        if (built === undefined) {
          built = { id: "", type: "function", function: { name: "", arguments: "" } };
          choice.toolCalls.set(call.index, built);
        }
        if (call.id) built.id = call.id;
        if (call.type) built.type = call.type;
        if (call.function) {
          built.function.name += call.function.name ?? "";
          built.function.arguments += call.function.arguments ?? "";
        }
      }
      if (piece.finish_reason) choice.finishReason = piece.finish_reason;
    }
  }

  completion(): ChatCompletionResponse {
    if (this.#head === undefined) throw new CCAPIError("the stream sent no chunk to build a completion from");
    const choices = [...this.#choices.values()]
      .sort((a, b) => a.index - b.index)
      .map((choice) => {
        const text = choice.content.join("");
        const calls = [...choice.toolCalls.entries()].sort(([a], [b]) => a - b).map(([, call]) => call);
        const message: Record<string, unknown> = {
          role: choice.role,
          content: choice.sawContent && (text || calls.length === 0) ? text : null,
        };
        if (calls.length > 0) message.tool_calls = calls;
        return { index: choice.index, message, finish_reason: choice.finishReason };
      });
    const body: Record<string, unknown> = { ...this.#head, choices };
    if (this.#usage !== undefined) body.usage = this.#usage;
    return body as unknown as ChatCompletionResponse;
  }
}
