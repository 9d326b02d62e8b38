// The catalogue's calls of hand-written helpers (`chat.completions.parse`, `.stream`, `.runTools`) through the
// TypeScript SDK's public API: the shapes and tools the catalogue describes in JSON become zod schemas and
// `zodFunction`s from `ccapi-sdk/helpers/zod`, and each result is read into the normalised text that the Python driver
// (helper_calls.py) writes too. What the texts mean is the catalogue's `reads`.
import { zodFunction, zodResponseFormat } from "ccapi-sdk/helpers/zod";
import { z } from "zod";

/** How long a `concurrent` tool waits for the others before failing: the runner did not run them at once. */
const CONCURRENT_MS = 5000;

/** The helpers' own parameters, as TypeScript names them (the API's fields keep their names). */
const OWN_PARAMS = { max_repairs: "maxRepairs", max_steps: "maxSteps" };

const STREAM_EVENTS = [
  "chunk",
  "content.delta",
  "content.done",
  "refusal.delta",
  "refusal.done",
  "tool_calls.function.arguments.delta",
  "tool_calls.function.arguments.done",
];

/** The zod schema of a shape: a scalar name, [shape] a list, {name: shape} an object with every property required. */
export function zodOf(shape) {
  if (typeof shape === "string") {
    const scalars = { string: z.string(), number: z.number(), integer: z.number().int(), boolean: z.boolean() };
    if (!(shape in scalars)) throw new Error(`the catalogue names an unknown shape type: ${shape}`);
    return scalars[shape];
  }
  if (Array.isArray(shape)) return z.array(zodOf(shape[0]));
  return z.object(Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, zodOf(value)])));
}

/** Resolves once `parties` calls have arrived; rejects after CONCURRENT_MS if they do not all come. */
function barrier(parties) {
  let arrived = 0;
  let open;
  const all = new Promise((resolve) => {
    open = resolve;
  });
  return () => {
    arrived += 1;
    if (arrived >= parties) open();
    return Promise.race([
      all,
      new Promise((_, reject) => {
        const timer = setTimeout(() => reject(new Error("the other concurrent tools never ran")), CONCURRENT_MS);
        all.then(() => clearTimeout(timer));
      }),
    ]);
  };
}

/** The error a tool raises: an Error named as the catalogue says (its name is what the model is told). */
function raised(spec) {
  const error = new Error(spec.message);
  error.name = spec.name;
  return error;
}

function toolOf(spec, shapes, together) {
  return zodFunction({
    name: spec.name,
    description: spec.description,
    parameters: zodOf(shapes[spec.parameters]),
    function: async () => {
      if (spec.concurrent && together) await together();
      if (spec.raises) throw raised(spec.raises);
      return String(spec.returns);
    },
  });
}

/** The helper's parameters: `response_format` a zod response format, `tools` runnable zod tools. */
export function helperParams(args, shapes) {
  const params = {};
  for (const [key, value] of Object.entries(args)) params[OWN_PARAMS[key] ?? key] = value;
  if (typeof params.response_format === "string") {
    const name = params.response_format;
    params.response_format = zodResponseFormat(zodOf(shapes[name]), name);
  }
  if (params.tools) {
    const concurrent = params.tools.filter((tool) => tool.concurrent).length;
    const together = concurrent > 1 ? barrier(concurrent) : undefined;
    params.tools = params.tools.map((tool) => toolOf(tool, shapes, together));
  }
  return params;
}

function kind(value) {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** A parsed value as the transcript shows it: its keys and their JSON types, sorted (or its own type). */
export function shapeOf(value) {
  if (kind(value) !== "object") return kind(value);
  return Object.keys(value)
    .sort()
    .map((key) => `${key}:${kind(value[key])}`)
    .join(",");
}

function sortedJSON(value) {
  if (Array.isArray(value)) return `[${value.map(sortedJSON).join(",")}]`;
  if (kind(value) === "object") {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${sortedJSON(value[key])}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

const text = (value) => (value === null || value === undefined ? "null" : String(value));

/** `|calls=NAME(SHAPE) ...`: each tool call and its parsed arguments' shape (nothing when it called none). */
function calls(message) {
  const shown = (message.tool_calls ?? []).map((call) => `${call.function.name}(${shapeOf(call.function.parsed_arguments)})`);
  return shown.length ? `|calls=${shown.join(" ")}` : "";
}

/** Make a helper call and read it as the catalogue's `read` says. */
export async function readHelper(sdk, op, args, how, shapes) {
  const params = helperParams(args, shapes);
  const completions = sdk.chat.completions;
  switch (how) {
    case "parsed": {
      const { finish_reason: finish, message } = (await completions.parse(params)).choices[0];
      return `${finish}|parsed=${shapeOf(message.parsed)}|refusal=${text(message.refusal)}${calls(message)}`;
    }
    case "stream_events": {
      const stream = completions.stream(params);
      const kinds = [];
      const last = {};
      for (const name of STREAM_EVENTS) {
        stream.on(name, (event) => {
          if (!kinds.includes(name)) kinds.push(name);
          last[name] = event;
        });
      }
      const message = (await stream.finalChatCompletion()).choices[0].message;
      const delta = last["content.delta"];
      const done = last["content.done"];
      return [
        kinds.join(","),
        `done=${done ? shapeOf(done.parsed) : "none"}`,
        `final=${shapeOf(message.parsed)}`,
        `snapshot=${delta ? (delta.snapshot === message.content ? "same" : "differs") : "none"}`,
        `partial=${delta ? (sortedJSON(delta.parsed) === sortedJSON(message.parsed) ? "same" : "differs") : "none"}`,
      ].join("|") + calls(message);
    }
    case "runner": {
      const runner = completions.runTools(params);
      const made = await runner.allChatCompletions();
      const records = new Map(runner.toolCalls.map((record) => [record.id, record]));
      const steps = made.map((completion, index) => {
        const calls = completion.choices[0]?.message.tool_calls ?? [];
        const ran = calls.map((call) => {
          const record = records.get(call.id);
          return `${call.function.name}:${record === undefined ? "missing" : record.error === undefined ? "ok" : "error"}`;
        });
        return `${index + 1} ${ran.length ? ran.join(" ") : "answer"}`;
      });
      return `${steps.join("; ")}|${text(made[made.length - 1]?.choices[0]?.message.content)}`;
    }
    default:
      throw new Error(`the catalogue names an unknown helper read: ${how} (for ${op})`);
  }
}

/** A wrong argument's message as the transcript shows it: up to its first ` (` (the advice differs by language). */
export function argumentError(error) {
  return error.message.split(" (")[0];
}
