from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.model_type import ModelType
from ..types import UNSET, Unset
from ..types import fields_set as _fields_set
from ..types import show as _show
from ..types import to_json as _to_json
from ..types import wrong_type as _wrong_type

T = TypeVar("T", bound="ProviderDetailResponse")

# The fields the spec names; from_dict keeps any other key of the JSON object in additional_properties.
_FIELDS: frozenset[str] = frozenset(
    {
        "name",
        "models",
        "display_name",
        "is_fundamental",
        "model_count",
        "types",
    }
)


@_attrs_define(repr=False)
class ProviderDetailResponse:
    """A provider and all of its models.

    Attributes:
        name (str):
        models (list[ModelSummary]):
        display_name (str | Unset):
        is_fundamental (bool | Unset):
        model_count (int | Unset):
        types (list[ModelType | str] | Unset): The types of the provider's models (open set).
    """

    name: str
    models: list[ModelSummary]
    display_name: str | Unset = UNSET
    is_fundamental: bool | Unset = UNSET
    model_count: int | Unset = UNSET
    types: list[ModelType | str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The `X-Request-Id` of the response this model came in, when it is a call's result (the openai package's name)."""

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        models = []
        for models_item_data in self.models:
            models_item = models_item_data.to_dict()
            models.append(models_item)

        display_name = self.display_name

        is_fundamental = self.is_fundamental

        model_count = self.model_count

        types: list[str] | Unset = UNSET
        if not isinstance(self.types, Unset):
            types = []
            for types_item_data in self.types:
                types_item: str
                if isinstance(types_item_data, ModelType):
                    types_item = types_item_data.value
                else:
                    types_item = types_item_data
                types.append(types_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "models": models,
            }
        )
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if is_fundamental is not UNSET:
            field_dict["is_fundamental"] = is_fundamental
        if model_count is not UNSET:
            field_dict["model_count"] = model_count
        if types is not UNSET:
            field_dict["types"] = types

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        # Read in place, not from a copy with each field popped: a stream decodes thousands of these a second.
        d = src_dict
        name = d["name"]
        if not isinstance(name, str):
            raise _wrong_type("ProviderDetailResponse.name", "str", name)

        models = []
        _models = d["models"]
        for models_item_data in _models:
            models_item = ModelSummary.from_dict(models_item_data)

            models.append(models_item)

        display_name = d.get("display_name", UNSET)
        if display_name is not None and (not isinstance(display_name, str)):
            raise _wrong_type("ProviderDetailResponse.display_name", "str", display_name)

        is_fundamental = d.get("is_fundamental", UNSET)
        if is_fundamental is not None and (not isinstance(is_fundamental, bool)):
            raise _wrong_type("ProviderDetailResponse.is_fundamental", "bool", is_fundamental)

        model_count = d.get("model_count", UNSET)
        if (
            model_count is not None
            and type(model_count) is not int
            and (isinstance(model_count, bool) or not isinstance(model_count, int))
        ):
            raise _wrong_type("ProviderDetailResponse.model_count", "int", model_count)

        _types = d.get("types", UNSET)
        types: list[ModelType | str] | Unset = UNSET
        if _types is not UNSET:
            types = []
            for types_item_data in _types:

                def _parse_types_item(data: object) -> ModelType | str:
                    try:
                        if not isinstance(data, str):
                            raise TypeError()
                        types_item_type_0 = ModelType(data)

                        return types_item_type_0
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    if isinstance(data, str):
                        return data
                    raise TypeError(f"types_item cannot be {type(data).__name__}")

                types_item = _parse_types_item(types_item_data)

                types.append(types_item)

        if cls is ProviderDetailResponse:
            # Filled in place, without attrs' __init__ and its keyword arguments: a stream decodes thousands of
            # these a second. A subclass (a result with media) may add fields of its own: it goes through __init__.
            provider_detail_response = object.__new__(cls)
            provider_detail_response.name = name
            provider_detail_response.models = models
            provider_detail_response.display_name = display_name
            provider_detail_response.is_fundamental = is_fundamental
            provider_detail_response.model_count = model_count
            provider_detail_response.types = types
            provider_detail_response._request_id = None
        else:
            provider_detail_response = cls(
                name=name,
                models=models,
                display_name=display_name,
                is_fundamental=is_fundamental,
                model_count=model_count,
                types=types,
            )

        extra = (
            {} if _FIELDS.issuperset(d) else {key: value for key, value in d.items() if key not in _FIELDS}
        )
        provider_detail_response.additional_properties = extra
        return provider_detail_response

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
                "name",
                "models",
                "display_name",
                "is_fundamental",
                "model_count",
                "types",
            ),
        )

    def __repr__(self) -> str:
        return _show(
            self,
            (
                "name",
                "models",
                "display_name",
                "is_fundamental",
                "model_count",
                "types",
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


from ..models.model_summary import ModelSummary
