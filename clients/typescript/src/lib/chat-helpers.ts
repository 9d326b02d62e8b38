// The hand-written methods of `client.chat.completions`: `parse`, `stream` and `runTools`. The generated resource
// class extends this one (the spec's `x-ccapi-helpers: _chat_helpers.ChatCompletionsHelpers` names it, as it names
// the Python SDK's mixin), so regeneration never touches them; they call the generated `create` and nothing else.
import { APIResource, APIPromise, type RequestOptions } from "../core.js";
import type { components } from "../generated/schema.js";
import type { Stream } from "../streaming.js";
import { ChatCompletionStream } from "./chat-stream.js";
import { refuseTools } from "./capabilities.js";
import { parseWithRepairs, toolName, wireFormat, wireTools } from "./parse.js";
import { RUN, isParseableTool, type ParsedChatCompletion, type ParsedOutput } from "./structured.js";
import { ChatCompletionRunner, type RunToolsParams } from "./tool-runner.js";

type ChatCompletionRequest = components["schemas"]["ChatCompletionRequest"];
type ChatCompletionResponse = components["schemas"]["ChatCompletionResponse"];
type ChatCompletionChunk = components["schemas"]["ChatCompletionChunk"];

/** The parameters of `parse` and `stream`: those of `create`, and the repairs `parse` may make. */
export type ChatCompletionParseParams = ChatCompletionRequest & {
  /** How many times a call whose answer does not validate is asked again (the client's `maxRepairs`, else 1). */
  maxRepairs?: number | undefined;
};

/** The signal of a run: the caller's, and the run's own (aborting either gives the call up). */
function joined(own: AbortSignal, options: RequestOptions | undefined): RequestOptions {
  const given = options?.signal;
  return { ...options, signal: given ? eitherSignal(own, given) : own };
}

/** A signal that fires when either does (AbortSignal.any where the runtime has it: Node 20.3+, not 20.0). */
function eitherSignal(first: AbortSignal, second: AbortSignal): AbortSignal {
  if (typeof AbortSignal.any === "function") return AbortSignal.any([first, second]);
  const controller = new AbortController();
  for (const signal of [first, second]) {
    if (signal.aborted) controller.abort(signal.reason);
    else signal.addEventListener("abort", () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}

/** The request as the API takes it: checkers and tool functions left out. */
function wire(params: ChatCompletionRequest): ChatCompletionRequest {
  const body: ChatCompletionRequest = { ...params };
  if (params.response_format !== undefined) {
    body.response_format = wireFormat(params.response_format) as ChatCompletionRequest["response_format"];
  }
  if (params.tools !== undefined) body.tools = wireTools(params.tools) as ChatCompletionRequest["tools"];
  return body;
}

/** `client.chat.completions`' typed answers and tool loops (the base of the generated resource). */
export abstract class ChatCompletionsHelpers extends APIResource {
  abstract create(
    params: ChatCompletionRequest & { stream: true },
    options?: RequestOptions,
  ): APIPromise<Stream<ChatCompletionChunk>>;
  abstract create(
    params: ChatCompletionRequest & { stream?: false | null },
    options?: RequestOptions,
  ): APIPromise<ChatCompletionResponse>;

  /**
   * A completion whose answer is checked against `response_format` (`zodResponseFormat(schema, name)` from
   * `ccapi-sdk/helpers/zod`): `choices[i].message.parsed` is typed from the schema, `refusal` is the model's refusal
   * or null. An answer that does not validate is extracted (prose or a fenced block around the JSON), then asked
   * again with the validation errors (`maxRepairs`), then StructuredOutputError. A cut answer is
   * LengthFinishReasonError, a filtered one ContentFilterFinishReasonError.
   */
  parse<P extends ChatCompletionParseParams>(
    params: P,
    options?: RequestOptions,
  ): APIPromise<ParsedChatCompletion<ParsedOutput<P>>> {
    const clientRepairs = (this._client.options as { maxRepairs?: number }).maxRepairs;
    const send = (body: ChatCompletionRequest) =>
      this.create({ ...body, stream: false }, options).withResponse();
    return new APIPromise(
      refuseTools(this._client, params, options).then(() => parseWithRepairs<ParsedOutput<P>>(send, params, clientRepairs)),
    );
  }

  /**
   * A streamed completion with typed events (`chunk`, `content.delta`, `content.done`, `refusal.delta/done`,
   * `tool_calls.function.arguments.delta/done`): `on(event, listener)`, `for await (const chunk of stream)`,
   * `await stream.finalChatCompletion()` (parsed as `parse` parses, without repairs).
   */
  stream<P extends ChatCompletionRequest>(params: P, options?: RequestOptions): ChatCompletionStream<ParsedOutput<P>> {
    const body = { ...wire(params), stream: true as const };
    return new ChatCompletionStream<ParsedOutput<P>>(
      async (signal) => {
        await refuseTools(this._client, params, joined(signal, options));
        return this.create(body, joined(signal, options));
      },
      params.response_format,
      params.tools ?? [],
    );
  }

  /**
   * Run the tools the model calls (`zodFunction({ name, parameters, function })`, or openai-node's plain form), send
   * their results back, and repeat until the model answers or `maxSteps` completions (10 by default) were made.
   */
  runTools(params: RunToolsParams, options?: RequestOptions): ChatCompletionRunner {
    if (!Array.isArray(params.tools) || params.tools.length === 0) throw new TypeError("tools must be a non-empty list");
    const steps = params.maxSteps;
    if (steps !== undefined && !(Number.isInteger(steps) && steps >= 1)) {
      throw new TypeError(`maxSteps must be a whole number, 1 or more (got ${String(steps)})`);
    }
    for (const tool of params.tools) {
      const runnable = isParseableTool(tool) ? tool[RUN] : (tool as { function?: { function?: unknown } }).function?.function;
      if (typeof runnable !== "function") {
        throw new TypeError(`tools: '${toolName(tool) ?? "?"}' has no function to run (zodFunction({ ..., function }))`);
      }
    }
    let checked: Promise<void> | undefined;
    return new ChatCompletionRunner(async (body, signal) => {
      checked ??= refuseTools(this._client, body, joined(signal, options));
      await checked;
      return this.create({ ...body, stream: false }, joined(signal, options));
    }, params);
  }
}
