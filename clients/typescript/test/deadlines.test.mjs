// Deadlines are per call, however the bytes arrive: a timeout past Node's timer limit does not fire at once; the
// idle and first-byte deadlines count complete events, not bytes or keep-alive comments; `totalTimeout` bounds a
// whole call across its retries, streams included.
import assert from "node:assert/strict";
import { test } from "node:test";

import * as sdk from "ccapi-sdk";

const { APITimeoutError, CCAPI } = sdk;

import { every, localServer, within } from "./local-server.mjs";

const HI = [{ role: "user", content: "Hi" }];
const CHAT = { model: "openai/gpt-4o-mini", messages: HI, stream: true };
const CHUNK = `data: ${JSON.stringify({
  id: "c1",
  object: "chat.completion.chunk",
  created: 1,
  model: "openai/gpt-4o-mini",
  choices: [{ index: 0, delta: { content: "x" }, finish_reason: null }],
})}\n\n`;

async function sandbox(settings) {
  const response = await fetch(`${process.env.CCAPI_SANDBOX_CONTROL}/scenario`, { method: "POST", body: JSON.stringify(settings) });
  assert.equal(response.status, 200);
}

/** A stream server: headers at once, then what `feed(response)` writes. */
async function streaming(feed) {
  return localServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/event-stream" });
    feed(response);
  });
}

async function drain(stream) {
  let events = 0;
  for await (const _chunk of stream) events += 1;
  return events;
}

/** How long `promise` took to reject, and with what. */
async function failure(promise) {
  const started = Date.now();
  const error = await promise.then(
    () => assert.fail("expected an error"),
    (caught) => caught,
  );
  return { error, elapsed: Date.now() - started };
}

test("a timeout above 2^31-1 ms does not fire at once: the call succeeds", async () => {
  await sandbox({ stream_interval: 0.01 });
  const huge = 2 ** 31 * 10;
  const client = new CCAPI({ timeout: huge });
  assert.equal((await client.providers.retrieve("openai")).name, "openai");
  const reply = await new CCAPI().chat.completions.create({ model: "openai/gpt-4o-mini", messages: HI }, { timeout: huge });
  assert.ok(reply.choices.length > 0);
  const stream = await client.chat.completions.create(CHAT, { firstByteTimeout: huge, totalTimeout: huge });
  assert.ok((await drain(stream)) > 0);
});

test("a stream that sends only keep-alive comments goes idle at its timeout", async () => {
  const server = await streaming((response) => every(response, 50, ": keep-alive\n\n"));
  try {
    const client = new CCAPI({ baseURL: server.baseURL, timeout: 500, firstByteTimeout: null, maxRetries: 0 });
    const stream = await client.chat.completions.create(CHAT);
    const { error, elapsed } = await within(5_000, "the keep-alive stream", failure(drain(stream)));
    assert.ok(error instanceof APITimeoutError, String(error));
    assert.ok(elapsed < 2_500, `idled out after ${elapsed} ms`);
  } finally {
    await server.close();
  }
});

test("a stream that sends one endless line, with no event end, goes idle at its timeout", async () => {
  const server = await streaming((response) => {
    response.write(CHUNK); // one event, then a line that never ends
    response.write("data: ");
    every(response, 50, "xxxxxxxxxx");
  });
  try {
    const client = new CCAPI({ baseURL: server.baseURL, timeout: 500, maxRetries: 0 });
    const stream = await client.chat.completions.create(CHAT);
    const { error, elapsed } = await within(5_000, "the endless line", failure(drain(stream)));
    assert.ok(error instanceof APITimeoutError, String(error));
    assert.ok(elapsed < 2_500, `idled out after ${elapsed} ms`);
  } finally {
    await server.close();
  }
});

test("events that keep coming keep a stream alive past its idle timeout", async () => {
  let sent = 0;
  const server = await streaming((response) => {
    const stop = every(response, 100, CHUNK);
    setTimeout(() => {
      stop();
      sent = 10;
      response.end("data: [DONE]\n\n");
    }, 1_000);
  });
  try {
    const client = new CCAPI({ baseURL: server.baseURL, timeout: 400, maxRetries: 0 });
    const events = await drain(await client.chat.completions.create(CHAT));
    assert.ok(events >= 5 && sent === 10, `${events} events`);
  } finally {
    await server.close();
  }
});

test("firstByteTimeout covers a stream's headers and its first complete event", async () => {
  const silent = await localServer(() => undefined); // never answers
  const comments = await streaming((response) => every(response, 50, ": ping\n\n"));
  try {
    const client = new CCAPI({ baseURL: silent.baseURL, timeout: 60_000, firstByteTimeout: 300, maxRetries: 0 });
    const headers = await within(5_000, "silent headers", failure(client.chat.completions.create(CHAT)));
    assert.ok(headers.error instanceof APITimeoutError, String(headers.error));
    assert.ok(headers.elapsed < 2_000, `gave up after ${headers.elapsed} ms`);
    const chatty = client.withOptions({ baseURL: comments.baseURL });
    const stream = await chatty.chat.completions.create(CHAT);
    const first = await within(5_000, "no first event", failure(drain(stream)));
    assert.ok(first.error instanceof APITimeoutError, String(first.error));
    assert.match(first.error.message, /first-byte/);
    assert.ok(first.elapsed < 2_000, `gave up after ${first.elapsed} ms`);
    // A non-streaming call is not held to it: its answer comes whole.
    assert.equal(client.firstByteTimeout, 300);
  } finally {
    await silent.close();
    await comments.close();
  }
});

test("totalTimeout bounds a call whose body trickles, and a call across its retries", async () => {
  const trickle = await localServer((_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.write("{");
    every(response, 50, " ");
  });
  let attempts = 0;
  const failing = await localServer((_request, response) => {
    attempts += 1;
    response.writeHead(503, { "content-type": "application/json", "retry-after": "0.2" });
    response.end('{"error": {"message": "busy", "type": "api_error"}}');
  });
  try {
    const slow = new CCAPI({ baseURL: trickle.baseURL, timeout: 60_000, totalTimeout: 500, maxRetries: 3 });
    const trickled = await within(5_000, "the trickled body", failure(slow.providers.retrieve("openai")));
    assert.ok(trickled.error instanceof APITimeoutError, String(trickled.error));
    assert.ok(trickled.elapsed < 2_000, `gave up after ${trickled.elapsed} ms`);
    const busy = new CCAPI({ baseURL: failing.baseURL, maxRetries: 50, retryPolicy: { initialDelay: 200 } });
    const retried = await within(5_000, "the retries", failure(busy.providers.retrieve("openai", { totalTimeout: 700 })));
    assert.ok(retried.elapsed < 2_200, `gave up after ${retried.elapsed} ms`);
    assert.ok(attempts >= 2 && attempts <= 5, `${attempts} attempts`);
  } finally {
    await trickle.close();
    await failing.close();
  }
});

test("totalTimeout bounds a stream that never ends", async () => {
  const server = await streaming((response) => every(response, 50, CHUNK));
  try {
    const client = new CCAPI({ baseURL: server.baseURL, timeout: 60_000, maxRetries: 0 });
    const stream = await client.chat.completions.create(CHAT, { totalTimeout: 600 });
    const { error, elapsed } = await within(5_000, "the endless stream", failure(drain(stream)));
    assert.ok(error instanceof APITimeoutError, String(error));
    assert.match(error.message, /total/);
    assert.ok(elapsed < 2_100, `cut after ${elapsed} ms`);
  } finally {
    await server.close();
  }
});

test("the deadlines' defaults are the Python client's, and bad values are refused", () => {
  assert.equal(sdk.DEFAULT_FIRST_BYTE_TIMEOUT, 20_000);
  const client = new CCAPI();
  assert.equal(client.firstByteTimeout, 20_000);
  assert.equal(client.totalTimeout, null);
  assert.equal(client.withOptions({ totalTimeout: 5_000 }).totalTimeout, 5_000);
  assert.equal(client.withOptions({ firstByteTimeout: null }).firstByteTimeout, null);
  assert.throws(() => new CCAPI({ totalTimeout: -1 }), /totalTimeout/);
  assert.throws(() => new CCAPI({ firstByteTimeout: Number.NaN }), /firstByteTimeout/);
});
