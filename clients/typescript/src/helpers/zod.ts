// `ccapi-sdk/helpers/zod`: response formats and tools from zod 4 schemas, for `chat.completions.parse`, `.stream`
// and `.runTools`. The only module of the package that imports zod (an optional peer dependency): the core stays
// free of dependencies. The JSON schema is made strict as openai makes it: every property required,
// `additionalProperties: false`, shared and recursive parts under `$defs`.
import { z } from "zod";
import {
  CHECK,
  RUN,
  type ParseableResponseFormat,
  type ParseableTool,
  type Validation,
} from "../lib/structured.js";

/** Any zod 4 schema. */
export type ZodSchema = z.ZodType;

/** The strict JSON schema of a zod schema, as `json_schema` formats and strict tools take it. */
export function strictJSONSchema(schema: ZodSchema): Record<string, unknown> {
  const made = z.toJSONSchema(schema, { target: "draft-2020-12", unrepresentable: "throw", io: "output" }) as Record<string, unknown>;
  delete made.$schema;
  return strict(made) as Record<string, unknown>;
}

/** Every object closed and all of its properties required, all the way down. */
function strict(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strict);
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    // Under `properties` and `$defs` the keys are names, not keywords: each value is a schema.
    out[key] = key === "properties" || key === "$defs" ? mapValues(value, strict) : strict(value);
  }
  if (out.type === "object" || out.properties !== undefined) {
    const properties = (out.properties ?? {}) as Record<string, unknown>;
    out.properties = properties;
    out.required = Object.keys(properties);
    out.additionalProperties = false;
  }
  return out;
}

function mapValues(value: unknown, fn: (value: unknown) => unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fn(item)]));
}

/** A value checked by `schema`: the typed value, or one line per issue (`path: message`). */
function checker<S extends ZodSchema>(schema: S): (value: unknown) => Validation<z.output<S>> {
  return (value) => {
    const result = schema.safeParse(value);
    if (result.success) return { success: true, data: result.data };
    const issues = result.error.issues.map((issue) => {
      const path = issue.path.map(String).join(".");
      return path ? `${path}: ${issue.message}` : issue.message;
    });
    return { success: false, errors: issues };
  };
}

/**
 * A `json_schema` response format from a zod schema: passed to `client.chat.completions.parse`, its answers come
 * back as `message.parsed`, typed `z.output<typeof schema>` and checked by the schema.
 */
export function zodResponseFormat<S extends ZodSchema>(
  schema: S,
  name: string,
  props?: { description?: string },
): ParseableResponseFormat<z.output<S>> {
  if (typeof name !== "string" || !/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
    throw new TypeError(`name must be 1 to 64 letters, digits, _ or - (got ${JSON.stringify(name)})`);
  }
  const format = {
    type: "json_schema" as const,
    json_schema: {
      name,
      strict: true,
      schema: strictJSONSchema(schema),
      ...(props?.description ? { description: props.description } : {}),
    },
  };
  return Object.assign(format, { [CHECK]: checker(schema) });
}

/**
 * A function tool from a zod schema of its arguments: calls of it carry `parsed_arguments` checked by the schema,
 * and `runTools` runs `function` with them.
 */
export function zodFunction<S extends ZodSchema, R = unknown>(options: {
  name: string;
  parameters: S;
  function?: ((args: z.output<S>) => R | Promise<R>) | undefined;
  description?: string | undefined;
}): ParseableTool<z.output<S>> {
  const { name, parameters, description } = options;
  if (typeof name !== "string" || !/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
    throw new TypeError(`name must be 1 to 64 letters, digits, _ or - (got ${JSON.stringify(name)})`);
  }
  if (options.function !== undefined && typeof options.function !== "function") {
    throw new TypeError(`function must be a function (got ${typeof options.function})`);
  }
  const tool = {
    type: "function" as const,
    function: {
      name,
      parameters: strictJSONSchema(parameters),
      strict: true,
      ...(description ? { description } : {}),
    },
  };
  return Object.assign(tool, { [CHECK]: checker(parameters), [RUN]: options.function });
}
