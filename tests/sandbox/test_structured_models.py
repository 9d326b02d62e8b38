"""Each way a model answers a JSON schema, one model each in the catalogue: native, a fenced block, bare JSON in
prose, broken the first time and repaired, a refusal; a model without function calling refuses tools. Every answer
is billed as any other."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import jsonschema
import pytest
from ccapi.testing import SandboxServer

SCHEMA = {
    "type": "object",
    "properties": {
        "steps": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"explanation": {"type": "string"}, "output": {"type": "string"}},
                "required": ["explanation", "output"],
                "additionalProperties": False,
            },
        },
        "final_answer": {"type": "string"},
    },
    "required": ["steps", "final_answer"],
    "additionalProperties": False,
}
ASK = [
    {"role": "system", "content": "You are a helpful math tutor."},
    {"role": "user", "content": "solve 8x + 31 = 2"},
]
RESPONSE_FORMAT = {"type": "json_schema", "json_schema": {"name": "MathResponse", "strict": True, "schema": SCHEMA}}


def _ask(raw: httpx.Client, model: str, messages: list[dict[str, Any]] = ASK, **extra: Any) -> dict[str, Any]:
    response = raw.post(
        "/chat/completions", json={"model": model, "messages": messages, "response_format": RESPONSE_FORMAT, **extra}
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _is_valid(value: Any) -> bool:
    return jsonschema.Draft202012Validator(SCHEMA).is_valid(value)


def _tokens(text: str) -> int:
    return len(re.findall(r"\w+|[^\w\s]", text))


def test_a_native_model_answers_the_schema_with_no_refusal(raw: httpx.Client) -> None:
    message = _ask(raw, "openai/gpt-4o")["choices"][0]["message"]
    assert _is_valid(json.loads(message["content"]))
    assert message["refusal"] is None


def test_a_model_that_ignores_the_schema_answers_a_fenced_block_in_prose(raw: httpx.Client) -> None:
    content = _ask(raw, "deepseek/deepseek-chat")["choices"][0]["message"]["content"]
    with pytest.raises(json.JSONDecodeError):
        json.loads(content)
    (block,) = re.findall(r"```json\n(.*?)\n```", content, re.DOTALL)
    assert _is_valid(json.loads(block))


def test_a_model_that_ignores_the_schema_answers_bare_json_in_a_sentence(raw: httpx.Client) -> None:
    content = _ask(raw, "deepseek/deepseek-reasoner")["choices"][0]["message"]["content"]
    assert "```" not in content
    with pytest.raises(json.JSONDecodeError):
        json.loads(content)
    assert _is_valid(json.loads(content[content.index("{") : content.rindex("}") + 1]))


def test_a_model_that_breaks_the_schema_first_answers_it_once_it_sees_the_errors(raw: httpx.Client) -> None:
    model = "anthropic/claude-haiku-4-5"
    first = _ask(raw, model)["choices"][0]["message"]["content"]
    broken = json.loads(first)  # JSON, but not what the schema says
    assert not _is_valid(broken)
    assert _ask(raw, model)["choices"][0]["message"]["content"] == first  # the same conversation, the same mistake
    errors = [error.message for error in jsonschema.Draft202012Validator(SCHEMA).iter_errors(broken)]
    repair = [
        *ASK,
        {"role": "assistant", "content": first},
        {"role": "user", "content": "Your answer did not match the schema: " + "; ".join(errors)},
    ]
    assert _is_valid(json.loads(_ask(raw, model, repair)["choices"][0]["message"]["content"]))


def test_a_model_that_refuses_sets_the_refusal_and_no_content(raw: httpx.Client) -> None:
    body = _ask(raw, "google/gemini-2.5-pro")
    message = body["choices"][0]["message"]
    assert message["content"] is None
    assert message["refusal"]
    assert body["choices"][0]["finish_reason"] == "stop"
    assert body["usage"]["completion_tokens"] == _tokens(message["refusal"])
    plain = raw.post("/chat/completions", json={"model": "google/gemini-2.5-pro", "messages": ASK}).json()
    assert plain["choices"][0]["message"]["content"]  # it answers plain questions

    with raw.stream(
        "POST",
        "/chat/completions",
        json={"model": "google/gemini-2.5-pro", "messages": ASK, "response_format": RESPONSE_FORMAT, "stream": True},
    ) as response:
        chunks = [json.loads(line[6:]) for line in response.iter_lines() if line.startswith("data: {")]
    deltas = [chunk["choices"][0]["delta"] for chunk in chunks]
    assert "".join(delta.get("refusal") or "" for delta in deltas) == message["refusal"]
    assert not "".join(delta.get("content") or "" for delta in deltas)


def test_the_catalog_says_which_models_answer_a_schema_natively_and_which_call_tools(raw: httpx.Client) -> None:
    models = {model["id"]: model["ccapi"]["capabilities"] for model in raw.get("/models").json()["data"]}
    assert models["openai/gpt-4o"]["structured_outputs"] is True
    assert models["deepseek/deepseek-chat"]["structured_outputs"] is False
    assert models["deepseek/deepseek-reasoner"]["structured_outputs"] is False
    assert models["deepseek/deepseek-reasoner"]["function_calling"] is False
    assert models["openai/dall-e-3"]["structured_outputs"] is False


WEATHER = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}


def test_a_model_without_function_calling_answers_tools_with_400_and_failover_passes_it_by(raw: httpx.Client) -> None:
    ask = [{"role": "user", "content": "What's the weather in Oslo?"}]
    refused = raw.post(
        "/chat/completions", json={"model": "deepseek/deepseek-reasoner", "messages": ask, "tools": [WEATHER]}
    )
    assert refused.status_code == 400
    error = refused.json()["error"]
    assert "function calling" in error["message"]
    assert "deepseek/deepseek-reasoner" in error["message"]
    assert (
        raw.post("/chat/completions", json={"model": "deepseek/deepseek-reasoner", "messages": ask}).status_code == 200
    )

    routed = {"models": ["deepseek/deepseek-reasoner", "openai/gpt-4o-mini"], "messages": ask, "tools": [WEATHER]}
    served = raw.post("/chat/completions", json=routed).json()
    assert served["model"] == "openai/gpt-4o-mini"
    assert served["choices"][0]["message"]["tool_calls"]
    nobody = {**routed, "models": ["deepseek/deepseek-reasoner"] * 2}
    assert raw.post("/chat/completions", json=nobody).status_code == 400


@pytest.mark.parametrize(
    "model",
    ["openai/gpt-4o", "deepseek/deepseek-chat", "deepseek/deepseek-reasoner", "anthropic/claude-haiku-4-5"],
)
def test_a_structured_answer_is_billed_as_it_was_said_and_streamed_as_answered(
    model: str, ccapi_sandbox: SandboxServer, raw: httpx.Client
) -> None:
    mark = len(ccapi_sandbox.billed)
    body = _ask(raw, model)
    content = body["choices"][0]["message"]["content"]
    (billed,) = ccapi_sandbox.billed[mark:]
    assert billed.model == model
    assert billed.completion_tokens == body["usage"]["completion_tokens"] == _tokens(content)

    request = {"model": model, "messages": ASK, "response_format": RESPONSE_FORMAT, "stream": True}
    with raw.stream("POST", "/chat/completions", json=request) as response:
        chunks = [json.loads(line[6:]) for line in response.iter_lines() if line.startswith("data: {")]
    assert "".join(chunk["choices"][0]["delta"].get("content") or "" for chunk in chunks) == content


def test_max_tokens_cuts_a_structured_answer_short(raw: httpx.Client) -> None:
    whole = _ask(raw, "openai/gpt-4o")["choices"][0]["message"]["content"]
    cut = _ask(raw, "openai/gpt-4o", max_tokens=5)["choices"][0]
    assert cut["finish_reason"] == "length"
    assert whole.startswith(cut["message"]["content"])
    with pytest.raises(json.JSONDecodeError):
        json.loads(cut["message"]["content"])


@pytest.mark.parametrize(
    "schema",
    [
        {"type": 5},
        {"$ref": "#/$defs/Nowhere"},
        {"type": "string", "pattern": "("},
        {
            "$ref": "#/$defs/A",
            "$defs": {"A": {"type": "object", "properties": {"a": {"$ref": "#/$defs/A"}}, "required": ["a"]}},
        },
    ],
)
def test_a_schema_no_value_can_be_made_for_is_a_400_not_a_server_error(
    raw: httpx.Client, schema: dict[str, Any]
) -> None:
    shaped = {"type": "json_schema", "json_schema": {"name": "x", "schema": schema}}
    answered = raw.post(
        "/chat/completions", json={"model": "openai/gpt-4o", "messages": ASK, "response_format": shaped}
    )
    assert answered.status_code == 400, answered.text
    assert "schema" in answered.json()["error"]["message"]
    tool = {"type": "function", "function": {"name": "record", "parameters": schema}}
    called = raw.post(
        "/chat/completions",
        json={"model": "openai/gpt-4o", "messages": ASK, "tools": [tool], "tool_choice": "required"},
    )
    assert called.status_code == 400, called.text
