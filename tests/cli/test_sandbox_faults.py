"""`ccapi sandbox --fault MODEL=KIND`: failover tried from the command line, against a model that misbehaves."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator

import ccapi
import pytest

from .test_commands import CCAPI, run


@pytest.fixture
def faulty_sandbox() -> Iterator[tuple[str, str]]:
    """`ccapi sandbox` with gpt-4o-mini down and gemini's streams cut after 3 events (its first attempt only):
    its base URL and what it printed about its faults."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCAPI_")}
    argv = [CCAPI, "sandbox", "--port", "0", "--fault", "openai/gpt-4o-mini=unavailable",
            "--fault", "google/gemini-2.5-flash=cut:after=3,first=1"]  # fmt: skip
    server = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        assert server.stderr is not None
        base_url = server.stdout.readline().rsplit(" ", 1)[1].strip()
        server.stdout.readline()
        said = server.stderr.readline() + server.stderr.readline()
        yield base_url, said
    finally:
        server.terminate()
        assert server.wait(timeout=15) == 0
        for pipe in (server.stdout, server.stderr):
            if pipe is not None:
                pipe.close()


def test_a_fault_from_the_command_line_makes_fallback_models_serve(faulty_sandbox: tuple[str, str]) -> None:
    base_url, said = faulty_sandbox
    assert "openai/gpt-4o-mini answers unavailable" in said
    assert "google/gemini-2.5-flash answers cut (after=3, first=1)" in said
    client = ccapi.CCAPI(
        api_key="sk-ccapi-sandbox", base_url=base_url, max_retries=0, fallback_models=["anthropic/claude-sonnet-4-6"]
    )
    with client:
        with pytest.raises(ccapi.InternalServerError):  # down, and no fallback for this call
            client.chat.completions.create(
                model="openai/gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}], fallback_models=[]
            )
        reply = client.chat.completions.create(model="openai/gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}])
        assert reply.model == "anthropic/claude-sonnet-4-6"
        with client.chat.completions.create(
            model="google/gemini-2.5-flash", messages=[{"role": "user", "content": "Hi there"}], stream=True
        ) as stream:
            completion = stream.final_completion()
        assert [restart.model for restart in stream.restarts] == ["google/gemini-2.5-flash"]
        assert completion.model == "anthropic/claude-sonnet-4-6"


@pytest.mark.parametrize(
    ("fault", "words"),
    [
        ("openai/gpt-4o-mini", "is not MODEL=KIND"),
        ("openai/gpt-4o-mini=broken", "'broken' is not a fault; the kinds are"),
        ("openai/gpt-4o-mini=cut:later=3", "'later' is not one of seconds, after"),
        ("openai/gpt-4o-mini=cut:after=soon", "is not a number"),
        ("openai/gpt4o-mini=cut", "'openai/gpt4o-mini' is not a chat model of the sandbox; they are"),
        ("openai/dall-e-3=unavailable", "is not a chat model of the sandbox"),
    ],
)
def test_a_wrong_fault_is_a_one_line_usage_error(fault: str, words: str) -> None:
    done = run(None, "sandbox", "--port", "0", "--fault", fault)
    assert done.returncode == 2
    assert words in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
