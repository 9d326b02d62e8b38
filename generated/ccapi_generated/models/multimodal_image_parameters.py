from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.image_quality import ImageQuality
from ..models.media_response_format import MediaResponseFormat
from ..types import UNSET, Unset
from ..types import fields_set as _fields_set
from ..types import show as _show
from ..types import to_json as _to_json
from ..types import wrong_type as _wrong_type

T = TypeVar("T", bound="MultimodalImageParameters")

# The fields the spec names; from_dict keeps any other key of the JSON object in additional_properties.
_FIELDS: frozenset[str] = frozenset(
    {
        "num_images",
        "width",
        "height",
        "aspect_ratio",
        "quality",
        "seed",
        "steps",
        "guidance_scale",
        "negative_prompt",
        "strength",
        "response_format",
    }
)


@_attrs_define(repr=False)
class MultimodalImageParameters:
    """How to generate. All optional; providers ignore what they do not support.

    Attributes:
        num_images (int | Unset):  Default: 1.
        width (int | Unset): Pixels across; 0 (as the reference's example sends) lets the provider choose.
        height (int | Unset): Pixels down; 0 lets the provider choose.
        aspect_ratio (str | Unset):
        quality (ImageQuality | Unset):
        seed (int | Unset):
        steps (int | Unset): Sampling steps; 0 lets the provider choose.
        guidance_scale (float | Unset):
        negative_prompt (str | Unset):
        strength (float | Unset): How far image-to-image may move from the input image.
        response_format (MediaResponseFormat | Unset): How generated media is returned: a URL to download, or base64
            inline.
    """

    num_images: int | Unset = 1
    width: int | Unset = UNSET
    height: int | Unset = UNSET
    aspect_ratio: str | Unset = UNSET
    quality: ImageQuality | Unset = UNSET
    seed: int | Unset = UNSET
    steps: int | Unset = UNSET
    guidance_scale: float | Unset = UNSET
    negative_prompt: str | Unset = UNSET
    strength: float | Unset = UNSET
    response_format: MediaResponseFormat | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The `X-Request-Id` of the response this model came in, when it is a call's result (the openai package's name)."""

    def to_dict(self) -> dict[str, Any]:
        num_images = self.num_images

        width = self.width

        height = self.height

        aspect_ratio = self.aspect_ratio

        quality: str | Unset = UNSET
        if not isinstance(self.quality, Unset):
            quality = self.quality.value

        seed = self.seed

        steps = self.steps

        guidance_scale = self.guidance_scale

        negative_prompt = self.negative_prompt

        strength = self.strength

        response_format: str | Unset = UNSET
        if not isinstance(self.response_format, Unset):
            response_format = self.response_format.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if num_images is not UNSET:
            field_dict["num_images"] = num_images
        if width is not UNSET:
            field_dict["width"] = width
        if height is not UNSET:
            field_dict["height"] = height
        if aspect_ratio is not UNSET:
            field_dict["aspect_ratio"] = aspect_ratio
        if quality is not UNSET:
            field_dict["quality"] = quality
        if seed is not UNSET:
            field_dict["seed"] = seed
        if steps is not UNSET:
            field_dict["steps"] = steps
        if guidance_scale is not UNSET:
            field_dict["guidance_scale"] = guidance_scale
        if negative_prompt is not UNSET:
            field_dict["negative_prompt"] = negative_prompt
        if strength is not UNSET:
            field_dict["strength"] = strength
        if response_format is not UNSET:
            field_dict["response_format"] = response_format

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        # Read in place, not from a copy with each field popped: a stream decodes thousands of these a second.
        d = src_dict
        num_images = d.get("num_images", UNSET)
        if (
            num_images is not None
            and type(num_images) is not int
            and (isinstance(num_images, bool) or not isinstance(num_images, int))
        ):
            raise _wrong_type("MultimodalImageParameters.num_images", "int", num_images)

        width = d.get("width", UNSET)
        if (
            width is not None
            and type(width) is not int
            and (isinstance(width, bool) or not isinstance(width, int))
        ):
            raise _wrong_type("MultimodalImageParameters.width", "int", width)

        height = d.get("height", UNSET)
        if (
            height is not None
            and type(height) is not int
            and (isinstance(height, bool) or not isinstance(height, int))
        ):
            raise _wrong_type("MultimodalImageParameters.height", "int", height)

        aspect_ratio = d.get("aspect_ratio", UNSET)
        if aspect_ratio is not None and (not isinstance(aspect_ratio, str)):
            raise _wrong_type("MultimodalImageParameters.aspect_ratio", "str", aspect_ratio)

        _quality = d.get("quality", UNSET)
        quality: ImageQuality | Unset
        if isinstance(_quality, Unset):
            quality = UNSET
        else:
            quality = ImageQuality(_quality)

        seed = d.get("seed", UNSET)
        if (
            seed is not None
            and type(seed) is not int
            and (isinstance(seed, bool) or not isinstance(seed, int))
        ):
            raise _wrong_type("MultimodalImageParameters.seed", "int", seed)

        steps = d.get("steps", UNSET)
        if (
            steps is not None
            and type(steps) is not int
            and (isinstance(steps, bool) or not isinstance(steps, int))
        ):
            raise _wrong_type("MultimodalImageParameters.steps", "int", steps)

        guidance_scale = d.get("guidance_scale", UNSET)
        if (
            guidance_scale is not None
            and type(guidance_scale) is not float
            and (isinstance(guidance_scale, bool) or not isinstance(guidance_scale, (int, float)))
        ):
            raise _wrong_type("MultimodalImageParameters.guidance_scale", "float", guidance_scale)

        negative_prompt = d.get("negative_prompt", UNSET)
        if negative_prompt is not None and (not isinstance(negative_prompt, str)):
            raise _wrong_type("MultimodalImageParameters.negative_prompt", "str", negative_prompt)

        strength = d.get("strength", UNSET)
        if (
            strength is not None
            and type(strength) is not float
            and (isinstance(strength, bool) or not isinstance(strength, (int, float)))
        ):
            raise _wrong_type("MultimodalImageParameters.strength", "float", strength)

        _response_format = d.get("response_format", UNSET)
        response_format: MediaResponseFormat | Unset
        if isinstance(_response_format, Unset):
            response_format = UNSET
        else:
            response_format = MediaResponseFormat(_response_format)

        if cls is MultimodalImageParameters:
            # Filled in place, without attrs' __init__ and its keyword arguments: a stream decodes thousands of
            # these a second. A subclass (a result with media) may add fields of its own: it goes through __init__.
            multimodal_image_parameters = object.__new__(cls)
            multimodal_image_parameters.num_images = num_images
            multimodal_image_parameters.width = width
            multimodal_image_parameters.height = height
            multimodal_image_parameters.aspect_ratio = aspect_ratio
            multimodal_image_parameters.quality = quality
            multimodal_image_parameters.seed = seed
            multimodal_image_parameters.steps = steps
            multimodal_image_parameters.guidance_scale = guidance_scale
            multimodal_image_parameters.negative_prompt = negative_prompt
            multimodal_image_parameters.strength = strength
            multimodal_image_parameters.response_format = response_format
            multimodal_image_parameters._request_id = None
        else:
            multimodal_image_parameters = cls(
                num_images=num_images,
                width=width,
                height=height,
                aspect_ratio=aspect_ratio,
                quality=quality,
                seed=seed,
                steps=steps,
                guidance_scale=guidance_scale,
                negative_prompt=negative_prompt,
                strength=strength,
                response_format=response_format,
            )

        extra = (
            {} if _FIELDS.issuperset(d) else {key: value for key, value in d.items() if key not in _FIELDS}
        )
        multimodal_image_parameters.additional_properties = extra
        return multimodal_image_parameters

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
                "num_images",
                "width",
                "height",
                "aspect_ratio",
                "quality",
                "seed",
                "steps",
                "guidance_scale",
                "negative_prompt",
                "strength",
                "response_format",
            ),
        )

    def __repr__(self) -> str:
        return _show(
            self,
            (
                "num_images",
                "width",
                "height",
                "aspect_ratio",
                "quality",
                "seed",
                "steps",
                "guidance_scale",
                "negative_prompt",
                "strength",
                "response_format",
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
