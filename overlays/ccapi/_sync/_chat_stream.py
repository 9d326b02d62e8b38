# generated from overlays/ccapi/_async/_chat_stream.py by tools/unasync.py; do not edit
"""`chat.completions.stream(...)`: a context manager over a chat stream that yields the typed events of
`ccapi._chat_events` and ends in a parsed completion (`get_final_completion()`). The events are made by the shared,
I/O-free `ChatStreamState`; here is only the reading."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Generic, Self, TypeVar

if TYPE_CHECKING:
    from ccapi_generated.models import ChatCompletionChunk, ChatCompletionResponse

    from .._chat_events import ChatCompletionStreamEvent, ChatStreamState
    from .._structured._parsed import ParsedChatCompletion
    from ._streaming import Stream

T = TypeVar("T")


class ChatCompletionStream(Generic[T]):
    """The events of one chat stream (iterate it), `get_final_completion()`, `until_done()` and
    `current_completion_snapshot`. Closing it (or leaving the `with` block) gives the connection back."""

    def __init__(self, raw: Stream[ChatCompletionChunk], state: ChatStreamState[T]) -> None:
        self._raw = raw
        self._state = state
        self._events = self._read()

    def _read(self) -> Generator[ChatCompletionStreamEvent[T], None]:
        from .._errors import StructuredOutputError

        for chunk in self._raw:
            try:
                events = self._state.handle(chunk, self._raw.restarts)
            except StructuredOutputError:
                # The answer is billed whole: read what is left of it (its usage, when asked for) before saying so,
                # so that spend counts what the answer used rather than the worst case of a stream left early.
                for _ in self._raw:
                    pass
                raise
            for event in events:
                yield event

    def __iter__(self) -> Iterator[ChatCompletionStreamEvent[T]]:
        return self._events

    def __next__(self) -> ChatCompletionStreamEvent[T]:
        return self._events.__next__()

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
        """The completion so far (the serving model's, after a restart)."""
        return self._state.snapshot()

    @property
    def raw(self) -> Stream[ChatCompletionChunk]:
        """The chunk stream beneath (its `restarts`, `response`, `request_id`)."""
        return self._raw

    def close(self) -> None:
        """Stop reading and give the connection back."""
        self._events.close()
        self._raw.close()


class ChatCompletionStreamManager(Generic[T]):
    """What `stream(...)` returns: the request is sent when the `with` block begins, which gives the stream; leaving
    the block closes it."""

    def __init__(self, open_stream: Callable[[], ChatCompletionStream[T]]) -> None:
        self._open = open_stream
        self._stream: ChatCompletionStream[T] | None = None

    def __enter__(self) -> ChatCompletionStream[T]:
        self._stream = self._open()
        return self._stream

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._stream is not None:
            self._stream.close()
