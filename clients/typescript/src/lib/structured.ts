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
export type Validation<T> = { success: true; data: T } | { success: false; issues: string[] };

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

/** One answer that did not validate: its text, what was wrong with it, and the completion that carried it. */
export interface StructuredAttempt {
  raw: string;
  issues: string[];
  completion: ChatCompletionResponse;
}

/** The model stopped at the token limit before its answer was complete (`finish_reason: "length"`). */
export class LengthFinishReasonError extends CCAPIError {
  readonly completion: ChatCompletionResponse;

  constructor(completion: ChatCompletionResponse) {
    super(`The answer of ${completion.model} was cut at the token limit (finish_reason "length") before it could be parsed`);
    this.completion = completion;
  }
}

/** The provider's content filter stopped the answer (`finish_reason: "content_filter"`). */
export class ContentFilterFinishReasonError extends CCAPIError {
  readonly completion: ChatCompletionResponse;

  constructor(completion: ChatCompletionResponse) {
    super(`The answer of ${completion.model} was stopped by the content filter (finish_reason "content_filter")`);
    this.completion = completion;
  }
}

/** No answer validated, repairs included: `raw` is the last answer's text, `issues` what was wrong with it. */
export class StructuredOutputError extends CCAPIError {
  readonly raw: string;
  readonly issues: string[];
  readonly attempts: StructuredAttempt[];

  constructor(attempts: StructuredAttempt[]) {
    const last = attempts[attempts.length - 1];
    const issues = last?.issues ?? [];
    super(
      `No answer matched the schema after ${attempts.length} attempt${attempts.length === 1 ? "" : "s"}: ${issues.slice(0, 5).join("; ")}`,
    );
    this.raw = last?.raw ?? "";
    this.issues = issues;
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
 * The JSON value in a model's text, found as models write it: the whole text, else the first fenced block, else the
 * first balanced `{...}` or `[...]` with prose around it. `undefined` when there is none.
 */
export function extractJSON(text: string): { value: unknown } | undefined {
  const whole = tryParse(text.trim());
  if (whole !== undefined) return whole;
  for (const [, block] of text.matchAll(/```[a-zA-Z]*[ \t]*\r?\n?([\s\S]*?)```/g)) {
    const found = tryParse((block ?? "").trim());
    if (found !== undefined) return found;
  }
  for (let start = 0; start < text.length; start++) {
    const opening = text[start];
    if (opening !== "{" && opening !== "[") continue;
    const end = balancedEnd(text, start);
    if (end === -1) continue;
    const found = tryParse(text.slice(start, end + 1));
    if (found !== undefined) return found;
  }
  return undefined;
}

function tryParse(text: string): { value: unknown } | undefined {
  if (text === "") return undefined;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** Where the bracket opened at `start` closes, strings and escapes skipped; -1 if it never does. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === "\\") index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "{" || char === "[") depth++;
    else if (char === "}" || char === "]") {
      depth--;
      if (depth === 0) return index;
    }
  }
  return -1;
}

/** An answer's text checked against `format`: the value, or what was wrong (no JSON at all is one issue). */
export function checkAnswer<T>(text: string, format: unknown): Validation<T> {
  const found = extractJSON(text);
  if (found === undefined) return { success: false, issues: ["the answer holds no JSON value"] };
  if (isParseableFormat(format)) return format[CHECK](found.value) as Validation<T>;
  return { success: true, data: found.value as T };
}

/** A tool call's arguments checked by its tool (plain JSON for a tool that cannot check them). */
export function checkArguments(text: string, tool: unknown): Validation<unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text === "" ? "{}" : text);
  } catch {
    return { success: false, issues: [`the arguments are not JSON: ${JSON.stringify(text.slice(0, 200))}`] };
  }
  return isParseableTool(tool) ? tool[CHECK](value) : { success: true, data: value };
}

/** The message that asks a model again after an answer that did not validate. */
export function repairRequest(issues: readonly string[]): string {
  return [
    "Your answer did not match the requested JSON schema:",
    ...issues.map((issue) => `- ${issue}`),
    "Answer again with only the corrected JSON value, nothing around it.",
  ].join("\n");
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
