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

T = TypeVar("T", bound="ModelPricing")

# The fields the spec names; from_dict keeps any other key of the JSON object in additional_properties.
_FIELDS: frozenset[str] = frozenset(
    {
        "input_cost_per_million",
        "output_cost_per_million",
        "per_image_cost",
        "per_second_cost",
        "currency",
    }
)


@_attrs_define(repr=False)
class ModelPricing:
    """Prices in `currency`; each is null where it does not apply.

    Attributes:
        input_cost_per_million (float | None | Unset):
        output_cost_per_million (float | None | Unset):
        per_image_cost (float | None | Unset):
        per_second_cost (float | None | Unset):
        currency (str | Unset):
    """

    input_cost_per_million: float | None | Unset = UNSET
    output_cost_per_million: float | None | Unset = UNSET
    per_image_cost: float | None | Unset = UNSET
    per_second_cost: float | None | Unset = UNSET
    currency: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The `X-Request-Id` of the response this model came in, when it is a call's result (the openai package's name)."""

    def to_dict(self) -> dict[str, Any]:
        input_cost_per_million: float | None | Unset
        if isinstance(self.input_cost_per_million, Unset):
            input_cost_per_million = UNSET
        else:
            input_cost_per_million = self.input_cost_per_million

        output_cost_per_million: float | None | Unset
        if isinstance(self.output_cost_per_million, Unset):
            output_cost_per_million = UNSET
        else:
            output_cost_per_million = self.output_cost_per_million

        per_image_cost: float | None | Unset
        if isinstance(self.per_image_cost, Unset):
            per_image_cost = UNSET
        else:
            per_image_cost = self.per_image_cost

        per_second_cost: float | None | Unset
        if isinstance(self.per_second_cost, Unset):
            per_second_cost = UNSET
        else:
            per_second_cost = self.per_second_cost

        currency = self.currency

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if input_cost_per_million is not UNSET:
            field_dict["input_cost_per_million"] = input_cost_per_million
        if output_cost_per_million is not UNSET:
            field_dict["output_cost_per_million"] = output_cost_per_million
        if per_image_cost is not UNSET:
            field_dict["per_image_cost"] = per_image_cost
        if per_second_cost is not UNSET:
            field_dict["per_second_cost"] = per_second_cost
        if currency is not UNSET:
            field_dict["currency"] = currency

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        # Read in place, not from a copy with each field popped: a stream decodes thousands of these a second.
        d = src_dict
        input_cost_per_million = d.get("input_cost_per_million", UNSET)
        if input_cost_per_million is not None and not isinstance(
            input_cost_per_million,
            (
                int,
                float,
            ),
        ):
            raise TypeError(f"input_cost_per_million cannot be {type(input_cost_per_million).__name__}")

        output_cost_per_million = d.get("output_cost_per_million", UNSET)
        if output_cost_per_million is not None and not isinstance(
            output_cost_per_million,
            (
                int,
                float,
            ),
        ):
            raise TypeError(f"output_cost_per_million cannot be {type(output_cost_per_million).__name__}")

        per_image_cost = d.get("per_image_cost", UNSET)
        if per_image_cost is not None and not isinstance(
            per_image_cost,
            (
                int,
                float,
            ),
        ):
            raise TypeError(f"per_image_cost cannot be {type(per_image_cost).__name__}")

        per_second_cost = d.get("per_second_cost", UNSET)
        if per_second_cost is not None and not isinstance(
            per_second_cost,
            (
                int,
                float,
            ),
        ):
            raise TypeError(f"per_second_cost cannot be {type(per_second_cost).__name__}")

        currency = d.get("currency", UNSET)
        if currency is not None and (not isinstance(currency, str)):
            raise _wrong_type("ModelPricing.currency", "str", currency)

        if cls is ModelPricing:
            # Filled in place, without attrs' __init__ and its keyword arguments: a stream decodes thousands of
            # these a second. A subclass (a result with media) may add fields of its own: it goes through __init__.
            model_pricing = object.__new__(cls)
            model_pricing.input_cost_per_million = input_cost_per_million
            model_pricing.output_cost_per_million = output_cost_per_million
            model_pricing.per_image_cost = per_image_cost
            model_pricing.per_second_cost = per_second_cost
            model_pricing.currency = currency
            model_pricing._request_id = None
        else:
            model_pricing = cls(
                input_cost_per_million=input_cost_per_million,
                output_cost_per_million=output_cost_per_million,
                per_image_cost=per_image_cost,
                per_second_cost=per_second_cost,
                currency=currency,
            )

        extra = (
            {} if _FIELDS.issuperset(d) else {key: value for key, value in d.items() if key not in _FIELDS}
        )
        model_pricing.additional_properties = extra
        return model_pricing

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
                "input_cost_per_million",
                "output_cost_per_million",
                "per_image_cost",
                "per_second_cost",
                "currency",
            ),
        )

    def __repr__(self) -> str:
        return _show(
            self,
            (
                "input_cost_per_million",
                "output_cost_per_million",
                "per_image_cost",
                "per_second_cost",
                "currency",
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
