from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chat_image_part_type import ChatImagePartType
from ..types import fields_set as _fields_set
from ..types import show as _show
from ..types import to_json as _to_json

T = TypeVar("T", bound="ChatImagePart")

# The fields the spec names; from_dict keeps any other key of the JSON object in additional_properties.
_FIELDS: frozenset[str] = frozenset(
    {
        "type",
        "image_url",
    }
)


@_attrs_define(repr=False)
class ChatImagePart:
    """An image in a message's content, for models whose input modalities include images.

    Attributes:
        type_ (ChatImagePartType):
        image_url (ChatImageUrl): An image for a vision model, by URL or as a `data:` URL.
    """

    type_: ChatImagePartType
    image_url: ChatImageUrl
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The `X-Request-Id` of the response this model came in, when it is a call's result (the openai package's name)."""

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        image_url = self.image_url.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "image_url": image_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        # Read in place, not from a copy with each field popped: a stream decodes thousands of these a second.
        d = src_dict
        type_ = ChatImagePartType(d["type"])

        image_url = ChatImageUrl.from_dict(d["image_url"])

        if cls is ChatImagePart:
            # Filled in place, without attrs' __init__ and its keyword arguments: a stream decodes thousands of
            # these a second. A subclass (a result with media) may add fields of its own: it goes through __init__.
            chat_image_part = object.__new__(cls)
            chat_image_part.type_ = type_
            chat_image_part.image_url = image_url
            chat_image_part._request_id = None
        else:
            chat_image_part = cls(
                type_=type_,
                image_url=image_url,
            )

        # Keys beyond the fields: none when d holds as many keys as the fields it has (the required ones are there, or
        # reading them failed above); counted, cheaper than going through its keys when most fields are required.
        extra = {} if len(d) == 2 else {key: value for key, value in d.items() if key not in _FIELDS}
        chat_image_part.additional_properties = extra
        return chat_image_part

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
                "image_url",
            ),
        )

    def __repr__(self) -> str:
        return _show(
            self,
            (
                "type_",
                "image_url",
            ),
        )

    @property
    def type(self) -> ChatImagePartType:
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


from ..models.chat_image_url import ChatImageUrl
