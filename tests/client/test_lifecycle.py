"""One lifecycle per call, ended exactly once at every exit, and the money, spans and hooks that observe it: against
the sandbox on a real socket, sync and async, with a budget and with tracing on. Spend is compared with what the
sandbox itself billed (its own record of usage per request)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import threading
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs
import ccapi
import httpx
import pytest
from ccapi._lifecycle import Call, Outcome, Tracker
from ccapi.testing import Faults, SandboxServer
from ccapi.testing._catalog import MODELS

HELLO = [{"role": "user", "content": "Say hello to the cost accountant"}]
CHAT, DEAR_CHAT = "openai/gpt-4o-mini", "openai/gpt-4o"
MULTIMODAL = "imaginepro/nano-banana"


class Recorder:
    """An observer that writes down every start and every end (thread-safe)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.started: list[int] = []
        self.ends: list[tuple[int, str, Outcome]] = []

    def open(self, call: Call) -> Tracker:
        with self.lock:  # numbered, not by id(): a call's id is reused once it is freed
            number = len(self.started)
            self.started.append(number)
        return _Ending(self, call, number)

    def ends_by_call(self) -> Counter[int]:
        with self.lock:
            return Counter(key for key, _, _ in self.ends)

    def outcomes(self, operation_id: str | None = None) -> list[Outcome]:
        with self.lock:
            return [outcome for _, op, outcome in self.ends if operation_id is None or op == operation_id]

    def assert_each_ended_once(self) -> None:
        gc.collect()
        ends = self.ends_by_call()
        with self.lock:
            assert set(ends) == set(self.started)
        assert all(count == 1 for count in ends.values()), ends


class _Ending(Tracker):
    __slots__ = ("number", "operation_id", "recorder")

    def __init__(self, recorder: Recorder, call: Call, number: int) -> None:
        self.recorder = recorder
        self.number = number
        self.operation_id = call.op.operation_id

    def end(self, outcome: Outcome, value: Any) -> None:
        with self.recorder.lock:
            self.recorder.ends.append((self.number, self.operation_id, outcome))


def watched(client: Any) -> Recorder:
    recorder = Recorder()
    client._pipeline.observers = (*client._pipeline.observers, recorder)
    return recorder


def _client(sandbox: SandboxServer, **options: Any) -> ccapi.CCAPI:
    return ccapi.CCAPI(api_key=sandbox.api_key, base_url=sandbox.base_url, **options)


def _async_client(sandbox: SandboxServer, **options: Any) -> ccapi.AsyncCCAPI:
    return ccapi.AsyncCCAPI(api_key=sandbox.api_key, base_url=sandbox.base_url, **options)


def _billed(sandbox: SandboxServer, since: int) -> Decimal:
    """What the sandbox billed for the chats it served since `since`, at its catalog's prices."""
    prices = {model.id: model for model in sandbox.state.catalog.models}
    total = Decimal(0)
    for bill in sandbox.billed[since:]:
        price = prices[bill.model]
        total += (
            bill.prompt_tokens * Decimal(str(price.input_cost))
            + bill.completion_tokens * Decimal(str(price.output_cost))
        ) / 1_000_000
    return total


@pytest.fixture(params=[False, True], ids=["untraced", "traced"])
def tracing(request: pytest.FixtureRequest) -> Iterator[dict[str, Any]]:
    """The client's options: none, or a tracer provider of its own (so that every call makes a span)."""
    if not request.param:
        yield {}
        return
    pytest.importorskip("opentelemetry.sdk")
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    yield {"tracer_provider": provider}
    assert exporter.get_finished_spans()  # the calls were traced


# ----------------------------------------------------------------------------------------------- every exit, once


def test_every_exit_ends_its_call_exactly_once(ccapi_sandbox: SandboxServer) -> None:
    ccapi_sandbox.config.job_duration = 0.2
    with _client(ccapi_sandbox, budget="5", on_request=lambda request: None) as client:
        recorder = watched(client)
        client.chat.completions.create(model=CHAT, messages=HELLO)  # type: ignore[arg-type]
        ccapi_sandbox.config.faults = Faults(error_status=402, error_count=1)
        with pytest.raises(ccapi.BillingError):
            client.chat.completions.create(model=CHAT, messages=HELLO, max_tokens=5)  # type: ignore[arg-type]
        with client.chat.completions.create(model=CHAT, messages=HELLO, stream=True) as stream:  # type: ignore[arg-type]
            list(stream)
        with client.chat.completions.create(model=CHAT, messages=HELLO, stream=True) as stream:  # type: ignore[arg-type]
            for _ in stream:
                break
        client.chat.completions.create(model=CHAT, messages=HELLO, stream=True).close()  # type: ignore[arg-type]
        with client.chat.completions.create(model=CHAT, messages=HELLO, stream=True) as stream:  # type: ignore[arg-type]
            next(iter(stream))
        dropped = client.chat.completions.create(model=CHAT, messages=HELLO, stream=True)  # type: ignore[arg-type]
        del dropped
        gc.collect()
        job = client.images.generate_multimodal(model=MULTIMODAL, contents=[{"text": "a fox"}])
        job.wait(timeout=30)
        abandoned = client.images.generate_multimodal(model=MULTIMODAL, contents=[{"text": "a hen"}])
        del abandoned
        gc.collect()
        ccapi_sandbox.config.faults = Faults(fail_jobs=True)
        failed = client.images.generate_multimodal(model=MULTIMODAL, contents=[{"text": "a cat"}])
        with pytest.raises(ccapi.ImageJobFailedError):
            failed.wait(timeout=30)
        ccapi_sandbox.config.faults = Faults(jobs_never_finish=True)
        slow = client.images.generate_multimodal(model=MULTIMODAL, contents=[{"text": "an owl"}])
        with pytest.raises(ccapi.ImageJobTimeoutError):
            slow.wait(timeout=0.3)
        assert recorder.outcomes("generateImage")[-1:] == [Outcome.RESULT]  # the timed-out job is still open...
        del slow  # ...until it is abandoned
        gc.collect()
        list(client.models.list(limit=3))
        assert client.spend.reserved == 0
    recorder.assert_each_ended_once()
    chats = recorder.outcomes("createChatCompletion")
    assert chats == [Outcome.RESULT, Outcome.ERROR, Outcome.COMPLETE, Outcome.LEFT, Outcome.LEFT, Outcome.LEFT,
                     Outcome.LEFT]  # fmt: skip
    assert recorder.outcomes("generateImage") == [Outcome.RESULT, Outcome.LEFT, Outcome.RESULT, Outcome.LEFT]


def test_a_hook_that_raises_ends_the_call_and_keeps_no_connection(ccapi_sandbox: SandboxServer) -> None:
    def refuse(response: httpx.Response) -> None:
        raise RuntimeError("no thanks")

    limits = httpx.Limits(max_connections=2)
    http = ccapi.DefaultHttpxClient(limits=limits, timeout=httpx.Timeout(5.0, pool=1.0))
    with _client(ccapi_sandbox, on_response=refuse, http_client=http, max_retries=0) as client:
        recorder = watched(client)
        for _ in range(5):  # more than the pool holds: a leaked connection would make the third one time out
            with pytest.raises(RuntimeError, match="no thanks"):
                client.chat.completions.create(model=CHAT, messages=HELLO, stream=True)  # type: ignore[arg-type]
        healthy = client.with_options(on_response=lambda response: None)
        healthy.chat.completions.create(model=CHAT, messages=HELLO)  # type: ignore[arg-type]
    recorder.assert_each_ended_once()
    assert recorder.outcomes()[:5] == [Outcome.ERROR] * 5
    http.close()


def test_a_coroutine_hook_is_refused_by_the_sync_client_when_it_is_made() -> None:
    async def hook(request: httpx.Request) -> None:
        return None

    with pytest.raises(TypeError, match="on_request"):
        ccapi.CCAPI(api_key="k", on_request=hook)
    with pytest.raises(TypeError, match="on_error"):
        ccapi.CCAPI(api_key="k").with_options(on_error=hook)
    ccapi.AsyncCCAPI(api_key="k", on_request=hook)  # awaited there


def test_every_exit_ends_its_call_exactly_once_async(ccapi_sandbox: SandboxServer) -> None:
    async def run() -> Recorder:
        async def hook(request: httpx.Request) -> None:
            await asyncio.sleep(0)

        async with _async_client(ccapi_sandbox, budget="5", on_request=hook) as client:
            recorder = watched(client)
            await client.chat.completions.create(model=CHAT, messages=HELLO)  # type: ignore[arg-type]
            stream = await client.chat.completions.create(model=CHAT, messages=HELLO, stream=True)  # type: ignore[arg-type]
            async with stream:
                async for _ in stream:
                    pass
            stream = await client.chat.completions.create(model=CHAT, messages=HELLO, stream=True)  # type: ignore[arg-type]
            async with stream:
                async for _ in stream:
                    break
            unread = await client.chat.completions.create(model=CHAT, messages=HELLO, stream=True)  # type: ignore[arg-type]
            await unread.close()
            dropped = await client.chat.completions.create(model=CHAT, messages=HELLO, stream=True)  # type: ignore[arg-type]
            del dropped
            gc.collect()
            job = await client.images.generate_multimodal(model=MULTIMODAL, contents=[{"text": "a fox"}])
            await job.wait(timeout=30)
            await asyncio.sleep(0.05)  # the dropped stream's close, scheduled on the loop
        return recorder

    recorder = asyncio.run(run())
    recorder.assert_each_ended_once()
    assert recorder.outcomes("createChatCompletion") == [
        Outcome.RESULT, Outcome.COMPLETE, Outcome.LEFT, Outcome.LEFT, Outcome.LEFT
    ]  # fmt: skip


# ------------------------------------------------------------------------------------------ money at every exit


def test_streams_left_early_are_charged_their_worst_case_and_release_their_holds(
    ccapi_sandbox: SandboxServer, tracing: dict[str, Any]
) -> None:
    budget = Decimal("0.001")
    sent = 0
    with _client(ccapi_sandbox, budget=budget, **tracing) as client:
        refused: ccapi.BudgetExceededError | None = None
        for _ in range(100):
            try:
                with client.chat.completions.create(model=CHAT, messages=HELLO, stream=True, max_tokens=50) as stream:  # type: ignore[arg-type]
                    next(iter(stream))
            except ccapi.BudgetExceededError as error:
                refused = error
                break
            sent += 1
        assert refused is not None
        assert refused.spent > 0  # refused because of what was spent, not a hold that was never released
        assert 0 < sent < 100
        assert client.spend.reserved == 0
        assert client.spend.calls == sent
        assert 0 < client.spend.total <= budget
        assert client.spend.estimated == client.spend.total  # no usage ever arrived: all of it is worst cases
        # Closed unread: released, charged, never left holding the budget.
    with _client(ccapi_sandbox, budget="1", **tracing) as client:
        for _ in range(20):
            client.chat.completions.create(model=CHAT, messages=HELLO, stream=True, max_tokens=50).close()  # type: ignore[arg-type]
        assert client.spend.reserved == 0
        assert client.spend.calls == 20
        assert client.spend.estimated > 0
        client.chat.completions.create(model=CHAT, messages=HELLO, max_tokens=50)  # type: ignore[arg-type]


@pytest.mark.parametrize("how", ["argument", "extra_body"])
def test_a_budgeted_stream_always_learns_its_usage(
    ccapi_sandbox: SandboxServer, how: str, tracing: dict[str, Any]
) -> None:
    off: dict[str, Any] = {"stream_options": {"include_usage": False}}
    options = off if how == "argument" else {"extra_body": off}
    before = len(ccapi_sandbox.billed)
    with _client(ccapi_sandbox, budget="1", **tracing) as client:
        with client.chat.completions.create(model=CHAT, messages=HELLO, stream=True, **options) as stream:  # type: ignore[call-overload]
            usage = [chunk.usage for chunk in stream if chunk.usage is not None]
        assert len(usage) == 1  # include_usage was sent true, whatever was asked
        assert client.spend.estimated == 0
        assert client.spend.total == _billed(ccapi_sandbox, before) > 0


def test_the_estimate_reads_the_body_that_is_sent(ccapi_sandbox: SandboxServer) -> None:
    before = len(ccapi_sandbox.received)
    with _client(ccapi_sandbox, budget="0.0002") as client:
        with pytest.raises(ccapi.BudgetExceededError):
            client.chat.completions.create(  # type: ignore[arg-type]
                model=CHAT, messages=HELLO, max_tokens=1, extra_body={"max_tokens": 5000, "n": 10}
            )
        with pytest.raises(ccapi.BudgetExceededError):  # the model, overridden: priced as the one sent
            client.chat.completions.create(  # type: ignore[arg-type]
                model=CHAT, messages=HELLO, max_tokens=10, extra_body={"model": DEAR_CHAT, "max_tokens": 20}
            )
        client.chat.completions.create(model=CHAT, messages=HELLO, max_tokens=10)  # type: ignore[arg-type]
        assert client.spend.total <= Decimal("0.0002")
    chats = [r for r in ccapi_sandbox.received[before:] if r.path.endswith("/chat/completions")]
    assert len(chats) == 1


def test_the_worst_case_bounds_images_tools_and_schemas(ccapi_sandbox: SandboxServer) -> None:
    image = {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}}
    many_images = [{"role": "user", "content": [{"type": "text", "text": "Describe these"}, *[image] * 40]}]
    before = len(ccapi_sandbox.billed)
    with _client(ccapi_sandbox, budget="0.007") as client:
        with contextlib.suppress(ccapi.BudgetExceededError):
            client.chat.completions.create(model=CHAT, messages=many_images, max_tokens=20)  # type: ignore[arg-type]
        assert client.spend.total >= _billed(ccapi_sandbox, before)
        assert client.spend.total <= Decimal("0.007")
    from ccapi._prices import input_tokens
    from ccapi_generated.resources._operations import CREATE_CHAT_COMPLETION

    cost = CREATE_CHAT_COMPLETION.cost
    assert cost is not None
    plain = {"model": CHAT, "messages": HELLO}
    tool = {
        "type": "function",
        "function": {"name": "lookup", "parameters": {"type": "object", "description": "x" * 900}},
    }
    schema = {"type": "json_schema", "json_schema": {"name": "r", "schema": {"description": "y" * 900}}}
    assert input_tokens(cost, {**plain, "tools": [tool]}) > input_tokens(cost, plain) + 900
    assert input_tokens(cost, {**plain, "response_format": schema}) > input_tokens(cost, plain) + 900
    assert input_tokens(cost, {**plain, "functions": [tool]}) > input_tokens(cost, plain) + 900  # undeclared: input
    assert input_tokens(cost, {"model": CHAT, "messages": many_images}) >= 40 * cost.image_tokens


def test_past_spend_keeps_its_price_and_a_model_leaving_breaks_nothing_else(ccapi_sandbox: SandboxServer) -> None:
    from ccapi._prices import PRICES_TTL

    with _client(ccapi_sandbox, budget="1") as client:
        client.chat.completions.create(model=CHAT, messages=HELLO, max_tokens=20)  # type: ignore[arg-type]
        client.chat.completions.create(model=DEAR_CHAT, messages=HELLO, max_tokens=20)  # type: ignore[arg-type]
        spent = client.spend.total
        by_model = client.spend.by_model
        cheaper = tuple(attrs.evolve(model, input_cost=0.0, output_cost=0.0) if model.id == CHAT else model
                        for model in MODELS if model.id != DEAR_CHAT)  # fmt: skip
        ccapi_sandbox.config.catalog_models = cheaper  # a price cut, and a model gone
        observer = client._pipeline.spending.observer
        observer.prices._loaded_at = -PRICES_TTL  # the catalog's prices are fetched again for the next call
        client.chat.completions.create(model=CHAT, messages=HELLO, max_tokens=20)  # type: ignore[arg-type]
        assert client.spend.total == spent  # the new call cost 0; the old ones kept their price
        assert client.spend.by_model[DEAR_CHAT] == by_model[DEAR_CHAT]
        with pytest.raises(ccapi.UnknownPriceError) as unpriced:  # a budgeted call the catalog cannot price
            client.chat.completions.create(model=DEAR_CHAT, messages=HELLO, max_tokens=20)  # type: ignore[arg-type]
        assert unpriced.value.model == DEAR_CHAT
        assert isinstance(unpriced.value, ccapi.CCAPIError)
        assert DEAR_CHAT in str(unpriced.value)


def test_concurrent_calls_on_a_fresh_budgeted_client_never_overspend_nor_charge_zero(
    ccapi_sandbox: SandboxServer,
) -> None:
    budget = Decimal("0.02")
    ccapi_sandbox.config.faults = Faults(latency=0.01)
    before = len(ccapi_sandbox.billed)

    async def run() -> tuple[int, Decimal, Decimal, Decimal]:
        async with _async_client(ccapi_sandbox, budget=budget) as client:

            async def one(index: int) -> int:
                try:
                    if index % 3 == 0:
                        stream = await client.chat.completions.create(  # type: ignore[arg-type]
                            model=CHAT, messages=HELLO, stream=True, max_tokens=100
                        )
                        async with stream:
                            async for _ in stream:
                                break  # left early
                    else:
                        await client.chat.completions.create(model=CHAT, messages=HELLO, max_tokens=100)  # type: ignore[arg-type]
                except ccapi.BudgetExceededError:
                    return 0
                return 1

            served = sum(await asyncio.gather(*(one(index) for index in range(64))))
            return served, client.spend.total, client.spend.reserved, Decimal(client.spend.calls)

    served, total, reserved, calls = asyncio.run(run())
    assert served > 0
    assert calls == served  # every served call was charged...
    assert total >= _billed(ccapi_sandbox, before)  # ...at least what the sandbox billed...
    assert total <= budget  # ...and never beyond the budget
    assert reserved == 0

    before = len(ccapi_sandbox.billed)
    outcomes: list[int] = []
    with _client(ccapi_sandbox, budget=budget) as client:

        def worker(index: int) -> None:
            try:
                if index % 4 == 0:
                    with client.chat.completions.create(model=CHAT, messages=HELLO, stream=True, max_tokens=100) as s:  # type: ignore[arg-type]
                        next(iter(s))
                else:
                    client.chat.completions.create(model=CHAT, messages=HELLO, max_tokens=100)  # type: ignore[arg-type]
            except ccapi.BudgetExceededError:
                outcomes.append(0)
            else:
                outcomes.append(1)

        threads = [threading.Thread(target=worker, args=(index,)) for index in range(32)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(outcomes) == 32
        assert client.spend.calls == sum(outcomes) > 0
        assert _billed(ccapi_sandbox, before) <= client.spend.total <= budget
        assert client.spend.reserved == 0


def test_threads_on_a_fresh_client_count_every_call(ccapi_sandbox: SandboxServer) -> None:
    with _client(ccapi_sandbox) as client:
        barrier = threading.Barrier(32)
        errors: list[BaseException] = []

        def worker() -> None:
            try:
                barrier.wait()
                client.chat.completions.create(model=CHAT, messages=HELLO, max_tokens=5)  # type: ignore[arg-type]
            except BaseException as error:
                errors.append(error)

        threads = [threading.Thread(target=worker) for _ in range(32)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert client.spend.calls == 32
        assert client.spend.total > 0


# --------------------------------------------------------------------------------------------------------- spans


def test_a_stream_left_early_ends_its_span_without_an_error(ccapi_sandbox: SandboxServer) -> None:
    pytest.importorskip("opentelemetry.sdk")
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
    from opentelemetry.trace import StatusCode

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    with _client(ccapi_sandbox, tracer_provider=provider) as client:
        with client.chat.completions.create(model=CHAT, messages=HELLO, stream=True) as stream:  # type: ignore[arg-type]
            for _ in stream:
                break
        unread = client.chat.completions.create(model=CHAT, messages=HELLO, stream=True)  # type: ignore[arg-type]
        del unread
        gc.collect()
    spans = exporter.get_finished_spans()
    assert len(spans) == 2
    for span in spans:
        assert span.status.status_code != StatusCode.ERROR
        assert "error.type" not in (span.attributes or {})
        assert (span.attributes or {})["ccapi.left_early"] is True


# ---------------------------------------------------------------------------------------------------- the same, async


def test_async_streams_left_early_or_unread_are_charged_and_release_their_holds(
    ccapi_sandbox: SandboxServer, tracing: dict[str, Any]
) -> None:
    budget = Decimal("0.001")

    async def run() -> tuple[int, ccapi.BudgetExceededError | None, Any]:
        sent, refused = 0, None
        async with _async_client(ccapi_sandbox, budget=budget, **tracing) as client:
            for index in range(100):
                try:
                    stream = await client.chat.completions.create(  # type: ignore[arg-type]
                        model=CHAT, messages=HELLO, stream=True, max_tokens=50
                    )
                except ccapi.BudgetExceededError as error:
                    refused = error
                    break
                if index % 2:
                    async with stream:
                        await anext(aiter(stream))
                else:
                    await stream.close()  # unread
                sent += 1
            return (
                sent,
                refused,
                (client.spend.reserved, client.spend.calls, client.spend.total, client.spend.estimated),
            )

    sent, refused, (reserved, calls, total, estimated) = asyncio.run(run())
    assert 0 < sent < 100
    assert refused is not None
    assert refused.spent > 0
    assert reserved == 0
    assert calls == sent
    assert 0 < total == estimated <= budget


def test_async_budgeted_streams_learn_their_usage_and_estimates_read_the_body_sent(
    ccapi_sandbox: SandboxServer, tracing: dict[str, Any]
) -> None:
    before = len(ccapi_sandbox.billed)
    sent_before = len(ccapi_sandbox.received)

    async def run() -> tuple[int, Decimal, Decimal]:
        async with _async_client(ccapi_sandbox, budget="1", **tracing) as client:
            stream = await client.chat.completions.create(  # type: ignore[arg-type]
                model=CHAT, messages=HELLO, stream=True, extra_body={"stream_options": {"include_usage": False}}
            )
            async with stream:
                usage = [chunk.usage async for chunk in stream if chunk.usage is not None]
            tight = client.with_options(budget="0.0002")
            with pytest.raises(ccapi.BudgetExceededError):
                await tight.chat.completions.create(  # type: ignore[arg-type]
                    model=CHAT, messages=HELLO, max_tokens=1, extra_body={"max_tokens": 5000, "n": 10}
                )
            return len(usage), client.spend.total, client.spend.estimated

    reported, total, estimated = asyncio.run(run())
    assert reported == 1
    assert estimated == 0
    assert total == _billed(ccapi_sandbox, before) > 0
    chats = [r for r in ccapi_sandbox.received[sent_before:] if r.path.endswith("/chat/completions")]
    assert len(chats) == 1  # the over-budget call never left


def test_async_hooks_that_raise_keep_no_connection_and_left_streams_are_not_errors(
    ccapi_sandbox: SandboxServer,
) -> None:
    pytest.importorskip("opentelemetry.sdk")
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
    from opentelemetry.trace import StatusCode

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))

    async def refuse(response: httpx.Response) -> None:
        raise RuntimeError("no thanks")

    async def run() -> Recorder:
        http = ccapi.DefaultAsyncHttpxClient(
            limits=httpx.Limits(max_connections=2), timeout=httpx.Timeout(5.0, pool=1.0)
        )
        async with _async_client(ccapi_sandbox, on_response=refuse, http_client=http, max_retries=0) as client:
            recorder = watched(client)
            for _ in range(5):
                with pytest.raises(RuntimeError, match="no thanks"):
                    await client.chat.completions.create(model=CHAT, messages=HELLO, stream=True)  # type: ignore[arg-type]
            traced = client.with_options(on_response=lambda response: None, tracer_provider=provider)
            stream = await traced.chat.completions.create(model=CHAT, messages=HELLO, stream=True)  # type: ignore[arg-type]
            async with stream:
                async for _ in stream:
                    break
        await http.aclose()
        return recorder

    recorder = asyncio.run(run())
    recorder.assert_each_ended_once()
    assert recorder.outcomes() == [Outcome.ERROR] * 5
    (span,) = exporter.get_finished_spans()  # the stream left early, on the copy whose calls are traced
    assert span.status.status_code != StatusCode.ERROR
    assert (span.attributes or {})["ccapi.left_early"] is True


def test_a_media_download_is_a_call_of_its_own_that_hooks_see(ccapi_sandbox: SandboxServer) -> None:
    seen: list[str] = []
    with _client(ccapi_sandbox, on_request=lambda request: seen.append(request.url.path)) as client:
        recorder = watched(client)
        speech = client.audio.speech.create(model="elevenlabs/eleven_turbo_v2", input="Hello", voice="aria")
        assert speech.url is not None
        assert client.media.read(speech)
    recorder.assert_each_ended_once()
    assert recorder.outcomes() == [Outcome.RESULT, Outcome.RESULT]
    assert seen[0].endswith("/audio/speech")
    assert "/files/" in seen[1]


def test_an_unbudgeted_client_keeps_sums_not_calls_until_it_prices_them(ccapi_sandbox: SandboxServer) -> None:
    from ccapi._prices import worst_case
    from ccapi_generated.resources._operations import CREATE_CHAT_COMPLETION

    with _client(ccapi_sandbox) as client:
        for _ in range(30):  # streams whose usage is never known, before the catalog was ever fetched
            client.chat.completions.create(model=CHAT, messages=HELLO, stream=True, max_tokens=20).close()  # type: ignore[arg-type]
        observer = client._pipeline.spending.observer
        assert len(observer.account._waiting_worst) == 1  # one sum, whatever the number of calls
        assert client.spend.calls == 30
        total = client.spend.total  # fetches the catalog, and prices what waited
        assert CREATE_CHAT_COMPLETION.cost is not None
        one = worst_case(
            CREATE_CHAT_COMPLETION.cost, {"model": CHAT, "messages": HELLO, "max_tokens": 20}, observer.prices
        )
        assert total == client.spend.estimated == 30 * one
        assert observer.account.pending_models == []


def test_abandoning_a_job_ends_its_call_and_charges_its_worst_case(ccapi_sandbox: SandboxServer) -> None:
    ccapi_sandbox.config.faults = Faults(jobs_never_finish=True)
    with _client(ccapi_sandbox, budget="1") as client:
        recorder = watched(client)
        job = client.images.generate_multimodal(model=MULTIMODAL, contents=[{"text": "a heron"}])
        held = client.spend.reserved
        assert held > 0
        job.abandon()
        job.abandon()  # once is enough: the call has ended
        assert client.spend.reserved == 0
        assert client.spend.estimated == held == client.spend.total
    assert recorder.outcomes("generateImage") == [Outcome.LEFT]


def test_async_spend_totals_are_plain_amounts_and_may_still_be_awaited(ccapi_sandbox: SandboxServer) -> None:
    async def run() -> tuple[Decimal, Decimal, Decimal, Decimal]:
        async with _async_client(ccapi_sandbox) as unbudgeted:  # its calls wait for prices until spend is read
            await unbudgeted.chat.completions.create(model=CHAT, messages=HELLO, max_tokens=5)  # type: ignore[arg-type]
            with pytest.warns(DeprecationWarning, match="removed in 0.3.0"):
                awaited = await unbudgeted.spend.total  # fetches the catalog, as it always did
            plain = unbudgeted.spend.total  # priced now: a Decimal, no await needed
        async with _async_client(ccapi_sandbox, budget="1") as budgeted:
            await budgeted.chat.completions.create(model=CHAT, messages=HELLO, max_tokens=5)  # type: ignore[arg-type]
            with pytest.warns(DeprecationWarning, match="refresh_prices"):
                awaited_plain = await budgeted.spend.total
            return awaited, plain, budgeted.spend.total, awaited_plain

    awaited, plain, budgeted_plain, budgeted_awaited = asyncio.run(run())
    assert awaited == plain > 0
    assert isinstance(plain, Decimal)
    assert budgeted_plain == budgeted_awaited == plain  # the same call at the same prices


def test_refresh_prices_fetches_the_catalog_explicitly_and_prices_waiting_calls(ccapi_sandbox: SandboxServer) -> None:
    with _client(ccapi_sandbox) as client:
        client.chat.completions.create(model=CHAT, messages=HELLO, max_tokens=5)  # type: ignore[arg-type]
        observer = client._pipeline.spending.observer
        assert observer.account.pending_models == [CHAT]  # unbudgeted: nothing fetched yet
        client.spend.refresh_prices()
        assert observer.account.pending_models == []
        assert client.spend.total > 0

    async def run() -> tuple[list[str], Decimal]:
        async with _async_client(ccapi_sandbox) as client:
            await client.chat.completions.create(model=CHAT, messages=HELLO, max_tokens=5)  # type: ignore[arg-type]
            await client.spend.refresh_prices()
            return client._pipeline.spending.observer.account.pending_models, client.spend.total

    pending, total = asyncio.run(run())
    assert pending == []
    assert isinstance(total, Decimal)
    assert total > 0


def test_a_sync_stream_whose_response_fails_to_close_still_ends_its_call() -> None:
    """The sync stream closes as the async one does (one source): its call ends even if closing the response raises
    (before, the sync close had no try/finally and the call stayed open until the stream was collected)."""

    class Unclosable(httpx.SyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            yield b'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[]}\n\n'

        def close(self) -> None:
            raise RuntimeError("the connection would not close")

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=Unclosable(), headers={"Content-Type": "text/event-stream"})

    http = httpx.Client(transport=httpx.MockTransport(answer))
    with ccapi.CCAPI(api_key="k", base_url="http://memory.test/v1", http_client=http) as client:
        recorder = watched(client)
        stream = client.chat.completions.create(model=CHAT, messages=HELLO, stream=True)  # type: ignore[arg-type]
        with pytest.raises(RuntimeError, match="would not close"):
            stream.close()
        assert recorder.outcomes("createChatCompletion") == [Outcome.LEFT]
