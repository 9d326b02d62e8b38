from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset
from ..types import fields_set as _fields_set
from ..types import show as _show
from ..types import to_json as _to_json
from ..types import wrong_type as _wrong_type

T = TypeVar("T", bound="ChatToolCallDelta")

# The fields the spec names; from_dict keeps any other key of the JSON object in additional_properties.
_FIELDS: frozenset[str] = frozenset(
    {
        "index",
        "id",
        "type",
        "function",
    }
)


@_attrs_define(repr=False)
class ChatToolCallDelta:
    """A piece of a streamed tool call; pieces with the same `index` belong together.

    Attributes:
        index (int):
        id (str | Unset):
        type_ (str | Unset):
        function (ChatToolCallFunctionDelta | Unset): A piece of a streamed tool call's function.
    """

    index: int
    id: str | Unset = UNSET
    type_: str | Unset = UNSET
    function: ChatToolCallFunctionDelta | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The `X-Request-Id` of the response this model came in, when it is a call's result (the openai package's name)."""

    def to_dict(self) -> dict[str, Any]:
        index = self.index

        id = self.id

        type_ = self.type_

        function: dict[str, Any] | Unset = UNSET
        if not isinstance(self.function, Unset):
            function = self.function.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "index": index,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if type_ is not UNSET:
            field_dict["type"] = type_
        if function is not UNSET:
            field_dict["function"] = function

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        # Read in place, not from a copy with each field popped: a stream decodes thousands of these a second.
        d = src_dict
        index = d["index"]
        if type(index) is not int and (isinstance(index, bool) or not isinstance(index, int)):
            raise _wrong_type("ChatToolCallDelta.index", "int", index)

        id = d.get("id", UNSET)
        if id is not None and (not isinstance(id, str)):
            raise _wrong_type("ChatToolCallDelta.id", "str", id)

        type_ = d.get("type", UNSET)
        if type_ is not None and (not isinstance(type_, str)):
            raise _wrong_type("ChatToolCallDelta.type", "str", type_)

        _function = d.get("function", UNSET)
        function: ChatToolCallFunctionDelta | Unset
        if isinstance(_function, Unset):
            function = UNSET
        else:
            function = ChatToolCallFunctionDelta.from_dict(_function)

        if cls is ChatToolCallDelta:
            # Filled in place, without attrs' __init__ and its keyword arguments: a stream decodes thousands of
            # these a second. A subclass (a result with media) may add fields of its own: it goes through __init__.
            chat_tool_call_delta = object.__new__(cls)
            chat_tool_call_delta.index = index
            chat_tool_call_delta.id = id
            chat_tool_call_delta.type_ = type_
            chat_tool_call_delta.function = function
            chat_tool_call_delta._request_id = None
        else:
            chat_tool_call_delta = cls(
                index=index,
                id=id,
                type_=type_,
                function=function,
            )

        extra = (
            {} if _FIELDS.issuperset(d) else {key: value for key, value in d.items() if key not in _FIELDS}
        )
        chat_tool_call_delta.additional_properties = extra
        return chat_tool_call_delta

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
                "id",
                "type_",
                "function",
            ),
        )

    def __repr__(self) -> str:
        return _show(
            self,
            (
                "index",
                "id",
                "type_",
                "function",
            ),
        )

    @property
    def type(self) -> str | Unset:
        """`type_`, by its name in the API."""
        return self.type_

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


from ..models.chat_tool_call_function_delta import ChatToolCallFunctionDelta
