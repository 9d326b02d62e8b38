"""A bounded soak over a real loopback socket: many calls through rate limits, server errors, dropped and stalled
streams. Nothing is lost (each call ends in a result or a typed error), retries keep one Idempotency-Key per call,
and no connection leaks."""

from __future__ import annotations

import itertools

import ccapi
import httpx
from ccapi.testing import Faults, SandboxServer

HELLO = [{"role": "user", "content": "Hi"}]
MODEL = "openai/gpt-4o-mini"
PATTERNS = [
    ("plain", Faults()),
    ("rate limited once", Faults(rate_limit_first=1, retry_after=0)),
    ("a server error once", Faults(error_count=1, error_status=503)),
    ("a dropped stream", Faults(drop_stream_after=2)),
    ("a stalled stream", Faults(stall_stream_after=1, stall_seconds=0.5)),
    ("two errors", Faults(error_count=2, error_status=500)),
]
CALLS = 180


def test_a_fault_soak_loses_nothing_and_keeps_one_key_per_call(ccapi_sandbox: SandboxServer) -> None:
    policy = ccapi.RetryPolicy(max_retries=2, initial_delay=0.0, max_delay=0.0)
    outcomes: dict[str, set[str]] = {name: set() for name, _ in PATTERNS}
    keys_per_call: list[set[str]] = []
    limits = httpx.Limits(max_connections=4)
    with httpx.Client(limits=limits, timeout=5) as http, ccapi.CCAPI(
        api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url, retry_policy=policy,
        timeout=httpx.Timeout(0.25, connect=2.0), http_client=http,
    ) as client:  # fmt: skip
        for index, (name, faults) in zip(range(CALLS), itertools.cycle(PATTERNS), strict=False):
            ccapi_sandbox.config.faults = faults
            before = len(ccapi_sandbox.received)
            try:
                if (index // len(PATTERNS)) % 2:  # each pattern, streamed and not
                    with client.chat.completions.create(model=MODEL, messages=HELLO, stream=True) as stream:
                        stream.final_completion()
                else:
                    client.chat.completions.create(model=MODEL, messages=HELLO)
                outcomes[name].add("ok")
            except ccapi.CCAPIError as error:
                outcomes[name].add(type(error).__name__)
            sent = ccapi_sandbox.received[before:]
            keys_per_call.append({request.idempotency_key for request in sent if request.idempotency_key})
        ccapi_sandbox.config.faults = Faults()
        assert client.models.list().total > 0  # the pool still serves: no connection was lost to a failed call
    assert outcomes["plain"] == {"ok"}
    assert outcomes["rate limited once"] == {"ok"}
    assert outcomes["a server error once"] == {"ok"}
    assert outcomes["two errors"] == {"ok"}  # two retries cover two errors
    assert outcomes["a dropped stream"] <= {"ok", "APIConnectionError"}
    assert outcomes["a stalled stream"] <= {"ok", "APITimeoutError"}
    assert all(len(keys) == 1 for keys in keys_per_call)  # every attempt of a call carried the same key
    assert len(set().union(*keys_per_call)) == CALLS  # and no two calls shared one
