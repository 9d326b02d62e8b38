"""Asynchronous image jobs: 202, then pending, processing, completed or failed; webhooks."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import httpx
import pytest
from ccapi.testing import Faults, SandboxConfig, SandboxServer

ASYNC = {
    "model": "imaginepro/nano-banana",
    "contents": [{"text": "A watercolor of CCAPI"}],
    "parameters": {"width": 64},
}


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def timed(clock: FakeClock) -> Iterator[httpx.Client]:
    with (
        SandboxServer(SandboxConfig(job_duration=10, clock=clock)) as server,
        httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {server.api_key}"}) as client,
    ):
        client.sandbox = server  # type: ignore[attr-defined]
        yield client


def test_a_job_moves_from_pending_to_completed(timed: httpx.Client, clock: FakeClock) -> None:
    accepted = timed.post("/images/generate", json=ASYNC)
    assert accepted.status_code == 202
    job = accepted.json()
    assert (job["status"], job["execution"]["mode"], job["estimated_time"]) == ("pending", "async", 10)
    assert job["poll_url"] == f"/images/jobs/{job['id']}"
    seen = []
    for now in (1001, 1005, 1009.5, 1010, 1020):
        clock.now = now
        seen.append(timed.get(job["poll_url"].lstrip("/")).json())
    assert [poll["status"] for poll in seen] == ["pending", "processing", "processing", "completed", "completed"]
    assert seen[1]["estimated_time"] == 5
    assert seen[3]["data"] == seen[4]["data"]
    assert httpx.get(seen[3]["data"][0]["url"]).content.startswith(b"\x89PNG")


def test_a_failing_job_ends_with_an_error_object(timed: httpx.Client, clock: FakeClock) -> None:
    timed.sandbox.config.faults = Faults(fail_jobs=True)  # type: ignore[attr-defined]
    job = timed.post("/images/generate", json=ASYNC).json()
    clock.now += 11
    final = timed.get(f"/images/jobs/{job['id']}").json()
    assert final["status"] == "failed"
    assert final["error"]["type"] == "api_error"
    assert final["error"]["details"] == {"job_id": job["id"]}


def test_a_job_that_never_finishes(timed: httpx.Client, clock: FakeClock) -> None:
    timed.sandbox.config.faults = Faults(jobs_never_finish=True)  # type: ignore[attr-defined]
    job = timed.post("/images/generate", json=ASYNC).json()
    clock.now += 10_000
    assert timed.get(f"/images/jobs/{job['id']}").json()["status"] == "processing"


def test_poll_urls_can_be_absolute_and_polls_can_ask_for_patience(timed: httpx.Client) -> None:
    timed.sandbox.config.absolute_poll_urls = True  # type: ignore[attr-defined]
    timed.sandbox.config.job_retry_after = 3  # type: ignore[attr-defined]
    job = timed.post("/images/generate", json=ASYNC).json()
    assert job["poll_url"].startswith("http://127.0.0.1:")
    poll = timed.get(job["poll_url"])
    assert poll.headers["Retry-After"] == "3"


def test_an_unknown_job_is_404(raw: httpx.Client) -> None:
    response = raw.get("/images/jobs/job_missing")
    assert response.status_code == 404
    assert "job_missing" in response.json()["error"]["message"]


def test_the_final_payload_is_posted_to_the_webhook(ccapi_sandbox: SandboxServer, raw: httpx.Client) -> None:
    received: list[dict[str, Any]] = []
    arrived = threading.Event()

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.end_headers()
            arrived.set()

        def log_message(self, *args: object) -> None:
            pass

    receiver = HTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=receiver.serve_forever, daemon=True)
    thread.start()
    try:
        hook = f"http://127.0.0.1:{receiver.server_port}/hook"
        job = raw.post("/images/generate", json={**ASYNC, "webhook_url": hook}).json()
        assert arrived.wait(timeout=10)
    finally:
        receiver.shutdown()
        receiver.server_close()
    (payload,) = received
    assert (payload["id"], payload["status"]) == (job["id"], "completed")
    assert payload["data"][0]["url"].endswith(".png")


@pytest.mark.parametrize(
    ("url", "called"),
    [
        ("http://127.0.0.1:9/hook", True),
        ("http://localhost:9/hook", True),
        ("http://[::1]:9/hook", True),
        ("https://example.com/hook", False),
        ("http://10.0.0.1/hook", False),
    ],
)
def test_webhooks_go_to_loopback_addresses_only(url: str, called: bool) -> None:
    # A local stand-in must never send traffic off the machine, whatever webhook_url it is given.
    from ccapi.testing._handlers import _is_loopback

    assert _is_loopback(url) is called
