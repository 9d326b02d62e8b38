// `chat.completions.stream`: a streamed call told as openai-node's ChatCompletionStream tells it, by typed events
// (`chunk`, `content.delta` with the snapshot and the partially parsed answer, `content.done` with the checked
// answer, `refusal.delta/done`, `tool_calls.function.arguments.delta/done` with `parsed_arguments`), by
// `for await (const chunk of stream)`, and by `finalChatCompletion()`, the parsed completion. A streamed answer is
// not repaired (that would be another streamed attempt behind the caller's back): one that does not validate ends
// the stream with StructuredOutputError, after extraction, as `parse` would before asking again.
import type { components } from "../generated/schema.js";
import type { Stream } from "../streaming.js";
import { ChatCompletionAccumulator } from "../streaming.js";
import { partialParse } from "../vendor/partial-json.js";
import { EventRun } from "./events.js";
import { parsedCompletion, toolName } from "./parse.js";
import {
  StructuredOutputError,
  checkAnswer,
  checkArguments,
  checkFinishReasons,
  wantsSchema,
  type ParsedChatCompletion,
} from "./structured.js";

type ChatCompletionChunk = components["schemas"]["ChatCompletionChunk"];
type ChatCompletionResponse = components["schemas"]["ChatCompletionResponse"];

/** The events of a chat stream, with openai-node's names and payloads. */
export interface ChatCompletionStreamEvents<T> {
  /** Every chunk, with the completion so far. */
  chunk: (chunk: ChatCompletionChunk, snapshot: ChatCompletionResponse) => void;
  /** A piece of the answer: the text so far and, for a JSON schema format, the answer parsed so far (or null). */
  "content.delta": (event: { delta: string; snapshot: string; parsed: unknown }) => void;
  /** The whole answer, and the checked value for a JSON schema format (null when it did not validate). */
  "content.done": (event: { content: string; parsed: T | null }) => void;
  "refusal.delta": (event: { delta: string; snapshot: string }) => void;
  "refusal.done": (event: { refusal: string }) => void;
  "tool_calls.function.arguments.delta": (event: {
    name: string;
    index: number;
    arguments: string;
    parsed_arguments: unknown;
    arguments_delta: string;
  }) => void;
  "tool_calls.function.arguments.done": (event: {
    name: string;
    index: number;
    arguments: string;
    parsed_arguments: unknown;
  }) => void;
  /** The parsed completion, once the stream has ended. */
  finalChatCompletion: (completion: ParsedChatCompletion<T>) => void;
  error: (error: Error) => void;
  end: () => void;
}

interface ToolCallState {
  name: string;
  arguments: string;
  done: boolean;
}

interface ChoiceState {
  content: string;
  sawContent: boolean;
  refusal: string;
  finished: boolean;
  calls: Map<number, ToolCallState>;
  current: number | undefined;
}

/** How the stream gets its chunks: the streamed `create` call, with the run's abort signal. */
export type StartStream = (signal: AbortSignal) => PromiseLike<Stream<ChatCompletionChunk>>;

/** A chat stream with typed events; iterate it for the chunks, or await `finalChatCompletion()`. */
export class ChatCompletionStream<T = unknown>
  extends EventRun<ChatCompletionStreamEvents<T>>
  implements AsyncIterable<ChatCompletionChunk>
{
  readonly #start: StartStream;
  readonly #format: unknown;
  readonly #tools: readonly unknown[];
  readonly #accumulator = new ChatCompletionAccumulator();
  readonly #choices = new Map<number, ChoiceState>();
  #final: ParsedChatCompletion<T> | undefined;

  constructor(start: StartStream, format: unknown, tools: readonly unknown[]) {
    super();
    this.#start = start;
    this.#format = format;
    this.#tools = tools;
  }

  [Symbol.asyncIterator](): AsyncIterator<ChatCompletionChunk> {
    return this.iterate<ChatCompletionChunk>("chunk");
  }

  /** The parsed completion (`parsed`, `refusal`, `parsed_arguments`) once the stream has ended. */
  async finalChatCompletion(): Promise<ParsedChatCompletion<T>> {
    await this.done();
    if (this.#final === undefined) throw new Error("the stream ended without a completion");
    return this.#final;
  }

  /** The text of the first choice's answer, once the stream has ended. */
  async finalContent(): Promise<string | null> {
    return (await this.finalChatCompletion()).choices[0]?.message.content ?? null;
  }

  /** The completion put together from the chunks so far. */
  currentChatCompletionSnapshot(): ChatCompletionResponse {
    return this.#accumulator.completion();
  }

  protected async run(): Promise<void> {
    const stream = await this.#start(this.controller.signal);
    for await (const chunk of stream) {
      this.#accumulator.add(chunk);
      if (this.listens("chunk")) this.emit("chunk", chunk, this.#accumulator.completion());
      for (const piece of chunk.choices) this.#onChoice(piece);
    }
    const completion = this.#accumulator.completion();
    // Choices the server ended without a finish_reason still get their done events.
    for (const [index] of this.#choices) this.#finish(index);
    for (const choice of completion.choices) {
      const refusal = this.#choices.get(choice.index)?.refusal;
      if (refusal) Object.assign(choice.message, { refusal }); // the accumulator keeps what the spec lists
    }
    checkFinishReasons(completion);
    const { completion: parsed, failure } = parsedCompletion<T>(completion, this.#format, this.#tools);
    if (failure !== undefined) throw new StructuredOutputError(failure.raw, failure.errors, [completion]);
    this.#final = parsed;
    this.emit("finalChatCompletion", parsed);
  }

  #state(index: number): ChoiceState {
    let state = this.#choices.get(index);
    if (state === undefined) {
      state = { content: "", sawContent: false, refusal: "", finished: false, calls: new Map(), current: undefined };
      this.#choices.set(index, state);
    }
    return state;
  }

  #onChoice(piece: ChatCompletionChunk["choices"][number]): void {
    const state = this.#state(piece.index);
    const delta = piece.delta as typeof piece.delta & { refusal?: unknown };
    if (typeof delta.content === "string" && delta.content !== "") {
      state.sawContent = true;
      state.content += delta.content;
      const parsed = wantsSchema(this.#format) ? partial(state.content) : null;
      this.emit("content.delta", { delta: delta.content, snapshot: state.content, parsed });
    }
    if (typeof delta.refusal === "string" && delta.refusal !== "") {
      state.refusal += delta.refusal;
      this.emit("refusal.delta", { delta: delta.refusal, snapshot: state.refusal });
    }
    for (const call of delta.tool_calls ?? []) {
      if (state.current !== undefined && state.current !== call.index) this.#callDone(state, state.current);
      state.current = call.index;
      let built = state.calls.get(call.index);
      if (built === undefined) {
        built = { name: "", arguments: "", done: false };
        state.calls.set(call.index, built);
      }
      built.name += call.function?.name ?? "";
      const piece = call.function?.arguments ?? "";
      built.arguments += piece;
      if (piece !== "") {
        this.emit("tool_calls.function.arguments.delta", {
          name: built.name,
          index: call.index,
          arguments: built.arguments,
          parsed_arguments: partial(built.arguments),
          arguments_delta: piece,
        });
      }
    }
    if (piece.finish_reason) this.#finish(piece.index);
  }

  #finish(index: number): void {
    const state = this.#state(index);
    if (state.finished) return;
    state.finished = true;
    if (state.sawContent && state.calls.size === 0) {
      let parsed: T | null = null;
      if (wantsSchema(this.#format)) {
        const checked = checkAnswer<T>(state.content, this.#format);
        parsed = checked.success ? checked.data : null;
      }
      this.emit("content.done", { content: state.content, parsed });
    }
    if (state.refusal !== "") this.emit("refusal.done", { refusal: state.refusal });
    for (const [position] of state.calls) this.#callDone(state, position);
  }

  #callDone(state: ChoiceState, index: number): void {
    const call = state.calls.get(index);
    if (call === undefined || call.done) return;
    call.done = true;
    const tool = this.#tools.find((candidate) => toolName(candidate) === call.name);
    const checked = checkArguments(call.arguments, tool);
    const parsed = checked.success ? checked.data : null;
    this.emit("tool_calls.function.arguments.done", { name: call.name, index, arguments: call.arguments, parsed_arguments: parsed });
  }
}

/** The JSON parsed so far from an incomplete text; null while nothing parses yet (or the text is not JSON). */
function partial(text: string): unknown {
  if (text.trim() === "") return null;
  try {
    return partialParse(text) as unknown;
  } catch {
    return null;
  }
}
