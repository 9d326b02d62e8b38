from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.error_type import ErrorType
from ..types import UNSET, Unset
from ..types import fields_set as _fields_set
from ..types import show as _show
from ..types import to_json as _to_json
from ..types import wrong_type as _wrong_type

T = TypeVar("T", bound="ErrorObject")

# The fields the spec names; from_dict keeps any other key of the JSON object in additional_properties.
_FIELDS: frozenset[str] = frozenset(
    {
        "message",
        "type",
        "code",
        "details",
    }
)


@_attrs_define(repr=False)
class ErrorObject:
    """What went wrong, in a form a program can branch on (`type`, `code`) and a person can read (`message`).

    Attributes:
        message (str): A human-readable explanation.
        type_ (ErrorType | str): The class of the error (open set).
        code (None | str | Unset): A finer, machine-readable code such as `unauthorized` or `insufficient_funds` (open
            set).
        details (ErrorDetails | Unset): Extra, error-specific data (for example the offending `field`).
    """

    message: str
    type_: ErrorType | str
    code: None | str | Unset = UNSET
    details: ErrorDetails | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The `X-Request-Id` of the response this model came in, when it is a call's result (the openai package's name)."""

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        type_: str
        if isinstance(self.type_, ErrorType):
            type_ = self.type_.value
        else:
            type_ = self.type_

        code: None | str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        else:
            code = self.code

        details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = self.details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
                "type": type_,
            }
        )
        if code is not UNSET:
            field_dict["code"] = code
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        # Read in place, not from a copy with each field popped: a stream decodes thousands of these a second.
        d = src_dict
        message = d["message"]
        if not isinstance(message, str):
            raise _wrong_type("ErrorObject.message", "str", message)

        def _parse_type_(data: object) -> ErrorType | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                type_type_0 = ErrorType(data)

                return type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if isinstance(data, str):
                return data
            raise TypeError(f"type cannot be {type(data).__name__}")

        type_ = _parse_type_(d["type"])

        code = d.get("code", UNSET)
        if code is not None and not isinstance(code, (str,)):
            raise TypeError(f"code cannot be {type(code).__name__}")

        _details = d.get("details", UNSET)
        details: ErrorDetails | Unset
        if isinstance(_details, Unset):
            details = UNSET
        else:
            details = ErrorDetails.from_dict(_details)

        if cls is ErrorObject:
            # Filled in place, without attrs' __init__ and its keyword arguments: a stream decodes thousands of
            # these a second. A subclass (a result with media) may add fields of its own: it goes through __init__.
            error_object = object.__new__(cls)
            error_object.message = message
            error_object.type_ = type_
            error_object.code = code
            error_object.details = details
            error_object._request_id = None
        else:
            error_object = cls(
                message=message,
                type_=type_,
                code=code,
                details=details,
            )

        extra = (
            {} if _FIELDS.issuperset(d) else {key: value for key, value in d.items() if key not in _FIELDS}
        )
        error_object.additional_properties = extra
        return error_object

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
                "message",
                "type_",
                "code",
                "details",
            ),
        )

    def __repr__(self) -> str:
        return _show(
            self,
            (
                "message",
                "type_",
                "code",
                "details",
            ),
        )

    @property
    def type(self) -> ErrorType | str:
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


from ..models.error_details import ErrorDetails
