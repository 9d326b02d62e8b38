"""AsyncCCAPI: the asynchronous client, with the same signatures as CCAPI."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Mapping
from types import ModuleType, TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar

import httpx

from . import _core
from ._core import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    CallOptions,
    ClientBase,
    ClientSettings,
    Timeout,
)
from ._errors import APIConnectionError, APITimeoutError, status_error
from ._logging import configure_from_environment, log_call
from ._response import APIResponse
from ._retry import RetryPolicy

if TYPE_CHECKING:
    from ._downloads import AsyncMediaFiles
    from ._streaming import AsyncStream
    from .resources.audio import AsyncAudio
    from .resources.chat import AsyncChat
    from .resources.images import AsyncImages
    from .resources.models import AsyncModels
    from .resources.providers import AsyncProviders

T = TypeVar("T")


class AsyncCCAPI(ClientBase):
    """An asyncio client for CCAPI: as CCAPI, with awaitable methods (``await client.chat.completions.create(...)``).

    The key comes from ``api_key`` or the ``CCAPI_API_KEY`` environment variable, the base URL from
    ``base_url``, ``CCAPI_BASE_URL`` or https://api.ccapi.ai/v1. Close the client (or use it as a context
    manager) to release its connections.
    """

    _http: httpx.AsyncClient

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.AsyncClient | None = None,
        default_headers: Mapping[str, str] | None = None,
        retry_policy: RetryPolicy | None = None,
    ) -> None:
        self._settings = ClientSettings.resolve(
            api_key=api_key, base_url=base_url, timeout=timeout, max_retries=max_retries,
            retry_policy=retry_policy, default_headers=default_headers,
        )  # fmt: skip
        self._owns_http_client = http_client is None
        self._http = http_client or httpx.AsyncClient(timeout=self._settings.timeout, follow_redirects=True)
        self._headers = _core.base_headers(self._http, self._settings)
        configure_from_environment()

    @property
    def http_client(self) -> httpx.AsyncClient:
        """The httpx client that carries the requests (for downloads and custom calls)."""
        return self._http

    # ---------------------------------------------------------------------------------------------- resources

    @functools.cached_property
    def chat(self) -> AsyncChat:
        """Chat completions: ``client.chat.completions.create(...)``."""
        from .resources.chat import AsyncChat

        return AsyncChat(self)

    @functools.cached_property
    def audio(self) -> AsyncAudio:
        """Speech: ``client.audio.speech.create(...)``."""
        from .resources.audio import AsyncAudio

        return AsyncAudio(self)

    @functools.cached_property
    def images(self) -> AsyncImages:
        """Image generation, OpenAI-compatible and multimodal, and image jobs."""
        from .resources.images import AsyncImages

        return AsyncImages(self)

    @functools.cached_property
    def models(self) -> AsyncModels:
        """The model catalog: ``client.models.list(...)``."""
        from .resources.models import AsyncModels

        return AsyncModels(self)

    @functools.cached_property
    def providers(self) -> AsyncProviders:
        """The providers behind the gateway."""
        from .resources.providers import AsyncProviders

        return AsyncProviders(self)

    @functools.cached_property
    def media(self) -> AsyncMediaFiles:
        """Read or save images and speech, whether they came as a URL or as base64."""
        from ._downloads import AsyncMediaFiles

        return AsyncMediaFiles(self)

    # ---------------------------------------------------------------------------------------------- lifecycle

    async def close(self) -> None:
        """Close the connections (only those of an httpx client this client created)."""
        if self._owns_http_client:
            await self._http.aclose()

    def __del__(self) -> None:
        # Dropped without close(): give the connections back (on the running loop, if there is one).
        http: httpx.AsyncClient | None = self.__dict__.get("_http")
        if http is None or not self.__dict__.get("_owns_http_client") or http.is_closed:
            return
        _core.close_on_running_loop(http.aclose)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    # ---------------------------------------------------------------------------------------------- requests

    async def _request_raw(
        self, operation: ModuleType, cast: type[T], options: CallOptions, /, *args: Any, **kwargs: Any
    ) -> APIResponse[T]:
        """Call a generated operation: build with its `_get_kwargs`, send with retries, parse with its parser."""
        return await self._call(
            operation._get_kwargs(*args, **kwargs),
            options,
            lambda response: _core.parse(operation, self._parse_client, response, cast),
        )

    async def _call(
        self, request_kwargs: dict[str, Any], options: CallOptions, decode: Callable[[httpx.Response], T]
    ) -> APIResponse[T]:
        """Send the request that `request_kwargs` (a generated `_get_kwargs` result) describes; decode the answer."""
        request = _core.build_request(self._headers, self._settings, request_kwargs, options)
        response, retries = await self._send(request, options.max_retries)
        return APIResponse(response, decode(response), retries)

    async def _request(
        self, operation: ModuleType, cast: type[T], options: CallOptions, /, *args: Any, **kwargs: Any
    ) -> T:
        """As _request_raw, returning the decoded result (or the APIResponse, for with_raw_response wrappers)."""
        return _core.result_or_raw(await self._request_raw(operation, cast, options, *args, **kwargs), options)

    async def _stream(self, operation: ModuleType, options: CallOptions, /, **kwargs: Any) -> AsyncStream:
        """Open a server-sent event stream for a generated operation; errors before the first byte are retried."""
        from ._streaming import AsyncStream

        request = _core.build_request(self._headers, self._settings, operation._get_kwargs(**kwargs), options)
        request.headers["Accept"] = "text/event-stream"
        response, _ = await self._send(request, options.max_retries, stream=True)
        return AsyncStream(response)

    async def _send(
        self, request: httpx.Request, max_retries: int | None, *, stream: bool = False
    ) -> tuple[httpx.Response, int]:
        """Send with the retry policy; return a success response and the retries taken, or raise a typed error."""
        policy = self._settings.retry_policy
        attempts = 0

        async def attempt() -> httpx.Response:
            nonlocal attempts
            attempts += 1
            return await self._http.send(request, stream=stream)

        started = time.perf_counter()
        try:
            response = await policy.send_async(attempt, policy.max_retries if max_retries is None else max_retries)
        except httpx.TimeoutException as error:
            log_call(request, type(error).__name__, time.perf_counter() - started, attempts - 1, None)
            raise APITimeoutError(request) from error
        except httpx.TransportError as error:
            log_call(request, type(error).__name__, time.perf_counter() - started, attempts - 1, None)
            raise APIConnectionError(
                request, message=f"{type(error).__name__} on {request.method} {request.url}: {error}"
            ) from error
        retries = attempts - 1
        log_call(
            request, response.status_code, time.perf_counter() - started, retries, response.headers.get("x-request-id")
        )
        if not response.is_success:
            await response.aread()
            await response.aclose()
            raise status_error(response)
        return response, retries
