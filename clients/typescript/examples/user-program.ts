// A TypeScript user's program against CCAPI: chat, streams, image jobs, pages, typed errors and retries. It runs
// against the sandbox (CCAPI_BASE_URL, CCAPI_API_KEY); CCAPI_SANDBOX_CONTROL lets it ask the sandbox for the faults
// it shows (a 402, an error inside a stream, a 429, a 503). tests/conformance/user_program.py is the same program
// in Python: both print the same lines. Type-checked with tsc --strict and run by `nox -s typescript` and by the
// distribution test, from the package installed off a registry.
import { BillingError, CCAPI, InternalServerError } from "ccapi-sdk";

const control = process.env.CCAPI_SANDBOX_CONTROL;

async function sandbox(settings: object): Promise<void> {
  if (control === undefined) throw new Error("set CCAPI_SANDBOX_CONTROL to the sandbox's control URL");
  const response = await fetch(`${control}/scenario`, { method: "POST", body: JSON.stringify(settings) });
  if (!response.ok) throw new Error(`the sandbox refused ${JSON.stringify(settings)}`);
}

const client = new CCAPI({ retryPolicy: { initialDelay: 50, maxDelay: 200 } });
const messages = [{ role: "user" as const, content: "Outline a launch plan for CCAPI." }];
await sandbox({});

const reply = await client.chat.completions.create({ model: "openai/gpt-4o-mini", messages });
console.log("chat:", reply.choices[0]?.message.content, "- served by", reply.provider);

const stream = await client.chat.completions.create({
  model: "openai/gpt-4o-mini",
  messages,
  stream: true,
  stream_options: { include_usage: true },
});
const final = await stream.finalCompletion();
console.log("stream:", final.choices[0]?.message.content, "| tokens:", final.usage?.total_tokens);

const early = await client.chat.completions.create({ model: "openai/gpt-4o-mini", messages, stream: true });
let pieces = "";
for await (const chunk of early) {
  pieces += chunk.choices[0]?.delta.content ?? "";
  if (pieces.length > 0) break; // the connection is given back here
}
console.log("left early after:", pieces);

const job = await client.images.generateMultimodal({
  model: "imaginepro/nano-banana",
  contents: [{ text: "A watercolor of CCAPI routing packets through a forest" }],
  parameters: { aspect_ratio: "16:9", num_images: 2 },
});
const statuses = new Set<string>();
const result = await job.wait({ timeout: 30_000, onProgress: (latest) => statuses.add(latest.status) });
console.log("job:", result.status, "with", result.data?.length, "images; seen completed:", statuses.has("completed"));

const started = await client.images.generateMultimodal({ model: "imaginepro/nano-banana", contents: [{ text: "a lighthouse" }] });
const resumed = await client.images.jobs.resume(started.id).wait({ timeout: 30_000 });
console.log("resumed:", resumed.id === started.id, resumed.status, resumed.data?.length);

const ids: string[] = [];
for await (const model of client.models.list({ type: "image", sort: "id", limit: 3 })) ids.push(model.id);
console.log("image models:", ids.length, ids[0], "...", ids[ids.length - 1]);

await sandbox({ faults: { error_status: 402, error_count: 1 } });
try {
  await client.providers.retrieve("openai");
} catch (error) {
  if (!(error instanceof BillingError)) throw error;
  console.log("402:", error.name, error.status, error.code);
}

await sandbox({ faults: { stream_error_after: 2 } });
try {
  const broken = await client.chat.completions.create({ model: "openai/gpt-4o-mini", messages, stream: true });
  for await (const _chunk of broken) {
    // the error event arrives after two chunks
  }
} catch (error) {
  if (!(error instanceof InternalServerError)) throw error;
  console.log("error in the stream:", error.name, error.status, error.code);
}

await sandbox({ faults: { rate_limit_first: 1, retry_after: 0 } });
const afterLimit = await client.providers.retrieve("openai").withResponse();
console.log("429 retried:", afterLimit.response.status, afterLimit.data.name);

await sandbox({ faults: { error_status: 503, error_count: 2 } });
const after503 = await client.models.list({ provider: "openai", limit: 100 });
console.log("503 retried:", after503.data.length > 0, after503.body.total === after503.data.length);
