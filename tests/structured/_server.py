"""A scripted chat model behind httpx.MockTransport: each chat request gets the next planned assistant message (as
JSON, or as server-sent events split at awkward places when the request streams), and `GET /models` a small catalog
with prices and `function_calling`, so that budgets, spend and capability checks have something to read."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import ccapi
import httpx

KEY = "sk-test-structured-0123456789"
BASE_URL = "https://gateway.test/v1"
USAGE = {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150}

CATALOG: list[dict[str, Any]] = [
    {"id": "openai/gpt-4o", "function_calling": True},
    {"id": "anthropic/claude-haiku-4-5", "function_calling": True},
    {"id": "deepseek/deepseek-reasoner", "function_calling": False},
]
"""Each model costs $1 per million tokens in and out: one answer (100 in, 50 out) costs $0.00015."""

Reply = dict[str, Any] | Callable[[dict[str, Any]], dict[str, Any]]


def text(content: str, finish_reason: str = "stop") -> dict[str, Any]:
    return {"message": {"role": "assistant", "content": content}, "finish_reason": finish_reason}


def calls(*named: tuple[str, dict[str, Any] | str]) -> dict[str, Any]:
    """An assistant message calling each (name, arguments) at once."""
    tool_calls = [
        {"id": f"call_{at}_{name}", "type": "function",
         "function": {"name": name, "arguments": arguments if isinstance(arguments, str) else json.dumps(arguments)}}
        for at, (name, arguments) in enumerate(named)
    ]  # fmt: skip
    return {"message": {"role": "assistant", "content": None, "tool_calls": tool_calls}, "finish_reason": "tool_calls"}


def refusal(reason: str) -> dict[str, Any]:
    return {"message": {"role": "assistant", "content": None, "refusal": reason}, "finish_reason": "stop"}


class ModelServer:
    """Answers chat requests from `replies`, in order (the last one again when they run out); `bodies` are the chat
    requests it was sent."""

    def __init__(self, *replies: Reply) -> None:
        self.replies = list(replies)
        self.bodies: list[dict[str, Any]] = []
        self.catalog_requests = 0

    def handle(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/models"):
            self.catalog_requests += 1
            return httpx.Response(200, json=_catalog())
        body = json.loads(request.content)
        self.bodies.append(body)
        planned = self.replies[min(len(self.bodies), len(self.replies)) - 1]
        reply = planned(body) if callable(planned) else planned
        model = body.get("model") or "openai/gpt-4o"
        if body.get("stream"):
            return httpx.Response(
                200, headers={"content-type": "text/event-stream"}, content=_events(reply, model).encode()
            )
        return httpx.Response(
            200,
            json={"id": f"chatcmpl_{len(self.bodies)}", "object": "chat.completion", "created": 1, "model": model,
                  "provider": "openai", "choices": [{"index": 0, **reply}], "usage": USAGE},
        )  # fmt: skip

    async def ahandle(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        return self.handle(request)

    def client(self, **options: Any) -> ccapi.CCAPI:
        http = httpx.Client(transport=httpx.MockTransport(self.handle))
        return ccapi.CCAPI(api_key=KEY, base_url=BASE_URL, http_client=http, **options)

    def async_client(self, **options: Any) -> ccapi.AsyncCCAPI:
        http = httpx.AsyncClient(transport=httpx.MockTransport(self.ahandle))
        return ccapi.AsyncCCAPI(api_key=KEY, base_url=BASE_URL, http_client=http, **options)


def _catalog() -> dict[str, Any]:
    data = [
        {"id": entry["id"], "object": "model", "created": 1, "owned_by": entry["id"].split("/")[0],
         "ccapi": {"type": "text", "capabilities": {"function_calling": entry["function_calling"],
                                                    "max_output_tokens": 1000, "context_length": 100_000},
                   "pricing": {"input_cost_per_million": 1.0, "output_cost_per_million": 1.0, "currency": "USD"}}}
        for entry in CATALOG
    ]  # fmt: skip
    return {"object": "list", "data": data, "total": len(data), "limit": len(data), "offset": 0, "has_more": False}


def _pieces(value: str) -> list[str]:
    """`value` in pieces of three characters: cut inside strings, escapes and numbers alike."""
    return [value[at : at + 3] for at in range(0, len(value), 3)] or [""]


def _events(reply: dict[str, Any], model: str) -> str:
    base = {"id": "chatcmpl_s", "object": "chat.completion.chunk", "created": 1, "model": model}

    def chunk(delta: dict[str, Any], finish: str | None = None) -> str:
        payload = {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
        return f"data: {json.dumps(payload)}\n\n"

    message = reply["message"]
    out = [chunk({"role": "assistant", "content": ""})]
    if message.get("content"):
        out += [chunk({"content": piece}) for piece in _pieces(message["content"])]
    if message.get("refusal"):
        out += [chunk({"refusal": piece}) for piece in _pieces(message["refusal"])]
    for at, call in enumerate(message.get("tool_calls") or []):
        pieces = _pieces(call["function"]["arguments"])
        first = {"index": at, "id": call["id"], "type": "function",
                 "function": {"name": call["function"]["name"], "arguments": pieces[0]}}  # fmt: skip
        out.append(chunk({"tool_calls": [first]}))
        out += [chunk({"tool_calls": [{"index": at, "function": {"arguments": piece}}]}) for piece in pieces[1:]]
    out.append(chunk({}, reply["finish_reason"]))
    out.append(f"data: {json.dumps({**base, 'choices': [], 'usage': USAGE})}\n\n")
    return "".join(out) + "data: [DONE]\n\n"
