"""Contains some shared types for properties"""

import json
from collections.abc import Mapping, MutableMapping
from http import HTTPStatus
from types import NoneType
from typing import IO, Any, BinaryIO, Generic, TypeVar

from attrs import define

# mypy is told that this is None (the type), which is what it is at run time.
Unset = NoneType  # type: ignore[nonetype-type]

UNSET: None = None

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


def show(model: Any, names: tuple[str, ...]) -> str:
    """A model's repr: its class and the fields that have a value (and any fields the spec does not name)."""
    shown = [f"{name}={getattr(model, name)!r}" for name in names if getattr(model, name) is not None]
    extra = getattr(model, "additional_properties", None)
    if extra:
        shown.append(f"additional_properties={extra!r}")
    return f"{type(model).__name__}({', '.join(shown)})"


def wrong_type(where: str, expected: str, value: object) -> TypeError:
    """The error from_dict raises for a field whose JSON value is not of its type."""
    return TypeError(f"{where} must be {expected}, not {type(value).__name__}")


def fields_set(model: Any, names: tuple[str, ...]) -> set[str]:
    """The fields of a model that have a value."""
    return {name for name in names if getattr(model, name) is not None}


def to_json(data: dict[str, Any], indent: int | None) -> str:
    """A model's `to_dict()` as JSON."""
    return json.dumps(data, indent=indent, ensure_ascii=False)


__all__ = ["UNSET", "File", "FileTypes", "RequestFiles", "Response", "Unset"]
