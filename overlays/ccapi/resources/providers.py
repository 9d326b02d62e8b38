"""``client.providers``: the providers behind the gateway."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .._core import CallOptions, Timeout
from .._pagination import AsyncPage, AsyncPager, SyncPage
from .._response import to_async_raw_response, to_raw_response
from ._params import check_range, check_text

if TYPE_CHECKING:
    from ccapi_generated.models import ProviderDetailResponse, ProviderSummary

    from .._async_client import AsyncCCAPI
    from .._client import CCAPI


def _page_arguments(limit: int | None, offset: int) -> dict[str, Any]:
    from ccapi_generated.types import UNSET

    check_range(limit, "limit", minimum=1, maximum=100)
    check_range(offset, "offset", minimum=0)
    return {"limit": UNSET if limit is None else limit, "offset": offset}


class Providers:
    """``client.providers``."""

    def __init__(self, client: CCAPI) -> None:
        self._client = client
        self.with_raw_response = ProvidersWithRawResponse(self)

    def list(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
    ) -> SyncPage[ProviderSummary]:
        """The first page of providers. Iterate it for every provider across pages."""
        from ccapi_generated.api.catalog import list_providers
        from ccapi_generated.models import ProviderListResponse

        arguments = _page_arguments(limit, offset)
        options = CallOptions(timeout, max_retries, extra_headers, extra_query)

        def fetch(at: int) -> SyncPage[ProviderSummary]:
            raw = self._client._request_raw(
                list_providers, ProviderListResponse, options, **{**arguments, "offset": at}
            )
            return SyncPage(raw, fetch)

        return fetch(offset)

    def retrieve(
        self,
        name: str,
        *,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
    ) -> ProviderDetailResponse:
        """One provider and all of its models; NotFoundError if there is no such provider."""
        from ccapi_generated.api.catalog import get_provider
        from ccapi_generated.models import ProviderDetailResponse

        options = CallOptions(timeout, max_retries, extra_headers, extra_query)
        return self._client._request(get_provider, ProviderDetailResponse, options, check_text(name, "name"))


class ProvidersWithRawResponse:
    def __init__(self, providers: Providers) -> None:
        self.retrieve = to_raw_response(providers.retrieve)


class AsyncProviders:
    """``client.providers`` of AsyncCCAPI."""

    def __init__(self, client: AsyncCCAPI) -> None:
        self._client = client
        self.with_raw_response = AsyncProvidersWithRawResponse(self)

    def list(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
    ) -> AsyncPager[ProviderSummary]:
        """`await` it for the first page, or `async for` over every provider across pages."""
        from ccapi_generated.api.catalog import list_providers
        from ccapi_generated.models import ProviderListResponse

        arguments = _page_arguments(limit, offset)
        options = CallOptions(timeout, max_retries, extra_headers, extra_query)

        async def fetch(at: int) -> AsyncPage[ProviderSummary]:
            raw = await self._client._request_raw(
                list_providers, ProviderListResponse, options, **{**arguments, "offset": at}
            )
            return AsyncPage(raw, fetch)

        return AsyncPager(lambda: fetch(offset))

    async def retrieve(
        self,
        name: str,
        *,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
    ) -> ProviderDetailResponse:
        """One provider and all of its models; NotFoundError if there is no such provider."""
        from ccapi_generated.api.catalog import get_provider
        from ccapi_generated.models import ProviderDetailResponse

        options = CallOptions(timeout, max_retries, extra_headers, extra_query)
        return await self._client._request(get_provider, ProviderDetailResponse, options, check_text(name, "name"))


class AsyncProvidersWithRawResponse:
    def __init__(self, providers: AsyncProviders) -> None:
        self.retrieve = to_async_raw_response(providers.retrieve)
