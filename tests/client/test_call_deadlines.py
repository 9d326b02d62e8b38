"""Deadlines are per call, however the bytes arrive: a server that trickles its headers or body a byte at a time (each
byte well within the read timeout) cannot hold a call past its `total_timeout` or `first_byte_timeout` by more than
a second, and a stream that sends only keep-alive comments, or one line that never ends, goes idle by its read
timeout (the idle deadline counts complete events, not bytes). Sync and async, over a real loopback socket."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from typing import Any

import ccapi
import httpx
import pytest

from .trickle import CHAT_BODY, SSE_HEAD, bytewise, chunk_event, json_head, trickling

HELLO = [{"role": "user", "content": "Hi"}]
MODEL = "openai/gpt-4o-mini"
SLACK = 1.0  # what the issue allows past a deadline
PATIENT = httpx.Timeout(5.0)  # each read waits this long: far longer than any pause of the trickle


@pytest.fixture(autouse=True, scope="module")
def _warm() -> None:
    """What a first call imports (the resources, the models, anyio) is imported before any call is timed: the
    deadlines are the server's to keep to, not the interpreter's."""
    from ccapi.types import ChatCompletionChunk, ChatCompletionResponse  # noqa: F401

    refused = "http://127.0.0.1:9/v1"
    with _sync(refused) as client, contextlib.suppress(ccapi.APIConnectionError):
        client.chat.completions.create(model=MODEL, messages=HELLO)

    async def run() -> None:
        async with _async(refused) as client:
            with contextlib.suppress(ccapi.APIConnectionError):
                await client.chat.completions.create(model=MODEL, messages=HELLO)

    asyncio.run(run())


def _sync(base_url: str, **options: Any) -> ccapi.CCAPI:
    return ccapi.CCAPI(api_key="sk-trickle", base_url=base_url, max_retries=0, timeout=PATIENT, **options)


def _async(base_url: str, **options: Any) -> ccapi.AsyncCCAPI:
    return ccapi.AsyncCCAPI(api_key="sk-trickle", base_url=base_url, max_retries=0, timeout=PATIENT, **options)


def _timed(run: Callable[[], Any]) -> tuple[BaseException | None, float]:
    started = time.monotonic()
    try:
        run()
    except BaseException as error:
        return error, time.monotonic() - started
    return None, time.monotonic() - started


# A body trickled one byte every 0.2 s: about 40 s in all.
TRICKLED_BODY = [(json_head(len(CHAT_BODY)), 0.0), *bytewise(CHAT_BODY, 0.2)]
# Headers trickled one byte every 0.2 s: about 15 s before the first event could come.
TRICKLED_HEADERS = [*bytewise(SSE_HEAD, 0.2), (chunk_event("Hi", "stop"), 0.0), (b"data: [DONE]\n\n", 0.0)]


def test_a_trickled_body_cannot_hold_a_sync_call_past_its_total_deadline() -> None:
    with trickling(TRICKLED_BODY) as server, _sync(server.base_url, total_timeout=1.5) as client:
        error, took = _timed(lambda: client.chat.completions.create(model=MODEL, messages=HELLO))
    assert isinstance(error, ccapi.APITimeoutError), repr(error)
    assert took < 1.5 + SLACK


def test_a_trickled_body_cannot_hold_an_async_call_past_its_total_deadline() -> None:
    async def run() -> None:
        async with _async(server.base_url, total_timeout=1.5) as client:
            await client.chat.completions.create(model=MODEL, messages=HELLO)

    with trickling(TRICKLED_BODY) as server:
        error, took = _timed(lambda: asyncio.run(run()))
    assert isinstance(error, ccapi.APITimeoutError), repr(error)
    assert took < 1.5 + SLACK


def test_a_per_call_total_deadline_holds_against_a_trickle_too() -> None:
    with trickling(TRICKLED_BODY) as server, _sync(server.base_url) as client:
        error, took = _timed(
            lambda: client.with_options(total_timeout=1.0).chat.completions.create(model=MODEL, messages=HELLO)
        )
    assert isinstance(error, ccapi.APITimeoutError), repr(error)
    assert took < 1.0 + SLACK


def test_trickled_headers_cannot_hold_a_sync_stream_past_its_first_byte_deadline() -> None:
    with trickling(TRICKLED_HEADERS) as server, _sync(server.base_url, first_byte_timeout=1.0) as client:
        error, took = _timed(lambda: list(client.chat.completions.create(model=MODEL, messages=HELLO, stream=True)))
    assert isinstance(error, ccapi.APITimeoutError), repr(error)
    assert took < 1.0 + SLACK


def test_trickled_headers_cannot_hold_an_async_stream_past_its_first_byte_deadline() -> None:
    async def run() -> None:
        async with _async(server.base_url, first_byte_timeout=1.0) as client:
            stream = await client.chat.completions.create(model=MODEL, messages=HELLO, stream=True)
            async with stream:
                async for _ in stream:
                    pass

    with trickling(TRICKLED_HEADERS) as server:
        error, took = _timed(lambda: asyncio.run(run()))
    assert isinstance(error, ccapi.APITimeoutError), repr(error)
    assert took < 1.0 + SLACK


def test_a_trickled_stream_cannot_hold_a_sync_call_past_its_total_deadline() -> None:
    # Events come in time, each one byte at a time: the total deadline ends the call, not the read timeout.
    script = [(SSE_HEAD, 0.0), *bytewise(chunk_event("word "), 0.05)]
    with trickling(script, repeat=1) as server, _sync(server.base_url, total_timeout=1.5) as client:
        error, took = _timed(lambda: list(client.chat.completions.create(model=MODEL, messages=HELLO, stream=True)))
    assert isinstance(error, ccapi.APITimeoutError), repr(error)
    assert took < 1.5 + SLACK


# Keep-alive comments every 0.2 s, for ever: never an event.
COMMENTS_ONLY = [(SSE_HEAD, 0.0), (b": keep-alive\n\n", 0.2)]
# One line that never ends: a byte every 0.1 s, never a newline.
ENDLESS_LINE = [(SSE_HEAD, 0.0), (b"data: ", 0.0), (b"x", 0.1)]
IDLE = httpx.Timeout(5.0, read=1.0)  # the idle deadline: 1 s without a complete event


@pytest.mark.parametrize(("script", "repeat"), [(COMMENTS_ONLY, 1), (ENDLESS_LINE, 2)], ids=["comments", "line"])
def test_a_sync_stream_with_no_complete_event_goes_idle(script: list[tuple[bytes, float]], repeat: int) -> None:
    with trickling(script, repeat=repeat) as server:
        client = ccapi.CCAPI(api_key="sk-trickle", base_url=server.base_url, max_retries=0, timeout=IDLE)
        with client:
            error, took = _timed(lambda: list(client.chat.completions.create(model=MODEL, messages=HELLO, stream=True)))
    assert isinstance(error, ccapi.APITimeoutError), repr(error)
    assert took < 1.0 + SLACK


@pytest.mark.parametrize(("script", "repeat"), [(COMMENTS_ONLY, 1), (ENDLESS_LINE, 2)], ids=["comments", "line"])
def test_an_async_stream_with_no_complete_event_goes_idle(script: list[tuple[bytes, float]], repeat: int) -> None:
    async def run() -> None:
        async with ccapi.AsyncCCAPI(
            api_key="sk-trickle", base_url=server.base_url, max_retries=0, timeout=IDLE
        ) as client:
            stream = await client.chat.completions.create(model=MODEL, messages=HELLO, stream=True)
            async with stream:
                async for _ in stream:
                    pass

    with trickling(script, repeat=repeat) as server:
        error, took = _timed(lambda: asyncio.run(run()))
    assert isinstance(error, ccapi.APITimeoutError), repr(error)
    assert took < 1.0 + SLACK


def test_events_that_come_in_time_keep_a_stream_alive() -> None:
    # The idle deadline is between events: a stream whose events each come within it is read to its end.
    script = [(SSE_HEAD, 0.0), *[(chunk_event("word "), 0.3) for _ in range(6)], (chunk_event("", "stop"), 0.0)]
    script.append((b"data: [DONE]\n\n", 0.0))
    with trickling(script) as server:
        client = ccapi.CCAPI(api_key="sk-trickle", base_url=server.base_url, max_retries=0, timeout=IDLE)
        with client, client.chat.completions.create(model=MODEL, messages=HELLO, stream=True) as stream:
            text = "".join(stream.iter_text())
    assert text == "word " * 6


# An event every 0.1 s, then the end: the server is never idle for long. A caller who takes longer than the idle
# deadline over each event must still read them all (the idle deadline is the server's to keep, not the caller's).
PROMPT = [(SSE_HEAD, 0.0), *[(chunk_event("word "), 0.1) for _ in range(3)], (chunk_event("", "stop"), 0.0)]
PROMPT.append((b"data: [DONE]\n\n", 0.0))
SHORT_IDLE = httpx.Timeout(5.0, read=0.3)


def test_a_caller_slower_than_the_idle_deadline_does_not_make_a_sync_stream_go_idle() -> None:
    pieces = []
    with trickling(PROMPT) as server:
        client = ccapi.CCAPI(api_key="sk-trickle", base_url=server.base_url, max_retries=0, timeout=SHORT_IDLE)
        with client, client.chat.completions.create(model=MODEL, messages=HELLO, stream=True) as stream:
            for piece in stream.iter_text():
                pieces.append(piece)
                time.sleep(0.5)  # the caller's own work on each piece
    assert "".join(pieces) == "word " * 3


def test_a_caller_slower_than_the_idle_deadline_does_not_make_an_async_stream_go_idle() -> None:
    async def run(base_url: str) -> str:
        pieces = []
        async with ccapi.AsyncCCAPI(
            api_key="sk-trickle", base_url=base_url, max_retries=0, timeout=SHORT_IDLE
        ) as client:
            stream = await client.chat.completions.create(model=MODEL, messages=HELLO, stream=True)
            async with stream:
                async for piece in stream.iter_text():
                    pieces.append(piece)
                    await asyncio.sleep(0.5)  # the caller's own work on each piece
        return "".join(pieces)

    with trickling(PROMPT) as server:
        assert asyncio.run(run(server.base_url)) == "word " * 3


def test_the_total_deadline_holds_on_a_caller_s_own_httpx_client_too() -> None:
    with trickling(TRICKLED_BODY) as server, httpx.Client(timeout=PATIENT) as http:
        client = ccapi.CCAPI(
            api_key="sk-trickle", base_url=server.base_url, max_retries=0, http_client=http, total_timeout=1.5
        )
        error, took = _timed(lambda: client.chat.completions.create(model=MODEL, messages=HELLO))
    assert isinstance(error, ccapi.APITimeoutError), repr(error)
    assert took < 1.5 + SLACK
