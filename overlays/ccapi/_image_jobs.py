"""Asynchronous image jobs: a handle that refreshes, waits with a deadline, reports progress, and can be resumed.

Polling is its own policy, apart from request retries: each poll is one request (retried as any other), and
between polls the handle waits as the server advises (`Retry-After`, then `estimated_time`), else backs off to a cap.
"""

from __future__ import annotations

import re
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import attrs

from . import _checks, _core
from ._core import CallOptions
from ._errors import ImageJobFailedError, ImageJobTimeoutError
from ._retry import _asyncio_sleep, retry_after_seconds

if TYPE_CHECKING:
    from decimal import Decimal

    from ccapi_generated.models import MultimodalImageGenerationResponse
    from ccapi_generated.resources._operations import Job, Operation

    from ._pipeline import AsyncPipeline, Pipeline, PipelineBase
    from ._response import APIResponse

ProgressCallback = Callable[["MultimodalImageGenerationResponse"], object]
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

    def delay(self, polls: int, raw: APIResponse[MultimodalImageGenerationResponse]) -> float:
        """Seconds to wait after the `polls`-th look at the job (0 for the first), as the server advises."""
        advised = retry_after_seconds(raw.headers)
        if advised is not None:
            return max(min(advised, self.max_retry_after), self.min_interval)
        estimated = raw.parse().estimated_time
        if isinstance(estimated, (int, float)) and estimated > 0:
            return min(max(float(estimated), self.min_interval), self.max_interval)
        return min(self.initial_interval * self.multiplier**polls, self.max_interval)


def wait_timeout(name: str, value: float | None) -> float:
    """How long a wait may last: `value` seconds (checked), or 600 by default."""
    checked = _checks.seconds(name, value)
    return DEFAULT_WAIT_TIMEOUT if checked is None else checked


def poll_path(job: Job, job_id: str, poll_url: object, base_url: str) -> str:
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


def status_of(response: MultimodalImageGenerationResponse) -> str:
    status = response.status
    return str(getattr(status, "value", status))


def raise_if_failed(job: Job, response: MultimodalImageGenerationResponse) -> None:
    if status_of(response) != job.failed_status:
        return
    error = response.error or None
    reason = error.message if error is not None else "no reason given"
    raise ImageJobFailedError(f"Image job {response.id} failed: {reason}", job_id=response.id, error=error)


def _timed_out(response: MultimodalImageGenerationResponse, timeout: float) -> ImageJobTimeoutError:
    status = status_of(response)
    return ImageJobTimeoutError(
        f"Image job {response.id} was still {status} after {timeout:g} s; resume it later by its id",
        job_id=response.id,
        status=status,
    )


class _JobBase:
    def __init__(
        self,
        op: Operation[Any],
        response: MultimodalImageGenerationResponse | None,
        raw: APIResponse[Any] | None,
        policy: PollPolicy | None,
        job_id: str | None,
        reservation: Decimal | None = None,
    ) -> None:
        if op.job is None:
            raise TypeError(f"{op.operation_id} does not start a job")
        self._job = op.job
        self._op = op
        self._reservation = reservation
        self._counted = response is None  # a job resumed by id was started (and is counted) elsewhere
        if response is None:
            # Resumed from an id alone: nothing is known until the first refresh.
            response = op.decode({"id": job_id, "created": 0, "model": "", "status": "pending"})
        self.response: MultimodalImageGenerationResponse = response
        """The job as last seen: status, and the images once completed."""
        self.raw_response = raw
        """The HTTP response that last showed the job (status, headers, request id), if there was one."""
        self.poll_policy = policy or PollPolicy()

    @property
    def id(self) -> str:
        return self.response.id

    @property
    def status(self) -> str:
        """`pending`, `processing`, `completed`, `failed`, or a status this SDK does not know yet."""
        return status_of(self.response)

    @property
    def done(self) -> bool:
        """Whether the job has ended (completed or failed); a synchronous provider's job is done at once."""
        return self.status in self._job.final_statuses

    def result(self) -> MultimodalImageGenerationResponse:
        """The final payload, with the images; ImageJobFailedError if it failed, ValueError if still running."""
        if not self.done:
            raise ValueError(f"Image job {self.id} is still {self.status}: call wait() first")
        raise_if_failed(self._job, self.response)
        return self.response

    def _count_when_done(self, pipeline: PipelineBase) -> None:
        """Once the job is seen to end: count its images in the account, and release its budget hold."""
        if not self.done:
            return
        if not self._counted and self._op.cost is not None and self.status != self._job.failed_status:
            pipeline.meter.record(self._op, self.response)
        self._counted = True
        if self._reservation is not None:
            pipeline.meter.account.release(self._reservation)
            self._reservation = None

    def _begin_wait(self, pipeline: PipelineBase) -> Any:
        """A span for the wait, when the client traces (its polls are calls with spans of their own)."""
        if pipeline._untraced:
            return None
        from ._telemetry import job_span

        settings = pipeline.settings
        return job_span(self.id, self.response.model or None, (settings.tracer_provider, settings.meter_provider))

    def _end_wait(self, span: Any, error: BaseException | None) -> None:
        if span is None:
            return
        span.set_attribute("ccapi.job_status", self.status)
        if error is not None:
            from opentelemetry.trace import StatusCode

            span.set_attribute("error.type", type(error).__name__)
            span.set_status(StatusCode.ERROR, type(error).__name__)
        span.end()

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
        path = poll_path(self._job, self.id, self.response.poll_url, base_url)
        return self._job.poll, path, None, None, _core.raw(CallOptions())

    def __repr__(self) -> str:
        return f"{type(self).__name__}(id={self.id!r}, status={self.status!r})"


class ImageJob(_JobBase):
    """An image generation job. `wait()` for the images; `refresh()` to look once. Resume one by id with
    ``client.images.jobs.resume(job_id)``.
    """

    def __init__(
        self,
        pipeline: Pipeline,
        op: Operation[Any],
        response: MultimodalImageGenerationResponse | None,
        raw: APIResponse[Any] | None = None,
        policy: PollPolicy | None = None,
        *,
        job_id: str | None = None,
        reservation: Decimal | None = None,
    ) -> None:
        super().__init__(op, response, raw, policy, job_id, reservation)
        self._pipeline = pipeline
        self._count_when_done(pipeline)

    def refresh(self) -> MultimodalImageGenerationResponse:
        """Look at the job once (at its `poll_url`); return and keep what the server says now."""
        raw = self._pipeline.call(*self._poll(self._pipeline.base_url))
        self.raw_response, self.response = raw, raw.parse()
        self._count_when_done(self._pipeline)
        return self.response

    def wait(
        self, *, timeout: float | None = None, on_progress: ProgressCallback | None = None
    ) -> MultimodalImageGenerationResponse:
        """Poll until the job ends (for at most `timeout` seconds, 600 by default); the final payload with the images.

        `on_progress` is called with each new look at the job. Raises ImageJobFailedError if the job failed, and
        ImageJobTimeoutError (carrying the job id) if it is still running after `timeout` seconds.
        """
        span = self._begin_wait(self._pipeline)
        try:
            for pause in self._pauses(timeout, on_progress):
                self.poll_policy.sleep(pause)
                self.refresh()
                if on_progress is not None:
                    on_progress(self.response)
            result = self.result()
        except BaseException as error:
            self._end_wait(span, error)
            raise
        self._end_wait(span, None)
        return result


class AsyncImageJob(_JobBase):
    """The async form of ImageJob."""

    def __init__(
        self,
        pipeline: AsyncPipeline,
        op: Operation[Any],
        response: MultimodalImageGenerationResponse | None,
        raw: APIResponse[Any] | None = None,
        policy: PollPolicy | None = None,
        *,
        job_id: str | None = None,
        reservation: Decimal | None = None,
    ) -> None:
        super().__init__(op, response, raw, policy, job_id, reservation)
        self._pipeline = pipeline
        self._count_when_done(pipeline)

    async def refresh(self) -> MultimodalImageGenerationResponse:
        """Look at the job once (at its `poll_url`); return and keep what the server says now."""
        raw = await self._pipeline.call(*self._poll(self._pipeline.base_url))
        self.raw_response, self.response = raw, raw.parse()
        self._count_when_done(self._pipeline)
        return self.response

    async def wait(
        self, *, timeout: float | None = None, on_progress: ProgressCallback | None = None
    ) -> MultimodalImageGenerationResponse:
        """Poll until the job ends; return the final payload. Raises as ImageJob.wait."""
        span = self._begin_wait(self._pipeline)
        try:
            for pause in self._pauses(timeout, on_progress):
                await self.poll_policy.async_sleep(pause)
                await self.refresh()
                if on_progress is not None:
                    on_progress(self.response)
            result = self.result()
        except BaseException as error:
            self._end_wait(span, error)
            raise
        self._end_wait(span, None)
        return result
