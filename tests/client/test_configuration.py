"""Settings from arguments and the environment, per-call options, and the key kept out of sight."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys

import ccapi
import httpx
import pytest
from ccapi.testing import SandboxServer

from .conftest import BASE_URL, HELLO, KEY, Recorder, make_client, ok


def test_key_and_base_url_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCAPI_API_KEY", "sk-from-env")
    monkeypatch.setenv("CCAPI_BASE_URL", "http://127.0.0.1:9/v1/")
    recorder = Recorder(ok())
    with ccapi.CCAPI(http_client=httpx.Client(transport=httpx.MockTransport(recorder.handle))) as client:
        assert client.base_url == "http://127.0.0.1:9/v1"
        client.chat.completions.create(model="openai/m", messages=HELLO)
    assert recorder.requests[0].headers["Authorization"] == "Bearer sk-from-env"
    assert str(recorder.requests[0].url) == "http://127.0.0.1:9/v1/chat/completions"


def test_the_default_base_url_is_the_public_gateway(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CCAPI_BASE_URL", raising=False)
    with ccapi.CCAPI(api_key="k") as client:
        assert client.base_url == "https://api.ccapi.ai/v1"


def test_no_key_is_a_clear_error_that_says_how_to_set_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CCAPI_API_KEY", raising=False)
    with pytest.raises(ccapi.MissingAPIKeyError, match="CCAPI_API_KEY"):
        ccapi.CCAPI()
    with pytest.raises(ccapi.MissingAPIKeyError, match="api_key="):
        ccapi.AsyncCCAPI()


def test_a_base_url_without_a_scheme_is_refused() -> None:
    with pytest.raises(ValueError, match="http"):
        ccapi.CCAPI(api_key="k", base_url="api.ccapi.ai/v1")


def test_the_key_is_in_no_repr() -> None:
    client = make_client(Recorder())
    assert KEY not in repr(client)
    assert KEY not in repr(client._settings)
    assert KEY not in repr(client.with_options(timeout=3))
    assert BASE_URL in repr(client)


def test_timeouts_are_on_by_default_and_overridable(no_network: Recorder) -> None:
    seen: list[dict[str, float | None]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return ok()

    with make_client(Recorder(handler)) as client:
        client.chat.completions.create(model="openai/m", messages=HELLO)
        client.chat.completions.create(model="openai/m", messages=HELLO, timeout=2.5)
        client.with_options(timeout=httpx.Timeout(9.0)).chat.completions.create(model="openai/m", messages=HELLO)
    assert seen[0]["read"] == ccapi.DEFAULT_TIMEOUT.read
    assert seen[0]["connect"] == 5.0
    assert seen[1]["read"] == 2.5
    assert seen[2]["read"] == 9.0


def test_extra_headers_query_and_body_reach_the_server() -> None:
    recorder = Recorder(ok())
    with make_client(recorder, default_headers={"X-Team": "search"}) as client:
        client.chat.completions.create(
            model="openai/m", messages=HELLO, extra_headers={"X-Trace": "t1"}, extra_query={"debug": "1"},
            extra_body={"response_format": {"type": "json_object"}},
        )  # fmt: skip
    request = recorder.requests[0]
    assert (request.headers["X-Team"], request.headers["X-Trace"]) == ("search", "t1")
    assert request.url.params["debug"] == "1"
    assert json.loads(request.content)["response_format"] == {"type": "json_object"}


def test_raw_responses_give_status_headers_and_request_id() -> None:
    recorder = Recorder(ok(**{"X-Request-Id": "req_abc", "X-Extra": "yes"}))
    with make_client(recorder) as client:
        raw = client.chat.completions.with_raw_response.create(model="openai/m", messages=HELLO)
    assert (raw.status_code, raw.request_id, raw.headers["x-extra"]) == (200, "req_abc", "yes")
    assert raw.parse().id == "chatcmpl_1"
    assert "X-CCAPI-Raw-Response" not in recorder.requests[0].headers


def test_with_options_shares_the_connection_pool_and_the_original_closes_it() -> None:
    with make_client(Recorder(ok())) as client:
        copy = client.with_options(max_retries=0)
        assert copy.http_client is client.http_client
        assert copy.max_retries == 0
        assert client.max_retries == ccapi.DEFAULT_MAX_RETRIES
        copy.close()
        assert not client.http_client.is_closed


def test_a_client_closes_the_pool_it_made_but_not_one_it_was_given() -> None:
    with ccapi.CCAPI(api_key="k") as own:
        pass
    assert own.http_client.is_closed
    given = httpx.Client()
    with ccapi.CCAPI(api_key="k", http_client=given):
        pass
    assert not given.is_closed
    given.close()


def test_calls_are_logged_without_the_key(caplog: pytest.LogCaptureFixture) -> None:
    recorder = Recorder(httpx.Response(500, json={}), ok(**{"X-Request-Id": "req_logged"}))
    with caplog.at_level(logging.DEBUG, logger="ccapi"), make_client(recorder) as client:
        client.chat.completions.create(model="openai/m", messages=HELLO)
    lines = [record.getMessage() for record in caplog.records]
    (call,) = [line for line in lines if "->" in line]
    assert "POST https://gateway.test/v1/chat/completions -> 200" in call
    assert "retries: 1" in call
    assert "req_logged" in call
    assert any("retrying after status 500" in line for line in lines)
    assert all(KEY not in line for line in lines)


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda c: c.chat.completions.create(messages=HELLO), ValueError, "model="),
        (lambda c: c.chat.completions.create(model="openai/m", messages=[]), ValueError, "messages must not be empty"),
        (lambda c: c.chat.completions.create(model="openai/m", messages={"role": "user"}), TypeError, "list"),
        (
            lambda c: c.chat.completions.create(model="openai/m", messages=[{"role": "robot", "content": "x"}]),
            ValueError,
            "role",
        ),
        (lambda c: c.chat.completions.create(model="openai/m", messages=[{"content": "x"}]), ValueError, "role"),
        (lambda c: c.chat.completions.create(models="a/b", messages=HELLO), TypeError, "models must be a list"),
        (
            lambda c: c.chat.completions.create(model="openai/m", messages=HELLO, temperature=3),
            ValueError,
            "temperature",
        ),
        (lambda c: c.chat.completions.create(model="openai/m", messages=HELLO, max_tokens=0), ValueError, "max_tokens"),
        (lambda c: c.chat.completions.create(model="openai/m", messages=HELLO, top_p="high"), TypeError, "top_p"),
        (lambda c: c.audio.speech.create(model="openai/m", input=""), ValueError, "input"),
        (
            lambda c: c.audio.speech.create(model="openai/m", input="x", output_format="flac"),
            ValueError,
            "output_format",
        ),
        (lambda c: c.images.generate(model="openai/m", prompt="x", size="big"), ValueError, "size"),
        (lambda c: c.images.generate(model="openai/m", prompt="x", n=0), ValueError, "n must"),
        (lambda c: c.images.generate_multimodal(contents=[]), ValueError, "contents"),
        (lambda c: c.images.generate_multimodal(contents=[{"video": 1}]), ValueError, "contents\\[0\\]"),
        (
            lambda c: c.images.generate_multimodal(contents=[{"text": "x"}], webhook_url="ftp://x"),
            ValueError,
            "webhook_url",
        ),
        (lambda c: c.images.jobs.retrieve(""), ValueError, "id must not be empty"),
        (lambda c: c.models.list(limit=0), ValueError, "limit"),
        (lambda c: c.models.list(sort="price"), ValueError, "sort"),
        (lambda c: c.providers.list(offset=-1), ValueError, "offset"),
        (lambda c: c.providers.retrieve(""), ValueError, "name"),
    ],
)
def test_wrong_arguments_raise_before_any_request(call, error, match, no_network: Recorder) -> None:  # type: ignore[no-untyped-def]
    with make_client(no_network) as client, pytest.raises(error, match=match):
        call(client)
    assert no_network.requests == []


def test_ccapi_log_debug_prints_calls_to_stderr_without_the_key(ccapi_sandbox: SandboxServer) -> None:
    code = "import ccapi, os\nwith ccapi.CCAPI() as client:\n    client.models.list(limit=1)\n"
    env = {**os.environ, "CCAPI_LOG": "debug", "CCAPI_API_KEY": ccapi_sandbox.api_key,
           "CCAPI_BASE_URL": ccapi_sandbox.base_url}  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert f"GET {ccapi_sandbox.base_url}/models?limit=1&offset=0 -> 200" in done.stderr
    assert "request id: req_" in done.stderr
    assert ccapi_sandbox.api_key not in done.stderr + done.stdout
