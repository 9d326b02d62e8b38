"""The httpx clients the SDK makes when it is given none, exported for callers who need their own transport, proxy or
limits and want to keep the SDK's defaults (as the openai package's `DefaultHttpxClient` does).

What they add to httpx's clients is speed: httpx hands every response to `http.cookiejar`, which wants urllib
request and response objects built around it (about 20 us a call, a fifth of a whole in-memory call) even when the
response sets no cookie, as CCAPI's never do. These clients look for `Set-Cookie` first and skip that work
when there is none, keeping cookies exactly as httpx does when there is.

And they build their transport on the first request, not when they are made: httpx's builds a TLS context at once
(loading the CA bundle is most of what making a client costs), which an `http://` base URL never needs. Here the TLS
context is built on the first `https` request; plain `http` requests go through a transport of their own.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import httpx

TransportT = TypeVar("TransportT")

DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
DEFAULT_MAX_REDIRECTS = 5


class _CookiesSetOnly(httpx.Cookies):
    """httpx's cookie store, consulted only for responses that set a cookie."""

    def extract_cookies(self, response: httpx.Response) -> None:
        headers = response.headers
        if "set-cookie" in headers or "set-cookie2" in headers:
            super().extract_cookies(response)


def _with_defaults(options: dict[str, Any]) -> dict[str, Any]:
    options.setdefault("timeout", DEFAULT_TIMEOUT)
    options.setdefault("follow_redirects", True)
    options.setdefault("max_redirects", DEFAULT_MAX_REDIRECTS)
    return options


class _SDKDefaults:
    """What both default clients add to httpx's: the SDK's defaults, and cookies consulted only for a response that
    sets one."""

    _set_cookies: httpx.Cookies

    def __init__(self, **options: Any) -> None:
        cookies = options.pop("cookies", None)
        super().__init__(**_with_defaults(options))  # httpx.Client's or httpx.AsyncClient's, next in line
        self.cookies = cookies

    @property
    def cookies(self) -> httpx.Cookies:
        return self._set_cookies

    @cookies.setter
    def cookies(self, cookies: Any) -> None:
        self._set_cookies = _CookiesSetOnly(cookies)


class _OnFirstRequest(Generic[TransportT]):
    """The transports of a client, made when a request first needs one: one for `https` (with the client's TLS
    settings), one for plain `http` (whose TLS context is never used, so never loads the CA bundle)."""

    def __init__(self, make: Callable[[bool], TransportT]) -> None:
        self._make = make
        self._made: dict[bool, TransportT] = {}
        self._making = threading.Lock()

    def _for(self, url: httpx.URL) -> TransportT:
        secure = url.scheme != "http"
        transport = self._made.get(secure)
        if transport is None:
            with self._making:  # two threads' first requests make one transport, not two
                transport = self._made.get(secure)
                if transport is None:
                    transport = self._made[secure] = self._make(secure)
        return transport


class _LazyTransport(_OnFirstRequest[httpx.BaseTransport], httpx.BaseTransport):
    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._for(request.url).handle_request(request)

    def close(self) -> None:
        for transport in self._made.values():
            transport.close()


class _LazyAsyncTransport(_OnFirstRequest[httpx.AsyncBaseTransport], httpx.AsyncBaseTransport):
    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._for(request.url).handle_async_request(request)

    async def aclose(self) -> None:
        for transport in self._made.values():
            await transport.aclose()


def _no_tls() -> Any:
    """A TLS context for a transport that only ever speaks plain http: never used, so it loads no certificates."""
    import ssl

    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def _deferred(options: dict[str, Any], make: Callable[..., Any]) -> Callable[[bool], Any]:
    """`make` (httpx's own transport factory) with the client's options, as an https or a plain http transport."""

    def transport(secure: bool) -> Any:
        if secure:
            return make(**options)
        return make(**{**options, "verify": _no_tls(), "cert": None})

    return transport


class DefaultHttpxClient(_SDKDefaults, httpx.Client):
    """An `httpx.Client` with the SDK's defaults (timeout, redirects); pass it as `CCAPI(http_client=...)` with
    your own `transport=`, `proxy=`, `limits=` or `verify=`. Takes every argument httpx.Client takes."""

    def _init_transport(
        self,
        verify: Any = True,
        cert: Any = None,
        trust_env: bool = True,
        http1: bool = True,
        http2: bool = False,
        limits: httpx.Limits = httpx._config.DEFAULT_LIMITS,
        transport: httpx.BaseTransport | None = None,
    ) -> httpx.BaseTransport:
        if transport is not None:
            return transport
        options = {"verify": verify, "cert": cert, "trust_env": trust_env, "http1": http1, "http2": http2,
                   "limits": limits}  # fmt: skip
        return _LazyTransport(_deferred(options, super()._init_transport))


class DefaultAsyncHttpxClient(_SDKDefaults, httpx.AsyncClient):
    """An `httpx.AsyncClient` with the SDK's defaults; pass it as `AsyncCCAPI(http_client=...)`."""

    _deferred_transport = True  # made on the first request (an aiohttp client makes its own at once)

    def _init_transport(
        self,
        verify: Any = True,
        cert: Any = None,
        trust_env: bool = True,
        http1: bool = True,
        http2: bool = False,
        limits: httpx.Limits = httpx._config.DEFAULT_LIMITS,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> httpx.AsyncBaseTransport:
        options = {"verify": verify, "cert": cert, "trust_env": trust_env, "http1": http1, "http2": http2,
                   "limits": limits}  # fmt: skip
        if transport is not None or not self._deferred_transport:
            return super()._init_transport(transport=transport, **options)
        return _LazyAsyncTransport(_deferred(options, super()._init_transport))
