"""What the sandbox's chat models say: deterministic replies derived from the conversation, and tool calls."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from typing import Any

import attrs

_TOKEN = re.compile(r"\w+|[^\w\s]")


def count_tokens(text: str | None) -> int:
    """Tokens as the sandbox counts them: each word and each punctuation mark."""
    return len(_TOKEN.findall(text or ""))


@attrs.frozen
class Reply:
    """The assistant's turn: text, or tool calls."""

    content: str | None
    tool_calls: list[dict[str, Any]] | None
    finish_reason: str
    prompt_tokens: int

    @property
    def completion_tokens(self) -> int:
        if self.tool_calls:
            return sum(
                count_tokens(call["function"]["name"] + call["function"]["arguments"]) for call in self.tool_calls
            )
        return count_tokens(self.content)

    def usage(self) -> dict[str, int]:
        completion = self.completion_tokens
        return {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": completion,
            "total_tokens": self.prompt_tokens + completion,
        }


def _requested_tool(request: dict[str, Any], last: dict[str, Any]) -> dict[str, Any] | None:
    tools: list[dict[str, Any]] = [tool["function"] for tool in request.get("tools") or []]
    choice = request.get("tool_choice", "auto")
    if not tools or choice == "none" or last["role"] != "user":
        return None
    named = [tool for tool in tools if tool["name"] == choice]
    if named:
        return named[0]
    text = (last.get("content") or "").lower()
    mentioned = [tool for tool in tools if tool["name"].lower() in text or tool["name"].replace("_", " ") in text]
    if mentioned:
        return mentioned[0]
    return tools[0] if choice == "required" else None


def _arguments(function: dict[str, Any], text: str) -> dict[str, Any]:
    properties = (function.get("parameters") or {}).get("properties") or {}
    defaults = {
        "string": text,
        "integer": count_tokens(text),
        "number": float(count_tokens(text)),
        "boolean": True,
    }
    return {name: defaults[schema["type"]] for name, schema in properties.items() if schema.get("type") in defaults}


def reply(request: dict[str, Any], model_id: str, max_tokens: int | None) -> Reply:
    """The model's answer to `request["messages"]`: the same conversation always gets the same answer."""
    messages = request["messages"]
    prompt_tokens = sum(count_tokens(message.get("content")) for message in messages)
    last = messages[-1]
    tool = _requested_tool(request, last)
    if tool is not None:
        digest = hashlib.sha256(f"{tool['name']}\0{last.get('content')}".encode()).hexdigest()
        call_id = f"call_{digest[:16]}"
        arguments = json.dumps(_arguments(tool, last.get("content") or ""))
        calls = [{"id": call_id, "type": "function", "function": {"name": tool["name"], "arguments": arguments}}]
        return Reply(None, calls, "tool_calls", prompt_tokens)
    if last["role"] == "tool":
        text = f"The tool answered: {last.get('content') or ''}"
    else:
        said = last.get("content") or ""
        text = f"[{model_id}] You said: {said}" if said else f"[{model_id}] Hello!"
    words = _TOKEN.findall(text)
    if max_tokens is not None and len(words) > max_tokens:
        # Cut at the last whole token that fits, keeping the original spacing.
        end = [match.end() for match in _TOKEN.finditer(text)][max_tokens - 1]
        return Reply(text[:end], None, "length", prompt_tokens)
    return Reply(text, None, "stop", prompt_tokens)


def content_pieces(text: str, count: int | None) -> list[str]:
    """Split the reply into stream pieces: a word each, or exactly `count` pieces (repeating words if short)."""
    words = re.findall(r"\S+\s*", text) or [text]
    if count is None:
        return words
    return [words[index % len(words)] for index in range(count)]


def chunks(reply_: Reply, base: dict[str, Any], *, pieces: int | None, include_usage: bool) -> Iterator[dict[str, Any]]:
    """The ChatCompletionChunk events of a streamed reply, in order (without the final [DONE])."""

    def chunk(delta: dict[str, Any], finish_reason: str | None = None) -> dict[str, Any]:
        return {
            **base,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
            "usage": None,
        }

    yield chunk({"role": "assistant", "content": ""})
    if reply_.tool_calls:
        for index, call in enumerate(reply_.tool_calls):
            arguments = call["function"]["arguments"]
            half = len(arguments) // 2
            yield chunk(
                {
                    "tool_calls": [
                        {
                            "index": index,
                            "id": call["id"],
                            "type": "function",
                            "function": {"name": call["function"]["name"], "arguments": arguments[:half]},
                        }
                    ]
                }
            )
            yield chunk({"tool_calls": [{"index": index, "function": {"arguments": arguments[half:]}}]})
    else:
        streamed = content_pieces(reply_.content or "", pieces)
        for piece in streamed:
            yield chunk({"content": piece})
        reply_ = attrs.evolve(reply_, content="".join(streamed))  # usage counts what was sent
    yield chunk({}, reply_.finish_reason)
    if include_usage:
        yield {**base, "choices": [], "usage": reply_.usage()}
