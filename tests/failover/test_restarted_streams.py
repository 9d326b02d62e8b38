"""A stream that breaks and begins again on a fallback model, seen by a caller that only prints `iter_text()`, and by
the client's spend: Failover Bench's S08 (cut), S09 (stall) and S14 (the fallback gets the question) through the
sandbox's upstream faults, sync and async.

- `iter_text()` never repeats text: by default, at a restart, it raises `StreamRestartedError`, which hands over the
  restarted stream; with `hold_until_complete=True` it holds text back until an attempt is known good, so the text
  it gives is exactly the answer of the model that served.
- An attempt that was answered is charged what it used (its worst case, its usage being unknown), whatever
  happened after: the cut attempt costs what the same cut stream costs without a fallback.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
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
SCALED: dict[str, Any] = {
    "timeout": httpx.Timeout(1.0, connect=1.0),
    "first_byte_timeout": 0.5,
    "retry_policy": ccapi.RetryPolicy(initial_delay=0.05, max_delay=0.2),
    "failover": ccapi.FailoverPolicy(first_token_timeout=0.5, failure_threshold=2, cooldown=0.5),
}
FAULTS = {"s08_cut": ("cut", {"after": 6}), "s09_stall": ("stall", {"after": 4, "seconds": 30})}


def expected(model: str) -> str:
    return f"[{model}] You said: {PROMPT}"


@pytest.fixture(params=sorted(FAULTS))
def broken(request: pytest.FixtureRequest, ccapi_sandbox: SandboxServer) -> SandboxServer:
    kind, options = FAULTS[request.param]
    ccapi_sandbox.config.faults = Faults(models={PRIMARY: ModelFault(kind, **options)})  # type: ignore[arg-type]
    return ccapi_sandbox


def _sync(sandbox: SandboxServer, **options: Any) -> ccapi.CCAPI:
    return ccapi.CCAPI(**SCALED, api_key=sandbox.api_key, base_url=sandbox.base_url, **options)


def _async(sandbox: SandboxServer, **options: Any) -> ccapi.AsyncCCAPI:
    return ccapi.AsyncCCAPI(**SCALED, api_key=sandbox.api_key, base_url=sandbox.base_url, **options)


def test_sync_iter_text_raises_at_a_restart_and_hands_over_the_restarted_stream(broken: SandboxServer) -> None:
    printed: list[str] = []
    with _sync(broken, fallback_models=[FALLBACK]) as client:
        stream = client.chat.completions.create(model=PRIMARY, messages=MESSAGES, stream=True)
        with pytest.raises(ccapi.StreamRestartedError) as caught:
            printed.extend(stream.iter_text())
        partial = "".join(printed)
        assert expected(PRIMARY).startswith(partial)  # what was printed is the broken attempt's, and said so
        restarted = caught.value.stream
        assert isinstance(caught.value, ccapi.CCAPIError)
        with restarted:
            assert "".join(restarted.iter_text()) == expected(FALLBACK)  # the whole answer, never a repeat
        assert len(restarted.restarts) == 1


async def _print_all(texts: AsyncIterator[str], printed: list[str]) -> None:
    async for text in texts:
        printed.append(text)


def test_async_iter_text_raises_at_a_restart_and_hands_over_the_restarted_stream(broken: SandboxServer) -> None:
    async def run() -> None:
        printed: list[str] = []
        async with _async(broken, fallback_models=[FALLBACK]) as client:
            stream = await client.chat.completions.create(model=PRIMARY, messages=MESSAGES, stream=True)
            with pytest.raises(ccapi.StreamRestartedError) as caught:
                await _print_all(stream.iter_text(), printed)
            assert expected(PRIMARY).startswith("".join(printed))
            restarted = caught.value.stream
            async with restarted:
                assert "".join([text async for text in restarted.iter_text()]) == expected(FALLBACK)

    asyncio.run(run())


def test_sync_iter_text_can_hold_text_until_an_attempt_is_known_good(broken: SandboxServer) -> None:
    with (
        _sync(broken, fallback_models=[FALLBACK]) as client,
        client.chat.completions.create(model=PRIMARY, messages=MESSAGES, stream=True) as stream,
    ):
        text = "".join(stream.iter_text(hold_until_complete=True))
    assert text == expected(FALLBACK)  # S08/S09 pass: only the answer that served, once
    assert len(stream.restarts) == 1
    fallback_requests = [entry for entry in upstream_log(broken) if entry.model == FALLBACK]
    assert [entry.last_role for entry in fallback_requests] == ["user"]  # S14: the question, not a prefill


def test_async_iter_text_can_hold_text_until_an_attempt_is_known_good(broken: SandboxServer) -> None:
    async def run() -> str:
        async with _async(broken, fallback_models=[FALLBACK]) as client:
            stream = await client.chat.completions.create(model=PRIMARY, messages=MESSAGES, stream=True)
            async with stream:
                return "".join([text async for text in stream.iter_text(hold_until_complete=True)])

    assert asyncio.run(run()) == expected(FALLBACK)


def test_holding_text_changes_nothing_for_a_stream_that_does_not_break(ccapi_sandbox: SandboxServer) -> None:
    with _sync(ccapi_sandbox, fallback_models=[FALLBACK]) as client:
        with client.chat.completions.create(model=PRIMARY, messages=MESSAGES, stream=True) as stream:
            plain = "".join(stream.iter_text())
        assert plain == expected(PRIMARY)
        with client.chat.completions.create(model=PRIMARY, messages=MESSAGES, stream=True) as stream:
            assert "".join(stream.iter_text(hold_until_complete=True)) == plain


def _cut_stream_spend(sandbox: SandboxServer, **options: Any) -> tuple[int, dict[str, Decimal], Decimal]:
    sandbox.config.faults = Faults(models={PRIMARY: ModelFault("cut", after=6)})
    with _sync(sandbox, **options) as client:
        try:
            with client.chat.completions.create(model=PRIMARY, messages=MESSAGES, stream=True) as stream:
                stream.final_completion()
        except ccapi.APIConnectionError:
            pass
        return client.spend.calls, dict(client.spend.by_model), client.spend.reserved


@pytest.mark.parametrize("budget", [None, Decimal("10")], ids=["unbudgeted", "budgeted"])
def test_a_cut_attempt_is_charged_alike_with_or_without_a_fallback(
    ccapi_sandbox: SandboxServer, budget: Decimal | None
) -> None:
    alone_calls, alone, _ = _cut_stream_spend(ccapi_sandbox, budget=budget)
    assert alone_calls == 1
    assert set(alone) == {PRIMARY}
    calls, by_model, reserved = _cut_stream_spend(ccapi_sandbox, budget=budget, fallback_models=[FALLBACK])
    assert calls == 2  # both attempts were answered, so both are billed
    assert by_model[PRIMARY] == alone[PRIMARY]  # the cut attempt: its worst case, as without a fallback
    assert by_model[FALLBACK] > 0
    assert reserved == 0


def test_async_a_cut_attempt_is_charged_before_the_fallback_serves(ccapi_sandbox: SandboxServer) -> None:
    ccapi_sandbox.config.faults = Faults(models={PRIMARY: ModelFault("cut", after=6)})

    async def run() -> tuple[int, dict[str, Decimal]]:
        async with _async(ccapi_sandbox, budget=Decimal("10"), fallback_models=[FALLBACK]) as client:
            stream = await client.chat.completions.create(model=PRIMARY, messages=MESSAGES, stream=True)
            async with stream:
                await stream.final_completion()
            await client.spend.refresh()
            return client.spend.calls, dict(client.spend.by_model)

    calls, by_model = asyncio.run(run())
    assert calls == 2
    assert set(by_model) == {PRIMARY, FALLBACK}


def _worst_case(sandbox: SandboxServer, model: str) -> Decimal:
    """What a stream of `model` cut mid-answer is charged (its worst case), on a budgeted client of its own."""
    sandbox.config.faults = Faults(models={model: ModelFault("cut", after=6)})
    with _sync(sandbox, budget=Decimal("10")) as probe:
        with (
            pytest.raises(ccapi.APIConnectionError),
            probe.chat.completions.create(model=model, messages=MESSAGES, stream=True) as stream,
        ):
            stream.final_completion()
        return probe.spend.by_model[model]


def test_a_budget_holds_the_cut_attempt_s_charge_before_the_fallback_is_sent(ccapi_sandbox: SandboxServer) -> None:
    # The budget holds either worst case but not both: once the cut attempt is charged, the fallback cannot be held.
    primary, fallback = _worst_case(ccapi_sandbox, PRIMARY), _worst_case(ccapi_sandbox, FALLBACK)
    budget = max(primary, fallback) + min(primary, fallback) / 2
    ccapi_sandbox.config.faults = Faults(models={PRIMARY: ModelFault("cut", after=6)})
    with _sync(ccapi_sandbox, budget=budget, fallback_models=[FALLBACK]) as client:
        with (
            pytest.raises(ccapi.BudgetExceededError),
            client.chat.completions.create(model=PRIMARY, messages=MESSAGES, stream=True) as stream,
        ):
            stream.final_completion()
        assert client.spend.total <= budget
        assert client.spend.by_model[PRIMARY] == primary
        assert client.spend.reserved == 0
