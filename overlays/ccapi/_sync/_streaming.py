# generated from overlays/ccapi/_async/_streaming.py by tools/unasync.py; do not edit
"""A stream of server-sent events, read event by event, each a typed event (`EventT`). What it promises (its
connection always given back, its call ended exactly once, how it fails, how it begins again on a fallback model) is
described in `ccapi._streaming`, which holds what does no I/O."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Generator, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, cast

import httpx

from .. import _io
from .._errors import CCAPIError, StreamInUseError, StreamRestartedError
from .._lifecycle import Outcome
from .._sse import EventParser
from .._streaming import (
    _SKIPPED,
    DONE,
    EventDecoder,
    EventT,
    _decode,
    _ended_early,
    _identity,
    _interrupt,
    _model_of,
    _not_a_completion,
    _not_events,
    _restart,
    _State,
    _StreamBase,
    _text_of,
    _transport_error,
)

if TYPE_CHECKING:
    from ccapi_generated.models import ChatCompletionResponse

    from .._lifecycle import Call
    from .._openings import StreamOpening
    from ._pipeline import StreamSource


# The event loop is a module function, not a method, so that the generator holds no reference to its stream: a dropped
# stream is then freed at once (not at the next garbage collection) and closes its response. It is one generator, not
# one per attempt inside one for the stream: each event passes through one frame, not three.
def _events(
    state: _State, decode_event: EventDecoder, call: Call | None, source: StreamSource | None
) -> Generator[Any, None]:
    outcome: Outcome = Outcome.LEFT  # unless it ends otherwise, the caller left it (a break, a close)
    value: BaseException | None = None
    tell = call.item_listener() if call is not None else None  # None: no tracker follows the events
    try:
        while True:  # each attempt: the call's own model's, then (with fallback models) the next one's
            delivered = paced = 0  # events given, and of them, those the pace was told of
            response = state.response
            pace = source.pace() if source is not None else None
            try:
                try:
                    if error := _not_events(response):
                        raise error
                    parser = EventParser()
                    blocks = response.iter_bytes()
                    done = False
                    with _io.paced(response, pace):
                        while not done:
                            if delivered != paced and pace is not None:
                                # Events came since the last read: the idle deadline begins again as this one
                                # starts (told once a read, not once an event; the time the caller spent on them
                                # is not the server's idleness).
                                pace.event()
                                paced = delivered
                            block = _io.next_block(blocks, pace)  # None: the end, the parser's rest
                            for data in parser.feed(block):
                                if data == DONE:
                                    done = True
                                    break
                                if not data:
                                    continue
                                event = _decode(response, data, decode_event, state)
                                if event is _SKIPPED:
                                    continue
                                state.saw(event)
                                delivered += 1
                                if tell is not None:
                                    tell(event)
                                yield event
                                if state.closing:  # closed from another thread meanwhile: read no more
                                    done = True
                                    break
                            if block is None:
                                break
                    if not done and not state.finished:
                        raise _ended_early(response)
                except (httpx.HTTPError, TimeoutError) as error:  # broken, idle, past a deadline, or undecodable
                    raise _transport_error(response, error, pace) from None
                finally:
                    # A close that fails (the connection is given up either way) is not the stream's failure.
                    with contextlib.suppress(httpx.HTTPError):
                        response.close()
            except CCAPIError as error:
                if state.closing:  # closed from another thread, which shut the connection: not the server's failure
                    if source is not None:
                        source.left()
                    return
                following = source.restart(error) if source is not None else None
                if following is None:
                    raise
                _restart(state, error, delivered, _model_of(response), following)
                continue
            if state.closing:
                if source is not None:
                    source.left()
                return
            outcome = Outcome.COMPLETE
            if source is not None:
                source.completed()
            return
    except GeneratorExit:
        if source is not None:
            source.left()
        raise
    except BaseException as error:
        outcome, value = Outcome.ERROR, error
        raise
    finally:
        try:
            state.response.close()
        finally:
            if call is not None:
                call.end(outcome, value)


class Stream(_StreamBase[EventT]):
    """An answer as it is written: iterate it (`for`) for its typed events (ChatCompletionChunk objects, for a
    chat). Use it as a context manager (`with`), which closes it."""

    def __init__(
        self,
        response: httpx.Response,
        event: Callable[[Any], EventT] | None = None,
        call: Call | None = None,
        source: StreamSource | None = None,
    ) -> None:
        super().__init__(response, call)
        self._iterator: Generator[EventT, None] = _events(self._state, event or _identity, call, source)
        self._state.can_restart = source is not None and source.route.failover is not None
        # One token: the reader takes it (pop) and gives it back (append), each an atomic step; a second reader finds
        # none. A list, not a Lock: its non-blocking acquire parses its arguments, four times the cost of a pop.
        self._reading: list[bool] = [True]
        self._put_back: Any = _NOTHING  # an event to give again first (the first of a new answer, see iter_text)

    @classmethod
    def opened(cls, opening: StreamOpening[StreamSource]) -> Stream[Any]:
        """The stream of a call the pipeline opened (what the generated resources return)."""
        return cls(opening.response, opening.event, opening.call, opening.source)

    def __iter__(self) -> Self:
        # The stream is its own iterator, so that a loop keeps it (and its connection) alive to the end.
        return self

    def __next__(self) -> EventT:
        put_back = self._put_back
        if put_back is not _NOTHING:
            self._put_back = _NOTHING
            return cast(EventT, put_back)
        try:
            self._reading.pop()
        except IndexError:
            raise StreamInUseError() from None
        try:
            return self._iterator.__next__()
        finally:
            self._reading.append(True)

    def iter_text(self, *, hold_until_complete: bool = False) -> Iterator[str]:
        """Only the text, piece by piece (of the first choice), never repeated: if the stream breaks after giving text
        and begins again on a fallback model, StreamRestartedError is raised (its `.stream`, this stream, gives the new
        answer from its start). With `hold_until_complete=True`, on a stream that may begin again, text is held back
        until the attempt giving it is known good (its finish reason seen): then only the answer that served is
        given, at the cost of getting it all at its end."""
        state = self._state
        restarts = len(state.restarts)
        gave = False
        hold = hold_until_complete and state.can_restart
        held: list[str] = []
        for chunk in self:
            if len(state.restarts) != restarts:  # begun again from scratch: what came before is not the answer
                restarts = len(state.restarts)
                held.clear()
                if gave:
                    self._put_back = chunk  # the new answer's first event: the stream handed over gives it first
                    raise StreamRestartedError(self, state.restarts[-1])
            content = _text_of(self.response, chunk)
            if hold and not state.finished:
                if content:
                    held.append(content)
                continue
            if held:
                content = "".join(held) + (content or "")
                held.clear()
            if content:
                gave = True
                yield content
        if held and not state.closing:  # complete without a finish reason (its [DONE] came): known good
            yield "".join(held)

    def final_completion(self) -> ChatCompletionResponse:
        """Read the rest of the stream; return the whole answer as a ChatCompletionResponse."""
        from .._accumulate import ChatCompletionAccumulator

        accumulator = ChatCompletionAccumulator()
        restarts = len(self.restarts)
        try:
            for chunk in self:
                if len(self.restarts) != restarts:  # begun again on another model: only its answer counts
                    accumulator, restarts = ChatCompletionAccumulator(), len(self.restarts)
                accumulator.add(cast(Any, chunk))
            return self._completion(accumulator)
        except CCAPIError:
            raise
        except Exception as error:  # no chunk at all, or chunks that do not add up to an answer
            raise _not_a_completion(self.response, error) from error

    def close(self) -> None:
        """Stop reading and give the connection back; the call ends. From any thread: a reader on another thread
        ends (quietly) where it waits."""
        try:
            self._reading.pop()
        except IndexError:  # being read elsewhere: stop that reader, end the call here
            self._state.closing = True
            _interrupt(self.response)
            if self._call is not None:
                self._call.leave()
            return
        try:
            self._iterator.close()
            self.response.close()
        finally:
            self._reading.append(True)
            if self._call is not None:
                self._call.leave()  # closed before it was ever read: the generator never ran to say so

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __del__(self) -> None:
        # Dropped without being read to the end or closed: give the connection back to the pool, and end the call.
        state = self.__dict__.get("_state")
        _io.close_dropped(state.response if state is not None else None)
        call = self.__dict__.get("_call")
        if call is not None:
            call.leave()


_NOTHING: Any = object()
