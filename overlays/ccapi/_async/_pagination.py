"""Pages of a list (`AsyncPage[T]`): iterate every item across pages, fetched as they are needed, or one page at a
time. When iteration ends is described in `ccapi._pagination`, which holds what does no I/O."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator
from typing import TYPE_CHECKING, Any, Generic, Protocol

from .._pagination import T, _PageBase
from .._requests import raw

if TYPE_CHECKING:
    from .._operation import Operation, Parts
    from .._response import APIResponse
    from .._settings import CallOptions


class AsyncPage(_PageBase[T]):
    """One page. Iterating it (`async for`) yields every item from here to the last page, fetching pages as needed."""

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


# unasync: begin async only
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


# unasync: end async only
class AsyncCaller(Protocol):
    """What pages need of a client: one call."""

    async def call(self, op: Operation[Any], path: str, query: Any, body: Any, options: CallOptions) -> Any: ...


def first_page(
    client: AsyncCaller, op: Operation[Any], build: Callable[[int], Parts], offset: int, options: CallOptions
) -> AsyncPager[Any]:
    """The page at `offset` (for async code, a pager that gives it); it fetches the pages after it as they are needed
    (`build(offset)` makes each call)."""

    async def fetch(at: int) -> AsyncPage[Any]:
        return AsyncPage(await client.call(op, *build(at), raw(options)), fetch, at)

    return AsyncPager(lambda: fetch(offset))  # unasync: return fetch(offset)
