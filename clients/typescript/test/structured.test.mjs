// Typed answers and tool loops (ccapi-sdk/helpers/zod, chat.completions.parse, .stream, .runTools), with the packed
// package and zod installed beside it: against the sandbox (CCAPI_BASE_URL, CCAPI_SANDBOX_CONTROL) where it answers
// as a model would, and against a scripted `fetch` for the answers it does not give (prose around JSON, a broken
// first answer, a refusal, parallel tool calls) so that the repair rule and the runner's errors are pinned down.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  BadRequestError,
  CCAPI,
  ContentFilterFinishReasonError,
  LengthFinishReasonError,
  StructuredOutputError,
} from "ccapi-sdk";
import { zodFunction, zodResponseFormat } from "ccapi-sdk/helpers/zod";
import { z } from "zod";

const CONTROL = process.env.CCAPI_SANDBOX_CONTROL;
const MODEL = "openai/gpt-4o-mini";

async function sandbox(settings) {
  const response = await fetch(`${CONTROL}/scenario`, { method: "POST", body: JSON.stringify(settings) });
  assert.equal(response.status, 200);
}

/** A fetch that records what the sandbox is sent. */
function recordingSandbox() {
  const bodies = [];
  const fetcher = async (url, init) => {
    if (init.method === "POST") bodies.push(JSON.parse(init.body));
    return fetch(url, init);
  };
  return { bodies, client: new CCAPI({ fetch: fetcher }) };
}

function completion(message, finishReason = "stop") {
  return {
    id: "chatcmpl-scripted",
    object: "chat.completion",
    created: 1,
    model: MODEL,
    choices: [{ index: 0, message: { role: "assistant", ...message }, finish_reason: finishReason }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

const CATALOG = {
  object: "list",
  data: [
    { id: MODEL, ccapi: { capabilities: { function_calling: true } } },
    { id: "acme/no-tools", ccapi: { capabilities: { function_calling: false } } },
  ],
  total: 2,
  limit: 100,
  offset: 0,
  has_more: false,
};

/**
 * A client whose fetch answers each chat request with the next scripted answer (a completion, or SSE chunks), and
 * `GET /models` with a small catalog.
 */
function scripted(answers, clientOptions = {}) {
  const requests = [];
  const queue = [...answers];
  const fetcher = async (url, init) => {
    if (init.method === "GET" && new URL(url).pathname.endsWith("/models")) {
      return new Response(JSON.stringify(CATALOG), { status: 200, headers: { "content-type": "application/json" } });
    }
    const body = JSON.parse(init.body);
    requests.push(body);
    const next = typeof queue[0] === "function" ? await queue.shift()(body) : queue.shift();
    if (next === undefined) throw new Error(`no scripted answer for request ${requests.length}`);
    if (Array.isArray(next)) {
      const text = next.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join("") + "data: [DONE]\n\n";
      return new Response(text, { status: 200, headers: { "content-type": "text/event-stream" } });
    }
    return new Response(JSON.stringify(next), { status: 200, headers: { "content-type": "application/json" } });
  };
  const client = new CCAPI({ apiKey: "sk-scripted", baseURL: "http://scripted.invalid/v1", fetch: fetcher, ...clientOptions });
  return { client, requests };
}

function chunk(delta, finishReason = null) {
  return { id: "chatcmpl-scripted", object: "chat.completion.chunk", created: 1, model: MODEL, choices: [{ index: 0, delta, finish_reason: finishReason }] };
}

const Step = z.object({ explanation: z.string(), output: z.string() });
const MathAnswer = z.object({ steps: z.array(Step), final_answer: z.string() });
const MATH = { steps: [{ explanation: "subtract 31", output: "8x = -29" }], final_answer: "x = -29/8" };
const HI = [{ role: "user", content: "solve 8x + 31 = 2" }];

test("zodResponseFormat makes openai's strict schema: every property required, objects closed, $defs, no $schema", () => {
  const format = zodResponseFormat(
    z.object({ name: z.string(), nickname: z.string().nullable(), tags: z.array(z.object({ label: z.string().optional() })) }),
    "person",
  );
  assert.equal(format.type, "json_schema");
  assert.equal(format.json_schema.name, "person");
  assert.equal(format.json_schema.strict, true);
  const schema = format.json_schema.schema;
  assert.equal(schema.$schema, undefined);
  assert.equal(schema.additionalProperties, false);
  assert.deepEqual(schema.required, ["name", "nickname", "tags"]);
  const item = schema.properties.tags.items;
  assert.deepEqual(item.required, ["label"]);
  assert.equal(item.additionalProperties, false);
  // What only the SDK uses is never part of the JSON.
  assert.deepEqual(JSON.parse(JSON.stringify(format)), { type: format.type, json_schema: format.json_schema });

  const Category = z.object({ name: z.string(), get children() { return z.array(Category); } });
  const recursive = zodResponseFormat(Category, "category").json_schema.schema;
  assert.match(JSON.stringify(recursive), /"\$ref":"#/);
  assert.throws(() => zodResponseFormat(MathAnswer, "has space"), TypeError);
});

test("parse against the sandbox: message.parsed is the answer checked by the schema, refusal null", async () => {
  await sandbox({});
  const { client, bodies } = recordingSandbox();
  const Echo = z.object({ answer: z.string(), words: z.number() });
  const result = await client.chat.completions.parse({ model: MODEL, messages: HI, response_format: zodResponseFormat(Echo, "echo") });
  const message = result.choices[0].message;
  assert.deepEqual(message.parsed, JSON.parse(message.content));
  assert.equal(typeof message.parsed.answer, "string");
  assert.equal(message.refusal, null);
  assert.equal(bodies.length, 1);
  assert.equal(bodies[0].stream, false);
  assert.deepEqual(bodies[0].response_format.json_schema.schema.required, ["answer", "words"]);
  assert.equal(bodies[0].maxRepairs, undefined);
});

test("parse: a cut answer is LengthFinishReasonError (sandbox); a filtered one ContentFilterFinishReasonError", async () => {
  await sandbox({});
  const client = new CCAPI();
  const format = zodResponseFormat(MathAnswer, "math");
  await assert.rejects(client.chat.completions.parse({ model: MODEL, messages: HI, max_tokens: 1, response_format: format }), LengthFinishReasonError);
  const { client: filtered, requests } = scripted([completion({ content: "" }, "content_filter")]);
  await assert.rejects(filtered.chat.completions.parse({ model: MODEL, messages: HI, response_format: format }), ContentFilterFinishReasonError);
  assert.equal(requests.length, 1); // not repaired: asking again would be filtered again
});

test("parse extracts the JSON from prose and from a fenced block without asking again", async () => {
  const format = zodResponseFormat(MathAnswer, "math");
  const { client, requests } = scripted([
    completion({ content: `Sure! Here is the answer: ${JSON.stringify(MATH)} Hope it helps {:}` }),
    completion({ content: "```json\n" + JSON.stringify(MATH, null, 2) + "\n```" }),
  ]);
  for (let index = 0; index < 2; index++) {
    const result = await client.chat.completions.parse({ model: MODEL, messages: HI, response_format: format });
    assert.deepEqual(result.choices[0].message.parsed, MATH);
  }
  assert.equal(requests.length, 2);
});

test("parse asks again with the validation errors, and the repaired answer is returned", async () => {
  const broken = { steps: [{ explanation: "subtract 31" }], final_answer: 7 };
  const { client, requests } = scripted([completion({ content: JSON.stringify(broken) }), completion({ content: JSON.stringify(MATH) })]);
  const result = await client.chat.completions.parse({ model: MODEL, messages: HI, response_format: zodResponseFormat(MathAnswer, "math") });
  assert.deepEqual(result.choices[0].message.parsed, MATH);
  assert.equal(requests.length, 2);
  const [first, second] = requests;
  assert.deepEqual(first.messages, HI);
  assert.deepEqual(second.messages.slice(0, 2), [...HI, { role: "assistant", content: JSON.stringify(broken) }]);
  const repair = second.messages[2];
  assert.equal(repair.role, "user");
  assert.match(repair.content, /^Your answer does not match the required JSON schema:\n- /);
  assert.match(repair.content, /steps\.0\.output/);
  assert.match(repair.content, /final_answer/);
  assert.deepEqual(second.response_format, first.response_format);
});

test("when repairs run out, StructuredOutputError carries the raw text, the issues and every attempt", async () => {
  const format = zodResponseFormat(MathAnswer, "math");
  const prose = completion({ content: "I would rather explain it in words." });
  const once = scripted([prose, prose]);
  const error = await once.client.chat.completions.parse({ model: MODEL, messages: HI, response_format: format }).catch((caught) => caught);
  assert.ok(error instanceof StructuredOutputError, String(error));
  assert.equal(once.requests.length, 2); // the default: one repair
  assert.equal(error.raw, "I would rather explain it in words.");
  assert.equal(error.errors.length, 1);
  assert.match(error.errors[0], /^the answer is not JSON: /);
  assert.equal(error.attempts.length, 2);
  assert.equal(error.attempts[0].id, "chatcmpl-scripted");

  const perCall = scripted([prose]);
  await assert.rejects(perCall.client.chat.completions.parse({ model: MODEL, messages: HI, response_format: format, maxRepairs: 0 }), StructuredOutputError);
  assert.equal(perCall.requests.length, 1);
  assert.equal(perCall.requests[0].maxRepairs, undefined); // never sent

  const perClient = scripted([prose, prose, prose], { maxRepairs: 2 });
  assert.equal(perClient.client.withOptions({ timeout: 5_000 }).options.maxRepairs, 2);
  const thrice = await perClient.client.chat.completions.parse({ model: MODEL, messages: HI, response_format: format }).catch((caught) => caught);
  assert.equal(thrice.attempts.length, 3);
  assert.equal(perClient.requests.length, 3);
});

test("maxRepairs that is not a whole number is refused before anything is sent", async () => {
  assert.throws(() => new CCAPI({ apiKey: "sk-x", maxRepairs: -1 }), /maxRepairs/);
  const { client, requests } = scripted([]);
  await assert.rejects(
    client.chat.completions.parse({ model: MODEL, messages: HI, response_format: zodResponseFormat(MathAnswer, "m"), maxRepairs: 1.5 }),
    (error) => error instanceof TypeError && /maxRepairs/.test(error.message),
  );
  assert.equal(requests.length, 0);
});

test("a refusal is message.refusal with parsed null, and is not repaired", async () => {
  const { client, requests } = scripted([completion({ content: null, refusal: "I can't help with that." })]);
  const result = await client.chat.completions.parse({ model: MODEL, messages: HI, response_format: zodResponseFormat(MathAnswer, "math") });
  assert.equal(result.choices[0].message.refusal, "I can't help with that.");
  assert.equal(result.choices[0].message.parsed, null);
  assert.equal(requests.length, 1);
});

test("parse gives tool calls parsed_arguments checked by their zodFunction; functions are never sent", async () => {
  await sandbox({});
  const { client, bodies } = recordingSandbox();
  const lookup = zodFunction({ name: "lookup", parameters: z.object({ query: z.string() }), function: () => "unused" });
  const result = await client.chat.completions.parse({ model: MODEL, messages: [{ role: "user", content: "use lookup on cats" }], tools: [lookup] });
  const call = result.choices[0].message.tool_calls[0];
  assert.equal(call.function.name, "lookup");
  assert.deepEqual(call.function.parsed_arguments, JSON.parse(call.function.arguments));
  assert.deepEqual(bodies[0].tools, [{ type: "function", function: { name: "lookup", parameters: lookup.function.parameters, strict: true } }]);
});

test("stream against the sandbox: openai-node's events, partial parsed values, the chunks, the parsed completion", async () => {
  await sandbox({});
  const client = new CCAPI();
  const Echo = z.object({ answer: z.string(), words: z.number() });
  const stream = client.chat.completions.stream({ model: MODEL, messages: HI, response_format: zodResponseFormat(Echo, "echo") });
  const seen = [];
  const deltas = [];
  let done;
  stream.on("chunk", (_chunk, snapshot) => seen.push(snapshot.choices[0]?.message.content ?? ""));
  stream.on("content.delta", (event) => deltas.push(event));
  stream.on("content.done", (event) => (done = event));
  const chunks = [];
  for await (const piece of stream) chunks.push(piece);
  const final = await stream.finalChatCompletion();
  assert.ok(chunks.length > 3);
  assert.equal(seen.length, chunks.length);
  assert.ok(deltas.length > 2);
  assert.equal(deltas.map((event) => event.delta).join(""), final.choices[0].message.content);
  assert.equal(deltas.at(-1).snapshot, final.choices[0].message.content);
  // Partial values grow as the answer arrives: a prefix of the final answer's string at some point.
  const partialAnswers = deltas.map((event) => event.parsed?.answer).filter((value) => typeof value === "string");
  assert.ok(partialAnswers.some((value) => value !== final.choices[0].message.parsed.answer), "no partial value seen");
  assert.ok(partialAnswers.every((value) => final.choices[0].message.parsed.answer.startsWith(value)));
  assert.deepEqual(done.parsed, JSON.parse(final.choices[0].message.content));
  assert.deepEqual(final.choices[0].message.parsed, done.parsed);
  await stream.done();
});

test("stream: tool call arguments arrive as delta events and a done event with parsed_arguments", async () => {
  await sandbox({});
  const client = new CCAPI();
  const tool = zodFunction({ name: "lookup", parameters: z.object({ query: z.string() }) });
  const stream = client.chat.completions.stream({ model: MODEL, messages: [{ role: "user", content: "use lookup on cats" }], tools: [tool] });
  const deltas = [];
  const dones = [];
  stream.on("tool_calls.function.arguments.delta", (event) => deltas.push(event));
  stream.on("tool_calls.function.arguments.done", (event) => dones.push(event));
  const final = await stream.finalChatCompletion();
  const call = final.choices[0].message.tool_calls[0];
  assert.ok(deltas.length >= 1);
  assert.equal(deltas.map((event) => event.arguments_delta).join(""), call.function.arguments);
  assert.equal(dones.length, 1);
  assert.deepEqual(dones[0], { name: "lookup", index: 0, arguments: call.function.arguments, parsed_arguments: JSON.parse(call.function.arguments) });
  assert.deepEqual(call.function.parsed_arguments, dones[0].parsed_arguments);
});

test("stream: refusal events, and an answer that does not validate ends the stream with StructuredOutputError", async () => {
  const format = zodResponseFormat(MathAnswer, "math");
  const { client } = scripted([
    [chunk({ role: "assistant", refusal: "I can't " }), chunk({ refusal: "help." }), chunk({}, "stop")],
    [chunk({ role: "assistant", content: '{"steps": [], ' }), chunk({ content: '"final_answer": 3}' }), chunk({}, "stop")],
  ]);
  const refused = client.chat.completions.stream({ model: MODEL, messages: HI, response_format: format });
  const events = [];
  refused.on("refusal.delta", (event) => events.push(["delta", event]));
  refused.on("refusal.done", (event) => events.push(["done", event]));
  const final = await refused.finalChatCompletion();
  assert.deepEqual(events, [
    ["delta", { delta: "I can't ", snapshot: "I can't " }],
    ["delta", { delta: "help.", snapshot: "I can't help." }],
    ["done", { refusal: "I can't help." }],
  ]);
  assert.equal(final.choices[0].message.parsed, null);

  const broken = client.chat.completions.stream({ model: MODEL, messages: HI, response_format: format });
  let done;
  let failure;
  broken.on("content.done", (event) => (done = event));
  broken.on("error", (error) => (failure = error));
  await assert.rejects(broken.finalChatCompletion(), (error) => error instanceof StructuredOutputError && /final_answer/.test(error.message));
  assert.ok(failure instanceof StructuredOutputError);
  assert.deepEqual(done, { content: '{"steps": [], "final_answer": 3}', parsed: null });
});

test("runTools against the sandbox: the tool runs, its result goes back, and the model's answer ends the loop", async () => {
  await sandbox({});
  const client = new CCAPI();
  const asked = [];
  const weather = zodFunction({
    name: "get_weather",
    parameters: z.object({ city: z.string() }),
    function: async ({ city }) => {
      asked.push(city);
      return { city, celsius: 21 };
    },
  });
  const runner = client.chat.completions.runTools({ model: MODEL, messages: [{ role: "user", content: "get_weather in Paris" }], tools: [weather] });
  const completions = [];
  for await (const step of runner) completions.push(step);
  assert.equal(completions.length, 2);
  assert.equal(asked.length, 1);
  assert.deepEqual(runner.messages.map((message) => message.role), ["user", "assistant", "tool", "assistant"]);
  assert.equal(runner.messages[2].content, JSON.stringify({ city: asked[0], celsius: 21 }));
  assert.match(await runner.finalContent(), /celsius/);
  assert.deepEqual(runner.toolCalls.map((record) => [record.name, record.error]), [["get_weather", undefined]]);
});

function toolCalls(...calls) {
  return completion(
    { content: null, tool_calls: calls.map(([name, args], index) => ({ id: `call_${index}_${name}`, type: "function", function: { name, arguments: JSON.stringify(args) } })) },
    "tool_calls",
  );
}

test("runTools: parallel calls run concurrently, a tool that throws is reported to the model, the steps are as expected", async () => {
  let running = 0;
  let most = 0;
  const slow = (result) => async () => {
    running++;
    most = Math.max(most, running);
    await new Promise((resolve) => setTimeout(resolve, 50));
    running--;
    return result;
  };
  const tools = [
    zodFunction({ name: "find_flights", parameters: z.object({ to: z.string() }), function: slow(["AF123"]) }),
    zodFunction({ name: "find_hotels", parameters: z.object({ city: z.string() }), function: slow("Hotel du Nord") }),
    zodFunction({ name: "book", parameters: z.object({ flight: z.string() }), function: () => { throw new RangeError("sold out"); } }),
  ];
  const { client, requests } = scripted([
    toolCalls(["find_flights", { to: "Paris" }], ["find_hotels", { city: "Paris" }]),
    toolCalls(["book", { flight: "AF123" }]),
    completion({ content: "AF123 is sold out; Hotel du Nord is free." }),
  ]);
  const runner = client.chat.completions.runTools({ model: MODEL, messages: [{ role: "user", content: "Plan Paris" }], tools });
  const results = [];
  runner.on("functionToolCallResult", (record) => results.push(record.name));
  await runner.done();
  assert.equal(most, 2, "the two calls of one step did not overlap");
  assert.equal(requests.length, 3);
  assert.deepEqual(results, ["find_flights", "find_hotels", "book"]);
  const booked = runner.toolCalls[2];
  assert.ok(booked.error instanceof RangeError);
  assert.equal(booked.content, "Error: RangeError: sold out");
  // The model saw the error as the tool's answer.
  assert.deepEqual(requests[2].messages.at(-1), { role: "tool", tool_call_id: "call_0_book", content: "Error: RangeError: sold out" });
  assert.deepEqual(requests[1].messages.slice(-2), [
    { role: "tool", tool_call_id: "call_0_find_flights", content: '["AF123"]' },
    { role: "tool", tool_call_id: "call_1_find_hotels", content: "Hotel du Nord" },
  ]);
  assert.equal(await runner.finalContent(), "AF123 is sold out; Hotel du Nord is free.");
  assert.equal((await runner.allChatCompletions()).length, 3);
  for (const request of requests) assert.equal(request.maxSteps, undefined);
});

test("runTools: bad arguments and unknown tools go back as errors; maxSteps bounds the completions", async () => {
  const echo = zodFunction({ name: "echo", parameters: z.object({ text: z.string() }), function: ({ text }) => text });
  const { client, requests } = scripted([
    toolCalls(["echo", { text: 5 }], ["nope", {}]),
    toolCalls(["echo", { text: "again" }]),
    toolCalls(["echo", { text: "and again" }]),
  ]);
  const runner = client.chat.completions.runTools({ model: MODEL, messages: HI, tools: [echo], maxSteps: 2 });
  await runner.done();
  assert.equal(requests.length, 2);
  const [bad, unknown, again] = runner.toolCalls;
  assert.match(bad.content, /^Error: ToolFailure: the arguments do not match the tool's schema: text: /);
  assert.match(unknown.content, /^Error: ToolFailure: there is no tool named 'nope'/);
  assert.equal(again.content, "again");
  assert.throws(() => client.chat.completions.runTools({ model: MODEL, messages: HI, tools: [echo], maxSteps: 0 }), /maxSteps/);
  assert.throws(() => client.chat.completions.runTools({ model: MODEL, messages: HI, tools: [] }), /tools/);
});

test("runTools takes openai-node's plain tools too; a failing request rejects done() with the typed error", async () => {
  const plain = {
    type: "function",
    function: { name: "add", parameters: { type: "object", properties: { a: { type: "number" }, b: { type: "number" } } }, function: ({ a, b }) => a + b },
  };
  const { client, requests } = scripted([toolCalls(["add", { a: 2, b: 3 }]), completion({ content: "5" })]);
  const runner = client.chat.completions.runTools({ model: MODEL, messages: HI, tools: [plain] });
  assert.equal(await runner.finalContent(), "5");
  assert.equal(runner.toolCalls[0].content, "5");
  assert.deepEqual(requests[0].tools, [{ type: "function", function: { name: "add", parameters: plain.function.parameters } }]);

  await sandbox({});
  const failing = new CCAPI().chat.completions.runTools({ model: "no-such/model", messages: HI, tools: [plain] });
  const errors = [];
  failing.on("error", (error) => errors.push(error));
  await assert.rejects(failing.done(), (error) => error.status >= 400);
  assert.equal(errors.length, 1);
  void BadRequestError;
});

test("leaving a runner's loop early stops it: no further request is made", async () => {
  const echo = zodFunction({ name: "echo", parameters: z.object({ text: z.string() }), function: ({ text }) => text });
  const { client, requests } = scripted([toolCalls(["echo", { text: "a" }]), toolCalls(["echo", { text: "b" }]), completion({ content: "done" })]);
  const runner = client.chat.completions.runTools({ model: MODEL, messages: HI, tools: [echo] });
  for await (const step of runner) {
    assert.ok(step);
    break;
  }
  await runner.done().catch(() => undefined);
  assert.ok(requests.length <= 2, `${requests.length} requests`);
});

// The sandbox's chat models answer a JSON schema each in its way: natively, in a fenced block, bare in prose, broken
// the first time, or refusing; deepseek-reasoner also lacks function calling.
const CHAT_MODELS = [
  "openai/gpt-4o-mini", "openai/gpt-4o", "openai/gpt-4.1", "anthropic/claude-sonnet-4-6", "anthropic/claude-haiku-4-5",
  "google/gemini-2.5-flash", "google/gemini-2.5-pro", "deepseek/deepseek-chat", "deepseek/deepseek-reasoner",
];

const Order = z.object({
  id: z.string(),
  status: z.enum(["open", "shipped", "cancelled"]),
  lines: z.array(z.object({ sku: z.string(), quantity: z.number().int().min(1), note: z.string().nullable() })).min(1).max(3),
  customer: z.object({ name: z.string(), vip: z.boolean() }),
  discount: z.union([z.number(), z.null()]),
});

test("parse on every chat model of the sandbox: a valid object, or the model's refusal, never a wrong one", async () => {
  await sandbox({});
  const format = zodResponseFormat(Order, "order");
  const seen = {};
  for (const model of CHAT_MODELS) {
    const { client, bodies } = recordingSandbox();
    const result = await client.chat.completions.parse({ model, messages: [{ role: "user", content: "Make an order" }], response_format: format });
    const message = result.choices[0].message;
    if (message.refusal !== null) {
      assert.equal(message.parsed, null);
      seen[model] = "refused";
    } else {
      assert.deepEqual(Order.parse(message.parsed), message.parsed);
      seen[model] = bodies.length === 1 ? "first" : "repaired";
    }
    assert.ok(bodies.every((body) => body.response_format.type === "json_schema"), `${model}: response_format always sent`);
  }
  assert.equal(seen["anthropic/claude-haiku-4-5"], "repaired"); // broken the first time
  assert.equal(seen["google/gemini-2.5-pro"], "refused");
  assert.equal(seen["deepseek/deepseek-chat"], "first"); // fenced: extracted, not asked again
  assert.equal(seen["deepseek/deepseek-reasoner"], "first"); // prose around the JSON: extracted
  assert.equal(Object.values(seen).filter((outcome) => outcome === "first").length, 7);
});

test("with maxRepairs 0 the broken-first model's answer is StructuredOutputError with the sandbox's raw answer", async () => {
  await sandbox({});
  const client = new CCAPI({ maxRepairs: 0 });
  const error = await client.chat.completions
    .parse({ model: "anthropic/claude-haiku-4-5", messages: [{ role: "user", content: "Make an order" }], response_format: zodResponseFormat(Order, "order") })
    .catch((caught) => caught);
  assert.ok(error instanceof StructuredOutputError, String(error));
  assert.equal(error.attempts.length, 1);
  assert.equal(error.raw, error.attempts[0].choices[0].message.content);
  assert.ok(error.errors.length >= 1);
  assert.throws(() => Order.parse(JSON.parse(error.raw)));
});

test("tools for a model whose catalog entry says function_calling: false are refused before sending", async () => {
  await sandbox({});
  const { client, bodies } = recordingSandbox();
  const lookup = zodFunction({ name: "lookup", parameters: z.object({ query: z.string() }), function: () => "x" });
  const refused = (error) => error instanceof TypeError && /deepseek\/deepseek-reasoner/.test(error.message) && /function_calling/.test(error.message);
  const ask = { model: "deepseek/deepseek-reasoner", messages: [{ role: "user", content: "use lookup" }], tools: [lookup] };
  await assert.rejects(client.chat.completions.parse(ask), refused);
  await assert.rejects(client.chat.completions.runTools(ask).done(), refused);
  await assert.rejects(client.chat.completions.stream(ask).finalChatCompletion(), refused);
  await assert.rejects(client.chat.completions.parse({ ...ask, model: undefined, models: [MODEL, "deepseek/deepseek-reasoner"] }), refused);
  assert.equal(bodies.length, 0);
  // The same model without tools is asked as usual; a model that can call functions gets them.
  await client.chat.completions.parse({ model: "deepseek/deepseek-reasoner", messages: HI });
  await client.chat.completions.parse({ ...ask, model: MODEL });
  assert.equal(bodies.length, 2);
});

test("runTools on the sandbox: several tools asked for are called at once, and the loop takes the expected steps", async () => {
  await sandbox({});
  const client = new CCAPI();
  let running = 0;
  let most = 0;
  const tool = (name, result) =>
    zodFunction({
      name,
      parameters: z.object({ city: z.string() }),
      function: async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 30));
        running--;
        return result;
      },
    });
  const runner = client.chat.completions.runTools({
    model: MODEL,
    messages: [{ role: "user", content: "Use get_weather and get_time for Paris" }],
    tools: [tool("get_weather", { celsius: 21 }), tool("get_time", "10:00")],
  });
  const steps = [];
  for await (const completion of runner) steps.push(completion.choices[0].finish_reason);
  assert.ok(steps.length >= 2, JSON.stringify(steps));
  assert.equal(steps.at(-1), "stop");
  assert.ok(runner.toolCalls.length >= 2);
  assert.equal(most, 2, "the calls of one step did not run at once");
});

test("stream on every chat model: partial values while the JSON arrives cut at awkward places, then a valid object", async () => {
  await sandbox({});
  const client = new CCAPI();
  const format = zodResponseFormat(Order, "order");
  const outcomes = {};
  for (const model of CHAT_MODELS) {
    const stream = client.chat.completions.stream({ model, messages: [{ role: "user", content: "Make an order" }], response_format: format });
    let partials = 0;
    stream.on("content.delta", (event) => {
      if (event.parsed !== null) partials++;
    });
    try {
      const final = await stream.finalChatCompletion();
      const message = final.choices[0].message;
      if (message.refusal !== null) outcomes[model] = "refused";
      else {
        assert.deepEqual(Order.parse(message.parsed), message.parsed);
        outcomes[model] = "parsed";
        if (model === "openai/gpt-4o-mini") assert.ok(partials > 1, `${partials} partial values`);
      }
    } catch (error) {
      assert.ok(error instanceof StructuredOutputError, `${model}: ${error}`);
      outcomes[model] = "invalid"; // a stream is not repaired: parse is for that
    }
  }
  assert.deepEqual(outcomes["google/gemini-2.5-pro"], "refused");
  assert.deepEqual(outcomes["anthropic/claude-haiku-4-5"], "invalid");
  assert.equal(Object.values(outcomes).filter((outcome) => outcome === "parsed").length, 7);
});

test("stream: JSON cut after every character (escapes, \\u escapes, surrogate pairs) gives growing partial values", async () => {
  const Note = z.object({ title: z.string(), tags: z.array(z.string()), score: z.number(), done: z.boolean(), extra: z.null() });
  const value = { title: 'a "quoted" \\ back\nslash é 日本 🎉', tags: ["x", "\u00e9\u65e5"], score: -12.5e1, done: false, extra: null };
  const text = JSON.stringify(value).replace("é", "\\u00e9").replace("🎉", "\\ud83c\\udf89");
  const pieces = [...text.split("")].map((character) => chunk({ content: character }));
  const { client } = scripted([[chunk({ role: "assistant", content: "" }), ...pieces, chunk({}, "stop")]]);
  const stream = client.chat.completions.stream({ model: MODEL, messages: HI, response_format: zodResponseFormat(Note, "note") });
  const partials = [];
  stream.on("content.delta", (event) => partials.push(event.parsed));
  const final = await stream.finalChatCompletion();
  assert.deepEqual(final.choices[0].message.parsed, value);
  assert.equal(partials.length, text.length);
  assert.deepEqual(partials.at(-1), value);
  for (const partial of partials) {
    if (partial === null) continue;
    assert.equal(typeof partial, "object");
    if (typeof partial.title === "string") assert.ok(value.title.startsWith(partial.title), JSON.stringify(partial.title));
  }
  assert.ok(partials.filter((partial) => typeof partial?.title === "string").length > 20);
});

test("runTools on the sandbox with three tools (two called at once, one raising) takes three steps; maxSteps 2 stops before the third", async () => {
  await sandbox({});
  const client = new CCAPI();
  let running = 0;
  let most = 0;
  const city = z.object({ city: z.string() });
  const timed = (result) => async () => {
    running++;
    most = Math.max(most, running);
    await new Promise((resolve) => setTimeout(resolve, 30));
    running--;
    return result;
  };
  const tools = [
    zodFunction({ name: "get_weather", parameters: city, function: timed("18 C") }),
    zodFunction({ name: "get_time", parameters: city, function: timed("14:05") }),
    zodFunction({ name: "send_report", parameters: z.object({ text: z.string() }), function: () => { throw new Error("mail server down"); } }),
  ];
  const messages = [{ role: "user", content: "Check get_weather and get_time for Paris, then send_report" }];
  const runner = client.chat.completions.runTools({ model: MODEL, messages, tools });
  const steps = [];
  for await (const completion of runner) steps.push(completion.choices[0].finish_reason);
  assert.deepEqual(steps, ["tool_calls", "tool_calls", "stop"]);
  assert.equal(most, 2);
  assert.deepEqual(runner.toolCalls.map((record) => [record.name, record.error?.message]), [
    ["get_weather", undefined],
    ["get_time", undefined],
    ["send_report", "mail server down"],
  ]);
  const answer = await runner.finalContent();
  assert.match(answer, /18 C/);
  assert.match(answer, /Error: Error: mail server down/); // the model was told

  const bounded = client.chat.completions.runTools({ model: MODEL, messages, tools, maxSteps: 2 });
  assert.equal((await bounded.allChatCompletions()).length, 2);
  assert.equal(await bounded.finalContent(), null); // stopped before the model's answer
});

test("leaving a stream's loop early closes it; a caller's AbortSignal gives it up", async () => {
  await sandbox({ stream_interval: 0.05 });
  const client = new CCAPI();
  const stream = client.chat.completions.stream({ model: MODEL, messages: [{ role: "user", content: "one two three four five six seven eight nine ten" }] });
  let read = 0;
  for await (const piece of stream) {
    assert.ok(piece.choices);
    if (++read === 2) break;
  }
  assert.equal(read, 2);
  // Given up, not read to its end behind the caller's back.
  await assert.rejects(stream.done(), (error) => error.name === "APIUserAbortError");

  const controller = new AbortController();
  const aborted = client.chat.completions.stream({ model: MODEL, messages: HI }, { signal: controller.signal });
  controller.abort();
  await assert.rejects(aborted.finalChatCompletion(), (error) => error.name === "APIUserAbortError");
});
