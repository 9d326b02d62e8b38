"""Multimodal image generation: synchronous answers, jobs that complete, fail, outlive their deadline or resume."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import ccapi
import httpx
import pytest
from ccapi._image_jobs import poll_path
from ccapi._response import APIResponse
from ccapi.testing import Faults, SandboxServer

PROMPT = [{"text": "A watercolor of CCAPI routing packets through a forest"}]
ASYNC_MODEL = "imaginepro/nano-banana"
SYNC_MODEL = "google/nano-banana"
FAST = ccapi.PollPolicy(initial_interval=0.05, max_interval=0.2)


@pytest.fixture
def client(ccapi_sandbox: SandboxServer) -> Iterator[ccapi.CCAPI]:
    with ccapi.CCAPI(api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url) as sdk:
        yield sdk


def test_a_synchronous_provider_gives_the_images_at_once(client: ccapi.CCAPI) -> None:
    job = client.images.generate_multimodal(model=SYNC_MODEL, contents=PROMPT, parameters={"width": 64})
    assert job.done
    assert job.status == "completed"
    result = job.result()
    assert result.data
    assert job.wait() is result  # nothing to wait for


def test_an_asynchronous_job_is_polled_to_completion_with_progress(client: ccapi.CCAPI) -> None:
    job = client.images.generate_multimodal(model=ASYNC_MODEL, contents=PROMPT, poll_policy=FAST)
    assert not job.done
    assert job.raw_response is not None
    assert job.raw_response.status_code == 202
    with pytest.raises(ValueError, match="still pending"):
        job.result()
    seen: list[str] = []
    result = job.wait(timeout=10, on_progress=lambda response: seen.append(str(response.status)))
    assert result.status == "completed"
    assert result.data
    assert seen[-1] == "completed"
    assert "processing" in seen


def test_a_failed_job_raises_with_the_servers_error(ccapi_sandbox: SandboxServer, client: ccapi.CCAPI) -> None:
    ccapi_sandbox.config.faults = Faults(fail_jobs=True)
    job = client.images.generate_multimodal(model=ASYNC_MODEL, contents=PROMPT, poll_policy=FAST)
    with pytest.raises(ccapi.ImageJobFailedError) as caught:
        job.wait(timeout=10)
    assert caught.value.job_id == job.id
    assert caught.value.error is not None
    assert caught.value.error.code == "generation_failed"
    assert "could not generate" in str(caught.value)


def test_a_job_that_outlives_its_deadline_raises_with_its_id(ccapi_sandbox: SandboxServer, client: ccapi.CCAPI) -> None:
    ccapi_sandbox.config.faults = Faults(jobs_never_finish=True)
    job = client.images.generate_multimodal(model=ASYNC_MODEL, contents=PROMPT, poll_policy=FAST)
    with pytest.raises(ccapi.ImageJobTimeoutError) as caught:
        job.wait(timeout=0.5)
    assert caught.value.job_id == job.id
    assert caught.value.status in ("pending", "processing")
    assert isinstance(caught.value, TimeoutError)


def test_a_job_resumes_from_its_id_alone(ccapi_sandbox: SandboxServer, client: ccapi.CCAPI) -> None:
    job_id = client.images.generate_multimodal(model=ASYNC_MODEL, contents=PROMPT).id
    with ccapi.CCAPI(api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url) as restarted:
        resumed = restarted.images.jobs.resume(job_id, poll_policy=FAST)
        assert resumed.id == job_id
        assert resumed.wait(timeout=10).data
        assert restarted.images.jobs.wait(job_id, timeout=10).status == "completed"
        with pytest.raises(ccapi.NotFoundError):
            restarted.images.jobs.resume("job_unknown")


def test_absolute_poll_urls_and_unknown_statuses(ccapi_sandbox: SandboxServer, client: ccapi.CCAPI) -> None:
    ccapi_sandbox.config.absolute_poll_urls = True
    ccapi_sandbox.config.faults = Faults(unknown_extras=True)
    job = client.images.generate_multimodal(model=ASYNC_MODEL, contents=PROMPT, poll_policy=FAST)
    assert str(job.response.poll_url).startswith("http://")
    assert job.status == "queued"  # a status this SDK does not know: still a job to wait for
    assert job.wait(timeout=10).data


def test_generate_and_wait_in_one_step(client: ccapi.CCAPI) -> None:
    result = client.images.generate_multimodal_and_wait(
        model=ASYNC_MODEL, contents=PROMPT, parameters={"aspect_ratio": "16:9"}, poll_policy=FAST, wait_timeout=10
    )
    assert result.status == "completed"
    assert result.data


def test_polls_follow_retry_after(ccapi_sandbox: SandboxServer, client: ccapi.CCAPI) -> None:
    # One fake clock for the sandbox's jobs and for the poller: sleeping moves it on, nothing really waits.
    now = [1000.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    ccapi_sandbox.config.clock = lambda: now[0]
    ccapi_sandbox.config.job_duration = 20.0
    ccapi_sandbox.config.job_retry_after = 7  # sent with polls, not with the 202
    policy = ccapi.PollPolicy(sleep=sleep, clock=lambda: now[0])
    job = client.images.generate_multimodal(model=ASYNC_MODEL, contents=PROMPT, poll_policy=policy)
    assert job.wait(timeout=60).status == "completed"
    # The 202's estimate (20 s, cut to max_interval); then each poll's Retry-After, which wins over the estimate.
    assert waits == [policy.max_interval, 7.0, 7.0]


def _raw(headers: dict[str, str], estimated: float | None) -> APIResponse[Any]:
    from ccapi_generated.models import MultimodalImageGenerationResponse

    body: dict[str, Any] = {"id": "job_1", "created": 1, "model": "m", "status": "processing"}
    if estimated is not None:
        body["estimated_time"] = estimated
    return APIResponse(httpx.Response(200, headers=headers), parsed=MultimodalImageGenerationResponse.from_dict(body))


def test_poll_delays_prefer_retry_after_then_the_estimate_then_backoff_to_a_cap() -> None:
    policy = ccapi.PollPolicy(initial_interval=1.0, multiplier=2.0, max_interval=5.0, max_retry_after=30.0)
    assert policy.delay(0, _raw({"Retry-After": "12"}, estimated=3)) == 12.0
    assert policy.delay(0, _raw({"Retry-After": "999"}, estimated=None)) == 30.0
    assert policy.delay(0, _raw({}, estimated=3)) == 3.0
    assert policy.delay(0, _raw({}, estimated=60)) == 5.0
    assert policy.delay(0, _raw({}, estimated=0.0001)) == policy.min_interval
    assert [policy.delay(n, _raw({}, estimated=None)) for n in range(5)] == [1.0, 2.0, 4.0, 5.0, 5.0]


@pytest.mark.parametrize(
    ("poll_url", "expected"),
    [
        (None, "/images/jobs/job_1"),
        ("/images/jobs/job_1?view=full", "/images/jobs/job_1?view=full"),
        ("images/jobs/job_1", "/images/jobs/job_1"),
        ("https://api.ccapi.ai/v1/jobs/job_1", "/jobs/job_1"),
        ("https://elsewhere.example/v1/images/jobs/job_1", "/images/jobs/job_1"),  # never send the key elsewhere
    ],
)
def test_poll_urls_relative_or_absolute(poll_url: str | None, expected: str) -> None:
    from ccapi_generated.resources._operations import GENERATE_IMAGE

    assert GENERATE_IMAGE.job is not None
    assert poll_path(GENERATE_IMAGE.job, "job_1", poll_url, "https://api.ccapi.ai/v1") == expected


def test_async_jobs(ccapi_sandbox: SandboxServer) -> None:
    async def run() -> tuple[int, str]:
        async with ccapi.AsyncCCAPI(api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url) as client:
            job = await client.images.generate_multimodal(model=ASYNC_MODEL, contents=PROMPT, poll_policy=FAST)
            result = await job.wait(timeout=10)
            resumed = await client.images.jobs.resume(job.id)
            ccapi_sandbox.config.faults = Faults(jobs_never_finish=True)
            stuck = await client.images.generate_multimodal(model=ASYNC_MODEL, contents=PROMPT, poll_policy=FAST)
            with pytest.raises(ccapi.ImageJobTimeoutError):
                await stuck.wait(timeout=0.3)
            return len(result.data or []), resumed.status

    count, status = asyncio.run(run())
    assert count >= 1
    assert status == "completed"
