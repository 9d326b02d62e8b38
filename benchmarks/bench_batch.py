"""Batch benchmarks (run by `nox -s bench` after bench.py; `-- --quick` for a smoke run):

- throughput: N chat lines through `ccapi.batch.arun` next to a hand-written `asyncio.gather` (a semaphore of the same
  size, the same AsyncCCAPI, reading the same input and writing one result a line), the sandbox in its own process;
  calls a second, the median of the rounds, the two alternating;
- peak memory: the batch process's peak resident size (Linux's VmHWM) for 2,000 lines and for 20,000 (each in a
  fresh interpreter): the input is read as a stream, so the second must be within 10% of the first (the one
  figure here that is a check: the script exits 1 when it is not).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import ccapi
import ccapi.batch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tools/
from tools.ports import free_port, wait_until_listening

KEY = "sk-ccapi-bench"
MODEL = "openai/gpt-4o-mini"
CONCURRENCY = 32
MEMORY_MARGIN = 0.10


@contextmanager
def _sandbox() -> Iterator[str]:
    """A sandbox in its own process, so that serving does not share the batch's interpreter lock."""
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 (this interpreter, our module)
        [sys.executable, "-m", "ccapi.testing", "--port", str(port), "--api-key", KEY], stdout=subprocess.DEVNULL
    )
    try:
        wait_until_listening(port, server)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        server.terminate()
        server.wait(timeout=10)


def write_input(path: Path, lines: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for index in range(lines):
            body = {"model": MODEL, "messages": [{"role": "user", "content": f"Question {index}"}], "max_tokens": 64}
            handle.write(json.dumps({"custom_id": f"q{index}", "method": "POST", "url": "/v1/chat/completions",
                                     "body": body}) + "\n")  # fmt: skip
    return path


async def by_hand(client: ccapi.AsyncCCAPI, source: Path, output: Path) -> int:
    """What users write without ccapi.batch: a semaphore, gather, one line written a result."""
    limit = asyncio.Semaphore(CONCURRENCY)
    with source.open(encoding="utf-8") as handle:
        items = [json.loads(line) for line in handle]
    with output.open("a", encoding="utf-8") as results:

        async def one(item: dict[str, object]) -> None:
            async with limit:
                body: dict[str, object] = item["body"]  # type: ignore[assignment]
                reply = await client.chat.completions.create(**body)  # type: ignore[arg-type]
            results.write(json.dumps({"custom_id": item["custom_id"], "body": reply.to_dict()}) + "\n")

        await asyncio.gather(*(one(item) for item in items))
    return len(items)


async def with_batch(client: ccapi.AsyncCCAPI, source: Path, output: Path) -> int:
    summary = await ccapi.batch.arun(source, output, client=client, concurrency=CONCURRENCY)
    assert summary.served == summary.total, summary
    return summary.served


def bench_throughput(base_url: str, lines: int, rounds: int, scratch: Path) -> dict[str, float]:
    source = write_input(scratch / "throughput.jsonl", lines)
    samples: dict[str, list[float]] = {"asyncio.gather by hand": [], "ccapi.batch": []}

    async def main() -> None:
        async with ccapi.AsyncCCAPI(api_key=KEY, base_url=base_url) as client:
            await by_hand(client, write_input(scratch / "warm.jsonl", 200), scratch / "warm-out.jsonl")
            for round_ in range(rounds):
                for name, run in (("asyncio.gather by hand", by_hand), ("ccapi.batch", with_batch)):
                    output = scratch / f"out-{name[:5]}-{round_}.jsonl"  # a new output: a new batch, no replays
                    started = time.perf_counter()
                    done = await run(client, source, output)
                    samples[name].append(done / (time.perf_counter() - started))
                    output.unlink()

    asyncio.run(main())
    return {name: statistics.median(values) for name, values in samples.items()}


def _child_peak(base_url: str, source: Path, output: Path) -> int:
    """Run a batch in a fresh interpreter; its peak resident size in KiB."""
    code = (
        "import sys, ccapi.batch; "
        "s = ccapi.batch.run(sys.argv[1], sys.argv[2], api_key=sys.argv[3], base_url=sys.argv[4], concurrency=32); "
        "assert s.served == s.total, s; "
        # The kernel's high-water mark of this process (VmHWM starts afresh at exec; a child's ru_maxrss would
        # count the forking parent's pages).
        "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:')))"
    )
    argv = [sys.executable, "-c", code, str(source), str(output), KEY, base_url]
    done = subprocess.run(argv, capture_output=True, text=True, check=True)  # noqa: S603 (this interpreter)
    return int(done.stdout.split()[-1])


def bench_memory(base_url: str, small: int, large: int, scratch: Path) -> tuple[int, int]:
    peaks = []
    for lines in (small, large):
        source = write_input(scratch / f"memory-{lines}.jsonl", lines)
        peaks.append(_child_peak(base_url, source, scratch / f"memory-{lines}-out.jsonl"))
    return peaks[0], peaks[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer lines and rounds, for a smoke run")
    parser.add_argument(
        "--only", default="", help="comma-separated groups, as bench.py takes them: runs only if `batch` is one"
    )
    args = parser.parse_args()
    only = {group.strip() for group in args.only.split(",") if group.strip()}
    if only and "batch" not in only:
        return
    os.environ.pop("CCAPI_LOG", None)
    lines, rounds = (2_000, 1) if args.quick else (20_000, 3)
    small, large = (200, 2_000) if args.quick else (2_000, 20_000)
    with tempfile.TemporaryDirectory() as folder, _sandbox() as base_url:
        scratch = Path(folder)
        rates = bench_throughput(base_url, lines, rounds, scratch)
        small_peak, large_peak = bench_memory(base_url, small, large, scratch)
    by_hand_rate, batch_rate = rates["asyncio.gather by hand"], rates["ccapi.batch"]
    print(f"\nbatch of {lines:,} chat lines, {CONCURRENCY} at a time, median of {rounds} round(s):")
    print(f"  asyncio.gather by hand   {by_hand_rate:10.1f} calls/s")
    print(f"  ccapi.batch              {batch_rate:10.1f} calls/s   {batch_rate / by_hand_rate:.1%} of by hand")
    growth = large_peak / small_peak - 1
    verdict = "within" if growth <= MEMORY_MARGIN else "NOT within"
    print(f"peak memory of a batch: {small:,} lines {small_peak / 1024:.1f} MiB, {large:,} lines "
          f"{large_peak / 1024:.1f} MiB ({growth:+.1%}, {verdict} {MEMORY_MARGIN:.0%})")  # fmt: skip
    if growth > MEMORY_MARGIN:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
