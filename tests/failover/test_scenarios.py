"""When the upstream misbehaves: the sixteen failure scenarios of Failover Bench (methodology v0.1), replayed
against the sandbox's upstream faults with scaled-down waits, through CCAPI, AsyncCCAPI and AsyncCCAPI over aiohttp.

Each scenario runs twice: with the client's defaults (but for the waits, scaled down) and with `fallback_models`.
With the defaults every scenario ends bounded, in the complete answer or a typed error, and never passes a truncated
answer off as complete; with a fallback model, every scenario but the content-filter refusal is answered in full.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import ccapi
import httpx
import pytest
from ccapi.testing import Faults, ModelFault, SandboxServer, upstream_log

PRIMARY = "openai/gpt-4o-mini"
FALLBACK = "anthropic/claude-sonnet-4-6"
PROMPT = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
MESSAGES = [{"role": "user", "content": PROMPT}]
FLAVOURS = ["sync", "async", "aiohttp"]

# The bench's waits, scaled down: a read timeout (idle between chunks) of 1 s, a first byte within 0.5 s, a first
# token within 0.5 s before moving on, a cooldown of 0.5 s, and backoff from 50 ms.
RETRY = ccapi.RetryPolicy(initial_delay=0.05, max_delay=0.2)
FAILOVER = ccapi.FailoverPolicy(first_token_timeout=0.5, failure_threshold=2, cooldown=0.5)
SCALED: dict[str, Any] = {
    "timeout": httpx.Timeout(1.0, connect=1.0),
    "first_byte_timeout": 0.5,
    "retry_policy": RETRY,
    "failover": FAILOVER,
}


def expected(model: str) -> str:
    return f"[{model}] You said: {PROMPT}"


@dataclass
class Outcome:
    ok: bool
    text: str = ""
    model: str | None = None
    usage: Any = None
    error: BaseException | None = None
    restarts: int = 0
    skipped: int = 0
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


def _collect_sync(client: ccapi.CCAPI, options: dict[str, Any]) -> Outcome:
    parts: list[str] = []
    outcome = Outcome(ok=False)
    with client.chat.completions.create(**options) as stream:
        for chunk in stream:
            if len(stream.restarts) != outcome.restarts:
                outcome.restarts, parts = len(stream.restarts), []  # begun again from scratch
            outcome.model = str(chunk.model)
            outcome.usage = chunk.usage or outcome.usage
            parts.extend(choice.delta.content or "" for choice in chunk.choices or [])
        outcome.skipped = stream.skipped_events
    outcome.ok, outcome.text = True, "".join(parts)
    return outcome


async def _collect_async(client: ccapi.AsyncCCAPI, options: dict[str, Any]) -> Outcome:
    parts: list[str] = []
    outcome = Outcome(ok=False)
    async with await client.chat.completions.create(**options) as stream:
        async for chunk in stream:
            if len(stream.restarts) != outcome.restarts:
                outcome.restarts, parts = len(stream.restarts), []
            outcome.model = str(chunk.model)
            outcome.usage = chunk.usage or outcome.usage
            parts.extend(choice.delta.content or "" for choice in chunk.choices or [])
        outcome.skipped = stream.skipped_events
    outcome.ok, outcome.text = True, "".join(parts)
    return outcome


class Caller:
    """One client of a flavour, kept for a scenario (and its copies share its circuit breaker)."""

    def __init__(self, flavour: str, sandbox: SandboxServer, **settings: Any) -> None:
        self.flavour = flavour
        self.settings = {**SCALED, **settings, "api_key": sandbox.api_key, "base_url": sandbox.base_url}
        self.loop = asyncio.new_event_loop() if flavour != "sync" else None
        self.sync = ccapi.CCAPI(**self.settings) if flavour == "sync" else None
        self.async_client: ccapi.AsyncCCAPI | None = None
        self.http: httpx.AsyncClient | None = None
        if self.loop is not None:
            self.async_client = self.loop.run_until_complete(self._make_async())

    async def _make_async(self) -> ccapi.AsyncCCAPI:
        if self.flavour == "aiohttp":
            self.http = ccapi.DefaultAioHttpClient()  # the caller's to close, not the client's
            return ccapi.AsyncCCAPI(**self.settings, http_client=self.http)
        return ccapi.AsyncCCAPI(**self.settings)

    def chat(self, *, stream: bool = True, **options: Any) -> Outcome:
        options = {"model": PRIMARY, "messages": MESSAGES, **options}
        if stream:
            options.update(stream=True, stream_options={"include_usage": True})
        started = time.monotonic()
        try:
            if self.sync is not None:
                outcome = _collect_sync(self.sync, options) if stream else self._plain_sync(options)
            else:
                assert self.loop is not None
                assert self.async_client is not None
                outcome = self.loop.run_until_complete(
                    asyncio.wait_for(
                        _collect_async(self.async_client, options) if stream else self._plain_async(options), 30
                    )
                )
        except ccapi.CCAPIError as error:
            outcome = Outcome(ok=False, error=error)
        outcome.seconds = time.monotonic() - started
        return outcome

    def _plain_sync(self, options: dict[str, Any]) -> Outcome:
        assert self.sync is not None
        reply = self.sync.chat.completions.create(**options)
        return Outcome(True, reply.choices[0].message.content or "", str(reply.model), reply.usage)

    async def _plain_async(self, options: dict[str, Any]) -> Outcome:
        assert self.async_client is not None
        reply = await self.async_client.chat.completions.create(**options)
        return Outcome(True, reply.choices[0].message.content or "", str(reply.model), reply.usage)

    def with_options(self, **options: Any) -> Caller:
        """A caller on a `with_options` copy of this one's client (same loop; closed with the original)."""
        copy = object.__new__(Caller)
        copy.__dict__.update(self.__dict__)
        copy.sync = self.sync.with_options(**options) if self.sync is not None else None
        copy.async_client = self.async_client.with_options(**options) if self.async_client is not None else None
        return copy

    def close(self) -> None:
        if self.sync is not None:
            self.sync.close()
        if self.loop is not None and self.async_client is not None:
            self.loop.run_until_complete(self.async_client.close())
            if self.http is not None:
                self.loop.run_until_complete(self.http.aclose())
            self.loop.close()


@pytest.fixture(params=FLAVOURS)
def flavour(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def callers(flavour: str, ccapi_sandbox: SandboxServer) -> Iterator[dict[str, Caller]]:
    made = {
        "defaults": Caller(flavour, ccapi_sandbox),
        "fallback": Caller(flavour, ccapi_sandbox, fallback_models=[FALLBACK]),
    }
    yield made
    for caller in made.values():
        caller.close()


def fault(sandbox: SandboxServer, kind: str, **options: Any) -> None:
    sandbox.config.faults = Faults(models={PRIMARY: ModelFault(kind, **options)})  # type: ignore[arg-type]


def attempts(sandbox: SandboxServer, model: str = PRIMARY) -> list[float]:
    return [entry.t for entry in upstream_log(sandbox) if entry.model == model]


def served_in_full(outcome: Outcome, model: str) -> None:
    assert outcome.ok, outcome.error
    assert outcome.text == expected(model)
    assert outcome.model == model


def clean_error(outcome: Outcome, kind: type[ccapi.CCAPIError], within: float) -> None:
    """Not rescued, but a typed error, in time, and no truncated answer passed off as complete."""
    assert not outcome.ok
    assert isinstance(outcome.error, kind), repr(outcome.error)
    assert outcome.seconds < within


def healthy_afterwards(caller: Caller, sandbox: SandboxServer) -> None:
    sandbox.config.faults = Faults()
    served_in_full(caller.chat(), PRIMARY)


# ---------------------------------------------------------------------------------------------------- S01 - S05


def test_s01_429_with_retry_after(callers: dict[str, Caller], ccapi_sandbox: SandboxServer) -> None:
    for name in ("defaults", "fallback"):
        fault(ccapi_sandbox, "rate_limited", first=1, retry_after=1)
        served_in_full(callers[name].chat(), PRIMARY)  # honoured, then answered on the same model
        times = attempts(ccapi_sandbox)
        assert len(times) == 2
        assert times[1] - times[0] >= 0.9


def test_s02_429_persistent(callers: dict[str, Caller], ccapi_sandbox: SandboxServer) -> None:
    fault(ccapi_sandbox, "rate_limited")
    clean_error(callers["defaults"].chat(), ccapi.RateLimitError, within=3)
    times = attempts(ccapi_sandbox)
    assert len(times) == 3  # bounded, with backoff between
    assert times[1] - times[0] >= 0.05
    fault(ccapi_sandbox, "rate_limited")
    served_in_full(callers["fallback"].chat(), FALLBACK)
    assert len(attempts(ccapi_sandbox)) == 3


def test_s03_500_once(callers: dict[str, Caller], ccapi_sandbox: SandboxServer) -> None:
    for name in ("defaults", "fallback"):
        fault(ccapi_sandbox, "server_error", first=1)
        served_in_full(callers[name].chat(), PRIMARY)
        assert len(attempts(ccapi_sandbox)) == 2  # retried on the same model, not failed over


def test_s04_503_persistent(callers: dict[str, Caller], ccapi_sandbox: SandboxServer) -> None:
    fault(ccapi_sandbox, "unavailable")
    clean_error(callers["defaults"].chat(), ccapi.InternalServerError, within=3)
    assert len(attempts(ccapi_sandbox)) == 3
    fault(ccapi_sandbox, "unavailable")
    served_in_full(callers["fallback"].chat(), FALLBACK)


def test_s05_reset_before_headers(callers: dict[str, Caller], ccapi_sandbox: SandboxServer) -> None:
    for name in ("defaults", "fallback"):
        fault(ccapi_sandbox, "reset", first=1)
        served_in_full(callers[name].chat(), PRIMARY)


# ---------------------------------------------------------------------------------------------------- S06 - S11


def test_s06_no_response_at_all(callers: dict[str, Caller], ccapi_sandbox: SandboxServer) -> None:
    fault(ccapi_sandbox, "silent", seconds=30)
    clean_error(callers["defaults"].chat(), ccapi.APITimeoutError, within=3.5)  # 3 x the first-byte deadline
    fault(ccapi_sandbox, "silent", seconds=30)
    outcome = callers["fallback"].chat()
    served_in_full(outcome, FALLBACK)
    assert len(attempts(ccapi_sandbox)) == 1  # a silent model is not asked again when another is there
    assert outcome.seconds < 1.5
    healthy_afterwards(callers["fallback"], ccapi_sandbox)


def test_s07_slow_first_token(callers: dict[str, Caller], ccapi_sandbox: SandboxServer) -> None:
    fault(ccapi_sandbox, "slow_first_token", seconds=2.0)
    outcome = callers["fallback"].chat()
    served_in_full(outcome, FALLBACK)  # moved on after the first-token deadline
    assert outcome.seconds < 1.5
    fault(ccapi_sandbox, "slow_first_token", seconds=0.8)
    served_in_full(callers["defaults"].chat(), PRIMARY)  # nowhere to go: the slow answer is awaited


def test_s08_stream_cut_mid_answer(callers: dict[str, Caller], ccapi_sandbox: SandboxServer) -> None:
    fault(ccapi_sandbox, "cut", after=6)
    clean_error(callers["defaults"].chat(), ccapi.APIConnectionError, within=2)
    fault(ccapi_sandbox, "cut", after=6)
    outcome = callers["fallback"].chat()
    served_in_full(outcome, FALLBACK)  # from scratch: the cut answer's words are not in it
    assert outcome.restarts == 1


def test_s09_stream_stalls(callers: dict[str, Caller], ccapi_sandbox: SandboxServer) -> None:
    fault(ccapi_sandbox, "stall", after=4, seconds=30)
    clean_error(callers["defaults"].chat(), ccapi.APITimeoutError, within=2.5)
    fault(ccapi_sandbox, "stall", after=4, seconds=30)
    outcome = callers["fallback"].chat()
    served_in_full(outcome, FALLBACK)
    assert outcome.restarts == 1
    assert outcome.seconds < 2.5
    healthy_afterwards(callers["defaults"], ccapi_sandbox)


def test_s10_a_malformed_event(callers: dict[str, Caller], ccapi_sandbox: SandboxServer) -> None:
    for name in ("defaults", "fallback"):
        fault(ccapi_sandbox, "malformed", after=5)
        outcome = callers[name].chat()
        served_in_full(outcome, PRIMARY)  # skipped, and the rest of the stream kept
        assert outcome.skipped == 1
    healthy_afterwards(callers["defaults"], ccapi_sandbox)


def test_s11_no_done(callers: dict[str, Caller], ccapi_sandbox: SandboxServer) -> None:
    for name in ("defaults", "fallback"):
        fault(ccapi_sandbox, "no_done")
        outcome = callers[name].chat()
        served_in_full(outcome, PRIMARY)
        assert outcome.usage is not None
        assert outcome.seconds < 1


# ---------------------------------------------------------------------------------------------------- S12 - S16


def test_s12_context_length_exceeded(callers: dict[str, Caller], ccapi_sandbox: SandboxServer) -> None:
    fault(ccapi_sandbox, "context_length_exceeded")
    clean_error(callers["defaults"].chat(), ccapi.BadRequestError, within=1)
    assert len(attempts(ccapi_sandbox)) == 1
    fault(ccapi_sandbox, "context_length_exceeded")
    served_in_full(callers["fallback"].chat(), FALLBACK)
    assert len(attempts(ccapi_sandbox)) == 1  # never retried on the model it does not fit


def test_s13_content_filter(callers: dict[str, Caller], ccapi_sandbox: SandboxServer) -> None:
    for name in ("defaults", "fallback"):
        fault(ccapi_sandbox, "content_filter")
        outcome = callers[name].chat()
        clean_error(outcome, ccapi.BadRequestError, within=1)
        assert isinstance(outcome.error, ccapi.BadRequestError)
        assert outcome.error.code == "content_policy_violation"
        assert [entry.model for entry in upstream_log(ccapi_sandbox)] == [PRIMARY]  # no fallback asked


def test_s14_the_fallback_gets_the_question_not_a_prefill(
    callers: dict[str, Caller], ccapi_sandbox: SandboxServer
) -> None:
    fault(ccapi_sandbox, "cut", after=6)
    served_in_full(callers["fallback"].chat(), FALLBACK)
    fallback_requests = [entry for entry in upstream_log(ccapi_sandbox) if entry.model == FALLBACK]
    assert [entry.last_role for entry in fallback_requests] == ["user"]


def test_s15_a_flapping_primary(flavour: str, ccapi_sandbox: SandboxServer) -> None:
    caller = Caller(flavour, ccapi_sandbox, fallback_models=[FALLBACK])
    copy = caller.with_options(max_retries=2)  # shares the original's circuit breaker, as its pool
    try:
        fault(ccapi_sandbox, "unavailable", seconds=1.5)
        sent, served = [], []
        started = time.monotonic()
        for index in range(12):
            target = started + index * 0.25
            time.sleep(max(0.0, target - time.monotonic()))
            sent.append(time.monotonic() - started)
            served.append((caller if index % 2 else copy).chat())
        assert all(outcome.ok for outcome in served), [outcome.error for outcome in served]
        down = [outcome for at, outcome in zip(sent, served, strict=True) if at < 1.4]
        assert {outcome.model for outcome in down} == {FALLBACK}
        recovered = [entry.t for entry in upstream_log(ccapi_sandbox) if entry.model == PRIMARY and entry.t >= 1.5]
        assert recovered, "the primary was never asked again after it recovered"
        assert min(recovered) - 1.5 < 1.0  # probed after the cooldown, and used again
        assert served[-1].model == PRIMARY
        during = [entry for entry in upstream_log(ccapi_sandbox) if entry.model == PRIMARY and entry.t < 1.5]
        assert len(during) < 2 * len(down)  # the open circuit spared the primary
    finally:
        caller.close()


def test_s16_failover_accounting(flavour: str, ccapi_sandbox: SandboxServer) -> None:
    caller = Caller(flavour, ccapi_sandbox, fallback_models=[FALLBACK], budget=Decimal("10"))
    try:
        fault(ccapi_sandbox, "unavailable")
        outcome = caller.chat(stream=False)
        served_in_full(outcome, FALLBACK)
        assert outcome.usage is not None
        assert _spent(caller) == (1, {FALLBACK})  # the refused attempts (503) were never billed, nor charged
        fault(ccapi_sandbox, "cut", after=6)
        streamed = caller.chat()
        served_in_full(streamed, FALLBACK)
        # The cut attempt was answered, so it is billed: charged (its worst case) as well as the fallback's usage.
        assert _spent(caller) == (3, {PRIMARY, FALLBACK})
    finally:
        caller.close()


def _spent(caller: Caller) -> tuple[int, set[str]]:
    """The calls a caller's client counted, and the models it charged."""
    if caller.sync is not None:
        return caller.sync.spend.calls, set(caller.sync.spend.by_model)
    assert caller.loop is not None
    assert caller.async_client is not None
    spend = caller.async_client.spend
    caller.loop.run_until_complete(spend.refresh_prices())
    return spend.calls, set(spend.by_model)


# ---------------------------------------------------------------------------------------------------- per call


def test_per_call_settings_override_the_client_s(flavour: str, ccapi_sandbox: SandboxServer) -> None:
    caller = Caller(flavour, ccapi_sandbox)
    try:
        fault(ccapi_sandbox, "unavailable")
        served_in_full(caller.chat(fallback_models=[FALLBACK]), FALLBACK)
        fault(ccapi_sandbox, "silent", seconds=30)
        outcome = caller.chat(first_byte_timeout=0.2, max_retries=0)
        clean_error(outcome, ccapi.APITimeoutError, within=0.8)
        fault(ccapi_sandbox, "silent", seconds=30)
        outcome = caller.chat(total_timeout=0.7, first_byte_timeout=0.5)
        clean_error(outcome, ccapi.APITimeoutError, within=1.2)  # the whole call, across its attempts
        assert len(attempts(ccapi_sandbox)) == 2
    finally:
        caller.close()


def test_64_concurrent_calls_fail_over_together(ccapi_sandbox: SandboxServer) -> None:
    fault(ccapi_sandbox, "cut", after=6)

    # 64 streams at once on one sandbox: waits long enough that the load alone is never taken for a fault.
    policy = ccapi.FailoverPolicy(first_token_timeout=10.0, failure_threshold=2, cooldown=60.0)
    patient = {**SCALED, "timeout": httpx.Timeout(10.0), "first_byte_timeout": 10.0, "failover": policy}

    async def run() -> list[Outcome]:
        async with ccapi.AsyncCCAPI(
            **patient, api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url, fallback_models=[FALLBACK]
        ) as client:
            options = {"model": PRIMARY, "messages": MESSAGES, "stream": True}
            return await asyncio.gather(*(_collect_async(client, options) for _ in range(64)))

    outcomes = asyncio.run(run())
    assert [outcome.text for outcome in outcomes] == [expected(FALLBACK)] * 64
    log = upstream_log(ccapi_sandbox)
    assert len([entry for entry in log if entry.model == FALLBACK]) == 64  # each call restarted there once


def test_hooks_see_each_attempt_and_each_answered_attempt_is_charged(ccapi_sandbox: SandboxServer) -> None:
    import json

    sent: list[str] = []

    def on_request(request: httpx.Request) -> None:
        if request.method == "POST":  # not the catalog's prices, fetched for the budget
            sent.append(json.loads(request.content)["model"])

    fault(ccapi_sandbox, "cut", after=6)
    with ccapi.CCAPI(
        **SCALED, api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url, fallback_models=[FALLBACK],
        on_request=on_request, budget=Decimal("1"),
    ) as client:  # fmt: skip
        with client.chat.completions.create(model=PRIMARY, messages=MESSAGES, stream=True) as stream:
            final = stream.final_completion()
        assert final.model == FALLBACK
        assert final.choices[0].message.content == expected(FALLBACK)  # the cut answer's words are not in it
        assert len(stream.restarts) == 1
        restart = stream.restarts[0]
        assert (restart.model, restart.next_model, restart.discarded_chunks) == (PRIMARY, FALLBACK, 6)
        assert isinstance(restart.error, ccapi.APIConnectionError)
        assert sent == [PRIMARY, FALLBACK]
        assert client.spend.calls == 2  # the cut attempt was answered (and billed), then the fallback served
        assert set(client.spend.by_model) == {PRIMARY, FALLBACK}
        assert client.spend.estimated == client.spend.by_model[PRIMARY]  # its worst case; the fallback, its usage
