"""Typed answers as a type checker sees them: `mypy --strict` (`nox -s typecheck`) infers `parsed` as the
response format's type, events narrow by their `type`, tools keep their functions; pytest runs the same code."""

from __future__ import annotations

import asyncio
import json
from typing import Any, assert_type

import ccapi
import httpx
from pydantic import BaseModel


class Answer(BaseModel):
    value: int


class Lookup(BaseModel):
    key: str


CALL = {"id": "c", "type": "function", "function": {"name": "Lookup", "arguments": '{"key": "k"}'}}


def _reply(request: httpx.Request) -> httpx.Response:
    if request.method == "GET":  # the catalog, read to check that the model takes tools
        return httpx.Response(200, json={"object": "list", "data": [], "has_more": False})
    body = json.loads(request.content)
    message: dict[str, Any] = {"role": "assistant", "content": '{"value": 42}'}
    if body.get("tools"):
        message = {"role": "assistant", "content": None, "tool_calls": [CALL]}
    return httpx.Response(200, json={
        "id": "c1", "object": "chat.completion", "created": 1, "model": "openai/gpt-4o",
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
    })  # fmt: skip


def test_parse_infers_parsed_as_the_response_formats_type() -> None:
    http = httpx.Client(transport=httpx.MockTransport(_reply))
    with ccapi.CCAPI(api_key="k", http_client=http) as client:
        completion = client.chat.completions.parse(
            model="openai/gpt-4o", messages=[{"role": "user", "content": "?"}], response_format=Answer
        )
        assert_type(completion, ccapi.ParsedChatCompletion[Answer])
        parsed = completion.choices[0].message.parsed
        assert_type(parsed, Answer | None)
        refusal: str | None = completion.choices[0].message.refusal
        assert parsed is not None
        assert parsed.value == 42
        assert refusal is None
        plain = client.chat.completions.parse(
            model="openai/gpt-4o",
            messages=[{"role": "user", "content": "?"}],
            tools=[ccapi.pydantic_function_tool(Lookup)],
        )
        assert_type(plain, ccapi.ParsedChatCompletion[None])
        calls = plain.choices[0].message.tool_calls or []
        arguments: object = calls[0].function.parsed_arguments
        assert arguments == Lookup(key="k")


def test_stream_events_narrow_by_type() -> None:
    def stream(request: httpx.Request) -> httpx.Response:
        chunk = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "openai/gpt-4o",
                 "choices": [{"index": 0, "delta": {"content": '{"value": 7}'}, "finish_reason": "stop"}]}  # fmt: skip
        return httpx.Response(200, headers={"content-type": "text/event-stream"},
                              content=f"data: {json.dumps(chunk)}\n\ndata: [DONE]\n\n".encode())  # fmt: skip

    http = httpx.Client(transport=httpx.MockTransport(stream))
    done: list[Answer | None] = []
    with (
        ccapi.CCAPI(api_key="k", http_client=http) as client,
        client.chat.completions.stream(
            model="openai/gpt-4o", messages=[{"role": "user", "content": "?"}], response_format=Answer
        ) as events,
    ):
        for event in events:
            if event.type == "content.done":
                assert_type(event.parsed, Answer | None)
                done.append(event.parsed)
            elif event.type == "content.delta":
                assert_type(event.snapshot, str)
        final = events.get_final_completion()
        assert_type(final, ccapi.ParsedChatCompletion[Answer])
    assert done == [Answer(value=7)]


def test_the_async_parse_is_typed_the_same() -> None:
    async def run() -> Answer | None:
        async def reply(request: httpx.Request) -> httpx.Response:
            await request.aread()
            return _reply(request)

        http = httpx.AsyncClient(transport=httpx.MockTransport(reply))
        async with ccapi.AsyncCCAPI(api_key="k", http_client=http) as client:
            completion = await client.chat.completions.parse(
                model="openai/gpt-4o", messages=[{"role": "user", "content": "?"}], response_format=Answer
            )
            assert_type(completion, ccapi.ParsedChatCompletion[Answer])
            return completion.choices[0].message.parsed

    assert asyncio.run(run()) == Answer(value=42)


def test_a_tool_is_still_its_function() -> None:
    @ccapi.tool
    def add(a: int, b: int) -> int:
        """Add two numbers."""
        return a + b

    assert_type(add, ccapi.FunctionTool)
    assert add(2, 3) == 5
    assert add["function"]["parameters"]["required"] == ["a", "b"]
