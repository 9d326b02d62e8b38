"""Benchmarks: what `import ccapi` and one SDK call cost next to plain httpx. Run with `nox -s bench`.

Prints ratios; nothing here asserts a time. Each figure is the median of several rounds, so that one slow round
(another process on the core) does not decide it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import ccapi
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tools/
from tools.ports import free_port, wait_until_listening

KEY = "sk-ccapi-bench"
CHAT = {"model": "openai/gpt-4o-mini", "messages": [{"role": "user", "content": "Outline a launch plan for CCAPI."}]}


def _process_seconds(code: str, runs: int) -> float:
    """The median wall time of a fresh interpreter running `code`."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603 (this interpreter)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bench_import(runs: int) -> dict[str, float]:
    baseline = _process_seconds("pass", runs)
    plain = _process_seconds("import httpx", runs)
    sdk = _process_seconds("import ccapi", runs)
    # httpx and the client modules load when the first client is made; this is what a script really pays.
    first_client = _process_seconds("import ccapi; ccapi.CCAPI(api_key='k')", runs)
    return {
        "python -c pass (ms)": baseline * 1000,
        "import httpx (ms)": plain * 1000,
        "import ccapi (ms)": sdk * 1000,
        "import ccapi; ccapi.CCAPI() (ms)": first_client * 1000,
        "import ccapi / import httpx": sdk / plain,
        "import ccapi + first client / import httpx": first_client / plain,
    }


def _per_call(call: Callable[[], object], calls: int, rounds: int) -> float:
    """Median seconds per call over `rounds` rounds of `calls` calls, after a warm-up."""
    for _ in range(max(calls // 10, 5)):
        call()
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        for _ in range(calls):
            call()
        samples.append((time.perf_counter() - started) / calls)
    return statistics.median(samples)


def _compare(
    transport_factory: Callable[[], httpx.BaseTransport], base_url: str, calls: int, rounds: int
) -> tuple[float, float]:
    raw = httpx.Client(transport=transport_factory(), headers={"Authorization": f"Bearer {KEY}"}, timeout=30)
    body = json.dumps(CHAT).encode()

    def raw_call() -> object:
        response = raw.post(f"{base_url}/chat/completions", content=body, headers={"Content-Type": "application/json"})
        response.raise_for_status()
        return response.json()

    sdk = ccapi.CCAPI(api_key=KEY, base_url=base_url, http_client=httpx.Client(transport=transport_factory()))

    def sdk_call() -> object:
        return sdk.chat.completions.create(model=CHAT["model"], messages=CHAT["messages"])  # type: ignore[arg-type]

    # Alternate the two so that drift in machine load hits both alike.
    raw_times, sdk_times = [], []
    for _ in range(rounds):
        raw_times.append(_per_call(raw_call, calls, 1))
        sdk_times.append(_per_call(sdk_call, calls, 1))
    raw.close()
    sdk.close()
    return statistics.median(raw_times), statistics.median(sdk_times)


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


def _canned_reply() -> bytes:
    """The sandbox's own answer to CHAT, to replay from memory."""
    with _sandbox() as base_url:
        return httpx.post(f"{base_url}/chat/completions", json=CHAT, headers={"Authorization": f"Bearer {KEY}"}).content


def bench_call(calls: int, rounds: int) -> dict[str, float]:
    results: dict[str, float] = {}
    with _sandbox() as base_url:
        raw, sdk = _compare(httpx.HTTPTransport, base_url, calls, rounds)
    results["loopback sandbox: raw httpx (us/call)"] = raw * 1e6
    results["loopback sandbox: ccapi (us/call)"] = sdk * 1e6
    results["loopback sandbox: ccapi / raw httpx"] = sdk / raw

    reply = _canned_reply()

    def in_memory() -> httpx.BaseTransport:
        return httpx.MockTransport(lambda request: httpx.Response(200, content=reply, headers={"X-Request-Id": "r"}))

    raw, sdk = _compare(in_memory, "http://memory.test/v1", calls * 5, rounds)
    results["in-memory transport: raw httpx (us/call)"] = raw * 1e6
    results["in-memory transport: ccapi (us/call)"] = sdk * 1e6
    results["in-memory transport: ccapi / raw httpx"] = sdk / raw
    results["in-memory transport: ccapi overhead (us/call)"] = (sdk - raw) * 1e6
    return results


def _raw_stream(response: httpx.Response) -> int:
    """What a careful hand-written client does per event: httpx-sse to split, json.loads to decode."""
    from httpx_sse import EventSource

    count = 0
    for event in EventSource(response).iter_sse():
        if event.data == "[DONE]":
            break
        json.loads(event.data)
        count += 1
    return count


def _sdk_stream(stream: ccapi.Stream) -> int:
    with stream:
        return sum(1 for _ in stream)


def bench_stream(chunks: int, rounds: int) -> dict[str, float]:
    """Seconds per chunk, raw (httpx-sse + json.loads) against typed ChatCompletionChunk objects."""
    results: dict[str, float] = {}
    headers = {"Authorization": f"Bearer {KEY}"}
    body = {**CHAT, "stream": True}
    with _sandbox("--stream-chunks", str(chunks)) as base_url:
        recorded = httpx.post(f"{base_url}/chat/completions", json=body, headers=headers, timeout=60).content
        raw = httpx.Client(headers=headers, timeout=60)
        sdk = ccapi.CCAPI(api_key=KEY, base_url=base_url)
        raw_times, sdk_times = [], []
        for _ in range(rounds):
            started = time.perf_counter()
            with raw.stream("POST", f"{base_url}/chat/completions", json=body) as response:
                count = _raw_stream(response)
            raw_times.append((time.perf_counter() - started) / count)
            started = time.perf_counter()
            count = _sdk_stream(
                sdk.chat.completions.create(model=CHAT["model"], messages=CHAT["messages"], stream=True)
            )  # type: ignore[arg-type]
            sdk_times.append((time.perf_counter() - started) / count)
        raw.close()
        sdk.close()
    results["loopback stream: raw chunks/s"] = 1 / statistics.median(raw_times)
    results["loopback stream: ccapi chunks/s"] = 1 / statistics.median(sdk_times)
    results["loopback stream: ccapi / raw time per chunk"] = statistics.median(sdk_times) / statistics.median(raw_times)

    def replay(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=recorded, headers={"Content-Type": "text/event-stream"})

    raw_memory = httpx.Client(transport=httpx.MockTransport(replay))
    sdk_memory = ccapi.CCAPI(
        api_key=KEY, base_url="http://memory.test/v1", http_client=httpx.Client(transport=httpx.MockTransport(replay))
    )
    raw_times, sdk_times = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        with raw_memory.stream("POST", "http://memory.test/v1/chat/completions", json=body) as response:
            count = _raw_stream(response)
        raw_times.append((time.perf_counter() - started) / count)
        started = time.perf_counter()
        count = _sdk_stream(
            sdk_memory.chat.completions.create(model=CHAT["model"], messages=CHAT["messages"], stream=True)
        )  # type: ignore[arg-type]
        sdk_times.append((time.perf_counter() - started) / count)
    raw_per_chunk, sdk_per_chunk = statistics.median(raw_times), statistics.median(sdk_times)
    results["in-memory stream: raw (us/chunk)"] = raw_per_chunk * 1e6
    results["in-memory stream: ccapi typed chunk (us/chunk)"] = sdk_per_chunk * 1e6
    results["in-memory stream: ccapi / raw time per chunk"] = sdk_per_chunk / raw_per_chunk
    return results


def bench_memory(chunks: int, download_bytes: int) -> dict[str, float]:
    """Peak Python heap (tracemalloc) while reading a long stream and while saving a large download."""
    import tempfile
    import tracemalloc

    results: dict[str, float] = {}
    with _sandbox("--stream-chunks", str(chunks)) as base_url, ccapi.CCAPI(api_key=KEY, base_url=base_url) as sdk:
        tracemalloc.start()
        count = _sdk_stream(sdk.chat.completions.create(model=CHAT["model"], messages=CHAT["messages"], stream=True))  # type: ignore[arg-type]
        results[f"peak heap reading a {count}-chunk stream (MB)"] = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        with tempfile.TemporaryDirectory() as folder:
            tracemalloc.start()
            saved = sdk.media.save(f"{base_url}/blobs/{download_bytes}", Path(folder) / "big.bin")
            results[f"peak heap saving a {saved.stat().st_size / 1e6:.0f} MB download (MB)"] = (
                tracemalloc.get_traced_memory()[1] / 1e6
            )
            tracemalloc.stop()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer rounds, for a smoke run")
    args = parser.parse_args()
    os.environ.pop("CCAPI_LOG", None)
    runs, calls, rounds = (5, 50, 3) if args.quick else (30, 300, 9)
    chunks = 2_000 if args.quick else 10_000
    figures = {
        **bench_import(runs),
        **bench_call(calls, rounds),
        **bench_stream(chunks, rounds),
        **bench_memory(chunks, 100 * 1024 * 1024),
    }
    width = max(map(len, figures))
    for name, value in figures.items():
        print(f"{name:<{width}}  {value:10.3f}")


if __name__ == "__main__":
    main()
