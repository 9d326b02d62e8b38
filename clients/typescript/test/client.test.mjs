// The packed npm package against a running sandbox (CCAPI_BASE_URL, CCAPI_API_KEY), with Node's test runner.
import assert from "node:assert/strict";
import { test } from "node:test";

import { createCCAPI, SDK_VERSION, SPEC_VERSION } from "ccapi-sdk";

const client = createCCAPI();

test("the package names the SDK and spec versions it was made from", () => {
  assert.equal(SDK_VERSION, process.env.EXPECTED_SDK_VERSION);
  assert.equal(SPEC_VERSION, process.env.EXPECTED_SPEC_VERSION);
});

test("lists models with a typed query", async () => {
  const { data, error, response } = await client.GET("/models", { params: { query: { type: "audio", limit: 100 } } });
  assert.equal(error, undefined);
  assert.ok(data.data.length > 0);
  assert.ok(data.data.every((model) => model.ccapi?.type === "audio"));
  assert.ok(response.headers.get("x-request-id"));
});

test("completes a chat", async () => {
  const { data, error } = await client.POST("/chat/completions", {
    body: { model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Outline a launch plan for CCAPI." }] },
  });
  assert.equal(error, undefined);
  assert.equal(data.object, "chat.completion");
  assert.match(data.choices[0].message.content, /launch plan/);
});

test("an unknown provider is the spec's 404 error body", async () => {
  const { data, error, response } = await client.GET("/providers/{name}", { params: { path: { name: "nobody" } } });
  assert.equal(data, undefined);
  assert.equal(response.status, 404);
  assert.equal(error.error.code, "not_found");
});

test("a wrong key is refused with 401", async () => {
  const stranger = createCCAPI({ apiKey: "sk-wrong" });
  const { error, response } = await stranger.GET("/models");
  assert.equal(response.status, 401);
  assert.equal(error.error.code, "unauthorized");
});
