from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_response_format_type import ChatResponseFormatType
from ..types import UNSET, Unset
from ..types import fields_set as _fields_set
from ..types import show as _show
from ..types import to_json as _to_json

T = TypeVar("T", bound="ChatResponseFormat")

# The fields the spec names; from_dict keeps any other key of the JSON object in additional_properties.
_FIELDS: frozenset[str] = frozenset(
    {
        "type",
        "json_schema",
    }
)


@_attrs_define(repr=False)
class ChatResponseFormat:
    """The form of the answer: plain text, any JSON object (`json_object`), or JSON matching a schema.

    Attributes:
        type_ (ChatResponseFormatType):
        json_schema (ChatResponseFormatJsonSchema | Unset): With `json_schema`, `{name, schema, strict}` as OpenAI takes
            it.
    """

    type_: ChatResponseFormatType
    json_schema: ChatResponseFormatJsonSchema | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The `X-Request-Id` of the response this model came in, when it is a call's result (the openai package's name)."""

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        json_schema: dict[str, Any] | Unset = UNSET
        if not isinstance(self.json_schema, Unset):
            json_schema = self.json_schema.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if json_schema is not UNSET:
            field_dict["json_schema"] = json_schema

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        # Read in place, not from a copy with each field popped: a stream decodes thousands of these a second.
        d = src_dict
        type_ = ChatResponseFormatType(d["type"])

        _json_schema = d.get("json_schema", UNSET)
        json_schema: ChatResponseFormatJsonSchema | Unset
        if isinstance(_json_schema, Unset):
            json_schema = UNSET
        else:
            json_schema = ChatResponseFormatJsonSchema.from_dict(_json_schema)

        if cls is ChatResponseFormat:
            # Filled in place, without attrs' __init__ and its keyword arguments: a stream decodes thousands of
            # these a second. A subclass (a result with media) may add fields of its own: it goes through __init__.
            chat_response_format = object.__new__(cls)
            chat_response_format.type_ = type_
            chat_response_format.json_schema = json_schema
            chat_response_format._request_id = None
        else:
            chat_response_format = cls(
                type_=type_,
                json_schema=json_schema,
            )

        # Keys beyond the fields: none when d holds as many keys as the fields it has (the required ones are there, or
        # reading them failed above); counted, cheaper than going through its keys when most fields are required.
        extra = (
            {}
            if len(d) == 1 + ("json_schema" in d)
            else {key: value for key, value in d.items() if key not in _FIELDS}
        )
        chat_response_format.additional_properties = extra
        return chat_response_format

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
                "type_",
                "json_schema",
            ),
        )

    def __repr__(self) -> str:
        return _show(
            self,
            (
                "type_",
                "json_schema",
            ),
        )

    @property
    def type(self) -> ChatResponseFormatType:
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


from ..models.chat_response_format_json_schema import ChatResponseFormatJsonSchema
