from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_role import ChatRole
from ..types import UNSET, Unset
from ..types import fields_set as _fields_set
from ..types import show as _show
from ..types import to_json as _to_json

T = TypeVar("T", bound="ChatCompletionChunkDelta")

# The fields the spec names; from_dict keeps any other key of the JSON object in additional_properties.
_FIELDS: frozenset[str] = frozenset(
    {
        "role",
        "content",
        "tool_calls",
    }
)


@_attrs_define(repr=False)
class ChatCompletionChunkDelta:
    """What one chunk adds to the message.

    Attributes:
        role (ChatRole | str | Unset):
        content (None | str | Unset):
        tool_calls (list[ChatToolCallDelta] | Unset):
    """

    role: ChatRole | str | Unset = UNSET
    content: None | str | Unset = UNSET
    tool_calls: list[ChatToolCallDelta] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The `X-Request-Id` of the response this model came in, when it is a call's result (the openai package's name)."""

    def to_dict(self) -> dict[str, Any]:
        role: str | Unset
        if isinstance(self.role, Unset):
            role = UNSET
        elif isinstance(self.role, ChatRole):
            role = self.role.value
        else:
            role = self.role

        content: None | str | Unset
        if isinstance(self.content, Unset):
            content = UNSET
        else:
            content = self.content

        tool_calls: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tool_calls, Unset):
            tool_calls = []
            for tool_calls_item_data in self.tool_calls:
                tool_calls_item = tool_calls_item_data.to_dict()
                tool_calls.append(tool_calls_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if role is not UNSET:
            field_dict["role"] = role
        if content is not UNSET:
            field_dict["content"] = content
        if tool_calls is not UNSET:
            field_dict["tool_calls"] = tool_calls

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        # Read in place, not from a copy with each field popped: a stream decodes thousands of these a second.
        d = src_dict
        role = d.get("role", UNSET)
        if role is not None:

            def _parse_role(data: object) -> ChatRole | str | Unset:
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    role_type_0 = ChatRole(data)

                    return role_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if isinstance(data, str):
                    return data
                raise TypeError(f"role cannot be {type(data).__name__}")

            role = _parse_role(role)

        content = d.get("content", UNSET)
        if content is not None and not isinstance(content, (str,)):
            raise TypeError(f"content cannot be {type(content).__name__}")

        _tool_calls = d.get("tool_calls", UNSET)
        tool_calls: list[ChatToolCallDelta] | Unset = UNSET
        if _tool_calls is not UNSET:
            tool_calls = []
            for tool_calls_item_data in _tool_calls:
                tool_calls_item = ChatToolCallDelta.from_dict(tool_calls_item_data)

                tool_calls.append(tool_calls_item)

        if cls is ChatCompletionChunkDelta:
            # Filled in place, without attrs' __init__ and its keyword arguments: a stream decodes thousands of
            # these a second. A subclass (a result with media) may add fields of its own: it goes through __init__.
            chat_completion_chunk_delta = object.__new__(cls)
            chat_completion_chunk_delta.role = role
            chat_completion_chunk_delta.content = content
            chat_completion_chunk_delta.tool_calls = tool_calls
            chat_completion_chunk_delta._request_id = None
        else:
            chat_completion_chunk_delta = cls(
                role=role,
                content=content,
                tool_calls=tool_calls,
            )

        extra = (
            {} if _FIELDS.issuperset(d) else {key: value for key, value in d.items() if key not in _FIELDS}
        )
        chat_completion_chunk_delta.additional_properties = extra
        return chat_completion_chunk_delta

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
                "role",
                "content",
                "tool_calls",
            ),
        )

    def __repr__(self) -> str:
        return _show(
            self,
            (
                "role",
                "content",
                "tool_calls",
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


from ..models.chat_tool_call_delta import ChatToolCallDelta
