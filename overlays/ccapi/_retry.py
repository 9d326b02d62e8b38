"""When and how long to wait before sending a request again. The waiting itself is tenacity's."""

from __future__ import annotations

import asyncio
import email.utils
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import attrs
import httpx

if TYPE_CHECKING:
    import tenacity

logger = logging.getLogger("ccapi")

# 408 and 409 are transient by definition; 429 and 5xx are the gateway or a provider asking for patience.
RETRYABLE_STATUSES = frozenset({408, 409, 429})
# A broken or timed-out connection is worth another try. Idempotency keys make a retried POST safe.
RETRYABLE_ERRORS = (httpx.TransportError,)


def retry_after_seconds(
    headers: Mapping[str, str], now: Callable[[], datetime] = lambda: datetime.now(UTC)
) -> float | None:
    """The server's `Retry-After` (seconds or an HTTP date) in seconds, or None if absent or unreadable."""
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - now()).total_seconds(), 0.0)


def is_retryable_status(status: int) -> bool:
    """Statuses worth retrying: 408, 409, 429 and every 5xx. Never 400, 401, 402, 403 or 404."""
    return status in RETRYABLE_STATUSES or status >= 500


@attrs.frozen
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
    async_sleep: Callable[[float], Awaitable[None]] = asyncio.sleep

    def __attrs_post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError(f"max_retries must be 0 or more, not {self.max_retries}")

    def _stop(self, max_retries: int) -> tenacity.stop.stop_base:
        import tenacity

        return tenacity.stop_after_attempt(max_retries + 1) | tenacity.stop_after_delay(self.deadline)

    def _wait(self) -> Callable[[tenacity.RetryCallState], float]:
        import tenacity

        # Exponential from initial_delay, plus up to initial_delay of jitter so that clients do not retry in step.
        backoff = tenacity.wait_exponential(multiplier=self.initial_delay, max=self.max_delay) + tenacity.wait_random(
            0, self.initial_delay
        )

        def wait(state: tenacity.RetryCallState) -> float:
            outcome = state.outcome
            if outcome is not None and not outcome.failed:
                advised = retry_after_seconds(outcome.result().headers)
                if advised is not None:
                    return min(advised, self.max_retry_after)
            return min(backoff(state), self.max_delay)

        return wait

    def _common(self, max_retries: int) -> dict[str, Any]:
        import tenacity

        def retryable_response(response: Any) -> bool:
            return isinstance(response, httpx.Response) and is_retryable_status(response.status_code)

        def before_sleep(state: tenacity.RetryCallState) -> httpx.Response | None:
            """Log the retry; return a response whose body is not needed, for the caller to close."""
            outcome = state.outcome
            if outcome is None:  # tenacity always sets it before sleeping
                return None
            discarded: httpx.Response | None = None
            if outcome.failed:
                what = type(outcome.exception()).__name__
            else:
                discarded = outcome.result()
                what = f"status {discarded.status_code}"
            wait = state.next_action.sleep if state.next_action else 0.0
            logger.debug("retrying after %s in %.2fs (attempt %d)", what, wait, state.attempt_number + 1)
            return discarded

        return {
            "before_sleep": before_sleep,
            "stop": self._stop(max_retries),
            "wait": self._wait(),
            "retry": tenacity.retry_if_exception_type(RETRYABLE_ERRORS) | tenacity.retry_if_result(retryable_response),
            # Out of attempts: return the last response (so it becomes a typed error) or raise the last exception.
            "retry_error_callback": lambda state: state.outcome.result() if state.outcome else None,
            "reraise": True,
        }

    def retrying(self, max_retries: int) -> tenacity.Retrying:
        """A tenacity Retrying for one call (tenacity keeps per-call state in it)."""
        import tenacity

        common = self._common(max_retries)
        note_retry = common.pop("before_sleep")

        def before_sleep(state: tenacity.RetryCallState) -> None:
            discarded = note_retry(state)
            if discarded is not None:
                discarded.close()  # release the connection before waiting

        return tenacity.Retrying(sleep=self.sleep, before_sleep=before_sleep, **common)

    def async_retrying(self, max_retries: int) -> tenacity.AsyncRetrying:
        """A tenacity AsyncRetrying for one call."""
        import tenacity

        common = self._common(max_retries)
        note_retry = common.pop("before_sleep")

        async def before_sleep(state: tenacity.RetryCallState) -> None:
            discarded = note_retry(state)
            if discarded is not None:
                await discarded.aclose()  # release the connection before waiting

        return tenacity.AsyncRetrying(sleep=self.async_sleep, before_sleep=before_sleep, **common)
