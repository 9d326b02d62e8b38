"""What the sandbox's chat models say: deterministic replies derived from the conversation, and tool calls."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Generator, Iterator
from typing import Any

import attrs

_TOKEN = re.compile(r"\w+|[^\w\s]")


IMAGE_TOKENS = 85  # what one image part of a message costs, as OpenAI counts a low-detail image


def count_tokens(text: str | None) -> int:
    """Tokens as the sandbox counts them: each word and each punctuation mark."""
    return len(_TOKEN.findall(text or ""))


def text_of(content: Any) -> str:
    """A message's text: its content, or the text of its parts (images carry none)."""
    if isinstance(content, list):
        return " ".join(part.get("text", "") for part in content if part.get("type") == "text")
    return content or ""


def prompt_tokens(content: Any) -> int:
    """A message's tokens: its text's, plus a fixed cost for each image part."""
    images = sum(1 for part in content if part.get("type") == "image_url") if isinstance(content, list) else 0
    return count_tokens(text_of(content)) + images * IMAGE_TOKENS


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

    def usage(self, choices: int = 1) -> dict[str, int]:
        completion = self.completion_tokens * choices
        return {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": completion,
            "total_tokens": self.prompt_tokens + completion,
        }


def _requested_tool(request: dict[str, Any], last: dict[str, Any]) -> dict[str, Any] | None:
    tools: list[dict[str, Any]] = [tool["function"] for tool in request.get("tools") or []]
    choice = request.get("tool_choice", "auto")
    if isinstance(choice, dict):  # the object form: {"type": "function", "function": {"name": ...}}
        choice = choice["function"]["name"]
    if not tools or choice == "none" or last["role"] != "user":
        return None
    named = [tool for tool in tools if tool["name"] == choice]
    if named:
        return named[0]
    text = text_of(last.get("content")).lower()
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
    """The model's answer to `request["messages"]`: the same conversation always gets the same answer.

    It honours what an OpenAI-style request asks of the answer: tools, `response_format` (JSON), `stop` sequences
    and `max_tokens`.
    """
    messages = request["messages"]
    prompt = sum(prompt_tokens(message.get("content")) for message in messages)
    last = messages[-1]
    said = text_of(last.get("content"))
    tool = _requested_tool(request, last)
    if tool is not None:
        digest = hashlib.sha256(f"{tool['name']}\0{said}".encode()).hexdigest()
        call_id = f"call_{digest[:16]}"
        arguments = json.dumps(_arguments(tool, said))
        calls = [{"id": call_id, "type": "function", "function": {"name": tool["name"], "arguments": arguments}}]
        return Reply(None, calls, "tool_calls", prompt)
    if last["role"] == "tool":
        text = f"The tool answered: {said}"
    else:
        text = f"[{model_id}] You said: {said}" if said else f"[{model_id}] Hello!"
    wanted = (request.get("response_format") or {}).get("type")
    if wanted == "json_object":
        text = json.dumps({"model": model_id, "answer": text})
    elif wanted == "json_schema":
        schema = (request["response_format"].get("json_schema") or {}).get("schema") or {}
        text = json.dumps(_arguments({"parameters": schema}, text) or {"answer": text})
    stops = request.get("stop")
    for stop in [stops] if isinstance(stops, str) else stops or []:
        if stop and stop in text:
            text = text[: text.index(stop)]
    words = _TOKEN.findall(text)
    if max_tokens is not None and len(words) > max_tokens:
        # Cut at the last whole token that fits, keeping the original spacing.
        end = [match.end() for match in _TOKEN.finditer(text)][max_tokens - 1]
        return Reply(text[:end], None, "length", prompt)
    return Reply(text, None, "stop", prompt)


def content_pieces(text: str, count: int | None) -> list[str]:
    """Split the reply into stream pieces: a word each, or exactly `count` pieces (repeating words if short)."""
    words = re.findall(r"\S+\s*", text) or [text]
    if count is None:
        return words
    return [words[index % len(words)] for index in range(count)]


def chunks(
    reply_: Reply, base: dict[str, Any], *, pieces: int | None, include_usage: bool, choices: int = 1
) -> Iterator[dict[str, Any]]:
    """The ChatCompletionChunk events of a streamed reply, in order (without the final [DONE]); with `choices`
    (the request's `n`), each choice's events one after the other."""
    sent = reply_
    for index in range(choices):
        sent = yield from _choice_chunks(reply_, base, index, pieces)
    if include_usage:
        yield {**base, "choices": [], "usage": sent.usage(choices)}


def _choice_chunks(
    reply_: Reply, base: dict[str, Any], index: int, pieces: int | None
) -> Generator[dict[str, Any], None, Reply]:
    def chunk(delta: dict[str, Any], finish_reason: str | None = None) -> dict[str, Any]:
        return {
            **base,
            "choices": [{"index": index, "delta": delta, "finish_reason": finish_reason}],
            "usage": None,
        }

    yield chunk({"role": "assistant", "content": ""})
    if reply_.tool_calls:
        for position, call in enumerate(reply_.tool_calls):
            arguments = call["function"]["arguments"]
            half = len(arguments) // 2
            yield chunk(
                {
                    "tool_calls": [
                        {
                            "index": position,
                            "id": call["id"],
                            "type": "function",
                            "function": {"name": call["function"]["name"], "arguments": arguments[:half]},
                        }
                    ]
                }
            )
            yield chunk({"tool_calls": [{"index": position, "function": {"arguments": arguments[half:]}}]})
    else:
        streamed = content_pieces(reply_.content or "", pieces)
        for piece in streamed:
            yield chunk({"content": piece})
        reply_ = attrs.evolve(reply_, content="".join(streamed))  # usage counts what was sent
    yield chunk({}, reply_.finish_reason)
    return reply_
