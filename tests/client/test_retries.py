"""Which failures are retried, how long the client waits, and that a retried POST keeps its idempotency key."""

from __future__ import annotations

import asyncio
import email.utils
from datetime import UTC, datetime, timedelta

import ccapi
import httpx
import pytest
from ccapi._retry import retry_after_seconds

from .conftest import HELLO, Recorder, error_body, make_async_client, make_client, ok


def _failure(status: int, **headers: str) -> httpx.Response:
    return httpx.Response(status, json=error_body(f"status {status}", "api_error"), headers=headers)


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503, 504, 520])
def test_transient_statuses_are_retried_until_success(status: int) -> None:
    recorder = Recorder(_failure(status), _failure(status), ok())
    with make_client(recorder) as client:
        raw = client.chat.completions.with_raw_response.create(model="openai/m", messages=HELLO)
    assert raw.parse().choices[0].message.content == "Hi!"
    assert raw.retries_taken == 2
    assert len(recorder.requests) == 3
    assert len(recorder.sleeps) == 2


@pytest.mark.parametrize("status", [400, 401, 402, 403, 404, 422])
def test_client_errors_are_never_retried(status: int) -> None:
    recorder = Recorder(_failure(status), ok())
    with make_client(recorder) as client, pytest.raises(ccapi.APIStatusError):
        client.chat.completions.create(model="openai/m", messages=HELLO)
    assert len(recorder.requests) == 1
    assert recorder.sleeps == []


def test_retries_stop_after_max_retries_with_the_last_error() -> None:
    recorder = Recorder(_failure(503))
    with make_client(recorder, max_retries=3) as client, pytest.raises(ccapi.InternalServerError) as caught:
        client.chat.completions.create(model="openai/m", messages=HELLO)
    assert caught.value.status_code == 503
    assert len(recorder.requests) == 4


def test_max_retries_can_be_set_per_call_and_with_options() -> None:
    recorder = Recorder(_failure(500))
    with make_client(recorder) as client:
        with pytest.raises(ccapi.InternalServerError):
            client.chat.completions.create(model="openai/m", messages=HELLO, max_retries=0)
        assert len(recorder.requests) == 1
        with pytest.raises(ccapi.InternalServerError):
            client.with_options(max_retries=4).chat.completions.create(model="openai/m", messages=HELLO)
        assert len(recorder.requests) == 1 + 5


def test_connection_errors_are_retried() -> None:
    recorder = Recorder(httpx.ConnectError("refused"), httpx.ReadError("reset"), ok())
    with make_client(recorder) as client:
        assert client.chat.completions.create(model="openai/m", messages=HELLO).id == "chatcmpl_1"
    assert len(recorder.requests) == 3


def test_backoff_grows_and_stays_under_the_cap() -> None:
    recorder = Recorder(_failure(500))
    policy = ccapi.RetryPolicy(max_retries=6, initial_delay=0.5, max_delay=4.0, sleep=recorder.sleep)
    with make_client(recorder, retry_policy=policy, max_retries=6) as client, pytest.raises(ccapi.CCAPIError):
        client.chat.completions.create(model="openai/m", messages=HELLO)
    assert len(recorder.sleeps) == 6
    assert all(0 < wait <= 4.0 for wait in recorder.sleeps)
    assert recorder.sleeps[-1] > recorder.sleeps[0]


def test_retry_after_seconds_is_honoured_up_to_the_cap() -> None:
    recorder = Recorder(_failure(429, **{"Retry-After": "3"}), _failure(429, **{"Retry-After": "900"}), ok())
    policy = ccapi.RetryPolicy(max_retry_after=20.0, sleep=recorder.sleep)
    with make_client(recorder, retry_policy=policy) as client:
        client.chat.completions.create(model="openai/m", messages=HELLO)
    assert recorder.sleeps == [3.0, 20.0]


def test_retry_after_as_an_http_date() -> None:
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    later = email.utils.format_datetime(now + timedelta(seconds=30), usegmt=True)
    assert retry_after_seconds({"retry-after": later}, now=lambda: now) == 30.0
    assert retry_after_seconds({"retry-after": "soon"}) is None
    assert retry_after_seconds({}) is None
    assert retry_after_seconds({"retry-after": "-5"}) == 0.0


def test_a_retried_post_keeps_one_idempotency_key_and_a_new_call_gets_another() -> None:
    recorder = Recorder(_failure(500), ok(), ok())
    with make_client(recorder) as client:
        client.chat.completions.create(model="openai/m", messages=HELLO)
        client.chat.completions.create(model="openai/m", messages=HELLO)
    keys = [request.headers["Idempotency-Key"] for request in recorder.requests]
    assert keys[0] == keys[1]
    assert keys[2] != keys[0]
    assert recorder.bodies[0] == recorder.bodies[1]


def test_get_requests_carry_no_idempotency_key() -> None:
    job = {"id": "job_1", "created": 1, "model": "m", "status": "pending"}
    recorder = Recorder(ok(job))
    with make_client(recorder) as client:
        client.images.jobs.retrieve("job_1")
    assert "Idempotency-Key" not in recorder.requests[0].headers


def test_the_deadline_stops_retrying() -> None:
    recorder = Recorder(_failure(500))
    policy = ccapi.RetryPolicy(max_retries=50, deadline=0.0, sleep=recorder.sleep)
    with make_client(recorder, retry_policy=policy, max_retries=50) as client, pytest.raises(ccapi.CCAPIError):
        client.chat.completions.create(model="openai/m", messages=HELLO)
    assert len(recorder.requests) == 1


def test_async_client_retries_with_its_own_sleep() -> None:
    recorder = Recorder(_failure(429, **{"Retry-After": "2"}), ok())

    async def call() -> str:
        async with make_async_client(recorder) as client:
            reply = await client.chat.completions.create(model="openai/m", messages=HELLO)
            return reply.id

    assert asyncio.run(call()) == "chatcmpl_1"
    assert recorder.sleeps == [2.0]
    assert len(recorder.requests) == 2


def test_a_negative_max_retries_is_refused() -> None:
    with pytest.raises(ValueError, match="max_retries"):
        ccapi.RetryPolicy(max_retries=-1)
