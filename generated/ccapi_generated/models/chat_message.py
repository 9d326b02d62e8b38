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
from ..types import wrong_type as _wrong_type

T = TypeVar("T", bound="ChatMessage")

# The fields the spec names; from_dict keeps any other key of the JSON object in additional_properties.
_FIELDS: frozenset[str] = frozenset(
    {
        "role",
        "content",
        "name",
        "tool_calls",
        "tool_call_id",
    }
)


@_attrs_define(repr=False)
class ChatMessage:
    """One message of a conversation.

    Attributes:
        role (ChatRole | str): Who wrote the message (`system`, `user`, `assistant` or `tool`; open set in responses).
        content (None | str): The text. May be null on an assistant message that only calls tools.
        name (str | Unset): An optional name for the author, to tell participants of the same role apart.
        tool_calls (list[ChatToolCall] | Unset): The tools an assistant message calls.
        tool_call_id (str | Unset): On a `tool` message, the id of the tool call it answers.
    """

    role: ChatRole | str
    content: None | str
    name: str | Unset = UNSET
    tool_calls: list[ChatToolCall] | Unset = UNSET
    tool_call_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The `X-Request-Id` of the response this model came in, when it is a call's result (the openai package's name)."""

    def to_dict(self) -> dict[str, Any]:
        role: str
        if isinstance(self.role, ChatRole):
            role = self.role.value
        else:
            role = self.role

        content: None | str
        content = self.content

        name = self.name

        tool_calls: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tool_calls, Unset):
            tool_calls = []
            for tool_calls_item_data in self.tool_calls:
                tool_calls_item = tool_calls_item_data.to_dict()
                tool_calls.append(tool_calls_item)

        tool_call_id = self.tool_call_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "role": role,
                "content": content,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if tool_calls is not UNSET:
            field_dict["tool_calls"] = tool_calls
        if tool_call_id is not UNSET:
            field_dict["tool_call_id"] = tool_call_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        # Read in place, not from a copy with each field popped: a stream decodes thousands of these a second.
        d = src_dict

        def _parse_role(data: object) -> ChatRole | str:
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

        role = _parse_role(d["role"])

        content = d["content"]
        if content is not None and not isinstance(content, (str,)):
            raise TypeError(f"content cannot be {type(content).__name__}")

        name = d.get("name", UNSET)
        if name is not None and (not isinstance(name, str)):
            raise _wrong_type("ChatMessage.name", "str", name)

        _tool_calls = d.get("tool_calls", UNSET)
        tool_calls: list[ChatToolCall] | Unset = UNSET
        if _tool_calls is not UNSET:
            tool_calls = []
            for tool_calls_item_data in _tool_calls:
                tool_calls_item = ChatToolCall.from_dict(tool_calls_item_data)

                tool_calls.append(tool_calls_item)

        tool_call_id = d.get("tool_call_id", UNSET)
        if tool_call_id is not None and (not isinstance(tool_call_id, str)):
            raise _wrong_type("ChatMessage.tool_call_id", "str", tool_call_id)

        if cls is ChatMessage:
            # Filled in place, without attrs' __init__ and its keyword arguments: a stream decodes thousands of
            # these a second. A subclass (a result with media) may add fields of its own: it goes through __init__.
            chat_message = object.__new__(cls)
            chat_message.role = role
            chat_message.content = content
            chat_message.name = name
            chat_message.tool_calls = tool_calls
            chat_message.tool_call_id = tool_call_id
            chat_message._request_id = None
        else:
            chat_message = cls(
                role=role,
                content=content,
                name=name,
                tool_calls=tool_calls,
                tool_call_id=tool_call_id,
            )

        extra = (
            {} if _FIELDS.issuperset(d) else {key: value for key, value in d.items() if key not in _FIELDS}
        )
        chat_message.additional_properties = extra
        return chat_message

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
                "name",
                "tool_calls",
                "tool_call_id",
            ),
        )

    def __repr__(self) -> str:
        return _show(
            self,
            (
                "role",
                "content",
                "name",
                "tool_calls",
                "tool_call_id",
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


from ..models.chat_tool_call import ChatToolCall
