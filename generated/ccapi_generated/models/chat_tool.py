from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_tool_type import ChatToolType
from ..types import show as _show
from ..types import to_json as _to_json

T = TypeVar("T", bound="ChatTool")


@_attrs_define(repr=False)
class ChatTool:
    """A tool the model may call.

    Attributes:
        type_ (ChatToolType): The kind of tool.
        function (ChatToolFunction): A function the model may call.
    """

    type_: ChatToolType
    function: ChatToolFunction
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        function = self.function.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "function": function,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = ChatToolType(d.pop("type"))

        function = ChatToolFunction.from_dict(d.pop("function"))

        chat_tool = cls(
            type_=type_,
            function=function,
        )

        chat_tool.additional_properties = d
        return chat_tool

    def to_json(self, *, indent: int | None = None) -> str:
        """The model as JSON, as the API sends it."""
        return _to_json(self.to_dict(), indent)

    def __repr__(self) -> str:
        return _show(
            self,
            (
                "type_",
                "function",
            ),
        )

    @property
    def type(self) -> ChatToolType:
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


from ..models.chat_tool_function import ChatToolFunction
