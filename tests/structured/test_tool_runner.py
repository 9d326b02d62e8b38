"""`chat.completions.run_tools`: a runner with three tools (two the model calls at once, one that raises) takes the
steps the conversation needs; a raising tool is the model's to read; a budget stops the loop before a step it cannot
afford; spans show each step and each tool."""

from __future__ import annotations

import asyncio
import threading
from decimal import Decimal
from typing import Any, Literal

import ccapi
import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import StatusCode
from pydantic import BaseModel

from ._server import ModelServer, calls, text

MODEL = "openai/gpt-4o"
ASK = [{"role": "user", "content": "Plan my trip to Paris and book it"}]


class Trip:
    """Three tools: two the model calls together (each waits for the other, so they must run at once), one that
    raises."""

    def __init__(self) -> None:
        self.together = threading.Barrier(2, timeout=5)
        self.threads: set[str] = set()

        @ccapi.tool
        def get_weather(city: str, unit: Literal["C", "F"] = "C") -> str:
            """The weather in a city now.

            Args:
                city: The city's name.
                unit: Celsius or Fahrenheit.
            """
            self.threads.add(threading.current_thread().name)
            self.together.wait()
            return f"18 degrees {unit} in {city}"

        @ccapi.tool
        def get_flights(city: str) -> list[str]:
            """Flights to a city."""
            self.threads.add(threading.current_thread().name)
            self.together.wait()
            return [f"AF123 to {city}"]

        class Booking(BaseModel):
            flight: str

        def book(booking: Booking) -> str:
            raise RuntimeError(f"no seats left on {booking.flight}")

        self.get_weather, self.get_flights = get_weather, get_flights
        self.book = ccapi.pydantic_function_tool(Booking, name="book", function=book)
        self.tools = [get_weather, get_flights, self.book]


def _script() -> ModelServer:
    return ModelServer(
        calls(("get_weather", {"city": "Paris", "unit": "C"}), ("get_flights", {"city": "Paris"})),
        calls(("book", {"flight": "AF123"})),
        text("It will be 18C in Paris; flight AF123 is full, so nothing is booked."),
    )


def test_three_tools_two_in_parallel_and_one_raising_finish_in_three_steps() -> None:
    trip, server = Trip(), _script()
    with server.client() as client:
        runner = client.chat.completions.run_tools(model=MODEL, messages=ASK, tools=trip.tools, max_steps=10)
        completions = list(runner)
    assert len(completions) == 3
    assert len(server.bodies) == 3
    assert (completions[-1].choices[0].message.content or "").startswith("It will be 18C")
    assert len(trip.threads) == 2  # the two calls of step one ran at once, each in a thread of its own
    first, second, final = runner.steps
    assert [result.content for result in first.results] == ["18 degrees C in Paris", '["AF123 to Paris"]']
    (booking,) = second.results
    assert isinstance(booking.error, RuntimeError)
    assert booking.output is None
    assert booking.content == "Error: RuntimeError: no seats left on AF123"
    assert final.results == []
    # The model was told: its second request holds both tools' results, its third the booking's error.
    told = server.bodies[2]["messages"]
    assert [message["role"] for message in told] == ["user", "assistant", "tool", "tool", "assistant", "tool"]
    assert told[-1] == {"role": "tool", "tool_call_id": "call_0_book", "content": booking.content}
    assert runner.messages == [*told, {"role": "assistant", "content": completions[-1].choices[0].message.content}]
    assert (
        server.bodies[0]["tools"][0]["function"]["parameters"]["properties"]["city"]["description"]
        == "The city's name."
    )
    parsed = completions[0].choices[0].message.tool_calls or []
    assert parsed[0].function.parsed_arguments.city == "Paris"  # type: ignore[attr-defined]


def test_until_done_returns_the_last_completion() -> None:
    trip, server = Trip(), _script()
    with server.client() as client:
        runner = client.chat.completions.run_tools(model=MODEL, messages=ASK, tools=trip.tools)
        final = runner.until_done()
    assert final.choices[0].message.content is not None
    assert len(runner.steps) == 3


def test_max_steps_ends_the_loop_with_the_tools_of_the_last_step_answered() -> None:
    trip, server = Trip(), _script()
    with server.client() as client:
        runner = client.chat.completions.run_tools(model=MODEL, messages=ASK, tools=trip.tools, max_steps=1)
        runner.until_done()
    assert len(server.bodies) == 1
    assert [message["role"] for message in runner.messages] == ["user", "assistant", "tool", "tool"]


def _worst_case_of_step_three() -> Decimal:
    """What the budget holds for the third step before sending it: the conversation after two steps, priced."""
    trip, server = Trip(), _script()
    with server.client() as client:
        runner = client.chat.completions.run_tools(
            model=MODEL, messages=ASK, tools=trip.tools, max_tokens=200, max_steps=2
        )
        runner.until_done()
    with server.client(budget="0.000001") as client, pytest.raises(ccapi.BudgetExceededError) as probe:
        client.chat.completions.run_tools(
            model=MODEL, messages=runner.messages, tools=trip.tools, max_tokens=200
        ).until_done()
    return probe.value.estimate


def test_a_budget_for_two_steps_stops_before_the_third_and_the_error_holds_the_conversation() -> None:
    budget = Decimal("0.0003") + _worst_case_of_step_three() - Decimal("0.00001")  # two answers, not the third's hold
    trip, server = Trip(), _script()
    with server.client(budget=budget) as client:
        runner = client.chat.completions.run_tools(model=MODEL, messages=ASK, tools=trip.tools, max_tokens=200)
        with pytest.raises(ccapi.BudgetExceededError) as stopped:
            runner.until_done()
        assert client.spend.total == Decimal("0.0003")
    assert len(server.bodies) == 2
    assert len(runner.steps) == 2
    assert stopped.value.messages == runner.messages
    assert [message["role"] for message in runner.messages][-2:] == ["assistant", "tool"]


def test_spans_show_each_step_and_each_tool() -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    trip, server = Trip(), _script()
    with server.client(tracer_provider=provider) as client:
        client.chat.completions.run_tools(model=MODEL, messages=ASK, tools=trip.tools).until_done()
    spans = exporter.get_finished_spans()
    steps = [span for span in spans if span.name.startswith("run_tools step")]
    assert [span.name for span in steps] == ["run_tools step 1", "run_tools step 2", "run_tools step 3"]
    tools = [span for span in spans if span.name.startswith("execute_tool")]
    attributes = [dict(span.attributes or {}) for span in tools]
    assert sorted(str(found["gen_ai.tool.name"]) for found in attributes) == ["book", "get_flights", "get_weather"]
    assert all(found["gen_ai.operation.name"] == "execute_tool" for found in attributes)
    (failed,) = [span for span in tools if (span.attributes or {})["gen_ai.tool.name"] == "book"]
    assert failed.status.status_code == StatusCode.ERROR
    by_id = {span.context.span_id: span for span in steps if span.context is not None}
    for span in tools:  # each tool's span is a child of its step's, threads included
        assert span.parent is not None
        assert span.parent.span_id in by_id
    chats = [span for span in spans if span.name == f"chat {MODEL}"]
    assert len(chats) == 3
    assert all(span.parent is not None and span.parent.span_id in by_id for span in chats)


def test_the_streaming_form_yields_each_steps_event_stream() -> None:
    trip, server = Trip(), _script()
    with server.client() as client:
        runner = client.chat.completions.run_tools(model=MODEL, messages=ASK, tools=trip.tools, stream=True)
        seen: list[list[str]] = []
        for stream in runner:
            seen.append([event.type for event in stream])
    assert len(seen) == 3
    assert len(runner.steps) == 3
    assert "tool_calls.function.arguments.done" in seen[0]
    assert "content.done" in seen[2]
    assert runner.steps[1].results[0].content.startswith("Error: RuntimeError")


def test_the_async_runner_runs_parallel_calls_as_tasks() -> None:
    server = _script()
    started: list[str] = []
    both = asyncio.Event()

    @ccapi.tool
    async def get_weather(city: str, unit: str = "C") -> str:
        """The weather."""
        started.append("weather")
        if len(started) == 2:
            both.set()
        await asyncio.wait_for(both.wait(), 5)
        return f"18 {unit} in {city}"

    @ccapi.tool
    async def get_flights(city: str) -> str:
        """Flights."""
        started.append("flights")
        if len(started) == 2:
            both.set()
        await asyncio.wait_for(both.wait(), 5)
        return "AF123"

    @ccapi.tool
    def book(flight: str) -> str:
        """Book a flight."""
        raise RuntimeError("no seats left")

    async def main() -> Any:
        async with server.async_client() as client:
            runner = client.chat.completions.run_tools(
                model=MODEL, messages=ASK, tools=[get_weather, get_flights, book]
            )
            completions = [completion async for completion in runner]
            return runner, completions

    runner, completions = asyncio.run(main())
    assert len(completions) == 3
    assert sorted(started) == ["flights", "weather"]
    assert runner.steps[1].results[0].content == "Error: RuntimeError: no seats left"


def test_the_sync_runner_refuses_async_tools_and_tools_without_functions_before_sending() -> None:
    @ccapi.tool
    async def later(city: str) -> str:
        """Async."""
        return city

    class Nothing(BaseModel):
        x: int

    server = ModelServer(text("unused"))
    with server.client() as client:
        with pytest.raises(TypeError, match="async"):
            client.chat.completions.run_tools(model=MODEL, messages=ASK, tools=[later])
        with pytest.raises(ValueError, match="no function"):
            client.chat.completions.run_tools(model=MODEL, messages=ASK, tools=[ccapi.pydantic_function_tool(Nothing)])
        with pytest.raises(ValueError, match="max_steps"):
            client.chat.completions.run_tools(model=MODEL, messages=ASK, tools=[], max_steps=0)
    assert server.bodies == []


def test_arguments_that_do_not_validate_and_unknown_tools_are_reported_to_the_model_not_run() -> None:
    trip = Trip()
    server = ModelServer(calls(("book", {"flight": 7}), ("teleport", {"to": "Paris"})), text("Sorry."))
    with server.client() as client:
        runner = client.chat.completions.run_tools(model=MODEL, messages=ASK, tools=trip.tools)
        runner.until_done()
    wrong, unknown = runner.steps[0].results
    assert "flight: Input should be a valid string" in wrong.content
    assert unknown.content == "Error: ToolFailure: there is no tool named 'teleport'"


def test_the_streaming_form_tells_the_model_of_arguments_that_do_not_validate_as_the_plain_one_does() -> None:
    trip = Trip()
    server = ModelServer(calls(("book", {"flight": 7})), text("Sorry."))
    with server.client() as client:
        runner = client.chat.completions.run_tools(model=MODEL, messages=ASK, tools=trip.tools, stream=True)
        for stream in runner:
            stream.until_done()
    (wrong,) = runner.steps[0].results
    assert "flight: Input should be a valid string" in wrong.content
    assert len(runner.steps) == 2


def test_the_async_streaming_form_yields_each_steps_event_stream() -> None:
    server = _script()

    @ccapi.tool
    def get_weather(city: str, unit: str = "C") -> str:
        """The weather."""
        return f"18 {unit} in {city}"

    @ccapi.tool
    def get_flights(city: str) -> str:
        """Flights."""
        return "AF123"

    @ccapi.tool
    async def book(flight: str) -> str:
        """Book a flight."""
        raise RuntimeError("no seats left")

    async def main() -> tuple[Any, list[list[str]]]:
        async with server.async_client() as client:
            runner = client.chat.completions.run_tools(
                model=MODEL, messages=ASK, tools=[get_weather, get_flights, book], stream=True
            )
            seen: list[list[str]] = []
            async for stream in runner:
                seen.append([event.type async for event in stream])
            return runner, seen

    runner, seen = asyncio.run(main())
    assert len(seen) == 3
    assert "tool_calls.function.arguments.done" in seen[0]
    assert [result.content for result in runner.steps[0].results] == ["18 C in Paris", "AF123"]
    assert runner.steps[1].results[0].content == "Error: RuntimeError: no seats left"
