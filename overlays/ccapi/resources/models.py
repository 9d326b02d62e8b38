"""``client.models``: the model catalog, paged lazily."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .._core import CallOptions, Timeout
from .._pagination import AsyncPage, AsyncPager, SyncPage
from ._params import check_range, enum_value

if TYPE_CHECKING:
    from ccapi_generated.models import ModelSortField, ModelSummary, SortOrder

    from .._async_client import AsyncCCAPI
    from .._client import CCAPI


def list_arguments(
    *, provider: str | None, type: str | None, sort: ModelSortField | str | None, order: SortOrder | str | None,
    limit: int | None, offset: int,
) -> dict[str, Any]:  # fmt: skip
    """The generated list_models arguments, checked."""
    from ccapi_generated.models import ModelSortField, SortOrder
    from ccapi_generated.types import UNSET

    check_range(limit, "limit", minimum=1, maximum=100)
    check_range(offset, "offset", minimum=0)
    sort_value, order_value = enum_value(ModelSortField, sort, "sort"), enum_value(SortOrder, order, "order")
    return {
        "provider": UNSET if provider is None else provider,
        "type_": UNSET if type is None else type,
        "sort": UNSET if sort_value is None else ModelSortField(sort_value),
        "order": UNSET if order_value is None else SortOrder(order_value),
        "limit": UNSET if limit is None else limit,
        "offset": offset,
    }


class Models:
    """``client.models``."""

    def __init__(self, client: CCAPI) -> None:
        self._client = client

    def list(
        self,
        *,
        provider: str | None = None,
        type: str | None = None,
        sort: ModelSortField | str | None = None,
        order: SortOrder | str | None = None,
        limit: int | None = None,
        offset: int = 0,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
    ) -> SyncPage[ModelSummary]:
        """The first page of matching models (`limit` per page). Iterate it for every model across pages."""
        from ccapi_generated.api.catalog import list_models
        from ccapi_generated.models import ModelListResponse

        arguments = list_arguments(provider=provider, type=type, sort=sort, order=order, limit=limit, offset=offset)
        options = CallOptions(timeout, max_retries, extra_headers, extra_query)

        def fetch(at: int) -> SyncPage[ModelSummary]:
            raw = self._client._request_raw(list_models, ModelListResponse, options, **{**arguments, "offset": at})
            return SyncPage(raw, fetch)

        return fetch(offset)


class AsyncModels:
    """``client.models`` of AsyncCCAPI."""

    def __init__(self, client: AsyncCCAPI) -> None:
        self._client = client

    def list(
        self,
        *,
        provider: str | None = None,
        type: str | None = None,
        sort: ModelSortField | str | None = None,
        order: SortOrder | str | None = None,
        limit: int | None = None,
        offset: int = 0,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
    ) -> AsyncPager[ModelSummary]:
        """`await` it for the first page, or `async for` over every matching model across pages."""
        from ccapi_generated.api.catalog import list_models
        from ccapi_generated.models import ModelListResponse

        arguments = list_arguments(provider=provider, type=type, sort=sort, order=order, limit=limit, offset=offset)
        options = CallOptions(timeout, max_retries, extra_headers, extra_query)

        async def fetch(at: int) -> AsyncPage[ModelSummary]:
            raw = await self._client._request_raw(
                list_models, ModelListResponse, options, **{**arguments, "offset": at}
            )
            return AsyncPage(raw, fetch)

        return AsyncPager(lambda: fetch(offset))
