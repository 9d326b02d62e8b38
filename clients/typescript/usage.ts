// Type-checks code a TypeScript client would write against the types openapi-typescript makes from openapi.yaml
// (`nox -s typescript`): if the spec stops serving a second language, tsc fails here.
import type { components, operations, paths } from "./src/ccapi.js";

type Schemas = components["schemas"];

const request: Schemas["ChatCompletionRequest"] = {
  model: "openai/gpt-4o-mini",
  messages: [
    { role: "system", content: "You are a precise assistant." },
    { role: "user", content: "Outline a launch plan for CCAPI." },
  ],
  stream: false,
};

type ChatOk = paths["/chat/completions"]["post"]["responses"][200]["content"]["application/json"];

export function firstAnswer(response: ChatOk): string | null | undefined {
  return response.choices[0]?.message.content;
}

type ModelQuery = NonNullable<operations["listModels"]["parameters"]["query"]>;
const query: ModelQuery = { provider: "openai", type: "text", sort: "id", order: "asc", limit: 20, offset: 0 };

type Job = Schemas["MultimodalImageGenerationResponse"];
export function isDone(job: Job): boolean {
  return job.status === "completed" || job.status === "failed";
}

type ErrorBody = Schemas["ErrorResponse"];
export function describe(error: ErrorBody): string {
  return `${error.error.type}: ${error.error.message}`;
}

export const examples = { request, query };
