// The resources of the CCAPI client, generated from openapi.yaml (spec 1.0.0) by
// tools/generate_typescript.py from the spec's x-ccapi-* extensions. Build output: do not edit by hand.
import type { components, operations } from "./schema.js";
import { APIResource, BaseClient } from "../core.js";
import type { APIPromise, ClientOptions, Operation, RequestOptions } from "../core.js";
import type { ImageJob, ResumeOptions } from "../jobs.js";
import type { MediaResult } from "../media.js";
import type { PagePromise } from "../pagination.js";
import type { Stream } from "../streaming.js";
import { ChatCompletionsHelpers } from "../lib/chat-helpers.js";

/** The schemas of the spec: `Schemas["ChatCompletionRequest"]`. */
export type Schemas = components["schemas"];

/** The `info.version` of the OpenAPI document this client was generated from. */
export const SPEC_VERSION = "1.0.0";

/** The HTTP status each known error `type` stands for (`x-ccapi-statuses` of ErrorType). */
export const ERROR_STATUSES: Readonly<Record<string, number>> = {"api_error": 500, "authentication_error": 401, "billing_error": 402, "invalid_request_error": 400, "rate_limit_error": 429};

/** What each operation sends and how its answer is read, for the runtime. */
export const OPERATIONS = {
  createChatCompletion: {"id": "createChatCompletion", "resource": "chat.completions", "name": "create", "method": "POST", "path": "/chat/completions", "pathParams": [], "query": [], "body": true, "required": ["messages"], "requiresOneOf": ["model", "models"], "modelIds": ["model", "models"], "kind": "stream", "flag": "stream"},
  createSpeech: {"id": "createSpeech", "resource": "audio.speech", "name": "create", "method": "POST", "path": "/audio/speech", "pathParams": [], "query": [], "body": true, "required": ["model", "input"], "requiresOneOf": [], "modelIds": ["model"], "kind": "media"},
  createImageLegacy: {"id": "createImageLegacy", "resource": "images", "name": "generate", "method": "POST", "path": "/images/generations", "pathParams": [], "query": [], "body": true, "required": ["model", "prompt"], "requiresOneOf": [], "modelIds": ["model"]},
  generateImage: {"id": "generateImage", "resource": "images", "name": "generateMultimodal", "method": "POST", "path": "/images/generate", "pathParams": [], "query": [], "body": true, "required": ["contents"], "requiresOneOf": [], "modelIds": ["model"], "kind": "job", "job": {"poll": "getImageJob", "finalStatuses": ["completed", "failed"], "failedStatus": "failed", "pollPath": "/images/jobs/{id}"}},
  getImageJob: {"id": "getImageJob", "resource": "images.jobs", "name": "retrieve", "method": "GET", "path": "/images/jobs/{id}", "pathParams": ["id"], "query": [], "body": false, "required": [], "requiresOneOf": []},
  listModels: {"id": "listModels", "resource": "models", "name": "list", "method": "GET", "path": "/models", "pathParams": [], "query": ["provider", "type", "sort", "order", "limit", "offset"], "body": false, "required": [], "requiresOneOf": [], "kind": "page"},
  listProviders: {"id": "listProviders", "resource": "providers", "name": "list", "method": "GET", "path": "/providers", "pathParams": [], "query": ["limit", "offset"], "body": false, "required": [], "requiresOneOf": [], "kind": "page"},
  getProvider: {"id": "getProvider", "resource": "providers", "name": "retrieve", "method": "GET", "path": "/providers/{name}", "pathParams": ["name"], "query": [], "body": false, "required": [], "requiresOneOf": []},
} as const satisfies Record<string, Operation>;

/**
 * `T` without its index signature: the fields the spec declares. A request schema that allows additional properties
 * would otherwise accept any misspelled field (`temprature`); fields the spec does not declare yet go in the call's
 * options instead (`{ body: { ... } }`), as `extra_body` does in Python.
 */
export type DeclaredFields<T> = { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };

/** The parameters of `chat.completions.create` (the body's fields). */
export type ChatCompletionsCreateParams = DeclaredFields<Schemas["ChatCompletionRequest"]>;

/** The parameters of `audio.speech.create` (the body's fields). */
export type AudioSpeechCreateParams = DeclaredFields<Schemas["AudioSpeechRequest"]>;

/** The parameters of `images.generate` (the body's fields). */
export type ImagesGenerateParams = DeclaredFields<Schemas["LegacyImageGenerationRequest"]>;

/** The parameters of `images.generateMultimodal` (the body's fields). */
export type ImagesGenerateMultimodalParams = DeclaredFields<Schemas["MultimodalImageGenerationRequest"]>;

/** The parameters of `models.list` (the query's). */
export type ModelsListParams = NonNullable<operations["listModels"]["parameters"]["query"]>;

/** The parameters of `providers.list` (the query's). */
export type ProvidersListParams = NonNullable<operations["listProviders"]["parameters"]["query"]>;

/** `client.providers` */
export class Providers extends APIResource {
  /**
   * List providers
   *
   * One page of the providers behind the gateway, sorted by name.
   */
  list(params?: ProvidersListParams, options?: RequestOptions): PagePromise<Schemas["ProviderListResponse"], Schemas["ProviderSummary"]> {
    return this._client.page(OPERATIONS.listProviders, [], params, options);
  }

  /**
   * Get provider details
   *
   * One provider and all of its models.
   */
  retrieve(name: string, options?: RequestOptions): APIPromise<Schemas["ProviderDetailResponse"]> {
    return this._client.call(OPERATIONS.getProvider, [name], undefined, options);
  }
}

/** `client.models` */
export class Models extends APIResource {
  /**
   * List available models
   *
   * One page of the model catalog, filtered and sorted as asked. Page with `limit` and `offset`.
   */
  list(params?: ModelsListParams, options?: RequestOptions): PagePromise<Schemas["ModelListResponse"], Schemas["ModelSummary"]> {
    return this._client.page(OPERATIONS.listModels, [], params, options);
  }
}

/** `client.images.jobs` */
export class ImagesJobs extends APIResource {
  /**
   * Get job status
   *
   * The latest status of an image job, or its final payload once `status` is `completed` or `failed`.
   */
  retrieve(id: string, options?: RequestOptions): APIPromise<Schemas["MultimodalImageGenerationResponse"]> {
    return this._client.call(OPERATIONS.getImageJob, [id], undefined, options);
  }

  /** The job that `images.generateMultimodal` started, from its id alone: `wait()` on it as on a new one. */
  resume(id: string, options?: ResumeOptions): ImageJob<Schemas["MultimodalImageGenerationResponse"]> {
    return this._client.resumeJob(OPERATIONS.generateImage, id, options);
  }
}

/** `client.images` */
export class Images extends APIResource {
  readonly jobs: ImagesJobs;

  constructor(client: BaseClient) {
    super(client);
    this.jobs = new ImagesJobs(client);
  }

  /**
   * Generate images (OpenAI-compatible)
   *
   * Generates `n` images from a text prompt, in the request/response shape of OpenAI's images API.
   */
  generate(params: ImagesGenerateParams, options?: RequestOptions): APIPromise<Schemas["LegacyImageGenerationResponse"]> {
    return this._client.call(OPERATIONS.createImageLegacy, [], params, options);
  }

  /**
   * Generate images (multimodal contents API)
   *
   * Generates images from a list of `contents`: text prompts, input images and masks. A text item alone is
   * text-to-image; an item with `image` makes image-to-image; with `mask`, inpainting; several images, a
   * remix. Synchronous providers answer 200 with the images inline. Asynchronous providers answer 202 with
   * `status: pending` and a `poll_url` (absolute, or relative to the base URL) to poll with
   * `GET /images/jobs/{id}`; when `webhook_url` is set, the final payload is also POSTed there.
   */
  generateMultimodal(params: ImagesGenerateMultimodalParams, options?: RequestOptions): APIPromise<ImageJob<Schemas["MultimodalImageGenerationResponse"]>> {
    return this._client.startJob(OPERATIONS.generateImage, [], params, options);
  }
}

/** `client.audio.speech` */
export class AudioSpeech extends APIResource {
  /**
   * Convert text to speech
   *
   * Speaks `input` with the chosen voice. The audio (MP3, WAV or OGG) is returned as a URL to download or
   * inline as base64, as `response_format` asks. OpenAI-style servers may instead answer with the audio
   * itself as an `audio/*` body; clients should accept both.
   */
  create(params: AudioSpeechCreateParams, options?: RequestOptions): APIPromise<MediaResult<Schemas["AudioSpeechResponse"]>> {
    return this._client.media(OPERATIONS.createSpeech, [], params, options);
  }
}

/** `client.audio` */
export class Audio extends APIResource {
  readonly speech: AudioSpeech;

  constructor(client: BaseClient) {
    super(client);
    this.speech = new AudioSpeech(client);
  }
}

/** `client.chat.completions` */
export class ChatCompletions extends ChatCompletionsHelpers {
  /**
   * Create chat completion
   *
   * Generates the next assistant message for a conversation. With `models` instead of `model` the gateway
   * tries each model in order until one serves the request (failover); the response's `model` and
   * `provider` say which one did. With `stream: true` the response is a `text/event-stream` of
   * `ChatCompletionChunk` events (`data: <json>`), ending with `data: [DONE]`; an event of the form
   * `{"error": ErrorObject}` reports a failure after the stream began.
   */
  create(params: ChatCompletionsCreateParams & { stream: true }, options?: RequestOptions): APIPromise<Stream<Schemas["ChatCompletionChunk"]>>;
  create(params: ChatCompletionsCreateParams & { stream?: false | null }, options?: RequestOptions): APIPromise<Schemas["ChatCompletionResponse"]>;
  create(params: ChatCompletionsCreateParams, options?: RequestOptions): APIPromise<Schemas["ChatCompletionResponse"] | Stream<Schemas["ChatCompletionChunk"]>>;
  create(params: ChatCompletionsCreateParams, options?: RequestOptions): APIPromise<Schemas["ChatCompletionResponse"] | Stream<Schemas["ChatCompletionChunk"]>> {
    return this._client.call(OPERATIONS.createChatCompletion, [], params, options);
  }
}

/** `client.chat` */
export class Chat extends APIResource {
  readonly completions: ChatCompletions;

  constructor(client: BaseClient) {
    super(client);
    this.completions = new ChatCompletions(client);
  }
}

/**
 * The CCAPI client: `new CCAPI({ apiKey, baseURL })` (by default from CCAPI_API_KEY and CCAPI_BASE_URL), with the
 * spec's resources as properties.
 */
export class CCAPI extends BaseClient {
  readonly chat: Chat;
  readonly audio: Audio;
  readonly images: Images;
  readonly models: Models;
  readonly providers: Providers;

  constructor(options: ClientOptions = {}) {
    super(options, ERROR_STATUSES);
    this.chat = new Chat(this);
    this.audio = new Audio(this);
    this.images = new Images(this);
    this.models = new Models(this);
    this.providers = new Providers(this);
  }

  /** A copy of this client with some options replaced (key, base URL, timeout, retries, headers, fetch). */
  withOptions(options: ClientOptions): CCAPI {
    return new CCAPI(this.copyOptions(options));
  }
}
