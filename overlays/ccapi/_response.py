"""Raw access to a call's HTTP response: status, headers and request id, with the decoded result."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Generic, ParamSpec, TypeVar

import attrs
import httpx

from ._core import RAW_RESPONSE_MARKER

T = TypeVar("T")
P = ParamSpec("P")


@attrs.frozen
class APIResponse(Generic[T]):
    """The HTTP response of one call and its decoded result (`parse()`)."""

    http_response: httpx.Response
    _parsed: T = attrs.field(alias="parsed")
    retries_taken: int = 0

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        """The `X-Request-Id` to quote to support."""
        request_id: str | None = self.http_response.headers.get("x-request-id")
        return request_id

    @property
    def elapsed(self) -> float:
        """Seconds from sending the (last) request to reading the response."""
        return self.http_response.elapsed.total_seconds()

    def parse(self) -> T:
        """The decoded result, as the plain call would have returned it."""
        return self._parsed


def _with_marker(kwargs: dict[str, Any]) -> dict[str, Any]:
    extra: Mapping[str, str] = kwargs.get("extra_headers") or {}
    return {**kwargs, "extra_headers": {**extra, RAW_RESPONSE_MARKER: "true"}}


def to_raw_response(method: Callable[P, T]) -> Callable[P, APIResponse[T]]:
    """Wrap a public method so that it returns APIResponse[T] instead of T, with the same parameters."""

    @functools.wraps(method)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[T]:
        result: Any = method(*args, **_with_marker(kwargs))
        return result  # type: ignore[no-any-return]

    return wrapped


def to_async_raw_response(method: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[APIResponse[T]]]:
    """The async form of to_raw_response."""

    @functools.wraps(method)
    async def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[T]:
        result: Any = await method(*args, **_with_marker(kwargs))
        return result  # type: ignore[no-any-return]

    return wrapped
