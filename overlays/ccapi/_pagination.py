"""Offset pagination: iterate every item across pages lazily, or work with one page at a time.

Iteration ends at the last page, and also at a page that makes no progress (a server that ignores `offset` and
always says `has_more` would otherwise be read forever): a page that starts before the offset asked for is not
read, and a page that holds nothing ends it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from ._core import raw

if TYPE_CHECKING:
    import httpx

    from ._core import CallOptions
    from ._operation import Operation, Parts
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


class SyncPage(_PageBase[T]):
    """One page. Iterating it yields every item from here to the last page, fetching pages as needed."""

    def __init__(
        self, raw: APIResponse[Any], fetch: Callable[[int], SyncPage[T]], requested: int | None = None
    ) -> None:
        super().__init__(raw, requested)
        self._fetch = fetch

    def next_page(self) -> SyncPage[T] | None:
        """The next page, fetched now, or None after the last."""
        offset = self.next_offset
        return None if offset is None else self._fetch(offset)

    def iter_pages(self) -> Iterator[SyncPage[T]]:
        """This page and each following one."""
        page: SyncPage[T] | None = self
        while page is not None and page.advances:
            yield page
            page = page.next_page()

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.data


class AsyncPage(_PageBase[T]):
    """One page; `async for` over it yields every item from here to the last page."""

    def __init__(
        self, raw: APIResponse[Any], fetch: Callable[[int], Awaitable[AsyncPage[T]]], requested: int | None = None
    ) -> None:
        super().__init__(raw, requested)
        self._fetch = fetch

    async def next_page(self) -> AsyncPage[T] | None:
        """The next page, fetched now, or None after the last."""
        offset = self.next_offset
        return None if offset is None else await self._fetch(offset)

    async def iter_pages(self) -> AsyncIterator[AsyncPage[T]]:
        """This page and each following one."""
        page: AsyncPage[T] | None = self
        while page is not None and page.advances:
            yield page
            page = await page.next_page()

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.data:
                yield item


class AsyncPager(Generic[T]):
    """What async `list()` returns: `await` it for the first page, or `async for` over every item."""

    def __init__(self, first: Callable[[], Awaitable[AsyncPage[T]]]) -> None:
        self._first = first

    def __await__(self) -> Generator[Any, None, AsyncPage[T]]:
        return self._first().__await__()

    async def __aiter__(self) -> AsyncIterator[T]:
        page = await self._first()
        async for item in page:
            yield item


class Caller(Protocol):
    """What pages need of a client: one call."""

    def call(self, op: Operation[Any], path: str, query: Any, body: Any, options: CallOptions) -> Any: ...


class AsyncCaller(Protocol):
    async def call(self, op: Operation[Any], path: str, query: Any, body: Any, options: CallOptions) -> Any: ...


def first_page(
    client: Caller, op: Operation[Any], build: Callable[[int], Parts], offset: int, options: CallOptions
) -> SyncPage[Any]:
    """The page at `offset`; it fetches the pages after it as they are needed (`build(offset)` makes each call)."""

    def fetch(at: int) -> SyncPage[Any]:
        return SyncPage(client.call(op, *build(at), raw(options)), fetch, at)

    return fetch(offset)


def async_pager(
    client: AsyncCaller, op: Operation[Any], build: Callable[[int], Parts], offset: int, options: CallOptions
) -> AsyncPager[Any]:
    """`await` it for the page at `offset`, or `async for` over every item from there."""

    async def fetch(at: int) -> AsyncPage[Any]:
        return AsyncPage(await client.call(op, *build(at), raw(options)), fetch, at)

    return AsyncPager(lambda: fetch(offset))
