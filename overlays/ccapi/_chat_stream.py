"""`client.chat.completions.stream(...)`: a context manager over a chat stream that yields the typed events of
`_chat_events` and ends in a parsed completion (`get_final_completion()`). The state is shared and I/O-free; only
reading the chunks is written twice (sync, async), each a few lines.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Callable, Generator, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Generic, Self, TypeVar

if TYPE_CHECKING:
    from collections.abc import Awaitable

    from ccapi_generated.models import ChatCompletionChunk, ChatCompletionResponse

    from ._chat_events import ChatCompletionStreamEvent, ChatStreamState
    from ._streaming import AsyncStream, Stream
    from ._structured._parsed import ParsedChatCompletion

T = TypeVar("T")


class ChatCompletionStream(Generic[T]):
    """The events of one chat stream (iterate it), `get_final_completion()`, `until_done()` and
    `current_completion_snapshot`. Closing it (or leaving the `with` block) gives the connection back."""

    def __init__(self, raw: Stream[ChatCompletionChunk], state: ChatStreamState[T]) -> None:
        self._raw = raw
        self._state = state
        self._events = self._read()

    def _read(self) -> Generator[ChatCompletionStreamEvent[T], None, None]:
        for chunk in self._raw:
            yield from self._state.handle(chunk, self._raw.restarts)

    def __iter__(self) -> Iterator[ChatCompletionStreamEvent[T]]:
        return self._events

    def __next__(self) -> ChatCompletionStreamEvent[T]:
        return next(self._events)

    def until_done(self) -> Self:
        """Read the rest of the stream."""
        for _ in self._events:
            pass
        return self

    def get_final_completion(self) -> ParsedChatCompletion[T]:
        """Read the rest; the whole answer, parsed."""
        self.until_done()
        return self._state.final()

    @property
    def current_completion_snapshot(self) -> ChatCompletionResponse:
        """The completion so far."""
        return self._state.snapshot()

    @property
    def raw(self) -> Stream[ChatCompletionChunk]:
        """The chunk stream beneath (its `restarts`, `response`, `request_id`)."""
        return self._raw

    def close(self) -> None:
        self._events.close()
        self._raw.close()


class ChatCompletionStreamManager(Generic[T]):
    """What `stream(...)` returns: opened by `with`, which yields the ChatCompletionStream and closes it after."""

    def __init__(self, open_stream: Callable[[], ChatCompletionStream[T]]) -> None:
        self._open = open_stream
        self._stream: ChatCompletionStream[T] | None = None

    def __enter__(self) -> ChatCompletionStream[T]:
        self._stream = self._open()
        return self._stream

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if self._stream is not None:
            self._stream.close()


class AsyncChatCompletionStream(Generic[T]):
    """The async ChatCompletionStream: `async for event in stream`, `await stream.get_final_completion()`."""

    def __init__(self, raw: AsyncStream[ChatCompletionChunk], state: ChatStreamState[T]) -> None:
        self._raw = raw
        self._state = state
        self._events = self._read()

    async def _read(self) -> AsyncGenerator[ChatCompletionStreamEvent[T], None]:
        async for chunk in self._raw:
            for event in self._state.handle(chunk, self._raw.restarts):
                yield event

    def __aiter__(self) -> AsyncIterator[ChatCompletionStreamEvent[T]]:
        return self._events

    async def __anext__(self) -> ChatCompletionStreamEvent[T]:
        return await self._events.__anext__()

    async def until_done(self) -> Self:
        """Read the rest of the stream."""
        async for _ in self._events:
            pass
        return self

    async def get_final_completion(self) -> ParsedChatCompletion[T]:
        """Read the rest; the whole answer, parsed."""
        await self.until_done()
        return self._state.final()

    @property
    def current_completion_snapshot(self) -> ChatCompletionResponse:
        """The completion so far."""
        return self._state.snapshot()

    @property
    def raw(self) -> AsyncStream[ChatCompletionChunk]:
        return self._raw

    async def close(self) -> None:
        await self._events.aclose()
        await self._raw.close()


class AsyncChatCompletionStreamManager(Generic[T]):
    """What the async `stream(...)` returns: `async with client.chat.completions.stream(...) as stream`."""

    def __init__(self, open_stream: Callable[[], Awaitable[AsyncChatCompletionStream[T]]]) -> None:
        self._open = open_stream
        self._stream: AsyncChatCompletionStream[T] | None = None

    async def __aenter__(self) -> AsyncChatCompletionStream[T]:
        self._stream = await self._open()
        return self._stream

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._stream is not None:
            await self._stream.close()
