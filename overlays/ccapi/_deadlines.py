"""A call's deadlines: the total across all its attempts, and for a stream the first byte (its headers), the first
event (when there is another model to move on to), and the idle time between events (the read timeout).

A non-streaming answer sends nothing until it is complete, so its read timeout stays what it is; only the total
deadline cuts it shorter. The idle deadline counts complete events, not bytes: keep-alive comments, or a line that
never ends, do not hold a stream open. Nothing here sends anything: the pipeline asks how long the next wait may be.

Deadlines are the call's, however the bytes arrive. Async waits are bounded by the event loop. A sync call's reads
are bounded by what its deadlines leave (`limit_reads`): httpcore gives each socket read of a phase the same read
timeout, which a server trickling a byte at a time never trips. The alternative, a watchdog thread closing the
connection at the deadline, costs a thread handoff on every call and cannot close what httpcore has not yet handed
out; a bounded read costs a thread-local lookup and a clock read a read, and nothing on a plain call.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

DEFAULT_FIRST_BYTE_TIMEOUT = 20.0
"""Seconds for a stream's headers to come (a gateway that accepted a stream request answers its headers at once)."""


class Deadlines:
    """One call's clock: the total deadline (None: none), and the first-byte deadline of each stream attempt."""

    __slots__ = ("clock", "first_byte", "started", "total")

    def __init__(
        self, total: float | None, first_byte: float | None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.clock = clock
        self.started = clock()
        self.total = total
        self.first_byte = first_byte

    def remaining(self) -> float | None:
        """Seconds left of the total deadline (never below 0), or None without one."""
        if self.total is None:
            return None
        return max(0.0, self.total - (self.clock() - self.started))

    def expired(self) -> bool:
        left = self.remaining()
        return left is not None and left <= 0

    def sleep_allowed(self, delay: float) -> bool:
        """Whether a retry's wait of `delay` seconds still leaves time for the attempt after it."""
        left = self.remaining()
        return left is None or delay < left

    def timeouts(self, timeout: dict[str, Any], *, stream: bool) -> dict[str, Any]:
        """An attempt's httpx timeouts: the client's, each cut to what is left of the total; for a stream, the read
        timeout (which waits for the headers) cut to the first-byte deadline too."""
        if self.total is None and (not stream or self.first_byte is None):
            return timeout  # nothing to cut (most calls): no clock read
        limits = [self.remaining()]
        if stream:
            limits.append(self.first_byte)
        bound = min((limit for limit in limits if limit is not None), default=None)
        if bound is None:
            return timeout
        cut = dict(timeout)
        for part in ("connect", "read", "write", "pool"):
            value = cut.get(part)
            cut[part] = bound if value is None else min(value, bound)
        return cut


class Pace:
    """How long one stream attempt may wait for its next bytes: until its idle deadline (the read timeout from the
    read that follows complete events, or from the headers: keep-alive comments and a line that never ends do not
    count), or less
    while its first event is due (when there is another model to move on to) or when the call's total deadline is
    near. None: the transport's read timeout bounds the next read as tightly (just after an event)."""

    __slots__ = ("deadlines", "first_token", "first_token_due", "idle", "idle_due", "seen", "why")

    def __init__(self, deadlines: Deadlines, idle: float | None, first_token: float | None) -> None:
        self.deadlines = deadlines
        self.idle = idle
        now = deadlines.clock()
        self.idle_due = None if idle is None else now + idle
        self.first_token = first_token
        self.first_token_due = None if first_token is None else now + first_token
        self.seen = False
        self.why = "idle"
        """Which deadline the last wait was cut to: `idle`, `first_token` or `total`."""

    def event(self) -> None:
        """Complete events arrived: the first-token deadline is met, and the idle deadline begins again. A stream
        tells it as it starts its next read (once a read, not once an event), so that the time its caller spends on
        the events does not count as the server's idleness."""
        self.seen = True
        if self.idle is not None:
            self.idle_due = self.deadlines.clock() + self.idle

    def next_wait(self) -> float | None:
        """Seconds the next read may wait (None: as long as the read timeout); sets `why` to the deadline that bounds
        it."""
        self.why = "idle"
        idle_due, first_token_due, total = self.idle_due, self.first_token_due, self.deadlines.total
        if total is None and (self.seen or first_token_due is None):
            if idle_due is None:
                return None
            idle_left = idle_due - self.deadlines.clock()
            assert self.idle is not None  # noqa: S101 (idle_due is set from it)
            return None if idle_left >= self.idle - _SAME else max(0.0, idle_left)
        now = self.deadlines.clock()
        wait: float | None = None if idle_due is None else max(0.0, idle_due - now)
        if not self.seen and first_token_due is not None:
            due = max(0.0, first_token_due - now)
            if wait is None or due < wait:
                wait, self.why = due, "first_token"
        left = self.deadlines.remaining()
        if left is not None and (wait is None or left < wait):
            wait, self.why = left, "total"
        return wait

    def describe(self) -> str:
        if self.why == "first_token":
            return f"sent no event within the first-token deadline ({self.first_token:g}s)"
        if self.why == "total":
            return f"was cut at the call's total deadline ({self.deadlines.total:g}s)"
        return f"went idle (no complete event within {self.idle:g}s)" if self.idle is not None else "went idle"


_SAME = 0.001
"""Seconds below which a wait is taken to be the read timeout itself (just after an event): no bound is set."""


# How a sync call keeps its deadlines however the bytes arrive. httpcore gives every socket read of a phase (the
# headers, the body) the same read timeout, so a server that trickles a byte within each never trips it. Each network
# stream the client's connections read from is given a read that waits no longer than what the calling thread's
# current bound leaves (a call's deadline while it is sent, a stream's pace while a block is read), and fails at once
# when nothing is left. The bound is the thread's: a sync call reads on the thread that makes it.
_bound = threading.local()


def limit_reads(stream: Any) -> None:
    """Have each read of a network stream (httpcore's) wait no longer than the calling thread's bound leaves, or else
    the stream's own pace (`paced_reads`), once a stream; a stream class with slots, or none at all, keeps its fixed
    timeouts."""
    if stream is None:
        return
    attributes = getattr(stream, "__dict__", None)
    if attributes is None or "read" in attributes:
        return
    read = getattr(stream, "read", None)
    if read is None:
        return

    def read_within(max_bytes: int, timeout: float | None = None) -> Any:
        wait = getattr(_bound, "wait", None) or attributes.get(_PACE)
        if wait is not None:
            left = wait()
            if left is not None:
                if left <= 0:
                    import httpcore

                    raise httpcore.ReadTimeout("the call's deadline passed")
                timeout = left if timeout is None else min(timeout, left)
        return read(max_bytes, timeout)

    attributes["read"] = read_within


_PACE = "_ccapi_pace"
"""Where a limited network stream keeps the pace of the stream attempt reading it."""


class PacedReads:
    """While a stream attempt reads its response, each read of its connection waits as long as its pace allows (set
    once for the attempt, not for each block). Without a limited network stream (a mock, another transport), the
    request's own read timeout stays in force."""

    __slots__ = ("attributes", "pace")

    def __init__(self, response: Any, pace: Pace | None) -> None:
        stream = response.extensions.get("network_stream")
        attributes = getattr(stream, "__dict__", None)
        self.attributes = attributes if pace is not None and attributes is not None and "read" in attributes else None
        self.pace = pace

    def __enter__(self) -> None:
        if self.attributes is not None and self.pace is not None:
            self.attributes[_PACE] = self.pace.next_wait

    def __exit__(self, *exc_info: object) -> None:
        if self.attributes is not None:
            self.attributes.pop(_PACE, None)


def limit_new_connections(name: str, info: dict[str, Any]) -> None:
    """httpcore's `trace` extension: a connection made (or its TLS begun) for a call with deadlines has its reads
    limited before the first of them."""
    if name.endswith(".complete") and name.startswith(("connection.connect_", "connection.start_tls")):
        limit_reads(info.get("return_value"))


class ReadsWithin:
    """While the block runs on this thread, each limited read waits no longer than `wait()` (None: its own timeout).
    A class, not a generator-based context manager: it is entered once a call."""

    __slots__ = ("previous", "wait")

    def __init__(self, wait: Callable[[], float | None]) -> None:
        self.wait = wait
        self.previous: Callable[[], float | None] | None = None

    def __enter__(self) -> None:
        self.previous = getattr(_bound, "wait", None)
        _bound.wait = self.wait

    def __exit__(self, *exc_info: object) -> None:
        _bound.wait = self.previous


def sending_bound(deadlines: Deadlines, *, stream: bool) -> Callable[[], float | None] | None:
    """What a sync attempt's reads may wait while it is sent (a plain answer's body included): until the total
    deadline, and for a stream's headers, the first-byte deadline too. None: nothing to bound."""
    clock = deadlines.clock
    dues = []
    if deadlines.total is not None:
        dues.append(deadlines.started + deadlines.total)
    if stream and deadlines.first_byte is not None:
        dues.append(clock() + deadlines.first_byte)
    if not dues:
        return None
    due = min(dues)
    return lambda: due - clock()
