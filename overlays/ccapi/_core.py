"""What the sync and async clients share, none of it I/O: settings and their checks, per-call options, building a
request, and the construction and options every client has (`ClientBase`)."""

from __future__ import annotations

import dataclasses
import json
import os
import threading
import uuid
from collections.abc import Callable, Coroutine, Mapping
from typing import TYPE_CHECKING, Any, Protocol, Self, TypeVar

import httpx

from . import _checks
from ._hooks import Hook as Hook
from ._hooks import Hooks as Hooks
from ._http import DEFAULT_TIMEOUT as DEFAULT_TIMEOUT
from ._retry import RetryPolicy
from ._version import __version__

if TYPE_CHECKING:
    from decimal import Decimal

    from ._failover import CircuitBreaker, FailoverPolicy
    from ._lifecycle import Call, Observer, Tracker
    from ._operation import Operation
    from ._spend import SharedMoney, SpendObserver

T = TypeVar("T")


class FromDict(Protocol):
    """A generated model class."""

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any], /) -> Self: ...


M = TypeVar("M", bound=FromDict)

DEFAULT_BASE_URL = "https://api.ccapi.ai/v1"
DEFAULT_MAX_RETRIES = 2
DEFAULT_FIRST_BYTE_TIMEOUT = 20.0
"""Seconds for a stream's headers: a gateway that takes a stream answers them at once, so a silent one is abandoned
(and with a fallback model, passed over) long before the read timeout."""
RAW_RESPONSE_MARKER = "X-CCAPI-Raw-Response"  # set by with_raw_response wrappers; never sent

Timeout = float | httpx.Timeout | None


class MissingAPIKeyError(ValueError):
    """No API key was given and CCAPI_API_KEY is not set."""


class ClientSettings:
    """A client's resolved configuration. The key is kept out of repr(). (A plain slotted class, not a dataclass:
    making a dataclass at import costs every program's start-up a millisecond.)"""

    __slots__ = (
        "api_key", "base_headers", "base_url", "budget", "default_headers", "failover", "fallback_models",
        "first_byte_timeout", "hooks", "max_repairs", "meter_provider", "retry_policy", "timeout", "total_timeout",
        "trace_content", "tracer_provider", "tracing",
    )  # fmt: skip

    def __init__(
        self,
        api_key: str,
        base_url: str,
        timeout: httpx.Timeout,
        retry_policy: RetryPolicy,
        default_headers: Mapping[str, str],
        budget: Decimal | None = None,
        hooks: Hooks | None = None,
        tracing: bool = True,
        trace_content: bool = False,
        tracer_provider: Any = None,
        meter_provider: Any = None,
        fallback_models: tuple[str, ...] = (),
        first_byte_timeout: float | None = DEFAULT_FIRST_BYTE_TIMEOUT,
        total_timeout: float | None = None,
        failover: FailoverPolicy | None = None,
        max_repairs: int = 1,
    ) -> None:
        self.api_key = api_key
        self.base_url = base_url
        self.timeout = timeout
        self.retry_policy = retry_policy
        self.default_headers = default_headers
        self.budget = budget
        """The most the client and its copies may spend, in the catalog's currency; None for no limit."""
        self.hooks = hooks or Hooks()
        self.tracing = tracing
        """Whether calls make OpenTelemetry spans and metrics (when opentelemetry-api is installed)."""
        self.trace_content = trace_content
        """Whether spans carry the messages sent and received (off: prompts may be private)."""
        self.tracer_provider = tracer_provider
        self.meter_provider = meter_provider
        """OpenTelemetry providers for this client's spans and metrics; None for the application's global ones."""
        self.fallback_models = fallback_models
        """The models a call goes on with, in order, when its own model's answer fails (see `_failover`)."""
        self.first_byte_timeout = first_byte_timeout
        """Seconds for a stream's response to begin (its headers); None for the read timeout alone."""
        self.total_timeout = total_timeout
        """Seconds for a whole call, across all its attempts and models; None for no limit but the attempts'."""
        self.failover = failover
        """When to move on to a fallback model and how long a failing model is left alone (None: the defaults)."""
        self.max_repairs = max_repairs
        """How many times `parse` asks again when an answer does not validate (a call's `max_repairs` overrides it)."""
        self.base_headers = {
            "Authorization": f"Bearer {api_key}",
            "Accept": "application/json",
            "User-Agent": f"ccapi-python/{__version__}",
            **default_headers,
        }

    def __repr__(self) -> str:
        retries = self.retry_policy.max_retries
        return f"ClientSettings(base_url={self.base_url!r}, timeout={self.timeout!r}, max_retries={retries})"

    @classmethod
    def resolve(
        cls,
        *,
        api_key: str | None,
        base_url: str | None,
        timeout: Timeout,
        max_retries: int | None,
        retry_policy: RetryPolicy | None,
        default_headers: Mapping[str, str] | None,
        budget: object = None,
        on_request: Hook | None = None,
        on_response: Hook | None = None,
        on_error: Hook | None = None,
        tracing: bool = True,
        trace_content: bool = False,
        tracer_provider: Any = None,
        meter_provider: Any = None,
        fallback_models: Any = None,
        first_byte_timeout: Any = DEFAULT_FIRST_BYTE_TIMEOUT,
        total_timeout: Any = None,
        failover: Any = None,
        max_repairs: Any = 1,
    ) -> ClientSettings:
        """Settings from the arguments, then the environment (CCAPI_API_KEY, CCAPI_BASE_URL), then defaults; each
        checked, so that a mistake is a ValueError or TypeError now rather than a failed request later."""
        key = api_key if api_key is not None else os.environ.get("CCAPI_API_KEY")
        if not key:
            raise MissingAPIKeyError(
                "No CCAPI API key: pass api_key=... or set the CCAPI_API_KEY environment variable "
                "(for the local sandbox, run `ccapi sandbox` and use the key it prints)."
            )
        url = base_url if base_url is not None else os.environ.get("CCAPI_BASE_URL") or DEFAULT_BASE_URL
        _checks.instance("retry_policy", retry_policy, RetryPolicy)
        policy = retry_policy or RetryPolicy()
        # An explicit policy keeps its own max_retries unless max_retries is given too.
        if max_retries is not None and _checks.retries("max_retries", max_retries) != policy.max_retries:
            policy = dataclasses.replace(policy, max_retries=max_retries)
        extra = _checks.headers("default_headers", default_headers) if default_headers is not None else {}
        limit = None
        if budget is not None:
            from ._spend import budget_value

            limit = budget_value(budget)
        for name, hook in (("on_request", on_request), ("on_response", on_response), ("on_error", on_error)):
            _checks.function(name, hook)
        _checks.instance("tracing", tracing, bool)
        _checks.instance("trace_content", trace_content, bool)
        fallbacks: tuple[str, ...] = ()
        if fallback_models is not None or failover is not None:
            from ._failover import FailoverPolicy, checked_fallback_models

            fallbacks = checked_fallback_models("fallback_models", fallback_models)
            _checks.instance("failover", failover, FailoverPolicy)
        return cls(
            _checks.api_key(key), _checks.base_url(url), _checks.timeout("timeout", timeout), policy, extra, limit,
            Hooks(on_request, on_response, on_error), tracing, trace_content, tracer_provider, meter_provider,
            fallbacks, _checks.seconds("first_byte_timeout", first_byte_timeout),
            _checks.seconds("total_timeout", total_timeout), failover, _repairs(max_repairs),
        )  # fmt: skip


def _repairs(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"max_repairs must be a whole number >= 0, not {value!r}")
    return value


class CallOptions:
    """Per-call settings: what every public method accepts besides its own parameters. Checked when made, which
    the generated methods do before sending. (A plain slotted class: one is made for every call.)"""

    __slots__ = (
        "extra_body", "extra_headers", "extra_query", "fallback_models", "first_byte_timeout", "max_retries", "timeout",
        "total_timeout",
    )  # fmt: skip

    def __init__(
        self,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        *,
        fallback_models: Any = None,
        first_byte_timeout: float | None = None,
        total_timeout: float | None = None,
    ) -> None:
        self.timeout = timeout
        self.max_retries = max_retries
        self.extra_headers = extra_headers
        self.extra_query = extra_query
        self.extra_body = extra_body
        self.fallback_models: tuple[str, ...] | None = None
        """This call's fallback models, in place of the client's (an empty list: none for this call)."""
        self.first_byte_timeout = first_byte_timeout
        self.total_timeout = total_timeout
        if fallback_models is not None:
            from ._failover import checked_fallback_models

            self.fallback_models = checked_fallback_models("fallback_models", fallback_models)
        if first_byte_timeout is not None:
            _checks.seconds("first_byte_timeout", first_byte_timeout)
        if total_timeout is not None:
            _checks.seconds("total_timeout", total_timeout)
        # Most calls pass none of these: the checks cost one comparison each then.
        if timeout is not None:
            _checks.timeout("timeout", timeout)
        if max_retries is not None:
            _checks.retries("max_retries", max_retries)
        if extra_headers is not None:
            _checks.headers("extra_headers", extra_headers)
        if extra_query is not None:
            _checks.mapping("extra_query", extra_query)
        if extra_body is not None:
            _checks.json_mapping("extra_body", extra_body)


class RequestTemplate:
    """What every request of a client starts from, worked out once when the client is made: the headers (the httpx
    client's, then the client's own, with the key), the parsed URL of each path, the timeout."""

    def __init__(self, http_client: httpx.Client | httpx.AsyncClient, settings: ClientSettings) -> None:
        self.base_url = settings.base_url
        self.headers = http_client.headers.copy()
        """The headers of every request: the httpx client's, then the client's own (with the key)."""
        self.headers.update(settings.base_headers)
        # The headers httpx would add to each request, added once: the request is built from bytes already
        # encoded (httpx.Request(stream=...)), which skips httpx's per-request encoding and header merging.
        self.plain_headers = self.headers.copy()
        self.plain_headers.setdefault("Host", httpx.URL(settings.base_url).netloc.decode("ascii"))
        self.json_headers = self.plain_headers.copy()
        self.json_headers["Content-Type"] = "application/json"
        self.timeout = settings.timeout.as_dict()
        self.server = httpx.URL(settings.base_url)
        """The API's address, for traces (server.address, server.port)."""
        self._urls: dict[str, httpx.URL] = {}

    def url(self, path: str) -> httpx.URL:
        """The base URL joined with `path`, parsed once per path (a path with an id in it has its own entry, so
        the cache is bounded)."""
        url = self._urls.get(path)
        if url is None:
            if len(self._urls) >= _URL_CACHE_SIZE:
                self._urls.clear()
            url = self._urls[path] = httpx.URL(self.base_url + path)
        return url


_URL_CACHE_SIZE = 256
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def build_request(
    template: RequestTemplate, method: str, path: str, query: Mapping[str, Any] | None, body: Any,
    options: CallOptions,
) -> httpx.Request:  # fmt: skip
    """The httpx request for one call, with the client's and the call's settings.

    Built from the template rather than by `httpx.Client.build_request`, whose per-call merging of headers,
    cookies and URLs, URL parsing and body encoding were most of this SDK's overhead. The body is encoded as httpx
    encodes `json=` (compact, UTF-8, no NaN), with the headers httpx would have added. `body` is the body to send,
    `extra_body` already merged (`sent_body`).
    """
    if options.extra_query:
        query = {**(query or {}), **options.extra_query}
    if body is None:
        content = b""
        headers = template.plain_headers.copy()
        if method in _BODY_METHODS:
            headers["Content-Length"] = "0"
    else:
        content = json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
        headers = template.json_headers.copy()
        headers["Content-Length"] = str(len(content))
    if options.extra_headers:
        headers.update(options.extra_headers)
        headers.pop(RAW_RESPONSE_MARKER, None)
    if method == "POST" and "idempotency-key" not in headers:
        # The same key on every retry of this call, so a retried POST is not carried out twice.
        headers["Idempotency-Key"] = f"ccapi-{uuid.uuid4().hex}"
    url = template.url(path)
    if query:
        url = httpx.URL(url, params=query)
    timeout = template.timeout if options.timeout is None else _checks.timeout("timeout", options.timeout).as_dict()
    request = httpx.Request(
        method, url, headers=headers, stream=httpx.ByteStream(content), extensions={"timeout": timeout}
    )
    request.read()  # so that `request.content` is there for event hooks and logs, as for any httpx request
    return request


def sent_body(body: Any, options: CallOptions) -> Any:
    """The body a call sends: the method's, with `extra_body`'s fields over it."""
    if options.extra_body:
        return {**(body or {}), **options.extra_body}
    return body


_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})


def custom_operation(method: str, path: str, cast_to: type[FromDict] | None) -> tuple[Operation[Any], str]:
    """An operation the spec does not have (yet), for `client.request`; its arguments checked before sending."""
    from ._operation import Operation

    if not isinstance(method, str) or method.upper() not in _METHODS:
        raise ValueError(f"method must be one of {', '.join(sorted(_METHODS))}, not {method!r}")
    if not isinstance(path, str) or not path.startswith("/") or path.startswith("//"):
        # Only paths under the base URL: the request carries the key, which must go nowhere else.
        raise ValueError(f"path must be a path under the base URL, starting with '/', not {path!r}")
    _checks.path(path)  # no control character: httpx would refuse the URL only while sending
    if cast_to is not None and not callable(getattr(cast_to, "from_dict", None)):
        raise TypeError(f"cast_to must be a ccapi model class (with from_dict), not {cast_to!r}")
    decode: Any = cast_to.from_dict if cast_to is not None else _identity
    return Operation(f"{method.upper()} {path}", method.upper(), path, decode), path


def _identity(value: Any) -> Any:
    return value


def raw(options: CallOptions) -> CallOptions:
    """The same options, asking for the APIResponse rather than the decoded result."""
    headers = {**(options.extra_headers or {}), RAW_RESPONSE_MARKER: "true"}
    return CallOptions(options.timeout, options.max_retries, headers, options.extra_query, options.extra_body)


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
        max_repairs: int | None = None,
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
            max_repairs=settings.max_repairs if max_repairs is None else max_repairs,
        )
        return copy

    @property
    def _owns_http_client(self) -> bool:
        return self._pool.owned


class Spending:
    """The spend observer of a client (`_spend.SpendObserver`), loaded on the first priced call: a client that never
    makes one never imports the module."""

    __slots__ = ("_budget", "_fetch", "_observer", "_pool")

    def __init__(self, pool: SharedPool, budget: Decimal | None, fetch_catalog: Callable[[Any], object]) -> None:
        self._pool = pool
        self._budget = budget
        self._fetch = fetch_catalog
        self._observer: Any = None

    @property
    def observer(self) -> SpendObserver:
        observer = self._observer
        if observer is None:  # two threads may both make one: each is a view of the same shared account
            from ._spend import SpendObserver

            observer = self._observer = SpendObserver(self._pool.money, self._budget, self._fetch)
        return observer  # type: ignore[no-any-return]

    def prepare(self, call: Call) -> Callable[[Any], object] | None:
        if call.op.cost is None:
            return None
        return (self._observer or self.observer).prepare(call)

    def open(self, call: Call) -> Tracker | None:
        if call.op.cost is None:
            return None
        return (self._observer or self.observer).open(call)


def observers(settings: ClientSettings, template: RequestTemplate, spending: Spending) -> tuple[Observer, ...]:
    """What follows every call of a client: spend and budgets first (a budget may refuse a call before anything else
    sees it), then tracing, then the caller's hooks."""
    found: list[Observer] = [spending]
    if settings.tracing:
        from ._telemetry import TracingObserver

        providers = (settings.tracer_provider, settings.meter_provider)
        found.append(TracingObserver(template.server, settings.trace_content, providers))
    if settings.hooks:
        from ._hooks import HookObserver

        found.append(HookObserver(settings.hooks))
    return tuple(found)


class SharedPool:
    """What a client and its with_options copies share: the httpx client, the spend account and the prices. Each
    of them holds this one object, so it (and
    the connections) go only when the last of them is dropped; an httpx client the caller passed in is theirs to
    close, never ours."""

    def __init__(self, http: httpx.Client | httpx.AsyncClient, owned: bool) -> None:
        self.http = http
        self.owned = owned

    @property
    def money(self) -> SharedMoney:
        """The spend account and the catalog's prices the client and its copies share (made on first use, once,
        whichever thread gets there first: a client that never meets a priced call never loads them)."""
        money = self.__dict__.get("_money")
        if money is None:
            with _making:
                money = self.__dict__.get("_money")
                if money is None:
                    from ._spend import SharedMoney

                    money = self.__dict__["_money"] = SharedMoney()
        return money

    def breaker(self, policy: FailoverPolicy | None) -> CircuitBreaker:
        """The circuit breaker the client and its copies share (made on first use, with the policy of the client that
        first needs it)."""
        breaker = self.__dict__.get("_breaker")
        if breaker is None:
            with _making:
                breaker = self.__dict__.get("_breaker")
                if breaker is None:
                    from ._failover import CircuitBreaker

                    breaker = self.__dict__["_breaker"] = CircuitBreaker(policy)
        return breaker

    def __del__(self) -> None:
        # The last client sharing the pool was dropped without close(): give the connections back.
        http = self.__dict__.get("http")
        if http is None or not self.__dict__.get("owned") or http.is_closed:
            return
        if isinstance(http, httpx.Client):
            http.close()
        else:
            close_on_running_loop(http.aclose)


_making = threading.Lock()
_closing: set[Any] = set()  # close tasks, referenced until they finish (the loop keeps only weak references)


def close_on_running_loop(close: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """From `__del__` of an async object: schedule its async close on the running event loop, if there is one."""
    import asyncio

    try:
        task = asyncio.get_running_loop().create_task(close())
    except RuntimeError:  # no loop running: nothing can be awaited, and the process is likely ending
        return
    _closing.add(task)
    task.add_done_callback(_closing.discard)
