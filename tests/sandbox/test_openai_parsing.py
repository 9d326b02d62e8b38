"""The openai package's own structured-output helpers pass against the sandbox: `parse` and `stream` with a nested
pydantic model, and `pydantic_function_tool` with enums, lists and unions, streamed and not; the programs do what
openai's examples parsing.py, parsing_stream.py, parsing_tools.py and parsing_tools_stream.py do, on the sandbox's
native model. (The openai package is pinned in the noxfile; these are skipped where it is not installed.)"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Any

import pytest
from ccapi.testing import SandboxServer

pytest.importorskip("openai")

import openai
from openai import OpenAI
from pydantic import BaseModel

MODEL = "openai/gpt-4o"  # the sandbox's model that honours a JSON schema natively


class Step(BaseModel):
    explanation: str
    output: str


class MathResponse(BaseModel):
    steps: list[Step]
    final_answer: str


class Table(StrEnum):
    orders = "orders"
    customers = "customers"
    products = "products"


class Column(StrEnum):
    id = "id"
    status = "status"
    expected_delivery_date = "expected_delivery_date"
    delivered_at = "delivered_at"


class Operator(StrEnum):
    eq = "="
    gt = ">"
    lt = "<"


class DynamicValue(BaseModel):
    column_name: str


class Condition(BaseModel):
    column: str
    operator: Operator
    value: str | int | DynamicValue


class Query(BaseModel):
    table_name: Table
    columns: list[Column]
    conditions: list[Condition]
    order_by: str


class GetWeather(BaseModel):
    city: str
    country: str


TUTOR = [
    {"role": "system", "content": "You are a helpful math tutor."},
    {"role": "user", "content": "solve 8x + 31 = 2"},
]


@pytest.fixture
def client(ccapi_sandbox: SandboxServer) -> Iterator[OpenAI]:
    with openai.OpenAI(api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url, max_retries=0) as made:
        yield made


def test_parse_returns_the_nested_model(client: OpenAI) -> None:
    completion = client.chat.completions.parse(model=MODEL, messages=TUTOR, response_format=MathResponse)
    message = completion.choices[0].message
    assert isinstance(message.parsed, MathResponse)
    assert message.parsed.steps
    assert message.refusal is None


def test_stream_emits_content_events_and_a_parsed_final_completion(client: OpenAI) -> None:
    seen: list[str] = []
    done: Any = None
    with client.chat.completions.stream(model=MODEL, messages=TUTOR, response_format=MathResponse) as stream:
        for event in stream:
            seen.append(event.type)
            if event.type == "content.done":
                done = event.parsed
        final = stream.get_final_completion()
    assert seen.count("content.delta") > 5  # the JSON came in pieces
    assert isinstance(done, MathResponse)
    assert final.choices[0].message.parsed == done
    assert seen[-1] != "refusal.done"


def test_a_pydantic_function_tool_comes_back_with_parsed_arguments(client: OpenAI) -> None:
    completion = client.chat.completions.parse(
        model=MODEL,
        messages=[
            {
                "role": "system",
                "content": "The current date is August 6, 2024. You help users find their data by calling the query "
                "function.",
            },
            {"role": "user", "content": "look up all my orders in november that were not delivered on time"},
        ],
        tools=[openai.pydantic_function_tool(Query)],
    )
    (tool_call,) = completion.choices[0].message.tool_calls or []
    assert tool_call.type == "function"
    assert isinstance(tool_call.function.parsed_arguments, Query)
    assert isinstance(tool_call.function.parsed_arguments.table_name, Table)


def test_streamed_tool_calls_come_with_parsed_arguments(client: OpenAI) -> None:
    arguments_done: list[Any] = []
    deltas = 0
    with client.chat.completions.stream(
        model=MODEL,
        messages=[{"role": "user", "content": "What's the weather like in SF and New York?"}],
        tools=[openai.pydantic_function_tool(GetWeather, name="get_weather")],
        parallel_tool_calls=True,
    ) as stream:
        for event in stream:
            if event.type == "tool_calls.function.arguments.delta":
                deltas += 1
            elif event.type == "tool_calls.function.arguments.done":
                arguments_done.append(event.parsed_arguments)
        final = stream.get_final_completion()
    assert deltas > 2
    assert arguments_done
    assert all(isinstance(parsed, GetWeather) for parsed in arguments_done)
    assert [call.function.parsed_arguments for call in final.choices[0].message.tool_calls or []] == arguments_done


def test_parse_reports_a_refusal_and_a_length_cut_as_openai_does(client: OpenAI) -> None:
    refused = client.chat.completions.parse(model="google/gemini-2.5-pro", messages=TUTOR, response_format=MathResponse)
    assert refused.choices[0].message.refusal
    assert refused.choices[0].message.parsed is None
    with pytest.raises(openai.LengthFinishReasonError):
        client.chat.completions.parse(model=MODEL, messages=TUTOR, response_format=MathResponse, max_tokens=5)
