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
  isParseableTool,
  refusalOf,
  repairRequest,
  wantsSchema,
  type ParsedChatCompletion,
  type ParsedChoice,
  type ParsedFunctionToolCall,
  type StructuredAttempt,
} from "./structured.js";

type ChatCompletionRequest = components["schemas"]["ChatCompletionRequest"];
type ChatCompletionResponse = components["schemas"]["ChatCompletionResponse"];
type ChatRequestMessage = components["schemas"]["ChatRequestMessage"];

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

/** What went wrong with one completion: the first answer that did not validate. */
interface Failure {
  raw: string;
  issues: string[];
}

/** The completion with `parsed`, `refusal` and `parsed_arguments` filled, or the first answer that failed. */
export function parsedCompletion<T>(
  completion: ChatCompletionResponse,
  format: unknown,
  tools: readonly unknown[],
): { completion: ParsedChatCompletion<T>; failure?: Failure } {
  let failure: Failure | undefined;
  const choices = completion.choices.map((choice): ParsedChoice<T> => {
    const message = choice.message;
    const refusal = refusalOf(message);
    let parsed: T | null = null;
    if (refusal === null && wantsSchema(format) && typeof message.content === "string" && !message.tool_calls?.length) {
      const checked = checkAnswer<T>(message.content, format);
      if (checked.success) parsed = checked.data;
      else failure ??= { raw: message.content, issues: checked.issues };
    }
    const calls = message.tool_calls?.map((call): ParsedFunctionToolCall => {
      const tool = tools.find((candidate) => toolName(candidate) === call.function.name);
      const checked = checkArguments(call.function.arguments, tool);
      if (!checked.success && isParseableTool(tool)) {
        // A call cannot be repaired without running tools: it fails at once, never silently.
        throw new StructuredOutputError([
          { raw: call.function.arguments, issues: checked.issues.map((issue) => `${call.function.name}: ${issue}`), completion },
        ]);
      }
      return { ...call, function: { ...call.function, parsed_arguments: checked.success ? checked.data : null } };
    });
    const { tool_calls: _unparsed, ...rest } = message;
    const parsedMessage = { ...rest, parsed, refusal, ...(calls ? { tool_calls: calls } : {}) };
    return { ...choice, message: parsedMessage };
  });
  const parsed = { ...completion, choices };
  return failure === undefined ? { completion: parsed } : { completion: parsed, failure };
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
  const attempts: StructuredAttempt[] = [];
  let messages: ChatRequestMessage[] = [...body.messages];
  for (;;) {
    const request: ChatCompletionRequest = { ...body, messages, stream: false };
    if (format !== undefined) request.response_format = wireFormat(format) as ChatCompletionRequest["response_format"];
    if (body.tools !== undefined) request.tools = wireTools(tools) as ChatCompletionRequest["tools"];
    const result = await send(request);
    checkFinishReasons(result.data);
    const { completion, failure } = parsedCompletion<T>(result.data, format, tools);
    if (failure === undefined) return { ...result, data: completion };
    attempts.push({ ...failure, completion: result.data });
    if (attempts.length > repairs) throw new StructuredOutputError(attempts);
    messages = [
      ...messages,
      { role: "assistant", content: failure.raw },
      { role: "user", content: repairRequest(failure.issues) },
    ];
  }
}
