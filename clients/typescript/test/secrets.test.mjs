// No key and no base URL credential in any error the client throws, whatever a server echoes back: the message,
// String(error), the stack, the parsed ErrorObject, the headers and every nested cause.
import assert from "node:assert/strict";
import { test } from "node:test";
import { inspect } from "node:util";

import { APIConnectionError, APIStatusError, CCAPI, InternalServerError } from "ccapi-sdk";

import { localServer } from "./local-server.mjs";

const SECRET = "sk-echoed-secret-0123456789abcdef";
const HI = [{ role: "user", content: "Hi" }];

/** Everything an error shows, its causes' too. */
function shown(error) {
  const parts = [];
  for (let current = error, depth = 0; current !== undefined && current !== null && depth < 10; depth += 1) {
    parts.push(String(current), String(current?.message), String(current?.stack), inspect(current, { depth: 10 }));
    try {
      parts.push(JSON.stringify(current));
    } catch {
      // a cause that does not serialise still shows through inspect
    }
    current = current?.cause;
  }
  return parts.join("\n");
}

/** A server that answers every request with what `answer(authorization)` gives, echoing the header back. */
async function echoing(answer) {
  return localServer((request, response) => {
    const { status, type, body } = answer(request.headers.authorization ?? "");
    response.writeHead(status, { "content-type": type, "x-echo": request.headers.authorization ?? "" });
    response.end(body);
  });
}

test("a JSON error that echoes the Authorization header shows no key", async () => {
  const server = await echoing((auth) => ({
    status: 400,
    type: "application/json",
    body: JSON.stringify({ error: { message: `bad header: ${auth}`, type: "invalid_request_error", details: { auth } } }),
  }));
  try {
    const client = new CCAPI({ apiKey: SECRET, baseURL: server.baseURL, maxRetries: 0 });
    const error = await client.providers.retrieve("openai").catch((caught) => caught);
    assert.ok(error instanceof APIStatusError, String(error));
    assert.match(error.message, /bad header: Bearer \[redacted\]/);
    assert.ok(!shown(error).includes(SECRET), "the key leaked");
  } finally {
    await server.close();
  }
});

test("an HTML 502 page that echoes the Authorization header shows no key", async () => {
  const server = await echoing((auth) => ({
    status: 502,
    type: "text/html",
    body: `<html><body><h1>502 Bad Gateway</h1><pre>Authorization: ${auth}</pre></body></html>`,
  }));
  try {
    const client = new CCAPI({ apiKey: SECRET, baseURL: server.baseURL, maxRetries: 0 });
    const error = await client.models.list().catch((caught) => caught);
    assert.ok(error instanceof InternalServerError, String(error));
    assert.match(error.message, /502 Bad Gateway/);
    assert.ok(!shown(error).includes(SECRET), "the key leaked");
  } finally {
    await server.close();
  }
});

test("an error event inside a stream that echoes the Authorization header shows no key", async () => {
  const server = await echoing((auth) => ({
    status: 200,
    type: "text/event-stream",
    body: `data: ${JSON.stringify({ error: { message: `upstream refused ${auth}`, type: "api_error", details: { auth } } })}\n\n`,
  }));
  try {
    const client = new CCAPI({ apiKey: SECRET, baseURL: server.baseURL, maxRetries: 0 });
    const stream = await client.chat.completions.create({ model: "openai/gpt-4o-mini", messages: HI, stream: true });
    const error = await (async () => {
      for await (const _chunk of stream);
    })().catch((caught) => caught);
    assert.ok(error instanceof InternalServerError, String(error));
    assert.match(error.message, /upstream refused Bearer \[redacted\]/);
    assert.ok(!shown(error).includes(SECRET), "the key leaked");
  } finally {
    await server.close();
  }
});

test("a base URL's user:pass@ credentials appear in no error", async () => {
  const server = await echoing(() => ({ status: 200, type: "application/json", body: "{}" }));
  try {
    const password = "hunter2-very-secret";
    const baseURL = server.baseURL.replace("http://", `http://deploy:${password}@`);
    const client = new CCAPI({ apiKey: SECRET, baseURL, maxRetries: 0 });
    const error = await client.models.list().catch((caught) => caught);
    assert.ok(error instanceof APIConnectionError, String(error));
    const text = shown(error);
    assert.ok(!text.includes(password), `the password leaked: ${text.slice(0, 500)}`);
    assert.ok(!text.includes(`deploy:`), "the user:pass@ part leaked");
    for (const wrong of [`ftp://deploy:${password}@example.com/`, `deploy:${password}@example.com/v1`]) {
      assert.throws(
        () => new CCAPI({ apiKey: SECRET, baseURL: wrong }),
        (caught) => caught instanceof TypeError && /baseURL/.test(caught.message) && !shown(caught).includes(password),
      );
    }
  } finally {
    await server.close();
  }
});

test("a key that is not Latin-1 is a TypeError naming apiKey at construction, not a retried connection error", () => {
  const key = "sk-ключ-0123456789";
  let sent = 0;
  const fetcher = async () => {
    sent += 1;
    return new Response("{}");
  };
  assert.throws(
    () => new CCAPI({ apiKey: key, fetch: fetcher }),
    (caught) => caught instanceof TypeError && /apiKey/.test(caught.message) && !shown(caught).includes(key),
  );
  assert.equal(sent, 0);
});
