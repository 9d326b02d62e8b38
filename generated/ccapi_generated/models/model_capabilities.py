from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset
from ..types import fields_set as _fields_set
from ..types import show as _show
from ..types import to_json as _to_json
from ..types import wrong_type as _wrong_type

T = TypeVar("T", bound="ModelCapabilities")

# The fields the spec names; from_dict keeps any other key of the JSON object in additional_properties.
_FIELDS: frozenset[str] = frozenset(
    {
        "context_length",
        "max_output_tokens",
        "streaming",
        "function_calling",
        "system_messages",
    }
)


@_attrs_define(repr=False)
class ModelCapabilities:
    """
    Attributes:
        context_length (int | None | Unset):
        max_output_tokens (int | None | Unset):
        streaming (bool | Unset):
        function_calling (bool | Unset):
        system_messages (bool | Unset):
    """

    context_length: int | None | Unset = UNSET
    max_output_tokens: int | None | Unset = UNSET
    streaming: bool | Unset = UNSET
    function_calling: bool | Unset = UNSET
    system_messages: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The `X-Request-Id` of the response this model came in, when it is a call's result (the openai package's name)."""

    def to_dict(self) -> dict[str, Any]:
        context_length: int | None | Unset
        if isinstance(self.context_length, Unset):
            context_length = UNSET
        else:
            context_length = self.context_length

        max_output_tokens: int | None | Unset
        if isinstance(self.max_output_tokens, Unset):
            max_output_tokens = UNSET
        else:
            max_output_tokens = self.max_output_tokens

        streaming = self.streaming

        function_calling = self.function_calling

        system_messages = self.system_messages

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if context_length is not UNSET:
            field_dict["context_length"] = context_length
        if max_output_tokens is not UNSET:
            field_dict["max_output_tokens"] = max_output_tokens
        if streaming is not UNSET:
            field_dict["streaming"] = streaming
        if function_calling is not UNSET:
            field_dict["function_calling"] = function_calling
        if system_messages is not UNSET:
            field_dict["system_messages"] = system_messages

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        # Read in place, not from a copy with each field popped: a stream decodes thousands of these a second.
        d = src_dict
        context_length = d.get("context_length", UNSET)
        if context_length is not None and not isinstance(context_length, (int,)):
            raise TypeError(f"context_length cannot be {type(context_length).__name__}")

        max_output_tokens = d.get("max_output_tokens", UNSET)
        if max_output_tokens is not None and not isinstance(max_output_tokens, (int,)):
            raise TypeError(f"max_output_tokens cannot be {type(max_output_tokens).__name__}")

        streaming = d.get("streaming", UNSET)
        if streaming is not None and (not isinstance(streaming, bool)):
            raise _wrong_type("ModelCapabilities.streaming", "bool", streaming)

        function_calling = d.get("function_calling", UNSET)
        if function_calling is not None and (not isinstance(function_calling, bool)):
            raise _wrong_type("ModelCapabilities.function_calling", "bool", function_calling)

        system_messages = d.get("system_messages", UNSET)
        if system_messages is not None and (not isinstance(system_messages, bool)):
            raise _wrong_type("ModelCapabilities.system_messages", "bool", system_messages)

        if cls is ModelCapabilities:
            # Filled in place, without attrs' __init__ and its keyword arguments: a stream decodes thousands of
            # these a second. A subclass (a result with media) may add fields of its own: it goes through __init__.
            model_capabilities = object.__new__(cls)
            model_capabilities.context_length = context_length
            model_capabilities.max_output_tokens = max_output_tokens
            model_capabilities.streaming = streaming
            model_capabilities.function_calling = function_calling
            model_capabilities.system_messages = system_messages
            model_capabilities._request_id = None
        else:
            model_capabilities = cls(
                context_length=context_length,
                max_output_tokens=max_output_tokens,
                streaming=streaming,
                function_calling=function_calling,
                system_messages=system_messages,
            )

        extra = (
            {} if _FIELDS.issuperset(d) else {key: value for key, value in d.items() if key not in _FIELDS}
        )
        model_capabilities.additional_properties = extra
        return model_capabilities

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
                "context_length",
                "max_output_tokens",
                "streaming",
                "function_calling",
                "system_messages",
            ),
        )

    def __repr__(self) -> str:
        return _show(
            self,
            (
                "context_length",
                "max_output_tokens",
                "streaming",
                "function_calling",
                "system_messages",
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
