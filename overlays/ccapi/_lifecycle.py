"""One lifecycle per call, and the observers that follow it.

The pipeline opens a `Call` when a call starts; the call ends exactly once, however it ends: a result, a typed
error, a stream read to its end or left early (`break`, `close()`, leaving `with`, never read, dropped and
collected), a job seen to end or abandoned. Whoever holds the call when it leaves the pipeline (a stream, a job
handle) reports to it: its items as they come, and its end. They do not know who listens.

Who listens are observers, registered on the client (spend and budgets, tracing, the caller's hooks). An observer
is asked, for each call, for a `Tracker`: that call's own state, told of each attempt, each item and the end.

- `prepare(call)`: before anything else, an observer may ask the pipeline to run a function first (the catalog's
  prices, fetched): the only I/O an observer can cause, and the pipeline's to do.
- `open(call)`: a tracker or None. It may refuse the call by raising (a budget that cannot hold it) and may amend
  the body that will be sent (`call.body`).
- attempts: `attempt(request)` before each is sent, `response(response)` when one arrives (any status),
  `failure(error)` with the typed error of an attempt that got no answer and of a status error the call ends with.
  These may return an awaitable (a coroutine hook on AsyncCCAPI), which the async pipeline awaits.
- `answered()`: a success answer began (from then on, the call was served and must be paid for).
- `item(value)`: a stream's event, or a job's latest look.
- `end(outcome, value)`: once. An observer that fails here is logged and the others still run: an end cannot be
  undone, and every tracker must see it.
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ._operation import Operation

_log = logging.getLogger("ccapi")


class Outcome(enum.Enum):
    """How a call ended."""

    RESULT = "result"
    """A whole answer: the decoded result (a job: its final look)."""
    ERROR = "error"
    """A typed error (or any exception) ended it: before the answer, or while a stream was read."""
    COMPLETE = "complete"
    """A stream read to its end."""
    LEFT = "left"
    """Left by the caller before its end: a stream closed or dropped early or unread, a job abandoned unfinished."""


class Tracker:
    """One observer's view of one call. Every method is optional; the defaults do nothing."""

    __slots__ = ()

    def attempt(self, request: Any) -> Awaitable[object] | None:
        return None

    def response(self, response: Any) -> Awaitable[object] | None:
        return None

    def failure(self, error: BaseException) -> Awaitable[object] | None:
        return None

    def answered(self) -> None:
        return None

    def item(self, value: Any) -> None:
        return None

    def end(self, outcome: Outcome, value: Any) -> None:
        return None


class Observer(Protocol):
    """What the client registers: for each call, a tracker (or None, for a call it does not follow)."""

    def open(self, call: Call) -> Tracker | None: ...


class Preparer(Protocol):
    """An observer that may need something done before a call (see the module's docstring): a function the pipeline
    calls with itself (and awaits, on AsyncCCAPI, if it gives an awaitable)."""

    def prepare(self, call: Call) -> Callable[[Any], object] | None: ...


_ending = threading.Lock()  # makes a call's end a single step, whichever thread or finalizer gets there first


class Call:
    """One call's lifecycle: the operation, the body to send, and the trackers of the observers that follow it."""

    __slots__ = ("_trackers", "body", "ended", "op", "outcome", "streaming")

    def __init__(self, op: Operation[Any], body: Any, *, streaming: bool = False) -> None:
        self.op = op
        self.body = body
        """The JSON body to send (`extra_body` merged in): what estimates read, and what observers may amend."""
        self.streaming = streaming
        """Whether the answer is a stream of events (the operation's `x-ccapi-wrapper` flag was set)."""
        self._trackers: tuple[Tracker, ...] = ()
        self.ended = False
        self.outcome: Outcome | None = None

    def open(self, observers: tuple[Observer, ...]) -> None:
        """Ask each observer for its tracker. One that raises refuses the call: those already open see it end."""
        trackers: list[Tracker] = []
        try:
            for observer in observers:
                tracker = observer.open(self)
                if tracker is not None:
                    trackers.append(tracker)
        except BaseException as error:
            self._trackers = tuple(trackers)
            self.end(Outcome.ERROR, error)
            raise
        self._trackers = tuple(trackers)

    def attempt(self, request: Any) -> list[Awaitable[object]] | None:
        return _each(self._trackers, "attempt", request)

    def response(self, response: Any) -> list[Awaitable[object]] | None:
        return _each(self._trackers, "response", response)

    def failure(self, error: BaseException) -> list[Awaitable[object]] | None:
        return _each(self._trackers, "failure", error)

    def answered(self) -> None:
        for tracker in self._trackers:
            tracker.answered()

    def item(self, value: Any) -> None:
        for tracker in self._trackers:
            tracker.item(value)

    def item_listener(self) -> Callable[[Any], None] | None:
        """Whom to tell of each item, for what gives many (a stream's events): None when no tracker follows the call,
        the one tracker's own `item` when one does (a call less an event), else `item`."""
        trackers = self._trackers
        if not trackers:
            return None
        if len(trackers) == 1:
            return trackers[0].item
        return self.item

    def end(self, outcome: Outcome, value: Any = None) -> None:
        """End the call (once: later ends are ignored)."""
        with _ending:
            if self.ended:
                return
            self.ended = True
        self.outcome = outcome
        for tracker in self._trackers:
            try:
                tracker.end(outcome, value)
            except Exception:  # an observer's own failure: the others must still see the end
                _log.exception("a call observer failed at the end of %s", self.op.operation_id)

    def leave(self) -> None:
        """The caller left (closed, dropped or abandoned what holds the call) before its end."""
        self.end(Outcome.LEFT)

    def __repr__(self) -> str:
        state = f"ended {self.outcome.value}" if self.outcome is not None else "open"
        return f"<Call {self.op.operation_id} {state}>"


def _each(trackers: tuple[Tracker, ...], name: str, value: Any) -> list[Awaitable[object]] | None:
    """Tell each tracker; what they give back to await (an async hook's coroutine), if anything."""
    pending: list[Awaitable[object]] | None = None
    for tracker in trackers:
        outcome = getattr(tracker, name)(value)
        if outcome is not None:
            if pending is None:
                pending = []
            pending.append(outcome)
    return pending
