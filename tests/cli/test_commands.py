"""The `ccapi` command, run as a real process against the sandbox: every command, --json, and the error exits."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import ccapi
import pytest
from ccapi.testing import Faults, SandboxServer

CCAPI = str(Path(sys.executable).with_name("ccapi"))
TINY_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="


def run(sandbox: SandboxServer | None, *args: str, key: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCAPI_")}
    env["COLUMNS"] = "200"
    if sandbox is not None:
        env["CCAPI_BASE_URL"] = sandbox.base_url
        env["CCAPI_API_KEY"] = key or sandbox.api_key
    return subprocess.run([CCAPI, *args], env=env, capture_output=True, text=True, timeout=120, check=False)


def run_json(sandbox: SandboxServer, *args: str) -> Any:
    done = run(sandbox, *args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_version_shows_the_sdk_and_the_spec() -> None:
    done = run(None, "--version")
    assert done.stdout.strip() == f"ccapi {ccapi.__version__} (CCAPI spec {ccapi.API_VERSION})"


def test_models_list_as_a_table_and_as_json(ccapi_sandbox: SandboxServer) -> None:
    table = run(ccapi_sandbox, "models", "list", "--type", "image")
    assert table.returncode == 0
    assert "stabilityai/stable-diffusion-xl-1024-v1-0" in table.stdout
    assert "openai/gpt-4o-mini" not in table.stdout
    models = run_json(ccapi_sandbox, "models", "list", "--provider", "openai", "--sort", "id", "--order", "desc")
    ids = [model["id"] for model in models]
    assert ids == sorted(ids, reverse=True)
    assert all(model_id.startswith("openai/") for model_id in ids)
    assert len(run_json(ccapi_sandbox, "models", "list", "--limit", "3")) == 3


def test_providers_list_and_show(ccapi_sandbox: SandboxServer) -> None:
    listed = run(ccapi_sandbox, "providers", "list")
    assert "elevenlabs" in listed.stdout
    names = [provider["name"] for provider in run_json(ccapi_sandbox, "providers", "list")]
    assert "openai" in names
    shown = run_json(ccapi_sandbox, "providers", "show", "openai")
    assert shown["name"] == "openai"
    assert "openai/gpt-4o-mini" in run(ccapi_sandbox, "providers", "show", "openai").stdout


def test_chat_streams_the_answer(ccapi_sandbox: SandboxServer) -> None:
    done = run(ccapi_sandbox, "chat", "Outline a launch plan for CCAPI.", "--system", "Be precise.")
    assert done.returncode == 0
    assert done.stdout.strip().endswith("Outline a launch plan for CCAPI.")
    assert "openai/gpt-4o-mini via openai" in done.stderr


def test_chat_failover_and_no_stream(ccapi_sandbox: SandboxServer) -> None:
    ccapi_sandbox.config.faults = Faults(down_models=frozenset({"anthropic/claude-sonnet-4-6"}))
    done = run(ccapi_sandbox, "chat", "Hi", "-m", "anthropic/claude-sonnet-4-6", "-m", "google/gemini-2.5-flash",
               "--no-stream")  # fmt: skip
    assert done.returncode == 0
    assert "google/gemini-2.5-flash via google" in done.stderr
    reply = run_json(ccapi_sandbox, "chat", "Hi")
    assert reply["object"] == "chat.completion"


def test_speech_writes_an_audio_file(ccapi_sandbox: SandboxServer, tmp_path: Path) -> None:
    target = tmp_path / "hello.wav"
    done = run(ccapi_sandbox, "speech", "Welcome to CCAPI.", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert target.read_bytes()[:4] == b"RIFF"
    assert str(target) in done.stdout


def test_images_generate_saves_pngs(ccapi_sandbox: SandboxServer, tmp_path: Path) -> None:
    result = run_json(ccapi_sandbox, "images", "generate", "a solar farm", "-o", str(tmp_path), "-n", "2",
                      "--size", "64x64")  # fmt: skip
    assert len(result["paths"]) == 2
    assert all(Path(path).read_bytes()[:4] == b"\x89PNG" for path in result["paths"])


def test_multimodal_images_with_an_input_file_and_progress(ccapi_sandbox: SandboxServer, tmp_path: Path) -> None:
    source = tmp_path / "in.png"
    source.write_bytes(base64.b64decode(TINY_PNG))
    done = run(ccapi_sandbox, "images", "multimodal", "Make it a watercolor", "-i", str(source),
               "-o", str(tmp_path / "out"), "--aspect-ratio", "16:9")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "completed" in done.stderr  # the progress bar's last state
    (saved,) = (tmp_path / "out").iterdir()
    assert saved.read_bytes()[:4] == b"\x89PNG"


def test_jobs_get_and_wait(ccapi_sandbox: SandboxServer, tmp_path: Path) -> None:
    with ccapi.CCAPI(api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url) as client:
        job_id = client.images.generate_multimodal(model="imaginepro/nano-banana", contents=[{"text": "x"}]).id
    assert job_id in run(ccapi_sandbox, "jobs", "get", job_id).stdout
    waited = run_json(ccapi_sandbox, "jobs", "wait", job_id, "-o", str(tmp_path))
    assert waited["result"]["status"] == "completed"
    assert Path(waited["paths"][0]).is_file()


@pytest.mark.parametrize(
    ("args", "faults", "code", "words"),
    [
        (("providers", "show", "nobody"), None, 8, "nobody"),
        (("chat", "Hi", "-m", "openai/dall-e-3"), None, 7, "image model"),
        (("chat", "Hi", "-m", "acme/nothing"), None, 8, "acme/nothing"),
        (("chat", "Hi"), Faults(error_status=402, error_count=5), 9, "top up"),
        (("chat", "Hi", "--no-stream"), Faults(rate_limit_first=10, retry_after=0), 10, "slow down"),
        (("models", "list"), Faults(error_status=503, error_count=10), 11, "try again later"),
        (("jobs", "wait", "job_x"), None, 8, "job_x"),
    ],
)
def test_errors_print_one_line_and_exit_with_their_own_code(
    ccapi_sandbox: SandboxServer, args: tuple[str, ...], faults: Faults | None, code: int, words: str
) -> None:
    if faults is not None:
        ccapi_sandbox.config.faults = faults
    done = run(ccapi_sandbox, *args)
    assert done.returncode == code, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error:")
    assert words in lines[0]
    assert ccapi_sandbox.api_key not in done.stderr + done.stdout


def test_a_wrong_key_is_exit_6_and_never_printed(ccapi_sandbox: SandboxServer) -> None:
    done = run(ccapi_sandbox, "models", "list", key="sk-wrong-secret")
    assert done.returncode == 6
    assert "sk-wrong-secret" not in done.stderr + done.stdout
    assert "API key" in done.stderr


def test_no_key_is_exit_3_with_advice_in_the_command_line_s_own_terms() -> None:
    done = run(None, "models", "list")
    assert done.returncode == 3
    (line,) = done.stderr.strip().splitlines()
    assert "CCAPI_API_KEY" in line
    assert "--api-key" in line
    assert "ccapi sandbox" in line
    assert "api_key=" not in line  # the library's way, not the command line's


def test_an_unreachable_server_is_exit_4() -> None:
    done = run(None, "--base-url", "http://127.0.0.1:9/v1", "--api-key", "k", "models", "list")
    assert done.returncode == 4
    assert "base-url" in done.stderr


def test_command_line_options_override_the_environment(ccapi_sandbox: SandboxServer) -> None:
    env_broken = run(ccapi_sandbox, "--base-url", ccapi_sandbox.base_url, "--api-key", ccapi_sandbox.api_key,
                     "providers", "list", key="sk-wrong")  # fmt: skip
    assert env_broken.returncode == 0


@pytest.mark.parametrize(
    ("args", "words"),
    [(("models", "list", "--sort", "nonsense"), "ccapi models list --help"), (("nonsense",), "ccapi --help"),
     (("models", "lst"), "Did you mean 'list'?"), (("chat",), "Missing argument")],
)  # fmt: skip
def test_usage_errors_are_one_line_and_exit_2(args: tuple[str, ...], words: str) -> None:
    done = run(None, *args)
    assert done.returncode == 2
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("error:")
    assert words in line


def test_an_unknown_model_type_is_named_not_an_empty_table(ccapi_sandbox: SandboxServer) -> None:
    done = run(ccapi_sandbox, "models", "list", "--type", "banana")
    assert done.returncode == 2
    assert "banana" in done.stderr
    assert "audio, image, text, video" in done.stderr
    assert run(ccapi_sandbox, "models", "list", "--type", "video").returncode == 0


def test_ccapi_sandbox_help_is_styled_as_every_other_command() -> None:
    done = run(None, "sandbox", "--help")
    assert done.returncode == 0
    assert done.stdout.startswith("Usage: ccapi sandbox [OPTIONS]")
    assert "--port" in done.stdout
    assert "--job-duration" in done.stdout


def test_ctrl_c_while_waiting_for_a_job_prints_the_command_that_resumes_it(
    ccapi_sandbox: SandboxServer, tmp_path: Path
) -> None:
    import signal
    import time

    ccapi_sandbox.config.job_duration = 3
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCAPI_")}
    env |= {"CCAPI_BASE_URL": ccapi_sandbox.base_url, "CCAPI_API_KEY": ccapi_sandbox.api_key}
    output = tmp_path / "out"
    before = len(ccapi_sandbox.received)
    # Ctrl-C's default disposition in the command, as in a terminal, even where this suite runs with SIGINT ignored
    # (a background job, nohup, some CI runners): an ignored signal stays ignored across exec.
    waiting = subprocess.Popen(
        [CCAPI, "images", "multimodal", "A fox", "-o", str(output)], env=env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while not any(request.method == "POST" for request in ccapi_sandbox.received[before:]):
        assert time.monotonic() < deadline, "the command never started its job"
        time.sleep(0.05)
    time.sleep(0.5)  # the job has started; the command is waiting for it
    waiting.send_signal(signal.SIGINT)
    _, stderr = waiting.communicate(timeout=30)
    assert waiting.returncode == 130, stderr
    resume = stderr.split("Resume with: ", 1)[1].strip()
    assert resume.startswith("ccapi jobs wait job_")
    resumed = run(ccapi_sandbox, *resume.split()[1:])
    assert resumed.returncode == 0, resumed.stderr
    assert (output / f"{resume.split()[3]}-0.png").is_file()  # the resumed wait saves where the first would have


def test_a_failed_job_is_exit_12_and_a_late_one_exit_13(ccapi_sandbox: SandboxServer, tmp_path: Path) -> None:
    ccapi_sandbox.config.faults = Faults(fail_jobs=True)
    failed = run(ccapi_sandbox, "images", "multimodal", "x", "-o", str(tmp_path), "--json")
    assert failed.returncode == 12
    assert "could not generate" in failed.stderr
    ccapi_sandbox.config.faults = Faults(jobs_never_finish=True)
    late = run(ccapi_sandbox, "images", "multimodal", "x", "-o", str(tmp_path), "--wait-timeout", "0.5", "--json")
    assert late.returncode == 13
    assert "ccapi jobs wait" in late.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_slow_server_is_exit_5(ccapi_sandbox: SandboxServer) -> None:
    ccapi_sandbox.config.faults = Faults(latency=2.0)
    done = run(ccapi_sandbox, "--timeout", "0.3", "providers", "list")
    assert done.returncode == 5
    assert "in time" in done.stderr


def test_ccapi_sandbox_serves_until_stopped() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCAPI_")}
    server = subprocess.Popen([CCAPI, "sandbox", "--port", "0"], env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        listening = server.stdout.readline()
        exports = server.stdout.readline()
        base_url = listening.rsplit(" ", 1)[1].strip()
        assert exports.strip() == f"export CCAPI_BASE_URL={base_url} CCAPI_API_KEY=sk-ccapi-sandbox"
        with ccapi.CCAPI(api_key="sk-ccapi-sandbox", base_url=base_url) as client:
            assert client.providers.retrieve("openai").name == "openai"
    finally:
        server.terminate()
        assert server.wait(timeout=15) == 0  # SIGTERM is a clean stop
        if server.stdout is not None:
            server.stdout.close()


def test_a_table_into_a_pipe_keeps_each_id_whole_on_its_line(ccapi_sandbox: SandboxServer) -> None:
    listed = run(ccapi_sandbox, "models", "list")
    lines = listed.stdout.splitlines()
    assert lines[0].split("\t")[0] == "id"
    ids = [line.split("\t")[0] for line in lines[1:]]
    assert "anthropic/claude-sonnet-4-6" in ids  # `ccapi models list | grep` finds it, unbroken
    assert all("/" in model_id for model_id in ids)


def test_speech_refuses_a_file_name_of_another_format(ccapi_sandbox: SandboxServer, tmp_path: Path) -> None:
    target = tmp_path / "x.flac"
    done = run(ccapi_sandbox, "speech", "hi", "-o", str(target))
    assert done.returncode == 2
    assert "mp3, ogg, wav" in done.stderr or "mp3, wav, ogg" in done.stderr
    assert not target.exists()
    forced = run(ccapi_sandbox, "speech", "hi", "-o", str(tmp_path / "x.audio"), "--format", "wav")
    assert forced.returncode == 0, forced.stderr


def test_a_base_url_without_v1_gets_a_hint_that_names_it(ccapi_sandbox: SandboxServer) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCAPI_")}
    root = ccapi_sandbox.base_url.removesuffix("/v1")
    done = subprocess.run(
        [CCAPI, "--base-url", root, "--api-key", ccapi_sandbox.api_key, "models", "list"],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 8
    assert "/v1" in done.stderr.splitlines()[0]


def test_a_busy_port_gets_a_hint_about_port(ccapi_sandbox: SandboxServer) -> None:
    port = ccapi_sandbox.base_url.split(":")[2].split("/")[0]
    done = run(None, "sandbox", "--port", port)
    assert done.returncode != 0
    assert "--port" in done.stderr


def test_models_sorted_by_price_show_prices_cheapest_first(ccapi_sandbox: SandboxServer) -> None:
    found = run_json(ccapi_sandbox, "models", "list", "--sort", "price", "--type", "text")
    inputs = [model["ccapi"]["pricing"]["input_cost_per_million"] for model in found]
    assert len(inputs) > 2
    assert inputs == sorted(inputs)
    dearest = run_json(ccapi_sandbox, "models", "list", "--sort", "price", "--order", "desc", "--limit", "1")
    assert dearest[0]["id"] != found[0]["id"]
    table = run(ccapi_sandbox, "models", "list", "--sort", "price", "--type", "text")
    first = table.stdout.splitlines()[1].split("\t")
    assert first[0] == found[0]["id"]
    assert "per 1M" in first[3]


def test_chat_cost_prints_what_the_call_cost(ccapi_sandbox: SandboxServer) -> None:
    with ccapi.CCAPI(api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url) as client:
        reply = client.chat.completions.create(model="openai/gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}])
        expected = client.cost_of(reply)
    streamed = run(ccapi_sandbox, "chat", "Hi", "--cost")
    assert streamed.returncode == 0, streamed.stderr
    assert f"cost {expected:f}" in streamed.stderr
    whole = run_json(ccapi_sandbox, "chat", "Hi", "--cost")
    assert whole["cost"] == f"{expected}"
    assert whole["completion"]["choices"][0]["message"]["content"]
