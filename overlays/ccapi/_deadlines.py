"""A call's deadlines: the total across all its attempts, and for a stream the first byte (its headers), the first
event (when there is another model to move on to), and the idle time between events (the read timeout).

A non-streaming answer sends nothing until it is complete, so its read timeout stays what it is; only the total
deadline cuts it shorter. Nothing here sends anything: the pipeline asks how long the next wait may be.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx

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
    """How long one stream attempt may wait for its next bytes: the idle timeout, or less while its first event is
    due (when there is another model to move on to) or when the call's total deadline is near."""

    __slots__ = ("deadlines", "first_token", "first_token_due", "idle", "seen", "why")

    def __init__(self, deadlines: Deadlines, idle: float | None, first_token: float | None) -> None:
        self.deadlines = deadlines
        self.idle = idle
        self.first_token = first_token
        self.first_token_due = None if first_token is None else deadlines.clock() + first_token
        self.seen = False
        self.why = "idle"
        """Which deadline the last wait was cut to: `idle`, `first_token` or `total`."""

    def event(self) -> None:
        """An event arrived: the first-token deadline is met."""
        self.seen = True

    def next_wait(self) -> float | None:
        """Seconds the next read may wait; sets `why` to the deadline that bounds it."""
        wait, self.why = self.idle, "idle"
        if not self.seen and self.first_token_due is not None:
            due = max(0.0, self.first_token_due - self.deadlines.clock())
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
        return "went idle"


@contextlib.contextmanager
def paced_sync_reads(response: httpx.Response, pace: Pace) -> Iterator[None]:
    """While the block runs, each read of `response`'s connection waits as long as `pace` allows, not the fixed
    read timeout the request was sent with (httpcore passes that one to every read of the body). Where the transport
    exposes no network stream (a mock, another transport), the request's own timeout stays in force."""
    stream = response.extensions.get("network_stream")
    read = getattr(stream, "read", None)
    if stream is None or read is None or "read" in getattr(stream, "__dict__", {}):
        yield
        return

    def paced(max_bytes: int, timeout: float | None = None) -> Any:
        return read(max_bytes, pace.next_wait())

    try:
        stream.read = paced
    except AttributeError:  # a stream class with slots: the fixed timeout it is
        yield
        return
    try:
        yield
    finally:
        with contextlib.suppress(AttributeError):
            del stream.read
