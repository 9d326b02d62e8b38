from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import fields_set as _fields_set
from ..types import show as _show
from ..types import to_json as _to_json
from ..types import wrong_type as _wrong_type

T = TypeVar("T", bound="ProviderListResponse")

# The fields the spec names; from_dict keeps any other key of the JSON object in additional_properties.
_FIELDS: frozenset[str] = frozenset(
    {
        "object",
        "data",
        "total",
        "limit",
        "offset",
        "has_more",
    }
)


@_attrs_define(repr=False)
class ProviderListResponse:
    """One page of providers.

    Attributes:
        object_ (str):
        data (list[ProviderSummary]):
        total (int):
        limit (int):
        offset (int):
        has_more (bool):
    """

    object_: str
    data: list[ProviderSummary]
    total: int
    limit: int
    offset: int
    has_more: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The `X-Request-Id` of the response this model came in, when it is a call's result (the openai package's name)."""

    def to_dict(self) -> dict[str, Any]:
        object_ = self.object_

        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        total = self.total

        limit = self.limit

        offset = self.offset

        has_more = self.has_more

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "object": object_,
                "data": data,
                "total": total,
                "limit": limit,
                "offset": offset,
                "has_more": has_more,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        # Read in place, not from a copy with each field popped: a stream decodes thousands of these a second.
        d = src_dict
        object_ = d["object"]
        if not isinstance(object_, str):
            raise _wrong_type("ProviderListResponse.object", "str", object_)

        data = []
        _data = d["data"]
        for data_item_data in _data:
            data_item = ProviderSummary.from_dict(data_item_data)

            data.append(data_item)

        total = d["total"]
        if type(total) is not int and (isinstance(total, bool) or not isinstance(total, int)):
            raise _wrong_type("ProviderListResponse.total", "int", total)

        limit = d["limit"]
        if type(limit) is not int and (isinstance(limit, bool) or not isinstance(limit, int)):
            raise _wrong_type("ProviderListResponse.limit", "int", limit)

        offset = d["offset"]
        if type(offset) is not int and (isinstance(offset, bool) or not isinstance(offset, int)):
            raise _wrong_type("ProviderListResponse.offset", "int", offset)

        has_more = d["has_more"]
        if not isinstance(has_more, bool):
            raise _wrong_type("ProviderListResponse.has_more", "bool", has_more)

        if cls is ProviderListResponse:
            # Filled in place, without attrs' __init__ and its keyword arguments: a stream decodes thousands of
            # these a second. A subclass (a result with media) may add fields of its own: it goes through __init__.
            provider_list_response = object.__new__(cls)
            provider_list_response.object_ = object_
            provider_list_response.data = data
            provider_list_response.total = total
            provider_list_response.limit = limit
            provider_list_response.offset = offset
            provider_list_response.has_more = has_more
            provider_list_response._request_id = None
        else:
            provider_list_response = cls(
                object_=object_,
                data=data,
                total=total,
                limit=limit,
                offset=offset,
                has_more=has_more,
            )

        # Keys beyond the fields: none when d holds as many keys as the fields it has (the required ones are there, or
        # reading them failed above); counted, cheaper than going through its keys when most fields are required.
        extra = {} if len(d) == 6 else {key: value for key, value in d.items() if key not in _FIELDS}
        provider_list_response.additional_properties = extra
        return provider_list_response

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
                "object_",
                "data",
                "total",
                "limit",
                "offset",
                "has_more",
            ),
        )

    def __repr__(self) -> str:
        return _show(
            self,
            (
                "object_",
                "data",
                "total",
                "limit",
                "offset",
                "has_more",
            ),
        )

    @property
    def object(self) -> str:
        """`object_`, by its name in the API."""
        return self.object_

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


from ..models.provider_summary import ProviderSummary
