// `chat.completions.runTools`: the loop every tool-using program writes, written once. Send; run the tools the
// model called (several calls at once run concurrently); send their results back; repeat until the model answers
// without calling a tool, or `maxSteps` completions have been made. A tool that throws, or whose arguments do not
// validate, or that does not exist, is answered to the model as that tool's error (the model may correct itself)
// and kept in `toolCalls`: never lost, never thrown past the loop.
import type { components } from "../generated/schema.js";
import { EventRun } from "./events.js";
import { toolName, wireTools } from "./parse.js";
import { RUN, checkArguments, checkFinishReasons, isParseableTool, type ParseableTool } from "./structured.js";

type ChatCompletionRequest = components["schemas"]["ChatCompletionRequest"];
type ChatCompletionResponse = components["schemas"]["ChatCompletionResponse"];
type ChatRequestMessage = components["schemas"]["ChatRequestMessage"];
type ChatToolCall = components["schemas"]["ChatToolCall"];

/** `T` less the keys `K`, known properties kept even beside an index signature (which `Omit` would lose). */
export type Without<T, K extends PropertyKey> = { [P in keyof T as P extends K ? never : P]: T[P] };

/** Completions a runner makes when the call does not say. */
export const DEFAULT_MAX_STEPS = 10;

/**
 * A tool in openai-node's plain form: the function to run beside its JSON schema, and optionally `parse` to turn
 * the arguments' JSON text into its argument (JSON.parse otherwise).
 */
export interface RunnableFunctionTool<Args = unknown> {
  type: "function";
  function: {
    name: string;
    description?: string;
    parameters: Record<string, unknown>;
    function: (args: Args) => unknown;
    parse?: (text: string) => Args;
  };
}

// Arguments are checked by each tool itself, so a list may mix tools of any argument type.
export type RunnableTool = ParseableTool<any> | RunnableFunctionTool<any>;

/** The parameters of `runTools`: those of `create`, with tools that can run, and the most completions to make. */
export type RunToolsParams = Without<ChatCompletionRequest, "tools" | "stream"> & {
  tools: readonly RunnableTool[];
  /** The most completions to make (10 by default); the tools the last one calls still run. */
  maxSteps?: number | undefined;
};

/** One tool call the runner handled: its result as sent to the model, and the error when the tool failed. */
export interface ToolCallRecord {
  id: string;
  name: string;
  arguments: string;
  /** The text sent back to the model (the tool's result, or its error). */
  content: string;
  /** What the tool threw, or why it could not run; undefined when it succeeded. */
  error?: unknown;
}

export interface ChatCompletionRunnerEvents {
  /** Each completion, as it arrives. */
  chatCompletion: (completion: ChatCompletionResponse) => void;
  /** Each message added to the conversation (the model's and the tools'). */
  message: (message: ChatRequestMessage) => void;
  functionToolCall: (call: ChatToolCall) => void;
  functionToolCallResult: (record: ToolCallRecord) => void;
  error: (error: Error) => void;
  end: () => void;
}

/** What sends one step: the plain `create` call, with the run's abort signal. */
export type SendStep = (body: ChatCompletionRequest, signal: AbortSignal) => PromiseLike<ChatCompletionResponse>;

/** A running tool loop: `for await` over its completions, `await done()`, then read `messages` and `toolCalls`. */
export class ChatCompletionRunner extends EventRun<ChatCompletionRunnerEvents> implements AsyncIterable<ChatCompletionResponse> {
  /** The conversation: the messages given, then each completion's message and the tools' results. */
  readonly messages: ChatRequestMessage[];
  /** Every tool call handled, in order, errors included. */
  readonly toolCalls: ToolCallRecord[] = [];
  readonly #completions: ChatCompletionResponse[] = [];
  readonly #send: SendStep;
  readonly #body: Omit<RunToolsParams, "maxSteps" | "tools">;
  readonly #tools: readonly RunnableTool[];
  readonly #maxSteps: number;

  constructor(send: SendStep, params: RunToolsParams) {
    super();
    const { maxSteps, tools, ...body } = params;
    this.#send = send;
    this.#body = body;
    this.#tools = tools;
    this.#maxSteps = maxSteps ?? DEFAULT_MAX_STEPS;
    this.messages = [...body.messages];
  }

  [Symbol.asyncIterator](): AsyncIterator<ChatCompletionResponse> {
    return this.iterate<ChatCompletionResponse>("chatCompletion");
  }

  /** Every completion made, once the loop has ended. */
  async allChatCompletions(): Promise<ChatCompletionResponse[]> {
    await this.done();
    return [...this.#completions];
  }

  /** The last completion, once the loop has ended. */
  async finalChatCompletion(): Promise<ChatCompletionResponse> {
    await this.done();
    const last = this.#completions[this.#completions.length - 1];
    if (last === undefined) throw new Error("the runner made no completion");
    return last;
  }

  /** The text of the last completion's answer (null if it still called tools), once the loop has ended. */
  async finalContent(): Promise<string | null> {
    return (await this.finalChatCompletion()).choices[0]?.message.content ?? null;
  }

  protected async run(): Promise<void> {
    const wire = wireTools(this.#tools) as ChatCompletionRequest["tools"];
    for (let step = 0; step < this.#maxSteps; step++) {
      const body = { ...this.#body, messages: [...this.messages], tools: wire, stream: false } as ChatCompletionRequest;
      const completion = await this.#send(body, this.controller.signal);
      checkFinishReasons(completion); // a call cut short cannot be run: as the Python runner, stop with the error
      this.#completions.push(completion);
      this.emit("chatCompletion", completion);
      const message = completion.choices[0]?.message;
      if (message === undefined) return;
      const said: ChatRequestMessage = { role: "assistant", content: message.content };
      if (message.tool_calls?.length) said.tool_calls = message.tool_calls;
      this.#add(said);
      const calls = message.tool_calls ?? [];
      if (calls.length === 0) return;
      for (const call of calls) this.emit("functionToolCall", call);
      // All calls of one step run at once; their results go back in the order the model made the calls.
      const records = await Promise.all(calls.map((call) => this.#runCall(call)));
      for (const record of records) {
        this.toolCalls.push(record);
        this.emit("functionToolCallResult", record);
        this.#add({ role: "tool", tool_call_id: record.id, content: record.content });
      }
    }
  }

  #add(message: ChatRequestMessage): void {
    this.messages.push(message);
    this.emit("message", message);
  }

  async #runCall(call: ChatToolCall): Promise<ToolCallRecord> {
    const { name, arguments: text } = call.function;
    const base = { id: call.id, name, arguments: text };
    const tool = this.#tools.find((candidate) => toolName(candidate) === name);
    if (tool === undefined) {
      const known = this.#tools.map(toolName).join(", ");
      return failed(base, new ToolFailure(`there is no tool named '${name}' (the tools are: ${known})`));
    }
    let args: unknown;
    let run: ((args: unknown) => unknown) | undefined;
    try {
      if (isParseableTool(tool)) {
        const checked = checkArguments(text, tool);
        if (!checked.success) {
          return failed(base, new ToolFailure(`the arguments do not match the tool's schema: ${checked.errors.join("; ")}`));
        }
        args = checked.data;
        run = tool[RUN];
      } else {
        const plain = tool as RunnableFunctionTool;
        args = plain.function.parse ? plain.function.parse(text) : JSON.parse(text === "" ? "{}" : text);
        run = plain.function.function;
      }
    } catch (error) {
      return failed(base, error);
    }
    if (typeof run !== "function") return failed(base, new Error(`the tool ${name} has no function to run`));
    try {
      const result: unknown = await run(args);
      return { ...base, content: typeof result === "string" ? result : JSON.stringify(result ?? null) };
    } catch (error) {
      return failed(base, error);
    }
  }
}

/** Why a tool call was not run (an unknown tool, arguments that do not validate): told to the model. */
export class ToolFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ToolFailure";
  }
}

function failed(base: Omit<ToolCallRecord, "content" | "error">, error: unknown): ToolCallRecord {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { ...base, content: `Error: ${reason}`, error };
}
