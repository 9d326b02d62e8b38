// Which models can take tools, as the catalog says (`GET /models`, `ccapi.capabilities.function_calling`): read once
// per client, and only by calls that send tools (`runTools`, and `parse` or `stream` given tools), so that a tool call
// to a model without function calling is refused before it is sent, naming the model, as the Python SDK refuses it.
// A catalog that cannot be read lets the call through (the gateway will say), and is asked again next time.
import type { BaseClient, RequestOptions } from "../core.js";
import type { components } from "../generated/schema.js";

type ModelListResponse = components["schemas"]["ModelListResponse"];

/** The pages read at most: a catalog larger than this is read in part (the rest let through). */
const MAX_PAGES = 20;

const catalogs = new WeakMap<BaseClient, Promise<ReadonlyMap<string, boolean>>>();

async function readCatalog(client: BaseClient, options: RequestOptions): Promise<ReadonlyMap<string, boolean>> {
  const functionCalling = new Map<string, boolean>();
  let offset = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const body = await client.request<ModelListResponse>("GET", "/models", { query: { limit: 100, offset } }, options);
    for (const model of body.data) {
      const can = model.ccapi?.capabilities?.function_calling;
      if (typeof can === "boolean") functionCalling.set(model.id, can);
    }
    if (!body.has_more || body.data.length === 0 || body.offset < offset) break;
    offset = body.offset + body.data.length;
  }
  return functionCalling;
}

/** The models a request may send its tools to: its `model` and the gateway's `models`. */
function toolModels(body: { model?: unknown; models?: unknown; tools?: unknown }): string[] {
  if (!Array.isArray(body.tools) || body.tools.length === 0) return [];
  const named = [body.model, ...(Array.isArray(body.models) ? body.models : [])];
  return [...new Set(named.filter((model): model is string => typeof model === "string"))];
}

/** TypeError when a model the request may send tools to cannot call functions, as its catalog entry says. */
export async function refuseTools(
  client: BaseClient,
  body: { model?: unknown; models?: unknown; tools?: unknown },
  options: RequestOptions = {},
): Promise<void> {
  const models = toolModels(body);
  if (models.length === 0) return;
  let catalog = catalogs.get(client);
  if (catalog === undefined) {
    const { signal, timeout } = options;
    catalog = readCatalog(client, { ...(signal ? { signal } : {}), ...(timeout !== undefined ? { timeout } : {}) });
    catalogs.set(client, catalog);
  }
  let known: ReadonlyMap<string, boolean>;
  try {
    known = await catalog;
  } catch {
    catalogs.delete(client); // no catalog to read now: the gateway will say, and the next call asks again
    return;
  }
  for (const model of models) {
    if (known.get(model) === false) {
      throw new TypeError(
        `model '${model}' cannot take tools: its catalog entry says function_calling: false (choose a model with function calling)`,
      );
    }
  }
}
