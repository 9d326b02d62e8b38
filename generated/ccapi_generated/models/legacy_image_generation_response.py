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

T = TypeVar("T", bound="LegacyImageGenerationResponse")

# The fields the spec names; from_dict keeps any other key of the JSON object in additional_properties.
_FIELDS: frozenset[str] = frozenset(
    {
        "id",
        "created",
        "model",
        "data",
        "provider",
        "revised_prompt",
    }
)


@_attrs_define(repr=False)
class LegacyImageGenerationResponse:
    """The generated images, OpenAI-style.

    Attributes:
        id (str):
        created (int):
        model (str):
        data (list[ImageDatum]):
        provider (str | Unset):
        revised_prompt (None | str | Unset):
    """

    id: str
    created: int
    model: str
    data: list[ImageDatum]
    provider: str | Unset = UNSET
    revised_prompt: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The `X-Request-Id` of the response this model came in, when it is a call's result (the openai package's name)."""

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        created = self.created

        model = self.model

        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        provider = self.provider

        revised_prompt: None | str | Unset
        if isinstance(self.revised_prompt, Unset):
            revised_prompt = UNSET
        else:
            revised_prompt = self.revised_prompt

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "created": created,
                "model": model,
                "data": data,
            }
        )
        if provider is not UNSET:
            field_dict["provider"] = provider
        if revised_prompt is not UNSET:
            field_dict["revised_prompt"] = revised_prompt

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        # Read in place, not from a copy with each field popped: a stream decodes thousands of these a second.
        d = src_dict
        id = d["id"]
        if not isinstance(id, str):
            raise _wrong_type("LegacyImageGenerationResponse.id", "str", id)

        created = d["created"]
        if type(created) is not int and (isinstance(created, bool) or not isinstance(created, int)):
            raise _wrong_type("LegacyImageGenerationResponse.created", "int", created)

        model = d["model"]
        if not isinstance(model, str):
            raise _wrong_type("LegacyImageGenerationResponse.model", "str", model)

        data = []
        _data = d["data"]
        for data_item_data in _data:
            data_item = ImageDatum.from_dict(data_item_data)

            data.append(data_item)

        provider = d.get("provider", UNSET)
        if provider is not None and (not isinstance(provider, str)):
            raise _wrong_type("LegacyImageGenerationResponse.provider", "str", provider)

        revised_prompt = d.get("revised_prompt", UNSET)
        if revised_prompt is not None and not isinstance(revised_prompt, (str,)):
            raise TypeError(f"revised_prompt cannot be {type(revised_prompt).__name__}")

        if cls is LegacyImageGenerationResponse:
            # Filled in place, without attrs' __init__ and its keyword arguments: a stream decodes thousands of
            # these a second. A subclass (a result with media) may add fields of its own: it goes through __init__.
            legacy_image_generation_response = object.__new__(cls)
            legacy_image_generation_response.id = id
            legacy_image_generation_response.created = created
            legacy_image_generation_response.model = model
            legacy_image_generation_response.data = data
            legacy_image_generation_response.provider = provider
            legacy_image_generation_response.revised_prompt = revised_prompt
            legacy_image_generation_response._request_id = None
        else:
            legacy_image_generation_response = cls(
                id=id,
                created=created,
                model=model,
                data=data,
                provider=provider,
                revised_prompt=revised_prompt,
            )

        # Keys beyond the fields: none when d holds as many keys as the fields it has (the required ones are there, or
        # reading them failed above); counted, cheaper than going through its keys when most fields are required.
        extra = (
            {}
            if len(d) == 4 + ("provider" in d) + ("revised_prompt" in d)
            else {key: value for key, value in d.items() if key not in _FIELDS}
        )
        legacy_image_generation_response.additional_properties = extra
        return legacy_image_generation_response

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
                "id",
                "created",
                "model",
                "data",
                "provider",
                "revised_prompt",
            ),
        )

    def __repr__(self) -> str:
        return _show(
            self,
            (
                "id",
                "created",
                "model",
                "data",
                "provider",
                "revised_prompt",
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


from ..models.image_datum import ImageDatum
