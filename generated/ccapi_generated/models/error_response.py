from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import show as _show
from ..types import to_json as _to_json

T = TypeVar("T", bound="ErrorResponse")


@_attrs_define(repr=False)
class ErrorResponse:
    """The body of every error response.

    Attributes:
        error (ErrorObject): What went wrong, in a form a program can branch on (`type`, `code`) and a person can read
            (`message`).
    """

    error: ErrorObject
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        error = ErrorObject.from_dict(d.pop("error"))

        error_response = cls(
            error=error,
        )

        error_response.additional_properties = d
        return error_response

    def to_json(self, *, indent: int | None = None) -> str:
        """The model as JSON, as the API sends it."""
        return _to_json(self.to_dict(), indent)

    def __repr__(self) -> str:
        return _show(self, ("error",))

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


from ..models.error_object import ErrorObject
