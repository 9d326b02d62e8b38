from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.finish_reason import FinishReason
from ..types import UNSET, Unset
from ..types import fields_set as _fields_set
from ..types import show as _show
from ..types import to_json as _to_json
from ..types import wrong_type as _wrong_type

T = TypeVar("T", bound="ChatCompletionChoice")

# The fields the spec names; from_dict keeps any other key of the JSON object in additional_properties.
_FIELDS: frozenset[str] = frozenset(
    {
        "index",
        "message",
        "finish_reason",
    }
)


@_attrs_define(repr=False)
class ChatCompletionChoice:
    """One generated answer.

    Attributes:
        index (int):
        message (ChatMessage): One message of a conversation.
        finish_reason (FinishReason | None | str | Unset):
    """

    index: int
    message: ChatMessage
    finish_reason: FinishReason | None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The `X-Request-Id` of the response this model came in, when it is a call's result (the openai package's name)."""

    def to_dict(self) -> dict[str, Any]:
        index = self.index

        message = self.message.to_dict()

        finish_reason: None | str | Unset
        if isinstance(self.finish_reason, Unset):
            finish_reason = UNSET
        elif isinstance(self.finish_reason, FinishReason):
            finish_reason = self.finish_reason.value
        else:
            finish_reason = self.finish_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "index": index,
                "message": message,
            }
        )
        if finish_reason is not UNSET:
            field_dict["finish_reason"] = finish_reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        # Read in place, not from a copy with each field popped: a stream decodes thousands of these a second.
        d = src_dict
        index = d["index"]
        if type(index) is not int and (isinstance(index, bool) or not isinstance(index, int)):
            raise _wrong_type("ChatCompletionChoice.index", "int", index)

        message = ChatMessage.from_dict(d["message"])

        finish_reason = d.get("finish_reason", UNSET)
        if finish_reason is not None:

            def _parse_finish_reason(data: object) -> FinishReason | None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    finish_reason_type_0 = FinishReason(data)

                    return finish_reason_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if isinstance(data, str):
                    return data
                raise TypeError(f"finish_reason cannot be {type(data).__name__}")

            finish_reason = _parse_finish_reason(finish_reason)

        if cls is ChatCompletionChoice:
            # Filled in place, without attrs' __init__ and its keyword arguments: a stream decodes thousands of
            # these a second. A subclass (a result with media) may add fields of its own: it goes through __init__.
            chat_completion_choice = object.__new__(cls)
            chat_completion_choice.index = index
            chat_completion_choice.message = message
            chat_completion_choice.finish_reason = finish_reason
            chat_completion_choice._request_id = None
        else:
            chat_completion_choice = cls(
                index=index,
                message=message,
                finish_reason=finish_reason,
            )

        # Keys beyond the fields: none when d holds as many keys as the fields it has (the required ones are there, or
        # reading them failed above); counted, cheaper than going through its keys when most fields are required.
        extra = (
            {}
            if len(d) == 2 + ("finish_reason" in d)
            else {key: value for key, value in d.items() if key not in _FIELDS}
        )
        chat_completion_choice.additional_properties = extra
        return chat_completion_choice

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
                "index",
                "message",
                "finish_reason",
            ),
        )

    def __repr__(self) -> str:
        return _show(
            self,
            (
                "index",
                "message",
                "finish_reason",
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
