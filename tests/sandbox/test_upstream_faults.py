"""Upstream faults: one model misbehaving as real providers do, the others healthy, seen over a real socket."""

from __future__ import annotations

import json
import time

import httpx
import pytest
from ccapi.testing import Faults, ModelFault, SandboxServer, upstream_log

SICK = "openai/gpt-4o-mini"
HEALTHY = "anthropic/claude-sonnet-4-6"
WORDS = "one two three four five six seven eight nine ten eleven twelve"


def chat(model: str = SICK, **extra: object) -> dict[str, object]:
    return {"model": model, "messages": [{"role": "user", "content": WORDS}], **extra}


def sick(sandbox: SandboxServer, fault: ModelFault) -> None:
    sandbox.config.faults = Faults(models={SICK: fault})


def events(response: httpx.Response) -> list[str]:
    return [line.removeprefix("data: ") for line in response.iter_lines() if line]


def test_only_the_named_model_misbehaves(ccapi_sandbox: SandboxServer, raw: httpx.Client) -> None:
    sick(ccapi_sandbox, ModelFault("unavailable"))
    assert raw.post("/chat/completions", json=chat()).status_code == 503
    assert raw.post("/chat/completions", json=chat(HEALTHY)).status_code == 200
    assert [(entry.model, entry.action) for entry in upstream_log(ccapi_sandbox)] == [(SICK, "503"), (HEALTHY, "200")]


def test_an_outage_ends_after_its_seconds(ccapi_sandbox: SandboxServer, raw: httpx.Client) -> None:
    sick(ccapi_sandbox, ModelFault("unavailable", seconds=0.4))
    assert raw.post("/chat/completions", json=chat()).status_code == 503
    time.sleep(0.5)
    assert raw.post("/chat/completions", json=chat()).status_code == 200


def test_the_gateway_fails_over_past_a_model_in_an_outage(ccapi_sandbox: SandboxServer, raw: httpx.Client) -> None:
    sick(ccapi_sandbox, ModelFault("unavailable"))
    body = {"models": [SICK, HEALTHY], "messages": [{"role": "user", "content": "hi"}]}
    answer = raw.post("/chat/completions", json=body)
    assert answer.status_code == 200
    assert answer.json()["model"] == HEALTHY


def test_first_limits_a_fault_to_the_first_attempts(ccapi_sandbox: SandboxServer, raw: httpx.Client) -> None:
    sick(ccapi_sandbox, ModelFault("server_error", first=2))
    statuses = [raw.post("/chat/completions", json=chat()).status_code for _ in range(3)]
    assert statuses == [500, 500, 200]
    assert [entry.number for entry in upstream_log(ccapi_sandbox)] == [1, 2, 3]


@pytest.mark.parametrize(
    ("fault", "status", "code"),
    [
        (ModelFault("context_length_exceeded"), 400, "context_length_exceeded"),
        (ModelFault("content_filter"), 400, "content_policy_violation"),
        (ModelFault("rate_limited", retry_after=3), 429, "rate_limited"),
    ],
)
def test_refusals(ccapi_sandbox: SandboxServer, raw: httpx.Client, fault: ModelFault, status: int, code: str) -> None:
    sick(ccapi_sandbox, fault)
    answer = raw.post("/chat/completions", json=chat())
    assert answer.status_code == status
    assert answer.json()["error"]["code"] == code
    if fault.retry_after is not None:
        assert answer.headers["Retry-After"] == "3"


def test_a_silent_model_never_answers(ccapi_sandbox: SandboxServer, raw: httpx.Client) -> None:
    sick(ccapi_sandbox, ModelFault("silent", seconds=30))
    started = time.monotonic()
    with pytest.raises(httpx.ReadTimeout):
        raw.post("/chat/completions", json=chat(), timeout=0.5)
    assert time.monotonic() - started < 5
    assert raw.post("/chat/completions", json=chat(HEALTHY)).status_code == 200  # the server is not blocked


def test_a_reset_before_the_headers(ccapi_sandbox: SandboxServer, raw: httpx.Client) -> None:
    sick(ccapi_sandbox, ModelFault("reset", first=1))
    with pytest.raises((httpx.ReadError, httpx.RemoteProtocolError)):
        raw.post("/chat/completions", json=chat())
    assert raw.post("/chat/completions", json=chat()).status_code == 200


def test_a_cut_stream(ccapi_sandbox: SandboxServer, raw: httpx.Client) -> None:
    sick(ccapi_sandbox, ModelFault("cut", after=4))
    seen: list[str] = []
    with (
        pytest.raises(httpx.RemoteProtocolError),
        raw.stream("POST", "/chat/completions", json=chat(stream=True)) as response,
    ):
        seen.extend(line for line in response.iter_lines() if line)
    assert len(seen) == 4


def test_a_stalled_stream(ccapi_sandbox: SandboxServer, raw: httpx.Client) -> None:
    sick(ccapi_sandbox, ModelFault("stall", after=3, seconds=30))
    seen: list[str] = []
    with (
        pytest.raises(httpx.ReadTimeout),
        raw.stream("POST", "/chat/completions", json=chat(stream=True), timeout=0.5) as response,
    ):
        seen.extend(line for line in response.iter_lines() if line)
    assert len(seen) == 3


def test_a_slow_first_token(ccapi_sandbox: SandboxServer, raw: httpx.Client) -> None:
    sick(ccapi_sandbox, ModelFault("slow_first_token", seconds=0.6))
    started = time.monotonic()
    with raw.stream("POST", "/chat/completions", json=chat(stream=True)) as response:
        headers_after = time.monotonic() - started
        seen = events(response)
    assert headers_after < 0.5 <= time.monotonic() - started
    assert seen[-1] == "[DONE]"


def test_a_stream_without_done_is_otherwise_complete(ccapi_sandbox: SandboxServer, raw: httpx.Client) -> None:
    sick(ccapi_sandbox, ModelFault("no_done"))
    with raw.stream("POST", "/chat/completions", json=chat(stream=True, stream_options={"include_usage": True})) as got:
        seen = [json.loads(event) for event in events(got)]
    assert seen[-2]["choices"][0]["finish_reason"] == "stop"
    assert seen[-1]["usage"]["completion_tokens"] > 0


def test_a_malformed_event_mid_stream(ccapi_sandbox: SandboxServer, raw: httpx.Client) -> None:
    sick(ccapi_sandbox, ModelFault("malformed", after=5))
    with raw.stream("POST", "/chat/completions", json=chat(stream=True)) as response:
        seen = events(response)
    undecodable = []
    for event in seen[:-1]:
        try:
            json.loads(event)
        except ValueError:
            undecodable.append(event)
    assert len(undecodable) == 1
    assert seen.index(undecodable[0]) == 5
    assert seen[-1] == "[DONE]"


def test_stream_faults_leave_plain_answers_alone(ccapi_sandbox: SandboxServer, raw: httpx.Client) -> None:
    sick(ccapi_sandbox, ModelFault("cut", after=1))
    assert raw.post("/chat/completions", json=chat()).status_code == 200


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        ModelFault("gremlins")  # type: ignore[arg-type]
