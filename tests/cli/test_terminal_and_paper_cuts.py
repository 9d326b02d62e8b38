"""The command line never lets a server drive the terminal, and does what a new user expects of it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import ccapi
import pytest
from ccapi.testing import SandboxConfig, SandboxServer

from .test_commands import CCAPI, run

KEY = "sk-cli-terminal-secret-0123456789"
HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x1b[31mred[/]\x1b[0m [bold]loud[/bold] [link=https://evil.example]x[/link]\r"


class _Hostile(BaseHTTPRequestHandler):
    """A server whose every text carries escape sequences, control characters and rich markup."""

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, body: dict[str, object], content_type: str = "application/json") -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        request = json.loads(self.rfile.read(length) or b"{}")
        if request.get("model") == "openai/refused":
            key = self.headers.get("Authorization", "").removeprefix("Bearer ")
            error = {"message": f"key {key} refused {HOSTILE}", "type": "invalid_request_error", "code": None}
            self._send(400, {"error": error})
            return
        message = {"role": "assistant", "content": f"answer {HOSTILE} end"}
        self._send(
            200,
            {
                "id": "chatcmpl_1",
                "object": "chat.completion",
                "created": 1,
                "model": f"openai/m{HOSTILE}",
                "provider": f"p{HOSTILE}",
                "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            },
        )


@pytest.fixture
def hostile() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()


def _run_against(base_url: str, *args: str, tty: bool = False) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCAPI_")}
    env.update(CCAPI_BASE_URL=base_url, CCAPI_API_KEY=KEY, COLUMNS="200")
    if tty:
        env["FORCE_COLOR"] = "1"  # rich renders markup and styles as on a terminal
    return subprocess.run([CCAPI, *args], env=env, capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.parametrize("tty", [False, True], ids=["pipe", "terminal"])
def test_no_server_text_drives_the_terminal(hostile: str, tty: bool) -> None:
    answered = _run_against(hostile, "chat", "--no-stream", "hi", tty=tty)
    refused = _run_against(hostile, "chat", "--no-stream", "-m", "openai/refused", "hi", tty=tty)
    assert answered.returncode == 0, answered.stderr
    assert refused.returncode == 7
    for text in (answered.stdout, answered.stderr, refused.stderr):
        without_our_styles = re.sub(r"\x1b\[[0-9;]*m", "", text) if tty else text
        assert "\x1b" not in without_our_styles
        assert "\x07" not in text
        assert "\r" not in text
    # Markup the server sent is shown as the text it is, never applied (or swallowed).
    assert "[bold]loud[/bold]" in answered.stdout
    assert "[bold]loud[/bold]" in refused.stderr
    assert "[link=https://evil.example]x[/link]" in refused.stderr
    assert "[bold]loud[/bold]" in answered.stderr  # the model and provider it names
    # The key the server echoed is redacted, and the marker itself survives.
    assert KEY not in refused.stderr
    assert "key [redacted] refused" in refused.stderr


def test_a_model_id_with_brackets_is_reported_as_typed(ccapi_sandbox: SandboxServer) -> None:
    done = run(ccapi_sandbox, "chat", "-m", "openai/gpt[red]-9", "hi")
    assert done.returncode == 8
    assert "openai/gpt[red]-9" in done.stderr


def test_chat_dash_reads_the_prompt_from_standard_input(ccapi_sandbox: SandboxServer) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCAPI_")}
    env.update(CCAPI_BASE_URL=ccapi_sandbox.base_url, CCAPI_API_KEY=ccapi_sandbox.api_key)
    for args in (("chat", "-"), ("chat", "--no-stream", "-")):
        done = subprocess.run(
            [CCAPI, *args], input="a question from a pipe\n", env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        assert "You said: a question from a pipe" in done.stdout
    empty = subprocess.run([CCAPI, "chat", "-"], input="", env=env, capture_output=True, text=True, timeout=60)
    assert empty.returncode == 2
    assert "standard input" in empty.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("images", "generate", "-o", "{blocked}/nope", "x"),
        ("images", "multimodal", "-o", "{blocked}/nope", "x"),
        ("speech", "-o", "{blocked}/nope/a.mp3", "x"),
    ],
)
def test_an_output_that_cannot_be_written_is_refused_before_any_request(
    ccapi_sandbox: SandboxServer, tmp_path: Path, args: tuple[str, ...]
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("in the way")  # a folder cannot be made inside a file, as root or not
    before = len(ccapi_sandbox.received)
    done = run(ccapi_sandbox, *(arg.format(blocked=blocked) for arg in args))
    assert done.returncode == 2, done.stderr
    assert "--output" in done.stderr
    assert "unexpected" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert len(ccapi_sandbox.received) == before  # nothing asked, nothing paid for


def test_a_resumed_wait_reports_the_job_s_true_age(ccapi_sandbox: SandboxServer) -> None:
    ccapi_sandbox.reset(SandboxConfig(api_key=ccapi_sandbox.api_key, job_duration=3.0))
    with ccapi.CCAPI(api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url) as client:
        job = client.images.generate_multimodal(model="imaginepro/nano-banana", contents=[{"text": "x"}])
    time.sleep(1.5)
    done = run(ccapi_sandbox, "jobs", "wait", job.id)
    assert done.returncode == 0, done.stderr
    found = re.search(r"completed after ([0-9.]+)s", done.stderr)
    assert found is not None, done.stderr
    assert 2.9 <= float(found.group(1)) < 10


def test_an_unknown_log_level_is_refused(ccapi_sandbox: SandboxServer) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCAPI_")}
    env.update(CCAPI_BASE_URL=ccapi_sandbox.base_url, CCAPI_API_KEY=ccapi_sandbox.api_key, CCAPI_LOG="verbose")
    done = subprocess.run([CCAPI, "models", "list"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "CCAPI_LOG='verbose'" in done.stderr
    assert "info, debug" in done.stderr


def test_the_library_warns_of_an_unknown_log_level() -> None:
    code = (
        "import warnings, ccapi; warnings.simplefilter('error')\n"
        "try:\n    ccapi.CCAPI(api_key='k', base_url='http://127.0.0.1:9/v1')\n"
        "except RuntimeWarning as w:\n    print('warned:', w)\n"
    )
    env = {**os.environ, "CCAPI_LOG": "verbose"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert "warned: CCAPI_LOG='verbose'" in done.stdout, done.stderr


def test_chat_cost_names_the_currency(ccapi_sandbox: SandboxServer) -> None:
    for args in (("chat", "Hi", "--cost"), ("chat", "Hi", "--cost", "--no-stream")):
        done = run(ccapi_sandbox, *args)
        assert done.returncode == 0, done.stderr
        assert re.search(r"cost [0-9.]+ USD \(at the catalog's prices\)", done.stderr), done.stderr


def test_python_dash_m_ccapi_is_the_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ccapi", "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith(f"ccapi {ccapi.__version__}")
