"""What each operation of the spec sends and how its answer is read, and the checks on its arguments.

Generated from openapi.yaml (spec 1.0.0) by tools/generate_resources.py. The checks are the spec's own
constraints (types, required fields, enums, bounds, lengths, patterns, `x-ccapi-requires-one-of`,
`dependentRequired`): a wrong argument raises TypeError or ValueError naming it, before anything is sent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, Generic, TypeVar
from urllib.parse import quote

from ..models import (
    AudioSpeechResponse,
    ChatCompletionChunk,
    ChatCompletionResponse,
    LegacyImageGenerationResponse,
    ModelListResponse,
    MultimodalImageGenerationResponse,
    ProviderDetailResponse,
    ProviderListResponse,
)

T = TypeVar("T")

ERROR_STATUSES: dict[str, int] = {
    "api_error": 500,
    "authentication_error": 401,
    "billing_error": 402,
    "invalid_request_error": 400,
    "rate_limit_error": 429,
}
"""The HTTP status each known error `type` stands for (`x-ccapi-statuses` of ErrorType)."""


@dataclass(frozen=True, slots=True)
class Job:
    """How a job-returning operation's job is followed (`x-ccapi-wrapper` of kind `job`)."""

    poll: Operation[Any]
    """The operation that looks at the job, by its id."""
    final_statuses: frozenset[str]
    failed_status: str


@dataclass(frozen=True, slots=True)
class Operation(Generic[T]):
    """One operation: its method and path, the decoder of its success body, and the wrapper its answer goes to."""

    operation_id: str
    method: str
    path: str
    decode: Callable[[Any], T]
    kind: str | None = None
    """`stream`, `job`, `page`, `media` (`x-ccapi-wrapper`), or None for a plain answer."""
    event: Callable[[Any], Any] | None = None
    """For a stream: the decoder of one event."""
    job: Job | None = None


CREATE_CHAT_COMPLETION: Operation[ChatCompletionResponse] = Operation(
    "createChatCompletion",
    "POST",
    "/chat/completions",
    ChatCompletionResponse.from_dict,
    kind="stream",
    event=ChatCompletionChunk.from_dict,
)
CREATE_SPEECH: Operation[AudioSpeechResponse] = Operation(
    "createSpeech",
    "POST",
    "/audio/speech",
    AudioSpeechResponse.from_dict,
    kind="media",
)
CREATE_IMAGE_LEGACY: Operation[LegacyImageGenerationResponse] = Operation(
    "createImageLegacy",
    "POST",
    "/images/generations",
    LegacyImageGenerationResponse.from_dict,
)
GET_IMAGE_JOB: Operation[MultimodalImageGenerationResponse] = Operation(
    "getImageJob",
    "GET",
    "/images/jobs/{id}",
    MultimodalImageGenerationResponse.from_dict,
)
LIST_MODELS: Operation[ModelListResponse] = Operation(
    "listModels",
    "GET",
    "/models",
    ModelListResponse.from_dict,
    kind="page",
)
LIST_PROVIDERS: Operation[ProviderListResponse] = Operation(
    "listProviders",
    "GET",
    "/providers",
    ProviderListResponse.from_dict,
    kind="page",
)
GET_PROVIDER: Operation[ProviderDetailResponse] = Operation(
    "getProvider",
    "GET",
    "/providers/{name}",
    ProviderDetailResponse.from_dict,
)
GENERATE_IMAGE: Operation[MultimodalImageGenerationResponse] = Operation(
    "generateImage",
    "POST",
    "/images/generate",
    MultimodalImageGenerationResponse.from_dict,
    kind="job",
    job=Job(GET_IMAGE_JOB, frozenset(["completed", "failed"]), "failed"),
)

Parts = tuple[str, dict[str, Any] | None, dict[str, Any] | None]
"""What a builder gives: the path (parameters filled in), the query, and the JSON body."""


# ---------------------------------------------------------------------------------------------- checks


def _quote(value: str) -> str:
    return quote(value, safe="")


def _plain(value: Any) -> Any:
    """The JSON form of a checked argument: an enum member by its value, a model by its dict."""
    if isinstance(value, Enum):
        return value.value
    to_dict = getattr(value, "to_dict", None)
    if to_dict is not None and not isinstance(value, type):
        return to_dict()
    return value


def _as_list(value: Any, where: str) -> list[Any]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise _wrong_type(where, value, "a list")
    return list(value)


def _as_dict(value: Any, where: str) -> dict[str, Any]:
    if isinstance(value, Mapping):
        return dict(value)
    to_dict = getattr(value, "to_dict", None)
    if to_dict is not None and not isinstance(value, type):
        data = to_dict()
        if isinstance(data, dict):
            return data
    raise _wrong_type(where, value, "a dict or a ccapi model")


def _at(where: str, key: object) -> str:
    return f"{where}[{key!r}]"


def _wrong_type(where: str, value: object, expected: str = "of another type") -> TypeError:
    return TypeError(f"{where} must be {expected}, not {value.__class__.__name__}")


def _not_one_of(where: str, allowed: tuple[Any, ...], value: object) -> ValueError:
    listed = ", ".join(repr(choice) for choice in allowed)
    return ValueError(f"{where} must be one of {listed}, not {value!r}")


def _out_of_bounds(where: str, value: object, bound: str) -> ValueError:
    if value == "" or value == []:
        return ValueError(f"{where} must not be empty")
    shown = f"{len(value)} items" if isinstance(value, list) else repr(value)
    return ValueError(f"{where} must be {bound}, not {shown}")


def _missing(where: str, key: str) -> ValueError:
    return ValueError(f"{where} needs {key!r}")


_PATTERN_1 = re.compile("^[^/\\s]+/\\S+$")
_VALUES_2 = ("system", "user", "assistant", "tool")
_VALUES_3 = ("function",)
_VALUES_4 = ("mp3", "wav", "ogg")
_VALUES_5 = ("url", "b64_json")
_PATTERN_6 = re.compile("^[0-9]+x[0-9]+$")
_PATTERN_7 = re.compile("^[0-9]+:[0-9]+$")
_VALUES_8 = ("standard", "hd")
_PATTERN_9 = re.compile("^https?://")
_VALUES_10 = ("id", "created", "provider")
_VALUES_11 = ("asc", "desc")


def _object_chat_message(value: Any, where: str) -> dict[str, Any]:
    data = _as_dict(value, where)
    if "role" not in data:
        raise _missing(where, "role")
    if "content" not in data:
        raise _missing(where, "content")
    item = data.get("role")
    if item is not None:
        if item not in _VALUES_2:
            raise _not_one_of(_at(where, "role"), _VALUES_2, item)
        data["role"] = item
    item = data.get("content")
    if item is not None:
        if item is not None:
            if not isinstance(item, str):
                raise _wrong_type(_at(where, "content"), item, "a string")
        data["content"] = item
    item = data.get("name")
    if item is not None:
        if not isinstance(item, str):
            raise _wrong_type(_at(where, "name"), item, "a string")
        data["name"] = item
    item = data.get("tool_calls")
    if item is not None:
        item = _as_list(item, _at(where, "tool_calls"))
        for index1, item1 in enumerate(item):
            item1 = _object_chat_tool_call(item1, _at(_at(where, "tool_calls"), index1))
            item[index1] = item1
        data["tool_calls"] = item
    item = data.get("tool_call_id")
    if item is not None:
        if not isinstance(item, str):
            raise _wrong_type(_at(where, "tool_call_id"), item, "a string")
        data["tool_call_id"] = item
    return data


def _object_chat_tool_call(value: Any, where: str) -> dict[str, Any]:
    data = _as_dict(value, where)
    if "id" not in data:
        raise _missing(where, "id")
    if "type" not in data:
        raise _missing(where, "type")
    if "function" not in data:
        raise _missing(where, "function")
    item = data.get("id")
    if item is not None:
        if not isinstance(item, str):
            raise _wrong_type(_at(where, "id"), item, "a string")
        data["id"] = item
    item = data.get("type")
    if item is not None:
        if not isinstance(item, str):
            raise _wrong_type(_at(where, "type"), item, "a string")
        data["type"] = item
    item = data.get("function")
    if item is not None:
        item = _object_chat_tool_call_function(item, _at(where, "function"))
        data["function"] = item
    return data


def _object_chat_tool_call_function(value: Any, where: str) -> dict[str, Any]:
    data = _as_dict(value, where)
    if "name" not in data:
        raise _missing(where, "name")
    if "arguments" not in data:
        raise _missing(where, "arguments")
    item = data.get("name")
    if item is not None:
        if not isinstance(item, str):
            raise _wrong_type(_at(where, "name"), item, "a string")
        data["name"] = item
    item = data.get("arguments")
    if item is not None:
        if not isinstance(item, str):
            raise _wrong_type(_at(where, "arguments"), item, "a string")
        data["arguments"] = item
    return data


def _object_chat_tool(value: Any, where: str) -> dict[str, Any]:
    data = _as_dict(value, where)
    if "type" not in data:
        raise _missing(where, "type")
    if "function" not in data:
        raise _missing(where, "function")
    item = data.get("type")
    if item is not None:
        if item not in _VALUES_3:
            raise _not_one_of(_at(where, "type"), _VALUES_3, item)
        data["type"] = item
    item = data.get("function")
    if item is not None:
        item = _object_chat_tool_function(item, _at(where, "function"))
        data["function"] = item
    return data


def _object_chat_tool_function(value: Any, where: str) -> dict[str, Any]:
    data = _as_dict(value, where)
    if "name" not in data:
        raise _missing(where, "name")
    item = data.get("name")
    if item is not None:
        if not isinstance(item, str):
            raise _wrong_type(_at(where, "name"), item, "a string")
        data["name"] = item
    item = data.get("description")
    if item is not None:
        if not isinstance(item, str):
            raise _wrong_type(_at(where, "description"), item, "a string")
        data["description"] = item
    item = data.get("parameters")
    if item is not None:
        item = _as_dict(item, _at(where, "parameters"))
        data["parameters"] = item
    return data


def _object_chat_stream_options(value: Any, where: str) -> dict[str, Any]:
    data = _as_dict(value, where)
    item = data.get("include_usage")
    if item is not None:
        if not isinstance(item, bool):
            raise _wrong_type(_at(where, "include_usage"), item, "true or false")
        data["include_usage"] = item
    return data


def _object_multimodal_input_content(value: Any, where: str) -> dict[str, Any]:
    data = _as_dict(value, where)
    if data.get("text") is None and data.get("image") is None and data.get("mask") is None:
        raise ValueError(f"{where} needs one of 'text', 'image', 'mask'")
    item = data.get("text")
    if item is not None:
        if not isinstance(item, str):
            raise _wrong_type(_at(where, "text"), item, "a string")
        data["text"] = item
    item = data.get("image")
    if item is not None:
        item = _object_multimodal_image_input(item, _at(where, "image"))
        data["image"] = item
    item = data.get("mask")
    if item is not None:
        item = _object_multimodal_image_input(item, _at(where, "mask"))
        data["mask"] = item
    return data


def _object_multimodal_image_input(value: Any, where: str) -> dict[str, Any]:
    data = _as_dict(value, where)
    item = data.get("url")
    if item is not None:
        if not isinstance(item, str):
            raise _wrong_type(_at(where, "url"), item, "a string")
        data["url"] = item
    item = data.get("data")
    if item is not None:
        if not isinstance(item, str):
            raise _wrong_type(_at(where, "data"), item, "a string")
        data["data"] = item
    item = data.get("mime_type")
    if item is not None:
        if not isinstance(item, str):
            raise _wrong_type(_at(where, "mime_type"), item, "a string")
        data["mime_type"] = item
    return data


def _object_multimodal_image_parameters(value: Any, where: str) -> dict[str, Any]:
    data = _as_dict(value, where)
    item = data.get("num_images")
    if item is not None:
        if not isinstance(item, int) or isinstance(item, bool):
            raise _wrong_type(_at(where, "num_images"), item, "an integer")
        if item < 1:
            raise _out_of_bounds(_at(where, "num_images"), item, "at least 1")
        data["num_images"] = item
    item = data.get("width")
    if item is not None:
        if not isinstance(item, int) or isinstance(item, bool):
            raise _wrong_type(_at(where, "width"), item, "an integer")
        if item < 1:
            raise _out_of_bounds(_at(where, "width"), item, "at least 1")
        data["width"] = item
    item = data.get("height")
    if item is not None:
        if not isinstance(item, int) or isinstance(item, bool):
            raise _wrong_type(_at(where, "height"), item, "an integer")
        if item < 1:
            raise _out_of_bounds(_at(where, "height"), item, "at least 1")
        data["height"] = item
    item = data.get("aspect_ratio")
    if item is not None:
        if not isinstance(item, str):
            raise _wrong_type(_at(where, "aspect_ratio"), item, "a string")
        if not _PATTERN_7.search(item):
            raise _out_of_bounds(_at(where, "aspect_ratio"), item, "matching ^[0-9]+:[0-9]+$")
        data["aspect_ratio"] = item
    item = data.get("quality")
    if item is not None:
        if item not in _VALUES_8:
            raise _not_one_of(_at(where, "quality"), _VALUES_8, item)
        data["quality"] = item
    item = data.get("seed")
    if item is not None:
        if not isinstance(item, int) or isinstance(item, bool):
            raise _wrong_type(_at(where, "seed"), item, "an integer")
        data["seed"] = item
    item = data.get("steps")
    if item is not None:
        if not isinstance(item, int) or isinstance(item, bool):
            raise _wrong_type(_at(where, "steps"), item, "an integer")
        if item < 1:
            raise _out_of_bounds(_at(where, "steps"), item, "at least 1")
        data["steps"] = item
    item = data.get("guidance_scale")
    if item is not None:
        if not isinstance(item, (int, float)) or isinstance(item, bool):
            raise _wrong_type(_at(where, "guidance_scale"), item, "a number")
        if item != item:
            raise _out_of_bounds(_at(where, "guidance_scale"), item, "a number")
        if item < 0:
            raise _out_of_bounds(_at(where, "guidance_scale"), item, "at least 0")
        data["guidance_scale"] = item
    item = data.get("negative_prompt")
    if item is not None:
        if not isinstance(item, str):
            raise _wrong_type(_at(where, "negative_prompt"), item, "a string")
        data["negative_prompt"] = item
    item = data.get("strength")
    if item is not None:
        if not isinstance(item, (int, float)) or isinstance(item, bool):
            raise _wrong_type(_at(where, "strength"), item, "a number")
        if item != item:
            raise _out_of_bounds(_at(where, "strength"), item, "a number")
        if item < 0:
            raise _out_of_bounds(_at(where, "strength"), item, "at least 0")
        if item > 1:
            raise _out_of_bounds(_at(where, "strength"), item, "at most 1")
        data["strength"] = item
    item = data.get("response_format")
    if item is not None:
        if item not in _VALUES_5:
            raise _not_one_of(_at(where, "response_format"), _VALUES_5, item)
        data["response_format"] = item
    return data


# ---------------------------------------------------------------------------------------------- builders


def create_chat_completion(
    *,
    model: Any = None,
    models: Any = None,
    messages: Any,
    stream: Any = None,
    temperature: Any = None,
    top_p: Any = None,
    max_tokens: Any = None,
    tools: Any = None,
    tool_choice: Any = None,
    metadata: Any = None,
    user: Any = None,
    stream_options: Any = None,
) -> Parts:
    """The path, query and body of createChatCompletion (POST /chat/completions), checked."""
    path = "/chat/completions"
    query: dict[str, Any] = {}
    body: dict[str, Any] = {}
    if model is not None:
        if not isinstance(model, str):
            raise _wrong_type("model", model, "a string")
        if not _PATTERN_1.search(model):
            raise _out_of_bounds("model", model, "matching ^[^/\\s]+/\\S+$")
        body["model"] = _plain(model)
    if models is not None:
        models = _as_list(models, "models")
        if len(models) < 1:
            raise _out_of_bounds("models", models, "at least one item")
        for index0, item0 in enumerate(models):
            if not isinstance(item0, str):
                raise _wrong_type(_at("models", index0), item0, "a string")
            if not _PATTERN_1.search(item0):
                raise _out_of_bounds(_at("models", index0), item0, "matching ^[^/\\s]+/\\S+$")
            models[index0] = item0
        body["models"] = _plain(models)
    messages = _as_list(messages, "messages")
    if len(messages) < 1:
        raise _out_of_bounds("messages", messages, "at least one item")
    for index0, item0 in enumerate(messages):
        item0 = _object_chat_message(item0, _at("messages", index0))
        messages[index0] = item0
    body["messages"] = _plain(messages)
    if stream is not None:
        if not isinstance(stream, bool):
            raise _wrong_type("stream", stream, "true or false")
        body["stream"] = _plain(stream)
    if temperature is not None:
        if not isinstance(temperature, (int, float)) or isinstance(temperature, bool):
            raise _wrong_type("temperature", temperature, "a number")
        if temperature != temperature:
            raise _out_of_bounds("temperature", temperature, "a number")
        if temperature < 0:
            raise _out_of_bounds("temperature", temperature, "at least 0")
        if temperature > 2:
            raise _out_of_bounds("temperature", temperature, "at most 2")
        body["temperature"] = _plain(temperature)
    if top_p is not None:
        if not isinstance(top_p, (int, float)) or isinstance(top_p, bool):
            raise _wrong_type("top_p", top_p, "a number")
        if top_p != top_p:
            raise _out_of_bounds("top_p", top_p, "a number")
        if top_p < 0:
            raise _out_of_bounds("top_p", top_p, "at least 0")
        if top_p > 1:
            raise _out_of_bounds("top_p", top_p, "at most 1")
        body["top_p"] = _plain(top_p)
    if max_tokens is not None:
        if not isinstance(max_tokens, int) or isinstance(max_tokens, bool):
            raise _wrong_type("max_tokens", max_tokens, "an integer")
        if max_tokens < 1:
            raise _out_of_bounds("max_tokens", max_tokens, "at least 1")
        body["max_tokens"] = _plain(max_tokens)
    if tools is not None:
        tools = _as_list(tools, "tools")
        for index0, item0 in enumerate(tools):
            item0 = _object_chat_tool(item0, _at("tools", index0))
            tools[index0] = item0
        body["tools"] = _plain(tools)
    if tool_choice is not None:
        if not isinstance(tool_choice, str):
            raise _wrong_type("tool_choice", tool_choice, "a string")
        body["tool_choice"] = _plain(tool_choice)
    if metadata is not None:
        metadata = _as_dict(metadata, "metadata")
        body["metadata"] = _plain(metadata)
    if user is not None:
        if not isinstance(user, str):
            raise _wrong_type("user", user, "a string")
        body["user"] = _plain(user)
    if stream_options is not None:
        stream_options = _object_chat_stream_options(stream_options, "stream_options")
        body["stream_options"] = _plain(stream_options)
    if model is None and models is None:
        raise ValueError("give model=... or models=... (at least one of them)")
    if stream_options is not None and stream is None:
        raise ValueError("stream_options is sent only with stream")
    return path, query or None, body


def create_speech(
    *,
    model: Any,
    input: Any,
    voice: Any = None,
    output_format: Any = None,
    response_format: Any = None,
) -> Parts:
    """The path, query and body of createSpeech (POST /audio/speech), checked."""
    path = "/audio/speech"
    query: dict[str, Any] = {}
    body: dict[str, Any] = {}
    if not isinstance(model, str):
        raise _wrong_type("model", model, "a string")
    if not _PATTERN_1.search(model):
        raise _out_of_bounds("model", model, "matching ^[^/\\s]+/\\S+$")
    body["model"] = _plain(model)
    if not isinstance(input, str):
        raise _wrong_type("input", input, "a string")
    if len(input) < 1:
        raise _out_of_bounds("input", input, "not empty")
    body["input"] = _plain(input)
    if voice is not None:
        if not isinstance(voice, str):
            raise _wrong_type("voice", voice, "a string")
        body["voice"] = _plain(voice)
    if output_format is not None:
        if output_format not in _VALUES_4:
            raise _not_one_of("output_format", _VALUES_4, output_format)
        body["output_format"] = _plain(output_format)
    if response_format is not None:
        if response_format not in _VALUES_5:
            raise _not_one_of("response_format", _VALUES_5, response_format)
        body["response_format"] = _plain(response_format)
    return path, query or None, body


def create_image_legacy(
    *,
    model: Any,
    prompt: Any,
    n: Any = None,
    size: Any = None,
    response_format: Any = None,
) -> Parts:
    """The path, query and body of createImageLegacy (POST /images/generations), checked."""
    path = "/images/generations"
    query: dict[str, Any] = {}
    body: dict[str, Any] = {}
    if not isinstance(model, str):
        raise _wrong_type("model", model, "a string")
    if not _PATTERN_1.search(model):
        raise _out_of_bounds("model", model, "matching ^[^/\\s]+/\\S+$")
    body["model"] = _plain(model)
    if not isinstance(prompt, str):
        raise _wrong_type("prompt", prompt, "a string")
    if len(prompt) < 1:
        raise _out_of_bounds("prompt", prompt, "not empty")
    body["prompt"] = _plain(prompt)
    if n is not None:
        if not isinstance(n, int) or isinstance(n, bool):
            raise _wrong_type("n", n, "an integer")
        if n < 1:
            raise _out_of_bounds("n", n, "at least 1")
        body["n"] = _plain(n)
    if size is not None:
        if not isinstance(size, str):
            raise _wrong_type("size", size, "a string")
        if not _PATTERN_6.search(size):
            raise _out_of_bounds("size", size, "matching ^[0-9]+x[0-9]+$")
        body["size"] = _plain(size)
    if response_format is not None:
        if response_format not in _VALUES_5:
            raise _not_one_of("response_format", _VALUES_5, response_format)
        body["response_format"] = _plain(response_format)
    return path, query or None, body


def generate_image(
    *,
    contents: Any,
    model: Any = None,
    parameters: Any = None,
    webhook_url: Any = None,
) -> Parts:
    """The path, query and body of generateImage (POST /images/generate), checked."""
    path = "/images/generate"
    query: dict[str, Any] = {}
    body: dict[str, Any] = {}
    contents = _as_list(contents, "contents")
    if len(contents) < 1:
        raise _out_of_bounds("contents", contents, "at least one item")
    for index0, item0 in enumerate(contents):
        item0 = _object_multimodal_input_content(item0, _at("contents", index0))
        contents[index0] = item0
    body["contents"] = _plain(contents)
    if model is not None:
        if not isinstance(model, str):
            raise _wrong_type("model", model, "a string")
        if not _PATTERN_1.search(model):
            raise _out_of_bounds("model", model, "matching ^[^/\\s]+/\\S+$")
        body["model"] = _plain(model)
    if parameters is not None:
        parameters = _object_multimodal_image_parameters(parameters, "parameters")
        body["parameters"] = _plain(parameters)
    if webhook_url is not None:
        if not isinstance(webhook_url, str):
            raise _wrong_type("webhook_url", webhook_url, "a string")
        if not _PATTERN_9.search(webhook_url):
            raise _out_of_bounds("webhook_url", webhook_url, "matching ^https?://")
        body["webhook_url"] = _plain(webhook_url)
    return path, query or None, body


def get_image_job(
    id: Any,
) -> Parts:
    """The path, query and body of getImageJob (GET /images/jobs/{id}), checked."""
    path = "/images/jobs/" + _quote(id)
    if not isinstance(id, str):
        raise _wrong_type("id", id, "a string")
    if len(id) < 1:
        raise _out_of_bounds("id", id, "not empty")
    query: dict[str, Any] = {}
    return path, query or None, None


def list_models(
    *,
    provider: Any = None,
    type: Any = None,
    sort: Any = None,
    order: Any = None,
    limit: Any = None,
    offset: Any = None,
) -> Parts:
    """The path, query and body of listModels (GET /models), checked."""
    path = "/models"
    query: dict[str, Any] = {}
    if provider is not None:
        if not isinstance(provider, str):
            raise _wrong_type("provider", provider, "a string")
        query["provider"] = _plain(provider)
    if type is not None:
        if not isinstance(type, str):
            raise _wrong_type("type", type, "a string")
        query["type"] = _plain(type)
    if sort is not None:
        if sort not in _VALUES_10:
            raise _not_one_of("sort", _VALUES_10, sort)
        query["sort"] = _plain(sort)
    if order is not None:
        if order not in _VALUES_11:
            raise _not_one_of("order", _VALUES_11, order)
        query["order"] = _plain(order)
    if limit is not None:
        if not isinstance(limit, int) or isinstance(limit, bool):
            raise _wrong_type("limit", limit, "an integer")
        if limit < 1:
            raise _out_of_bounds("limit", limit, "at least 1")
        if limit > 100:
            raise _out_of_bounds("limit", limit, "at most 100")
        query["limit"] = _plain(limit)
    if offset is not None:
        if not isinstance(offset, int) or isinstance(offset, bool):
            raise _wrong_type("offset", offset, "an integer")
        if offset < 0:
            raise _out_of_bounds("offset", offset, "at least 0")
        query["offset"] = _plain(offset)
    return path, query or None, None


def list_providers(
    *,
    limit: Any = None,
    offset: Any = None,
) -> Parts:
    """The path, query and body of listProviders (GET /providers), checked."""
    path = "/providers"
    query: dict[str, Any] = {}
    if limit is not None:
        if not isinstance(limit, int) or isinstance(limit, bool):
            raise _wrong_type("limit", limit, "an integer")
        if limit < 1:
            raise _out_of_bounds("limit", limit, "at least 1")
        if limit > 100:
            raise _out_of_bounds("limit", limit, "at most 100")
        query["limit"] = _plain(limit)
    if offset is not None:
        if not isinstance(offset, int) or isinstance(offset, bool):
            raise _wrong_type("offset", offset, "an integer")
        if offset < 0:
            raise _out_of_bounds("offset", offset, "at least 0")
        query["offset"] = _plain(offset)
    return path, query or None, None


def get_provider(
    name: Any,
) -> Parts:
    """The path, query and body of getProvider (GET /providers/{name}), checked."""
    path = "/providers/" + _quote(name)
    if not isinstance(name, str):
        raise _wrong_type("name", name, "a string")
    if len(name) < 1:
        raise _out_of_bounds("name", name, "not empty")
    query: dict[str, Any] = {}
    return path, query or None, None
