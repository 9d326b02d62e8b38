// Structured answers, without a schema library: what a response format or a tool that checks its own answers looks
// like (the zod entry, `ccapi-sdk/helpers/zod`, makes them; nothing here imports zod), how the JSON of an answer is
// found in whatever text a model gave, the typed completion `parse` returns, and the errors of structured calls.
import { CCAPIError } from "../errors.js";
import type { components } from "../generated/schema.js";

type ChatCompletionResponse = components["schemas"]["ChatCompletionResponse"];
type ChatCompletionChoice = components["schemas"]["ChatCompletionChoice"];
type ChatMessage = components["schemas"]["ChatMessage"];
type ChatToolCall = components["schemas"]["ChatToolCall"];

/** What checking a value against a schema gave: the typed value, or the problems, one line each. */
export type Validation<T> = { success: true; data: T } | { success: false; errors: string[] };

/** The key under which a parseable format or tool keeps its checker (a symbol: never sent, never enumerated). */
export const CHECK: unique symbol = Symbol("ccapi.check");
/** The key under which a tool made for `runTools` keeps the function that runs it. */
export const RUN: unique symbol = Symbol("ccapi.run");

/** A `json_schema` response format as the API takes it. */
export interface JSONSchemaResponseFormat {
  type: "json_schema";
  json_schema: { name: string; schema: Record<string, unknown>; strict?: boolean; description?: string };
}

/** A `json_schema` response format that checks answers and types them as `T` (see `zodResponseFormat`). */
export interface ParseableResponseFormat<T> extends JSONSchemaResponseFormat {
  readonly [CHECK]: (value: unknown) => Validation<T>;
}

/** A function tool as the API takes it. */
export interface FunctionTool {
  type: "function";
  function: { name: string; description?: string; parameters: Record<string, unknown>; strict?: boolean };
}

/** A function tool that checks its arguments (typed `Args`) and may carry the function `runTools` calls. */
export interface ParseableTool<Args = unknown> extends FunctionTool {
  readonly [CHECK]: (value: unknown) => Validation<Args>;
  readonly [RUN]?: ((args: Args) => unknown) | undefined;
}

/** `T` when a value of `P["response_format"]` is a parseable format of `T`; otherwise `unknown` (plain JSON). */
export type ParsedOutput<P> = P extends { response_format: ParseableResponseFormat<infer T> } ? T : unknown;

/** A tool call of a parsed completion: `function.parsed_arguments` is the checked arguments (null if unknown). */
export interface ParsedFunctionToolCall extends ChatToolCall {
  function: ChatToolCall["function"] & { parsed_arguments: unknown };
}

/** The message of a parsed completion: `parsed` is the checked answer, `refusal` the model's refusal or null. */
export interface ParsedChatCompletionMessage<T> extends ChatMessage {
  parsed: T | null;
  refusal: string | null;
  tool_calls?: ParsedFunctionToolCall[];
}

export interface ParsedChoice<T> extends ChatCompletionChoice {
  message: ParsedChatCompletionMessage<T>;
}

/** What `chat.completions.parse` returns: a completion whose messages carry `parsed` (a `T`) and `refusal`. */
export interface ParsedChatCompletion<T> extends Omit<ChatCompletionResponse, "choices"> {
  choices: ParsedChoice<T>[];
}

/** The model stopped at the token limit before its answer was complete (`finish_reason: "length"`). */
export class LengthFinishReasonError extends CCAPIError {
  readonly completion: ChatCompletionResponse;

  constructor(completion: ChatCompletionResponse) {
    super(`Could not parse the response content as the length limit was reached (${completion.model}, finish_reason "length")`);
    this.completion = completion;
  }
}

/** The provider's content filter stopped the answer (`finish_reason: "content_filter"`). */
export class ContentFilterFinishReasonError extends CCAPIError {
  readonly completion: ChatCompletionResponse;

  constructor(completion: ChatCompletionResponse) {
    super(`Could not parse the response content as the request was rejected by the content filter (${completion.model})`);
    this.completion = completion;
  }
}

/**
 * No answer validated, its repairs spent: nothing silently wrong is returned. `raw` is the last answer's text,
 * `errors` what did not validate in it, `attempts` each attempt's completion (the first, then each repair).
 */
export class StructuredOutputError extends CCAPIError {
  readonly raw: string | null;
  readonly errors: string[];
  readonly attempts: ChatCompletionResponse[];

  constructor(raw: string | null, errors: string[], attempts: ChatCompletionResponse[]) {
    const shown = errors.slice(0, 5).join("; ") + (errors.length > 5 ? `; and ${errors.length - 5} more` : "");
    super(`No answer matched the schema after ${attempts.length} attempt${attempts.length === 1 ? "" : "s"}: ${shown}`);
    this.raw = raw;
    this.errors = errors;
    this.attempts = attempts;
  }
}

/** Whether `format` can check answers itself (it came from `zodResponseFormat` or alike). */
export function isParseableFormat(format: unknown): format is ParseableResponseFormat<unknown> {
  return typeof format === "object" && format !== null && typeof (format as Record<symbol, unknown>)[CHECK] === "function";
}

/** Whether `tool` can check its arguments itself (it came from `zodFunction` or alike). */
export function isParseableTool(tool: unknown): tool is ParseableTool {
  return typeof tool === "object" && tool !== null && typeof (tool as Record<symbol, unknown>)[CHECK] === "function";
}

/** Whether a request's `response_format` asks for JSON of a schema (parseable or plain). */
export function wantsSchema(format: unknown): boolean {
  return typeof format === "object" && format !== null && (format as { type?: unknown }).type === "json_schema";
}

/**
 * The places JSON may be in a model's text, most likely first: the whole text, each fenced block, then each
 * outermost balanced `{...}` or `[...]` span (strings skipped), as models that ignore `response_format` write it.
 */
export function* jsonCandidates(text: string): Generator<string> {
  const stripped = text.trim();
  if (stripped) yield stripped;
  for (const [, block] of text.matchAll(/```[ \t]*(?:json|JSON|json5)?[ \t]*\n([\s\S]*?)```/g)) yield (block ?? "").trim();
  let start = -1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (inString) {
      if (escaped) escaped = false;
      else if (char === "\\") escaped = true;
      else if (char === '"') inString = false;
    } else if (char === '"' && depth > 0) inString = true;
    else if (char === "{" || char === "[") {
      if (depth === 0) start = at;
      depth++;
    } else if ((char === "}" || char === "]") && depth > 0) {
      depth--;
      if (depth === 0) yield text.slice(start, at + 1);
    }
  }
}

/**
 * The first JSON value in `text` that `check` accepts; else the errors of the most likely one that is JSON, or why
 * there is none. What is taken must still validate: nothing is guessed.
 */
export function extractChecked<T>(text: string | null | undefined, check: (value: unknown) => Validation<T>): Validation<T> {
  if (text === null || text === undefined || text.trim() === "") {
    return { success: false, errors: ["the answer has no content: a JSON value was expected"] };
  }
  let firstErrors: string[] | undefined;
  for (const candidate of jsonCandidates(text)) {
    let value: unknown;
    try {
      value = JSON.parse(candidate);
    } catch {
      continue;
    }
    const checked = check(value);
    if (checked.success) return checked;
    firstErrors ??= checked.errors;
  }
  if (firstErrors === undefined) {
    try {
      JSON.parse(text);
    } catch (error) {
      firstErrors = [`the answer is not JSON: ${error instanceof Error ? error.message : String(error)}`];
    }
  }
  return { success: false, errors: firstErrors ?? ["the answer holds no JSON value"] };
}

/** The JSON value in a model's text, wherever it wrote it (see `jsonCandidates`); undefined when there is none. */
export function extractJSON(text: string): { value: unknown } | undefined {
  const found = extractChecked(text, (value) => ({ success: true, data: value }));
  return found.success ? { value: found.data } : undefined;
}

/** An answer's text checked against `format`: the value, or what was wrong (no JSON at all is one issue). */
export function checkAnswer<T>(text: string | null, format: unknown): Validation<T> {
  const check = isParseableFormat(format)
    ? (format[CHECK] as (value: unknown) => Validation<T>)
    : (value: unknown): Validation<T> => ({ success: true, data: value as T });
  return extractChecked(text, check);
}

/** A tool call's arguments checked by its tool; for a tool that cannot check them, the JSON as it is (or null). */
export function checkArguments(text: string, tool: unknown): Validation<unknown> {
  if (isParseableTool(tool)) return extractChecked(text === "" ? "{}" : text, tool[CHECK]);
  try {
    return { success: true, data: JSON.parse(text === "" ? "{}" : text) as unknown };
  } catch {
    return { success: true, data: null }; // a tool we do not know: its arguments are the caller's to read
  }
}

/** At most this many validation errors go back to the model: enough to fix an answer, few enough to stay cheap. */
export const ERRORS_SHOWN = 20;

/** The validation errors as a list for the model, cut at ERRORS_SHOWN. */
export function shownErrors(errors: readonly string[]): string {
  const listed = errors.slice(0, ERRORS_SHOWN).map((error) => `- ${error}`).join("\n");
  const more = errors.length - ERRORS_SHOWN;
  return listed + (more > 0 ? `\n- ... and ${more} more` : "");
}

/** The message that asks a model again after an answer that did not validate (the Python SDK's words). */
export function repairRequest(errors: readonly string[]): string {
  return `Your answer does not match the required JSON schema:\n${shownErrors(errors)}\nAnswer again with only the corrected JSON value: no prose, no code fence.`;
}

/** The model's refusal in a message, if it made one (`refusal` is an OpenAI field the spec may not list). */
export function refusalOf(message: object): string | null {
  const refusal = (message as { refusal?: unknown }).refusal;
  return typeof refusal === "string" && refusal !== "" ? refusal : null;
}

/** Throw the error openai raises for a completion cut at the token limit or stopped by the content filter. */
export function checkFinishReasons(completion: ChatCompletionResponse): void {
  for (const choice of completion.choices) {
    if (choice.finish_reason === "length") throw new LengthFinishReasonError(completion);
    if (choice.finish_reason === "content_filter") throw new ContentFilterFinishReasonError(completion);
  }
}
