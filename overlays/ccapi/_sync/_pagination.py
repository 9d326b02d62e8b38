# generated from overlays/ccapi/_async/_pagination.py by tools/unasync.py; do not edit
"""Pages of a list (`SyncPage[T]`): iterate every item across pages, fetched as they are needed, or one page at a
time. When iteration ends is described in `ccapi._pagination`, which holds what does no I/O."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Protocol

from .._pagination import T, _PageBase
from .._requests import raw

if TYPE_CHECKING:
    from .._operation import Operation, Parts
    from .._response import APIResponse
    from .._settings import CallOptions


class SyncPage(_PageBase[T]):
    """One page. Iterating it (`for`) yields every item from here to the last page, fetching pages as needed."""

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
            for item in page.data:
                yield item


class Caller(Protocol):
    """What pages need of a client: one call."""

    def call(self, op: Operation[Any], path: str, query: Any, body: Any, options: CallOptions) -> Any: ...


def first_page(
    client: Caller, op: Operation[Any], build: Callable[[int], Parts], offset: int, options: CallOptions
) -> SyncPage[Any]:
    """The page at `offset` (for async code, a pager that gives it); it fetches the pages after it as they are needed
    (`build(offset)` makes each call)."""

    def fetch(at: int) -> SyncPage[Any]:
        return SyncPage(client.call(op, *build(at), raw(options)), fetch, at)

    return fetch(offset)
