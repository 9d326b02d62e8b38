from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.execution_mode import ExecutionMode
from ..models.image_operation import ImageOperation
from ..types import UNSET, Unset
from ..types import fields_set as _fields_set
from ..types import show as _show
from ..types import to_json as _to_json
from ..types import wrong_type as _wrong_type

T = TypeVar("T", bound="ImageExecution")

# The fields the spec names; from_dict keeps any other key of the JSON object in additional_properties.
_FIELDS: frozenset[str] = frozenset(
    {
        "mode",
        "operation",
        "provider",
    }
)


@_attrs_define(repr=False)
class ImageExecution:
    """How the request is executed.

    Attributes:
        mode (ExecutionMode | str | Unset):
        operation (ImageOperation | str | Unset):
        provider (str | Unset):
    """

    mode: ExecutionMode | str | Unset = UNSET
    operation: ImageOperation | str | Unset = UNSET
    provider: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The `X-Request-Id` of the response this model came in, when it is a call's result (the openai package's name)."""

    def to_dict(self) -> dict[str, Any]:
        mode: str | Unset
        if isinstance(self.mode, Unset):
            mode = UNSET
        elif isinstance(self.mode, ExecutionMode):
            mode = self.mode.value
        else:
            mode = self.mode

        operation: str | Unset
        if isinstance(self.operation, Unset):
            operation = UNSET
        elif isinstance(self.operation, ImageOperation):
            operation = self.operation.value
        else:
            operation = self.operation

        provider = self.provider

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if mode is not UNSET:
            field_dict["mode"] = mode
        if operation is not UNSET:
            field_dict["operation"] = operation
        if provider is not UNSET:
            field_dict["provider"] = provider

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        # Read in place, not from a copy with each field popped: a stream decodes thousands of these a second.
        d = src_dict
        mode = d.get("mode", UNSET)
        if mode is not None:

            def _parse_mode(data: object) -> ExecutionMode | str | Unset:
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    mode_type_0 = ExecutionMode(data)

                    return mode_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if isinstance(data, str):
                    return data
                raise TypeError(f"mode cannot be {type(data).__name__}")

            mode = _parse_mode(mode)

        operation = d.get("operation", UNSET)
        if operation is not None:

            def _parse_operation(data: object) -> ImageOperation | str | Unset:
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    operation_type_0 = ImageOperation(data)

                    return operation_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if isinstance(data, str):
                    return data
                raise TypeError(f"operation cannot be {type(data).__name__}")

            operation = _parse_operation(operation)

        provider = d.get("provider", UNSET)
        if provider is not None and (not isinstance(provider, str)):
            raise _wrong_type("ImageExecution.provider", "str", provider)

        if cls is ImageExecution:
            # Filled in place, without attrs' __init__ and its keyword arguments: a stream decodes thousands of
            # these a second. A subclass (a result with media) may add fields of its own: it goes through __init__.
            image_execution = object.__new__(cls)
            image_execution.mode = mode
            image_execution.operation = operation
            image_execution.provider = provider
            image_execution._request_id = None
        else:
            image_execution = cls(
                mode=mode,
                operation=operation,
                provider=provider,
            )

        extra = (
            {} if _FIELDS.issuperset(d) else {key: value for key, value in d.items() if key not in _FIELDS}
        )
        image_execution.additional_properties = extra
        return image_execution

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
                "mode",
                "operation",
                "provider",
            ),
        )

    def __repr__(self) -> str:
        return _show(
            self,
            (
                "mode",
                "operation",
                "provider",
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
