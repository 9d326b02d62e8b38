"""Clients wired to httpx.MockTransport, with a retry policy that records its sleeps instead of waiting."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ccapi
import httpx
import pytest

KEY = "sk-test-very-secret-key-0123456789"
BASE_URL = "https://gateway.test/v1"
Handler = Callable[[httpx.Request], httpx.Response]


class Recorder:
    """A mock server: answers each request with the next planned response, and keeps what it was sent."""

    def __init__(self, *responses: httpx.Response | Exception | Handler) -> None:
        self.planned = list(responses)
        self.requests: list[httpx.Request] = []
        self.sleeps: list[float] = []

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if not self.planned:
            raise AssertionError(f"unexpected request {request.method} {request.url}")
        answer = self.planned.pop(0) if len(self.planned) > 1 else self.planned[0]
        if isinstance(answer, Exception):
            raise answer
        if callable(answer):
            return answer(request)
        return answer

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    async def async_sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    @property
    def bodies(self) -> list[Any]:
        import json

        return [json.loads(request.content) if request.content else None for request in self.requests]


def make_client(recorder: Recorder, **options: Any) -> ccapi.CCAPI:
    policy = ccapi.RetryPolicy(sleep=recorder.sleep, async_sleep=recorder.async_sleep)
    http = httpx.Client(transport=httpx.MockTransport(recorder.handle))
    options.setdefault("retry_policy", policy)
    return ccapi.CCAPI(api_key=KEY, base_url=BASE_URL, http_client=http, **options)


def make_async_client(recorder: Recorder, **options: Any) -> ccapi.AsyncCCAPI:
    policy = ccapi.RetryPolicy(sleep=recorder.sleep, async_sleep=recorder.async_sleep)

    async def handle(request: httpx.Request) -> httpx.Response:
        await request.aread()
        return recorder.handle(request)

    http = httpx.AsyncClient(transport=httpx.MockTransport(handle))
    options.setdefault("retry_policy", policy)
    return ccapi.AsyncCCAPI(api_key=KEY, base_url=BASE_URL, http_client=http, **options)


def error_body(message: str, type_: str = "invalid_request_error", code: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": type_, "code": code, "details": {}}}


CHAT_REPLY = {
    "id": "chatcmpl_1",
    "object": "chat.completion",
    "created": 1,
    "model": "openai/gpt-4o-mini",
    "provider": "openai",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hi!"}, "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
}
HELLO = [{"role": "user", "content": "Hello"}]


def ok(body: dict[str, Any] = CHAT_REPLY, **headers: str) -> httpx.Response:
    return httpx.Response(200, json=body, headers={"X-Request-Id": "req_ok", **headers})


@pytest.fixture
def no_network() -> Recorder:
    """A recorder with nothing planned: any request fails the test."""
    return Recorder()
