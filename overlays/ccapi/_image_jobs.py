"""Jobs (`x-ccapi-wrapper` of kind `job`): a handle that refreshes, waits with a deadline, reports progress, and can
be resumed. `Job[ResultT]` and `AsyncJob[ResultT]` are generic in the job's model (an image job is
`Job[MultimodalImageGenerationResponse]`); the spec's `x-ccapi-wrapper` says which operation polls it and which
statuses end it.

Polling is its own policy, apart from request retries: each poll is one request (retried as any other), and
between polls the handle waits as the server advises (`Retry-After`, then `estimated_time`), else backs off to a cap.

A job started here holds its call's lifecycle (`_lifecycle`) and reports to it each look at the job, and the end:
once, when the job is seen to end (completed or failed), or when the handle is closed or dropped before that
(abandoned). A wait that times out leaves the job open: wait again, or resume it later by its id.

This module holds what both handles share, none of it I/O; the handles are `_async._image_jobs` (the source) and
`_sync._image_jobs` (rewritten from it).
"""

from __future__ import annotations

import re
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from urllib.parse import quote

import attrs

from . import _checks
from ._errors import ImageJobFailedError, ImageJobTimeoutError
from ._lifecycle import Outcome
from ._requests import raw
from ._retry import _asyncio_sleep, retry_after_seconds
from ._settings import CallOptions

if TYPE_CHECKING:
    from ._lifecycle import Call
    from ._operation import Operation, Polling
    from ._response import APIResponse

ResultT = TypeVar("ResultT")
ProgressCallback = Callable[[Any], object]
"""Called with each new look at a job (the job's model)."""
DEFAULT_WAIT_TIMEOUT = 600.0


@attrs.frozen
class PollPolicy:
    """How an image job is polled. `sleep`, `async_sleep` and `clock` are injectable so that tests need not wait."""

    initial_interval: float = 1.0
    """Seconds before the first poll when the server gives no advice; later ones wait `multiplier` times longer."""
    multiplier: float = 1.5
    max_interval: float = 10.0
    """The longest wait between two polls, unless the server's `Retry-After` asks for longer."""
    min_interval: float = 0.05
    """The shortest wait, so that an `estimated_time` near zero does not become a busy loop."""
    max_retry_after: float = 60.0
    """The longest `Retry-After` honoured."""
    sleep: Callable[[float], None] = time.sleep
    async_sleep: Callable[[float], Awaitable[None]] = _asyncio_sleep
    clock: Callable[[], float] = time.monotonic

    def __attrs_post_init__(self) -> None:
        for name in ("initial_interval", "max_interval", "min_interval", "max_retry_after"):
            _checks.seconds(f"PollPolicy.{name}", getattr(self, name), allow_none=False)
        multiplier = _checks.seconds("PollPolicy.multiplier", self.multiplier, allow_none=False)
        if multiplier is not None and multiplier < 1:
            raise ValueError(f"PollPolicy.multiplier must be 1 or more, not {self.multiplier}")
        _checks.callables("PollPolicy", sleep=self.sleep, async_sleep=self.async_sleep, clock=self.clock)

    def delay(self, polls: int, raw: APIResponse[Any]) -> float:
        """Seconds to wait after the `polls`-th look at the job (0 for the first), as the server advises."""
        advised = retry_after_seconds(raw.headers)
        if advised is not None:
            return max(min(advised, self.max_retry_after), self.min_interval)
        estimated = getattr(raw.parse(), "estimated_time", None)
        if isinstance(estimated, (int, float)) and estimated > 0:
            return min(max(float(estimated), self.min_interval), self.max_interval)
        return min(self.initial_interval * self.multiplier**polls, self.max_interval)


def job_waiting(*, poll_policy: object = None, timeout: object = None, on_progress: object = None) -> None:
    """The arguments of the job helpers (`generate_multimodal`, `jobs.wait`, ...), checked before the first request."""
    _checks.instance("poll_policy", poll_policy, PollPolicy)
    _checks.seconds("timeout", timeout)
    _checks.function("on_progress", on_progress)


def wait_timeout(name: str, value: float | None) -> float:
    """How long a wait may last: `value` seconds (checked), or 600 by default."""
    checked = _checks.seconds(name, value)
    return DEFAULT_WAIT_TIMEOUT if checked is None else checked


def poll_path(job: Polling, job_id: str, poll_url: object, base_url: str) -> str:
    """The path, under the base URL, to poll a job at.

    `poll_url` may be relative to the base URL or absolute. An absolute one on another origin is not followed (the
    request would carry the API key there): the poll operation's own path (the spec's) is used instead.
    """
    own = re.sub(r"\{[^}]*\}", lambda _: quote(job_id, safe=""), job.poll.path)
    if not isinstance(poll_url, str) or not poll_url:
        return own
    if poll_url.startswith(("http://", "https://")):
        return poll_url[len(base_url) :] if poll_url.startswith(base_url + "/") else own
    return poll_url if poll_url.startswith("/") else "/" + poll_url


def status_of(response: Any) -> str:
    status = getattr(response, "status", None)
    return str(getattr(status, "value", status))


def _id_of(response: Any) -> str:
    return str(getattr(response, "id", ""))


def raise_if_failed(job: Polling, response: Any) -> None:
    if status_of(response) != job.failed_status:
        return
    error = getattr(response, "error", None) or None
    reason = getattr(error, "message", None) if error is not None else None
    job_id = _id_of(response)
    raise ImageJobFailedError(f"Job {job_id} failed: {reason or 'no reason given'}", job_id=job_id, error=error)


def _timed_out(response: Any, timeout: float) -> ImageJobTimeoutError:
    status, job_id = status_of(response), _id_of(response)
    return ImageJobTimeoutError(
        f"Job {job_id} was still {status} after {timeout:g} s; resume it later by its id", job_id=job_id, status=status
    )


class _JobBase(Generic[ResultT]):
    def __init__(
        self,
        op: Operation[ResultT],
        raw: APIResponse[Any],
        policy: PollPolicy | None,
        call: Call | None,
    ) -> None:
        if op.job is None:
            raise TypeError(f"{op.operation_id} does not start a job")
        self._job = op.job
        self._op = op
        self._call = call
        self.response: ResultT = raw.parse()
        """The job as last seen: status, and the results once completed."""
        self.raw_response: APIResponse[Any] | None = raw
        """The HTTP response that last showed the job (status, headers, request id)."""
        self.poll_policy = policy or PollPolicy()
        self._seen()

    @property
    def id(self) -> str:
        return _id_of(self.response)

    @property
    def status(self) -> str:
        """`pending`, `processing`, `completed`, `failed`, or a status this SDK does not know yet."""
        return status_of(self.response)

    @property
    def done(self) -> bool:
        """Whether the job has ended (completed or failed); a synchronous provider's job is done at once."""
        return self.status in self._job.final_statuses

    def result(self) -> ResultT:
        """The final payload, with the results; ImageJobFailedError if it failed, ValueError if still running."""
        if not self.done:
            raise ValueError(f"Job {self.id} is still {self.status}: call wait() first")
        raise_if_failed(self._job, self.response)
        return self.response

    def _look(self, raw: APIResponse[Any]) -> ResultT:
        """Keep what the server says of the job now, and report it."""
        self.raw_response, self.response = raw, raw.parse()
        if self._call is not None:
            self._call.item(self.response)
        self._seen()
        return self.response

    def _seen(self) -> None:
        """Once the job is seen to end, its call ends (with the final look: what it made, or nothing if it failed)."""
        if self._call is not None and self.done:
            self._call.end(Outcome.RESULT, self.response)

    def abandon(self) -> None:
        """Stop following the job here (it goes on at the server): its call ends, charged its worst case if it is not
        done. Dropping the handle does the same."""
        if self._call is not None:
            self._call.leave()

    def __del__(self) -> None:
        call = self.__dict__.get("_call")
        if call is not None:
            call.leave()

    def _pauses(self, timeout: float | None, on_progress: ProgressCallback | None) -> Iterator[float]:
        """The waits before each poll, until the job is done (read after each refresh), or ImageJobTimeoutError.

        What sync and async waiting share: the caller sleeps each pause, then refreshes the job.
        """
        policy = self.poll_policy
        timeout = wait_timeout("timeout", timeout)
        _checks.function("on_progress", on_progress)
        deadline = policy.clock() + timeout
        polls = 0
        while not self.done:
            advised = policy.delay(polls, self.raw_response) if self.raw_response else policy.initial_interval
            remaining = deadline - policy.clock()
            if remaining <= 0:
                raise _timed_out(self.response, timeout)
            yield min(advised, remaining)
            polls += 1

    def _poll(self, base_url: str) -> tuple[Operation[Any], str, None, None, CallOptions]:
        """The call that looks at the job once (raw, so that the next pause can read its headers)."""
        path = poll_path(self._job, self.id, getattr(self.response, "poll_url", None), base_url)
        return self._job.poll, path, None, None, raw(CallOptions())

    def __repr__(self) -> str:
        return f"{type(self).__name__}(id={self.id!r}, status={self.status!r})"


def _resume_call(op: Operation[Any], job_id: str) -> tuple[Operation[Any], str, None, None, CallOptions]:
    if op.job is None:
        raise TypeError(f"{op.operation_id} does not start a job")
    return op.job.poll, poll_path(op.job, job_id, None, ""), None, None, raw(CallOptions())
