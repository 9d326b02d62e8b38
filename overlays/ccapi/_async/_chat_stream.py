"""`chat.completions.stream(...)`: a context manager over a chat stream that yields the typed events of
`ccapi._chat_events` and ends in a parsed completion (`get_final_completion()`). The events are made by the shared,
I/O-free `ChatStreamState`; here is only the reading."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable
from types import TracebackType
from typing import TYPE_CHECKING, Generic, Self, TypeVar

if TYPE_CHECKING:
    from ccapi_generated.models import ChatCompletionChunk, ChatCompletionResponse

    from .._chat_events import ChatCompletionStreamEvent, ChatStreamState
    from .._structured._parsed import ParsedChatCompletion
    from ._streaming import AsyncStream

T = TypeVar("T")


class AsyncChatCompletionStream(Generic[T]):
    """The events of one chat stream (iterate it), `get_final_completion()`, `until_done()` and
    `current_completion_snapshot`. Closing it (or leaving the `with` block) gives the connection back."""

    def __init__(self, raw: AsyncStream[ChatCompletionChunk], state: ChatStreamState[T]) -> None:
        self._raw = raw
        self._state = state
        self._events = self._read()

    async def _read(self) -> AsyncGenerator[ChatCompletionStreamEvent[T], None]:
        from .._errors import StructuredOutputError

        async for chunk in self._raw:
            try:
                events = self._state.handle(chunk, self._raw.restarts)
            except StructuredOutputError:
                # The answer is billed whole: read what is left of it (its usage, when asked for) before saying so,
                # so that spend counts what the answer used rather than the worst case of a stream left early.
                async for _ in self._raw:
                    pass
                raise
            for event in events:
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
        """The completion so far (the serving model's, after a restart)."""
        return self._state.snapshot()

    @property
    def raw(self) -> AsyncStream[ChatCompletionChunk]:
        """The chunk stream beneath (its `restarts`, `response`, `request_id`)."""
        return self._raw

    async def close(self) -> None:
        """Stop reading and give the connection back."""
        await self._events.aclose()
        await self._raw.close()


class AsyncChatCompletionStreamManager(Generic[T]):
    """What `stream(...)` returns: the request is sent when the `with` block begins, which gives the stream; leaving
    the block closes it."""

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
