"""Sandbox chat: deterministic answers, honest usage, failover, tool calls and real SSE streams."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
from ccapi.testing import Faults, SandboxServer

USER = {"role": "user", "content": "Outline a launch plan for CCAPI."}
CHAT = {
    "model": "openai/gpt-4o-mini",
    "messages": [{"role": "system", "content": "You are a precise assistant."}, USER],
}


def _tokens(text: str) -> int:
    return len(re.findall(r"\w+|[^\w\s]", text))


def test_replies_are_deterministic_and_derived_from_the_input(raw: httpx.Client) -> None:
    first, second = raw.post("/chat/completions", json=CHAT).json(), raw.post("/chat/completions", json=CHAT).json()
    assert first["choices"] == second["choices"]
    assert first["id"] != second["id"]
    content = first["choices"][0]["message"]["content"]
    assert USER["content"] in content
    assert first["choices"][0]["finish_reason"] == "stop"
    other = raw.post("/chat/completions", json={**CHAT, "messages": [{"role": "user", "content": "Hi"}]}).json()
    assert other["choices"][0]["message"]["content"] != content


def test_usage_counts_what_was_sent_and_said(raw: httpx.Client) -> None:
    body = raw.post("/chat/completions", json=CHAT).json()
    usage = body["usage"]
    assert usage["prompt_tokens"] == sum(_tokens(message["content"]) for message in CHAT["messages"])
    assert usage["completion_tokens"] == _tokens(body["choices"][0]["message"]["content"])
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]
    assert (body["model"], body["provider"]) == ("openai/gpt-4o-mini", "openai")


def test_max_tokens_cuts_the_answer(raw: httpx.Client) -> None:
    body = raw.post("/chat/completions", json={**CHAT, "max_tokens": 3}).json()
    assert body["choices"][0]["finish_reason"] == "length"
    assert body["usage"]["completion_tokens"] == 3


def test_failover_skips_a_model_that_is_down(ccapi_sandbox: SandboxServer, raw: httpx.Client) -> None:
    ccapi_sandbox.config.faults = Faults(down_models=frozenset({"anthropic/claude-sonnet-4-6"}))
    request = {"models": ["anthropic/claude-sonnet-4-6", "google/gemini-2.5-flash"], "messages": [USER]}
    body = raw.post("/chat/completions", json=request).json()
    assert (body["model"], body["provider"]) == ("google/gemini-2.5-flash", "google")
    ccapi_sandbox.config.faults = Faults(down_models=frozenset(request["models"]))
    response = raw.post("/chat/completions", json=request)
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "models_unavailable"


def test_an_unknown_model_is_404_and_a_wrong_kind_of_model_400(raw: httpx.Client) -> None:
    unknown = raw.post("/chat/completions", json={**CHAT, "model": "acme/nothing"})
    assert unknown.status_code == 404
    assert unknown.json()["error"]["code"] == "model_not_found"
    assert "acme/nothing" in unknown.json()["error"]["message"]
    wrong = raw.post("/chat/completions", json={**CHAT, "model": "openai/dall-e-3"})
    assert wrong.status_code == 400
    assert "image model" in wrong.json()["error"]["message"]


WEATHER = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}


def test_a_tool_call_when_the_conversation_asks_for_one(raw: httpx.Client) -> None:
    ask = {"role": "user", "content": "Please get_weather for Paris"}
    body = raw.post("/chat/completions", json={**CHAT, "messages": [ask], "tools": [WEATHER]}).json()
    choice = body["choices"][0]
    assert choice["finish_reason"] == "tool_calls"
    assert choice["message"]["content"] is None
    (call,) = choice["message"]["tool_calls"]
    assert call["function"]["name"] == "get_weather"
    assert json.loads(call["function"]["arguments"]) == {"city": ask["content"]}

    answered = [ask, choice["message"], {"role": "tool", "tool_call_id": call["id"], "content": "18 C and sunny"}]
    final = raw.post("/chat/completions", json={**CHAT, "messages": answered, "tools": [WEATHER]}).json()
    assert final["choices"][0]["message"]["content"] == "The tool answered: 18 C and sunny"
    plain = raw.post("/chat/completions", json={**CHAT, "tools": [WEATHER]}).json()
    assert plain["choices"][0]["finish_reason"] == "stop"


def _events(raw: httpx.Client, body: dict[str, Any]) -> list[str]:
    with raw.stream("POST", "/chat/completions", json={**body, "stream": True}) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        return [line.removeprefix("data: ") for line in response.iter_lines() if line]


def test_a_stream_is_sse_ending_with_done(raw: httpx.Client) -> None:
    events = _events(raw, {**CHAT, "stream_options": {"include_usage": True}})
    assert events[-1] == "[DONE]"
    chunks = [json.loads(event) for event in events[:-1]]
    assert {chunk["object"] for chunk in chunks} == {"chat.completion.chunk"}
    assert len({chunk["id"] for chunk in chunks}) == 1
    text = "".join(chunk["choices"][0]["delta"].get("content") or "" for chunk in chunks if chunk["choices"])
    whole = raw.post("/chat/completions", json=CHAT).json()
    assert text == whole["choices"][0]["message"]["content"]
    assert chunks[-2]["choices"][0]["finish_reason"] == "stop"
    assert chunks[-1]["usage"] == whole["usage"]


def test_the_chunk_count_is_configurable(ccapi_sandbox: SandboxServer, raw: httpx.Client) -> None:
    ccapi_sandbox.config.stream_chunks = 500
    events = _events(raw, CHAT)
    content_chunks = [e for e in events[:-1] if json.loads(e)["choices"][0]["delta"].get("content")]
    assert len(content_chunks) == 500


def test_a_streamed_tool_call_comes_in_pieces(raw: httpx.Client) -> None:
    ask = {"role": "user", "content": "get_weather in Oslo"}
    chunks = [json.loads(e) for e in _events(raw, {**CHAT, "messages": [ask], "tools": [WEATHER]})[:-1]]
    pieces = [call for c in chunks for call in c["choices"][0]["delta"].get("tool_calls", [])]
    assert len(pieces) > 2  # a few characters each, as models stream arguments
    assert pieces[0]["function"]["name"] == "get_weather"
    assert all("name" not in piece.get("function", {}) for piece in pieces[1:])
    arguments = "".join(piece["function"]["arguments"] for piece in pieces)
    assert json.loads(arguments) == {"city": ask["content"]}
    assert chunks[-1]["choices"][0]["finish_reason"] == "tool_calls"


def test_what_openai_style_requests_ask_of_the_answer(raw: httpx.Client) -> None:
    several = raw.post("/chat/completions", json={**CHAT, "n": 3}).json()
    assert [choice["index"] for choice in several["choices"]] == [0, 1, 2]
    one = raw.post("/chat/completions", json=CHAT).json()
    assert several["usage"]["completion_tokens"] == 3 * one["usage"]["completion_tokens"]

    stopped = raw.post("/chat/completions", json={**CHAT, "stop": ["launch"]}).json()
    text = stopped["choices"][0]["message"]["content"]
    assert "launch" not in text
    assert one["choices"][0]["message"]["content"].startswith(text)

    as_json = raw.post("/chat/completions", json={**CHAT, "response_format": {"type": "json_object"}}).json()
    assert isinstance(json.loads(as_json["choices"][0]["message"]["content"]), dict)
    schema = {"type": "object", "properties": {"title": {"type": "string"}, "steps": {"type": "integer"}}}
    shaped = raw.post(
        "/chat/completions",
        json={**CHAT, "response_format": {"type": "json_schema", "json_schema": {"name": "plan", "schema": schema}}},
    ).json()
    assert set(json.loads(shaped["choices"][0]["message"]["content"])) == {"title", "steps"}


def test_developer_messages_image_parts_and_the_tool_choice_object(raw: httpx.Client) -> None:
    developer = raw.post(
        "/chat/completions", json={**CHAT, "messages": [{"role": "developer", "content": "Be brief."}, USER]}
    )
    assert developer.status_code == 200
    picture = {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}}
    parts = [{"type": "text", "text": USER["content"]}, picture]
    seen = raw.post("/chat/completions", json={**CHAT, "messages": [{"role": "user", "content": parts}]}).json()
    text_only = raw.post("/chat/completions", json={**CHAT, "messages": [USER]}).json()
    assert seen["usage"]["prompt_tokens"] == text_only["usage"]["prompt_tokens"] + 85  # the image is counted
    assert USER["content"] in seen["choices"][0]["message"]["content"]
    forced = raw.post(
        "/chat/completions",
        json={**CHAT, "tools": [WEATHER], "tool_choice": {"type": "function", "function": {"name": "get_weather"}}},
    ).json()
    assert forced["choices"][0]["message"]["tool_calls"][0]["function"]["name"] == "get_weather"


def test_a_streamed_answer_with_n_choices(raw: httpx.Client) -> None:
    body = {**CHAT, "n": 2, "stream": True}
    with raw.stream("POST", "/chat/completions", json=body) as response:
        events = [line[6:] for line in response.iter_lines() if line.startswith("data: ")]
    indexes = {choice["index"] for event in events[:-1] for choice in json.loads(event)["choices"]}
    assert indexes == {0, 1}
    assert events[-1] == "[DONE]"


def test_the_catalog_lists_every_model_without_a_limit(raw: httpx.Client) -> None:
    everything = raw.get("/models").json()
    assert len(everything["data"]) == everything["total"] > 20
    assert everything["has_more"] is False
    assert len(raw.get("/models", params={"limit": 5}).json()["data"]) == 5
