"""Benchmarks: what ccapi costs next to the same work written by hand with httpx, and next to the openai package
when it is installed. Run with `nox -s bench` (`-- --quick` for a smoke run).

Prints one table: each measure for raw httpx, ccapi and openai side by side, with ratios to raw. Nothing here
asserts a time. Implementations alternate within each round, and each figure is the median of its rounds, so that
a slow moment of the machine hits all of them alike and one slow round decides nothing.

- import: a fresh interpreter importing the package and making its first client and first resource (bytecode
  compiled first, as an installed wheel has it).
- in memory: an in-process transport answering a recorded sandbox reply, so the server costs nothing and what is
  left is the client's own work.
- loopback: the sandbox in its own process on a real socket.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import ccapi
import httpx
from httpx_sse import EventSource

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tools/
from tools.ports import free_port, wait_until_listening

KEY = "sk-ccapi-bench"
MODEL = "openai/gpt-4o-mini"
MESSAGES = [{"role": "user", "content": "Outline a launch plan for CCAPI."}]
CHAT = {"model": MODEL, "messages": MESSAGES}
MEMORY_URL = "http://memory.test/v1"
HAS_OPENAI = importlib.util.find_spec("openai") is not None
HAS_AIOHTTP = importlib.util.find_spec("httpx_aiohttp") is not None and hasattr(ccapi, "DefaultAioHttpClient")
# ccapi's own httpx clients; plain httpx's where a version predates them, so that before/after figures come from
# this same script.
SyncHttp = getattr(ccapi, "DefaultHttpxClient", httpx.Client)
AsyncHttp = getattr(ccapi, "DefaultAsyncHttpxClient", httpx.AsyncClient)

Row = dict[str, float]  # implementation -> seconds (or another unit the row names)


# -- running things -----------------------------------------------------------------------------------------------


def _median_rounds(runs: dict[str, Callable[[], float]], rounds: int) -> Row:
    """Each implementation's median over `rounds` rounds; within a round they run one after the other."""
    samples: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            samples[name].append(run())
    return {name: statistics.median(values) for name, values in samples.items()}


def _per_call(call: Callable[[], object], calls: int) -> Callable[[], float]:
    """A round: seconds per call over `calls` calls."""

    def run() -> float:
        started = time.perf_counter()
        for _ in range(calls):
            call()
        return (time.perf_counter() - started) / calls

    for _ in range(max(calls // 10, 5)):  # warm up: connections, caches, lazy imports
        call()
    return run


def _per_async_call(
    call: Callable[[], Awaitable[object]], calls: int, concurrency: int, loop: asyncio.AbstractEventLoop
) -> Callable[[], float]:
    """A round: seconds per call over `calls` calls made by `concurrency` tasks at once, on the measure's loop."""

    async def worker(count: int) -> None:
        for _ in range(count):
            await call()

    async def many(total: int) -> None:
        share, extra = divmod(total, concurrency)
        await asyncio.gather(*(worker(share + (index < extra)) for index in range(concurrency)))

    def run() -> float:
        started = time.perf_counter()
        loop.run_until_complete(many(calls))
        return (time.perf_counter() - started) / calls

    loop.run_until_complete(many(concurrency * 2))  # warm up: open the connections
    return run


@contextmanager
def _sandbox(*options: str) -> Iterator[str]:
    """A sandbox in its own process, so that serving does not share this process's interpreter lock."""
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 (this interpreter, our module)
        [sys.executable, "-m", "ccapi.testing", "--port", str(port), "--api-key", KEY, *options],
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_until_listening(port, server)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _recorded(base_url: str, stream: bool = False) -> bytes:
    body = {**CHAT, "stream": True} if stream else CHAT
    headers = {"Authorization": f"Bearer {KEY}"}
    return httpx.post(f"{base_url}/chat/completions", json=body, headers=headers, timeout=60).content


# -- the three implementations --------------------------------------------------------------------------------------

BODY = json.dumps(CHAT).encode()
JSON_HEADERS = {"Content-Type": "application/json"}


def _raw_call(client: httpx.Client, base_url: str) -> Callable[[], object]:
    """What a careful hand-written call does: post the JSON, check the status, parse the body."""

    def call() -> object:
        try:
            response = client.post(f"{base_url}/chat/completions", content=BODY, headers=JSON_HEADERS)
        except (httpx.ReadError, httpx.RemoteProtocolError):  # a kept-alive connection the server had closed
            response = client.post(f"{base_url}/chat/completions", content=BODY, headers=JSON_HEADERS)
        response.raise_for_status()
        return response.json()

    return call


def _raw_async_call(client: httpx.AsyncClient, base_url: str) -> Callable[[], Awaitable[object]]:
    async def call() -> object:
        try:
            response = await client.post(f"{base_url}/chat/completions", content=BODY, headers=JSON_HEADERS)
        except (httpx.ReadError, httpx.RemoteProtocolError):  # a kept-alive connection the server had closed
            response = await client.post(f"{base_url}/chat/completions", content=BODY, headers=JSON_HEADERS)
        response.raise_for_status()
        return response.json()

    return call


def _raw_chunks(response: httpx.Response) -> int:
    """Per event: httpx-sse to split, json.loads to decode."""
    count = 0
    for event in EventSource(response).iter_sse():
        if event.data == "[DONE]":
            break
        json.loads(event.data)
        count += 1
    return count


def _openai_memory(reply: bytes, content_type: str = "application/json") -> tuple[Any, Any]:
    """The openai package's sync and async clients on an in-memory transport of its own httpx (httpx2)."""
    import httpx2  # type: ignore[import-not-found]
    import openai  # type: ignore[import-not-found]

    def answer(request: Any) -> Any:
        return httpx2.Response(200, content=reply, headers={"Content-Type": content_type, "X-Request-Id": "r"})

    sync = openai.OpenAI(
        api_key=KEY, base_url=MEMORY_URL, http_client=openai.DefaultHttpxClient(transport=httpx2.MockTransport(answer))
    )
    asynchronous = openai.AsyncOpenAI(
        api_key=KEY,
        base_url=MEMORY_URL,
        http_client=openai.DefaultAsyncHttpxClient(transport=httpx2.MockTransport(answer)),
    )
    return sync, asynchronous


# -- the measures -----------------------------------------------------------------------------------------------------


def bench_import(runs: int) -> dict[str, Row]:
    """Milliseconds for a fresh interpreter to import, make the first client and reach its first resource."""
    import ccapi_generated

    # As an installed wheel has it: compiled bytecode, which an editable install may lack.
    for package in (ccapi, ccapi_generated):
        compileall.compile_dir(str(Path(package.__file__).parent), quiet=2)
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}

    def process(code: str) -> Callable[[], float]:
        def run() -> float:
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, env=environment)  # noqa: S603 (this interpreter)
            return (time.perf_counter() - started) * 1000

        run()
        return run

    programs = {
        "raw": process("import httpx; httpx.Client()"),
        "ccapi": process("import ccapi; ccapi.CCAPI(api_key='k').chat.completions"),
    }
    if HAS_OPENAI:
        programs["openai"] = process("import openai; openai.OpenAI(api_key='k').chat.completions")
    baseline = _median_rounds({"python": process("pass")}, runs)["python"]
    return {f"import + first client + resource, ms (python alone {baseline:.0f} ms)": _median_rounds(programs, runs)}


def bench_memory_calls(reply: bytes, calls: int, rounds: int, concurrency: int) -> dict[str, Row]:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=reply, headers={"Content-Type": "application/json", "X-Request-Id": "r"})

    raw = httpx.Client(transport=httpx.MockTransport(answer), headers={"Authorization": f"Bearer {KEY}"})
    sdk = ccapi.CCAPI(api_key=KEY, base_url=MEMORY_URL, http_client=SyncHttp(transport=httpx.MockTransport(answer)))
    runs = {
        "raw": _per_call(_raw_call(raw, MEMORY_URL), calls),
        "ccapi": _per_call(lambda: sdk.chat.completions.create(model=MODEL, messages=MESSAGES), calls),  # type: ignore[arg-type]
    }
    if HAS_OPENAI:
        openai_sync, openai_async = _openai_memory(reply)
        runs["openai"] = _per_call(lambda: openai_sync.chat.completions.create(model=MODEL, messages=MESSAGES), calls)
    sync_row = _median_rounds(runs, rounds)

    loop = asyncio.new_event_loop()
    raw_async = httpx.AsyncClient(transport=httpx.MockTransport(answer), headers={"Authorization": f"Bearer {KEY}"})
    sdk_async = ccapi.AsyncCCAPI(
        api_key=KEY,
        base_url=MEMORY_URL,
        http_client=AsyncHttp(transport=httpx.MockTransport(answer)),
    )
    total = calls * 2
    async_runs = {
        "raw": _per_async_call(_raw_async_call(raw_async, MEMORY_URL), total, concurrency, loop),
        "ccapi": _per_async_call(
            lambda: sdk_async.chat.completions.create(model=MODEL, messages=MESSAGES),  # type: ignore[arg-type]
            total,
            concurrency,
            loop,
        ),
    }
    if HAS_OPENAI:
        async_runs["openai"] = _per_async_call(
            lambda: openai_async.chat.completions.create(model=MODEL, messages=MESSAGES), total, concurrency, loop
        )
    async_row = _median_rounds(async_runs, rounds)
    _close(raw, sdk, *([openai_sync] if HAS_OPENAI else []))
    _close_async(loop, raw_async, sdk_async, *([openai_async] if HAS_OPENAI else []))
    return {
        "in memory: chat call, us": _scaled(sync_row, 1e6),
        f"in memory: async chat call, {concurrency} at a time, us": _scaled(async_row, 1e6),
    }


def bench_memory_stream(recorded: bytes, rounds: int) -> dict[str, Row]:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=recorded, headers={"Content-Type": "text/event-stream"})

    raw = httpx.Client(transport=httpx.MockTransport(answer))
    sdk = ccapi.CCAPI(api_key=KEY, base_url=MEMORY_URL, http_client=SyncHttp(transport=httpx.MockTransport(answer)))

    def per_chunk(read: Callable[[], int]) -> Callable[[], float]:
        def run() -> float:
            started = time.perf_counter()
            count = read()
            return (time.perf_counter() - started) / count

        run()
        return run

    def raw_read() -> int:
        with raw.stream("POST", f"{MEMORY_URL}/chat/completions", content=BODY, headers=JSON_HEADERS) as response:
            return _raw_chunks(response)

    def sdk_read() -> int:
        with sdk.chat.completions.create(model=MODEL, messages=MESSAGES, stream=True) as stream:  # type: ignore[arg-type]
            return sum(1 for _ in stream)

    runs = {"raw": per_chunk(raw_read), "ccapi": per_chunk(sdk_read)}
    if HAS_OPENAI:
        openai_sync, _ = _openai_memory(recorded, "text/event-stream")

        def openai_read() -> int:
            stream = openai_sync.chat.completions.create(model=MODEL, messages=MESSAGES, stream=True)
            with stream:
                return sum(1 for _ in stream)

        runs["openai"] = per_chunk(openai_read)
    row = _median_rounds(runs, rounds)
    _close(raw, sdk, *([openai_sync] if HAS_OPENAI else []))
    return {"in memory: streamed chunk (typed for ccapi/openai), us": _scaled(row, 1e6)}


def bench_loopback(calls: int, rounds: int, concurrency: int) -> dict[str, Row]:
    figures: dict[str, Row] = {}
    with _sandbox() as base_url:
        raw = httpx.Client(headers={"Authorization": f"Bearer {KEY}"})
        sdk = ccapi.CCAPI(api_key=KEY, base_url=base_url)
        row = _median_rounds(
            {
                "raw": _per_call(_raw_call(raw, base_url), calls),
                "ccapi": _per_call(lambda: sdk.chat.completions.create(model=MODEL, messages=MESSAGES), calls),  # type: ignore[arg-type]
            },
            rounds,
        )
        _close(raw, sdk)
        figures["loopback sandbox: chat call, us"] = _scaled(row, 1e6)

        limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
        loop = asyncio.new_event_loop()
        raw_async = httpx.AsyncClient(headers={"Authorization": f"Bearer {KEY}"}, limits=limits)
        sdk_async = ccapi.AsyncCCAPI(api_key=KEY, base_url=base_url, http_client=AsyncHttp(limits=limits))
        clients: list[Any] = [raw_async, sdk_async]
        runs = {
            "raw": _per_async_call(_raw_async_call(raw_async, base_url), calls, concurrency, loop),
            "ccapi": _per_async_call(
                lambda: sdk_async.chat.completions.create(model=MODEL, messages=MESSAGES),  # type: ignore[arg-type]
                calls,
                concurrency,
                loop,
            ),
        }
        if HAS_AIOHTTP:
            aiohttp_http = ccapi.DefaultAioHttpClient()
            aiohttp_client = ccapi.AsyncCCAPI(api_key=KEY, base_url=base_url, http_client=aiohttp_http)
            clients.append(aiohttp_http)  # passed in, so ours to close
            runs["ccapi+aiohttp"] = _per_async_call(
                lambda: aiohttp_client.chat.completions.create(model=MODEL, messages=MESSAGES),  # type: ignore[arg-type]
                calls,
                concurrency,
                loop,
            )
        row = _median_rounds(runs, rounds)
        _close_async(loop, *clients)
        figures[f"loopback sandbox: async calls, {concurrency} at a time, calls/s"] = {
            name: 1 / seconds for name, seconds in row.items()
        }
    return figures


def bench_loopback_stream(chunks: int, rounds: int) -> dict[str, Row]:
    with _sandbox("--stream-chunks", str(chunks)) as base_url:
        raw = httpx.Client(headers={"Authorization": f"Bearer {KEY}"}, timeout=60)
        sdk = ccapi.CCAPI(api_key=KEY, base_url=base_url)

        def raw_read() -> float:
            started = time.perf_counter()
            with raw.stream("POST", f"{base_url}/chat/completions", json={**CHAT, "stream": True}) as response:
                count = _raw_chunks(response)
            return (time.perf_counter() - started) / count

        def sdk_read() -> float:
            started = time.perf_counter()
            with sdk.chat.completions.create(model=MODEL, messages=MESSAGES, stream=True) as stream:  # type: ignore[arg-type]
                count = sum(1 for _ in stream)
            return (time.perf_counter() - started) / count

        row = _median_rounds({"raw": raw_read, "ccapi": sdk_read}, rounds)
        _close(raw, sdk)
    return {f"loopback sandbox: streamed chunk ({chunks} a stream), us": _scaled(row, 1e6)}


def bench_peak_memory(chunks: int, download_bytes: int) -> dict[str, Row]:
    """Peak Python heap (tracemalloc) while reading a long stream and while saving a large download."""
    figures: dict[str, Row] = {}
    with _sandbox("--stream-chunks", str(chunks)) as base_url, ccapi.CCAPI(api_key=KEY, base_url=base_url) as sdk:
        tracemalloc.start()
        with sdk.chat.completions.create(model=MODEL, messages=MESSAGES, stream=True) as stream:  # type: ignore[arg-type]
            count = sum(1 for _ in stream)
        figures[f"peak heap reading a {count}-chunk stream, MB"] = {"ccapi": tracemalloc.get_traced_memory()[1] / 1e6}
        tracemalloc.stop()
        with tempfile.TemporaryDirectory() as folder:
            tracemalloc.start()
            saved = sdk.media.save(f"{base_url}/blobs/{download_bytes}", Path(folder) / "big.bin")
            size, peak = saved.stat().st_size / 1e6, tracemalloc.get_traced_memory()[1] / 1e6
            figures[f"peak heap saving a {size:.0f} MB download, MB"] = {"ccapi": peak}
            tracemalloc.stop()
    return figures


# -- plumbing ---------------------------------------------------------------------------------------------------------


def _scaled(row: Row, factor: float) -> Row:
    return {name: value * factor for name, value in row.items()}


def _close(*clients: Any) -> None:
    for client in clients:
        client.close()


def _close_async(loop: asyncio.AbstractEventLoop, *clients: Any) -> None:
    """Close the clients on the loop they ran on (aiohttp's sessions are bound to it), then the loop."""
    for client in clients:
        close = getattr(client, "aclose", None) or client.close
        loop.run_until_complete(close())
    loop.close()


def _print(figures: dict[str, Row]) -> None:
    if not figures:  # only groups of bench_batch.py were asked for
        return
    columns = ["raw", "ccapi", "ccapi+aiohttp", "openai"]
    columns = [name for name in columns if any(name in row for row in figures.values())]
    width = max(map(len, figures))
    header = f"{'measure':<{width}}  " + "".join(f"{name:>14}" for name in columns)
    header += "".join(f"{name + '/raw':>18}" for name in columns if name != "raw")
    print(header)
    print("-" * len(header))
    for measure, row in figures.items():
        line = f"{measure:<{width}}  " + "".join(
            f"{row[name]:>14.2f}" if name in row else f"{'':>14}" for name in columns
        )
        for name in columns:
            if name != "raw":
                ratio = f"{row[name] / row['raw']:.3f}x" if name in row and "raw" in row else ""
                line += f"{ratio:>18}"
        print(line)
    print("(for calls/s, a ratio above 1 is faster than raw; for us and ms, below 1 is)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer rounds, for a smoke run")
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated groups to run (import, memory, stream, loopback, peak; batch for bench_batch.py); all by "
        "default",
    )
    args = parser.parse_args()
    only = {group.strip() for group in args.only.split(",") if group.strip()}

    def wanted(group: str) -> bool:
        return not only or group in only

    os.environ.pop("CCAPI_LOG", None)
    runs, calls, rounds = (5, 100, 3) if args.quick else (21, 600, 9)
    chunks = 2_000 if args.quick else 10_000
    concurrency = 64
    with _sandbox("--stream-chunks", str(chunks)) as base_url:
        reply, recorded_stream = _recorded(base_url), _recorded(base_url, stream=True)
    figures = {
        **(bench_import(runs) if wanted("import") else {}),
        **(bench_memory_calls(reply, calls, rounds, concurrency) if wanted("memory") else {}),
        **(bench_memory_stream(recorded_stream, rounds) if wanted("stream") else {}),
        **(bench_loopback(calls * 2, rounds, concurrency) if wanted("loopback") else {}),
        **(bench_loopback_stream(chunks, rounds) if wanted("loopback") else {}),
        **(bench_peak_memory(chunks, 100 * 1024 * 1024) if wanted("peak") else {}),
    }
    if not HAS_OPENAI:
        print("(the openai package is not installed: its column is left out)")
    _print(figures)


if __name__ == "__main__":
    main()
