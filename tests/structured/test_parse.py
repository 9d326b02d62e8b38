"""`chat.completions.parse`: typed answers on every kind of model (one that honours response_format, one that answers
in prose or a fenced block, one that breaks the schema first, one that refuses, one cut short), the repairs each is
given and what they cost, against a scripted model behind httpx.MockTransport."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from decimal import Decimal
from typing import Any

import ccapi
import pytest
from pydantic import BaseModel
from typing_extensions import TypedDict  # pydantic reads typing's TypedDict only from Python 3.12

from ._server import ModelServer, calls, refusal, text

MODEL = "openai/gpt-4o"
ASK = [{"role": "system", "content": "You are a helpful math tutor."}, {"role": "user", "content": "solve 8x + 31 = 2"}]


class Step(BaseModel):
    explanation: str
    output: str


class MathResponse(BaseModel):
    steps: list[Step]
    final_answer: str


GOOD = {"steps": [{"explanation": "Subtract 31", "output": "8x = -29"}], "final_answer": "x = -29/8"}
BROKEN = {"steps": [{"explanation": "Subtract 31"}], "final_answer": 3}


def test_an_answer_that_honours_the_schema_is_parsed_into_the_type_in_one_request() -> None:
    server = ModelServer(text(json.dumps(GOOD)))
    with server.client() as client:
        completion = client.chat.completions.parse(model=MODEL, messages=ASK, response_format=MathResponse)
    message = completion.choices[0].message
    assert message.parsed == MathResponse.model_validate(GOOD)
    assert message.refusal is None
    assert isinstance(completion, ccapi.ParsedChatCompletion)
    (sent,) = server.bodies
    assert sent["response_format"]["type"] == "json_schema"
    schema = sent["response_format"]["json_schema"]
    assert schema["name"] == "MathResponse"
    assert schema["strict"] is True
    assert schema["schema"]["additionalProperties"] is False
    assert schema["schema"]["$defs"]["Step"]["required"] == ["explanation", "output"]


@pytest.mark.parametrize(
    "answer",
    [
        "Here is the solution:\n```json\n" + json.dumps(GOOD, indent=2) + "\n```\nHope it helps!",
        "Sure. " + json.dumps(GOOD) + " That is all.",
        "```\n" + json.dumps(GOOD) + "\n```",
    ],
    ids=["fenced json", "prose around", "bare fence"],
)
def test_a_model_that_ignores_response_format_is_read_where_the_value_is_without_another_request(answer: str) -> None:
    server = ModelServer(text(answer))
    with server.client() as client:
        completion = client.chat.completions.parse(model=MODEL, messages=ASK, response_format=MathResponse)
    assert completion.choices[0].message.parsed == MathResponse.model_validate(GOOD)
    assert len(server.bodies) == 1


def test_an_answer_that_breaks_the_schema_is_asked_again_with_its_validation_errors() -> None:
    server = ModelServer(text(json.dumps(BROKEN)), text(json.dumps(GOOD)))
    with server.client() as client:
        completion = client.chat.completions.parse(model=MODEL, messages=ASK, response_format=MathResponse)
        assert client.spend.calls == 2  # the repair is charged as any answered attempt
        assert client.spend.total == Decimal("0.0003")
    assert completion.choices[0].message.parsed == MathResponse.model_validate(GOOD)
    first, repair = server.bodies
    assert repair["messages"][: len(ASK)] == ASK
    assert repair["messages"][len(ASK)] == {"role": "assistant", "content": json.dumps(BROKEN)}
    asked = repair["messages"][-1]["content"]
    assert "steps.0.output: Field required" in asked
    assert "final_answer: Input should be a valid string" in asked
    assert repair["response_format"] == first["response_format"]


def test_when_repairs_run_out_a_structured_output_error_carries_the_raw_text_errors_and_attempts() -> None:
    server = ModelServer(text(json.dumps(BROKEN)))
    with server.client() as client, pytest.raises(ccapi.StructuredOutputError) as raised:
        client.chat.completions.parse(model=MODEL, messages=ASK, response_format=MathResponse, max_repairs=2)
    error = raised.value
    assert isinstance(error, ccapi.CCAPIError)
    assert error.raw == json.dumps(BROKEN)
    assert "steps.0.output: Field required" in error.errors
    assert len(error.attempts) == 3
    assert len(server.bodies) == 3


def test_max_repairs_is_the_clients_unless_the_call_says_otherwise() -> None:
    server = ModelServer(text("no JSON here at all"))
    with server.client(max_repairs=0) as client:
        with pytest.raises(ccapi.StructuredOutputError) as raised:
            client.chat.completions.parse(model=MODEL, messages=ASK, response_format=MathResponse)
        assert len(server.bodies) == 1
        assert "not JSON" in raised.value.errors[0]
        with pytest.raises(ccapi.StructuredOutputError):
            client.chat.completions.parse(model=MODEL, messages=ASK, response_format=MathResponse, max_repairs=3)
        assert len(server.bodies) == 1 + 4
        assert client.with_options(max_repairs=1)._settings.max_repairs == 1


@pytest.mark.parametrize("wrong", [-1, 1.5, True, "2"])
def test_a_wrong_max_repairs_is_refused_before_sending(wrong: Any) -> None:
    server = ModelServer(text(json.dumps(GOOD)))
    with server.client() as client, pytest.raises(ValueError, match="max_repairs"):
        client.chat.completions.parse(model=MODEL, messages=ASK, response_format=MathResponse, max_repairs=wrong)
    with pytest.raises(ValueError, match="max_repairs"):
        server.client(max_repairs=wrong)
    assert server.bodies == []


def test_a_repair_the_budget_cannot_afford_raises_the_budget_error_and_is_not_sent() -> None:
    server = ModelServer(text(json.dumps(BROKEN)), text(json.dumps(GOOD)))
    with server.client(budget="0.000001") as client, pytest.raises(ccapi.BudgetExceededError) as first:
        client.chat.completions.parse(model=MODEL, messages=ASK, response_format=MathResponse, max_tokens=1000)
    assert server.bodies == []
    # Room for the first attempt's worst case and its charge, not for the repair's longer conversation.
    budget = first.value.estimate + Decimal("0.00016")
    with server.client(budget=budget) as client, pytest.raises(ccapi.BudgetExceededError) as repair:
        client.chat.completions.parse(model=MODEL, messages=ASK, response_format=MathResponse, max_tokens=1000)
    assert len(server.bodies) == 1
    assert repair.value.estimate > first.value.estimate
    assert client.spend.total == Decimal("0.00015")


def test_a_refusal_is_the_answer_parsed_is_none_and_nothing_is_repaired() -> None:
    server = ModelServer(refusal("I can't help with that."))
    with server.client() as client:
        completion = client.chat.completions.parse(model=MODEL, messages=ASK, response_format=MathResponse)
    message = completion.choices[0].message
    assert message.parsed is None
    assert message.refusal == "I can't help with that."
    assert len(server.bodies) == 1


def test_an_answer_cut_at_its_length_raises_length_finish_reason_error() -> None:
    server = ModelServer(text('{"steps": [{"explan', finish_reason="length"))
    with server.client() as client, pytest.raises(ccapi.LengthFinishReasonError) as raised:
        client.chat.completions.parse(model=MODEL, messages=ASK, response_format=MathResponse, max_tokens=5)
    assert isinstance(raised.value, ccapi.CCAPIError)
    assert raised.value.completion.choices[0].finish_reason == "length"
    assert len(server.bodies) == 1


def test_an_answer_stopped_by_the_content_filter_raises_its_error() -> None:
    server = ModelServer(text("", finish_reason="content_filter"))
    with server.client() as client, pytest.raises(ccapi.ContentFilterFinishReasonError):
        client.chat.completions.parse(model=MODEL, messages=ASK, response_format=MathResponse)


class Query(BaseModel):
    table_name: str
    limit: int


def test_tool_calls_carry_parsed_arguments_of_the_tools_model() -> None:
    server = ModelServer(calls(("Query", {"table_name": "orders", "limit": 5})))
    with server.client() as client:
        completion = client.chat.completions.parse(
            model=MODEL, messages=ASK, tools=[ccapi.pydantic_function_tool(Query)]
        )
    (call,) = completion.choices[0].message.tool_calls or []
    assert call.function.parsed_arguments == Query(table_name="orders", limit=5)
    (sent,) = server.bodies
    assert sent["tools"][0]["function"]["name"] == "Query"
    assert sent["tools"][0]["function"]["strict"] is True
    assert sent["tools"][0]["function"]["parameters"]["required"] == ["table_name", "limit"]


def test_tool_arguments_that_do_not_validate_are_sent_back_as_the_tools_error_and_called_again() -> None:
    server = ModelServer(
        calls(("Query", {"table_name": "orders", "limit": "many"})),
        calls(("Query", {"table_name": "orders", "limit": 2})),
    )
    with server.client() as client:
        completion = client.chat.completions.parse(
            model=MODEL, messages=ASK, tools=[ccapi.pydantic_function_tool(Query)]
        )
    (call,) = completion.choices[0].message.tool_calls or []
    assert call.function.parsed_arguments == Query(table_name="orders", limit=2)
    repair = server.bodies[1]["messages"]
    assert repair[-2]["tool_calls"][0]["function"]["name"] == "Query"
    assert repair[-1]["role"] == "tool"
    assert "limit: Input should be a valid integer" in repair[-1]["content"]


def test_tools_on_a_model_without_function_calling_are_refused_before_sending() -> None:
    server = ModelServer(text("unused"))
    with server.client() as client:
        with pytest.raises(ValueError, match=r"deepseek/deepseek-reasoner.*function_calling: false"):
            client.chat.completions.parse(
                model="deepseek/deepseek-reasoner", messages=ASK, tools=[ccapi.pydantic_function_tool(Query)]
            )
        with pytest.raises(ValueError, match="deepseek/deepseek-reasoner"):  # every model of the route is checked
            client.chat.completions.parse(
                model=MODEL, messages=ASK, tools=[ccapi.pydantic_function_tool(Query)],
                fallback_models=["deepseek/deepseek-reasoner"],
            )  # fmt: skip
        with pytest.raises(ValueError, match="function_calling"):
            client.chat.completions.run_tools(
                model="deepseek/deepseek-reasoner",
                messages=ASK,
                tools=[ccapi.pydantic_function_tool(Query, function=print)],
            ).until_done()
    assert server.bodies == []  # no chat request went out
    assert server.catalog_requests == 1  # the catalog is read once, and shared with spend


def test_without_tools_a_model_without_function_calling_is_asked_as_any_other() -> None:
    server = ModelServer(text(json.dumps(GOOD)))
    with server.client() as client:
        completion = client.chat.completions.parse(
            model="deepseek/deepseek-reasoner", messages=ASK, response_format=MathResponse
        )
    assert completion.choices[0].message.parsed is not None
    assert "response_format" in server.bodies[0]  # always sent: extraction and repair cover a model that ignores it


@pytest.mark.parametrize(
    ("arguments", "wrong"),
    [
        ({"messages": "hello"}, TypeError),
        ({"messages": ASK, "stream": True}, TypeError),
        ({"messages": ASK, "response_format": int}, TypeError),
        ({"messages": ASK, "tools": [42]}, TypeError),
    ],
)
def test_wrong_arguments_are_refused_before_sending(arguments: dict[str, Any], wrong: type[Exception]) -> None:
    server = ModelServer(text("unused"))
    with server.client() as client, pytest.raises(wrong):
        client.chat.completions.parse(model=MODEL, **arguments)
    assert server.bodies == []


def test_the_async_client_parses_and_repairs_the_same_way() -> None:
    server = ModelServer(text(json.dumps(BROKEN)), text("```json\n" + json.dumps(GOOD) + "\n```"))

    async def main() -> ccapi.ParsedChatCompletion[MathResponse]:
        async with server.async_client() as client:
            completion = await client.chat.completions.parse(model=MODEL, messages=ASK, response_format=MathResponse)
            assert client.spend.calls == 2
            return completion

    completion = asyncio.run(main())
    assert completion.choices[0].message.parsed == MathResponse.model_validate(GOOD)
    assert len(server.bodies) == 2


def test_a_parsed_completion_is_priced_as_any_completion() -> None:
    server = ModelServer(text(json.dumps(GOOD)))
    with server.client() as client:
        completion = client.chat.completions.parse(model=MODEL, messages=ASK, response_format=MathResponse)
        assert client.cost_of(completion) == Decimal("0.00015")
    assert completion.to_dict()["choices"][0]["message"]["content"] == json.dumps(GOOD)


def test_with_tracing_a_parse_is_one_span_over_its_attempts() -> None:
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    server = ModelServer(text(json.dumps(BROKEN)), text(json.dumps(GOOD)))
    with server.client(tracer_provider=provider) as client:
        client.chat.completions.parse(model=MODEL, messages=ASK, response_format=MathResponse)
    spans = exporter.get_finished_spans()
    (parse,) = [span for span in spans if span.name == f"parse {MODEL}"]
    attempts = [span for span in spans if span.name == f"chat {MODEL}"]
    assert len(attempts) == 2
    assert parse.context is not None
    assert all(span.parent is not None and span.parent.span_id == parse.context.span_id for span in attempts)
    assert (parse.attributes or {})["ccapi.response_format"] == "MathResponse"


@dataclasses.dataclass
class Point:
    x: int
    y: int


class Movie(TypedDict):
    title: str
    year: int


@pytest.mark.parametrize(
    ("kind", "answer", "expected"),
    [
        (Point, {"x": 1, "y": 2}, Point(1, 2)),
        (Movie, {"title": "Up", "year": 2009}, {"title": "Up", "year": 2009}),
    ],
    ids=["dataclass", "TypedDict"],
)
def test_a_dataclass_or_a_typed_dict_is_parsed_through_pydantic(kind: Any, answer: Any, expected: Any) -> None:
    server = ModelServer(text(json.dumps(answer)))
    with server.client() as client:
        completion = client.chat.completions.parse(model=MODEL, messages=ASK, response_format=kind)
    assert completion.choices[0].message.parsed == expected
    assert server.bodies[0]["response_format"]["json_schema"]["schema"]["additionalProperties"] is False


@pytest.mark.parametrize(
    ("extra_body", "field"),
    [
        ({"response_format": {"type": "text"}}, "response_format"),
        ({"messages": [{"role": "user", "content": "something else"}]}, "messages"),
        ({"stream": True}, "stream"),
    ],
)
def test_extra_body_cannot_replace_what_parse_writes_itself(extra_body: dict[str, Any], field: str) -> None:
    # extra_body is merged over the request last: a response_format there would replace the strict schema, and the
    # answer would be judged (and repaired, and billed) against a schema the model never saw.
    server = ModelServer(text(json.dumps(GOOD)))
    with server.client() as client, pytest.raises(ValueError, match=f"extra_body must not carry {field}"):
        client.chat.completions.parse(model=MODEL, messages=ASK, response_format=MathResponse, extra_body=extra_body)
    assert server.bodies == []


def test_extra_body_may_still_carry_fields_parse_does_not_write() -> None:
    server = ModelServer(text(json.dumps(GOOD)))
    with server.client() as client:
        client.chat.completions.parse(
            model=MODEL, messages=ASK, response_format=MathResponse, extra_body={"zz_vendor_option": 1}
        )
    (sent,) = server.bodies
    assert sent["zz_vendor_option"] == 1
    assert sent["response_format"]["type"] == "json_schema"
