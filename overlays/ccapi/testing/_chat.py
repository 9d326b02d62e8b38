"""What the sandbox's chat models say: deterministic replies derived from the conversation, and tool calls."""

from __future__ import annotations

import json
import re
from collections.abc import Generator, Iterator
from typing import Any

import attrs

from ._schema_values import UnusableSchema
from ._spec import RequestInvalid
from ._structured import NATIVE, awkward_pieces, structured_answer, wanted_schema
from ._tool_calls import planned_calls, results_text, text_of

_TOKEN = re.compile(r"\w+|[^\w\s]")


IMAGE_TOKENS = 85  # what one image part of a message costs, as OpenAI counts a low-detail image


def count_tokens(text: str | None) -> int:
    """Tokens as the sandbox counts them: each word and each punctuation mark."""
    return len(_TOKEN.findall(text or ""))


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
    refusal: str | None = None
    structured: bool = False  # JSON for a schema: streamed in awkward pieces, not word by word

    @property
    def completion_tokens(self) -> int:
        if self.tool_calls:
            return sum(
                count_tokens(call["function"]["name"] + call["function"]["arguments"]) for call in self.tool_calls
            )
        return count_tokens(self.content if self.refusal is None else self.refusal)

    def usage(self, choices: int = 1) -> dict[str, int]:
        completion = self.completion_tokens * choices
        return {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": completion,
            "total_tokens": self.prompt_tokens + completion,
        }


def reply(request: dict[str, Any], model_id: str, max_tokens: int | None, schema_style: str = NATIVE) -> Reply:
    """The model's answer to `request["messages"]`: the same conversation always gets the same answer.

    It honours what an OpenAI-style request asks of the answer: tools (ccapi.testing._tool_calls says which),
    `response_format` (JSON; a JSON schema as the model's `schema_style` does, ccapi.testing._structured), `stop`
    sequences and `max_tokens`.
    """
    messages = request["messages"]
    prompt = sum(prompt_tokens(message.get("content")) for message in messages)
    last = messages[-1]
    said = text_of(last.get("content"))
    try:
        calls = planned_calls(request)
    except UnusableSchema as error:
        raise RequestInvalid("tools", f"A tool's parameters are not usable: {error}") from error
    if calls:
        return Reply(None, calls, "tool_calls", prompt)
    if last["role"] == "tool":
        text = results_text(messages)
    else:
        text = f"[{model_id}] You said: {said}" if said else f"[{model_id}] Hello!"
    schema = wanted_schema(request)
    if schema is not None:
        try:
            content, refusal = structured_answer(schema_style, schema, messages, said)
        except UnusableSchema as error:
            raise RequestInvalid("response_format.json_schema.schema", str(error)) from error
        if refusal is not None:
            return Reply(None, None, "stop", prompt, refusal=refusal, structured=True)
        text = content or ""
    elif (request.get("response_format") or {}).get("type") == "json_object":
        text = json.dumps({"model": model_id, "answer": text})
    stops = request.get("stop")
    for stop in [stops] if isinstance(stops, str) else stops or []:
        if stop and stop in text:
            text = text[: text.index(stop)]
    words = _TOKEN.findall(text)
    structured = schema is not None
    if max_tokens is not None and len(words) > max_tokens:
        # Cut at the last whole token that fits, keeping the original spacing.
        end = [match.end() for match in _TOKEN.finditer(text)][max_tokens - 1]
        return Reply(text[:end], None, "length", prompt, structured=structured)
    return Reply(text, None, "stop", prompt, structured=structured)


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
            first, *rest = awkward_pieces(call["function"]["arguments"]) or [""]
            opening = {"index": position, "id": call["id"], "type": "function"}
            yield chunk(
                {"tool_calls": [{**opening, "function": {"name": call["function"]["name"], "arguments": first}}]}
            )
            for piece in rest:
                yield chunk({"tool_calls": [{"index": position, "function": {"arguments": piece}}]})
    elif reply_.refusal is not None:
        for piece in content_pieces(reply_.refusal, None):
            yield chunk({"refusal": piece})
    elif reply_.structured:
        for piece in awkward_pieces(reply_.content or ""):
            yield chunk({"content": piece})
    else:
        streamed = content_pieces(reply_.content or "", pieces)
        for piece in streamed:
            yield chunk({"content": piece})
        reply_ = attrs.evolve(reply_, content="".join(streamed))  # usage counts what was sent
    yield chunk({}, reply_.finish_reason)
    return reply_
