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

T = TypeVar("T", bound="MultimodalImageInput")

# The fields the spec names; from_dict keeps any other key of the JSON object in additional_properties.
_FIELDS: frozenset[str] = frozenset(
    {
        "url",
        "data",
        "mime_type",
    }
)


@_attrs_define(repr=False)
class MultimodalImageInput:
    """An input image or mask, by URL or inline base64 data.

    Attributes:
        url (str | Unset):
        data (str | Unset): The image bytes, base64-encoded.
        mime_type (str | Unset):
    """

    url: str | Unset = UNSET
    data: str | Unset = UNSET
    mime_type: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The `X-Request-Id` of the response this model came in, when it is a call's result (the openai package's name)."""

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        data = self.data

        mime_type = self.mime_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if url is not UNSET:
            field_dict["url"] = url
        if data is not UNSET:
            field_dict["data"] = data
        if mime_type is not UNSET:
            field_dict["mime_type"] = mime_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        # Read in place, not from a copy with each field popped: a stream decodes thousands of these a second.
        d = src_dict
        url = d.get("url", UNSET)
        if url is not None and (not isinstance(url, str)):
            raise _wrong_type("MultimodalImageInput.url", "str", url)

        data = d.get("data", UNSET)
        if data is not None and (not isinstance(data, str)):
            raise _wrong_type("MultimodalImageInput.data", "str", data)

        mime_type = d.get("mime_type", UNSET)
        if mime_type is not None and (not isinstance(mime_type, str)):
            raise _wrong_type("MultimodalImageInput.mime_type", "str", mime_type)

        if cls is MultimodalImageInput:
            # Filled in place, without attrs' __init__ and its keyword arguments: a stream decodes thousands of
            # these a second. A subclass (a result with media) may add fields of its own: it goes through __init__.
            multimodal_image_input = object.__new__(cls)
            multimodal_image_input.url = url
            multimodal_image_input.data = data
            multimodal_image_input.mime_type = mime_type
            multimodal_image_input._request_id = None
        else:
            multimodal_image_input = cls(
                url=url,
                data=data,
                mime_type=mime_type,
            )

        extra = (
            {} if _FIELDS.issuperset(d) else {key: value for key, value in d.items() if key not in _FIELDS}
        )
        multimodal_image_input.additional_properties = extra
        return multimodal_image_input

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
                "url",
                "data",
                "mime_type",
            ),
        )

    def __repr__(self) -> str:
        return _show(
            self,
            (
                "url",
                "data",
                "mime_type",
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
