"""Asynchronous image jobs: a handle that refreshes, waits with a deadline, reports progress, and can be resumed.

Polling is its own policy, apart from request retries: each poll is one request (retried as any other), and
between polls the handle waits as the server advises (`Retry-After`, then `estimated_time`), else backs off to a cap.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import attrs
import httpx

from ._core import CallOptions
from ._errors import ImageJobFailedError, ImageJobTimeoutError
from ._retry import _asyncio_sleep, retry_after_seconds

if TYPE_CHECKING:
    from ccapi_generated.models import MultimodalImageGenerationResponse

    from ._async_client import AsyncCCAPI
    from ._client import CCAPI
    from ._response import APIResponse

ProgressCallback = Callable[["MultimodalImageGenerationResponse"], object]
FINAL_STATUSES = frozenset({"completed", "failed"})
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

    def delay(self, polls: int, raw: APIResponse[MultimodalImageGenerationResponse]) -> float:
        """Seconds to wait after the `polls`-th look at the job (0 for the first), as the server advises."""
        advised = retry_after_seconds(raw.headers)
        if advised is not None:
            return max(min(advised, self.max_retry_after), self.min_interval)
        estimated = raw.parse().estimated_time
        if isinstance(estimated, (int, float)) and estimated > 0:
            return min(max(float(estimated), self.min_interval), self.max_interval)
        return min(self.initial_interval * self.multiplier**polls, self.max_interval)


def poll_path(job_id: str, poll_url: object, base_url: str) -> str:
    """The path, under the base URL, to poll a job at.

    `poll_url` may be relative to the base URL or absolute. An absolute one on another origin is not followed (the
    request would carry the API key there): the job's own path is used instead.
    """
    own = f"/images/jobs/{quote(job_id, safe='')}"
    if not isinstance(poll_url, str) or not poll_url:
        return own
    if poll_url.startswith(("http://", "https://")):
        return poll_url[len(base_url) :] if poll_url.startswith(base_url + "/") else own
    return poll_url if poll_url.startswith("/") else "/" + poll_url


def status_of(response: MultimodalImageGenerationResponse) -> str:
    return str(response.status)


def raise_if_failed(response: MultimodalImageGenerationResponse) -> None:
    if status_of(response) != "failed":
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
    def __init__(self, response: MultimodalImageGenerationResponse, raw: APIResponse[Any] | None, policy: PollPolicy):
        self.response = response
        """The job as last seen: status, and the images once completed."""
        self.raw_response = raw
        """The HTTP response that last showed the job (status, headers, request id), if there was one."""
        self.poll_policy = policy

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
        return self.status in FINAL_STATUSES

    def result(self) -> MultimodalImageGenerationResponse:
        """The final payload, with the images; ImageJobFailedError if it failed, ValueError if still running."""
        if not self.done:
            raise ValueError(f"Image job {self.id} is still {self.status}: call wait() first")
        raise_if_failed(self.response)
        return self.response

    def _pauses(self, timeout: float) -> Iterator[float]:
        """The waits before each poll, until the job is done (read after each refresh), or ImageJobTimeoutError.

        What sync and async waiting share: the caller sleeps each pause, then refreshes the job.
        """
        policy = self.poll_policy
        deadline = policy.clock() + timeout
        polls = 0
        while not self.done:
            advised = policy.delay(polls, self.raw_response) if self.raw_response else policy.initial_interval
            remaining = deadline - policy.clock()
            if remaining <= 0:
                raise _timed_out(self.response, timeout)
            yield min(advised, remaining)
            polls += 1

    def _options(self) -> tuple[dict[str, Any], CallOptions]:
        from ccapi_generated.api.images import get_image_job

        kwargs = get_image_job._get_kwargs(self.id)
        kwargs["url"] = poll_path(self.id, self.response.poll_url, self._base_url)
        return kwargs, CallOptions()

    @property
    def _base_url(self) -> str:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}(id={self.id!r}, status={self.status!r})"


def _decoder(client: CCAPI | AsyncCCAPI) -> Callable[[httpx.Response], MultimodalImageGenerationResponse]:
    from ccapi_generated.api.images import get_image_job
    from ccapi_generated.models import MultimodalImageGenerationResponse

    from ._core import parse

    return lambda response: parse(get_image_job, client._parse_client, response, MultimodalImageGenerationResponse)


class ImageJob(_JobBase):
    """An image generation job. `wait()` for the images; `refresh()` to look once. Resume one by id with
    ``client.images.jobs.resume(job_id)``.
    """

    def __init__(
        self,
        client: CCAPI,
        response: MultimodalImageGenerationResponse,
        raw: APIResponse[Any] | None = None,
        policy: PollPolicy | None = None,
    ) -> None:
        super().__init__(response, raw, policy or PollPolicy())
        self._client = client

    @property
    def _base_url(self) -> str:
        return self._client.base_url

    def refresh(self) -> MultimodalImageGenerationResponse:
        """Look at the job once (at its `poll_url`); return and keep what the server says now."""
        kwargs, options = self._options()
        raw = self._client._call(kwargs, options, _decoder(self._client))
        self.raw_response, self.response = raw, raw.parse()
        return self.response

    def wait(
        self, *, timeout: float = DEFAULT_WAIT_TIMEOUT, on_progress: ProgressCallback | None = None
    ) -> MultimodalImageGenerationResponse:
        """Poll until the job ends; return the final payload with the images.

        `on_progress` is called with each new look at the job. Raises ImageJobFailedError if the job failed, and
        ImageJobTimeoutError (carrying the job id) if it is still running after `timeout` seconds.
        """
        for pause in self._pauses(timeout):
            self.poll_policy.sleep(pause)
            self.refresh()
            if on_progress is not None:
                on_progress(self.response)
        return self.result()


class AsyncImageJob(_JobBase):
    """The async form of ImageJob."""

    def __init__(
        self,
        client: AsyncCCAPI,
        response: MultimodalImageGenerationResponse,
        raw: APIResponse[Any] | None = None,
        policy: PollPolicy | None = None,
    ) -> None:
        super().__init__(response, raw, policy or PollPolicy())
        self._client = client

    @property
    def _base_url(self) -> str:
        return self._client.base_url

    async def refresh(self) -> MultimodalImageGenerationResponse:
        """Look at the job once (at its `poll_url`); return and keep what the server says now."""
        kwargs, options = self._options()
        raw = await self._client._call(kwargs, options, _decoder(self._client))
        self.raw_response, self.response = raw, raw.parse()
        return self.response

    async def wait(
        self, *, timeout: float = DEFAULT_WAIT_TIMEOUT, on_progress: ProgressCallback | None = None
    ) -> MultimodalImageGenerationResponse:
        """Poll until the job ends; return the final payload. Raises as ImageJob.wait."""
        for pause in self._pauses(timeout):
            await self.poll_policy.async_sleep(pause)
            await self.refresh()
            if on_progress is not None:
                on_progress(self.response)
        return self.result()
