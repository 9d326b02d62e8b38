// The TypeScript client of CCAPI: the types openapi-typescript makes from openapi.yaml (./ccapi.js) and a typed
// client over openapi-fetch, with the key and base URL set as the Python SDK sets them. Built and packed by
// `nox -s typescript` (and `nox -s build`) as the npm package ccapi-sdk, versioned with the Python SDK.
import createClient, { type Client, type ClientOptions } from "openapi-fetch";
import type { components, paths } from "./ccapi.js";

export type { components, operations, paths } from "./ccapi.js";

/** The schemas of the spec: `Schemas["ChatCompletionRequest"]`. */
export type Schemas = components["schemas"];

/** The SDK's version, the same as the Python package's of this release. */
export const SDK_VERSION: string = "@SDK_VERSION@";
/** The `info.version` of the OpenAPI document these types were made from. */
export const SPEC_VERSION: string = "@SPEC_VERSION@";
export const DEFAULT_BASE_URL = "https://api.ccapi.ai/v1";

export interface CCAPIOptions extends Omit<ClientOptions, "baseUrl"> {
  /** The key; defaults to the CCAPI_API_KEY environment variable. */
  apiKey?: string;
  /** The base URL; defaults to CCAPI_BASE_URL, then the public gateway. */
  baseUrl?: string;
}

export type CCAPIClient = Client<paths>;

type Environment = Record<string, string | undefined>;

function environment(): Environment {
  const found = (globalThis as { process?: { env?: Environment } }).process?.env;
  return found ?? {};
}

/** A typed client: `await client.GET("/models", { params: { query: { type: "text" } } })`. */
export function createCCAPI(options: CCAPIOptions = {}): CCAPIClient {
  const { apiKey, baseUrl, headers, ...rest } = options;
  const env = environment();
  const key = apiKey ?? env.CCAPI_API_KEY;
  if (!key) {
    throw new Error("No CCAPI API key: pass apiKey or set the CCAPI_API_KEY environment variable");
  }
  return createClient<paths>({
    ...rest,
    baseUrl: (baseUrl ?? env.CCAPI_BASE_URL ?? DEFAULT_BASE_URL).replace(/\/+$/, ""),
    headers: { ...(headers as Record<string, string> | undefined), Authorization: `Bearer ${key}` },
  });
}
