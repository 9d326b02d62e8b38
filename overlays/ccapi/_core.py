"""What the sync and async clients share, none of it I/O: settings and their checks, per-call options, building a
request, and the construction and options every client has (`ClientBase`)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Coroutine, Mapping
from typing import TYPE_CHECKING, Any, Protocol, Self, TypeVar

import attrs
import httpx

from ._retry import RetryPolicy
from ._version import __version__

if TYPE_CHECKING:
    from ccapi_generated.resources._operations import Operation

    from ._response import APIResponse

T = TypeVar("T")


class FromDict(Protocol):
    """A generated model class."""

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any], /) -> Self: ...


M = TypeVar("M", bound=FromDict)

DEFAULT_BASE_URL = "https://api.ccapi.ai/v1"
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
RAW_RESPONSE_MARKER = "X-CCAPI-Raw-Response"  # set by with_raw_response wrappers; never sent

Timeout = float | httpx.Timeout | None


class MissingAPIKeyError(ValueError):
    """No API key was given and CCAPI_API_KEY is not set."""


def _timeout(value: Timeout) -> httpx.Timeout:
    return value if isinstance(value, httpx.Timeout) else httpx.Timeout(value)


@attrs.frozen(repr=False)
class ClientSettings:
    """A client's resolved configuration. The key is kept out of repr()."""

    api_key: str
    base_url: str
    timeout: httpx.Timeout
    retry_policy: RetryPolicy
    default_headers: Mapping[str, str]
    base_headers: dict[str, str] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        headers = {
            "Authorization": f"Bearer {self.api_key}",
            "Accept": "application/json",
            "User-Agent": f"ccapi-python/{__version__}",
            **self.default_headers,
        }
        object.__setattr__(self, "base_headers", headers)

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
        max_retries: int,
        retry_policy: RetryPolicy | None,
        default_headers: Mapping[str, str] | None,
    ) -> ClientSettings:
        """Settings from the arguments, then the environment (CCAPI_API_KEY, CCAPI_BASE_URL), then defaults."""
        api_key = api_key or os.environ.get("CCAPI_API_KEY")
        if not api_key:
            raise MissingAPIKeyError(
                "No CCAPI API key: pass api_key=... or set the CCAPI_API_KEY environment variable "
                "(for the local sandbox, run `python -m ccapi.testing` and use the key it accepts)."
            )
        base_url = (base_url or os.environ.get("CCAPI_BASE_URL") or DEFAULT_BASE_URL).rstrip("/")
        if not base_url.startswith(("http://", "https://")):
            raise ValueError(f"base_url must start with http:// or https://, not {base_url!r}")
        policy = retry_policy or RetryPolicy()
        if max_retries != policy.max_retries:
            policy = attrs.evolve(policy, max_retries=max_retries)
        return cls(api_key, base_url, _timeout(timeout), policy, dict(default_headers or {}))


@attrs.frozen
class CallOptions:
    """Per-call settings: what every public method accepts besides its own parameters."""

    timeout: Timeout | None = None
    max_retries: int | None = None
    extra_headers: Mapping[str, str] | None = None
    extra_query: Mapping[str, Any] | None = None
    extra_body: Mapping[str, Any] | None = None


def base_headers(http_client: httpx.Client | httpx.AsyncClient, settings: ClientSettings) -> httpx.Headers:
    """The headers every request carries: the httpx client's own, then ours. Merged once, not on every call."""
    headers = http_client.headers.copy()
    headers.update(settings.base_headers)
    return headers


def build_request(
    headers: httpx.Headers, settings: ClientSettings, method: str, path: str, query: Mapping[str, Any] | None,
    body: Any, options: CallOptions,
) -> httpx.Request:  # fmt: skip
    """The httpx request for one call, with the client's and the call's settings.

    Built directly rather than by `httpx.Client.build_request`, whose per-call merging of client headers, cookies
    and URLs was the largest part of this SDK's overhead; `base_headers` did the header merge once.
    """
    headers = headers.copy()
    if options.extra_headers:
        headers.update(options.extra_headers)
        headers.pop(RAW_RESPONSE_MARKER, None)
    if method == "POST" and "idempotency-key" not in headers:
        # The same key on every retry of this call, so a retried POST is not carried out twice.
        headers["Idempotency-Key"] = f"ccapi-{uuid.uuid4().hex}"
    if options.extra_body:
        body = {**(body or {}), **options.extra_body}
    if options.extra_query:
        query = {**(query or {}), **options.extra_query}
    timeout = settings.timeout if options.timeout is None else _timeout(options.timeout)
    return httpx.Request(
        method, settings.base_url + path, headers=headers, json=body, params=query or None,
        extensions={"timeout": timeout.as_dict()},
    )  # fmt: skip


_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})


def custom_operation(method: str, path: str, cast_to: type[FromDict] | None) -> tuple[Operation[Any], str]:
    """An operation the spec does not have (yet), for `client.request`; its arguments checked before sending."""
    from ccapi_generated.resources._operations import Operation

    if not isinstance(method, str) or method.upper() not in _METHODS:
        raise ValueError(f"method must be one of {', '.join(sorted(_METHODS))}, not {method!r}")
    if not isinstance(path, str) or not path.startswith("/") or path.startswith("//"):
        # Only paths under the base URL: the request carries the key, which must go nowhere else.
        raise ValueError(f"path must be a path under the base URL, starting with '/', not {path!r}")
    if cast_to is not None and not callable(getattr(cast_to, "from_dict", None)):
        raise TypeError(f"cast_to must be a ccapi model class (with from_dict), not {cast_to!r}")
    decode: Any = cast_to.from_dict if cast_to is not None else _identity
    return Operation(f"{method.upper()} {path}", method.upper(), path, decode), path


def _identity(value: Any) -> Any:
    return value


def raw(options: CallOptions) -> CallOptions:
    """The same options, asking for the APIResponse rather than the decoded result."""
    return attrs.evolve(options, extra_headers={**(options.extra_headers or {}), RAW_RESPONSE_MARKER: "true"})


def result_or_raw(raw: APIResponse[T], options: CallOptions) -> T:
    """What a public method returns: the decoded result, or for with_raw_response's wrappers the APIResponse."""
    if options.extra_headers and RAW_RESPONSE_MARKER in options.extra_headers:
        return raw  # type: ignore[return-value]  # with_raw_response's wrappers type this
    return raw.parse()


class ClientBase:
    """What CCAPI and AsyncCCAPI share besides I/O: settings and how they show."""

    _settings: ClientSettings
    _headers: httpx.Headers
    _http: httpx.Client | httpx.AsyncClient
    _owns_http_client: bool

    # Both clients take exactly these arguments (only http_client's type differs), which with_options relies on.
    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: Timeout = ...,
        max_retries: int = ...,
        http_client: Any = None,
        default_headers: Mapping[str, str] | None = None,
        retry_policy: RetryPolicy | None = None,
    ) -> None: ...

    _pipeline: Any

    def _configure(
        self, http_client: Any, http_class: type[httpx.Client | httpx.AsyncClient], pipeline_class: Any, **settings: Any
    ) -> None:
        """What both constructors do: resolve the settings, check or make the httpx client, build the pipeline."""
        from ._logging import configure_from_environment

        self._settings = ClientSettings.resolve(**settings)
        if http_client is not None and not isinstance(http_client, http_class):
            wanted = f"{http_class.__module__}.{http_class.__name__}"
            raise TypeError(f"http_client must be an {wanted}, not {type(http_client).__name__}")
        self._owns_http_client = http_client is None
        self._http = http_client or http_class(timeout=self._settings.timeout, follow_redirects=True)
        self._pipeline = pipeline_class(self._settings, base_headers(self._http, self._settings), self._http)
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
    ) -> Self:
        """A copy of this client with some settings changed, sharing its connection pool."""
        settings = self._settings
        copy = type(self)(
            api_key=api_key or settings.api_key,
            base_url=base_url or settings.base_url,
            timeout=settings.timeout if timeout is None else timeout,
            max_retries=settings.retry_policy.max_retries if max_retries is None else max_retries,
            http_client=self._http,
            default_headers={**settings.default_headers, **(default_headers or {})},
            retry_policy=retry_policy or settings.retry_policy,
        )
        copy._owns_http_client = False  # the original closes the shared pool
        return copy


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
