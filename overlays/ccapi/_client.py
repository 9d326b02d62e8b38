"""CCAPI: the synchronous client."""

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
    from ._downloads import MediaFiles
    from ._streaming import Stream
    from .resources.audio import Audio
    from .resources.chat import Chat
    from .resources.images import Images
    from .resources.models import Models
    from .resources.providers import Providers

T = TypeVar("T")


class CCAPI(ClientBase):
    """A client for CCAPI. Resources are attributes: ``client.chat.completions.create(...)``.

    The key comes from ``api_key`` or the ``CCAPI_API_KEY`` environment variable, the base URL from
    ``base_url``, ``CCAPI_BASE_URL`` or https://api.ccapi.ai/v1. Close the client (or use it as a context
    manager) to release its connections.
    """

    _http: httpx.Client

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.Client | None = None,
        default_headers: Mapping[str, str] | None = None,
        retry_policy: RetryPolicy | None = None,
    ) -> None:
        self._settings = ClientSettings.resolve(
            api_key=api_key, base_url=base_url, timeout=timeout, max_retries=max_retries,
            retry_policy=retry_policy, default_headers=default_headers,
        )  # fmt: skip
        self._owns_http_client = http_client is None
        self._http = http_client or httpx.Client(timeout=self._settings.timeout, follow_redirects=True)
        self._headers = _core.base_headers(self._http, self._settings)
        configure_from_environment()

    @property
    def http_client(self) -> httpx.Client:
        """The httpx client that carries the requests (for downloads and custom calls)."""
        return self._http

    # ---------------------------------------------------------------------------------------------- resources

    @functools.cached_property
    def chat(self) -> Chat:
        """Chat completions: ``client.chat.completions.create(...)``."""
        from .resources.chat import Chat

        return Chat(self)

    @functools.cached_property
    def audio(self) -> Audio:
        """Speech: ``client.audio.speech.create(...)``."""
        from .resources.audio import Audio

        return Audio(self)

    @functools.cached_property
    def images(self) -> Images:
        """Image generation, OpenAI-compatible and multimodal, and image jobs."""
        from .resources.images import Images

        return Images(self)

    @functools.cached_property
    def models(self) -> Models:
        """The model catalog: ``client.models.list(...)``."""
        from .resources.models import Models

        return Models(self)

    @functools.cached_property
    def providers(self) -> Providers:
        """The providers behind the gateway."""
        from .resources.providers import Providers

        return Providers(self)

    @functools.cached_property
    def media(self) -> MediaFiles:
        """Read or save images and speech, whether they came as a URL or as base64."""
        from ._downloads import MediaFiles

        return MediaFiles(self)

    # ---------------------------------------------------------------------------------------------- lifecycle

    def close(self) -> None:
        """Close the connections (only those of an httpx client this client created)."""
        if self._owns_http_client:
            self._http.close()

    def __del__(self) -> None:
        # Dropped without close(): give the connections back, as a script that never closes its client expects.
        http: httpx.Client | None = self.__dict__.get("_http")
        if http is not None and self.__dict__.get("_owns_http_client"):
            http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    # ---------------------------------------------------------------------------------------------- requests

    def _request_raw(
        self, operation: ModuleType, cast: type[T], options: CallOptions, /, *args: Any, **kwargs: Any
    ) -> APIResponse[T]:
        """Call a generated operation: build with its `_get_kwargs`, send with retries, parse with its parser."""
        return self._call(
            operation._get_kwargs(*args, **kwargs),
            options,
            lambda response: _core.parse(operation, self._parse_client, response, cast),
        )

    def _call(
        self, request_kwargs: dict[str, Any], options: CallOptions, decode: Callable[[httpx.Response], T]
    ) -> APIResponse[T]:
        """Send the request that `request_kwargs` (a generated `_get_kwargs` result) describes; decode the answer."""
        request = _core.build_request(self._headers, self._settings, request_kwargs, options)
        response, retries = self._send(request, options.max_retries)
        return APIResponse(response, decode(response), retries)

    def _request(self, operation: ModuleType, cast: type[T], options: CallOptions, /, *args: Any, **kwargs: Any) -> T:
        """As _request_raw, returning the decoded result (or the APIResponse, for with_raw_response wrappers)."""
        return _core.result_or_raw(self._request_raw(operation, cast, options, *args, **kwargs), options)

    def _stream(self, operation: ModuleType, options: CallOptions, /, **kwargs: Any) -> Stream:
        """Open a server-sent event stream for a generated operation; errors before the first byte are retried."""
        from ._streaming import Stream

        request = _core.build_request(self._headers, self._settings, operation._get_kwargs(**kwargs), options)
        request.headers["Accept"] = "text/event-stream"
        response, _ = self._send(request, options.max_retries, stream=True)
        return Stream(response)

    def _send(
        self, request: httpx.Request, max_retries: int | None, *, stream: bool = False
    ) -> tuple[httpx.Response, int]:
        """Send with the retry policy; return a success response and the retries taken, or raise a typed error."""
        policy = self._settings.retry_policy
        attempts = 0

        def attempt() -> httpx.Response:
            nonlocal attempts
            attempts += 1
            return self._http.send(request, stream=stream)

        started = time.perf_counter()
        try:
            response = policy.send(attempt, policy.max_retries if max_retries is None else max_retries)
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
            response.read()
            response.close()
            raise status_error(response)
        return response, retries
