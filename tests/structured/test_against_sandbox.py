"""The helpers against the sandbox over loopback: a stream that breaks and begins again on a fallback model says so
with a `restart` event, and its snapshots are the serving model's; a flat schema and a tool call the sandbox
answers today; spend equals what the sandbox billed, repairs included."""

from __future__ import annotations

import threading
from decimal import Decimal
from typing import Any

import ccapi
import pytest
from ccapi.testing import Faults, ModelFault, SandboxServer
from pydantic import BaseModel

PRIMARY, FALLBACK = "openai/gpt-4o-mini", "anthropic/claude-haiku-4-5"


class Echo(BaseModel):
    answer: str


def _client(sandbox: SandboxServer, **options: Any) -> ccapi.CCAPI:
    return ccapi.CCAPI(api_key=sandbox.api_key, base_url=sandbox.base_url, **options)


def test_a_stream_cut_on_its_model_restarts_on_the_fallback_with_a_restart_event(ccapi_sandbox: SandboxServer) -> None:
    ccapi_sandbox.config.faults = Faults(models={PRIMARY: ModelFault("cut", after=3)})
    ask = [{"role": "user", "content": "tell me a rather long story about the sea"}]
    with (
        _client(ccapi_sandbox, fallback_models=[FALLBACK]) as client,
        client.chat.completions.stream(model=PRIMARY, messages=ask) as stream,
    ):
        events = list(stream)
        final = stream.get_final_completion()
    kinds = [event.type for event in events]
    assert kinds.count("restart") == 1
    restart = next(event for event in events if event.type == "restart")
    assert restart.restart.model == PRIMARY
    assert restart.restart.next_model == FALLBACK
    after = events[kinds.index("restart") + 1 :]
    deltas = [event for event in after if event.type == "content.delta"]
    assert deltas[0].snapshot == deltas[0].delta  # the snapshot begins again
    assert final.model == FALLBACK
    assert final.choices[0].message.content == deltas[-1].snapshot
    assert (final.choices[0].message.content or "").startswith(f"[{FALLBACK}]")


def test_a_flat_schema_parses_and_spend_is_what_the_sandbox_billed(ccapi_sandbox: SandboxServer) -> None:
    ask = [{"role": "user", "content": "say hi"}]
    with _client(ccapi_sandbox) as client:
        completion = client.chat.completions.parse(model=PRIMARY, messages=ask, response_format=Echo)
        assert completion.choices[0].message.parsed is not None
        assert client.spend.total == client.cost_of(completion) > Decimal(0)


class Step(BaseModel):
    explanation: str
    output: str


class MathResponse(BaseModel):
    steps: list[Step]
    final_answer: str


def _billed(sandbox: SandboxServer, since: int) -> Decimal:
    """What the sandbox billed for the chats it served since `since`, at its catalog's prices."""
    prices = {model.id: model for model in sandbox.state.catalog.models}
    total = Decimal(0)
    for bill in sandbox.billed[since:]:
        price = prices[bill.model]
        total += bill.prompt_tokens * Decimal(str(price.input_cost)) + bill.completion_tokens * Decimal(
            str(price.output_cost)
        )
    return total / 1_000_000


# How many requests each kind of model takes (the sandbox's `schema_style`): one, or two with the repair.
REQUESTS = {"native": 1, "fenced": 1, "prose": 1, "broken_first": 2, "refuses": 1}


def _styles(sandbox: SandboxServer) -> dict[str, str]:
    """Each chat model of the sandbox's catalogue, and how it answers a JSON schema."""
    return {model.id: model.schema_style for model in sandbox.state.catalog.models if model.type == "text"}


def test_on_every_chat_model_parse_returns_a_valid_object_or_a_refusal_and_spend_is_what_was_billed(
    ccapi_sandbox: SandboxServer,
) -> None:
    ask = [{"role": "user", "content": "solve 8x + 31 = 2"}]
    styles = _styles(ccapi_sandbox)
    assert set(styles.values()) == set(REQUESTS)  # one model of each kind, at least
    with _client(ccapi_sandbox) as client:
        for model, style in styles.items():
            before = len(ccapi_sandbox.billed)
            completion = client.chat.completions.parse(model=model, messages=ask, response_format=MathResponse)
            message = completion.choices[0].message
            if style == "refuses":
                assert message.parsed is None
                assert message.refusal
            else:
                assert isinstance(message.parsed, MathResponse), model
            assert len(ccapi_sandbox.billed) - before == REQUESTS[style], model
        assert client.spend.total == _billed(ccapi_sandbox, 0)
        assert client.spend.calls == len(ccapi_sandbox.billed)


def test_without_repairs_the_model_that_breaks_the_schema_raises_structured_output_error(
    ccapi_sandbox: SandboxServer,
) -> None:
    (model,) = [model for model, style in _styles(ccapi_sandbox).items() if style == "broken_first"]
    with _client(ccapi_sandbox, max_repairs=0) as client:
        try:
            client.chat.completions.parse(
                model=model, messages=[{"role": "user", "content": "x"}], response_format=MathResponse
            )
        except ccapi.StructuredOutputError as error:
            raised = error
        assert raised.errors
        assert len(raised.attempts) == 1
        assert client.spend.total == _billed(ccapi_sandbox, 0)  # the failed answer is charged too


def test_every_kind_of_model_streams_its_typed_answer(ccapi_sandbox: SandboxServer) -> None:
    ask = [{"role": "user", "content": "solve 8x + 31 = 2"}]
    with _client(ccapi_sandbox) as client:
        for model, style in _styles(ccapi_sandbox).items():
            if style == "broken_first":
                continue  # a stream is not repaired (see test_stream.py)
            with client.chat.completions.stream(model=model, messages=ask, response_format=MathResponse) as stream:
                kinds = [event.type for event in stream]
                final = stream.get_final_completion()
            if style == "refuses":
                assert "refusal.done" in kinds
                assert final.choices[0].message.refusal
            else:
                assert "content.done" in kinds
                assert isinstance(final.choices[0].message.parsed, MathResponse), model


def test_a_runner_calls_the_sandboxs_tool_and_ends_on_its_answer(ccapi_sandbox: SandboxServer) -> None:
    seen: list[str] = []

    @ccapi.tool
    def lookup(query: str) -> str:
        """Look something up."""
        seen.append(query)
        return "forty-two"

    ask = [{"role": "user", "content": "please lookup the answer"}]
    with _client(ccapi_sandbox) as client:
        runner = client.chat.completions.run_tools(model=PRIMARY, messages=ask, tools=[lookup])
        final = runner.until_done()
    assert seen == ["please lookup the answer"]
    assert len(runner.steps) == 2
    assert final.choices[0].message.content == "The tool answered: forty-two"


def test_a_runner_with_three_tools_two_in_parallel_and_one_raising_takes_three_steps_on_the_sandbox(
    ccapi_sandbox: SandboxServer,
) -> None:
    threads: set[str] = set()
    together = threading.Barrier(2, timeout=5)

    @ccapi.tool
    def get_weather(city: str) -> str:
        """The weather in a city."""
        threads.add(threading.current_thread().name)
        together.wait()  # returns only once get_flights runs too
        return "18 C"

    @ccapi.tool
    def get_flights(city: str) -> str:
        """Flights to a city."""
        threads.add(threading.current_thread().name)
        together.wait()
        return "AF123"

    @ccapi.tool
    def reserve_seat(flight: str) -> str:
        """Reserve a seat on a flight."""
        raise RuntimeError("no seats left")

    ask = [{"role": "user", "content": "Check the weather and the flights in Paris, then reserve a seat"}]
    with _client(ccapi_sandbox) as client:
        runner = client.chat.completions.run_tools(
            model=PRIMARY, messages=ask, tools=[get_weather, get_flights, reserve_seat]
        )
        final = runner.until_done()
        assert client.spend.total == _billed(ccapi_sandbox, 0)
    assert len(runner.steps) == 3
    assert len(threads) == 2
    assert [result.name for result in runner.steps[0].results] == ["get_weather", "get_flights"]
    (booking,) = runner.steps[1].results
    assert isinstance(booking.error, RuntimeError)
    assert "no seats left" in (final.choices[0].message.content or "")  # the model was told, and says so


def test_a_runner_with_a_budget_for_two_steps_stops_before_the_third_on_the_sandbox(
    ccapi_sandbox: SandboxServer,
) -> None:
    @ccapi.tool
    def get_weather(city: str) -> str:
        """The weather in a city."""
        return "18 C"

    @ccapi.tool
    def book_flight(flight: str) -> str:
        """Book a flight."""
        return "booked"

    ask = [{"role": "user", "content": "Check the weather in Paris, then book the flight"}]
    tools = [get_weather, book_flight]
    with _client(ccapi_sandbox) as client:  # the same run unbudgeted, to learn what two steps cost
        two = client.chat.completions.run_tools(model=PRIMARY, messages=ask, tools=tools, max_steps=2, max_tokens=50)
        two.until_done()
        two_steps = client.spend.total
    with _client(ccapi_sandbox, budget="0.0000001") as client:  # what the third step holds before it is sent
        try:
            client.chat.completions.run_tools(
                model=PRIMARY, messages=two.messages, tools=tools, max_tokens=50
            ).until_done()
        except ccapi.BudgetExceededError as error:
            third = error.estimate
    # Room for two answers and the second step's hold, not for the third step's (less than one token short).
    with _client(ccapi_sandbox, budget=two_steps + third - Decimal("0.00000001")) as client:
        runner = client.chat.completions.run_tools(model=PRIMARY, messages=ask, tools=tools, max_tokens=50)
        try:
            runner.until_done()
        except ccapi.BudgetExceededError as error:
            stopped = error
        assert client.spend.total == two_steps
    assert len(runner.steps) == 2
    assert stopped.messages == runner.messages == two.messages


def test_a_stream_that_breaks_the_schema_is_charged_what_the_sandbox_billed(ccapi_sandbox: SandboxServer) -> None:
    # The answer is whole (and billed) when it fails to validate: its usage chunk, just behind, is still read.
    (model,) = [model for model, style in _styles(ccapi_sandbox).items() if style == "broken_first"]
    ask = [{"role": "user", "content": "solve 8x + 31 = 2"}]
    with _client(ccapi_sandbox) as client:
        stream = client.chat.completions.stream(
            model=model, messages=ask, response_format=MathResponse, stream_options={"include_usage": True}
        )
        with pytest.raises(ccapi.StructuredOutputError) as raised, stream as events:
            for _event in events:
                pass
        assert raised.value.errors
        assert len(ccapi_sandbox.billed) == 1
        assert client.spend.estimated == 0
        assert client.spend.total == _billed(ccapi_sandbox, 0)
