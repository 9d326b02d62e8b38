// The packed npm package against a sandbox (CCAPI_BASE_URL, CCAPI_API_KEY; CCAPI_SANDBOX_CONTROL sets its faults),
// with Node's test runner: what the conformance catalogue does not cover (AbortSignal, secrets, argument checks,
// laziness, the Node entry point, the core's portability).
import assert from "node:assert/strict";
import { builtinModules } from "node:module";
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import {
  APIConnectionError,
  APIUserAbortError,
  AuthenticationError,
  CCAPI,
  CCAPIError,
  RateLimitError,
  SDK_VERSION,
  SPEC_VERSION,
} from "ccapi-sdk";
import { saveMedia } from "ccapi-sdk/node";

const CONTROL = process.env.CCAPI_SANDBOX_CONTROL;
const HI = [{ role: "user", content: "Hi" }];

async function sandbox(settings) {
  const response = await fetch(`${CONTROL}/scenario`, { method: "POST", body: JSON.stringify(settings) });
  assert.equal(response.status, 200);
}

async function received() {
  return (await fetch(`${CONTROL}/received`)).json();
}

/** A fetch that records each request's headers and each response, for tests to inspect. */
function recording() {
  const seen = { requests: [], responses: [] };
  const fetcher = async (url, init) => {
    seen.requests.push({ url, init });
    const response = await fetch(url, init);
    seen.responses.push(response);
    return response;
  };
  return { seen, fetcher };
}

test("the package names the SDK and spec versions it was made from", () => {
  assert.equal(SDK_VERSION, process.env.EXPECTED_SDK_VERSION);
  assert.equal(SPEC_VERSION, process.env.EXPECTED_SPEC_VERSION);
});

test("the core imports no Node module: only the Node entry point does", () => {
  const packageRoot = dirname(fileURLToPath(import.meta.resolve("ccapi-sdk")));
  const node = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    for (const [, specifier] of source.matchAll(/(?:import|export)\s[^;]*?from\s+"([^"]+)"|import\("([^"]+)"\)/g)) {
      assert.ok(specifier !== undefined);
      assert.ok(!node.has(specifier) && !specifier.startsWith("node:"), `${file} imports ${specifier}`);
      assert.ok(specifier.startsWith("."), `${file} imports the package ${specifier}: the core has no dependencies`);
      visit(resolve(dirname(file), specifier));
    }
  };
  visit(join(packageRoot, "index.js"));
  assert.ok(seen.size >= 8, `followed ${seen.size} modules`);
  assert.ok(![...seen].some((file) => file.endsWith("node.js")));
  // The Node entry point does import Node modules: the check above would see them.
  assert.match(readFileSync(join(packageRoot, "node.js"), "utf8"), /from "node:fs"/);
  const manifest = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8"));
  assert.deepEqual(Object.keys(manifest.dependencies ?? {}), []);
});

test("the key and base URL come from the environment; a missing key is a typed error", () => {
  const client = new CCAPI();
  assert.equal(client.baseURL, process.env.CCAPI_BASE_URL);
  const saved = process.env.CCAPI_API_KEY;
  delete process.env.CCAPI_API_KEY;
  try {
    assert.throws(() => new CCAPI(), CCAPIError);
  } finally {
    process.env.CCAPI_API_KEY = saved;
  }
});

test("the key is sent as a bearer token and appears in no error, message or inspection", async () => {
  const secret = "sk-secret-value-never-shown-0123456789";
  const { seen, fetcher } = recording();
  const client = new CCAPI({ apiKey: secret, fetch: fetcher });
  const error = await client.models.list().then(
    () => assert.fail("a wrong key must fail"),
    (caught) => caught,
  );
  assert.ok(error instanceof AuthenticationError);
  assert.equal(seen.requests[0].init.headers.Authorization, `Bearer ${secret}`);
  const { inspect } = await import("node:util");
  for (const shown of [error.message, error.stack, JSON.stringify(error), inspect(error, { depth: 5 }), inspect(client, { depth: 5 })]) {
    assert.ok(!String(shown).includes(secret), "the key leaked");
  }
  const copy = client.withOptions({ maxRetries: 0 });
  assert.ok(!inspect(copy, { depth: 5 }).includes(secret));
});

test("withOptions copies the client with options replaced, the key kept", async () => {
  const client = new CCAPI({ maxRetries: 4, timeout: 20_000 });
  const patient = client.withOptions({ maxRetries: 0, timeout: 120_000 });
  assert.equal(patient.maxRetries, 0);
  assert.equal(patient.timeout, 120_000);
  assert.equal(client.maxRetries, 4);
  assert.equal((await patient.providers.retrieve("openai")).name, "openai");
});

test("wrong arguments are refused before anything is sent, naming the parameter", async () => {
  const { seen, fetcher } = recording();
  const client = new CCAPI({ fetch: fetcher });
  await assert.rejects(client.chat.completions.create({ model: "openai/gpt-4o-mini" }), /messages is required/);
  await assert.rejects(client.chat.completions.create({ messages: HI }), /give model or models/);
  await assert.rejects(client.providers.retrieve(""), /name must be a non-empty string/);
  await assert.rejects(client.models.list({ limit: 1, nonsense: true }), /no parameter "nonsense"/);
  assert.throws(() => new CCAPI({ timeout: -1 }), /timeout/);
  assert.throws(() => new CCAPI({ maxRetries: 1.5 }), /maxRetries/);
  assert.equal(seen.requests.length, 0);
});

test("a POST keeps one Idempotency-Key across its retries; a caller's own is used", async () => {
  await sandbox({ faults: { rate_limit_first: 2, retry_after: 0 } });
  const client = new CCAPI();
  await client.chat.completions.create({ model: "openai/gpt-4o-mini", messages: HI }, { idempotencyKey: "mine-1" });
  const keys = (await received()).map((request) => request.idempotency_key);
  assert.deepEqual(keys, ["mine-1", "mine-1", "mine-1"]);
});

test("a 429 that outlasts the retries carries retryAfter, status, request id and the server's error", async () => {
  await sandbox({ faults: { rate_limit_first: 5, retry_after: 0 } });
  const error = await new CCAPI({ maxRetries: 1 }).models.list().catch((caught) => caught);
  assert.ok(error instanceof RateLimitError);
  assert.equal(error.status, 429);
  assert.equal(error.retryAfter, 0);
  assert.match(error.requestId, /^req_/);
  assert.equal(error.error.type, "rate_limit_error");
  assert.equal(error.headers.get("retry-after"), "0");
  assert.equal((await received()).length, 2);
});

test("an AbortSignal gives up a call, a backoff and a stream", async () => {
  await sandbox({ faults: { latency: 2 } });
  const client = new CCAPI();
  const started = Date.now();
  await assert.rejects(
    client.providers.retrieve("openai", { signal: AbortSignal.timeout(200) }),
    APIUserAbortError,
  );
  assert.ok(Date.now() - started < 1500);
  await sandbox({ faults: { error_status: 503, error_count: 5 } });
  const slow = new CCAPI({ retryPolicy: { initialDelay: 5_000 } });
  const during = Date.now();
  await assert.rejects(slow.providers.retrieve("openai", { signal: AbortSignal.timeout(300) }), APIUserAbortError);
  assert.ok(Date.now() - during < 2000, "the backoff was not cut short");
  await sandbox({ stream_interval: 0.2 });
  const controller = new AbortController();
  const stream = await client.chat.completions.create(
    { model: "openai/gpt-4o-mini", messages: HI, stream: true },
    { signal: controller.signal },
  );
  let chunks = 0;
  await assert.rejects(
    (async () => {
      for await (const _chunk of stream) {
        chunks += 1;
        controller.abort();
      }
    })(),
    APIUserAbortError,
  );
  assert.equal(chunks, 1);
});

test("leaving a stream early cancels its body, which gives the connection back", async () => {
  await sandbox({ stream_interval: 0.05 });
  const { seen, fetcher } = recording();
  const client = new CCAPI({ fetch: fetcher });
  const stream = await client.chat.completions.create({ model: "openai/gpt-4o-mini", messages: HI, stream: true });
  for await (const _chunk of stream) break;
  const body = seen.responses[0].body;
  // Cancelled, its request aborted: nothing more arrives (the body ends, or reports the abort).
  const outcome = await body.getReader().read().then(
    (read) => (read.done ? "ended" : "more arrived"),
    (error) => error.name,
  );
  assert.ok(["ended", "AbortError"].includes(outcome), outcome);
  await assert.rejects(async () => {
    for await (const _chunk of stream) break;
  }, /read only once/);
});

test("pages are fetched only as needed", async () => {
  await sandbox({});
  const client = new CCAPI();
  for await (const _model of client.models.list({ limit: 2 })) break;
  assert.equal((await received()).length, 1);
  const first = await client.models.list({ limit: 10 });
  assert.ok(first.hasNextPage());
  const second = await first.getNextPage();
  assert.equal(second.body.offset, 10);
  assert.equal((await received()).length, 3);
});

test("a connection refused is APIConnectionError, not a bare TypeError", async () => {
  const client = new CCAPI({ baseURL: "http://127.0.0.1:9/v1", maxRetries: 0 });
  const error = await client.models.list().catch((caught) => caught);
  assert.ok(error instanceof APIConnectionError);
  assert.match(error.message, /Connection error on GET http:\/\/127\.0\.0\.1:9\/v1\/models/);
});

test("the Node entry point saves media from a URL and from base64", async () => {
  await sandbox({});
  const client = new CCAPI();
  const folder = mkdtempSync(join(tmpdir(), "ccapi-media-"));
  const speech = await client.audio.speech.create({ model: "elevenlabs/eleven_turbo_v2", input: "Hello", voice: "aria" });
  const saved = await saveMedia(speech, join(folder, "out", "hello.mp3"));
  assert.equal(statSync(saved).size, (await speech.bytes()).length);
  const images = await client.images.generate({ model: "openai/dall-e-3", prompt: "a farm", response_format: "b64_json" });
  const png = await saveMedia(images.data[0], join(folder, "farm.png"));
  assert.deepEqual([...readFileSync(png).subarray(1, 4)], [0x50, 0x4e, 0x47]); // "PNG"
  assert.ok(!existsSync(`${png}.part`));
});

test("a speech answer sent as the audio itself is read as the JSON one is", async () => {
  await sandbox({});
  const client = new CCAPI();
  const speech = await client.audio.speech.create(
    { model: "elevenlabs/eleven_turbo_v2", input: "Hello", voice: "aria" },
    { headers: { Accept: "audio/mpeg" } },
  );
  assert.equal(speech.output_format, "mp3");
  assert.ok(speech.b64_json);
  assert.ok((await speech.bytes()).length > 100);
});

test("Retry-After as an HTTP date is honoured, and capped at maxRetryAfter", async () => {
  const ok = () => new Response('{"name": "openai", "models": []}', { headers: { "content-type": "application/json" } });
  const limited = (retryAfter) =>
    new Response('{"error": {"message": "slow down", "type": "rate_limit_error"}}', {
      status: 429,
      headers: { "retry-after": retryAfter },
    });
  /** A fetch that answers from `script` in turn, noting when each request came. */
  const scripted = (script) => {
    const times = [];
    const fetcher = async () => {
      times.push(Date.now());
      return script[times.length - 1]();
    };
    return { times, fetcher };
  };
  const soon = () => new Date(Date.now() + 1500).toUTCString(); // whole seconds: 0.5 to 1.5 s from now
  const dated = scripted([() => limited(soon()), ok]);
  await new CCAPI({ fetch: dated.fetcher }).providers.retrieve("openai");
  const waited = dated.times[1] - dated.times[0];
  assert.ok(waited >= 400 && waited <= 1700, `waited ${waited} ms for a date about a second away`);
  const capped = scripted([() => limited(soon()), () => limited("3600"), ok]);
  const found = await new CCAPI({ fetch: capped.fetcher, retryPolicy: { maxRetryAfter: 200 } }).providers.retrieve("openai");
  assert.equal(found.name, "openai");
  assert.equal(capped.times.length, 3);
  assert.ok(capped.times[1] - capped.times[0] <= 300, "a date's wait is capped at maxRetryAfter too");
  const hour = capped.times[2] - capped.times[1];
  assert.ok(hour >= 190 && hour < 1000, `an hour's Retry-After is capped (waited ${hour} ms)`);
});
