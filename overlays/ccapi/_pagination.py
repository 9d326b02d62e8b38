"""Offset pagination: iterate every item across pages lazily, or work with one page at a time.

Iteration ends at the last page, and also at a page that makes no progress (a server that ignores `offset` and
always says `has_more` would otherwise be read forever): a page that starts before the offset asked for is not
read, and a page that holds nothing ends it.

This module holds what both kinds of page share, none of it I/O; the pages themselves are `_async._pagination` (the
source) and `_sync._pagination` (rewritten from it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

if TYPE_CHECKING:
    import httpx

    from ._response import APIResponse

T = TypeVar("T")


class ListResponse(Protocol[T]):
    """What ModelListResponse and ProviderListResponse have in common."""

    @property
    def data(self) -> list[T]: ...
    @property
    def total(self) -> int: ...
    @property
    def limit(self) -> int: ...
    @property
    def offset(self) -> int: ...
    @property
    def has_more(self) -> bool: ...


class _PageBase(Generic[T]):
    def __init__(self, raw: APIResponse[Any], requested: int | None = None) -> None:
        self.raw = raw
        """The HTTP response this page came in (status, headers, request id)."""
        self.response: ListResponse[T] = raw.parse()
        """The page as the server sent it (a generated list-response model)."""
        self._requested = self.response.offset if requested is None else requested

    @property
    def advances(self) -> bool:
        """Whether this page is the one asked for (it does not start before the offset requested)."""
        return self.response.offset >= self._requested

    @property
    def http_response(self) -> httpx.Response:
        return self.raw.http_response

    @property
    def request_id(self) -> str | None:
        """The `X-Request-Id` of the request that fetched this page."""
        return self.raw.request_id

    @property
    def data(self) -> list[T]:
        """The items on this page."""
        return self.response.data

    @property
    def total(self) -> int:
        """How many items match, over all pages."""
        return self.response.total

    @property
    def has_more(self) -> bool:
        return self.response.has_more

    @property
    def next_offset(self) -> int | None:
        """Where the next page starts, or None on the last page."""
        if not self.response.has_more or not self.response.data:
            return None
        following = self.response.offset + len(self.response.data)
        return following if following > self._requested else None

    def __repr__(self) -> str:
        shown = f"offset={self.response.offset}, items={len(self.data)}, total={self.total}"
        return f"{type(self).__name__}({shown}, has_more={self.has_more})"
