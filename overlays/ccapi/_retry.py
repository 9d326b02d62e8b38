"""When to send a request again and how long to wait first: a policy, and the plan it makes for one call.

Nothing here does I/O. The pipeline (`_pipeline`) asks the plan after each attempt; the plan answers with a delay,
or None when the outcome is final. Only the sending and the sleeping are the pipeline's, written once for sync and
once for async.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime

from . import _checks

logger = logging.getLogger("ccapi")

# 408 and 409 are transient by definition; 429 and 5xx are the gateway or a provider asking for patience.
RETRYABLE_STATUSES = frozenset({408, 409, 429})


def retry_after_seconds(
    headers: Mapping[str, str], now: Callable[[], datetime] = lambda: datetime.now(UTC)
) -> float | None:
    """The server's `Retry-After` (seconds or an HTTP date) in seconds, or None if absent or unreadable.

    A value that is not a finite number (`nan`, `inf`) is unreadable; a negative one or a date past is 0.
    """
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return max(seconds, 0.0) if math.isfinite(seconds) else None
    try:
        import email.utils  # rare, and costly to import: only for HTTP-date values

        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - now()).total_seconds(), 0.0)


async def _asyncio_sleep(seconds: float) -> None:
    import asyncio  # only async clients need it; importing it costs `import ccapi` users who never do

    await asyncio.sleep(seconds)


def is_retryable_status(status: int) -> bool:
    """Statuses worth retrying: 408, 409, 429 and every 5xx. Never 400, 401, 402, 403 or 404."""
    return status in RETRYABLE_STATUSES or status >= 500


@dataclasses.dataclass(frozen=True)
class RetryPolicy:
    """How a client retries: exponential backoff with jitter, `Retry-After` honoured up to a cap, a deadline.

    `sleep` and `async_sleep` are injectable so that tests need not wait.
    """

    max_retries: int = 2
    """Retries after the first attempt (so up to max_retries + 1 requests)."""
    initial_delay: float = 0.5
    """Seconds before the first retry; each later one waits about twice as long."""
    max_delay: float = 8.0
    """The longest backoff between two attempts."""
    max_retry_after: float = 60.0
    """The longest `Retry-After` honoured; a longer one is cut to this."""
    deadline: float = 120.0
    """Seconds after the first attempt past which no retry starts."""
    sleep: Callable[[float], None] = time.sleep
    async_sleep: Callable[[float], Awaitable[None]] = _asyncio_sleep

    def __post_init__(self) -> None:
        _checks.retries("RetryPolicy.max_retries", self.max_retries)
        for name in ("initial_delay", "max_delay", "max_retry_after", "deadline"):
            _checks.seconds(f"RetryPolicy.{name}", getattr(self, name), allow_none=False)
        _checks.callables("RetryPolicy", sleep=self.sleep, async_sleep=self.async_sleep)

    def plan(self, max_retries: int | None = None) -> RetryPlan:
        """The plan for one call (with this policy's `max_retries`, or the call's own)."""
        return RetryPlan(self, self.max_retries if max_retries is None else max_retries)


class RetryPlan:
    """One call's retries: after each attempt, the delay before the next one, or None when there is none."""

    __slots__ = ("deadline", "max_retries", "policy", "retries")

    def __init__(self, policy: RetryPolicy, max_retries: int) -> None:
        self.policy = policy
        self.max_retries = max_retries
        self.retries = 0
        self.deadline = time.monotonic() + policy.deadline

    def after_status(self, status: int, headers: Mapping[str, str]) -> float | None:
        """After a response: None if it is final (a success, or an error not worth retrying, or retries are over)."""
        if not is_retryable_status(status):
            return None
        return self._next(f"status {status}", retry_after_seconds(headers))

    def after_error(self, error: Exception) -> float | None:
        """After a connection error or timeout: None if retries are over."""
        return self._next(type(error).__name__, None)

    def _next(self, what: str, advised: float | None) -> float | None:
        policy = self.policy
        if self.retries >= self.max_retries or time.monotonic() >= self.deadline:
            return None
        if advised is not None:
            delay = min(advised, policy.max_retry_after)
        else:
            # Exponential from initial_delay, plus up to initial_delay of jitter so that clients do not retry in step.
            backoff = policy.initial_delay * 2**self.retries + random.uniform(0, policy.initial_delay)  # noqa: S311
            delay = min(backoff, policy.max_delay)
        self.retries += 1
        logger.debug("retrying after %s in %.2fs (attempt %d)", what, delay, self.retries + 1)
        return delay
