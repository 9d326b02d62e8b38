"""Whatever a server sends (any status, header, encoding, body or stream), every operation ends in a typed result or
a `ccapi.CCAPIError`, within its deadlines: property-based (hypothesis), in memory, sync and async.

Bounded so the suite stays fast: each property runs a fixed number of examples, derandomized so CI is repeatable.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ccapi
import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

KEY = "sk-test-hostile-0123456789"
BASE_URL = "https://gateway.test/v1"
HELLO = [{"role": "user", "content": "Hi"}]
MAX_REQUESTS = 60  # no call may take more than this many requests, whatever the server says

FUZZ = settings(
    max_examples=250, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow],
    database=None,
)  # fmt: skip

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)

# Bodies that look almost right: the shape of each answer, with fields of the wrong kind.
PLAUSIBLE = [
    {"id": "c", "object": "chat.completion", "created": 1, "model": "m", "choices": [
        {"index": 0, "message": {"role": "assistant", "content": "hi"}}]},
    {"object": "list", "data": [{"id": "openai/gpt-4o-mini"}], "total": 1, "limit": 20, "offset": 0,
     "has_more": True},
    {"id": "job_1", "created": 1, "model": "m", "status": "pending", "poll_url": "/images/jobs/job_1"},
    {"id": "job_1", "created": 1, "model": "m", "status": "failed", "error": "not an object"},
    {"id": "s", "object": "audio.speech", "created": 1, "model": "m", "output_format": "mp3", "url": None,
     "b64_json": "UklGRg=="},
    {"id": "i", "created": 1, "model": "m", "data": [{"url": 5, "b64_json": []}]},
    {"name": "openai", "display_name": "OpenAI", "models": "none"},
    {"error": {"message": ["not", "a", "string"], "type": 7}},
    {"error": "flat"},
    # A server that echoes the key it was sent, in its message, its details, or anywhere else.
    {"error": {"message": f"key {KEY} is not valid", "type": "authentication_error", "details": {"key": KEY}}},
    {"unexpected": KEY},
]  # fmt: skip


def _mutations(body: dict[str, Any]) -> st.SearchStrategy[Any]:
    keys = sorted(body)
    return st.builds(
        lambda key, value: {**body, key: value} if key is not None else body,
        st.sampled_from([None, *keys]),
        json_values,
    )


bodies = st.one_of(
    json_values.map(lambda value: json.dumps(value).encode()),
    st.sampled_from(PLAUSIBLE).flatmap(_mutations).map(lambda value: json.dumps(value).encode()),
    st.binary(max_size=64),
    st.sampled_from([b"", b"[" * 100_000, b'{"a":' * 50_000, b"null", b"123", b'"text"', b"\xff\xfe"]),
)
statuses = st.sampled_from([200, 201, 202, 204, 299, 302, 307, 400, 401, 402, 404, 408, 409, 418, 422, 429, 500,
                            502, 503, 520, 599, 999])  # fmt: skip
retry_afters = st.sampled_from([
    None, "nan", "inf", "-inf", "-5", "1e308", "0", "1", "banana", "", "Wed, 21 Oct 2015 07:28:00 GMT",
    "Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 99 Xyz",
])  # fmt: skip
content_types = st.sampled_from(["application/json", "text/event-stream", "audio/mpeg", "text/html", "nonsense", None])
encodings = st.sampled_from([None, "gzip", "br", "deflate", "identity", "x-unknown"])


@st.composite
def answers(draw: st.DrawFn) -> Callable[[httpx.Request], httpx.Response]:
    """A server that answers every request with the same drawn response (redirects point back at the request)."""
    status, body = draw(statuses), draw(bodies)
    headers = {"X-Request-Id": "req_fuzz"}
    for name, value in (("Retry-After", draw(retry_afters)), ("Content-Type", draw(content_types)),
                        ("Content-Encoding", draw(encodings))):  # fmt: skip
        if value is not None:
            headers[name] = value
    if status in (302, 307):
        headers["Location"] = draw(st.sampled_from(["", "/v1/models", "https://elsewhere.example/steal", "::"]))

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=body, headers=headers)

    return answer


def _sync_client(answer: Callable[[httpx.Request], httpx.Response], seen: list[httpx.Request]) -> ccapi.CCAPI:
    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if len(seen) > MAX_REQUESTS:
            raise AssertionError(f"more than {MAX_REQUESTS} requests for one call")
        return answer(request)

    http = httpx.Client(transport=httpx.MockTransport(handle), follow_redirects=True)
    policy = ccapi.RetryPolicy(sleep=lambda seconds: None)
    return ccapi.CCAPI(api_key=KEY, base_url=BASE_URL, http_client=http, retry_policy=policy)


class FakeClock:
    """Time that passes only when the poller sleeps, so a job's deadline comes after a few polls and no waiting."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.now += seconds


def _fast_polls() -> ccapi.PollPolicy:
    clock = FakeClock()
    return ccapi.PollPolicy(sleep=clock.sleep, async_sleep=clock.async_sleep, clock=clock)


def _drain(result: Any) -> None:
    """Use a result as a caller would: read streams and pages to the end, wait for jobs, touch every field."""
    if isinstance(result, ccapi.Stream):
        with result:
            for text in result.iter_text():
                assert isinstance(text, str)
            result.final_completion()
    elif isinstance(result, ccapi.SyncPage):
        for _ in itertools.islice(result, 5_000):
            pass
    elif isinstance(result, ccapi.ImageJob):
        repr(result)
        result.wait(timeout=0.01)
    else:
        repr(result)
        if hasattr(result, "to_dict"):
            result.to_dict()


SYNC_CALLS: dict[str, Callable[[ccapi.CCAPI], Any]] = {
    "chat": lambda c: c.chat.completions.create(model="openai/m", messages=HELLO),
    "chat stream": lambda c: c.chat.completions.create(model="openai/m", messages=HELLO, stream=True),
    "speech": lambda c: c.audio.speech.create(model="elevenlabs/m", input="hi"),
    "legacy images": lambda c: c.images.generate(model="stabilityai/m", prompt="p"),
    "multimodal images": lambda c: c.images.generate_multimodal(contents=[{"text": "p"}], poll_policy=_fast_polls()),
    "image job": lambda c: c.images.jobs.retrieve("job_1"),
    "models": lambda c: c.models.list(),
    "providers": lambda c: c.providers.list(),
    "provider": lambda c: c.providers.retrieve("openai"),
    "low-level get": lambda c: c.get("/models"),
    "media save": lambda c: c.media.save(f"{BASE_URL}/files/a.png", Path(tempfile.mkdtemp()) / "a.png"),
    "media read": lambda c: c.media.read(f"{BASE_URL}/files/a.png"),
}


@pytest.mark.parametrize("name", sorted(SYNC_CALLS))
@FUZZ
@given(answer=answers())
def test_every_sync_operation_ends_typed_whatever_the_server_sends(
    name: str, answer: Callable[[httpx.Request], httpx.Response]
) -> None:
    seen: list[httpx.Request] = []
    with _sync_client(answer, seen) as client:
        try:
            _drain(SYNC_CALLS[name](client))
        except ccapi.CCAPIError as error:
            message = str(error)
        else:
            message = ""
    assert KEY not in message
    for request in seen:  # the key went to the API's own origin only
        if request.url.host != "gateway.test":
            assert "authorization" not in request.headers


async def _adrain(result: Any) -> None:
    if isinstance(result, ccapi.AsyncStream):
        async with result:
            async for text in result.iter_text():
                assert isinstance(text, str)
            await result.final_completion()
    elif isinstance(result, ccapi.AsyncPager):
        count = 0
        async for _ in result:
            count += 1
            if count > 5_000:
                break
    elif isinstance(result, ccapi.AsyncImageJob):
        await result.wait(timeout=0.01)
    else:
        repr(result)


ASYNC_CALLS: dict[str, Callable[[ccapi.AsyncCCAPI], Any]] = {
    "chat": lambda c: c.chat.completions.create(model="openai/m", messages=HELLO),
    "chat stream": lambda c: c.chat.completions.create(model="openai/m", messages=HELLO, stream=True),
    "speech": lambda c: c.audio.speech.create(model="elevenlabs/m", input="hi"),
    "multimodal images": lambda c: c.images.generate_multimodal(contents=[{"text": "p"}], poll_policy=_fast_polls()),
    "models": lambda c: c.models.list(),
}


@pytest.mark.parametrize("name", sorted(ASYNC_CALLS))
@FUZZ
@given(answer=answers())
def test_every_async_operation_ends_typed_whatever_the_server_sends(
    name: str, answer: Callable[[httpx.Request], httpx.Response]
) -> None:
    seen: list[httpx.Request] = []

    async def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if len(seen) > MAX_REQUESTS:
            raise AssertionError(f"more than {MAX_REQUESTS} requests for one call")
        return answer(request)

    async def no_sleep(seconds: float) -> None:
        return None

    async def run() -> None:
        http = httpx.AsyncClient(transport=httpx.MockTransport(handle), follow_redirects=True)
        policy = ccapi.RetryPolicy(async_sleep=no_sleep)
        async with ccapi.AsyncCCAPI(api_key=KEY, base_url=BASE_URL, http_client=http, retry_policy=policy) as client:
            try:
                result = ASYNC_CALLS[name](client)
                if not isinstance(result, ccapi.AsyncPager):
                    result = await result
                await asyncio.wait_for(_adrain(result), timeout=10)
            except ccapi.CCAPIError as error:
                messages.append(str(error))

    messages: list[str] = []

    asyncio.run(run())
    assert all(KEY not in message for message in messages)


STREAM_EVENTS = st.lists(
    st.one_of(
        json_values.map(lambda value: f"data: {json.dumps(value)}\n\n"),
        st.sampled_from([
            "data: [DONE]\n\n", "data: 123\n\n", "data: {\n\n", f"data: {'[' * 100_000}\n\n", ": comment\n\n",
            'data: {"error": "flat"}\n\n', 'data: {"error": {"message": "m", "type": "rate_limit_error"}}\n\n',
            'data: {"id": "c", "created": 1, "model": "m", "choices": [{"index": 0, "delta": {"content": 5}}]}\n\n',
            'data: {"id": "c", "created": "x", "model": 1, "choices": "no"}\n\n', "event: ping\n\n", "retry: x\n\n",
        ]),
    ),
    max_size=6,
)  # fmt: skip


@FUZZ
@given(events=STREAM_EVENTS)
def test_any_stream_ends_typed(events: list[str]) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content="".join(events).encode(), headers={"Content-Type": "text/event-stream"})

    with _sync_client(answer, []) as client, contextlib.suppress(ccapi.CCAPIError):
        _drain(client.chat.completions.create(model="openai/m", messages=HELLO, stream=True))


def test_a_server_that_ignores_offset_does_not_page_forever() -> None:
    page = {"object": "list", "data": [{"id": "openai/a"}, {"id": "openai/b"}], "total": 99, "limit": 2,
            "offset": 0, "has_more": True}  # fmt: skip
    seen: list[httpx.Request] = []
    with _sync_client(lambda request: httpx.Response(200, json=page), seen) as client:
        ids = [model.id for model in client.models.list(limit=2)]
    assert ids == ["openai/a", "openai/b"]  # the page that made no progress ends the iteration
    assert len(seen) == 2


def test_a_redirect_loop_is_a_typed_error() -> None:
    def loop(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": str(request.url)})

    with _sync_client(loop, []) as client, pytest.raises(ccapi.APIConnectionError, match="redirect"):
        client.models.list()


def test_a_redirect_to_another_host_never_carries_the_key() -> None:
    seen: list[httpx.Request] = []

    def away(request: httpx.Request) -> httpx.Response:
        if request.url.host == "gateway.test":
            return httpx.Response(307, headers={"Location": "https://elsewhere.example/v1/models"})
        return httpx.Response(200, json={"object": "list", "data": [], "total": 0, "limit": 20, "offset": 0,
                                         "has_more": False})  # fmt: skip

    with _sync_client(away, seen) as client, contextlib.suppress(ccapi.CCAPIError):
        client.models.list()
    assert all("authorization" not in request.headers for request in seen if request.url.host != "gateway.test")


@pytest.mark.parametrize("value", ["nan", "inf", "1e308", "-1"])
def test_a_hostile_retry_after_waits_a_bounded_time(value: str) -> None:
    sleeps: list[float] = []
    answers_ = iter([httpx.Response(429, headers={"Retry-After": value}), httpx.Response(200, json=PLAUSIBLE[0])])
    http = httpx.Client(transport=httpx.MockTransport(lambda request: next(answers_)))
    policy = ccapi.RetryPolicy(sleep=sleeps.append)
    with ccapi.CCAPI(api_key=KEY, base_url=BASE_URL, http_client=http, retry_policy=policy) as client:
        client.chat.completions.create(model="openai/m", messages=HELLO)
    assert len(sleeps) == 1
    assert 0 <= sleeps[0] <= policy.max_retry_after


def test_async_waits_are_bounded_too() -> None:
    sleeps: list[float] = []

    async def record(seconds: float) -> None:
        sleeps.append(seconds)

    async def run() -> None:
        answers_ = iter([httpx.Response(429, headers={"Retry-After": "nan"}), httpx.Response(200, json=PLAUSIBLE[0])])
        http = httpx.AsyncClient(transport=httpx.MockTransport(lambda request: next(answers_)))
        policy = ccapi.RetryPolicy(async_sleep=record)
        async with ccapi.AsyncCCAPI(api_key=KEY, base_url=BASE_URL, http_client=http, retry_policy=policy) as client:
            await client.chat.completions.create(model="openai/m", messages=HELLO)

    asyncio.run(run())
    assert len(sleeps) == 1
    assert 0 <= sleeps[0] <= 60


def test_final_completion_of_an_empty_stream_is_typed() -> None:
    answer = httpx.Response(200, content=b"data: [DONE]\n\n", headers={"Content-Type": "text/event-stream"})
    with _sync_client(lambda request: answer, []) as client:
        stream = client.chat.completions.create(model="openai/m", messages=HELLO, stream=True)
        with pytest.raises(ccapi.APIResponseValidationError, match="no chunk"):
            stream.final_completion()


def test_iter_text_yields_only_text() -> None:
    chunk = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m",
             "choices": [{"index": 0, "delta": {"content": 5}}]}  # fmt: skip
    body = f"data: {json.dumps(chunk)}\n\ndata: [DONE]\n\n".encode()
    answer = httpx.Response(200, content=body, headers={"Content-Type": "text/event-stream"})
    with _sync_client(lambda request: answer, []) as client:
        stream = client.chat.completions.create(model="openai/m", messages=HELLO, stream=True)
        assert list(stream.iter_text()) == []  # the event with a number for text is skipped, never shown as text
        assert stream.skipped_events == 1
        again = client.chat.completions.create(model="openai/m", messages=HELLO, stream=True)
        with pytest.raises(ccapi.SkippedEventsError):
            again.final_completion()
