"""The API key appears nowhere: provoke every error path with every logger at DEBUG, then search the messages, the
exception chains, the tracebacks, the reprs and the log records for it."""

from __future__ import annotations

import asyncio
import json
import logging
import subprocess
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

import ccapi
import httpx
import pytest
from ccapi.testing import Faults, SandboxServer

from tools.ports import free_port

SECRET = "sk-ccapi-the-secret-0f1e2d3c4b5a"
HELLO = [{"role": "user", "content": "Hi"}]
MODEL = "openai/gpt-4o-mini"


def _chain(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending += [current.__cause__, current.__context__]


def _leaks(error: BaseException) -> list[str]:
    texts = [repr(error), "".join(traceback.format_exception(error))]
    for link in _chain(error):
        texts += [str(link), repr(link), repr(getattr(link, "request", None)), repr(vars(link))]
    return [text for text in texts if SECRET in text]


@pytest.fixture
def everything_logged(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    with caplog.at_level(logging.DEBUG):  # the root logger: ccapi, httpx, httpcore, uvicorn, everything
        for name in ("ccapi", "httpx", "httpcore"):
            logging.getLogger(name).setLevel(logging.DEBUG)
        yield caplog


def _provocations(sandbox: SandboxServer, opened: list[ccapi.CCAPI]) -> dict[str, Callable[[], object]]:
    def client(key: str = SECRET, base_url: str = sandbox.base_url, **options: object) -> ccapi.CCAPI:
        made = ccapi.CCAPI(api_key=key, base_url=base_url, **options)  # type: ignore[arg-type]
        opened.append(made)  # closed by the test, not left to the garbage collector
        return made

    def with_faults(faults: Faults, call: Callable[[ccapi.CCAPI], object], **options: object) -> Callable[[], object]:
        def run() -> object:
            sandbox.config.faults = faults
            try:
                with client(**options) as sdk:
                    return call(sdk)
            finally:
                sandbox.config.faults = Faults()

        return run

    refused = f"http://127.0.0.1:{free_port()}/v1"
    return {
        "wrong key (401)": lambda: client(SECRET + "x").models.list(),
        "refused connection": lambda: client(base_url=refused, max_retries=1).models.list(),
        "rate limited": with_faults(
            Faults(rate_limit_first=5, retry_after=0), lambda sdk: sdk.models.list(), max_retries=1
        ),
        "server errors": with_faults(Faults(error_count=5), lambda sdk: sdk.models.list(), max_retries=1),
        "bad request": lambda: client().chat.completions.create(model="openai/no-such-model", messages=HELLO),
        "not found": lambda: client().providers.retrieve("nobody"),
        "stalled stream": with_faults(
            Faults(stall_stream_after=1, stall_seconds=3),
            lambda sdk: list(sdk.chat.completions.create(model=MODEL, messages=HELLO, stream=True)),
            timeout=httpx.Timeout(0.5, connect=2.0),
        ),
        "dropped stream": with_faults(
            Faults(drop_stream_after=1),
            lambda sdk: list(sdk.chat.completions.create(model=MODEL, messages=HELLO, stream=True)),
        ),
        "key with a newline": lambda: client(SECRET + "\n"),
        "low-level path elsewhere": lambda: client().get("https://elsewhere.example/" + SECRET[:5]),
    }


def test_no_error_path_shows_the_key(ccapi_sandbox: SandboxServer, everything_logged: pytest.LogCaptureFixture) -> None:
    found: dict[str, list[str]] = {}
    provoked, opened = 0, []
    provocations = _provocations(ccapi_sandbox, opened)
    for name, provoke in provocations.items():
        try:
            provoke()
        except (ccapi.CCAPIError, ValueError, TypeError) as error:
            provoked += 1
            if _leaks(error):
                found[name] = _leaks(error)
    for client in opened:
        client.close()
    assert provoked == len(provocations)  # every path really failed
    logged = [record.getMessage() + repr(record.args) for record in everything_logged.records]
    assert len(logged) > 10  # httpcore and ccapi did log at DEBUG
    assert [line for line in logged if SECRET in line] == []
    assert found == {}


def test_the_async_paths_show_no_key(ccapi_sandbox: SandboxServer, everything_logged: pytest.LogCaptureFixture) -> None:
    async def run() -> list[BaseException]:
        errors: list[BaseException] = []
        async with ccapi.AsyncCCAPI(api_key=SECRET + "x", base_url=ccapi_sandbox.base_url) as wrong:
            try:
                await wrong.models.list()
            except ccapi.AuthenticationError as error:
                errors.append(error)
        refused = f"http://127.0.0.1:{free_port()}/v1"
        async with ccapi.AsyncCCAPI(api_key=SECRET, base_url=refused, max_retries=0) as nowhere:
            try:
                await nowhere.chat.completions.create(model=MODEL, messages=HELLO)
            except ccapi.APIConnectionError as error:
                errors.append(error)
        return errors

    errors = asyncio.run(run())
    assert len(errors) == 2
    assert [leak for error in errors for leak in _leaks(error)] == []
    assert [r for r in everything_logged.records if SECRET in r.getMessage() + repr(r.args)] == []


def test_reprs_show_no_key() -> None:
    with ccapi.CCAPI(api_key=SECRET) as client:
        shown = [repr(client), repr(client._settings), repr(client.with_options(timeout=2)), repr(client.chat)]
    assert all(SECRET not in text for text in shown)


def test_the_command_line_shows_no_key(ccapi_sandbox: SandboxServer, tmp_path: Path) -> None:
    ccapi_command = str(Path(sys.executable).with_name("ccapi"))
    for key in (SECRET + "x", SECRET + "\n"):
        done = subprocess.run(
            [ccapi_command, "--base-url", ccapi_sandbox.base_url, "--api-key", key, "models", "list"],
            capture_output=True, text=True, env={"CCAPI_LOG": "debug", "PATH": ""}, cwd=tmp_path, check=False,
        )  # fmt: skip
        assert done.returncode != 0
        assert SECRET not in done.stdout + done.stderr


@pytest.mark.parametrize("stream", [False, True], ids=["error status", "error event"])
def test_a_server_that_echoes_the_key_does_not_get_it_shown(stream: bool) -> None:
    echoed = {"message": f"the key {SECRET} is revoked", "type": "authentication_error", "details": {"key": SECRET}}

    def answer(request: httpx.Request) -> httpx.Response:
        assert request.headers["authorization"] == f"Bearer {SECRET}"
        if stream:
            event = f"data: {json.dumps({'error': echoed})}\n\n"
            return httpx.Response(200, content=event.encode(), headers={"Content-Type": "text/event-stream"})
        return httpx.Response(401, json={"error": echoed})

    def call(client: ccapi.CCAPI) -> object:
        if stream:
            return list(client.chat.completions.create(model=MODEL, messages=HELLO, stream=True))
        return client.chat.completions.create(model=MODEL, messages=HELLO)

    http = httpx.Client(transport=httpx.MockTransport(answer))
    with (
        ccapi.CCAPI(api_key=SECRET, base_url="https://gateway.test/v1", http_client=http) as client,
        pytest.raises(ccapi.AuthenticationError) as caught,
    ):
        call(client)
    error = caught.value
    assert "[redacted]" in str(error)
    assert error.message == "the key [redacted] is revoked"
    assert error.details == {"key": "[redacted]"}
    assert _leaks(error) == []


@pytest.mark.parametrize(
    "base_url",
    ["http://user:hunter2pass@127.0.0.1:1/v1", "https://hunter2pass@api.example/v1", "http://u:hunter2pass@h"],
)
def test_a_base_url_with_credentials_is_refused_without_showing_them(base_url: str) -> None:
    # httpx would send `user:pass@` as Basic auth in place of the key, and every message naming the URL (a
    # connection error, a log line, the client's repr) would carry the password.
    for make in (ccapi.CCAPI, ccapi.AsyncCCAPI):
        with pytest.raises(ValueError, match="base_url must not carry credentials") as refused:
            make(api_key="sk-secret", base_url=base_url)
        assert "hunter2pass" not in "".join(traceback.format_exception(refused.value))


def test_a_key_echoed_in_a_response_header_is_redacted_from_the_errors_headers() -> None:
    # As the TypeScript client does: whoever logs `error.headers` must not log the key a server echoed there.
    def answer(request: httpx.Request) -> httpx.Response:
        echo = {"X-Echo": request.headers["authorization"], "X-Request-Id": "req_1"}
        return httpx.Response(400, json={"error": {"message": "no"}}, headers=echo)

    http = httpx.Client(transport=httpx.MockTransport(answer))
    with (
        ccapi.CCAPI(api_key=SECRET, base_url="https://gateway.test/v1", http_client=http) as client,
        pytest.raises(ccapi.BadRequestError) as caught,
    ):
        client.chat.completions.create(model=MODEL, messages=HELLO)
    assert caught.value.headers["x-echo"] == "Bearer [redacted]"
    assert caught.value.request_id == "req_1"
    assert SECRET not in repr(dict(caught.value.headers))
