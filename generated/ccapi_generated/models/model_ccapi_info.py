from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.model_type import ModelType
from ..types import UNSET, Unset
from ..types import fields_set as _fields_set
from ..types import show as _show
from ..types import to_json as _to_json
from ..types import wrong_type as _wrong_type

T = TypeVar("T", bound="ModelCcapiInfo")

# The fields the spec names; from_dict keeps any other key of the JSON object in additional_properties.
_FIELDS: frozenset[str] = frozenset(
    {
        "display_name",
        "type",
        "input_modalities",
        "output_modalities",
        "capabilities",
        "pricing",
        "supported_sizes",
        "max_duration",
    }
)


@_attrs_define(repr=False)
class ModelCcapiInfo:
    """What CCAPI knows of a model beyond the OpenAI fields.

    Attributes:
        display_name (str | Unset):
        type_ (ModelType | str | Unset):
        input_modalities (list[str] | Unset):
        output_modalities (list[str] | Unset):
        capabilities (ModelCapabilities | Unset):
        pricing (ModelPricing | Unset): Prices in `currency`; each is null where it does not apply.
        supported_sizes (list[str] | Unset):
        max_duration (float | None | Unset): The longest output in seconds, for audio and video models.
    """

    display_name: str | Unset = UNSET
    type_: ModelType | str | Unset = UNSET
    input_modalities: list[str] | Unset = UNSET
    output_modalities: list[str] | Unset = UNSET
    capabilities: ModelCapabilities | Unset = UNSET
    pricing: ModelPricing | Unset = UNSET
    supported_sizes: list[str] | Unset = UNSET
    max_duration: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The `X-Request-Id` of the response this model came in, when it is a call's result (the openai package's name)."""

    def to_dict(self) -> dict[str, Any]:
        display_name = self.display_name

        type_: str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        elif isinstance(self.type_, ModelType):
            type_ = self.type_.value
        else:
            type_ = self.type_

        input_modalities: list[str] | Unset = UNSET
        if not isinstance(self.input_modalities, Unset):
            input_modalities = self.input_modalities

        output_modalities: list[str] | Unset = UNSET
        if not isinstance(self.output_modalities, Unset):
            output_modalities = self.output_modalities

        capabilities: dict[str, Any] | Unset = UNSET
        if not isinstance(self.capabilities, Unset):
            capabilities = self.capabilities.to_dict()

        pricing: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pricing, Unset):
            pricing = self.pricing.to_dict()

        supported_sizes: list[str] | Unset = UNSET
        if not isinstance(self.supported_sizes, Unset):
            supported_sizes = self.supported_sizes

        max_duration: float | None | Unset
        if isinstance(self.max_duration, Unset):
            max_duration = UNSET
        else:
            max_duration = self.max_duration

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if type_ is not UNSET:
            field_dict["type"] = type_
        if input_modalities is not UNSET:
            field_dict["input_modalities"] = input_modalities
        if output_modalities is not UNSET:
            field_dict["output_modalities"] = output_modalities
        if capabilities is not UNSET:
            field_dict["capabilities"] = capabilities
        if pricing is not UNSET:
            field_dict["pricing"] = pricing
        if supported_sizes is not UNSET:
            field_dict["supported_sizes"] = supported_sizes
        if max_duration is not UNSET:
            field_dict["max_duration"] = max_duration

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        # Read in place, not from a copy with each field popped: a stream decodes thousands of these a second.
        d = src_dict
        display_name = d.get("display_name", UNSET)
        if display_name is not None and (not isinstance(display_name, str)):
            raise _wrong_type("ModelCcapiInfo.display_name", "str", display_name)

        type_ = d.get("type", UNSET)
        if type_ is not None:

            def _parse_type_(data: object) -> ModelType | str | Unset:
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    type_type_0 = ModelType(data)

                    return type_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if isinstance(data, str):
                    return data
                raise TypeError(f"type cannot be {type(data).__name__}")

            type_ = _parse_type_(type_)

        input_modalities = cast(list[str], d.get("input_modalities", UNSET))

        output_modalities = cast(list[str], d.get("output_modalities", UNSET))

        _capabilities = d.get("capabilities", UNSET)
        capabilities: ModelCapabilities | Unset
        if isinstance(_capabilities, Unset):
            capabilities = UNSET
        else:
            capabilities = ModelCapabilities.from_dict(_capabilities)

        _pricing = d.get("pricing", UNSET)
        pricing: ModelPricing | Unset
        if isinstance(_pricing, Unset):
            pricing = UNSET
        else:
            pricing = ModelPricing.from_dict(_pricing)

        supported_sizes = cast(list[str], d.get("supported_sizes", UNSET))

        max_duration = d.get("max_duration", UNSET)
        if max_duration is not None and not isinstance(
            max_duration,
            (
                int,
                float,
            ),
        ):
            raise TypeError(f"max_duration cannot be {type(max_duration).__name__}")

        if cls is ModelCcapiInfo:
            # Filled in place, without attrs' __init__ and its keyword arguments: a stream decodes thousands of
            # these a second. A subclass (a result with media) may add fields of its own: it goes through __init__.
            model_ccapi_info = object.__new__(cls)
            model_ccapi_info.display_name = display_name
            model_ccapi_info.type_ = type_
            model_ccapi_info.input_modalities = input_modalities
            model_ccapi_info.output_modalities = output_modalities
            model_ccapi_info.capabilities = capabilities
            model_ccapi_info.pricing = pricing
            model_ccapi_info.supported_sizes = supported_sizes
            model_ccapi_info.max_duration = max_duration
            model_ccapi_info._request_id = None
        else:
            model_ccapi_info = cls(
                display_name=display_name,
                type_=type_,
                input_modalities=input_modalities,
                output_modalities=output_modalities,
                capabilities=capabilities,
                pricing=pricing,
                supported_sizes=supported_sizes,
                max_duration=max_duration,
            )

        extra = (
            {} if _FIELDS.issuperset(d) else {key: value for key, value in d.items() if key not in _FIELDS}
        )
        model_ccapi_info.additional_properties = extra
        return model_ccapi_info

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
                "display_name",
                "type_",
                "input_modalities",
                "output_modalities",
                "capabilities",
                "pricing",
                "supported_sizes",
                "max_duration",
            ),
        )

    def __repr__(self) -> str:
        return _show(
            self,
            (
                "display_name",
                "type_",
                "input_modalities",
                "output_modalities",
                "capabilities",
                "pricing",
                "supported_sizes",
                "max_duration",
            ),
        )

    @property
    def type(self) -> ModelType | str | Unset:
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


from ..models.model_capabilities import ModelCapabilities
from ..models.model_pricing import ModelPricing
