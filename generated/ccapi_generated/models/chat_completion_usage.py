from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import fields_set as _fields_set
from ..types import show as _show
from ..types import to_json as _to_json
from ..types import wrong_type as _wrong_type

T = TypeVar("T", bound="ChatCompletionUsage")

# The fields the spec names; from_dict keeps any other key of the JSON object in additional_properties.
_FIELDS: frozenset[str] = frozenset(
    {
        "prompt_tokens",
        "completion_tokens",
        "total_tokens",
    }
)


@_attrs_define(repr=False)
class ChatCompletionUsage:
    """Token counts of one completion.

    Attributes:
        prompt_tokens (int):
        completion_tokens (int):
        total_tokens (int):
    """

    prompt_tokens: int
    completion_tokens: int
    total_tokens: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The `X-Request-Id` of the response this model came in, when it is a call's result (the openai package's name)."""

    def to_dict(self) -> dict[str, Any]:
        prompt_tokens = self.prompt_tokens

        completion_tokens = self.completion_tokens

        total_tokens = self.total_tokens

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": total_tokens,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        # Read in place, not from a copy with each field popped: a stream decodes thousands of these a second.
        d = src_dict
        prompt_tokens = d["prompt_tokens"]
        if type(prompt_tokens) is not int and (
            isinstance(prompt_tokens, bool) or not isinstance(prompt_tokens, int)
        ):
            raise _wrong_type("ChatCompletionUsage.prompt_tokens", "int", prompt_tokens)

        completion_tokens = d["completion_tokens"]
        if type(completion_tokens) is not int and (
            isinstance(completion_tokens, bool) or not isinstance(completion_tokens, int)
        ):
            raise _wrong_type("ChatCompletionUsage.completion_tokens", "int", completion_tokens)

        total_tokens = d["total_tokens"]
        if type(total_tokens) is not int and (
            isinstance(total_tokens, bool) or not isinstance(total_tokens, int)
        ):
            raise _wrong_type("ChatCompletionUsage.total_tokens", "int", total_tokens)

        if cls is ChatCompletionUsage:
            # Filled in place, without attrs' __init__ and its keyword arguments: a stream decodes thousands of
            # these a second. A subclass (a result with media) may add fields of its own: it goes through __init__.
            chat_completion_usage = object.__new__(cls)
            chat_completion_usage.prompt_tokens = prompt_tokens
            chat_completion_usage.completion_tokens = completion_tokens
            chat_completion_usage.total_tokens = total_tokens
            chat_completion_usage._request_id = None
        else:
            chat_completion_usage = cls(
                prompt_tokens=prompt_tokens,
                completion_tokens=completion_tokens,
                total_tokens=total_tokens,
            )

        # Keys beyond the fields: none when d holds as many keys as the fields it has (the required ones are there, or
        # reading them failed above); counted, cheaper than going through its keys when most fields are required.
        extra = {} if len(d) == 3 else {key: value for key, value in d.items() if key not in _FIELDS}
        chat_completion_usage.additional_properties = extra
        return chat_completion_usage

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
                "prompt_tokens",
                "completion_tokens",
                "total_tokens",
            ),
        )

    def __repr__(self) -> str:
        return _show(
            self,
            (
                "prompt_tokens",
                "completion_tokens",
                "total_tokens",
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
