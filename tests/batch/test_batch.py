"""ccapi.batch against the sandbox on loopback: every operation by its path, the output format, validation before
sending, resuming (retryable failures, a torn last line), the adaptive limit, and the sandbox's idempotency."""

from __future__ import annotations

import asyncio
import base64
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import ccapi
import ccapi.batch
import httpx
import pytest
from ccapi.testing import Faults, SandboxServer

from ._files import chat_input, chat_line, once_each, read_output, write_lines


def run(sandbox: SandboxServer, source: Path, output: Path, **options: Any) -> ccapi.batch.BatchSummary:
    return ccapi.batch.run(source, output, api_key=sandbox.api_key, base_url=sandbox.base_url, **options)


def test_every_operation_by_its_path_with_media_saved(ccapi_sandbox: SandboxServer, tmp_path: Path) -> None:
    source = write_lines(
        tmp_path / "in.jsonl",
        [
            chat_line("chat", "Hello there", url="/chat/completions"),
            {"custom_id": "speech", "method": "POST", "url": "/v1/audio/speech",
             "body": {"model": "elevenlabs/eleven_turbo_v2", "input": "Welcome.", "voice": "aria",
                      "output_format": "wav"}},
            {"custom_id": "images", "url": "/v1/images/generations",
             "body": {"model": "openai/dall-e-3", "prompt": "a ledger", "n": 2, "response_format": "b64_json"}},
            {"custom_id": "job", "method": "POST", "url": "/v1/images/generate",
             "body": {"model": "imaginepro/nano-banana", "contents": [{"text": "a watercolor"}]}},
        ],
    )  # fmt: skip
    output = tmp_path / "out.jsonl"
    summary = run(ccapi_sandbox, source, output)
    assert (summary.served, summary.failed, summary.remaining, summary.stopped) == (4, 0, 0, None)
    results = {line["custom_id"]: line for line in read_output(output)}
    assert set(results) == {"chat", "speech", "images", "job"}
    for line in results.values():  # OpenAI's batch output lines
        assert line["id"].startswith("batch_req_")
        assert line["error"] is None
        assert line["response"]["status_code"] == 200
        assert line["response"]["request_id"].startswith("req_")
        assert Decimal(line["cost"]) > 0
    assert "Hello there" in results["chat"]["response"]["body"]["choices"][0]["message"]["content"]
    assert results["job"]["response"]["body"]["status"] == "completed"  # the job was waited to its end
    media = tmp_path / "out-media"
    speech = [Path(path) for path in results["speech"]["media"]]
    assert [path.parent for path in speech] == [media]
    assert speech[0].read_bytes()[:4] == b"RIFF"
    images = [Path(path) for path in results["images"]["media"]]
    assert len(images) == 2
    encoded = results["images"]["response"]["body"]["data"][0]["b64_json"]
    assert images[0].read_bytes() == base64.b64decode(encoded)
    assert Path(results["job"]["media"][0]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert summary.cost == sum(Decimal(line["cost"]) for line in results.values())


def test_malformed_lines_and_repeated_ids_are_reported_before_sending(
    ccapi_sandbox: SandboxServer, tmp_path: Path
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        "\n".join(
            [
                json.dumps(chat_line("a")),
                "{not json",
                json.dumps(chat_line("b")),
                json.dumps(chat_line("a")),
                json.dumps({"custom_id": "c", "url": "/v1/embeddings", "body": {}}),
                json.dumps({"custom_id": "d", "url": "/v1/chat/completions", "body": []}),
                json.dumps({"url": "/v1/chat/completions", "body": {}}),
                json.dumps(chat_line("e", stream=True)),
            ]
        )
        + "\n"
    )
    seen = len(ccapi_sandbox.received)
    with pytest.raises(ccapi.batch.BatchInputError) as raised:
        run(ccapi_sandbox, source, tmp_path / "out.jsonl")
    problems = raised.value.problems
    assert [problem.split(":")[0] for problem in problems] == [
        "line 2", "line 4", "line 5", "line 6", "line 7", "line 8",
    ]  # fmt: skip
    assert "repeats line 1" in problems[1]
    assert "/v1/embeddings" in problems[2]
    assert len(ccapi_sandbox.received) == seen  # nothing was sent
    assert not (tmp_path / "out.jsonl").exists()


def test_a_body_the_operation_refuses_is_a_failed_line_not_a_crash(
    ccapi_sandbox: SandboxServer, tmp_path: Path
) -> None:
    source = write_lines(tmp_path / "in.jsonl", [chat_line("ok"), chat_line("bad", temperature="hot")])
    summary = run(ccapi_sandbox, source, tmp_path / "out.jsonl")
    assert (summary.served, summary.failed) == (1, 1)
    bad = next(line for line in read_output(tmp_path / "out.jsonl") if line["custom_id"] == "bad")
    assert bad["response"] is None
    assert bad["error"]["code"] == "invalid_request"
    assert "temperature" in bad["error"]["message"]


def test_resume_skips_written_lines_and_retries_retryable_failures(
    ccapi_sandbox: SandboxServer, tmp_path: Path
) -> None:
    source = chat_input(tmp_path / "in.jsonl", 40)
    output = tmp_path / "out.jsonl"
    ccapi_sandbox.config.faults = Faults(error_count=10, error_status=503)
    first = run(ccapi_sandbox, source, output, max_attempts=1, concurrency=4)
    assert (first.served, first.failed, first.failures) == (30, 10, {"api_error": 10})
    failed = {line["custom_id"] for line in read_output(output) if line["response"]["status_code"] == 503}
    assert len(failed) == 10
    before = len(ccapi_sandbox.received)
    second = run(ccapi_sandbox, source, output)
    assert (second.skipped, second.served, second.failed, second.repaired) == (30, 10, 0, 10)
    resent = [request for request in ccapi_sandbox.received[before:] if request.method == "POST"]
    assert len(resent) == 10  # only the failed lines were sent again
    once_each(read_output(output), 40)


def test_a_torn_last_line_is_dropped_and_redone(ccapi_sandbox: SandboxServer, tmp_path: Path) -> None:
    source = chat_input(tmp_path / "in.jsonl", 5)
    output = tmp_path / "out.jsonl"
    run(ccapi_sandbox, source, output)
    whole = output.read_bytes().splitlines(keepends=True)
    output.write_bytes(b"".join(whole[:3]) + whole[3][: len(whole[3]) // 2])  # as a crash mid-write leaves it
    summary = run(ccapi_sandbox, source, output)
    assert (summary.skipped, summary.served, summary.repaired) == (3, 2, 1)
    once_each(read_output(output), 5)


def test_an_output_damaged_before_its_end_is_refused(ccapi_sandbox: SandboxServer, tmp_path: Path) -> None:
    source = chat_input(tmp_path / "in.jsonl", 3)
    output = tmp_path / "out.jsonl"
    run(ccapi_sandbox, source, output)
    lines = output.read_bytes().splitlines(keepends=True)
    output.write_bytes(lines[0] + b"garbage\n" + lines[1])
    with pytest.raises(ccapi.batch.BatchOutputError):
        run(ccapi_sandbox, source, output)


def test_idempotency_keys_come_from_the_batch_and_the_custom_id(ccapi_sandbox: SandboxServer, tmp_path: Path) -> None:
    source = chat_input(tmp_path / "in.jsonl", 3)
    before = len(ccapi_sandbox.received)
    summary = run(ccapi_sandbox, source, tmp_path / "out.jsonl")
    sent = {request.idempotency_key for request in ccapi_sandbox.received[before:] if request.method == "POST"}
    assert sent == {ccapi.batch.idempotency_key(summary.batch_id, f"line-{index}") for index in range(3)}
    again = run(ccapi_sandbox, source, tmp_path / "other.jsonl")
    assert again.batch_id != summary.batch_id  # another output is another batch


def test_the_sandbox_replays_a_repeated_key_and_counts_served_calls(ccapi_sandbox: SandboxServer) -> None:
    headers = {"Authorization": f"Bearer {ccapi_sandbox.api_key}", "Idempotency-Key": "replay-test-1"}
    body = chat_line("x")["body"]
    with httpx.Client(base_url=ccapi_sandbox.base_url, headers=headers, timeout=10) as http:
        first = http.post("/chat/completions", json=body)
        second = http.post("/chat/completions", json=body)
        other = http.post("/chat/completions", json={**body, "max_tokens": 5})
    assert first.status_code == second.status_code == 200
    assert second.json() == first.json()
    assert second.headers["idempotent-replayed"] == "true"
    assert second.headers["x-request-id"] != first.headers["x-request-id"]
    assert other.status_code == 400
    assert other.json()["error"]["code"] == "idempotency_key_reused"
    assert ccapi_sandbox.served_per_key["replay-test-1"] == 1


def test_a_failed_answer_is_not_kept_for_its_key(ccapi_sandbox: SandboxServer) -> None:
    headers = {"Authorization": f"Bearer {ccapi_sandbox.api_key}", "Idempotency-Key": "replay-test-2"}
    body = chat_line("x")["body"]
    ccapi_sandbox.config.faults = Faults(error_count=1)
    with httpx.Client(base_url=ccapi_sandbox.base_url, headers=headers, timeout=10) as http:
        assert http.post("/chat/completions", json=body).status_code == 500
        assert http.post("/chat/completions", json=body).status_code == 200
    assert ccapi_sandbox.served_per_key["replay-test-2"] == 1


def test_2000_lines_through_a_429_burst_and_5xx_faults_each_result_once(
    ccapi_sandbox: SandboxServer, tmp_path: Path
) -> None:
    source = chat_input(tmp_path / "in.jsonl", 2000)
    output = tmp_path / "out.jsonl"
    in_flight = peak = 0

    def sent(request: httpx.Request) -> None:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)

    def answered(response: httpx.Response) -> None:
        nonlocal in_flight
        in_flight -= 1

    ccapi_sandbox.config.faults = Faults(rate_limit_first=60, retry_after=1, error_count=40, error_status=502)

    async def main() -> ccapi.batch.BatchSummary:
        async with ccapi.AsyncCCAPI(
            api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url, on_request=sent, on_response=answered
        ) as client:
            return await ccapi.batch.arun(source, output, client=client, concurrency=24, max_attempts=10)

    summary = asyncio.run(main())
    assert (summary.served, summary.failed, summary.remaining) == (2000, 0, 0)
    assert 1 <= peak <= 24
    once_each(read_output(output), 2000)
    keys = [ccapi.batch.idempotency_key(summary.batch_id, f"line-{index}") for index in range(2000)]
    served = ccapi_sandbox.served_per_key
    assert [served.get(key) for key in keys] == [1] * 2000


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_adaptive_limit_halves_on_429_once_a_round_and_climbs_back(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = Clock()
    monkeypatch.setattr("ccapi._batch.time.monotonic", clock)
    limit = ccapi.batch.AdaptiveLimit(16)
    round_started = clock.now
    clock.now += 1
    limit.rate_limited(round_started, None)
    limit.rate_limited(round_started, None)  # the same round: no second cut
    assert limit.limit == 8
    limit.rate_limited(clock.now + 0.5, 2.0)  # a call started after the cut
    assert limit.limit == 4
    for _ in range(1000):
        limit.succeeded()
    assert limit.limit == 16  # back to the ceiling, never above


def test_the_adaptive_limit_holds_new_calls_for_retry_after() -> None:
    async def main() -> float:
        limit = ccapi.batch.AdaptiveLimit(4)
        started = await limit.acquire()
        limit.rate_limited(started, 0.3)
        await limit.release()
        before = asyncio.get_running_loop().time()
        await limit.acquire()
        return asyncio.get_running_loop().time() - before

    assert asyncio.run(main()) >= 0.25
