"""``client.images``: OpenAI-compatible generation, multimodal generation, and image jobs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .._core import CallOptions, Timeout
from .._image_jobs import DEFAULT_WAIT_TIMEOUT, AsyncImageJob, ImageJob, PollPolicy, ProgressCallback
from .._response import to_async_raw_response, to_raw_response
from ._params import ToDict, as_dict, as_list, check_range, check_size, check_text, compact, enum_value

if TYPE_CHECKING:
    from ccapi_generated.models import (
        LegacyImageGenerationRequest,
        LegacyImageGenerationResponse,
        MediaResponseFormat,
        MultimodalImageGenerationRequest,
        MultimodalImageGenerationResponse,
    )

    from .._async_client import AsyncCCAPI
    from .._client import CCAPI

ContentParam = Mapping[str, Any]
"""One item of `contents`: ``{"text": ...}``, ``{"image": {"url": ...}}``, ``{"image": ..., "mask": ...}``."""


def legacy_request(
    *, model: str, prompt: str, n: int | None, size: str | None, response_format: MediaResponseFormat | str | None
) -> LegacyImageGenerationRequest:
    from ccapi_generated.models import LegacyImageGenerationRequest, MediaResponseFormat

    check_range(n, "n", minimum=1)
    check_size(size)
    body = compact(
        model=check_text(model, "model"), prompt=check_text(prompt, "prompt"), n=n, size=size,
        response_format=enum_value(MediaResponseFormat, response_format, "response_format"),
    )  # fmt: skip
    return LegacyImageGenerationRequest.from_dict(body)


def multimodal_request(
    *, contents: Iterable[ToDict | ContentParam], model: str | None, parameters: ToDict | Mapping[str, Any] | None,
    webhook_url: str | None,
) -> MultimodalImageGenerationRequest:  # fmt: skip
    from ccapi_generated.models import MultimodalImageGenerationRequest

    items = as_list(contents, "contents") or []
    if not items:
        raise ValueError("contents must hold at least one item (a text prompt or an input image)")
    for index, item in enumerate(items):
        if not item.keys() & {"text", "image", "mask"}:
            raise ValueError(f"contents[{index}] needs 'text', 'image' or 'mask'")
    settings = as_dict(parameters, "parameters") if parameters is not None else None
    if settings is not None:
        check_range(settings.get("num_images"), "parameters['num_images']", minimum=1)
        check_range(settings.get("strength"), "parameters['strength']", minimum=0, maximum=1)
    if webhook_url is not None and not webhook_url.startswith(("http://", "https://")):
        raise ValueError(f"webhook_url must be an http(s) URL, not {webhook_url!r}")
    body = compact(contents=items, model=model, parameters=settings, webhook_url=webhook_url)
    return MultimodalImageGenerationRequest.from_dict(body)


class Jobs:
    """``client.images.jobs``: asynchronous image jobs."""

    def __init__(self, client: CCAPI) -> None:
        self._client = client
        self.with_raw_response = JobsWithRawResponse(self)

    def retrieve(
        self,
        job_id: str,
        *,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
    ) -> MultimodalImageGenerationResponse:
        """The job's latest status, or its final payload; NotFoundError for an unknown id."""
        from ccapi_generated.api.images import get_image_job
        from ccapi_generated.models import MultimodalImageGenerationResponse

        options = CallOptions(timeout, max_retries, extra_headers, extra_query)
        return self._client._request(
            get_image_job, MultimodalImageGenerationResponse, options, check_text(job_id, "job_id")
        )

    def resume(self, job_id: str, *, poll_policy: PollPolicy | None = None) -> ImageJob:
        """A handle on an existing job, from its id alone (after a restart, say), with its status as of now."""
        from ccapi_generated.models import MultimodalImageGenerationResponse

        check_text(job_id, "job_id")
        placeholder = MultimodalImageGenerationResponse(id=job_id, created=0, model="", status="pending")
        job = ImageJob(self._client, placeholder, None, poll_policy)
        job.refresh()
        return job

    def wait(
        self,
        job_id: str,
        *,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        on_progress: ProgressCallback | None = None,
        poll_policy: PollPolicy | None = None,
    ) -> MultimodalImageGenerationResponse:
        """Wait for an existing job to end; return its final payload with the images (see ImageJob.wait)."""
        job = self.resume(job_id, poll_policy=poll_policy)
        return job.wait(timeout=timeout, on_progress=on_progress)


class JobsWithRawResponse:
    def __init__(self, jobs: Jobs) -> None:
        self.retrieve = to_raw_response(jobs.retrieve)


class Images:
    """``client.images``."""

    def __init__(self, client: CCAPI) -> None:
        self._client = client
        self.jobs = Jobs(client)
        self.with_raw_response = ImagesWithRawResponse(self)

    def generate(
        self,
        *,
        model: str,
        prompt: str,
        n: int | None = None,
        size: str | None = None,
        response_format: MediaResponseFormat | str | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> LegacyImageGenerationResponse:
        """Generate `n` images from `prompt` (POST /images/generations, as OpenAI's images API)."""
        from ccapi_generated.api.images import create_image_legacy
        from ccapi_generated.models import LegacyImageGenerationResponse

        body = legacy_request(model=model, prompt=prompt, n=n, size=size, response_format=response_format)
        options = CallOptions(timeout, max_retries, extra_headers, extra_query, extra_body)
        return self._client._request(create_image_legacy, LegacyImageGenerationResponse, options, body=body)

    def generate_multimodal(
        self,
        *,
        contents: Iterable[ToDict | ContentParam],
        model: str | None = None,
        parameters: ToDict | Mapping[str, Any] | None = None,
        webhook_url: str | None = None,
        poll_policy: PollPolicy | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> ImageJob:
        """Generate from text prompts, input images and masks (POST /images/generate); return the job.

        A synchronous provider answers with the images: the job is done at once (`job.result()`). An asynchronous
        one answers 202 with a pending job: `job.wait()` polls until the images are ready.
        """
        from ccapi_generated.api.images import generate_image
        from ccapi_generated.models import MultimodalImageGenerationResponse

        body = multimodal_request(contents=contents, model=model, parameters=parameters, webhook_url=webhook_url)
        options = CallOptions(timeout, max_retries, extra_headers, extra_query, extra_body)
        raw = self._client._request_raw(generate_image, MultimodalImageGenerationResponse, options, body=body)
        return ImageJob(self._client, raw.parse(), raw, poll_policy)

    def generate_multimodal_and_wait(
        self,
        *,
        contents: Iterable[ToDict | ContentParam],
        model: str | None = None,
        parameters: ToDict | Mapping[str, Any] | None = None,
        webhook_url: str | None = None,
        wait_timeout: float = DEFAULT_WAIT_TIMEOUT,
        on_progress: ProgressCallback | None = None,
        poll_policy: PollPolicy | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> MultimodalImageGenerationResponse:
        """Generate and wait in one step: the final payload with the images, however the provider answers.

        `wait_timeout` bounds the whole wait (ImageJobTimeoutError past it); `timeout` bounds each request.
        """
        job = self.generate_multimodal(
            contents=contents, model=model, parameters=parameters, webhook_url=webhook_url, poll_policy=poll_policy,
            timeout=timeout, max_retries=max_retries, extra_headers=extra_headers, extra_query=extra_query,
            extra_body=extra_body,
        )  # fmt: skip
        return job.wait(timeout=wait_timeout, on_progress=on_progress)


class ImagesWithRawResponse:
    def __init__(self, images: Images) -> None:
        self.generate = to_raw_response(images.generate)


class AsyncJobs:
    """``client.images.jobs`` of AsyncCCAPI."""

    def __init__(self, client: AsyncCCAPI) -> None:
        self._client = client
        self.with_raw_response = AsyncJobsWithRawResponse(self)

    async def retrieve(
        self,
        job_id: str,
        *,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
    ) -> MultimodalImageGenerationResponse:
        """The job's latest status, or its final payload; NotFoundError for an unknown id."""
        from ccapi_generated.api.images import get_image_job
        from ccapi_generated.models import MultimodalImageGenerationResponse

        options = CallOptions(timeout, max_retries, extra_headers, extra_query)
        return await self._client._request(
            get_image_job, MultimodalImageGenerationResponse, options, check_text(job_id, "job_id")
        )

    async def resume(self, job_id: str, *, poll_policy: PollPolicy | None = None) -> AsyncImageJob:
        """A handle on an existing job, from its id alone (after a restart, say), with its status as of now."""
        from ccapi_generated.models import MultimodalImageGenerationResponse

        check_text(job_id, "job_id")
        placeholder = MultimodalImageGenerationResponse(id=job_id, created=0, model="", status="pending")
        job = AsyncImageJob(self._client, placeholder, None, poll_policy)
        await job.refresh()
        return job

    async def wait(
        self,
        job_id: str,
        *,
        timeout: float = DEFAULT_WAIT_TIMEOUT,
        on_progress: ProgressCallback | None = None,
        poll_policy: PollPolicy | None = None,
    ) -> MultimodalImageGenerationResponse:
        """Wait for an existing job to end; return its final payload with the images (see AsyncImageJob.wait)."""
        job = await self.resume(job_id, poll_policy=poll_policy)
        return await job.wait(timeout=timeout, on_progress=on_progress)


class AsyncJobsWithRawResponse:
    def __init__(self, jobs: AsyncJobs) -> None:
        self.retrieve = to_async_raw_response(jobs.retrieve)


class AsyncImages:
    """``client.images`` of AsyncCCAPI."""

    def __init__(self, client: AsyncCCAPI) -> None:
        self._client = client
        self.jobs = AsyncJobs(client)
        self.with_raw_response = AsyncImagesWithRawResponse(self)

    async def generate(
        self,
        *,
        model: str,
        prompt: str,
        n: int | None = None,
        size: str | None = None,
        response_format: MediaResponseFormat | str | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> LegacyImageGenerationResponse:
        """Generate `n` images from `prompt` (POST /images/generations, as OpenAI's images API)."""
        from ccapi_generated.api.images import create_image_legacy
        from ccapi_generated.models import LegacyImageGenerationResponse

        body = legacy_request(model=model, prompt=prompt, n=n, size=size, response_format=response_format)
        options = CallOptions(timeout, max_retries, extra_headers, extra_query, extra_body)
        return await self._client._request(create_image_legacy, LegacyImageGenerationResponse, options, body=body)

    async def generate_multimodal(
        self,
        *,
        contents: Iterable[ToDict | ContentParam],
        model: str | None = None,
        parameters: ToDict | Mapping[str, Any] | None = None,
        webhook_url: str | None = None,
        poll_policy: PollPolicy | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> AsyncImageJob:
        """Generate from text prompts, input images and masks (POST /images/generate); return the job."""
        from ccapi_generated.api.images import generate_image
        from ccapi_generated.models import MultimodalImageGenerationResponse

        body = multimodal_request(contents=contents, model=model, parameters=parameters, webhook_url=webhook_url)
        options = CallOptions(timeout, max_retries, extra_headers, extra_query, extra_body)
        raw = await self._client._request_raw(generate_image, MultimodalImageGenerationResponse, options, body=body)
        return AsyncImageJob(self._client, raw.parse(), raw, poll_policy)

    async def generate_multimodal_and_wait(
        self,
        *,
        contents: Iterable[ToDict | ContentParam],
        model: str | None = None,
        parameters: ToDict | Mapping[str, Any] | None = None,
        webhook_url: str | None = None,
        wait_timeout: float = DEFAULT_WAIT_TIMEOUT,
        on_progress: ProgressCallback | None = None,
        poll_policy: PollPolicy | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> MultimodalImageGenerationResponse:
        """Generate and wait in one step: the final payload with the images, however the provider answers.

        `wait_timeout` bounds the whole wait (ImageJobTimeoutError past it); `timeout` bounds each request.
        """
        job = await self.generate_multimodal(
            contents=contents, model=model, parameters=parameters, webhook_url=webhook_url, poll_policy=poll_policy,
            timeout=timeout, max_retries=max_retries, extra_headers=extra_headers, extra_query=extra_query,
            extra_body=extra_body,
        )  # fmt: skip
        return await job.wait(timeout=wait_timeout, on_progress=on_progress)


class AsyncImagesWithRawResponse:
    def __init__(self, images: AsyncImages) -> None:
        self.generate = to_async_raw_response(images.generate)
