"""`chat.completions.stream`: the openai package's typed events from chunks split at awkward places (inside strings,
escapes and numbers), the partial object on each content delta, tool call arguments as they come, refusals, the
final parsed completion, and the restart event after a failover."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import ccapi
import pytest
from ccapi._chat_events import ChatStreamState, RestartEvent
from ccapi._failover import Restart
from ccapi_generated.models import ChatCompletionChunk
from pydantic import BaseModel

from ._server import ModelServer, calls, refusal, text

MODEL = "openai/gpt-4o"
ASK = [{"role": "user", "content": "solve 8x + 31 = 2"}]


class Step(BaseModel):
    explanation: str
    output: str


class MathResponse(BaseModel):
    steps: list[Step]
    final_answer: str


GOOD = {"steps": [{"explanation": 'Subtract "31" \u00e9', "output": "8x = -29"}], "final_answer": "x = -29/8"}


class GetWeather(BaseModel):
    city: str
    country: str


def _types(events: list[Any]) -> list[str]:
    return [event.type for event in events]


def test_content_events_carry_the_text_so_far_the_partial_object_and_at_the_end_the_validated_value() -> None:
    server = ModelServer(text(json.dumps(GOOD)))
    with server.client() as client:
        with client.chat.completions.stream(model=MODEL, messages=ASK, response_format=MathResponse) as stream:
            events = list(stream)
        final = stream.get_final_completion()
    deltas = [event for event in events if event.type == "content.delta"]
    assert "".join(event.delta for event in deltas) == json.dumps(GOOD)
    assert deltas[-1].snapshot == json.dumps(GOOD)
    partial = [event.parsed for event in deltas if isinstance(event.parsed, dict) and event.parsed.get("steps")]
    assert partial, "the partial object is read while the JSON is still open"
    assert all(isinstance(event.parsed, dict | type(None)) for event in deltas)
    (done,) = [event for event in events if event.type == "content.done"]
    assert done.parsed == MathResponse.model_validate(GOOD)
    assert final.choices[0].message.parsed == done.parsed
    assert _types(events)[0] == "chunk"
    assert server.bodies[0]["stream"] is True
    assert server.bodies[0]["response_format"]["type"] == "json_schema"


def test_tool_call_arguments_stream_with_parsed_arguments_and_end_as_the_tools_model() -> None:
    weather = ccapi.pydantic_function_tool(GetWeather, name="get_weather")
    server = ModelServer(
        calls(
            ("get_weather", {"city": "San Francisco", "country": "US"}),
            ("get_weather", {"city": "New York", "country": "US"}),
        )
    )
    with (
        server.client() as client,
        client.chat.completions.stream(model=MODEL, messages=ASK, tools=[weather], parallel_tool_calls=True) as stream,
    ):
        events = list(stream)
        final = stream.get_final_completion()
    done = [event for event in events if event.type == "tool_calls.function.arguments.done"]
    assert [(event.index, event.parsed_arguments) for event in done] == [
        (0, GetWeather(city="San Francisco", country="US")),
        (1, GetWeather(city="New York", country="US")),
    ]
    deltas = [event for event in events if event.type == "tool_calls.function.arguments.delta"]
    assert all(event.name == "get_weather" for event in deltas)
    assert any(event.parsed_arguments == {"city": "San Francisco"} for event in deltas)  # a partial object
    first_done = _types(events).index("tool_calls.function.arguments.done")
    assert first_done < max(at for at, event in enumerate(events) if getattr(event, "index", 0) == 1)
    calls_made = final.choices[0].message.tool_calls or []
    assert [call.function.parsed_arguments for call in calls_made] == [event.parsed_arguments for event in done]


def test_a_refusal_streams_as_refusal_events() -> None:
    server = ModelServer(refusal("I can't help with that."))
    with (
        server.client() as client,
        client.chat.completions.stream(model=MODEL, messages=ASK, response_format=MathResponse) as stream,
    ):
        events = list(stream)
        final = stream.get_final_completion()
    assert "".join(event.delta for event in events if event.type == "refusal.delta") == "I can't help with that."
    assert [event.refusal for event in events if event.type == "refusal.done"] == ["I can't help with that."]
    assert final.choices[0].message.refusal == "I can't help with that."
    assert final.choices[0].message.parsed is None


def test_a_stream_cut_at_its_length_raises_length_finish_reason_error() -> None:
    server = ModelServer(text('{"steps": [', finish_reason="length"))
    with (
        server.client() as client,
        client.chat.completions.stream(model=MODEL, messages=ASK, response_format=MathResponse) as stream,
        pytest.raises(ccapi.LengthFinishReasonError),
    ):
        stream.until_done()


def test_streamed_content_that_does_not_validate_raises_structured_output_error() -> None:
    server = ModelServer(text('{"steps": []}'))
    with (
        server.client() as client,
        client.chat.completions.stream(model=MODEL, messages=ASK, response_format=MathResponse) as stream,
        pytest.raises(ccapi.StructuredOutputError) as raised,
    ):
        stream.get_final_completion()
    assert raised.value.raw == '{"steps": []}'
    assert any("final_answer" in error for error in raised.value.errors)


def test_the_request_is_sent_when_the_with_block_begins_and_the_stream_is_closed_after() -> None:
    server = ModelServer(text("Hello there"))
    with server.client() as client:
        manager = client.chat.completions.stream(model=MODEL, messages=ASK)
        assert server.bodies == []
        with manager as stream:
            first = next(iter(stream))
            assert first.type == "chunk"
        assert stream.raw.response.is_closed
        assert stream.current_completion_snapshot.choices[0].message.content == ""


def test_after_a_restart_the_stream_says_so_and_its_snapshots_begin_again() -> None:
    state: ChatStreamState[Any] = ChatStreamState(None, {})
    base = {"id": "c", "object": "chat.completion.chunk", "created": 1}

    def chunk(model: str, content: str) -> ChatCompletionChunk:
        delta = {"index": 0, "delta": {"content": content}, "finish_reason": None}
        return ChatCompletionChunk.from_dict({**base, "model": model, "choices": [delta]})

    restarts: list[Restart] = []
    state.handle(chunk("openai/gpt-4o", "Half an ans"), restarts)
    restarts.append(Restart("openai/gpt-4o", "anthropic/claude-haiku-4-5", ConnectionError("cut"), 1))
    events = state.handle(chunk("anthropic/claude-haiku-4-5", "Whole"), restarts)
    assert isinstance(events[0], RestartEvent)
    assert events[0].restart.next_model == "anthropic/claude-haiku-4-5"
    delta = next(event for event in events if event.type == "content.delta")
    assert delta.snapshot == "Whole"
    snapshot = state.snapshot()
    assert snapshot.model == "anthropic/claude-haiku-4-5"
    assert snapshot.choices[0].message.content == "Whole"


def test_the_async_stream_yields_the_same_events() -> None:
    server = ModelServer(text(json.dumps(GOOD)))

    async def main() -> tuple[list[str], Any]:
        async with (
            server.async_client() as client,
            client.chat.completions.stream(model=MODEL, messages=ASK, response_format=MathResponse) as stream,
        ):
            seen: list[str] = [event.type async for event in stream]
            return seen, await stream.get_final_completion()

    seen, final = asyncio.run(main())
    assert "content.delta" in seen
    assert seen.count("content.done") == 1
    assert final.choices[0].message.parsed == MathResponse.model_validate(GOOD)


class GetTime(BaseModel):
    zone: str


def test_tool_calls_whose_indices_begin_at_1_keep_each_its_own_parsed_arguments_in_the_final_completion() -> None:
    # Some providers number a message's tool calls from 1 (or leave gaps): the final completion must still give each
    # call the arguments it was sent, not its neighbour's.
    tools = {"GetWeather": ccapi.pydantic_function_tool(GetWeather), "GetTime": ccapi.pydantic_function_tool(GetTime)}
    state: ChatStreamState[Any] = ChatStreamState(None, tools)
    base = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": MODEL}

    def chunk(delta: dict[str, Any], finish_reason: str | None = None) -> ChatCompletionChunk:
        choice = {"index": 0, "delta": delta, "finish_reason": finish_reason}
        return ChatCompletionChunk.from_dict({**base, "choices": [choice]})

    def call(index: int, name: str, arguments: dict[str, str]) -> dict[str, Any]:
        function = {"name": name, "arguments": json.dumps(arguments)}
        return {"index": index, "id": f"call_{index}", "type": "function", "function": function}

    weather = call(1, "GetWeather", {"city": "Paris", "country": "FR"})
    state.handle(chunk({"role": "assistant", "tool_calls": [weather]}))
    state.handle(chunk({"tool_calls": [call(3, "GetTime", {"zone": "UTC"})]}))
    state.handle(chunk({}, "tool_calls"))
    made = state.final().choices[0].message.tool_calls or []
    assert [(made_call.function.name, made_call.function.parsed_arguments) for made_call in made] == [
        ("GetWeather", GetWeather(city="Paris", country="FR")),
        ("GetTime", GetTime(zone="UTC")),
    ]


def test_a_chunk_events_snapshot_is_made_only_when_read(monkeypatch: pytest.MonkeyPatch) -> None:
    # Made at every chunk, the completion so far costs a long answer time in proportion to all it has written,
    # chunk after chunk; a caller who reads only text pays for none of it, and one who reads it gets it whole.
    from ccapi._accumulate import ChatCompletionAccumulator

    made = 0
    completion = ChatCompletionAccumulator.completion

    def counted(self: ChatCompletionAccumulator) -> Any:
        nonlocal made
        made += 1
        return completion(self)

    monkeypatch.setattr(ChatCompletionAccumulator, "completion", counted)
    state: ChatStreamState[Any] = ChatStreamState(None, {})
    base = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": MODEL}
    chunks: list[Any] = []
    for number in range(200):
        piece = {"index": 0, "delta": {"content": f"w{number} "}, "finish_reason": None}
        events = state.handle(ChatCompletionChunk.from_dict({**base, "choices": [piece]}))
        chunks += [event for event in events if event.type == "chunk"]
    assert made == 0
    assert len(chunks) == 200
    read = chunks[-1].snapshot
    assert read.choices[0].message.content == "".join(f"w{number} " for number in range(200))
    assert chunks[-1].snapshot is read
    assert made == 1
