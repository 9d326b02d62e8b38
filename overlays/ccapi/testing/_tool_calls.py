"""Which tools a sandbox model calls, and with what arguments: a fixed rule, so that tests know what to expect.

- The request is the last user message. It is cut into steps at a word `then` or at numbered items (`1.`, `2)`),
  else it is one step. A model calls tools for at most one step a round: the first step when the user has just
  spoken, the next one each time tool results come back, so a runner takes as many rounds as there are steps
  that call tools. Once the steps run out, or a step names no tool, the model answers in text that quotes the
  tool results.
- In a step, it calls every tool the step mentions (by its name, its name with spaces for `_`, or a word of its
  name four letters or longer that is not a generic verb: `weather` for `get_weather`), in the order mentioned:
  several calls at once, unless `parallel_tool_calls` is false (then only the first). In the first step, a step
  that mentions none falls back on the tools the system or developer messages mention, then, with `tool_choice`
  `required`, on the first tool offered.
- `tool_choice` naming a function calls that one, and only it, each round that has a step; `none` calls nothing.
- Arguments are valid for the tool's parameters (ccapi.testing._schema_values), the same for the same step; a
  string property without a format or pattern is the step's text.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from ._schema_values import schema_value
from ._structured import json_text

# Words in a tool's name that say nothing about what it is for.
_GENERIC = frozenset({"get", "set", "list", "fetch", "find", "make", "create", "update", "delete", "tool", "call",
                      "function", "data", "info", "with", "from", "into"})  # fmt: skip
_STEP_BREAK = re.compile(r"(?:[,;]?\s*(?:and\s+)?\bthen\b\s*)|(?:(?:^|\s)\d+[.)]\s+)", re.IGNORECASE)


def text_of(content: Any) -> str:
    """A message's text: its content, or the text of its parts (images carry none)."""
    if isinstance(content, list):
        return " ".join(part.get("text", "") for part in content if part.get("type") == "text")
    return content or ""


def steps(text: str) -> list[str]:
    """The steps a user message asks for, in order (the whole message when it names no sequence)."""
    parts = [part.strip(" ,;.") for part in _STEP_BREAK.split(text)]
    found = [part for part in parts if part]
    return found if len(found) > 1 else [text]


def _words(name: str) -> list[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name).replace("_", " ").replace("-", " ")
    return [word.lower() for word in spaced.split()]


def mentioned_at(name: str, text: str) -> int | None:
    """Where `text` first mentions the tool `name`, or None."""
    lowered = text.lower()
    found = [lowered.find(form) for form in (name.lower(), " ".join(_words(name))) if form and form in lowered]
    for word in _words(name):
        if len(word) >= 4 and word not in _GENERIC:
            match = re.search(rf"\b{re.escape(word)}s?\b", lowered)
            if match:
                found.append(match.start())
    return min(found) if found else None


def _mentioned(tools: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    places = [(mentioned_at(tool["name"], text), order, tool) for order, tool in enumerate(tools)]
    return [tool for place, _, tool in sorted((p for p in places if p[0] is not None), key=lambda p: p[:2])]


def planned_calls(request: dict[str, Any]) -> list[dict[str, Any]]:
    """The tool calls the model makes in answer to `request` (none: it answers in text)."""
    tools: list[dict[str, Any]] = [tool["function"] for tool in request.get("tools") or []]
    choice = request.get("tool_choice", "auto")
    if isinstance(choice, dict):  # the object form: {"type": "function", "function": {"name": ...}}
        choice = choice["function"]["name"]
    messages: list[dict[str, Any]] = request["messages"]
    users = [index for index, message in enumerate(messages) if message["role"] == "user"]
    if not tools or choice == "none" or not users or messages[-1]["role"] not in ("user", "tool"):
        return []
    after = messages[users[-1] + 1 :]
    rounds = sum(1 for message in after if message["role"] == "assistant" and message.get("tool_calls"))
    asked = steps(text_of(messages[users[-1]].get("content")))
    if rounds >= len(asked):
        return []
    step = asked[rounds]
    named = [tool for tool in tools if tool["name"] == choice]
    chosen = named or _mentioned(tools, step)
    if not chosen and rounds == 0:
        instructions = " ".join(text_of(m.get("content")) for m in messages if m["role"] in ("system", "developer"))
        chosen = _mentioned(tools, instructions) or (tools[:1] if choice == "required" else [])
    if request.get("parallel_tool_calls") is False:
        chosen = chosen[:1]
    return [_call(tool, step, rounds) for tool in chosen]


def _call(tool: dict[str, Any], step: str, rounds: int) -> dict[str, Any]:
    digest = hashlib.sha256(f"{tool['name']}\0{step}\0{rounds}".encode()).hexdigest()
    parameters = tool.get("parameters") or {"type": "object"}
    arguments = schema_value(parameters, seed=digest, text=step, plain_strings=True)
    return {
        "id": f"call_{digest[:16]}",
        "type": "function",
        "function": {"name": tool["name"], "arguments": json_text(arguments)},
    }


def results_text(messages: list[dict[str, Any]]) -> str:
    """What the model says once tools have answered: every result since the user last spoke, each quoted."""
    users = [index for index, message in enumerate(messages) if message["role"] == "user"]
    since = messages[users[-1] + 1 :] if users else messages
    names = {
        call["id"]: call["function"]["name"]
        for message in since
        if message["role"] == "assistant"
        for call in message.get("tool_calls") or []
    }
    results = [message for message in since if message["role"] == "tool"]
    if len(results) == 1:
        return f"The tool answered: {text_of(results[0].get('content'))}"
    quoted = [f"{names.get(m.get('tool_call_id', ''), 'tool')}: {text_of(m.get('content'))}" for m in results]
    return "The tools answered: " + "; ".join(quoted)
