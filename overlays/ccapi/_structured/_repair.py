"""One attempt of `parse`, judged without I/O: the parsed completion, or what did not validate and the messages that
ask the model again (a repair). The loop that sends is `ccapi._chat_helpers`.

A repair shows the model its own answer and the validation errors, as instructor does, and asks for the value
alone. An answer with a refusal is not repaired: it is the model's answer (`message.refusal`, `parsed` None).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ._extract import Extracted, extract
from ._parsed import ParsedChatCompletion, parsed_completion, refusal_of

if TYPE_CHECKING:
    from ccapi_generated.models import ChatCompletionResponse, ChatToolCall

    from .._tools import FunctionTool
    from ._schema import ResponseFormat

ERRORS_SHOWN = 20
"""At most this many validation errors go back to the model: enough to fix an answer, few enough to stay cheap."""


class Judged:
    """An attempt's outcome: `completion` (parsed) when it validates; else `errors`, the answer's `raw` text and the
    `repair` messages to append to the conversation to ask again."""

    def __init__(
        self,
        completion: ParsedChatCompletion[Any] | None,
        errors: list[str],
        raw: str | None,
        repair: list[dict[str, Any]],
    ) -> None:
        self.completion = completion
        self.errors = errors
        self.raw = raw
        self.repair = repair


def check_finish(completion: ChatCompletionResponse) -> None:
    """Raise as the openai package does for an answer cut short: LengthFinishReasonError, ContentFilter..."""
    from .._errors import ContentFilterFinishReasonError, LengthFinishReasonError

    for choice in completion.choices:
        if choice.finish_reason == "length":
            raise LengthFinishReasonError(completion=completion)
        if choice.finish_reason == "content_filter":
            raise ContentFilterFinishReasonError


def judge(
    completion: ChatCompletionResponse,
    response_format: ResponseFormat[Any] | None,
    tools: Mapping[str, FunctionTool],
) -> Judged:
    """Validate every choice's content against `response_format` (when one is given) and its tool calls' arguments
    against their tools; the parsed completion, or the first problem found and its repair."""
    check_finish(completion)
    parsed: list[object] = []
    arguments: list[list[object]] = []
    for choice in completion.choices:
        message = choice.message
        calls = message.tool_calls if isinstance(message.tool_calls, list) else []
        found: list[object] = []
        for call in calls:
            read = read_arguments(call, tools)
            if not read.ok:
                return _tool_problem(calls, call, read.errors)
            found.append(read.value)
        arguments.append(found)
        if response_format is None or calls or refusal_of(message) is not None:
            parsed.append(None)
            continue
        content = extract(message.content, response_format.validate)
        if not content.ok:
            return Judged(None, content.errors, message.content, _content_repair(message.content, content.errors))
        parsed.append(content.value)
    return Judged(parsed_completion(completion, parsed, arguments), [], None, [])


def read_arguments(call: ChatToolCall, tools: Mapping[str, FunctionTool]) -> Extracted[object]:
    """A tool call's arguments: validated by its tool when the tool is one of ours, else the JSON object as it is."""
    tool = tools.get(call.function.name)
    if tool is not None:
        return extract(call.function.arguments or "{}", tool.validate_arguments)
    try:
        return Extracted(True, json.loads(call.function.arguments or "{}"), [])
    except ValueError:
        return Extracted(True, None, [])  # a tool we do not know: its arguments are the caller's to read


def _shown(errors: Sequence[str]) -> str:
    listed = "\n".join(f"- {error}" for error in errors[:ERRORS_SHOWN])
    more = len(errors) - ERRORS_SHOWN
    return listed + (f"\n- ... and {more} more" if more > 0 else "")


def _content_repair(raw: str | None, errors: list[str]) -> list[dict[str, Any]]:
    return [
        {"role": "assistant", "content": raw or ""},
        {
            "role": "user",
            "content": "Your answer does not match the required JSON schema:\n"
            f"{_shown(errors)}\n"
            "Answer again with only the corrected JSON value: no prose, no code fence.",
        },
    ]


def _tool_problem(calls: list[ChatToolCall], wrong: ChatToolCall, errors: list[str]) -> Judged:
    """Arguments that do not validate: the calls go back, each answered (the wrong one with its errors, the others as
    not run), so that the conversation stays one a model accepts, and the model calls again."""
    assistant = {"role": "assistant", "content": None, "tool_calls": [call.to_dict() for call in calls]}
    answers = []
    for call in calls:
        if call is wrong:
            text = f"Error: the arguments do not match the tool's schema:\n{_shown(errors)}\nCall the tool again."
        else:
            text = "Not run: another call of this turn had arguments that do not match its schema."
        answers.append({"role": "tool", "tool_call_id": call.id, "content": text})
    return Judged(None, errors, wrong.function.arguments, [assistant, *answers])
