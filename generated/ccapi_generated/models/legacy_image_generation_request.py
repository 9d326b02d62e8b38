from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.image_quality import ImageQuality
from ..models.legacy_image_generation_request_style import LegacyImageGenerationRequestStyle
from ..models.media_response_format import MediaResponseFormat
from ..types import UNSET, Unset
from ..types import fields_set as _fields_set
from ..types import show as _show
from ..types import to_json as _to_json
from ..types import wrong_type as _wrong_type

T = TypeVar("T", bound="LegacyImageGenerationRequest")

# The fields the spec names; from_dict keeps any other key of the JSON object in additional_properties.
_FIELDS: frozenset[str] = frozenset(
    {
        "model",
        "prompt",
        "n",
        "size",
        "response_format",
        "quality",
        "style",
        "user",
    }
)


@_attrs_define(repr=False)
class LegacyImageGenerationRequest:
    """An OpenAI-style image generation request.

    Attributes:
        model (str): The image model, as `provider/model`.
        prompt (str):
        n (int | Unset): How many images to generate. Default: 1.
        size (str | Unset): `WIDTHxHEIGHT` in pixels.
        response_format (MediaResponseFormat | Unset): How generated media is returned: a URL to download, or base64
            inline.
        quality (ImageQuality | Unset):
        style (LegacyImageGenerationRequestStyle | Unset): The look of the images, as OpenAI's images API takes it.
        user (str | Unset): An id for your end user, for abuse monitoring.
    """

    model: str
    prompt: str
    n: int | Unset = 1
    size: str | Unset = UNSET
    response_format: MediaResponseFormat | Unset = UNSET
    quality: ImageQuality | Unset = UNSET
    style: LegacyImageGenerationRequestStyle | Unset = UNSET
    user: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The `X-Request-Id` of the response this model came in, when it is a call's result (the openai package's name)."""

    def to_dict(self) -> dict[str, Any]:
        model = self.model

        prompt = self.prompt

        n = self.n

        size = self.size

        response_format: str | Unset = UNSET
        if not isinstance(self.response_format, Unset):
            response_format = self.response_format.value

        quality: str | Unset = UNSET
        if not isinstance(self.quality, Unset):
            quality = self.quality.value

        style: str | Unset = UNSET
        if not isinstance(self.style, Unset):
            style = self.style.value

        user = self.user

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model": model,
                "prompt": prompt,
            }
        )
        if n is not UNSET:
            field_dict["n"] = n
        if size is not UNSET:
            field_dict["size"] = size
        if response_format is not UNSET:
            field_dict["response_format"] = response_format
        if quality is not UNSET:
            field_dict["quality"] = quality
        if style is not UNSET:
            field_dict["style"] = style
        if user is not UNSET:
            field_dict["user"] = user

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        # Read in place, not from a copy with each field popped: a stream decodes thousands of these a second.
        d = src_dict
        model = d["model"]
        if not isinstance(model, str):
            raise _wrong_type("LegacyImageGenerationRequest.model", "str", model)

        prompt = d["prompt"]
        if not isinstance(prompt, str):
            raise _wrong_type("LegacyImageGenerationRequest.prompt", "str", prompt)

        n = d.get("n", UNSET)
        if n is not None and type(n) is not int and (isinstance(n, bool) or not isinstance(n, int)):
            raise _wrong_type("LegacyImageGenerationRequest.n", "int", n)

        size = d.get("size", UNSET)
        if size is not None and (not isinstance(size, str)):
            raise _wrong_type("LegacyImageGenerationRequest.size", "str", size)

        _response_format = d.get("response_format", UNSET)
        response_format: MediaResponseFormat | Unset
        if isinstance(_response_format, Unset):
            response_format = UNSET
        else:
            response_format = MediaResponseFormat(_response_format)

        _quality = d.get("quality", UNSET)
        quality: ImageQuality | Unset
        if isinstance(_quality, Unset):
            quality = UNSET
        else:
            quality = ImageQuality(_quality)

        _style = d.get("style", UNSET)
        style: LegacyImageGenerationRequestStyle | Unset
        if isinstance(_style, Unset):
            style = UNSET
        else:
            style = LegacyImageGenerationRequestStyle(_style)

        user = d.get("user", UNSET)
        if user is not None and (not isinstance(user, str)):
            raise _wrong_type("LegacyImageGenerationRequest.user", "str", user)

        if cls is LegacyImageGenerationRequest:
            # Filled in place, without attrs' __init__ and its keyword arguments: a stream decodes thousands of
            # these a second. A subclass (a result with media) may add fields of its own: it goes through __init__.
            legacy_image_generation_request = object.__new__(cls)
            legacy_image_generation_request.model = model
            legacy_image_generation_request.prompt = prompt
            legacy_image_generation_request.n = n
            legacy_image_generation_request.size = size
            legacy_image_generation_request.response_format = response_format
            legacy_image_generation_request.quality = quality
            legacy_image_generation_request.style = style
            legacy_image_generation_request.user = user
            legacy_image_generation_request._request_id = None
        else:
            legacy_image_generation_request = cls(
                model=model,
                prompt=prompt,
                n=n,
                size=size,
                response_format=response_format,
                quality=quality,
                style=style,
                user=user,
            )

        extra = (
            {} if _FIELDS.issuperset(d) else {key: value for key, value in d.items() if key not in _FIELDS}
        )
        legacy_image_generation_request.additional_properties = extra
        return legacy_image_generation_request

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
                "model",
                "prompt",
                "n",
                "size",
                "response_format",
                "quality",
                "style",
                "user",
            ),
        )

    def __repr__(self) -> str:
        return _show(
            self,
            (
                "model",
                "prompt",
                "n",
                "size",
                "response_format",
                "quality",
                "style",
                "user",
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
