"""When and how long to wait before sending a request again. The waiting itself is tenacity's."""

from __future__ import annotations

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
        import email.utils  # rare, and costly to import: only for HTTP-date values

        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
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
    async_sleep: Callable[[float], Awaitable[None]] = _asyncio_sleep

    def __attrs_post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError(f"max_retries must be 0 or more, not {self.max_retries}")

    def _stop(self, max_retries: int, started: float) -> Callable[[tenacity.RetryCallState], bool]:
        import tenacity

        out_of_attempts = tenacity.stop_after_attempt(max_retries + 1)

        def stop(state: tenacity.RetryCallState) -> bool:
            # The deadline counts from the first attempt, which ran before tenacity took over.
            return out_of_attempts(state) or time.monotonic() - started >= self.deadline

        return stop

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

    def _settings(self, max_retries: int, started: float) -> dict[str, Any]:
        import tenacity

        def retryable_response(response: Any) -> bool:
            return isinstance(response, httpx.Response) and is_retryable_status(response.status_code)

        return {
            "stop": self._stop(max_retries, started),
            "wait": self._wait(),
            "retry": tenacity.retry_if_exception_type(RETRYABLE_ERRORS) | tenacity.retry_if_result(retryable_response),
            # Out of attempts: return the last response (so it becomes a typed error) or raise the last exception.
            "retry_error_callback": lambda state: state.outcome.result() if state.outcome else None,
            "reraise": True,
        }

    def send(self, attempt: Callable[[], httpx.Response], max_retries: int) -> httpx.Response:
        """Call `attempt` until it gives a final response (or the last one, when retries run out).

        The first attempt runs outside tenacity, so a call that succeeds at once pays nothing for retrying.
        """
        started = time.monotonic()
        first = _first_outcome(attempt, max_retries)
        if isinstance(first, httpx.Response) and not _worth_retrying(first, max_retries):
            return first
        import tenacity

        sent = _Replay(first, attempt)

        def before_sleep(state: tenacity.RetryCallState) -> None:
            discarded = _note_retry(state)
            if discarded is not None:
                discarded.close()  # release the connection before waiting

        retrying = tenacity.Retrying(
            sleep=self.sleep, before_sleep=before_sleep, **self._settings(max_retries, started)
        )
        response: httpx.Response = retrying(sent)
        return response

    async def send_async(self, attempt: Callable[[], Awaitable[httpx.Response]], max_retries: int) -> httpx.Response:
        """The async form of `send`."""
        started = time.monotonic()
        first: httpx.Response | Exception
        try:
            first = await attempt()
        except RETRYABLE_ERRORS as error:
            if max_retries == 0:
                raise
            first = error
        if isinstance(first, httpx.Response) and not _worth_retrying(first, max_retries):
            return first
        import tenacity

        sent = _AsyncReplay(first, attempt)

        async def before_sleep(state: tenacity.RetryCallState) -> None:
            discarded = _note_retry(state)
            if discarded is not None:
                await discarded.aclose()  # release the connection before waiting

        retrying = tenacity.AsyncRetrying(
            sleep=self.async_sleep, before_sleep=before_sleep, **self._settings(max_retries, started)
        )
        response: httpx.Response = await retrying(sent)
        return response


def _worth_retrying(response: httpx.Response, max_retries: int) -> bool:
    return max_retries > 0 and is_retryable_status(response.status_code)


def _first_outcome(attempt: Callable[[], httpx.Response], max_retries: int) -> httpx.Response | Exception:
    try:
        return attempt()
    except RETRYABLE_ERRORS as error:
        if max_retries == 0:
            raise
        return error


def _note_retry(state: tenacity.RetryCallState) -> httpx.Response | None:
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


class _Replay:
    """What tenacity calls: first the outcome of the attempt already made, then fresh attempts."""

    def __init__(self, first: httpx.Response | Exception, attempt: Callable[[], httpx.Response]) -> None:
        self._first: httpx.Response | Exception | None = first
        self._attempt = attempt

    def __call__(self) -> httpx.Response:
        first, self._first = self._first, None
        if first is None:
            return self._attempt()
        if isinstance(first, Exception):
            raise first
        return first


class _AsyncReplay:
    """The async form of _Replay."""

    def __init__(self, first: httpx.Response | Exception, attempt: Callable[[], Awaitable[httpx.Response]]) -> None:
        self._first: httpx.Response | Exception | None = first
        self._attempt = attempt

    async def __call__(self) -> httpx.Response:
        first, self._first = self._first, None
        if first is None:
            return await self._attempt()
        if isinstance(first, Exception):
            raise first
        return first
