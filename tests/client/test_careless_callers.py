"""A wrong argument raises ValueError or TypeError naming it, before anything is sent; settings keep their word."""

from __future__ import annotations

import asyncio
import gc
import math
from collections.abc import Callable
from typing import Any

import ccapi
import httpx
import pytest
from ccapi.testing import SandboxServer

from .conftest import BASE_URL, HELLO, KEY, Recorder, make_client

MODEL = "openai/gpt-4o-mini"
JOB = {"id": "job_1", "created": 1, "model": "imaginepro/nano-banana", "status": "pending"}

CONSTRUCTION: list[tuple[Callable[[], object], type[Exception], str]] = [
    (lambda: ccapi.CCAPI(api_key=KEY + "\n", base_url=BASE_URL), ValueError, "api_key"),
    (lambda: ccapi.CCAPI(api_key=" " + KEY, base_url=BASE_URL), ValueError, "api_key"),
    (lambda: ccapi.CCAPI(api_key=123, base_url=BASE_URL), TypeError, "api_key"),  # type: ignore[arg-type]
    (lambda: ccapi.CCAPI(api_key=KEY, base_url=123), TypeError, "base_url"),  # type: ignore[arg-type]
    (lambda: ccapi.CCAPI(api_key=KEY, base_url="ftp://x"), ValueError, "base_url"),
    (lambda: ccapi.CCAPI(api_key=KEY, base_url="http://"), ValueError, "base_url"),
    (lambda: ccapi.CCAPI(api_key=KEY, base_url="https:///v1"), ValueError, "base_url"),
    (lambda: ccapi.CCAPI(api_key=KEY, timeout=-1), ValueError, "timeout"),
    (lambda: ccapi.CCAPI(api_key=KEY, timeout=math.nan), ValueError, "timeout"),
    (lambda: ccapi.CCAPI(api_key=KEY, timeout="10"), TypeError, "timeout"),  # type: ignore[arg-type]
    (lambda: ccapi.CCAPI(api_key=KEY, timeout=httpx.Timeout(5.0, connect=-1)), ValueError, "timeout.connect"),
    (lambda: ccapi.CCAPI(api_key=KEY, max_retries=-1), ValueError, "max_retries"),
    (lambda: ccapi.CCAPI(api_key=KEY, max_retries=1.5), TypeError, "max_retries"),  # type: ignore[arg-type]
    (lambda: ccapi.CCAPI(api_key=KEY, retry_policy="fast"), TypeError, "retry_policy"),  # type: ignore[arg-type]
    (lambda: ccapi.CCAPI(api_key=KEY, http_client="x"), TypeError, "http_client"),  # type: ignore[arg-type]
    (lambda: ccapi.AsyncCCAPI(api_key=KEY, http_client=httpx.Client()), TypeError, "http_client"),  # type: ignore[arg-type]
    (lambda: ccapi.CCAPI(api_key=KEY, default_headers={"X-A": "a\r\nb"}), ValueError, "default_headers"),
    (lambda: ccapi.CCAPI(api_key=KEY, default_headers=["x"]), TypeError, "default_headers"),  # type: ignore[arg-type]
    (lambda: ccapi.RetryPolicy(initial_delay=-1), ValueError, "initial_delay"),
    (lambda: ccapi.RetryPolicy(max_delay=math.inf), ValueError, "max_delay"),
    (lambda: ccapi.RetryPolicy(deadline="1"), TypeError, "deadline"),  # type: ignore[arg-type]
    (lambda: ccapi.RetryPolicy(sleep="zzz"), TypeError, "sleep"),  # type: ignore[arg-type]
    (lambda: ccapi.PollPolicy(initial_interval=-1), ValueError, "initial_interval"),
    (lambda: ccapi.PollPolicy(multiplier=0.5), ValueError, "multiplier"),
    (lambda: ccapi.PollPolicy(clock=None), TypeError, "clock"),  # type: ignore[arg-type]
    (lambda: ccapi.CCAPI(api_key=KEY, fallback_models=["openai/a", "openai/a"]), ValueError, "fallback_models"),
    (lambda: ccapi.CCAPI(api_key=KEY, fallback_models=[3]), TypeError, "fallback_models"),  # type: ignore[list-item]
    (lambda: ccapi.CCAPI(api_key=KEY, first_byte_timeout=math.inf), ValueError, "first_byte_timeout"),
    (lambda: ccapi.CCAPI(api_key=KEY, total_timeout=-5), ValueError, "total_timeout"),
    (lambda: ccapi.CCAPI(api_key=KEY, failover={"cooldown": 1}), TypeError, "failover"),  # type: ignore[arg-type]
    (lambda: ccapi.CCAPI(api_key=KEY).with_options(fallback_models="x"), TypeError, "fallback_models"),
    (lambda: ccapi.FailoverPolicy(cooldown=-1), ValueError, "cooldown"),
]


@pytest.mark.parametrize(("make", "error", "name"), CONSTRUCTION, ids=[case[2] for case in CONSTRUCTION])
def test_wrong_settings_are_refused_at_construction(
    make: Callable[[], object], error: type[Exception], name: str
) -> None:
    with pytest.raises(error, match=name) as caught:
        make()
    assert KEY not in str(caught.value)


CALLS: list[tuple[Callable[[ccapi.CCAPI], object], type[Exception], str]] = [
    (lambda c: c.chat.completions.create(model="", messages=HELLO), ValueError, "model"),
    (lambda c: c.chat.completions.create(model="gpt-4o", messages=HELLO), ValueError, "model"),
    (lambda c: c.chat.completions.create(models=["openai/a", ""], messages=HELLO), ValueError, "models"),
    (lambda c: c.chat.completions.create(model=MODEL, messages=HELLO, max_tokens=1.5), TypeError, "max_tokens"),  # type: ignore[arg-type]
    (lambda c: c.chat.completions.create(model=MODEL, messages=HELLO, stream="yes"), TypeError, "stream"),  # type: ignore[call-overload]
    (lambda c: c.chat.completions.create(model=MODEL, messages=HELLO, user=5), TypeError, "user"),  # type: ignore[arg-type]
    (lambda c: c.chat.completions.create(model=MODEL, messages=HELLO, tool_choice=5), TypeError, "tool_choice"),  # type: ignore[arg-type]
    (lambda c: c.chat.completions.create(model=MODEL, messages=HELLO, temperature=math.nan), ValueError, "temperature"),
    (lambda c: c.chat.completions.create(model=MODEL, messages=HELLO, timeout=-1), ValueError, "timeout"),
    (lambda c: c.chat.completions.create(model=MODEL, messages=HELLO, timeout=math.nan), ValueError, "timeout"),
    (lambda c: c.chat.completions.create(model=MODEL, messages=HELLO, timeout="1"), TypeError, "timeout"),  # type: ignore[arg-type]
    (lambda c: c.chat.completions.create(model=MODEL, messages=HELLO, max_retries=-1), ValueError, "max_retries"),
    (
        lambda c: c.chat.completions.create(model=MODEL, messages=HELLO, extra_headers={"X": 1}),
        TypeError,
        "extra_headers",
    ),  # type: ignore[dict-item]
    (lambda c: c.chat.completions.create(model=MODEL, messages=HELLO, extra_body="x"), TypeError, "extra_body"),  # type: ignore[arg-type]
    (lambda c: c.audio.speech.create(model="elevenlabs/m", input="hi", voice=5), TypeError, "voice"),  # type: ignore[arg-type]
    (lambda c: c.images.generate_multimodal(contents=[{"text": "p"}], webhook_url=123), TypeError, "webhook_url"),  # type: ignore[arg-type]
    (lambda c: c.images.generate_multimodal(contents=[{"text": "p"}], poll_policy="fast"), TypeError, "poll_policy"),  # type: ignore[arg-type]
    (lambda c: c.images.generate_multimodal_and_wait(contents=[{"text": "p"}], wait_timeout=-1), ValueError, "timeout"),
    (lambda c: c.images.jobs.wait("job_1", timeout=-1), ValueError, "timeout"),
    (lambda c: c.images.jobs.wait("job_1", on_progress="print"), TypeError, "on_progress"),  # type: ignore[arg-type]
    (lambda c: c.images.jobs.resume("job_1", poll_policy=1), TypeError, "poll_policy"),  # type: ignore[arg-type]
    (lambda c: c.models.list(limit=True), TypeError, "limit"),
    (
        lambda c: c.chat.completions.create(model=MODEL, messages=HELLO, extra_body={"x": object()}),
        TypeError,
        "extra_body",
    ),
    (lambda c: c.chat.completions.create(model=MODEL, messages=HELLO, metadata={"a": {1, 2}}), TypeError, "metadata"),
    (
        lambda c: c.chat.completions.create(model=MODEL, messages=HELLO, metadata={"a": math.inf}),
        ValueError,
        "metadata",
    ),
    (lambda c: c.request("GET", "https://elsewhere.example/"), ValueError, "path"),
    (lambda c: c.get("/models\x00"), ValueError, "path"),
    (lambda c: c.get("/models\r\nX-Injected: 1"), ValueError, "path"),
    (lambda c: c.chat.completions.create(model=MODEL, messages=[{"role": None, "content": "x"}]), TypeError, "role"),  # type: ignore[list-item]
    (lambda c: c.chat.completions.create(model=MODEL, messages=[{"role": "user"}]), ValueError, "content"),  # type: ignore[list-item]
    (lambda c: c.images.jobs.retrieve(None), TypeError, "id"),  # type: ignore[arg-type]
    (lambda c: c.providers.retrieve(None), TypeError, "name"),  # type: ignore[arg-type]
    (
        lambda c: c.chat.completions.create(model=MODEL, messages=HELLO, fallback_models="a/b"),
        TypeError,
        "fallback_models",
    ),  # type: ignore[arg-type]
    (
        lambda c: c.chat.completions.create(model=MODEL, messages=HELLO, fallback_models=["gpt-4o"]),
        ValueError,
        "fallback_models",
    ),
    (
        lambda c: c.chat.completions.create(model=MODEL, messages=HELLO, first_byte_timeout=-1),
        ValueError,
        "first_byte_timeout",
    ),
    (lambda c: c.chat.completions.create(model=MODEL, messages=HELLO, total_timeout="9"), TypeError, "total_timeout"),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("call", "error", "name"), CALLS, ids=[f"{n}-{case[2]}" for n, case in enumerate(CALLS)])
def test_wrong_arguments_raise_before_anything_is_sent(
    call: Callable[[ccapi.CCAPI], object], error: type[Exception], name: str, no_network: Recorder
) -> None:
    with make_client(no_network) as client, pytest.raises(error, match=name):
        call(client)
    assert no_network.requests == []


def test_a_job_handle_checks_its_wait_before_polling() -> None:
    recorder = Recorder(httpx.Response(202, json=JOB))
    with make_client(recorder) as client:
        job = client.images.generate_multimodal(contents=[{"text": "p"}])
        with pytest.raises(ValueError, match="timeout"):
            job.wait(timeout=-1)
    assert len(recorder.requests) == 1  # the generation only


def test_an_explicit_policy_keeps_its_max_retries() -> None:
    policy = ccapi.RetryPolicy(max_retries=5)
    with ccapi.CCAPI(api_key=KEY, retry_policy=policy) as client:
        assert client.max_retries == 5
        assert client.with_options(retry_policy=ccapi.RetryPolicy(max_retries=4)).max_retries == 4
        assert client.with_options(max_retries=1).max_retries == 1
    with ccapi.CCAPI(api_key=KEY, retry_policy=policy, max_retries=1) as client:
        assert client.max_retries == 1
    with ccapi.CCAPI(api_key=KEY) as client:
        assert client.max_retries == ccapi.DEFAULT_MAX_RETRIES


def test_a_copy_of_an_unkept_client_keeps_the_pool_open(ccapi_sandbox: SandboxServer) -> None:
    copy = ccapi.CCAPI(api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url).with_options(timeout=20)
    gc.collect()  # the original is gone
    assert copy.models.list().total > 0
    http = copy.http_client
    del copy
    gc.collect()
    assert http.is_closed  # the last one out closed the pool


def test_async_copies_share_the_pool_too(ccapi_sandbox: SandboxServer) -> None:
    async def run() -> int:
        copy = ccapi.AsyncCCAPI(api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url).with_options(
            max_retries=0
        )
        gc.collect()
        page = await copy.models.list()
        await copy.http_client.aclose()
        return page.total

    assert asyncio.run(run()) > 0


def test_closing_the_original_closes_the_shared_pool_and_a_passed_client_is_never_closed() -> None:
    original = ccapi.CCAPI(api_key=KEY)
    copy = original.with_options(timeout=3)
    original.close()
    assert copy.http_client.is_closed
    mine = httpx.Client()
    with ccapi.CCAPI(api_key=KEY, http_client=mine) as client:
        client.with_options(timeout=1).close()
    assert not mine.is_closed
    mine.close()


def _calls_made(**options: Any) -> int:
    recorder = Recorder(httpx.Response(500, json={"error": {"message": "x", "type": "api_error"}}))
    with make_client(recorder, **options) as client, pytest.raises(ccapi.InternalServerError):
        client.chat.completions.create(model=MODEL, messages=HELLO)
    return len(recorder.requests)


def test_max_retries_counts() -> None:
    assert _calls_made() == 3
    assert _calls_made(max_retries=0) == 1
    assert _calls_made(retry_policy=ccapi.RetryPolicy(max_retries=4, sleep=lambda seconds: None)) == 5


def test_a_closed_client_fails_typed() -> None:
    client = ccapi.CCAPI(api_key=KEY, base_url=BASE_URL)
    client.close()
    with pytest.raises(ccapi.APIConnectionError, match="closed"):
        client.models.list()
