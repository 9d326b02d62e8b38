from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset
from ..types import fields_set as _fields_set
from ..types import show as _show
from ..types import to_json as _to_json
from ..types import wrong_type as _wrong_type

T = TypeVar("T", bound="ChatCompletionRequest")

# The fields the spec names; from_dict keeps any other key of the JSON object in additional_properties.
_FIELDS: frozenset[str] = frozenset(
    {
        "messages",
        "model",
        "models",
        "stream",
        "temperature",
        "top_p",
        "max_tokens",
        "tools",
        "tool_choice",
        "metadata",
        "user",
        "stream_options",
        "stop",
        "n",
        "seed",
        "presence_penalty",
        "frequency_penalty",
        "response_format",
        "logprobs",
        "top_logprobs",
        "parallel_tool_calls",
        "max_completion_tokens",
        "logit_bias",
    }
)


@_attrs_define(repr=False)
class ChatCompletionRequest:
    """A conversation to complete. Give `model`, or `models` for failover (tried in order); at least one of
    the two is required. Other OpenAI-style fields (`stop`, `response_format`, ...) may be sent too.

        Attributes:
            messages (list[ChatRequestMessage]): The conversation so far.
            model (str | Unset): The model to use, as `provider/model`.
            models (list[str] | Unset): Models to try in order until one serves the request.
            stream (bool | Unset): Send the answer as server-sent events while it is written. Default: False.
            temperature (float | Unset): Sampling temperature; higher is more varied.
            top_p (float | Unset): Nucleus sampling; consider only the tokens within this probability mass.
            max_tokens (int | Unset): The most tokens to generate.
            tools (list[ChatTool] | Unset): Tools the model may call.
            tool_choice (ChatToolChoice | str | Unset): `none`, `auto`, `required`, the name of a function the model must
                call, or its object form.
            metadata (RequestMetadata | Unset): Your own key/value data, kept with the request.
            user (str | Unset): An id for your end user, for abuse monitoring.
            stream_options (ChatStreamOptions | Unset): Options for a streamed completion.
            stop (list[str] | str | Unset): Up to 4 sequences where the model stops; the answer does not contain them.
            n (int | Unset): How many answers (choices) to generate. Default: 1.
            seed (int | Unset): Sample deterministically, where the provider can.
            presence_penalty (float | Unset): Penalise tokens that have appeared at all.
            frequency_penalty (float | Unset): Penalise tokens by how often they have appeared.
            response_format (ChatResponseFormat | Unset): The form of the answer: plain text, any JSON object
                (`json_object`), or JSON matching a schema.
            logprobs (bool | Unset): Return the log probabilities of the output tokens.
            top_logprobs (int | Unset): With `logprobs`, how many likely tokens to return at each position.
            parallel_tool_calls (bool | Unset): Whether the model may call several tools at once.
            max_completion_tokens (int | Unset): The most tokens to generate (OpenAI's newer name for `max_tokens`).
            logit_bias (ChatCompletionRequestLogitBias | Unset): Token ids and a bias (-100 to 100) to add to their
                likelihood.
    """

    messages: list[ChatRequestMessage]
    model: str | Unset = UNSET
    models: list[str] | Unset = UNSET
    stream: bool | Unset = False
    temperature: float | Unset = UNSET
    top_p: float | Unset = UNSET
    max_tokens: int | Unset = UNSET
    tools: list[ChatTool] | Unset = UNSET
    tool_choice: ChatToolChoice | str | Unset = UNSET
    metadata: RequestMetadata | Unset = UNSET
    user: str | Unset = UNSET
    stream_options: ChatStreamOptions | Unset = UNSET
    stop: list[str] | str | Unset = UNSET
    n: int | Unset = 1
    seed: int | Unset = UNSET
    presence_penalty: float | Unset = UNSET
    frequency_penalty: float | Unset = UNSET
    response_format: ChatResponseFormat | Unset = UNSET
    logprobs: bool | Unset = UNSET
    top_logprobs: int | Unset = UNSET
    parallel_tool_calls: bool | Unset = UNSET
    max_completion_tokens: int | Unset = UNSET
    logit_bias: ChatCompletionRequestLogitBias | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The `X-Request-Id` of the response this model came in, when it is a call's result (the openai package's name)."""

    def to_dict(self) -> dict[str, Any]:
        messages = []
        for messages_item_data in self.messages:
            messages_item = messages_item_data.to_dict()
            messages.append(messages_item)

        model = self.model

        models: list[str] | Unset = UNSET
        if not isinstance(self.models, Unset):
            models = self.models

        stream = self.stream

        temperature = self.temperature

        top_p = self.top_p

        max_tokens = self.max_tokens

        tools: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tools, Unset):
            tools = []
            for tools_item_data in self.tools:
                tools_item = tools_item_data.to_dict()
                tools.append(tools_item)

        tool_choice: dict[str, Any] | str | Unset
        if isinstance(self.tool_choice, Unset):
            tool_choice = UNSET
        elif isinstance(self.tool_choice, ChatToolChoice):
            tool_choice = self.tool_choice.to_dict()
        else:
            tool_choice = self.tool_choice

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        user = self.user

        stream_options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.stream_options, Unset):
            stream_options = self.stream_options.to_dict()

        stop: list[str] | str | Unset
        if isinstance(self.stop, Unset):
            stop = UNSET
        elif isinstance(self.stop, list):
            stop = self.stop

        else:
            stop = self.stop

        n = self.n

        seed = self.seed

        presence_penalty = self.presence_penalty

        frequency_penalty = self.frequency_penalty

        response_format: dict[str, Any] | Unset = UNSET
        if not isinstance(self.response_format, Unset):
            response_format = self.response_format.to_dict()

        logprobs = self.logprobs

        top_logprobs = self.top_logprobs

        parallel_tool_calls = self.parallel_tool_calls

        max_completion_tokens = self.max_completion_tokens

        logit_bias: dict[str, Any] | Unset = UNSET
        if not isinstance(self.logit_bias, Unset):
            logit_bias = self.logit_bias.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "messages": messages,
            }
        )
        if model is not UNSET:
            field_dict["model"] = model
        if models is not UNSET:
            field_dict["models"] = models
        if stream is not UNSET:
            field_dict["stream"] = stream
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if top_p is not UNSET:
            field_dict["top_p"] = top_p
        if max_tokens is not UNSET:
            field_dict["max_tokens"] = max_tokens
        if tools is not UNSET:
            field_dict["tools"] = tools
        if tool_choice is not UNSET:
            field_dict["tool_choice"] = tool_choice
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if user is not UNSET:
            field_dict["user"] = user
        if stream_options is not UNSET:
            field_dict["stream_options"] = stream_options
        if stop is not UNSET:
            field_dict["stop"] = stop
        if n is not UNSET:
            field_dict["n"] = n
        if seed is not UNSET:
            field_dict["seed"] = seed
        if presence_penalty is not UNSET:
            field_dict["presence_penalty"] = presence_penalty
        if frequency_penalty is not UNSET:
            field_dict["frequency_penalty"] = frequency_penalty
        if response_format is not UNSET:
            field_dict["response_format"] = response_format
        if logprobs is not UNSET:
            field_dict["logprobs"] = logprobs
        if top_logprobs is not UNSET:
            field_dict["top_logprobs"] = top_logprobs
        if parallel_tool_calls is not UNSET:
            field_dict["parallel_tool_calls"] = parallel_tool_calls
        if max_completion_tokens is not UNSET:
            field_dict["max_completion_tokens"] = max_completion_tokens
        if logit_bias is not UNSET:
            field_dict["logit_bias"] = logit_bias

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        # Read in place, not from a copy with each field popped: a stream decodes thousands of these a second.
        d = src_dict
        messages = []
        _messages = d["messages"]
        for messages_item_data in _messages:
            messages_item = ChatRequestMessage.from_dict(messages_item_data)

            messages.append(messages_item)

        model = d.get("model", UNSET)
        if model is not None and (not isinstance(model, str)):
            raise _wrong_type("ChatCompletionRequest.model", "str", model)

        models = cast(list[str], d.get("models", UNSET))

        stream = d.get("stream", UNSET)
        if stream is not None and (not isinstance(stream, bool)):
            raise _wrong_type("ChatCompletionRequest.stream", "bool", stream)

        temperature = d.get("temperature", UNSET)
        if (
            temperature is not None
            and type(temperature) is not float
            and (isinstance(temperature, bool) or not isinstance(temperature, (int, float)))
        ):
            raise _wrong_type("ChatCompletionRequest.temperature", "float", temperature)

        top_p = d.get("top_p", UNSET)
        if (
            top_p is not None
            and type(top_p) is not float
            and (isinstance(top_p, bool) or not isinstance(top_p, (int, float)))
        ):
            raise _wrong_type("ChatCompletionRequest.top_p", "float", top_p)

        max_tokens = d.get("max_tokens", UNSET)
        if (
            max_tokens is not None
            and type(max_tokens) is not int
            and (isinstance(max_tokens, bool) or not isinstance(max_tokens, int))
        ):
            raise _wrong_type("ChatCompletionRequest.max_tokens", "int", max_tokens)

        _tools = d.get("tools", UNSET)
        tools: list[ChatTool] | Unset = UNSET
        if _tools is not UNSET:
            tools = []
            for tools_item_data in _tools:
                tools_item = ChatTool.from_dict(tools_item_data)

                tools.append(tools_item)

        tool_choice = d.get("tool_choice", UNSET)
        if tool_choice is not None:

            def _parse_tool_choice(data: object) -> ChatToolChoice | str | Unset:
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    tool_choice_type_1 = ChatToolChoice.from_dict(data)

                    return tool_choice_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if isinstance(data, str):
                    return data
                raise TypeError(f"tool_choice cannot be {type(data).__name__}")

            tool_choice = _parse_tool_choice(tool_choice)

        _metadata = d.get("metadata", UNSET)
        metadata: RequestMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = RequestMetadata.from_dict(_metadata)

        user = d.get("user", UNSET)
        if user is not None and (not isinstance(user, str)):
            raise _wrong_type("ChatCompletionRequest.user", "str", user)

        _stream_options = d.get("stream_options", UNSET)
        stream_options: ChatStreamOptions | Unset
        if isinstance(_stream_options, Unset):
            stream_options = UNSET
        else:
            stream_options = ChatStreamOptions.from_dict(_stream_options)

        stop = d.get("stop", UNSET)
        if stop is not None:

            def _parse_stop(data: object) -> list[str] | str | Unset:
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, list):
                        raise TypeError()
                    stop_type_1 = cast(list[str], data)

                    return stop_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if isinstance(data, str):
                    return data
                raise TypeError(f"stop cannot be {type(data).__name__}")

            stop = _parse_stop(stop)

        n = d.get("n", UNSET)
        if n is not None and type(n) is not int and (isinstance(n, bool) or not isinstance(n, int)):
            raise _wrong_type("ChatCompletionRequest.n", "int", n)

        seed = d.get("seed", UNSET)
        if (
            seed is not None
            and type(seed) is not int
            and (isinstance(seed, bool) or not isinstance(seed, int))
        ):
            raise _wrong_type("ChatCompletionRequest.seed", "int", seed)

        presence_penalty = d.get("presence_penalty", UNSET)
        if (
            presence_penalty is not None
            and type(presence_penalty) is not float
            and (isinstance(presence_penalty, bool) or not isinstance(presence_penalty, (int, float)))
        ):
            raise _wrong_type("ChatCompletionRequest.presence_penalty", "float", presence_penalty)

        frequency_penalty = d.get("frequency_penalty", UNSET)
        if (
            frequency_penalty is not None
            and type(frequency_penalty) is not float
            and (isinstance(frequency_penalty, bool) or not isinstance(frequency_penalty, (int, float)))
        ):
            raise _wrong_type("ChatCompletionRequest.frequency_penalty", "float", frequency_penalty)

        _response_format = d.get("response_format", UNSET)
        response_format: ChatResponseFormat | Unset
        if isinstance(_response_format, Unset):
            response_format = UNSET
        else:
            response_format = ChatResponseFormat.from_dict(_response_format)

        logprobs = d.get("logprobs", UNSET)
        if logprobs is not None and (not isinstance(logprobs, bool)):
            raise _wrong_type("ChatCompletionRequest.logprobs", "bool", logprobs)

        top_logprobs = d.get("top_logprobs", UNSET)
        if (
            top_logprobs is not None
            and type(top_logprobs) is not int
            and (isinstance(top_logprobs, bool) or not isinstance(top_logprobs, int))
        ):
            raise _wrong_type("ChatCompletionRequest.top_logprobs", "int", top_logprobs)

        parallel_tool_calls = d.get("parallel_tool_calls", UNSET)
        if parallel_tool_calls is not None and (not isinstance(parallel_tool_calls, bool)):
            raise _wrong_type("ChatCompletionRequest.parallel_tool_calls", "bool", parallel_tool_calls)

        max_completion_tokens = d.get("max_completion_tokens", UNSET)
        if (
            max_completion_tokens is not None
            and type(max_completion_tokens) is not int
            and (isinstance(max_completion_tokens, bool) or not isinstance(max_completion_tokens, int))
        ):
            raise _wrong_type("ChatCompletionRequest.max_completion_tokens", "int", max_completion_tokens)

        _logit_bias = d.get("logit_bias", UNSET)
        logit_bias: ChatCompletionRequestLogitBias | Unset
        if isinstance(_logit_bias, Unset):
            logit_bias = UNSET
        else:
            logit_bias = ChatCompletionRequestLogitBias.from_dict(_logit_bias)

        if cls is ChatCompletionRequest:
            # Filled in place, without attrs' __init__ and its keyword arguments: a stream decodes thousands of
            # these a second. A subclass (a result with media) may add fields of its own: it goes through __init__.
            chat_completion_request = object.__new__(cls)
            chat_completion_request.messages = messages
            chat_completion_request.model = model
            chat_completion_request.models = models
            chat_completion_request.stream = stream
            chat_completion_request.temperature = temperature
            chat_completion_request.top_p = top_p
            chat_completion_request.max_tokens = max_tokens
            chat_completion_request.tools = tools
            chat_completion_request.tool_choice = tool_choice
            chat_completion_request.metadata = metadata
            chat_completion_request.user = user
            chat_completion_request.stream_options = stream_options
            chat_completion_request.stop = stop
            chat_completion_request.n = n
            chat_completion_request.seed = seed
            chat_completion_request.presence_penalty = presence_penalty
            chat_completion_request.frequency_penalty = frequency_penalty
            chat_completion_request.response_format = response_format
            chat_completion_request.logprobs = logprobs
            chat_completion_request.top_logprobs = top_logprobs
            chat_completion_request.parallel_tool_calls = parallel_tool_calls
            chat_completion_request.max_completion_tokens = max_completion_tokens
            chat_completion_request.logit_bias = logit_bias
            chat_completion_request._request_id = None
        else:
            chat_completion_request = cls(
                messages=messages,
                model=model,
                models=models,
                stream=stream,
                temperature=temperature,
                top_p=top_p,
                max_tokens=max_tokens,
                tools=tools,
                tool_choice=tool_choice,
                metadata=metadata,
                user=user,
                stream_options=stream_options,
                stop=stop,
                n=n,
                seed=seed,
                presence_penalty=presence_penalty,
                frequency_penalty=frequency_penalty,
                response_format=response_format,
                logprobs=logprobs,
                top_logprobs=top_logprobs,
                parallel_tool_calls=parallel_tool_calls,
                max_completion_tokens=max_completion_tokens,
                logit_bias=logit_bias,
            )

        extra = (
            {} if _FIELDS.issuperset(d) else {key: value for key, value in d.items() if key not in _FIELDS}
        )
        chat_completion_request.additional_properties = extra
        return chat_completion_request

    def to_json(self, *, indent: int | None = None) -> str:
        """The model as JSON, as the API sends it."""
        return _to_json(self.to_dict(), indent)

    def model_dump(self) -> dict[str, Any]:
        """As `to_dict()`, by the name the openai package's models give it."""
        return self.to_dict()

    def model_dump_json(self, *, indent: int | None = None) -> str:
        """As `to_json()`, by the name the openai package's models give it."""
        return _to_json(self.to_dict(), indent)

    @property
    def model_fields_set(self) -> set[str]:
        """The fields that have a value (the openai package's name)."""
        return _fields_set(
            self,
            (
                "messages",
                "model",
                "models",
                "stream",
                "temperature",
                "top_p",
                "max_tokens",
                "tools",
                "tool_choice",
                "metadata",
                "user",
                "stream_options",
                "stop",
                "n",
                "seed",
                "presence_penalty",
                "frequency_penalty",
                "response_format",
                "logprobs",
                "top_logprobs",
                "parallel_tool_calls",
                "max_completion_tokens",
                "logit_bias",
            ),
        )

    def __repr__(self) -> str:
        return _show(
            self,
            (
                "messages",
                "model",
                "models",
                "stream",
                "temperature",
                "top_p",
                "max_tokens",
                "tools",
                "tool_choice",
                "metadata",
                "user",
                "stream_options",
                "stop",
                "n",
                "seed",
                "presence_penalty",
                "frequency_penalty",
                "response_format",
                "logprobs",
                "top_logprobs",
                "parallel_tool_calls",
                "max_completion_tokens",
                "logit_bias",
            ),
        )

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


from ..models.chat_completion_request_logit_bias import ChatCompletionRequestLogitBias
from ..models.chat_request_message import ChatRequestMessage
from ..models.chat_response_format import ChatResponseFormat
from ..models.chat_stream_options import ChatStreamOptions
from ..models.chat_tool import ChatTool
from ..models.chat_tool_choice import ChatToolChoice
from ..models.request_metadata import RequestMetadata
