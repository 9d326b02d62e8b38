"""`DefaultAioHttpClient`: an httpx.AsyncClient that sends through aiohttp (the `httpx-aiohttp` transport, as the
openai package's `DefaultAioHttpClient` does), for many concurrent async calls.

Why: httpx's own async pool slows down as concurrency grows; on a loopback socket at 64 calls at a time, aiohttp
carries about three times as many calls a second (`nox -s bench`). Opt in with
`AsyncCCAPI(http_client=ccapi.DefaultAioHttpClient())` after `pip install 'ccapi-sdk[aiohttp]'`.

Everything above the transport is the same client, so retries, timeouts and typed errors behave as with httpx. What
this module adds is that every failure of aiohttp's reaches the SDK as the httpx error it means: httpx-aiohttp
passes some aiohttp exceptions through unmapped (a malformed response), and maps a dropped connection to
`ConnectTimeout`, which would read as a timeout.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx

try:
    import aiohttp
    from httpx_aiohttp import AiohttpTransport, HttpxAiohttpClient
except ImportError as missing:  # pragma: no cover - exercised in a subprocess without the extra
    raise ImportError(
        "ccapi.DefaultAioHttpClient needs the aiohttp extra: pip install 'ccapi-sdk[aiohttp]'"
    ) from missing

from ._http import DefaultAsyncHttpxClient


def _httpx_error(error: BaseException) -> httpx.TransportError:
    """The httpx error for a failure inside aiohttp (or for httpx-aiohttp's mapping of one)."""
    cause = error.__cause__ if isinstance(error, httpx.TransportError) and error.__cause__ else error
    message = str(cause) or type(cause).__name__
    if isinstance(cause, aiohttp.ConnectionTimeoutError):
        return httpx.ConnectTimeout(message)
    if isinstance(cause, aiohttp.ServerTimeoutError | TimeoutError):
        return httpx.ReadTimeout(message)
    if isinstance(cause, aiohttp.ClientProxyConnectionError | aiohttp.ClientHttpProxyError):
        return httpx.ProxyError(message)
    if isinstance(cause, aiohttp.ClientConnectorError):
        return httpx.ConnectError(message)
    if isinstance(cause, aiohttp.ServerDisconnectedError | aiohttp.ClientResponseError):
        return httpx.RemoteProtocolError(message)
    if isinstance(cause, aiohttp.ClientOSError | OSError):  # a connection reset: httpx-aiohttp calls it ConnectTimeout
        return httpx.ReadError(message)
    if isinstance(error, httpx.TransportError):
        return error
    return httpx.ReadError(message)


_FAILURES = (aiohttp.ClientError, TimeoutError, httpx.TransportError)


class _Body(httpx.AsyncByteStream):
    """A response body whose read errors are httpx's."""

    def __init__(self, stream: httpx.AsyncByteStream) -> None:
        self._stream = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._stream:
                yield chunk
        except _FAILURES as error:
            raise _httpx_error(error) from None

    async def aclose(self) -> None:
        try:
            await self._stream.aclose()
        except _FAILURES as error:
            raise _httpx_error(error) from None


class _Transport(httpx.AsyncBaseTransport):
    """httpx-aiohttp's transport, its failures made httpx's."""

    def __init__(self, transport: httpx.AsyncBaseTransport) -> None:
        self._transport = transport

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            response = await self._transport.handle_async_request(request)
        except _FAILURES as error:
            raise _httpx_error(error) from None
        if isinstance(response.stream, httpx.AsyncByteStream):  # always, from httpx-aiohttp
            response.stream = _Body(response.stream)
        return response

    async def aclose(self) -> None:
        await self._transport.aclose()


class DefaultAioHttpClient(DefaultAsyncHttpxClient, HttpxAiohttpClient):
    """An `httpx.AsyncClient` with the SDK's defaults that sends through aiohttp; pass it as
    `AsyncCCAPI(http_client=ccapi.DefaultAioHttpClient())`. Takes the arguments httpx.AsyncClient takes (`limits`,
    `proxy`, `verify`, ...); HTTP/2 is not available through aiohttp."""

    _deferred_transport = False

    def _init_transport(self, *args: Any, **kwargs: Any) -> httpx.AsyncBaseTransport:
        return self._own(super()._init_transport(*args, **kwargs))

    def _init_proxy_transport(self, *args: Any, **kwargs: Any) -> httpx.AsyncBaseTransport:
        return self._own(super()._init_proxy_transport(*args, **kwargs))

    @staticmethod
    def _own(transport: httpx.AsyncBaseTransport) -> httpx.AsyncBaseTransport:
        # A transport the caller passed (transport=...) is theirs, used as it is.
        return _Transport(transport) if isinstance(transport, AiohttpTransport) else transport
