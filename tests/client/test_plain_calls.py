"""A plain call (no fallback model, no total deadline, no budget, no span, no hook) pays for nothing it does not use:
no route, no deadlines, no spend tracker; its spend is recorded from its result, as a tracker would have charged it.
Anything more than plain still takes the full path."""

from __future__ import annotations

import asyncio
from typing import Any

import ccapi
import httpx
import pytest

from .conftest import CHAT_REPLY, Recorder, make_async_client, make_client

HELLO: Any = [{"role": "user", "content": "Hi"}]
MODEL = "openai/gpt-4o-mini"


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many routes, deadlines and spend trackers were made."""
    from ccapi import _budget, _deadlines, _failover

    made = {"Route": 0, "Deadlines": 0, "SpendTracker": 0}
    for module, name in ((_failover, "Route"), (_deadlines, "Deadlines"), (_budget, "SpendTracker")):
        original = getattr(module, name).__init__

        def counting(self: Any, *args: Any, _name: str = name, _original: Any = original, **kwargs: Any) -> None:
            made[_name] += 1
            _original(self, *args, **kwargs)

        monkeypatch.setattr(getattr(module, name), "__init__", counting)
    return made


def test_a_plain_call_builds_no_route_deadlines_or_tracker(counted: dict[str, int]) -> None:
    with make_client(Recorder(httpx.Response(200, json=CHAT_REPLY)), tracing=False) as client:
        reply = client.chat.completions.create(model=MODEL, messages=HELLO)
        assert reply.choices[0].message.content == "Hi!"
        assert client.spend._observer.account.pending_models == [MODEL]  # recorded from its usage, to be priced
        assert client.spend.calls == 1
    assert counted == {"Route": 0, "Deadlines": 0, "SpendTracker": 0}


def test_an_async_plain_call_builds_none_either(counted: dict[str, int]) -> None:
    async def run() -> int:
        async with make_async_client(Recorder(httpx.Response(200, json=CHAT_REPLY)), tracing=False) as client:
            await client.chat.completions.create(model=MODEL, messages=HELLO)
            return client.spend.calls

    assert asyncio.run(run()) == 1
    assert counted == {"Route": 0, "Deadlines": 0, "SpendTracker": 0}


@pytest.mark.parametrize(
    "options",
    [{"total_timeout": 30.0}, {"fallback_models": ["anthropic/claude-sonnet-4-6"]}, {"on_request": lambda r: None}],
    ids=["total deadline", "fallback models", "hooks"],
)
def test_what_is_more_than_plain_takes_the_full_path(counted: dict[str, int], options: dict[str, Any]) -> None:
    with make_client(Recorder(httpx.Response(200, json=CHAT_REPLY)), tracing=False, **options) as client:
        client.chat.completions.create(model=MODEL, messages=HELLO)
        assert client.spend.calls == 1
    assert counted["SpendTracker"] == 1


def test_a_plain_call_is_charged_as_a_tracked_one() -> None:
    """The same answers, with and without a tracker: the same spend, and an error status charges nothing."""
    refused = httpx.Response(400, json={"error": {"message": "no", "type": "invalid_request_error"}})
    answers = [httpx.Response(200, json=CHAT_REPLY), refused]
    totals = []
    for options in ({}, {"on_request": lambda request: None}):
        with make_client(Recorder(*answers), tracing=False, **options) as client:  # type: ignore[arg-type]
            client.chat.completions.create(model=MODEL, messages=HELLO)
            with pytest.raises(ccapi.BadRequestError):
                client.chat.completions.create(model=MODEL, messages=HELLO)
            totals.append((client.spend.calls, client.spend._observer.account.pending_models))
    assert totals[0] == totals[1] == (1, [MODEL])


def test_a_plain_call_whose_answer_does_not_decode_is_charged_its_worst_case() -> None:
    broken = {**CHAT_REPLY, "choices": "not a list"}
    with make_client(Recorder(httpx.Response(200, json=broken)), tracing=False) as client:
        with pytest.raises(ccapi.APIResponseValidationError):
            client.chat.completions.create(model=MODEL, messages=HELLO, max_tokens=5)
        assert client.spend.calls == 1  # served: never free, and counted at its worst case (in units, no prices yet)
        assert client.spend._observer.account.pending_models == [MODEL]
