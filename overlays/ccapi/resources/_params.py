"""Turning keyword arguments into generated request models, with clear errors before anything is sent."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any, Protocol, TypeVar

E = TypeVar("E", bound=Enum)

_SIZE = re.compile(r"^[0-9]+x[0-9]+$")


class ToDict(Protocol):
    """A generated model."""

    def to_dict(self) -> dict[str, Any]: ...


def as_dict(value: ToDict | Mapping[str, Any], what: str) -> dict[str, Any]:
    """A generated model or a plain mapping, as a dict."""
    if isinstance(value, Mapping):
        return dict(value)
    if hasattr(value, "to_dict"):
        return value.to_dict()
    raise TypeError(f"{what} must be a dict or a ccapi model, not {type(value).__name__}")


def as_list(values: Iterable[ToDict | Mapping[str, Any]] | None, what: str) -> list[dict[str, Any]] | None:
    """A list of dicts from an iterable of models or mappings; a lone string or dict is a mistake."""
    if values is None:
        return None
    if isinstance(values, (str, bytes, Mapping)):
        raise TypeError(f"{what} must be a list, not a single {type(values).__name__}")
    return [as_dict(value, f"{what}[{index}]") for index, value in enumerate(values)]


def enum_value(enum: type[E], value: E | str | None, what: str) -> str | None:
    """The wire value of an enum argument, checked against the spec's values (via the generated enum)."""
    if value is None:
        return None
    try:
        return str(enum(value).value)
    except ValueError:
        allowed = ", ".join(repr(member.value) for member in enum)
        raise ValueError(f"{what} must be one of {allowed}, not {value!r}") from None


def check_range(value: float | None, what: str, *, minimum: float | None = None, maximum: float | None = None) -> None:
    """Raise ValueError if a number is out of the spec's range."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{what} must be a number, not {type(value).__name__}")
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        bounds = f"between {minimum} and {maximum}" if minimum is not None and maximum is not None else (
            f"at least {minimum}" if minimum is not None else f"at most {maximum}")  # fmt: skip
        raise ValueError(f"{what} must be {bounds}, not {value}")


def check_text(value: str, what: str, *, allow_empty: bool = False) -> str:
    """A required string argument."""
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a string, not {type(value).__name__}")
    if not value and not allow_empty:
        raise ValueError(f"{what} must not be empty")
    return value


def check_size(size: str | None) -> None:
    """`WIDTHxHEIGHT`, as the images API takes it."""
    if size is not None and not _SIZE.match(size):
        raise ValueError(f"size must look like '1024x1024' (WIDTHxHEIGHT), not {size!r}")


def compact(**fields: Any) -> dict[str, Any]:
    """The fields that were given (not None)."""
    return {name: value for name, value in fields.items() if value is not None}
