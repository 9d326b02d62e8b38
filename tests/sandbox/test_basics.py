"""Auth, request ids, validation errors and entry points of the sandbox, over a real socket."""

from __future__ import annotations

import signal
import subprocess
import sys

import httpx
import pytest
from ccapi.testing import SandboxServer

CHAT = {"model": "openai/gpt-4o-mini", "messages": [{"role": "user", "content": "Hello"}]}


@pytest.mark.parametrize("authorization", [None, "Bearer wrong", "sk-ccapi-sandbox"])
def test_a_missing_or_wrong_key_is_401(ccapi_sandbox: SandboxServer, authorization: str | None) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    response = httpx.get(f"{ccapi_sandbox.base_url}/models", headers=headers)
    assert response.status_code == 401
    assert response.json() == {
        "error": {
            "message": "Missing or invalid Authorization header",
            "type": "invalid_request_error",
            "code": "unauthorized",
            "details": {},
        }
    }


def test_every_response_has_its_own_request_id(raw: httpx.Client) -> None:
    responses = [raw.get("/models"), raw.get("/no-such-route"), raw.post("/chat/completions", json={})]
    assert [response.status_code for response in responses] == [200, 404, 400]
    ids = [response.headers["X-Request-Id"] for response in responses]
    assert len(set(ids)) == 3
    assert all(request_id.startswith("req_") for request_id in ids)


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/chat/completions", {"model": "openai/gpt-4o-mini"}, ""),
        ("/chat/completions", {**CHAT, "messages": [{"role": "robot", "content": "x"}]}, "messages[0].role"),
        ("/chat/completions", {**CHAT, "max_tokens": 0}, "max_tokens"),
        ("/chat/completions", {"messages": CHAT["messages"]}, "model"),
        (
            "/audio/speech",
            {"model": "elevenlabs/eleven_turbo_v2", "input": "x", "output_format": "flac"},
            "output_format",
        ),
        ("/images/generations", {"model": "openai/dall-e-3", "prompt": "p", "size": "big"}, "size"),
        ("/images/generate", {"contents": [{"text": "p"}], "webhook_url": "not a url"}, "webhook_url"),
    ],
)
def test_a_bad_body_is_400_naming_the_field(raw: httpx.Client, path: str, body: dict[str, object], field: str) -> None:
    response = raw.post(path, json=body)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "invalid_request_error"
    assert error["details"].get("field", "") == field
    if field:
        assert error["message"].startswith(f"{field}: ")
    else:
        assert "messages" in error["message"]


def test_a_bad_query_parameter_is_400(raw: httpx.Client) -> None:
    for params, field in [({"limit": "ten"}, "limit"), ({"limit": 1000}, "limit"), ({"sort": "price"}, "sort")]:
        response = raw.get("/models", params=params)
        assert response.status_code == 400
        assert response.json()["error"]["details"] == {"field": field}


def test_a_body_that_is_not_json_is_400(raw: httpx.Client) -> None:
    response = raw.post("/chat/completions", content=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert "not valid JSON" in response.json()["error"]["message"]


def test_servers_are_independent_and_stop_cleanly() -> None:
    with SandboxServer() as first, SandboxServer() as second:
        assert first.port != second.port
        assert httpx.get(f"{second.base_url}/models", headers={"Authorization": f"Bearer {second.api_key}"}).is_success
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{first.base_url}/models")


def test_python_m_ccapi_testing_serves_until_terminated() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "ccapi.testing", "--port", "0", "--api-key", "sk-cli"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first_line = process.stdout.readline()
        assert first_line.startswith("CCAPI sandbox listening on http://127.0.0.1:")
        base_url = first_line.split()[-1]
        response = httpx.get(f"{base_url}/providers", headers={"Authorization": "Bearer sk-cli"})
        assert response.json()["total"] >= 6
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
        assert process.stdout is not None
        process.stdout.close()
