"""Raw access to a call's HTTP response: status, headers and request id, with the decoded result."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Generic, ParamSpec, TypeVar

import httpx

from ._settings import RAW_RESPONSE_MARKER

T = TypeVar("T")
P = ParamSpec("P")


class APIResponse(Generic[T]):
    """The HTTP response of one call and its decoded result (`parse()`)."""

    __slots__ = ("_parsed", "http_response", "retries_taken")

    def __init__(self, http_response: httpx.Response, parsed: T, retries_taken: int = 0) -> None:
        self.http_response = http_response
        self._parsed = parsed
        self.retries_taken = retries_taken
        """Retries the call took before this response (0 when the first attempt answered)."""

    def __repr__(self) -> str:
        return f"<APIResponse [{self.status_code}] request_id={self.request_id!r} retries_taken={self.retries_taken}>"

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


class StreamedResponse(Generic[T]):
    """What `with_streaming_response` methods return: the call, made when the `with` block starts."""

    def __init__(self, call: Callable[[], T]) -> None:
        self._call = call

    def __enter__(self) -> T:
        return self._call()

    def __exit__(self, *exc_info: object) -> None:
        return None


class AsyncStreamedResponse(Generic[T]):
    """The async form of StreamedResponse: `async with ... as response`."""

    def __init__(self, call: Callable[[], Awaitable[T]]) -> None:
        self._call = call

    async def __aenter__(self) -> T:
        return await self._call()

    async def __aexit__(self, *exc_info: object) -> None:
        return None


def to_streamed_response(method: Callable[P, T]) -> Callable[P, StreamedResponse[T]]:
    """Wrap a public method so that it is used as a context manager."""

    @functools.wraps(method)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> StreamedResponse[T]:
        return StreamedResponse(lambda: method(*args, **kwargs))

    return wrapped


def to_async_streamed_response(method: Callable[P, Awaitable[T]]) -> Callable[P, AsyncStreamedResponse[T]]:
    """The async form of to_streamed_response."""

    @functools.wraps(method)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> AsyncStreamedResponse[T]:
        return AsyncStreamedResponse(lambda: method(*args, **kwargs))

    return wrapped
