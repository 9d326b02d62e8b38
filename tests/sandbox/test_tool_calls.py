"""The sandbox's tool rule (ccapi.testing._tool_calls): several calls at once for the tools a request mentions, one
round a step of a sequence, then a text answer that quotes the results; so that tool runners take several steps."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest


def _tool(name: str, **properties: Any) -> dict[str, Any]:
    parameters = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    return {"type": "function", "function": {"name": name, "parameters": parameters}}


WEATHER = _tool("get_weather", city={"type": "string"}, unit={"type": "string", "enum": ["celsius", "fahrenheit"]})
TIME = _tool("get_local_time", city={"type": "string"})
NOTIFY = _tool("send_notification", message={"type": "string"}, urgent={"type": "boolean"})
TOOLS = [WEATHER, TIME, NOTIFY]


def _chat(raw: httpx.Client, messages: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    response = raw.post("/chat/completions", json={"model": "openai/gpt-4o", "messages": messages, **extra})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _answered(message: dict[str, Any], results: dict[str, str]) -> list[dict[str, Any]]:
    """The assistant's calls and a tool message for each, answering with results[name]."""
    calls = message["tool_calls"]
    return [
        message,
        *({"role": "tool", "tool_call_id": c["id"], "content": results[c["function"]["name"]]} for c in calls),
    ]


def _names(body: dict[str, Any]) -> list[str]:
    return [call["function"]["name"] for call in body["choices"][0]["message"].get("tool_calls") or []]


def test_every_tool_the_request_mentions_is_called_at_once_in_the_order_mentioned(raw: httpx.Client) -> None:
    ask = [{"role": "user", "content": "What's the local time and the weather in Lisbon?"}]
    body = _chat(raw, ask, tools=TOOLS)
    assert _names(body) == ["get_local_time", "get_weather"]
    assert body["choices"][0]["finish_reason"] == "tool_calls"
    calls = body["choices"][0]["message"]["tool_calls"]
    assert len({call["id"] for call in calls}) == 2
    arguments = [json.loads(call["function"]["arguments"]) for call in calls]
    assert arguments[0] == {"city": ask[0]["content"]}  # a plain string argument is what the user asked
    assert arguments[1]["unit"] in ("celsius", "fahrenheit")

    assert _names(_chat(raw, ask, tools=TOOLS, parallel_tool_calls=False)) == ["get_local_time"]
    forced = {"type": "function", "function": {"name": "send_notification"}}
    assert _names(_chat(raw, ask, tools=TOOLS, tool_choice=forced)) == ["send_notification"]
    assert _names(_chat(raw, ask, tools=TOOLS, tool_choice="none")) == []


def test_the_same_request_gets_the_same_calls(raw: httpx.Client) -> None:
    ask = [{"role": "user", "content": "What's the local time and the weather in Lisbon?"}]
    first, second = _chat(raw, ask, tools=TOOLS), _chat(raw, ask, tools=TOOLS)
    assert first["choices"][0]["message"] == second["choices"][0]["message"]


def test_after_the_results_the_model_answers_in_text_that_quotes_them(raw: httpx.Client) -> None:
    ask = [{"role": "user", "content": "What's the local time and the weather in Lisbon?"}]
    called = _chat(raw, ask, tools=TOOLS)["choices"][0]["message"]
    results = {"get_local_time": "14:05", "get_weather": "21 C, clear"}
    final = _chat(raw, [*ask, *_answered(called, results)], tools=TOOLS)["choices"][0]
    assert final["finish_reason"] == "stop"
    assert final["message"]["content"] == "The tools answered: get_local_time: 14:05; get_weather: 21 C, clear"


@pytest.mark.parametrize(
    "said",
    [
        "Get the weather in Oslo, then send a notification about it",
        "1. check the weather in Oslo 2. send a notification with it",
    ],
)
def test_a_sequence_takes_one_round_a_step(raw: httpx.Client, said: str) -> None:
    conversation: list[dict[str, Any]] = [{"role": "user", "content": said}]
    rounds = []
    for _ in range(4):  # more than enough: the model must stop on its own
        body = _chat(raw, conversation, tools=TOOLS)
        message = body["choices"][0]["message"]
        if not message.get("tool_calls"):
            break
        rounds.append(_names(body))
        conversation += _answered(message, {"get_weather": "rain", "send_notification": "sent"})
    assert rounds == [["get_weather"], ["send_notification"]]
    assert message["content"] == "The tools answered: get_weather: rain; send_notification: sent"


def test_a_tool_the_system_message_names_is_called_when_the_user_names_none(raw: httpx.Client) -> None:
    query = _tool("Query", table_name={"type": "string", "enum": ["orders", "customers"]})
    ask = [
        {"role": "system", "content": "You help users query their data by calling the query function."},
        {"role": "user", "content": "look up all my orders in november that were not delivered on time"},
    ]
    assert _names(_chat(raw, ask, tools=[query])) == ["Query"]
    assert _names(_chat(raw, ask[1:], tools=[query])) == []  # nothing names it: the model answers in text
    assert _names(_chat(raw, ask[1:], tools=[query], tool_choice="required")) == ["Query"]


def test_parallel_calls_stream_each_under_its_own_index(raw: httpx.Client) -> None:
    ask = [{"role": "user", "content": "What's the local time and the weather in Lisbon?"}]
    whole = _chat(raw, ask, tools=TOOLS)["choices"][0]["message"]["tool_calls"]
    request = {"model": "openai/gpt-4o", "messages": ask, "tools": TOOLS, "stream": True}
    with raw.stream("POST", "/chat/completions", json=request) as response:
        chunks = [json.loads(line[6:]) for line in response.iter_lines() if line.startswith("data: {")]
    built: dict[int, dict[str, str]] = {}
    for chunk in chunks:
        for delta in chunk["choices"][0]["delta"].get("tool_calls") or []:
            call = built.setdefault(delta["index"], {"id": "", "name": "", "arguments": ""})
            call["id"] += delta.get("id", "")
            call["name"] += delta.get("function", {}).get("name", "")
            call["arguments"] += delta.get("function", {}).get("arguments", "")
    assert [built[index] for index in sorted(built)] == [
        {"id": call["id"], "name": call["function"]["name"], "arguments": call["function"]["arguments"]}
        for call in whole
    ]
    assert chunks[-1]["choices"][0]["finish_reason"] == "tool_calls"
