"""Where sync and async I/O differ, written both ways: the rest of the runtime is written once, async, in `_async/`, and
rewritten for sync by tools/unasync.py, which turns each `async_NAME` here into `NAME`.

- sending within a call's deadlines: async bounds the wait by the event loop (whatever the transport); sync hands
  httpx the per-phase timeouts the deadlines leave (httpcore applies them to the connection);
- pacing a stream's reads: async bounds each read by the event loop; sync has each read of the connection wait only
  as long as the pace allows (`_deadlines.limit_reads`), as it does while a call is sent;
- what observers give back: coroutine hooks to await (async), nothing (sync hooks refuse coroutines);
- a stream dropped unclosed: closed at once (sync), or scheduled on the running loop (async).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Iterator
from typing import TYPE_CHECKING, Any

import httpx

from ._deadlines import PacedReads, ReadsWithin, limit_new_connections, limit_reads, sending_bound
from ._pool import close_on_running_loop

if TYPE_CHECKING:
    from ._deadlines import Deadlines, Pace


async def async_send(
    http: httpx.AsyncClient, request: httpx.Request, *, stream: bool, deadlines: Deadlines | None
) -> httpx.Response:
    """`http.send`, abandoned as a read timeout when the call's deadlines leave no more time (for a stream: for its
    headers, within the first-byte deadline)."""
    sending = http.send(request, stream=stream)
    seconds = _wait_limit(deadlines, stream)
    if seconds is None:
        return await sending
    import asyncio

    try:
        async with asyncio.timeout(seconds):
            return await sending
    except TimeoutError:
        raise httpx.ReadTimeout(f"no answer within {seconds:g}s") from None


def send(http: httpx.Client, request: httpx.Request, *, stream: bool, deadlines: Deadlines | None) -> httpx.Response:
    """`http.send`, each phase waiting no longer than the call's deadlines leave, and each read of the connection no
    longer than what is left of them (however the bytes arrive: a trickle within the read timeout does not hold the
    call); a stream's body then waits by its pace."""
    bound = None if deadlines is None else sending_bound(deadlines, stream=stream)
    if bound is None:
        response = http.send(request, stream=stream)
    else:
        assert deadlines is not None  # noqa: S101 (a bound comes of deadlines)
        timeout = request.extensions.get("timeout") or {}
        request.extensions["timeout"] = deadlines.timeouts(timeout, stream=stream)
        request.extensions["trace"] = limit_new_connections
        try:
            with ReadsWithin(bound):
                response = http.send(request, stream=stream)
        finally:
            request.extensions["timeout"] = timeout
    if stream:
        limit_reads(response.extensions.get("network_stream"))  # for its pace, on a connection made elsewhere
    return response


def _wait_limit(deadlines: Deadlines | None, stream: bool) -> float | None:
    """How long an async attempt may wait for its answer (a stream: for its headers)."""
    if deadlines is None:
        return None
    limits = [deadlines.remaining(), deadlines.first_byte if stream else None]
    return min((limit for limit in limits if limit is not None), default=None)


async def async_settle(pending: object) -> None:
    """Await what an observer or preparer gave back: an awaitable, or a list of them (coroutine hooks), in order."""
    if pending is None:
        return
    if isinstance(pending, list):
        for outcome in pending:
            await outcome
    elif isinstance(pending, Awaitable):
        await pending


def settle(pending: object) -> None:
    """Nothing to wait for: a sync client's observers and hooks have done their work when they return."""


def async_paced(response: httpx.Response, pace: Pace | None) -> contextlib.AbstractContextManager[None]:
    """Nothing to set up: each async read is bounded by its own wait (`async_next_block`)."""
    return contextlib.nullcontext()


def paced(response: httpx.Response, pace: Pace | None) -> contextlib.AbstractContextManager[None]:
    """While the attempt's body is read, each read of its connection waits no longer than its pace allows (where the
    transport reads a network stream, as httpx's own does)."""
    return PacedReads(response, pace)


async def async_next_block(blocks: AsyncIterator[bytes], pace: Pace | None) -> bytes | None:
    """The next bytes of a body (None at its end), waiting no longer than its pace allows (whatever the transport)."""
    if pace is None:
        return await anext(blocks, None)
    wait = pace.next_wait()
    if wait is None:
        return await anext(blocks, None)
    import asyncio

    async with asyncio.timeout(wait):
        return await anext(blocks, None)


def next_block(blocks: Iterator[bytes], pace: Pace | None) -> bytes | None:
    """The next bytes of a body (None at its end); `paced` bounds each read of the connection."""
    return next(blocks, None)


def async_close_dropped(response: Any) -> None:
    """A response whose owner was dropped unclosed: closing needs the event loop, so schedule it there if one runs."""
    if response is not None and not response.is_closed:
        close_on_running_loop(response.aclose)


def close_dropped(response: Any) -> None:
    """A response whose owner was dropped unclosed: give its connection back to the pool. From a finalizer, so a
    close that fails (the connection is lost anyway) is not raised into whatever code the collector interrupted."""
    if response is not None and not response.is_closed:
        with contextlib.suppress(Exception):
            response.close()
