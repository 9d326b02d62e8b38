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

T = TypeVar("T", bound="MultimodalInputContent")

# The fields the spec names; from_dict keeps any other key of the JSON object in additional_properties.
_FIELDS: frozenset[str] = frozenset(
    {
        "text",
        "image",
        "mask",
    }
)


@_attrs_define(repr=False)
class MultimodalInputContent:
    """One item of `contents`: a text prompt, an input image (image-to-image, or a remix with several), or a
    mask (inpainting).

        Attributes:
            text (str | Unset):
            image (MultimodalImageInput | Unset): An input image or mask, by URL or inline base64 data.
            mask (MultimodalImageInput | Unset): An input image or mask, by URL or inline base64 data.
    """

    text: str | Unset = UNSET
    image: MultimodalImageInput | Unset = UNSET
    mask: MultimodalImageInput | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The `X-Request-Id` of the response this model came in, when it is a call's result (the openai package's name)."""

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        image: dict[str, Any] | Unset = UNSET
        if not isinstance(self.image, Unset):
            image = self.image.to_dict()

        mask: dict[str, Any] | Unset = UNSET
        if not isinstance(self.mask, Unset):
            mask = self.mask.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if text is not UNSET:
            field_dict["text"] = text
        if image is not UNSET:
            field_dict["image"] = image
        if mask is not UNSET:
            field_dict["mask"] = mask

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        # Read in place, not from a copy with each field popped: a stream decodes thousands of these a second.
        d = src_dict
        text = d.get("text", UNSET)
        if text is not None and (not isinstance(text, str)):
            raise _wrong_type("MultimodalInputContent.text", "str", text)

        _image = d.get("image", UNSET)
        image: MultimodalImageInput | Unset
        if isinstance(_image, Unset):
            image = UNSET
        else:
            image = MultimodalImageInput.from_dict(_image)

        _mask = d.get("mask", UNSET)
        mask: MultimodalImageInput | Unset
        if isinstance(_mask, Unset):
            mask = UNSET
        else:
            mask = MultimodalImageInput.from_dict(_mask)

        if cls is MultimodalInputContent:
            # Filled in place, without attrs' __init__ and its keyword arguments: a stream decodes thousands of
            # these a second. A subclass (a result with media) may add fields of its own: it goes through __init__.
            multimodal_input_content = object.__new__(cls)
            multimodal_input_content.text = text
            multimodal_input_content.image = image
            multimodal_input_content.mask = mask
            multimodal_input_content._request_id = None
        else:
            multimodal_input_content = cls(
                text=text,
                image=image,
                mask=mask,
            )

        extra = (
            {} if _FIELDS.issuperset(d) else {key: value for key, value in d.items() if key not in _FIELDS}
        )
        multimodal_input_content.additional_properties = extra
        return multimodal_input_content

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
                "text",
                "image",
                "mask",
            ),
        )

    def __repr__(self) -> str:
        return _show(
            self,
            (
                "text",
                "image",
                "mask",
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


from ..models.multimodal_image_input import MultimodalImageInput
