from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset
from ..types import show as _show
from ..types import to_json as _to_json
from ..types import wrong_type as _wrong_type

T = TypeVar("T", bound="ChatCompletionRequest")


@_attrs_define(repr=False)
class ChatCompletionRequest:
    """A conversation to complete. Give `model`, or `models` for failover (tried in order); at least one of
    the two is required. Other OpenAI-style fields (`stop`, `response_format`, ...) may be sent too.

        Attributes:
            messages (list[ChatMessage]): The conversation so far.
            model (str | Unset): The model to use, as `provider/model`.
            models (list[str] | Unset): Models to try in order until one serves the request.
            stream (bool | Unset): Send the answer as server-sent events while it is written. Default: False.
            temperature (float | Unset): Sampling temperature; higher is more varied.
            top_p (float | Unset): Nucleus sampling; consider only the tokens within this probability mass.
            max_tokens (int | Unset): The most tokens to generate.
            tools (list[ChatTool] | Unset): Tools the model may call.
            tool_choice (str | Unset): `none`, `auto`, `required`, or the name of a function the model must call.
            metadata (RequestMetadata | Unset): Your own key/value data, kept with the request.
            user (str | Unset): An id for your end user, for abuse monitoring.
            stream_options (ChatStreamOptions | Unset): Options for a streamed completion.
    """

    messages: list[ChatMessage]
    model: str | Unset = UNSET
    models: list[str] | Unset = UNSET
    stream: bool | Unset = False
    temperature: float | Unset = UNSET
    top_p: float | Unset = UNSET
    max_tokens: int | Unset = UNSET
    tools: list[ChatTool] | Unset = UNSET
    tool_choice: str | Unset = UNSET
    metadata: RequestMetadata | Unset = UNSET
    user: str | Unset = UNSET
    stream_options: ChatStreamOptions | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

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

        tool_choice = self.tool_choice

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        user = self.user

        stream_options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.stream_options, Unset):
            stream_options = self.stream_options.to_dict()

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

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        messages = []
        _messages = d.pop("messages")
        for messages_item_data in _messages:
            messages_item = ChatMessage.from_dict(messages_item_data)

            messages.append(messages_item)

        model = d.pop("model", UNSET)
        if model is not None and (not isinstance(model, str)):
            raise _wrong_type("ChatCompletionRequest.model", "str", model)

        models = cast(list[str], d.pop("models", UNSET))

        stream = d.pop("stream", UNSET)
        if stream is not None and (not isinstance(stream, bool)):
            raise _wrong_type("ChatCompletionRequest.stream", "bool", stream)

        temperature = d.pop("temperature", UNSET)
        if temperature is not None and (
            isinstance(temperature, bool) or not isinstance(temperature, (int, float))
        ):
            raise _wrong_type("ChatCompletionRequest.temperature", "float", temperature)

        top_p = d.pop("top_p", UNSET)
        if top_p is not None and (isinstance(top_p, bool) or not isinstance(top_p, (int, float))):
            raise _wrong_type("ChatCompletionRequest.top_p", "float", top_p)

        max_tokens = d.pop("max_tokens", UNSET)
        if max_tokens is not None and (isinstance(max_tokens, bool) or not isinstance(max_tokens, int)):
            raise _wrong_type("ChatCompletionRequest.max_tokens", "int", max_tokens)

        _tools = d.pop("tools", UNSET)
        tools: list[ChatTool] | Unset = UNSET
        if _tools is not UNSET:
            tools = []
            for tools_item_data in _tools:
                tools_item = ChatTool.from_dict(tools_item_data)

                tools.append(tools_item)

        tool_choice = d.pop("tool_choice", UNSET)
        if tool_choice is not None and (not isinstance(tool_choice, str)):
            raise _wrong_type("ChatCompletionRequest.tool_choice", "str", tool_choice)

        _metadata = d.pop("metadata", UNSET)
        metadata: RequestMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = RequestMetadata.from_dict(_metadata)

        user = d.pop("user", UNSET)
        if user is not None and (not isinstance(user, str)):
            raise _wrong_type("ChatCompletionRequest.user", "str", user)

        _stream_options = d.pop("stream_options", UNSET)
        stream_options: ChatStreamOptions | Unset
        if isinstance(_stream_options, Unset):
            stream_options = UNSET
        else:
            stream_options = ChatStreamOptions.from_dict(_stream_options)

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
        )

        chat_completion_request.additional_properties = d
        return chat_completion_request

    def to_json(self, *, indent: int | None = None) -> str:
        """The model as JSON, as the API sends it."""
        return _to_json(self.to_dict(), indent)

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


from ..models.chat_message import ChatMessage
from ..models.chat_stream_options import ChatStreamOptions
from ..models.chat_tool import ChatTool
from ..models.request_metadata import RequestMetadata
