"""A job's handle (`AsyncJob[ResultT]`): refresh it, wait for it with a deadline and progress, resume it by id. What
it promises (polling as the server advises, its call ended once) is described in `ccapi._image_jobs`, which holds
what does no I/O."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from .._image_jobs import ProgressCallback, ResultT, _JobBase, _resume_call

if TYPE_CHECKING:
    from .._image_jobs import PollPolicy
    from .._lifecycle import Call
    from .._openings import JobOpening
    from .._operation import Operation
    from .._response import APIResponse
    from .._settings import CallOptions


class AsyncCaller(Protocol):
    """What a job needs of a client: one call, and the base URL its poll URLs are relative to."""

    @property
    def base_url(self) -> str: ...

    async def call(self, op: Operation[Any], path: str, query: Any, body: Any, options: CallOptions) -> Any: ...


class AsyncJob(_JobBase[ResultT]):
    """A job (an image generation, say). `wait()` for its results; `refresh()` to look once. Resume one by id
    (``client.images.jobs.resume(job_id)``).
    """

    def __init__(
        self,
        client: AsyncCaller,
        op: Operation[ResultT],
        raw: APIResponse[Any],
        policy: PollPolicy | None = None,
        call: Call | None = None,
    ) -> None:
        self._client = client
        super().__init__(op, raw, policy, call)

    @classmethod
    def opened(cls, opening: JobOpening[AsyncCaller], policy: PollPolicy | None = None) -> AsyncJob[Any]:
        """The handle of a job the pipeline started (what the generated resources return)."""
        return cls(opening.caller, opening.op, opening.first, policy, opening.call)

    @classmethod
    async def resume(
        cls, client: AsyncCaller, op: Operation[ResultT], job_id: str, policy: PollPolicy | None = None
    ) -> AsyncJob[ResultT]:
        """A handle on an existing job, from its id alone, as it is now (started and paid for elsewhere)."""
        return cls(client, op, await client.call(*_resume_call(op, job_id)), policy)

    async def refresh(self) -> ResultT:
        """Look at the job once (at its `poll_url`); return and keep what the server says now."""
        return self._look(await self._client.call(*self._poll(self._client.base_url)))

    async def wait(self, *, timeout: float | None = None, on_progress: ProgressCallback | None = None) -> ResultT:
        """Poll until the job ends (for at most `timeout` seconds, 600 by default); the final payload.

        `on_progress` is called with each new look at the job. Raises ImageJobFailedError if the job failed, and
        ImageJobTimeoutError (carrying the job id) if it is still running after `timeout` seconds.
        """
        for pause in self._pauses(timeout, on_progress):
            await self.poll_policy.async_sleep(pause)
            await self.refresh()
            if on_progress is not None:
                on_progress(self.response)
        return self.result()


AsyncImageJob = AsyncJob
"""An image generation job: `AsyncJob[MultimodalImageGenerationResponse]` (the name it had before jobs were
generic)."""
