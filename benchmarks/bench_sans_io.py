"""The two ways to write the runtime once, measured on the hot path: one call's send-and-retry control flow, written
as the direct loop the pipeline has (`_async/_pipeline.py` and its sync rewrite), and as a sans-I/O plan (a generator
that yields what to do, send or sleep, driven by a short loop per I/O style), as the issue proposed.

Both drive the same `RetryPolicy` plan and the same in-memory answer, so what differs is only the control flow.
Prints microseconds per call for each, the sans-I/O overhead per call, and that overhead next to a whole in-memory
chat call of the SDK. `python benchmarks/bench_sans_io.py` (or `--quick`).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Generator
from typing import Any

import ccapi
import httpx

CALLS = 20_000
REPLY = (
    b'{"id":"c","object":"chat.completion","created":1,"model":"openai/gpt-4o-mini","choices":[{"index":0,'
    b'"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,'
    b'"completion_tokens":1,"total_tokens":2}}'
)
REQUEST = httpx.Request("POST", "http://memory.test/v1/chat/completions", content=b"{}")
POLICY = ccapi.RetryPolicy()


def _answer() -> httpx.Response:
    return httpx.Response(200, content=REPLY, request=REQUEST)


def direct(send: Callable[[httpx.Request], httpx.Response]) -> httpx.Response:
    """The pipeline's shape: a loop that sends, reads the plan, and sleeps or returns."""
    plan = POLICY.plan(None)
    while True:
        try:
            response = send(REQUEST)
        except httpx.TransportError as error:
            delay = plan.after_error(error)
            if delay is None:
                raise
        else:
            if response.is_success:
                return response
            delay = plan.after_status(response.status_code, response.headers)
            if delay is None:
                return response
            response.close()
        POLICY.sleep(delay)


Step = tuple[str, Any]


def plan_of_call() -> Generator[Step, Any, httpx.Response]:
    """The sans-I/O shape: the same decisions, yielding each I/O step; the driver sends back what it got."""
    plan = POLICY.plan(None)
    while True:
        outcome = yield ("send", REQUEST)
        if isinstance(outcome, httpx.TransportError):
            delay = plan.after_error(outcome)
            if delay is None:
                raise outcome
        else:
            if outcome.is_success:
                return outcome  # type: ignore[no-any-return]
            delay = plan.after_status(outcome.status_code, outcome.headers)
            if delay is None:
                return outcome  # type: ignore[no-any-return]
            yield ("close", outcome)
        yield ("sleep", delay)


def driven(send: Callable[[httpx.Request], httpx.Response]) -> httpx.Response:
    """The sync driver of the plan (the async one is the same with `await`)."""
    steps = plan_of_call()
    outcome: Any = None
    try:
        while True:
            kind, value = steps.send(outcome)
            outcome = None
            if kind == "send":
                try:
                    outcome = send(value)
                except httpx.TransportError as error:
                    outcome = error
            elif kind == "sleep":
                POLICY.sleep(value)
            else:
                value.close()
    except StopIteration as finished:
        return finished.value  # type: ignore[no-any-return]


def _per_call(run: Callable[[], object], calls: int) -> float:
    started = time.process_time()
    for _ in range(calls):
        run()
    return (time.process_time() - started) / calls * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    calls, rounds = (2_000, 3) if parser.parse_args().quick else (CALLS, 9)
    ways = {"direct loop": lambda: direct(lambda _: _answer()), "sans-I/O plan": lambda: driven(lambda _: _answer())}
    answer_only = _per_call(_answer, calls)
    figures: dict[str, list[float]] = {name: [] for name in ways}
    for _ in range(rounds):  # alternated, so that a slow moment of the machine hits both alike
        for name, way in ways.items():
            figures[name].append(_per_call(way, calls) - answer_only)
    medians = {name: statistics.median(values) for name, values in figures.items()}

    sdk = ccapi.CCAPI(
        api_key="k",
        base_url="http://memory.test/v1",
        http_client=ccapi.DefaultHttpxClient(transport=httpx.MockTransport(lambda request: _answer())),
        tracing=False,
    )
    messages: Any = [{"role": "user", "content": "Hi"}]
    whole = statistics.median(
        _per_call(lambda: sdk.chat.completions.create(model="openai/gpt-4o-mini", messages=messages), calls // 10)
        for _ in range(rounds)
    )
    overhead = medians["sans-I/O plan"] - medians["direct loop"]
    for name, value in medians.items():
        print(f"{name:>16}: {value:6.2f} us a call (control flow alone)")
    print(f"{'sans-I/O costs':>16}: {overhead:+6.2f} us a call, {overhead / whole:+.1%} of a whole in-memory chat call "
          f"({whole:.1f} us)")  # fmt: skip


if __name__ == "__main__":
    main()
