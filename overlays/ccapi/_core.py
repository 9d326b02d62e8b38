"""What CCAPI and AsyncCCAPI share besides I/O (`ClientBase`): construction from the settings (the httpx client, the
observers of calls, the pipeline), how a client shows, and `with_options`.

The settings, request building and the pool have modules of their own (`_settings`, `_requests`, `_pool`); the names
other modules and the generated code import from here are re-exported below.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Self

import httpx

from . import _checks
from ._observers import Spending, observers
from ._pool import SharedPool as SharedPool
from ._pool import close_on_running_loop as close_on_running_loop
from ._requests import RequestTemplate as RequestTemplate
from ._requests import build_request as build_request
from ._requests import custom_operation as custom_operation
from ._requests import raw as raw
from ._requests import sent_body as sent_body
from ._retry import RetryPolicy
from ._settings import DEFAULT_BASE_URL as DEFAULT_BASE_URL
from ._settings import DEFAULT_FIRST_BYTE_TIMEOUT as DEFAULT_FIRST_BYTE_TIMEOUT
from ._settings import DEFAULT_MAX_RETRIES as DEFAULT_MAX_RETRIES
from ._settings import DEFAULT_TIMEOUT as DEFAULT_TIMEOUT
from ._settings import RAW_RESPONSE_MARKER as RAW_RESPONSE_MARKER
from ._settings import CallOptions as CallOptions
from ._settings import ClientSettings as ClientSettings
from ._settings import Hook as Hook
from ._settings import M as M
from ._settings import MissingAPIKeyError as MissingAPIKeyError
from ._settings import Timeout as Timeout

if TYPE_CHECKING:
    from decimal import Decimal

    from ._failover import FailoverPolicy


class ClientBase:
    """What CCAPI and AsyncCCAPI share besides I/O: settings and how they show."""

    _settings: ClientSettings
    _http: httpx.Client | httpx.AsyncClient
    _pool: SharedPool
    _pipeline: Any

    # Both clients take exactly these arguments (only http_client's type differs), which with_options relies on.
    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: Timeout = ...,
        max_retries: int | None = None,
        http_client: Any = None,
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
    ) -> None: ...

    def _configure(
        self,
        http_client: Any,
        http_class: type[httpx.Client | httpx.AsyncClient],
        default_http_class: type[httpx.Client | httpx.AsyncClient],
        pipeline_class: Any,
        fetch_catalog: Callable[[Any], object],
        **settings: Any,
    ) -> None:
        """What both constructors do: resolve the settings, check or make the httpx client, register the observers
        of calls (spend and budgets, tracing, hooks), build the pipeline."""
        from ._logging import configure_from_environment

        self._settings = ClientSettings.resolve(**settings)
        if not pipeline_class.asynchronous:
            self._settings.hooks.refuse_coroutines()
        shared = self.__dict__.pop("_sharing", None)  # set by with_options: the original's pool
        if shared is not None:
            self._pool = shared
        else:
            if http_client is not None and not isinstance(http_client, http_class):
                wanted = f"{http_class.__module__}.{http_class.__name__}"
                raise TypeError(f"http_client must be an {wanted}, not {type(http_client).__name__}")
            owned = http_client is None
            http = http_client or default_http_class(timeout=self._settings.timeout)
            self._pool = SharedPool(http, owned)
        self._http = self._pool.http
        template = RequestTemplate(self._http, self._settings)
        spending = Spending(self._pool, self._settings.budget, fetch_catalog)
        self._pipeline = pipeline_class(
            self._settings, template, self._pool, observers(self._settings, template, spending)
        )
        configure_from_environment()

    @property
    def base_url(self) -> str:
        return self._settings.base_url

    @property
    def timeout(self) -> httpx.Timeout:
        return self._settings.timeout

    @property
    def max_retries(self) -> int:
        return self._settings.retry_policy.max_retries

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, max_retries={self.max_retries})"

    def with_options(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        default_headers: Mapping[str, str] | None = None,
        retry_policy: RetryPolicy | None = None,
        budget: Decimal | int | str | None = None,
        on_request: Hook | None = None,
        on_response: Hook | None = None,
        on_error: Hook | None = None,
        tracing: bool | None = None,
        trace_content: bool | None = None,
        tracer_provider: Any = None,
        meter_provider: Any = None,
        fallback_models: Any = None,
        first_byte_timeout: float | None = None,
        total_timeout: float | None = None,
        failover: FailoverPolicy | None = None,
    ) -> Self:
        """A copy of this client with some settings changed, sharing its connection pool.

        The pool stays open while the original or any copy is in use (it closes when the last of them is dropped,
        or when the original is closed). A `retry_policy` given here keeps its own `max_retries` unless
        `max_retries` is given too. The copy shares the original's `spend`; a `budget` given here limits what the
        copy may bring that shared account to. Hooks given here replace the original's (the others are kept).
        """
        settings = self._settings
        _checks.mapping("default_headers", default_headers)
        copy = type(self).__new__(type(self))
        copy.__dict__["_sharing"] = self._pool
        copy.__init__(  # type: ignore[misc]  # the constructor, on the copy, as both clients define it
            api_key=settings.api_key if api_key is None else api_key,
            base_url=settings.base_url if base_url is None else base_url,
            timeout=settings.timeout if timeout is None else timeout,
            max_retries=max_retries,
            default_headers={**settings.default_headers, **(default_headers or {})},
            retry_policy=settings.retry_policy if retry_policy is None else retry_policy,
            budget=settings.budget if budget is None else budget,
            on_request=on_request or settings.hooks.on_request,
            on_response=on_response or settings.hooks.on_response,
            on_error=on_error or settings.hooks.on_error,
            tracing=settings.tracing if tracing is None else tracing,
            trace_content=settings.trace_content if trace_content is None else trace_content,
            tracer_provider=tracer_provider or settings.tracer_provider,
            meter_provider=meter_provider or settings.meter_provider,
            fallback_models=settings.fallback_models if fallback_models is None else fallback_models,
            first_byte_timeout=settings.first_byte_timeout if first_byte_timeout is None else first_byte_timeout,
            total_timeout=settings.total_timeout if total_timeout is None else total_timeout,
            failover=settings.failover if failover is None else failover,
        )
        return copy

    @property
    def _owns_http_client(self) -> bool:
        return self._pool.owned
