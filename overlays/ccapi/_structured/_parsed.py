"""The completion `parse` returns: the spec's ChatCompletionResponse with each message's `parsed` value (a `T`) and
`refusal`, and each tool call's `function.parsed_arguments` (the openai package's names), and how it is built from
the answer as it came.

Each class extends the generated model it stands for, so that whatever takes a completion (`client.cost_of`, spend,
`to_dict`) takes a parsed one too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs
from ccapi_generated.models import (
    ChatCompletionChoice,
    ChatCompletionResponse,
    ChatMessage,
    ChatToolCall,
    ChatToolCallFunction,
)
from ccapi_generated.types import UNSET, Unset

if TYPE_CHECKING:
    from collections.abc import Sequence

T = TypeVar("T")
R = TypeVar("R")


@attrs.define(repr=False)
class ParsedFunction(ChatToolCallFunction):
    """A tool call's function: its `arguments` as sent, and `parsed_arguments`, validated by the tool's model
    (a `pydantic_function_tool`, an `@ccapi.tool`), else the JSON object, else None."""

    parsed_arguments: object = None

    def __repr__(self) -> str:
        shown = f"name={self.name!r}, arguments={self.arguments!r}, parsed_arguments={self.parsed_arguments!r}"
        return f"ParsedFunction({shown})"


class ParsedFunctionToolCall(ChatToolCall):
    """A tool call whose `function` carries `parsed_arguments`."""

    __slots__ = ()
    if TYPE_CHECKING:
        function: ParsedFunction  # narrower than the spec's, on purpose


@attrs.define(repr=False)
class ParsedChatCompletionMessage(ChatMessage, Generic[T]):
    """The assistant's message: `parsed` (a `T`, None when the model refused or only called tools) and `refusal`."""

    parsed: T | None = None
    refusal: str | None = None
    if TYPE_CHECKING:
        tool_calls: list[ParsedFunctionToolCall] | Unset  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"ParsedChatCompletionMessage(role={self.role!r}, content={self.content!r}, parsed={self.parsed!r}, "
            f"refusal={self.refusal!r}, tool_calls={self.tool_calls or None!r})"
        )


class ParsedChoice(ChatCompletionChoice, Generic[T]):
    """A choice whose `message` is a ParsedChatCompletionMessage[T]."""

    __slots__ = ()
    if TYPE_CHECKING:
        message: ParsedChatCompletionMessage[T]


class ParsedChatCompletion(ChatCompletionResponse, Generic[T]):
    """A completion whose choices carry their `parsed` value: `completion.choices[0].message.parsed` is a `T`."""

    __slots__ = ()
    if TYPE_CHECKING:
        choices: list[ParsedChoice[T]]  # type: ignore[assignment]


def _fields(instance: Any) -> dict[str, Any]:
    return {field.alias: getattr(instance, field.name) for field in attrs.fields(type(instance)) if field.init}


def _promote(instance: Any, kind: type[R], **extra: Any) -> R:
    """`instance` as a `kind` (a subclass of its class), with `extra` fields set."""
    made = kind(**{**_fields(instance), **extra})
    made.additional_properties = dict(instance.additional_properties)  # type: ignore[attr-defined]
    return made


def refusal_of(message: ChatMessage) -> str | None:
    """The model's refusal, where the provider says it refused (`message.refusal`, which the spec leaves open)."""
    refusal = message.additional_properties.get("refusal")
    return refusal if isinstance(refusal, str) and refusal else None


def parsed_tool_call(call: ChatToolCall, parsed_arguments: object) -> ParsedFunctionToolCall:
    function = _promote(call.function, ParsedFunction, parsed_arguments=parsed_arguments)
    return _promote(call, ParsedFunctionToolCall, function=function)


def parsed_completion(
    completion: ChatCompletionResponse,
    parsed: Sequence[object],
    arguments: Sequence[Sequence[object]] | None = None,
) -> ParsedChatCompletion[Any]:
    """`completion` with `parsed[i]` on choice i's message and `arguments[i][j]` on its tool call j."""
    choices = []
    for position, choice in enumerate(completion.choices):
        message = choice.message
        calls: list[ParsedFunctionToolCall] | Unset = UNSET
        if not isinstance(message.tool_calls, Unset):
            found = arguments[position] if arguments is not None else ()
            calls = [
                parsed_tool_call(call, found[at] if at < len(found) else None)
                for at, call in enumerate(message.tool_calls)
            ]
        built = _promote(
            message, ParsedChatCompletionMessage, parsed=parsed[position], refusal=refusal_of(message),
            tool_calls=calls,
        )  # fmt: skip
        choices.append(_promote(choice, ParsedChoice, message=built))
    result = _promote(completion, ParsedChatCompletion, choices=choices)
    result._request_id = completion._request_id
    return result
