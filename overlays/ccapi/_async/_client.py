"""The client: the generated resources (`client.chat`, ...) on the runtime. The sync and async clients take exactly
the same arguments; what they share besides I/O is `ccapi._core.ClientBase`."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, overload

import httpx
from ccapi_generated.resources._async import AsyncResources

from .. import _io
from .._core import ClientBase
from .._http import DefaultAsyncHttpxClient
from .._requests import custom_operation
from .._retry import RetryPolicy
from .._settings import DEFAULT_FIRST_BYTE_TIMEOUT, DEFAULT_TIMEOUT, CallOptions, Hook, M, Timeout
from ._pipeline import AsyncPipeline

if TYPE_CHECKING:
    from decimal import Decimal

    from .._downloads import AsyncMediaFiles
    from .._failover import FailoverPolicy
    from .._spend import AsyncSpend


class AsyncCCAPI(AsyncResources, ClientBase):
    """A client for CCAPI. Resources are attributes: ``client.chat.completions.create(...)``.

    The key comes from ``api_key`` or the ``CCAPI_API_KEY`` environment variable, the base URL from
    ``base_url``, ``CCAPI_BASE_URL`` or https://api.ccapi.ai/v1. Close the client (or use it as a context
    manager) to release its connections.

    `fallback_models=[...]` names models to go on with, in order, when a call's own model fails (its retries spent
    on a retryable error, a prompt too long for it, a stream broken or stalled): a stream that moves on begins again
    from scratch (`stream.restarts`). `first_byte_timeout` bounds the wait for a stream's headers, `total_timeout` a
    whole call across its attempts and models, and `failover` (a `FailoverPolicy`) when a stream moves on for want of
    a first event and how long a failing model is skipped. `max_repairs` is how many times `chat.completions.parse`
    asks again when an answer does not validate (1 by default).
    """

    _http: httpx.AsyncClient
    _pipeline: AsyncPipeline

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int | None = None,
        http_client: httpx.AsyncClient | None = None,
        default_headers: Mapping[str, str] | None = None,
        retry_policy: RetryPolicy | None = None,
        budget: Decimal | int | str | None = None,
        on_request: Hook | None = None,
        on_response: Hook | None = None,
        on_error: Hook | None = None,
        tracing: bool = True,
        trace_content: bool = False,
        tracer_provider: Any = None,
        meter_provider: Any = None,
        fallback_models: Sequence[str] | None = None,
        first_byte_timeout: float | None = DEFAULT_FIRST_BYTE_TIMEOUT,
        total_timeout: float | None = None,
        failover: FailoverPolicy | None = None,
        max_repairs: int = 1,
    ) -> None:
        self._configure(
            http_client, httpx.AsyncClient, DefaultAsyncHttpxClient, AsyncPipeline, _fetch_catalog,
            api_key=api_key, base_url=base_url, timeout=timeout, max_retries=max_retries, retry_policy=retry_policy,
            default_headers=default_headers, budget=budget, on_request=on_request, on_response=on_response,
            on_error=on_error, tracing=tracing, trace_content=trace_content, tracer_provider=tracer_provider,
            meter_provider=meter_provider, fallback_models=fallback_models, first_byte_timeout=first_byte_timeout,
            total_timeout=total_timeout, failover=failover, max_repairs=max_repairs,
        )  # fmt: skip

    @property
    def http_client(self) -> httpx.AsyncClient:
        """The httpx client that carries the requests."""
        return self._http

    @functools.cached_property
    def spend(self) -> AsyncSpend:
        """What this client and its with_options copies have spent, at the catalog's prices: `total`, `estimated`,
        `by_model`, `calls`, `reset()`. Counting costs nothing; `refresh_prices()` fetches the catalog's prices (an
        unbudgeted client's calls made before then are priced by it)."""
        from .._spend import AsyncSpend

        return AsyncSpend(self._pipeline.spending.observer, self._pipeline)

    async def cost_of(self, result: object) -> Decimal:
        """What a chat, speech or image result cost, in the catalog's currency, at the price of the model that
        served it (with failover, the one that answered). Fetches the catalog's prices if they are not known."""
        from .._prices import cost_of, model_of

        observer = self._pipeline.spending.observer
        if observer.prices.needs_loading(model_of(result)):
            await _io.async_settle(observer.refresh(self._pipeline))
        return cost_of(result, observer.prices)

    @functools.cached_property
    def media(self) -> AsyncMediaFiles:
        """Read or save images and speech, whether they came as a URL or as base64."""
        from .._downloads import AsyncMediaFiles

        return AsyncMediaFiles(self._pipeline)

    @overload
    async def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: type[M],
        params: Mapping[str, Any] | None = None,
        body: Any = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> M: ...
    @overload
    async def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: None = None,
        params: Mapping[str, Any] | None = None,
        body: Any = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Any: ...
    async def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: type[M] | None = None,
        params: Mapping[str, Any] | None = None,
        body: Any = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> M | Any:
        """Call any path under the base URL with the client's key, retries, timeouts and typed errors (for an
        operation the spec does not have yet). The parsed JSON, or a model of `cast_to` (a `ccapi.types` class)."""
        import ccapi_generated.resources._operations  # noqa: F401 (published, the spec's operations price their paths)

        op, path = custom_operation(method, path, cast_to)
        options = CallOptions(timeout, max_retries, extra_headers)
        return await self._pipeline.call(op, path, dict(params or {}), body, options)

    async def get(self, path: str, *, cast_to: type[M] | None = None, params: Mapping[str, Any] | None = None) -> Any:
        """`request("GET", path, ...)`."""
        return await self.request("GET", path, cast_to=cast_to, params=params)

    async def post(self, path: str, *, cast_to: type[M] | None = None, body: Any = None) -> Any:
        """`request("POST", path, ...)`."""
        return await self.request("POST", path, cast_to=cast_to, body=body)

    async def close(self) -> None:
        """Close the connections (only those of an httpx client this client created, shared with its copies)."""
        if self._owns_http_client:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()


async def _fetch_catalog(pipeline: AsyncPipeline) -> list[Any]:
    """The catalog's models (with their prices), for the client's spend and budgets."""
    from ccapi_generated.resources._operations import LIST_MODELS, list_models

    listed = await pipeline.call(LIST_MODELS, *list_models(), CallOptions())
    return list(listed.data)
