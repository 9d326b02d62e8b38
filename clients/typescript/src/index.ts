// ccapi-sdk: the TypeScript client of CCAPI. The resources and types are generated from openapi.yaml
// (./generated/, by tools/generate_typescript.py and openapi-typescript); the runtime beside them is hand-written
// and imports nothing but the platform's `fetch`, so it runs on Node 20+, Deno, Bun, browsers and edge runtimes.
// File saving for media lives in the Node-only entry point `ccapi-sdk/node`.
export { CCAPI, CCAPI as default, ERROR_STATUSES, OPERATIONS, SPEC_VERSION } from "./generated/resources.js";
export type * from "./generated/resources.js";
export type { components, operations, paths } from "./generated/schema.js";
import type { components } from "./generated/schema.js";
/** One message of a conversation, for a list built before the call (Python's `ccapi.types.ChatRequestMessageParam`). */
export type ChatRequestMessageParam = components["schemas"]["ChatRequestMessage"];
export {
  APIPromise,
  APIResource,
  BaseClient,
  DEFAULT_BASE_URL,
  DEFAULT_FIRST_BYTE_TIMEOUT,
  DEFAULT_MAX_RETRIES,
  DEFAULT_RETRY_POLICY,
  DEFAULT_TIMEOUT,
  isRetryableStatus,
} from "./core.js";
export type { ClientOptions, Fetch, Operation, RequestOptions, RetryPolicy, WithResponse } from "./core.js";
export * from "./errors.js";
export { DEFAULT_POLL_POLICY, DEFAULT_WAIT_TIMEOUT, ImageJob } from "./jobs.js";
export type { JobBody, PollPolicy, ResumeOptions, WaitOptions } from "./jobs.js";
export { download, mediaBytes } from "./media.js";
export { suggestedModelId } from "./models.js";
export type { MediaResult, MediaSource } from "./media.js";
export { Page, PagePromise } from "./pagination.js";
export type { PageBody } from "./pagination.js";
export { ChatCompletionAccumulator, Stream } from "./streaming.js";
export { SDK_VERSION } from "./version.js";
export { ChatCompletionsHelpers } from "./lib/chat-helpers.js";
export type { ChatCompletionParseParams } from "./lib/chat-helpers.js";
export { ChatCompletionStream } from "./lib/chat-stream.js";
export type { ChatCompletionStreamEvents } from "./lib/chat-stream.js";
export { DEFAULT_MAX_REPAIRS } from "./lib/parse.js";
export {
  ContentFilterFinishReasonError,
  LengthFinishReasonError,
  StructuredOutputError,
  extractJSON,
  jsonCandidates,
} from "./lib/structured.js";
export type {
  FunctionTool,
  JSONSchemaResponseFormat,
  ParseableResponseFormat,
  ParseableTool,
  ParsedChatCompletion,
  ParsedChatCompletionMessage,
  ParsedChoice,
  ParsedFunctionToolCall,
  ParsedOutput,
  Validation,
} from "./lib/structured.js";
export { ChatCompletionRunner, DEFAULT_MAX_STEPS, ToolFailure } from "./lib/tool-runner.js";
export type { RunnableFunctionTool, RunnableTool, RunToolsParams, ToolCallRecord } from "./lib/tool-runner.js";
