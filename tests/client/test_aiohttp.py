"""AsyncCCAPI over aiohttp (`ccapi.DefaultAioHttpClient`) behaves as over httpx: results, streams, retries, and every
failure a typed error in time, against the sandbox and against servers that break HTTP, on real loopback sockets."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import ccapi
import httpx
import pytest
from ccapi.testing import Faults, SandboxServer

HELLO = [{"role": "user", "content": "Hi"}]
MODEL = "openai/gpt-4o-mini"


@asynccontextmanager
async def _client(base_url: str, api_key: str = "sk-test", **options: Any) -> AsyncIterator[ccapi.AsyncCCAPI]:
    # An httpx client the caller passes in is the caller's to close, aiohttp's as any other.
    async with (
        ccapi.DefaultAioHttpClient() as http,
        ccapi.AsyncCCAPI(api_key=api_key, base_url=base_url, http_client=http, **options) as client,
    ):
        yield client


def test_calls_streams_and_pages_come_back_as_over_httpx(ccapi_sandbox: SandboxServer) -> None:
    async def run() -> None:
        async with _client(ccapi_sandbox.base_url, ccapi_sandbox.api_key) as client:
            reply = await client.chat.completions.create(model=MODEL, messages=HELLO)  # type: ignore[arg-type]
            assert reply.choices[0].message.content
            assert reply._request_id
            async with await client.chat.completions.create(model=MODEL, messages=HELLO, stream=True) as stream:  # type: ignore[arg-type]
                streamed = await stream.final_completion()
            assert streamed.choices[0].message.content == reply.choices[0].message.content
            models = [model.id async for model in client.models.list()]
            assert MODEL in models
            with pytest.raises(ccapi.NotFoundError):
                await client.chat.completions.create(model="nobody/nothing", messages=HELLO)  # type: ignore[arg-type]

    asyncio.run(run())


def test_retries_keep_one_idempotency_key_and_faults_end_in_typed_errors(ccapi_sandbox: SandboxServer) -> None:
    policy = ccapi.RetryPolicy(max_retries=2, initial_delay=0.0, max_delay=0.0)

    async def run() -> None:
        timeout = httpx.Timeout(0.5, connect=2)
        async with _client(
            ccapi_sandbox.base_url, ccapi_sandbox.api_key, retry_policy=policy, timeout=timeout
        ) as client:
            ccapi_sandbox.config.faults = Faults(error_count=1, error_status=503)
            before = len(ccapi_sandbox.received)
            await client.chat.completions.create(model=MODEL, messages=HELLO)  # type: ignore[arg-type]
            keys = {request.idempotency_key for request in ccapi_sandbox.received[before:]}
            assert len(ccapi_sandbox.received) - before == 2
            assert len(keys) == 1

            ccapi_sandbox.config.faults = Faults(drop_stream_after=2)
            with pytest.raises(ccapi.APIConnectionError):
                async with await client.chat.completions.create(model=MODEL, messages=HELLO, stream=True) as stream:  # type: ignore[arg-type]
                    await stream.final_completion()

            ccapi_sandbox.config.faults = Faults(stall_stream_after=1, stall_seconds=5)
            with pytest.raises(ccapi.APITimeoutError):
                async with await client.chat.completions.create(model=MODEL, messages=HELLO, stream=True) as stream:  # type: ignore[arg-type]
                    await asyncio.wait_for(stream.final_completion(), timeout=4)

            ccapi_sandbox.config.faults = Faults()
            replies = await asyncio.gather(
                *(client.chat.completions.create(model=MODEL, messages=HELLO) for _ in range(64))  # type: ignore[arg-type]
            )
            assert len({reply.id for reply in replies}) == 64

    asyncio.run(run())


async def _serve(
    answer: Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]],
) -> tuple[asyncio.Server, str]:
    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    return server, f"http://127.0.0.1:{port}/v1"


async def _garbage(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.readuntil(b"\r\n\r\n")
    writer.write(b"NOT HTTP AT ALL\r\n\r\n")
    await writer.drain()
    writer.close()


async def _hang_up(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.readuntil(b"\r\n\r\n")
    writer.close()


async def _short_body(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.readuntil(b"\r\n\r\n")
    writer.write(b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"id":')
    await writer.drain()
    writer.close()


async def _silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        await asyncio.sleep(10)
    finally:  # cancelled when the test's loop ends
        writer.close()


@pytest.mark.parametrize(
    ("answer", "expected"),
    [(_garbage, ccapi.APIConnectionError), (_hang_up, ccapi.APIConnectionError),
     (_short_body, ccapi.APIConnectionError), (_silent, ccapi.APITimeoutError)],
)  # fmt: skip
def test_a_server_that_breaks_http_gives_a_typed_error_in_time(
    answer: Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]], expected: type[Exception]
) -> None:
    async def run() -> BaseException:
        server, base_url = await _serve(answer)
        async with server, _client(base_url, max_retries=0, timeout=httpx.Timeout(0.5, connect=2)) as client:
            try:
                await asyncio.wait_for(client.chat.completions.create(model=MODEL, messages=HELLO), timeout=5)  # type: ignore[arg-type]
            except ccapi.CCAPIError as error:
                return error
            raise AssertionError("no error")

    error = asyncio.run(run())
    assert type(error) is expected or isinstance(error, expected)
    assert "sk-test" not in str(error)


def test_nothing_listening_is_a_connection_error() -> None:
    from tools.ports import free_port

    async def run() -> None:
        async with _client(f"http://127.0.0.1:{free_port()}/v1", max_retries=0) as client:
            with pytest.raises(ccapi.APIConnectionError) as caught:
                await client.models.list()
            assert not isinstance(caught.value, ccapi.APITimeoutError)

    asyncio.run(run())


def test_without_the_extra_the_error_says_what_to_install() -> None:
    program = "import sys; sys.modules['httpx_aiohttp'] = None\nimport ccapi\nccapi.DefaultAioHttpClient"
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "pip install 'ccapi-sdk[aiohttp]'" in result.stderr
