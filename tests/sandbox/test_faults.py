"""Fault injection: rate limits, error bursts, broken streams and unknown fields, per server."""

from __future__ import annotations

import json

import httpx
import pytest
from ccapi.testing import Faults, SandboxServer

CHAT = {"model": "openai/gpt-4o-mini", "messages": [{"role": "user", "content": "one two three four five"}]}


def test_the_first_requests_are_rate_limited(ccapi_sandbox: SandboxServer, raw: httpx.Client) -> None:
    ccapi_sandbox.config.faults = Faults(rate_limit_first=2, retry_after=7)
    statuses = [raw.get("/models") for _ in range(3)]
    assert [response.status_code for response in statuses] == [429, 429, 200]
    assert statuses[0].headers["Retry-After"] == "7"
    assert statuses[0].json()["error"]["type"] == "rate_limit_error"


@pytest.mark.parametrize(("status", "kind"), [(500, "api_error"), (503, "api_error"), (402, "billing_error")])
def test_error_bursts(ccapi_sandbox: SandboxServer, raw: httpx.Client, status: int, kind: str) -> None:
    ccapi_sandbox.config.faults = Faults(error_status=status, error_count=2)
    responses = [raw.post("/chat/completions", json=CHAT) for _ in range(3)]
    assert [response.status_code for response in responses] == [status, status, 200]
    assert responses[0].json()["error"]["type"] == kind


def test_a_new_faults_object_counts_afresh(ccapi_sandbox: SandboxServer, raw: httpx.Client) -> None:
    ccapi_sandbox.config.faults = Faults(rate_limit_first=1)
    assert raw.get("/models").status_code == 429
    ccapi_sandbox.config.faults = Faults(rate_limit_first=1)
    assert raw.get("/models").status_code == 429


def test_a_dropped_stream_breaks_the_connection(ccapi_sandbox: SandboxServer, raw: httpx.Client) -> None:
    ccapi_sandbox.config.faults = Faults(drop_stream_after=3)
    lines = []
    with (
        pytest.raises(httpx.RemoteProtocolError),
        raw.stream("POST", "/chat/completions", json={**CHAT, "stream": True}) as response,
    ):
        lines.extend(line for line in response.iter_lines() if line)
    assert len(lines) == 3


def test_an_error_event_ends_the_stream(ccapi_sandbox: SandboxServer, raw: httpx.Client) -> None:
    ccapi_sandbox.config.faults = Faults(stream_error_after=2)
    with raw.stream("POST", "/chat/completions", json={**CHAT, "stream": True}) as response:
        events = [line.removeprefix("data: ") for line in response.iter_lines() if line]
    assert len(events) == 3
    assert json.loads(events[-1])["error"]["code"] == "stream_interrupted"


def test_a_stalled_stream_sends_nothing_more(ccapi_sandbox: SandboxServer, raw: httpx.Client) -> None:
    ccapi_sandbox.config.faults = Faults(stall_stream_after=2, stall_seconds=30)
    lines = []
    with (
        pytest.raises(httpx.ReadTimeout),
        raw.stream("POST", "/chat/completions", json={**CHAT, "stream": True}, timeout=0.5) as response,
    ):
        lines.extend(line for line in response.iter_lines() if line)
    assert len(lines) == 2


def test_unknown_fields_and_values(ccapi_sandbox: SandboxServer, raw: httpx.Client) -> None:
    ccapi_sandbox.config.faults = Faults(unknown_extras=True)
    chat = raw.post("/chat/completions", json=CHAT).json()
    assert "sandbox_added_field" in chat
    assert "sandbox_added_field" in chat["choices"][0]["message"]
    models = raw.get("/models", params={"limit": 100}).json()["data"]
    assert "3d" in {model["ccapi"]["type"] for model in models}
    job = raw.post("/images/generate", json={"model": "imaginepro/nano-banana", "contents": [{"text": "x"}]}).json()
    assert job["status"] == "queued"


def test_latency_is_added_and_requests_are_recorded(ccapi_sandbox: SandboxServer, raw: httpx.Client) -> None:
    ccapi_sandbox.config.faults = Faults(latency=0.05)
    response = raw.post("/chat/completions", json=CHAT, headers={"Idempotency-Key": "idem-1"})
    assert response.elapsed.total_seconds() >= 0.05  # a lower bound only: never flaky
    last = ccapi_sandbox.received[-1]
    assert (last.method, last.path, last.idempotency_key) == ("POST", "/v1/chat/completions", "idem-1")
    assert last.request_id == response.headers["X-Request-Id"]
