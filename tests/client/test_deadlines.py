"""A call's deadlines, without I/O: what each attempt and each read of a stream may wait."""

from __future__ import annotations

from ccapi._deadlines import Deadlines, Pace


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_stream_attempt_waits_for_its_headers_no_longer_than_the_first_byte_deadline() -> None:
    deadlines = Deadlines(total=None, first_byte=20.0, clock=Clock())
    timeouts = {"connect": 5.0, "read": 60.0, "write": 60.0, "pool": 60.0}
    assert deadlines.timeouts(timeouts, stream=True)["read"] == 20.0
    assert deadlines.timeouts(timeouts, stream=True)["connect"] == 5.0
    assert deadlines.timeouts(timeouts, stream=False) == timeouts  # a plain answer keeps its read timeout


def test_the_total_deadline_cuts_every_attempt_and_wait() -> None:
    clock = Clock()
    deadlines = Deadlines(total=30.0, first_byte=20.0, clock=clock)
    clock.now = 25.0
    assert deadlines.remaining() == 5.0
    assert deadlines.timeouts({"connect": 5.0, "read": 60.0, "write": None, "pool": 60.0}, stream=False) == {
        "connect": 5.0, "read": 5.0, "write": 5.0, "pool": 5.0,
    }  # fmt: skip
    assert deadlines.sleep_allowed(4.0)
    assert not deadlines.sleep_allowed(5.0)
    clock.now = 31.0
    assert deadlines.remaining() == 0.0
    assert deadlines.expired()


def test_a_stream_waits_for_its_first_event_only_as_long_as_the_first_token_deadline() -> None:
    clock = Clock()
    pace = Pace(Deadlines(total=None, first_byte=None, clock=clock), idle=60.0, first_token=10.0)
    clock.now = 4.0
    assert pace.next_wait() == 6.0
    assert pace.why == "first_token"
    pace.event()
    assert pace.next_wait() is None  # just after an event: the read timeout bounds the next read as tightly
    assert pace.why == "idle"
    assert "went idle" in pace.describe()


def test_without_a_first_token_deadline_the_idle_timeout_rules_until_the_total_deadline() -> None:
    clock = Clock()
    pace = Pace(Deadlines(total=100.0, first_byte=None, clock=clock), idle=60.0, first_token=None)
    assert pace.next_wait() == 60.0
    clock.now = 50.0
    pace.event()
    clock.now = 70.0
    assert pace.next_wait() == 30.0
    assert pace.why == "total"
    assert "total deadline (100s)" in pace.describe()


def test_the_idle_deadline_counts_events_not_reads() -> None:
    clock = Clock()
    pace = Pace(Deadlines(total=None, first_byte=None, clock=clock), idle=10.0, first_token=None)
    assert pace.next_wait() is None  # the headers just came: the read timeout is the idle deadline
    clock.now = 4.0  # bytes came (a comment, part of a line), but no event: the next read waits what is left
    assert pace.next_wait() == 6.0
    clock.now = 11.0
    assert pace.next_wait() == 0.0
    assert "no complete event within 10s" in pace.describe()
    pace.event()
    assert pace.next_wait() is None
