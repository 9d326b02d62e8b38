// What a newcomer meets in the first hour: a misspelled parameter fails `tsc --strict`, pages have `total`, a model
// id without its provider is refused before sending with a suggestion, and the package says what it is.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { CCAPI } from "ccapi-sdk";

const HERE = dirname(fileURLToPath(import.meta.url));
const HI = [{ role: "user", content: "Hi" }];
const TSC_STRICT = ["--strict", "--noEmit", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext"];

// The pinned tsc and Node's types: CCAPI_TYPESCRIPT_TOOLS, else where `nox -s typescript` installs them (beside
// the trial project these tests run in).
const TOOLS = process.env.CCAPI_TYPESCRIPT_TOOLS ?? join(HERE, "..", "_typescript", "node_modules");

/** One tsc --strict run over `sources` (one program or several) beside the installed package: whether it passed,
 * its output, and the compiled programs (with `emit`). */
function typeCheck(sources, { emit = false } = {}) {
  const folder = mkdtempSync(join(HERE, "typecheck-"));
  const files = (Array.isArray(sources) ? sources : [sources]).map((source, index) => {
    const file = join(folder, `program-${index}.ts`);
    writeFileSync(file, source);
    return file;
  });
  const flags = emit ? TSC_STRICT.filter((flag) => flag !== "--noEmit") : TSC_STRICT;
  try {
    execFileSync(join(TOOLS, ".bin", "tsc"), [...flags, "--types", "node", "--typeRoots", join(TOOLS, "@types"), ...files], {
      encoding: "utf8",
    });
    return { ok: true, output: "", compiled: files.map((file) => file.replace(/\.ts$/, ".js")) };
  } catch (error) {
    return { ok: false, output: `${error.stdout}${error.stderr}` };
  }
}

test("a misspelled top-level parameter fails tsc --strict; undeclared fields go in options.body", () => {
  // One tsc run: each misspelling must be an error (or its @ts-expect-error is itself one), the rest must check.
  const checked = typeCheck(`import { CCAPI } from "ccapi-sdk";
const client = new CCAPI();
const messages = [{ role: "user" as const, content: "Hi" }];
// @ts-expect-error: a misspelled top-level parameter
await client.chat.completions.create({ model: "openai/gpt-4o-mini", messages, temprature: 0.2 });
// @ts-expect-error: in a stream too
await client.chat.completions.create({ model: "openai/gpt-4o-mini", messages, stream: true, temprature: 0.2 });
// @ts-expect-error: and in a query
await client.models.list({ limt: 2 });
await client.chat.completions.create({ model: "openai/gpt-4o-mini", messages, temperature: 0.2, stream: true });
await client.chat.completions.create(
  { model: "openai/gpt-4o-mini", messages, metadata: { anything: "goes here" } },
  { body: { response_format: { type: "json_object" } } },
);
export {};
`);
  assert.ok(checked.ok, `tsc accepted a misspelling, or refused a right call:\n${checked.output}`);
});

test("a page has the total the server counts, as the Python page does", async () => {
  const client = new CCAPI();
  const page = await client.models.list({ limit: 2 });
  assert.equal(typeof page.total, "number");
  assert.equal(page.total, page.body.total);
  assert.ok(page.total > page.data.length);
  const providers = await client.providers.list({ limit: 1 });
  assert.equal(providers.total, providers.body.total);
});

test("a model id without its provider is refused before sending, with the id it likely means", async () => {
  let sent = 0;
  const client = new CCAPI({
    fetch: async (url, init) => {
      sent += 1;
      return fetch(url, init);
    },
  });
  await assert.rejects(
    client.chat.completions.create({ model: "gpt-4o-mini", messages: HI }),
    (error) => error instanceof TypeError && error.message.includes("did you mean 'openai/gpt-4o-mini'?") && /\bmodel\b/.test(error.message),
  );
  await assert.rejects(
    client.chat.completions.create({ models: ["openai/gpt-4o", "claude-sonnet-4-6"], messages: HI }),
    /models\[1\].*did you mean 'anthropic\/claude-sonnet-4-6'\?/,
  );
  await assert.rejects(
    client.audio.speech.create({ model: "eleven_turbo_v2", input: "Hello" }),
    /did you mean 'elevenlabs\/eleven_turbo_v2'\?/,
  );
  await assert.rejects(client.images.generate({ model: "mystery-model", prompt: "a farm" }), /model must be 'provider\/model'/);
  assert.equal(sent, 0);
});

test("the package has its own README (ESM-only, a quick start), a license and a repository", () => {
  const root = dirname(fileURLToPath(import.meta.resolve("ccapi-sdk")));
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  assert.equal(typeof manifest.license, "string");
  assert.ok(manifest.license.length > 0);
  assert.ok(manifest.repository?.url, "no repository");
  const readme = readFileSync(join(root, "README.md"), "utf8");
  assert.match(readme, /ESM-only/);
  assert.match(readme, /"type": "module"/);
  assert.match(readme, /```ts\n/);
  assert.doesNotMatch(readme, /^# ccapi — the Python SDK/m);
});

test("every TypeScript example of the package's README type-checks with tsc --strict, and its quick start runs", () => {
  const root = dirname(fileURLToPath(import.meta.resolve("ccapi-sdk")));
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const examples = [...readme.matchAll(/```ts\n(.*?)```/gs)].map((found) => found[1]);
  assert.ok(examples.length >= 2, `${examples.length} examples`);
  const checked = typeCheck(examples, { emit: true });
  assert.ok(checked.ok, `the package's README:\n${checked.output}`);
  const printed = execFileSync(process.execPath, [checked.compiled[0]], { encoding: "utf8", env: process.env });
  assert.match(printed, /served by/);
  assert.match(printed, /image models/);
});
