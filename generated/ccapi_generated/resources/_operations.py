"""What each operation of the spec sends and how its answer is read, and the checks on its arguments.

Generated from openapi.yaml (spec 1.0.0) by tools/generate_resources.py. The checks are the spec's own
constraints (types, required fields, enums, bounds, lengths, patterns, `x-ccapi-requires-one-of`,
`dependentRequired`): a wrong argument raises TypeError or ValueError naming it, before anything is sent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any
from urllib.parse import quote

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from ccapi._checks import pattern_mismatch as _mismatch
from ccapi._media import AsyncMediaContent, MediaContent, adopt_media, media_body
from ccapi._operation import Cost, Fallback, Operation, Parts, Polling, publish

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

ERROR_STATUSES: dict[str, int] = {
    "api_error": 500,
    "authentication_error": 401,
    "billing_error": 402,
    "invalid_request_error": 400,
    "rate_limit_error": 429,
}
"""The HTTP status each known error `type` stands for (`x-ccapi-statuses` of ErrorType)."""


@_attrs_define(repr=False)
class AudioSpeechResponseWithMedia(AudioSpeechResponse, MediaContent):
    """AudioSpeechResponse, with the media's bytes: `.content`, `.write_to_file(path)` (as the openai package's)."""

    _pipeline: Any = _attrs_field(init=False, default=None, repr=False, eq=False)


@_attrs_define(repr=False)
class AsyncAudioSpeechResponseWithMedia(AudioSpeechResponse, AsyncMediaContent):
    """AudioSpeechResponse, with the media's bytes: `await .read()`, `await .write_to_file(path)`."""

    _pipeline: Any = _attrs_field(init=False, default=None, repr=False, eq=False)


CREATE_CHAT_COMPLETION: Operation[ChatCompletionResponse] = Operation(
    "createChatCompletion",
    "POST",
    "/chat/completions",
    ChatCompletionResponse.from_dict,
    kind="stream",
    event=ChatCompletionChunk.from_dict,
    cost=Cost(
        "tokens",
        ("model", "models"),
        prompt=("messages", "tools", "tool_choice", "response_format"),
        count="n",
        usage_option="stream_options.include_usage",
        max_output=("max_completion_tokens", "max_tokens"),
        image_tokens=3000,
        declared=frozenset(
            [
                "frequency_penalty",
                "logit_bias",
                "logprobs",
                "max_completion_tokens",
                "max_tokens",
                "messages",
                "metadata",
                "model",
                "models",
                "n",
                "parallel_tool_calls",
                "presence_penalty",
                "response_format",
                "seed",
                "stop",
                "stream",
                "stream_options",
                "temperature",
                "tool_choice",
                "tools",
                "top_logprobs",
                "top_p",
                "user",
            ]
        ),
    ),
    genai_operation="chat",
    fallback=Fallback("model", ("models",)),
)
CREATE_SPEECH: Operation[AudioSpeechResponse] = Operation(
    "createSpeech",
    "POST",
    "/audio/speech",
    AudioSpeechResponseWithMedia.from_dict,
    kind="media",
    async_decode=AsyncAudioSpeechResponseWithMedia.from_dict,
    read_body=media_body,
    adopt=adopt_media,
    cost=Cost("seconds", ("model",), text="input", speed="speed"),
    genai_operation="generate_content",
)
CREATE_IMAGE_LEGACY: Operation[LegacyImageGenerationResponse] = Operation(
    "createImageLegacy",
    "POST",
    "/images/generations",
    LegacyImageGenerationResponse.from_dict,
    cost=Cost("images", ("model",), count="n"),
    genai_operation="generate_content",
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
    job=Polling(GET_IMAGE_JOB, frozenset(["completed", "failed"]), "failed"),
    cost=Cost("images", ("model",), count="parameters.num_images"),
    genai_operation="generate_content",
)

publish(
    CREATE_CHAT_COMPLETION,
    CREATE_SPEECH,
    CREATE_IMAGE_LEGACY,
    GENERATE_IMAGE,
    GET_IMAGE_JOB,
    LIST_MODELS,
    LIST_PROVIDERS,
    GET_PROVIDER,
    error_statuses=ERROR_STATUSES,
)


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


def _is_object(value: Any) -> bool:
    return isinstance(value, Mapping) or (hasattr(value, "to_dict") and not isinstance(value, type))


def _json(value: Any, where: str) -> Any:
    """A value the spec leaves open (a union this generator cannot split), as JSON: models by their dict, enum
    members by their value; anything JSON cannot carry is a TypeError naming where it was."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"{where} must be a finite number, not {value}")
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Mapping) or _is_object(value):
        data = _as_dict(value, where)
        return {str(key): _json(item, _at(where, key)) for key, item in data.items()}
    if isinstance(value, (list, tuple)):
        return [_json(item, _at(where, index)) for index, item in enumerate(value)]
    raise _wrong_type(where, value, "a JSON value")


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
_VALUES_2 = ("system", "developer", "user", "assistant", "tool")
_VALUES_3 = ("text",)
_VALUES_4 = ("image_url",)
_VALUES_5 = ("auto", "low", "high")
_VALUES_6 = ("text", "image_url")
_VALUES_7 = ("function",)
_VALUES_8 = ("text", "json_object", "json_schema")
_VALUES_9 = ("mp3", "wav", "ogg")
_VALUES_10 = ("url", "b64_json")
_PATTERN_11 = re.compile("^[0-9]+x[0-9]+$")
_VALUES_12 = ("standard", "hd")
_VALUES_13 = ("vivid", "natural")
_PATTERN_14 = re.compile("^[0-9]+:[0-9]+$")
_PATTERN_15 = re.compile("^https?://")
_VALUES_16 = ("id", "created", "provider")
_VALUES_17 = ("asc", "desc")


def _object_chat_request_message(value: Any, where: str) -> dict[str, Any]:
    data = _as_dict(value, where)
    if "role" not in data:
        raise _missing(where, "role")
    if data["role"] is None:
        raise TypeError(_at(where, "role") + " must not be None (it is required)")
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
            if isinstance(item, str):
                if not isinstance(item, str):
                    raise _wrong_type(_at(where, "content"), item, "a string")
            elif isinstance(item, (list, tuple)):
                item = _as_list(item, _at(where, "content"))
                if len(item) < 1:
                    raise _out_of_bounds(_at(where, "content"), item, "at least one item")
                for index1, item1 in enumerate(item):
                    if _is_object(item1):
                        tag2 = _as_dict(item1, _at(_at(where, "content"), index1)).get("type")
                        if tag2 == "text":
                            item1 = _object_chat_text_part(item1, _at(_at(where, "content"), index1))
                        elif tag2 == "image_url":
                            item1 = _object_chat_image_part(item1, _at(_at(where, "content"), index1))
                        else:
                            raise _not_one_of(
                                _at(_at(_at(where, "content"), index1), "type"), _VALUES_6, tag2
                            )
                    else:
                        raise _wrong_type(
                            _at(_at(where, "content"), index1), item1, "a dict or a ccapi model"
                        )
                    item[index1] = item1
            else:
                raise _wrong_type(_at(where, "content"), item, "a string or a list")
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


def _object_chat_text_part(value: Any, where: str) -> dict[str, Any]:
    data = _as_dict(value, where)
    if "type" not in data:
        raise _missing(where, "type")
    if data["type"] is None:
        raise TypeError(_at(where, "type") + " must not be None (it is required)")
    if "text" not in data:
        raise _missing(where, "text")
    if data["text"] is None:
        raise TypeError(_at(where, "text") + " must not be None (it is required)")
    item = data.get("type")
    if item is not None:
        if item not in _VALUES_3:
            raise _not_one_of(_at(where, "type"), _VALUES_3, item)
        data["type"] = item
    item = data.get("text")
    if item is not None:
        if not isinstance(item, str):
            raise _wrong_type(_at(where, "text"), item, "a string")
        data["text"] = item
    return data


def _object_chat_image_part(value: Any, where: str) -> dict[str, Any]:
    data = _as_dict(value, where)
    if "type" not in data:
        raise _missing(where, "type")
    if data["type"] is None:
        raise TypeError(_at(where, "type") + " must not be None (it is required)")
    if "image_url" not in data:
        raise _missing(where, "image_url")
    if data["image_url"] is None:
        raise TypeError(_at(where, "image_url") + " must not be None (it is required)")
    item = data.get("type")
    if item is not None:
        if item not in _VALUES_4:
            raise _not_one_of(_at(where, "type"), _VALUES_4, item)
        data["type"] = item
    item = data.get("image_url")
    if item is not None:
        item = _object_chat_image_url(item, _at(where, "image_url"))
        data["image_url"] = item
    return data


def _object_chat_image_url(value: Any, where: str) -> dict[str, Any]:
    data = _as_dict(value, where)
    if "url" not in data:
        raise _missing(where, "url")
    if data["url"] is None:
        raise TypeError(_at(where, "url") + " must not be None (it is required)")
    item = data.get("url")
    if item is not None:
        if not isinstance(item, str):
            raise _wrong_type(_at(where, "url"), item, "a string")
        if len(item) < 1:
            raise _out_of_bounds(_at(where, "url"), item, "not empty")
        data["url"] = item
    item = data.get("detail")
    if item is not None:
        if item not in _VALUES_5:
            raise _not_one_of(_at(where, "detail"), _VALUES_5, item)
        data["detail"] = item
    return data


def _object_chat_tool_call(value: Any, where: str) -> dict[str, Any]:
    data = _as_dict(value, where)
    if "id" not in data:
        raise _missing(where, "id")
    if data["id"] is None:
        raise TypeError(_at(where, "id") + " must not be None (it is required)")
    if "type" not in data:
        raise _missing(where, "type")
    if data["type"] is None:
        raise TypeError(_at(where, "type") + " must not be None (it is required)")
    if "function" not in data:
        raise _missing(where, "function")
    if data["function"] is None:
        raise TypeError(_at(where, "function") + " must not be None (it is required)")
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
    if data["name"] is None:
        raise TypeError(_at(where, "name") + " must not be None (it is required)")
    if "arguments" not in data:
        raise _missing(where, "arguments")
    if data["arguments"] is None:
        raise TypeError(_at(where, "arguments") + " must not be None (it is required)")
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
    if data["type"] is None:
        raise TypeError(_at(where, "type") + " must not be None (it is required)")
    if "function" not in data:
        raise _missing(where, "function")
    if data["function"] is None:
        raise TypeError(_at(where, "function") + " must not be None (it is required)")
    item = data.get("type")
    if item is not None:
        if item not in _VALUES_7:
            raise _not_one_of(_at(where, "type"), _VALUES_7, item)
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
    if data["name"] is None:
        raise TypeError(_at(where, "name") + " must not be None (it is required)")
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
        item = _json(_as_dict(item, _at(where, "parameters")), _at(where, "parameters"))
        data["parameters"] = item
    return data


def _object_chat_tool_choice(value: Any, where: str) -> dict[str, Any]:
    data = _as_dict(value, where)
    if "type" not in data:
        raise _missing(where, "type")
    if data["type"] is None:
        raise TypeError(_at(where, "type") + " must not be None (it is required)")
    if "function" not in data:
        raise _missing(where, "function")
    if data["function"] is None:
        raise TypeError(_at(where, "function") + " must not be None (it is required)")
    item = data.get("type")
    if item is not None:
        if item not in _VALUES_7:
            raise _not_one_of(_at(where, "type"), _VALUES_7, item)
        data["type"] = item
    item = data.get("function")
    if item is not None:
        item = _object_chat_tool_choice_function(item, _at(where, "function"))
        data["function"] = item
    return data


def _object_chat_tool_choice_function(value: Any, where: str) -> dict[str, Any]:
    data = _as_dict(value, where)
    if "name" not in data:
        raise _missing(where, "name")
    if data["name"] is None:
        raise TypeError(_at(where, "name") + " must not be None (it is required)")
    item = data.get("name")
    if item is not None:
        if not isinstance(item, str):
            raise _wrong_type(_at(where, "name"), item, "a string")
        if len(item) < 1:
            raise _out_of_bounds(_at(where, "name"), item, "not empty")
        data["name"] = item
    return data


def _object_chat_stream_options(value: Any, where: str) -> dict[str, Any]:
    data = _as_dict(value, where)
    item = data.get("include_usage")
    if item is not None:
        if not isinstance(item, bool):
            raise _wrong_type(_at(where, "include_usage"), item, "true or false")
        data["include_usage"] = item
    return data


def _object_chat_response_format(value: Any, where: str) -> dict[str, Any]:
    data = _as_dict(value, where)
    if "type" not in data:
        raise _missing(where, "type")
    if data["type"] is None:
        raise TypeError(_at(where, "type") + " must not be None (it is required)")
    item = data.get("type")
    if item is not None:
        if item not in _VALUES_8:
            raise _not_one_of(_at(where, "type"), _VALUES_8, item)
        data["type"] = item
    item = data.get("json_schema")
    if item is not None:
        item = _json(_as_dict(item, _at(where, "json_schema")), _at(where, "json_schema"))
        data["json_schema"] = item
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
        if item < 0:
            raise _out_of_bounds(_at(where, "width"), item, "at least 0")
        data["width"] = item
    item = data.get("height")
    if item is not None:
        if not isinstance(item, int) or isinstance(item, bool):
            raise _wrong_type(_at(where, "height"), item, "an integer")
        if item < 0:
            raise _out_of_bounds(_at(where, "height"), item, "at least 0")
        data["height"] = item
    item = data.get("aspect_ratio")
    if item is not None:
        if not isinstance(item, str):
            raise _wrong_type(_at(where, "aspect_ratio"), item, "a string")
        if not _PATTERN_14.search(item):
            raise _mismatch(_at(where, "aspect_ratio"), item, "^[0-9]+:[0-9]+$")
        data["aspect_ratio"] = item
    item = data.get("quality")
    if item is not None:
        if item not in _VALUES_12:
            raise _not_one_of(_at(where, "quality"), _VALUES_12, item)
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
        if item < 0:
            raise _out_of_bounds(_at(where, "steps"), item, "at least 0")
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
        if item not in _VALUES_10:
            raise _not_one_of(_at(where, "response_format"), _VALUES_10, item)
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
    stop: Any = None,
    n: Any = None,
    seed: Any = None,
    presence_penalty: Any = None,
    frequency_penalty: Any = None,
    response_format: Any = None,
    logprobs: Any = None,
    top_logprobs: Any = None,
    parallel_tool_calls: Any = None,
    max_completion_tokens: Any = None,
    logit_bias: Any = None,
) -> Parts:
    """The path, query and body of createChatCompletion (POST /chat/completions), checked."""
    path = "/chat/completions"
    query: dict[str, Any] = {}
    body: dict[str, Any] = {}
    if model is not None:
        if not isinstance(model, str):
            raise _wrong_type("model", model, "a string")
        if not _PATTERN_1.search(model):
            raise _mismatch("model", model, "^[^/\\s]+/\\S+$")
        body["model"] = _plain(model)
    if models is not None:
        models = _as_list(models, "models")
        if len(models) < 1:
            raise _out_of_bounds("models", models, "at least one item")
        for index0, item0 in enumerate(models):
            if not isinstance(item0, str):
                raise _wrong_type(_at("models", index0), item0, "a string")
            if not _PATTERN_1.search(item0):
                raise _mismatch(_at("models", index0), item0, "^[^/\\s]+/\\S+$")
            models[index0] = item0
        body["models"] = _plain(models)
    messages = _as_list(messages, "messages")
    if len(messages) < 1:
        raise _out_of_bounds("messages", messages, "at least one item")
    for index0, item0 in enumerate(messages):
        item0 = _object_chat_request_message(item0, _at("messages", index0))
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
        if isinstance(tool_choice, str):
            if not isinstance(tool_choice, str):
                raise _wrong_type("tool_choice", tool_choice, "a string")
        elif _is_object(tool_choice):
            tool_choice = _object_chat_tool_choice(tool_choice, "tool_choice")
        else:
            raise _wrong_type("tool_choice", tool_choice, "a string or a dict or a ccapi model")
        body["tool_choice"] = _plain(tool_choice)
    if metadata is not None:
        metadata = _json(_as_dict(metadata, "metadata"), "metadata")
        body["metadata"] = _plain(metadata)
    if user is not None:
        if not isinstance(user, str):
            raise _wrong_type("user", user, "a string")
        body["user"] = _plain(user)
    if stream_options is not None:
        stream_options = _object_chat_stream_options(stream_options, "stream_options")
        body["stream_options"] = _plain(stream_options)
    if stop is not None:
        if isinstance(stop, str):
            if not isinstance(stop, str):
                raise _wrong_type("stop", stop, "a string")
        elif isinstance(stop, (list, tuple)):
            stop = _as_list(stop, "stop")
            if len(stop) < 1:
                raise _out_of_bounds("stop", stop, "at least one item")
            if len(stop) > 4:
                raise _out_of_bounds("stop", stop, "at most 4 items")
            for index0, item0 in enumerate(stop):
                if not isinstance(item0, str):
                    raise _wrong_type(_at("stop", index0), item0, "a string")
                stop[index0] = item0
        else:
            raise _wrong_type("stop", stop, "a string or a list")
        body["stop"] = _plain(stop)
    if n is not None:
        if not isinstance(n, int) or isinstance(n, bool):
            raise _wrong_type("n", n, "an integer")
        if n < 1:
            raise _out_of_bounds("n", n, "at least 1")
        if n > 128:
            raise _out_of_bounds("n", n, "at most 128")
        body["n"] = _plain(n)
    if seed is not None:
        if not isinstance(seed, int) or isinstance(seed, bool):
            raise _wrong_type("seed", seed, "an integer")
        body["seed"] = _plain(seed)
    if presence_penalty is not None:
        if not isinstance(presence_penalty, (int, float)) or isinstance(presence_penalty, bool):
            raise _wrong_type("presence_penalty", presence_penalty, "a number")
        if presence_penalty != presence_penalty:
            raise _out_of_bounds("presence_penalty", presence_penalty, "a number")
        if presence_penalty < -2:
            raise _out_of_bounds("presence_penalty", presence_penalty, "at least -2")
        if presence_penalty > 2:
            raise _out_of_bounds("presence_penalty", presence_penalty, "at most 2")
        body["presence_penalty"] = _plain(presence_penalty)
    if frequency_penalty is not None:
        if not isinstance(frequency_penalty, (int, float)) or isinstance(frequency_penalty, bool):
            raise _wrong_type("frequency_penalty", frequency_penalty, "a number")
        if frequency_penalty != frequency_penalty:
            raise _out_of_bounds("frequency_penalty", frequency_penalty, "a number")
        if frequency_penalty < -2:
            raise _out_of_bounds("frequency_penalty", frequency_penalty, "at least -2")
        if frequency_penalty > 2:
            raise _out_of_bounds("frequency_penalty", frequency_penalty, "at most 2")
        body["frequency_penalty"] = _plain(frequency_penalty)
    if response_format is not None:
        response_format = _object_chat_response_format(response_format, "response_format")
        body["response_format"] = _plain(response_format)
    if logprobs is not None:
        if not isinstance(logprobs, bool):
            raise _wrong_type("logprobs", logprobs, "true or false")
        body["logprobs"] = _plain(logprobs)
    if top_logprobs is not None:
        if not isinstance(top_logprobs, int) or isinstance(top_logprobs, bool):
            raise _wrong_type("top_logprobs", top_logprobs, "an integer")
        if top_logprobs < 0:
            raise _out_of_bounds("top_logprobs", top_logprobs, "at least 0")
        if top_logprobs > 20:
            raise _out_of_bounds("top_logprobs", top_logprobs, "at most 20")
        body["top_logprobs"] = _plain(top_logprobs)
    if parallel_tool_calls is not None:
        if not isinstance(parallel_tool_calls, bool):
            raise _wrong_type("parallel_tool_calls", parallel_tool_calls, "true or false")
        body["parallel_tool_calls"] = _plain(parallel_tool_calls)
    if max_completion_tokens is not None:
        if not isinstance(max_completion_tokens, int) or isinstance(max_completion_tokens, bool):
            raise _wrong_type("max_completion_tokens", max_completion_tokens, "an integer")
        if max_completion_tokens < 1:
            raise _out_of_bounds("max_completion_tokens", max_completion_tokens, "at least 1")
        body["max_completion_tokens"] = _plain(max_completion_tokens)
    if logit_bias is not None:
        logit_bias = _json(_as_dict(logit_bias, "logit_bias"), "logit_bias")
        body["logit_bias"] = _plain(logit_bias)
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
    speed: Any = None,
) -> Parts:
    """The path, query and body of createSpeech (POST /audio/speech), checked."""
    path = "/audio/speech"
    query: dict[str, Any] = {}
    body: dict[str, Any] = {}
    if not isinstance(model, str):
        raise _wrong_type("model", model, "a string")
    if not _PATTERN_1.search(model):
        raise _mismatch("model", model, "^[^/\\s]+/\\S+$")
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
        if output_format not in _VALUES_9:
            raise _not_one_of("output_format", _VALUES_9, output_format)
        body["output_format"] = _plain(output_format)
    if response_format is not None:
        if response_format not in _VALUES_10:
            raise _not_one_of("response_format", _VALUES_10, response_format)
        body["response_format"] = _plain(response_format)
    if speed is not None:
        if not isinstance(speed, (int, float)) or isinstance(speed, bool):
            raise _wrong_type("speed", speed, "a number")
        if speed != speed:
            raise _out_of_bounds("speed", speed, "a number")
        if speed < 0.25:
            raise _out_of_bounds("speed", speed, "at least 0.25")
        if speed > 4:
            raise _out_of_bounds("speed", speed, "at most 4")
        body["speed"] = _plain(speed)
    return path, query or None, body


def create_image_legacy(
    *,
    model: Any,
    prompt: Any,
    n: Any = None,
    size: Any = None,
    response_format: Any = None,
    quality: Any = None,
    style: Any = None,
    user: Any = None,
) -> Parts:
    """The path, query and body of createImageLegacy (POST /images/generations), checked."""
    path = "/images/generations"
    query: dict[str, Any] = {}
    body: dict[str, Any] = {}
    if not isinstance(model, str):
        raise _wrong_type("model", model, "a string")
    if not _PATTERN_1.search(model):
        raise _mismatch("model", model, "^[^/\\s]+/\\S+$")
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
        if not _PATTERN_11.search(size):
            raise _mismatch("size", size, "^[0-9]+x[0-9]+$")
        body["size"] = _plain(size)
    if response_format is not None:
        if response_format not in _VALUES_10:
            raise _not_one_of("response_format", _VALUES_10, response_format)
        body["response_format"] = _plain(response_format)
    if quality is not None:
        if quality not in _VALUES_12:
            raise _not_one_of("quality", _VALUES_12, quality)
        body["quality"] = _plain(quality)
    if style is not None:
        if style not in _VALUES_13:
            raise _not_one_of("style", _VALUES_13, style)
        body["style"] = _plain(style)
    if user is not None:
        if not isinstance(user, str):
            raise _wrong_type("user", user, "a string")
        body["user"] = _plain(user)
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
            raise _mismatch("model", model, "^[^/\\s]+/\\S+$")
        body["model"] = _plain(model)
    if parameters is not None:
        parameters = _object_multimodal_image_parameters(parameters, "parameters")
        body["parameters"] = _plain(parameters)
    if webhook_url is not None:
        if not isinstance(webhook_url, str):
            raise _wrong_type("webhook_url", webhook_url, "a string")
        if not _PATTERN_15.search(webhook_url):
            raise _mismatch("webhook_url", webhook_url, "^https?://")
        body["webhook_url"] = _plain(webhook_url)
    return path, query or None, body


def get_image_job(
    id: Any,
) -> Parts:
    """The path, query and body of getImageJob (GET /images/jobs/{id}), checked."""
    if not isinstance(id, str):
        raise _wrong_type("id", id, "a string")
    if len(id) < 1:
        raise _out_of_bounds("id", id, "not empty")
    path = "/images/jobs/" + _quote(id)
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
        if sort not in _VALUES_16:
            raise _not_one_of("sort", _VALUES_16, sort)
        query["sort"] = _plain(sort)
    if order is not None:
        if order not in _VALUES_17:
            raise _not_one_of("order", _VALUES_17, order)
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
    if not isinstance(name, str):
        raise _wrong_type("name", name, "a string")
    if len(name) < 1:
        raise _out_of_bounds("name", name, "not empty")
    path = "/providers/" + _quote(name)
    query: dict[str, Any] = {}
    return path, query or None, None
