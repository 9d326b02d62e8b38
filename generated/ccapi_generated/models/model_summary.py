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

T = TypeVar("T", bound="ModelSummary")

# The fields the spec names; from_dict keeps any other key of the JSON object in additional_properties.
_FIELDS: frozenset[str] = frozenset(
    {
        "id",
        "object",
        "created",
        "owned_by",
        "provider",
        "ccapi",
    }
)


@_attrs_define(repr=False)
class ModelSummary:
    """One model of the catalog.

    Attributes:
        id (str):
        object_ (str | Unset): Always `model`.
        created (int | Unset):
        owned_by (str | Unset):
        provider (ModelProviderInfo | Unset): The provider of a model.
        ccapi (ModelCcapiInfo | Unset): What CCAPI knows of a model beyond the OpenAI fields.
    """

    id: str
    object_: str | Unset = UNSET
    created: int | Unset = UNSET
    owned_by: str | Unset = UNSET
    provider: ModelProviderInfo | Unset = UNSET
    ccapi: ModelCcapiInfo | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The `X-Request-Id` of the response this model came in, when it is a call's result (the openai package's name)."""

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_ = self.object_

        created = self.created

        owned_by = self.owned_by

        provider: dict[str, Any] | Unset = UNSET
        if not isinstance(self.provider, Unset):
            provider = self.provider.to_dict()

        ccapi: dict[str, Any] | Unset = UNSET
        if not isinstance(self.ccapi, Unset):
            ccapi = self.ccapi.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if object_ is not UNSET:
            field_dict["object"] = object_
        if created is not UNSET:
            field_dict["created"] = created
        if owned_by is not UNSET:
            field_dict["owned_by"] = owned_by
        if provider is not UNSET:
            field_dict["provider"] = provider
        if ccapi is not UNSET:
            field_dict["ccapi"] = ccapi

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        # Read in place, not from a copy with each field popped: a stream decodes thousands of these a second.
        d = src_dict
        id = d["id"]
        if not isinstance(id, str):
            raise _wrong_type("ModelSummary.id", "str", id)

        object_ = d.get("object", UNSET)
        if object_ is not None and (not isinstance(object_, str)):
            raise _wrong_type("ModelSummary.object", "str", object_)

        created = d.get("created", UNSET)
        if (
            created is not None
            and type(created) is not int
            and (isinstance(created, bool) or not isinstance(created, int))
        ):
            raise _wrong_type("ModelSummary.created", "int", created)

        owned_by = d.get("owned_by", UNSET)
        if owned_by is not None and (not isinstance(owned_by, str)):
            raise _wrong_type("ModelSummary.owned_by", "str", owned_by)

        _provider = d.get("provider", UNSET)
        provider: ModelProviderInfo | Unset
        if isinstance(_provider, Unset):
            provider = UNSET
        else:
            provider = ModelProviderInfo.from_dict(_provider)

        _ccapi = d.get("ccapi", UNSET)
        ccapi: ModelCcapiInfo | Unset
        if isinstance(_ccapi, Unset):
            ccapi = UNSET
        else:
            ccapi = ModelCcapiInfo.from_dict(_ccapi)

        if cls is ModelSummary:
            # Filled in place, without attrs' __init__ and its keyword arguments: a stream decodes thousands of
            # these a second. A subclass (a result with media) may add fields of its own: it goes through __init__.
            model_summary = object.__new__(cls)
            model_summary.id = id
            model_summary.object_ = object_
            model_summary.created = created
            model_summary.owned_by = owned_by
            model_summary.provider = provider
            model_summary.ccapi = ccapi
            model_summary._request_id = None
        else:
            model_summary = cls(
                id=id,
                object_=object_,
                created=created,
                owned_by=owned_by,
                provider=provider,
                ccapi=ccapi,
            )

        extra = (
            {} if _FIELDS.issuperset(d) else {key: value for key, value in d.items() if key not in _FIELDS}
        )
        model_summary.additional_properties = extra
        return model_summary

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
                "object_",
                "created",
                "owned_by",
                "provider",
                "ccapi",
            ),
        )

    def __repr__(self) -> str:
        return _show(
            self,
            (
                "id",
                "object_",
                "created",
                "owned_by",
                "provider",
                "ccapi",
            ),
        )

    @property
    def object(self) -> str | Unset:
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


from ..models.model_ccapi_info import ModelCcapiInfo
from ..models.model_provider_info import ModelProviderInfo
