// `chat.completions.parse`: one call, its answer checked against the response format, and the repair rule every
// model of a gateway needs. Some models honour `json_schema`, some answer in prose or a fenced block, some break the
// schema: the JSON is first extracted from whatever came, and when it still does not validate the model is asked
// again with the validation errors, `maxRepairs` times at most (1 by default), before StructuredOutputError.
import type { WithResponse } from "../promise.js";
import type { components } from "../generated/schema.js";
import {
  StructuredOutputError,
  checkAnswer,
  checkArguments,
  checkFinishReasons,
  isParseableFormat,
  refusalOf,
  repairRequest,
  shownErrors,
  wantsSchema,
  type ParsedChatCompletion,
  type ParsedChoice,
  type ParsedFunctionToolCall,
} from "./structured.js";

type ChatCompletionRequest = components["schemas"]["ChatCompletionRequest"];
type ChatCompletionResponse = components["schemas"]["ChatCompletionResponse"];
type ChatRequestMessage = components["schemas"]["ChatRequestMessage"];
type ChatToolCall = components["schemas"]["ChatToolCall"];

/** Repairs a call makes when neither the client nor the call says: one more attempt, with the errors. */
export const DEFAULT_MAX_REPAIRS = 1;

/** Checks `maxRepairs` (a client's or a call's) before anything is sent. */
export function checkMaxRepairs(value: unknown, name = "maxRepairs"): number | undefined {
  if (value === undefined) return undefined;
  if (!(typeof value === "number" && Number.isInteger(value) && value >= 0)) {
    throw new TypeError(`${name} must be a whole number, 0 or more (got ${String(value)})`);
  }
  return value;
}

/** What went wrong with one completion: the first answer that did not validate, and the messages that ask again. */
interface Failure {
  raw: string | null;
  errors: string[];
  repair: ChatRequestMessage[];
}

/**
 * The completion with `parsed`, `refusal` and `parsed_arguments` filled, or the first problem found and its repair.
 * An answer with a refusal is not repaired: it is the model's answer (`refusal`, `parsed` null).
 */
export function parsedCompletion<T>(
  completion: ChatCompletionResponse,
  format: unknown,
  tools: readonly unknown[],
): { completion: ParsedChatCompletion<T>; failure?: Failure } {
  let failure: Failure | undefined;
  const choices = completion.choices.map((choice): ParsedChoice<T> => {
    const { tool_calls: toolCalls, ...message } = choice.message;
    const refusal = refusalOf(message);
    const calls = toolCalls?.map((call): ParsedFunctionToolCall => {
      const tool = tools.find((candidate) => toolName(candidate) === call.function.name);
      const checked = checkArguments(call.function.arguments, tool);
      if (!checked.success) failure ??= toolProblem(toolCalls, call, checked.errors);
      return { ...call, function: { ...call.function, parsed_arguments: checked.success ? checked.data : null } };
    });
    let parsed: T | null = null;
    if (refusal === null && wantsSchema(format) && !calls?.length) {
      const checked = checkAnswer<T>(message.content, format);
      if (checked.success) parsed = checked.data;
      else failure ??= { raw: message.content, errors: checked.errors, repair: contentRepair(message.content, checked.errors) };
    }
    return { ...choice, message: { ...message, parsed, refusal, ...(calls ? { tool_calls: calls } : {}) } };
  });
  const parsed = { ...completion, choices };
  return failure === undefined ? { completion: parsed } : { completion: parsed, failure };
}

function contentRepair(raw: string | null, errors: string[]): ChatRequestMessage[] {
  return [
    { role: "assistant", content: raw ?? "" },
    { role: "user", content: repairRequest(errors) },
  ];
}

/**
 * Arguments that do not validate: the calls go back, each answered (the wrong one with its errors, the others as not
 * run), so that the conversation stays one a model accepts, and the model calls again.
 */
function toolProblem(calls: ChatToolCall[], wrong: ChatToolCall, errors: string[]): Failure {
  const answers: ChatRequestMessage[] = calls.map((call) => ({
    role: "tool",
    tool_call_id: call.id,
    content:
      call === wrong
        ? `Error: the arguments do not match the tool's schema:\n${shownErrors(errors)}\nCall the tool again.`
        : "Not run: another call of this turn had arguments that do not match its schema.",
  }));
  return { raw: wrong.function.arguments, errors, repair: [{ role: "assistant", content: null, tool_calls: calls }, ...answers] };
}

/** A tool's name, whatever form it takes. */
export function toolName(tool: unknown): string | undefined {
  const name = (tool as { function?: { name?: unknown } } | null)?.function?.name;
  return typeof name === "string" ? name : undefined;
}

/** The tools as the API takes them: what only this SDK uses (checkers, functions) left out. */
export function wireTools(tools: readonly unknown[]): unknown[] {
  return tools.map((tool) => {
    const { type, function: fn } = tool as { type: string; function: Record<string, unknown> };
    const { function: _run, parse: _parse, ...definition } = fn;
    return { type, function: definition };
  });
}

/** The response format as the API takes it (a parseable one carries its checker under a symbol, never sent). */
export function wireFormat(format: unknown): unknown {
  if (!isParseableFormat(format)) return format;
  const { type, json_schema } = format;
  return { type, json_schema };
}

/** Run `parse`: send, check, and repair up to `maxRepairs` times; the last response with the parsed completion. */
export async function parseWithRepairs<T>(
  send: (body: ChatCompletionRequest) => Promise<WithResponse<ChatCompletionResponse>>,
  params: ChatCompletionRequest & { maxRepairs?: number | undefined },
  clientRepairs: number | undefined,
): Promise<WithResponse<ParsedChatCompletion<T>>> {
  const { maxRepairs, ...body } = params;
  const repairs = checkMaxRepairs(maxRepairs) ?? clientRepairs ?? DEFAULT_MAX_REPAIRS;
  const tools: readonly unknown[] = body.tools ?? [];
  const format = body.response_format;
  const attempts: ChatCompletionResponse[] = [];
  let messages: ChatRequestMessage[] = [...body.messages];
  for (;;) {
    const request: ChatCompletionRequest = { ...body, messages, stream: false };
    if (format !== undefined) request.response_format = wireFormat(format) as ChatCompletionRequest["response_format"];
    if (body.tools !== undefined) request.tools = wireTools(tools) as ChatCompletionRequest["tools"];
    const result = await send(request);
    checkFinishReasons(result.data);
    const { completion, failure } = parsedCompletion<T>(result.data, format, tools);
    if (failure === undefined) return { ...result, data: completion };
    attempts.push(result.data);
    if (attempts.length > repairs) throw new StructuredOutputError(failure.raw, failure.errors, attempts);
    messages = [...messages, ...failure.repair];
  }
}
