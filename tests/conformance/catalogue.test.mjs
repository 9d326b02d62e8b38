// The conformance catalogue (catalogue.json) run against the TypeScript SDK with Node's test runner, on the
// sandbox that tests/conformance/control.py serves (CCAPI_BASE_URL, CCAPI_SANDBOX_CONTROL). With
// CCAPI_CONFORMANCE_TRANSCRIPTS set, it writes one normalised transcript line per scenario there, as the Python
// driver (test_catalogue.py) does; `nox -s conformance` requires the two transcripts to be identical.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { APIError, CCAPI, CCAPIError, ImageJobFailedError, OPERATIONS } from "ccapi-sdk";

import { argumentError, readHelper } from "./catalogue-helpers.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const catalogue = JSON.parse(readFileSync(process.env.CCAPI_CONFORMANCE_CATALOGUE ?? join(here, "catalogue.json"), "utf8"));
const BASE_URL = process.env.CCAPI_BASE_URL;
const CONTROL = process.env.CCAPI_SANDBOX_CONTROL;
const KEY = process.env.CCAPI_API_KEY ?? "sk-ccapi-sandbox";
const TRANSCRIPTS = process.env.CCAPI_CONFORMANCE_TRANSCRIPTS;
const ONLY = process.env.CCAPI_CONFORMANCE_ONLY?.split(",");
// Hand-written helpers (`chat.completions.parse`): the operation each sends, whose requests are its attempts.
const HELPERS = Object.fromEntries(Object.entries(catalogue.helpers).filter(([op]) => op !== "about"));

const camel = (name) => name.replace(/_([a-z])/g, (_, letter) => letter.toUpperCase());
const ms = (seconds) => seconds * 1000;

async function closedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function control(method, path, body) {
  const response = await fetch(`${CONTROL}${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return response.json();
}

async function client(options) {
  const baseURL = options.base_url === "closed" ? `http://127.0.0.1:${await closedPort()}/v1` : BASE_URL;
  const settings = { apiKey: options.api_key ?? KEY, baseURL };
  if ("max_retries" in options) settings.maxRetries = options.max_retries;
  if ("timeout" in options) settings.timeout = ms(options.timeout);
  if ("max_repairs" in options) settings.maxRepairs = options.max_repairs;
  if ("retry_policy" in options) {
    settings.retryPolicy = {};
    for (const [key, value] of Object.entries(options.retry_policy)) settings.retryPolicy[camel(key)] = ms(value);
  }
  return new CCAPI(settings);
}

/** The method a catalogue `op` names (`images.generate_multimodal`), and its path parameters in order. */
function method(sdk, op) {
  const parts = op.split(".");
  const name = parts.pop();
  let target = sdk;
  for (const part of parts) target = target[camel(part)];
  const operation = Object.values(OPERATIONS).find((found) => found.resource === parts.join(".") && found.name === camel(name));
  assert.ok(operation, `no operation ${op}`);
  const fn = target[camel(name)];
  assert.equal(typeof fn, "function", `no method ${op}`);
  return { fn: fn.bind(target), operation };
}

async function read(sdk, call) {
  if (call.op in HELPERS) return readHelper(sdk, call.op, call.args, call.read, catalogue.shapes);
  const { fn, operation } = method(sdk, call.op);
  const args = { ...call.args };
  const positional = operation.pathParams.map((name) => {
    const value = args[name];
    delete args[name];
    return value;
  });
  const options = call.options?.timeout === undefined ? undefined : { timeout: ms(call.options.timeout) };
  const hasParams = operation.body || operation.query.length > 0;
  const invoke = () => fn(...positional, ...(hasParams ? [args] : []), options);
  const waitTimeout = ms(call.wait_timeout ?? 30);
  switch (call.read) {
    case "raw": {
      const { response, requestId } = await invoke().withResponse();
      return `${response.status}:${requestId ? "request-id" : "none"}`;
    }
    case "completion":
      return String((await invoke()).choices[0].message.content);
    case "stream_text": {
      let text = "";
      for await (const piece of (await invoke()).iterText()) text += piece;
      return text;
    }
    case "stream_final": {
      const final = await (await invoke()).finalCompletion();
      return `${final.choices[0].message.content}|${final.choices[0].finish_reason}|${final.usage?.total_tokens ?? null}`;
    }
    case "stream_early": {
      const stream = await invoke();
      let seen = 0;
      for await (const _chunk of stream) {
        seen += 1;
        if (seen === 2) break;
      }
      return `${seen} chunks`;
    }
    case "speech": {
      const result = await invoke();
      const kind = result.url ? "url" : result.b64_json ? "b64" : "none";
      return `${result.output_format}:${kind}:${(await result.bytes()).length > 0 ? "bytes" : "empty"}`;
    }
    case "images":
      return `${(await invoke()).data.length} images`;
    case "job_wait":
    case "job_resume": {
      const started = await invoke();
      const job = call.read === "job_resume" ? sdk.images.jobs.resume(started.id) : started;
      const final = await job.wait({ timeout: waitTimeout });
      return `${final.status}:${(final.data ?? []).length}`;
    }
    case "job_retrieve": {
      const job = await invoke();
      return (await sdk.images.jobs.retrieve(job.id)).id === job.id ? "same id" : "another id";
    }
    case "page_all": {
      let count = 0;
      for await (const _item of invoke()) count += 1;
      return `${count} items`;
    }
    case "page_first": {
      const page = await invoke();
      return `${page.body.total} total: ${page.data.map((model) => model.id).join(",")}`;
    }
    case "provider":
      return String((await invoke()).name);
    case "retrieve":
      await invoke();
      return "retrieved";
    default:
      throw new Error(`the catalogue names an unknown read: ${call.read}`);
  }
}

function idempotency(attempts) {
  const keys = new Set(attempts.map((seen) => seen.idempotency_key));
  if (attempts.length === 0 || (keys.size === 1 && keys.has(null))) return "none";
  return keys.size === 1 ? "one-key" : "differing";
}

export async function runScenario(scenario) {
  await control("POST", "/scenario", scenario.sandbox ?? {});
  const line = { name: scenario.name, outcome: "ok", status: null, code: null, text: null };
  const sdk = await client(scenario.client ?? {});
  const started = performance.now();
  try {
    line.text = await read(sdk, scenario.call);
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) {
      line.outcome = "ArgumentError"; // a wrong argument, refused before sending
      line.text = argumentError(error);
    } else if (error instanceof CCAPIError) {
      line.outcome = error.name;
      line.status = error instanceof APIError ? (error.status ?? null) : null;
      const code = error instanceof ImageJobFailedError ? error.error?.code : error.code;
      line.code = typeof code === "string" ? code : null;
    } else {
      throw error; // anything else is a failure of the SDK, not an outcome
    }
  }
  const elapsed = (performance.now() - started) / 1000;
  if ("billed" in scenario.expect) line.billed = (await control("GET", "/billed")).length;
  const seen = await control("GET", "/received");
  const first = HELPERS[scenario.call.op] ?? (seen[0] ? `${seen[0].method} ${seen[0].path}` : null);
  const attempts = seen.filter((request) => `${request.method} ${request.path}` === first);
  line.attempts = attempts.length;
  line.idempotency = idempotency(attempts);
  const polls = seen.filter((request) => request.method === "GET" && request.path.includes("/images/jobs/")).length;
  return { line, elapsed, polls };
}

function sorted(line) {
  return Object.fromEntries(Object.entries(line).sort(([a], [b]) => (a < b ? -1 : 1)));
}

for (const scenario of catalogue.scenarios) {
  if (ONLY && !ONLY.includes(scenario.name)) continue;
  test(`${scenario.name}: ${scenario.about}`, async () => {
    const { line, elapsed, polls } = await runScenario(scenario);
    if (TRANSCRIPTS) {
      mkdirSync(TRANSCRIPTS, { recursive: true });
      writeFileSync(join(TRANSCRIPTS, `${scenario.name}.json`), `${JSON.stringify(sorted(line))}\n`);
    }
    const expect = scenario.expect;
    for (const key of ["outcome", "status", "code", "attempts", "idempotency", "text", "billed"]) {
      if (key in expect) assert.deepEqual(line[key], expect[key], `${key}: ${JSON.stringify(line)}`);
    }
    if (expect.seconds) {
      const [low, high] = expect.seconds;
      assert.ok(low <= elapsed && elapsed <= high, `took ${elapsed.toFixed(2)} s, expected between ${low} and ${high}`);
    }
    if (expect.polls) {
      const [fewest, most] = expect.polls;
      assert.ok(fewest <= polls && polls <= most, `polled ${polls} times, expected between ${fewest} and ${most}`);
    }
  });
}
