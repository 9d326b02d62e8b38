"""Closing a stream ends it and its call, from any thread and however closing goes: a stop button or a watchdog on
another thread can cancel a stream being read; a second thread iterating the same stream gets a typed error, not
`ValueError: generator already executing`; and a response whose close fails still ends the call (what the client
spends shows it: a served stream left early is charged its worst case when its call ends)."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Iterator
from typing import Any

import ccapi
import httpx

from .conftest import BASE_URL, KEY
from .trickle import SSE_HEAD, chunk_event, trickling

HELLO = [{"role": "user", "content": "Hi"}]
MODEL = "openai/gpt-4o-mini"
ENDLESS = [(SSE_HEAD, 0.0), (chunk_event("word "), 0.1)]  # an event every 0.1 s, for ever


class _Reader(threading.Thread):
    """Reads a stream to its end on its own thread, keeping what it read and how it ended."""

    def __init__(self, stream: ccapi.Stream[Any]) -> None:
        super().__init__(daemon=True)
        self.stream = stream
        self.read = 0
        self.error: BaseException | None = None
        self.started_reading = threading.Event()

    def run(self) -> None:
        try:
            for _ in self.stream:
                self.read += 1
                self.started_reading.set()
        except BaseException as error:
            self.error = error


def test_closing_from_another_thread_ends_the_stream_its_reader_and_its_call() -> None:
    with trickling(ENDLESS, repeat=1) as server:
        client = ccapi.CCAPI(api_key="sk-x", base_url=server.base_url, max_retries=0)
        with client:
            stream = client.chat.completions.create(model=MODEL, messages=HELLO, stream=True)
            reader = _Reader(stream)
            reader.start()
            assert reader.started_reading.wait(5)
            stream.close()  # from this thread, while the reader's thread is inside the stream
            reader.join(2)
            assert not reader.is_alive(), "the reader carried on after close()"
            assert reader.error is None or isinstance(reader.error, ccapi.CCAPIError), repr(reader.error)
            assert server.hung_up.wait(2), "the connection was not closed"
            assert stream.response.is_closed
            assert client.spend.calls == 1  # the call ended: served and left early, charged its worst case


def test_a_second_thread_iterating_a_stream_gets_a_typed_error() -> None:
    with trickling(ENDLESS, repeat=1) as server:
        client = ccapi.CCAPI(api_key="sk-x", base_url=server.base_url, max_retries=0)
        with client, client.chat.completions.create(model=MODEL, messages=HELLO, stream=True) as stream:
            first = _Reader(stream)
            first.start()
            assert first.started_reading.wait(5)
            errors: list[BaseException] = []
            for _ in range(20):  # the first reader is inside the stream most of the time: catch it there
                try:
                    next(stream)
                except BaseException as error:
                    errors.append(error)
                time.sleep(0.01)
            assert errors, "a second reader was never refused"
            assert all(isinstance(error, ccapi.CCAPIError) for error in errors), errors
            assert "another thread" in str(errors[0])
        first.join(2)
        assert not first.is_alive()


class _FailingClose(httpx.SyncByteStream):
    """A stream body whose close fails (a socket that will not close cleanly)."""

    def __init__(self, *blocks: bytes) -> None:
        self.blocks = blocks

    def __iter__(self) -> Iterator[bytes]:
        yield from self.blocks

    def close(self) -> None:
        raise httpx.CloseError("the socket would not close")


def _failing_close_client() -> ccapi.CCAPI:
    def handle(request: httpx.Request) -> httpx.Response:
        body = _FailingClose(chunk_event("Hi "), chunk_event("there "), chunk_event("", "stop"))
        return httpx.Response(200, headers={"Content-Type": "text/event-stream"}, stream=body)

    http = httpx.Client(transport=httpx.MockTransport(handle))
    return ccapi.CCAPI(api_key=KEY, base_url=BASE_URL, http_client=http)


def test_a_stream_closed_unread_ends_its_call_even_when_closing_fails() -> None:
    client = _failing_close_client()
    stream = client.chat.completions.create(model=MODEL, messages=HELLO, stream=True)
    with contextlib.suppress(Exception):
        stream.close()
    assert client.spend.calls == 1


def test_a_stream_left_mid_way_ends_its_call_even_when_closing_fails() -> None:
    client = _failing_close_client()
    stream = client.chat.completions.create(model=MODEL, messages=HELLO, stream=True)
    next(stream)
    with contextlib.suppress(Exception):
        stream.close()
    assert client.spend.calls == 1


def test_closing_from_another_task_ends_the_async_stream_its_reader_and_its_call() -> None:
    async def run(base_url: str) -> tuple[BaseException | None, int]:
        async with ccapi.AsyncCCAPI(api_key="sk-x", base_url=base_url, max_retries=0) as client:
            stream = await client.chat.completions.create(model=MODEL, messages=HELLO, stream=True)
            started = asyncio.Event()

            async def read() -> None:
                async for _ in stream:
                    started.set()

            reader = asyncio.create_task(read())
            await asyncio.wait_for(started.wait(), 5)
            await stream.close()  # while the reader task waits inside the stream
            try:
                await asyncio.wait_for(reader, 2)
                error = None
            except BaseException as caught:
                error = caught
            return error, client.spend.calls

    with trickling(ENDLESS, repeat=1) as server:
        error, calls = asyncio.run(run(server.base_url))
        assert error is None or isinstance(error, ccapi.CCAPIError), repr(error)
        assert server.hung_up.wait(2), "the connection was not closed"
    assert calls == 1
