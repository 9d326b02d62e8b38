"""What calls cost at the catalog's prices, against the sandbox (whose catalog has prices): cost_of for each kind of
result, failover, the shared spend account, budgets that block before sending, and no overspend under 64
concurrent async calls."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import ccapi
import httpx
import pytest
from ccapi.testing import Faults, SandboxServer

HELLO = [{"role": "user", "content": "Say hello to the cost accountant"}]
CHAT, DEAR_CHAT = "openai/gpt-4o-mini", "openai/gpt-4o"
SPEECH = "elevenlabs/eleven_turbo_v2"
IMAGES = "stabilityai/stable-diffusion-xl-1024-v1-0"
MULTIMODAL = "imaginepro/nano-banana"


def _catalog(sandbox: SandboxServer) -> dict[str, dict[str, Any]]:
    """Each model's pricing, read from the catalog with plain httpx (not through the SDK's own pricing)."""
    listed = httpx.get(f"{sandbox.base_url}/models", headers={"Authorization": f"Bearer {sandbox.api_key}"}).json()
    return {model["id"]: model["ccapi"]["pricing"] for model in listed["data"]}


def _d(value: float) -> Decimal:
    return Decimal(str(value))


def _client(sandbox: SandboxServer, **options: Any) -> ccapi.CCAPI:
    return ccapi.CCAPI(api_key=sandbox.api_key, base_url=sandbox.base_url, **options)


def test_the_cost_of_each_kind_of_result_is_its_usage_at_the_catalog_s_prices(ccapi_sandbox: SandboxServer) -> None:
    prices = _catalog(ccapi_sandbox)
    with _client(ccapi_sandbox) as client:
        reply = client.chat.completions.create(model=CHAT, messages=HELLO)  # type: ignore[arg-type]
        assert reply.usage is not None
        expected = (
            reply.usage.prompt_tokens * _d(prices[CHAT]["input_cost_per_million"])
            + reply.usage.completion_tokens * _d(prices[CHAT]["output_cost_per_million"])
        ) / 1_000_000
        assert client.cost_of(reply) == expected > 0

        speech = client.audio.speech.create(model=SPEECH, input="Hello from the sandbox", voice="aria")
        assert speech.duration_seconds
        assert client.cost_of(speech) == _d(speech.duration_seconds) * _d(prices[SPEECH]["per_second_cost"])

        images = client.images.generate(model=IMAGES, prompt="a ledger", n=2)
        assert client.cost_of(images) == 2 * _d(prices[IMAGES]["per_image_cost"])

        job = client.images.generate_multimodal(model=MULTIMODAL, contents=[{"text": "a ledger"}])
        done = job.wait(timeout=30)
        assert client.cost_of(done) == len(done.data or []) * _d(prices[MULTIMODAL]["per_image_cost"])

        with pytest.raises(TypeError, match="cost_of takes"):
            client.cost_of(client.models.list())


def test_with_failover_the_model_that_served_is_the_one_charged(ccapi_sandbox: SandboxServer) -> None:
    prices = _catalog(ccapi_sandbox)
    ccapi_sandbox.config.faults = Faults(down_models=[DEAR_CHAT])
    with _client(ccapi_sandbox) as client:
        reply = client.chat.completions.create(models=[DEAR_CHAT, CHAT], messages=HELLO)  # type: ignore[arg-type]
        assert reply.model == CHAT
        assert reply.usage is not None
        expected = (
            reply.usage.prompt_tokens * _d(prices[CHAT]["input_cost_per_million"])
            + reply.usage.completion_tokens * _d(prices[CHAT]["output_cost_per_million"])
        ) / 1_000_000
        assert client.cost_of(reply) == expected
        assert client.spend.by_model == {CHAT: expected}


def test_spend_is_shared_by_copies_counted_without_a_request_and_reset(ccapi_sandbox: SandboxServer) -> None:
    before = len(ccapi_sandbox.received)
    with _client(ccapi_sandbox) as client:
        copy = client.with_options(timeout=30)
        replies = [
            client.chat.completions.create(model=CHAT, messages=HELLO),  # type: ignore[arg-type]
            copy.chat.completions.create(model=CHAT, messages=HELLO),  # type: ignore[arg-type]
        ]
        with copy.chat.completions.create(  # type: ignore[arg-type]
            model=CHAT, messages=HELLO, stream=True, stream_options={"include_usage": True}
        ) as stream:
            streamed = [chunk for chunk in stream if chunk.usage is not None]
        with client.chat.completions.create(model=CHAT, messages=HELLO, stream=True) as unreported:  # type: ignore[arg-type]
            list(unreported)  # no usage asked for: served all the same, so charged its worst case, as an estimate
        # Counting made no request of its own: the catalog is fetched only when a total is read.
        assert not any(request.path.endswith("/models") for request in ccapi_sandbox.received[before:])
        assert client.spend.calls == copy.spend.calls == 4
        total = client.spend.total
        estimated = client.spend.estimated
        assert estimated > 0
        assert total == sum(client.cost_of(result) for result in [*replies, *streamed]) + estimated
        assert copy.spend.total == total
        client.spend.reset()
        assert copy.spend.calls == 0
        assert copy.spend.total == 0


def test_a_budget_blocks_a_call_before_anything_is_sent(ccapi_sandbox: SandboxServer) -> None:
    with _client(ccapi_sandbox, budget=Decimal("0.01")) as client:
        before = len(ccapi_sandbox.received)
        with pytest.raises(ccapi.BudgetExceededError) as blocked:
            # gpt-4o's worst case (its 16,384 output tokens at $10 a million) is more than a cent.
            client.chat.completions.create(model=DEAR_CHAT, messages=HELLO)  # type: ignore[arg-type]
        sent = [request.path for request in ccapi_sandbox.received[before:]]
        assert sent == ["/v1/models"]  # the prices, fetched to make the estimate; the call itself never left
        error = blocked.value
        assert isinstance(error, ccapi.CCAPIError)
        assert error.estimate > error.remaining == Decimal("0.01")
        assert error.spent == 0
        # A cap on the output makes the worst case small enough, and then the call goes.
        reply = client.chat.completions.create(model=DEAR_CHAT, messages=HELLO, max_tokens=50)  # type: ignore[arg-type]
        assert client.spend.total == client.cost_of(reply) <= Decimal("0.01")
        with pytest.raises(ccapi.BudgetExceededError):
            client.images.generate(model=IMAGES, prompt="a ledger", n=3)  # 3 x $0.004 > what is left
        with pytest.raises(ccapi.BudgetExceededError):
            client.audio.speech.create(model=SPEECH, input="word " * 2000, voice="aria")


def test_with_a_budget_a_stream_asks_for_its_usage_and_settles_at_its_end(ccapi_sandbox: SandboxServer) -> None:
    with _client(ccapi_sandbox, budget=Decimal("1")) as client:
        with client.chat.completions.create(model=CHAT, messages=HELLO, stream=True) as stream:  # type: ignore[arg-type]
            usage = [chunk for chunk in stream if chunk.usage is not None]
        assert len(usage) == 1  # asked for by the SDK, since the budget needs it
        assert client.spend.calls == 1
        assert client.spend.total == client.cost_of(usage[0])
        assert client.spend.reserved == 0  # the stream's hold was released


def test_sixty_four_concurrent_calls_never_overspend(ccapi_sandbox: SandboxServer) -> None:
    async def run() -> tuple[int, int, Decimal, Decimal]:
        async with ccapi.AsyncCCAPI(api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url) as probe:
            await probe.spend.refresh()
            observer = probe._pipeline.spending.observer
            observer.prices.load([model async for model in probe.models.list()])
            from ccapi._prices import worst_case
            from ccapi_generated.resources._operations import CREATE_CHAT_COMPLETION

            assert CREATE_CHAT_COMPLETION.cost is not None
            body = {"model": CHAT, "messages": HELLO, "max_tokens": 200}
            estimate = worst_case(CREATE_CHAT_COMPLETION.cost, body, observer.prices)
        budget = estimate * 10  # room for about ten calls in flight at their worst
        ccapi_sandbox.config.faults = Faults(latency=0.05)  # so that many are in flight at once
        before = len(ccapi_sandbox.received)
        async with ccapi.AsyncCCAPI(
            api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url, budget=budget
        ) as client:

            async def one() -> bool:
                try:
                    await client.chat.completions.create(model=CHAT, messages=HELLO, max_tokens=200)  # type: ignore[arg-type]
                except ccapi.BudgetExceededError:
                    return False
                return True

            outcomes = await asyncio.gather(*(one() for _ in range(64)))
            spent = client.spend.total  # priced as each call ended: no await needed
        chats = [r for r in ccapi_sandbox.received[before:] if r.path.endswith("/chat/completions")]
        return sum(outcomes), len(chats), spent, budget

    succeeded, sent, spent, budget = asyncio.run(run())
    assert 0 < succeeded < 64  # some were held back...
    assert sent == succeeded  # ...before they were sent
    assert spent <= budget


@pytest.mark.parametrize(("budget", "error"), [(1.5, TypeError), ("-1", ValueError), ("a lot", ValueError)])
def test_a_wrong_budget_is_refused_naming_it(budget: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="budget"):
        ccapi.CCAPI(api_key="k", budget=budget)  # type: ignore[arg-type]


def test_prices_are_fetched_again_after_their_time_and_for_a_model_not_seen() -> None:
    from ccapi._prices import MISSING_MODEL_RETRY, PRICES_TTL, PriceBook

    now = [0.0]
    book = PriceBook(clock=lambda: now[0])
    assert book.needs_loading([CHAT])
    book.load([])
    assert not book.needs_loading([CHAT])  # just fetched: not at once again, even for a model it lacks
    now[0] = MISSING_MODEL_RETRY + 1
    assert book.needs_loading([CHAT])
    assert not book.needs_loading([])
    now[0] = PRICES_TTL + 1
    assert book.needs_loading([])


def test_an_image_job_holds_its_worst_case_until_it_is_seen_to_end(ccapi_sandbox: SandboxServer) -> None:
    prices = _catalog(ccapi_sandbox)
    ccapi_sandbox.config.job_duration = 0.5
    with _client(ccapi_sandbox, budget=Decimal("1")) as client:
        job = client.images.generate_multimodal(
            model=MULTIMODAL, contents=[{"text": "a ledger"}], parameters={"num_images": 2}
        )
        held = client.spend.reserved
        assert held == 2 * _d(prices[MULTIMODAL]["per_image_cost"])  # the count asked for, at the image price
        assert client.spend.calls == 0  # not counted before it ends
        done = job.wait(timeout=30)
        assert client.spend.reserved == 0
        assert client.spend.calls == 1
        assert client.spend.total == len(done.data or []) * _d(prices[MULTIMODAL]["per_image_cost"])
