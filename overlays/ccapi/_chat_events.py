"""The typed events of `client.chat.completions.stream(...)` (the openai package's, by name and field) and the state
that makes them from chunks, without I/O: the stream wrappers (`_chat_stream`) feed it and yield what it returns.

    chunk                                  every chunk, with the completion so far (`snapshot`)
    content.delta / content.done           the text; `parsed` is the partial object, then the validated `T`
    refusal.delta / refusal.done           the model's refusal, where the provider sends one
    tool_calls.function.arguments.delta    a tool call's arguments so far, and `parsed_arguments` (partial)
    tool_calls.function.arguments.done     ... whole, validated by the tool's model when it is one of ours
    restart                                the stream began again on a fallback model; what came before is void

Partial JSON is read by pydantic-core (`from_json(..., allow_partial=True)`): a maintained parser, not ours.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, Union

from ._accumulate import ChatCompletionAccumulator

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ccapi_generated.models import ChatCompletionChunk, ChatCompletionResponse

    from ._failover import Restart
    from ._structured._parsed import ParsedChatCompletion
    from ._structured._schema import ResponseFormat
    from ._tools import FunctionTool

T = TypeVar("T")


class ChunkEvent:
    """A chunk as it came, and the whole completion so far (`snapshot`).

    The snapshot is made when it is first read, as the completion then stands: made at every chunk, it would cost a
    long answer time in proportion to all it had written so far, chunk after chunk (quadratic in its length), for
    callers who mostly never look at it."""

    __slots__ = ("_accumulator", "_snapshot", "chunk")
    type: Literal["chunk"] = "chunk"  # a class constant, as the other events' `type` field

    def __init__(self, *, chunk: ChatCompletionChunk, accumulator: ChatCompletionAccumulator) -> None:
        self.chunk = chunk
        self._accumulator: ChatCompletionAccumulator | None = accumulator
        self._snapshot: ChatCompletionResponse | None = None

    @property
    def snapshot(self) -> ChatCompletionResponse:
        if self._accumulator is not None:
            self._snapshot, self._accumulator = self._accumulator.completion(), None
        assert self._snapshot is not None  # noqa: S101 (made above, once)
        return self._snapshot

    def __repr__(self) -> str:
        return f"ChunkEvent(chunk={self.chunk!r})"


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ContentDeltaEvent:
    """New text: `delta`, the text so far (`snapshot`) and, with a response format, the object so far (`parsed`,
    a dict read from partial JSON; None while it cannot be read)."""

    type: Literal["content.delta"] = dataclasses.field(default="content.delta", init=False)
    delta: str
    snapshot: str
    parsed: object | None = None


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ContentDoneEvent(Generic[T]):
    """The whole text and, with a response format, the validated value."""

    type: Literal["content.done"] = dataclasses.field(default="content.done", init=False)
    content: str
    parsed: T | None = None


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RefusalDeltaEvent:
    type: Literal["refusal.delta"] = dataclasses.field(default="refusal.delta", init=False)
    delta: str
    snapshot: str


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RefusalDoneEvent:
    type: Literal["refusal.done"] = dataclasses.field(default="refusal.done", init=False)
    refusal: str


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class FunctionToolCallArgumentsDeltaEvent:
    """More of tool call `index`'s arguments: `arguments_delta`, the JSON so far, and what it reads as so far."""

    type: Literal["tool_calls.function.arguments.delta"] = dataclasses.field(
        default="tool_calls.function.arguments.delta", init=False
    )
    name: str
    index: int
    arguments: str
    parsed_arguments: object
    arguments_delta: str


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class FunctionToolCallArgumentsDoneEvent:
    """Tool call `index`'s whole arguments, and `parsed_arguments` (the tool's model, for a tool of ours)."""

    type: Literal["tool_calls.function.arguments.done"] = dataclasses.field(
        default="tool_calls.function.arguments.done", init=False
    )
    name: str
    index: int
    arguments: str
    parsed_arguments: object


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RestartEvent:
    """The stream broke (or stalled) and began again on a fallback model: the events before this one are not part
    of the answer, and the snapshots begin again from the serving model's answer."""

    type: Literal["restart"] = dataclasses.field(default="restart", init=False)
    restart: Restart


ChatCompletionStreamEvent = Union[  # noqa: UP007 (a generic alias: `|` cannot be subscripted before 3.12 here)
    ChunkEvent,
    ContentDeltaEvent,
    ContentDoneEvent[T],
    RefusalDeltaEvent,
    RefusalDoneEvent,
    FunctionToolCallArgumentsDeltaEvent,
    FunctionToolCallArgumentsDoneEvent,
    RestartEvent,
]


def partial_json(text: str) -> object | None:
    """What JSON cut anywhere reads as so far (an unfinished string is left out), or None where it is not JSON."""
    from pydantic_core import from_json

    try:
        read: object = from_json(text, allow_partial=True)
        return read
    except ValueError:
        return None


class _Call:
    __slots__ = ("arguments", "done", "name")

    def __init__(self) -> None:
        self.name = ""
        self.arguments = ""
        self.done = False


class _Choice:
    __slots__ = ("calls", "content", "done", "refusal")

    def __init__(self) -> None:
        self.content: str | None = None
        self.refusal: str | None = None
        self.calls: dict[int, _Call] = {}
        self.done = False


class ChatStreamState(Generic[T]):
    """Turns chunks into events, keeps the completion so far, and parses it at the end. With a response format or
    tools of ours, an answer cut at its length or by the content filter raises as `parse` does, and content that
    does not validate raises StructuredOutputError (a stream is not repaired: use `parse` for that)."""

    def __init__(
        self,
        response_format: ResponseFormat[T] | None,
        tools: Mapping[str, FunctionTool],
        *,
        arguments_must_validate: bool = True,
    ) -> None:
        self._format = response_format
        self._tools = tools
        self._arguments_must_validate = arguments_must_validate  # a tool runner tells the model instead
        self._restarts = 0
        self._begin()

    def _begin(self) -> None:
        self._accumulator = ChatCompletionAccumulator()
        self._choices: dict[int, _Choice] = {}
        self._parsed: dict[int, object] = {}
        self._arguments: dict[int, dict[int, object]] = {}

    def handle(self, chunk: ChatCompletionChunk, restarts: Sequence[Restart] = ()) -> list[Any]:
        """The events one chunk makes (a `restart` first, when the stream began again before it)."""
        events: list[Any] = []
        if len(restarts) != self._restarts:
            self._restarts = len(restarts)
            self._begin()
            events.append(RestartEvent(restart=restarts[-1]))
        self._accumulator.add(chunk)
        events.append(ChunkEvent(chunk=chunk, accumulator=self._accumulator))
        for piece in chunk.choices:
            choice = self._choices.setdefault(piece.index, _Choice())
            delta = piece.delta
            if isinstance(delta.content, str) and delta.content:
                choice.content = (choice.content or "") + delta.content
                parsed = partial_json(choice.content) if self._format is not None else None
                events.append(ContentDeltaEvent(delta=delta.content, snapshot=choice.content, parsed=parsed))
            refusal = delta.additional_properties.get("refusal")
            if isinstance(refusal, str) and refusal:
                choice.refusal = (choice.refusal or "") + refusal
                events.append(RefusalDeltaEvent(delta=refusal, snapshot=choice.refusal))
            for call in delta.tool_calls if isinstance(delta.tool_calls, list) else ():
                for index, earlier in choice.calls.items():  # a new call begins: the ones before it are whole
                    if index != call.index and not earlier.done:
                        events.append(self._call_done(piece.index, index, earlier))
                built = choice.calls.setdefault(call.index, _Call())
                function = call.function
                if function is not None:
                    built.name += function.name if isinstance(function.name, str) else ""
                    added = function.arguments if isinstance(function.arguments, str) else ""
                    built.arguments += added
                    if added:
                        events.append(
                            FunctionToolCallArgumentsDeltaEvent(
                                name=built.name, index=call.index, arguments=built.arguments,
                                parsed_arguments=partial_json(built.arguments), arguments_delta=added,
                            )
                        )  # fmt: skip
            if piece.finish_reason and not choice.done:
                events += self._choice_done(piece.index, choice, str(piece.finish_reason))
        return events

    def _call_done(self, choice_index: int, index: int, call: _Call) -> FunctionToolCallArgumentsDoneEvent:
        from ccapi_generated.models import ChatToolCall

        from ._structured._repair import read_arguments

        call.done = True
        shaped = ChatToolCall.from_dict(
            {"id": "", "type": "function", "function": {"name": call.name, "arguments": call.arguments}}
        )
        read = read_arguments(shaped, self._tools)
        if not read.ok and self._arguments_must_validate:
            from ._errors import StructuredOutputError

            raise StructuredOutputError(
                f"the arguments of the call of {call.name!r} do not match its schema: {'; '.join(read.errors)}",
                raw=call.arguments, errors=read.errors, attempts=[],
            )  # fmt: skip
        self._arguments.setdefault(choice_index, {})[index] = read.value
        return FunctionToolCallArgumentsDoneEvent(
            name=call.name, index=index, arguments=call.arguments, parsed_arguments=read.value
        )

    def _choice_done(self, index: int, choice: _Choice, finish_reason: str) -> list[Any]:
        from ._errors import ContentFilterFinishReasonError, LengthFinishReasonError

        choice.done = True
        if self._format is not None or self._tools:
            if finish_reason == "length":
                raise LengthFinishReasonError(completion=self._accumulator.completion())
            if finish_reason == "content_filter":
                raise ContentFilterFinishReasonError
        events: list[Any] = [
            self._call_done(index, at, call) for at, call in sorted(choice.calls.items()) if not call.done
        ]
        if choice.content is not None:
            parsed = None
            if self._format is not None and not choice.calls and choice.refusal is None:
                parsed = self._parse_content(choice.content)
            self._parsed[index] = parsed
            events.append(ContentDoneEvent(content=choice.content, parsed=parsed))
        if choice.refusal is not None:
            events.append(RefusalDoneEvent(refusal=choice.refusal))
        return events

    def _parse_content(self, content: str) -> object:
        from ._errors import StructuredOutputError
        from ._structured._extract import extract

        assert self._format is not None  # noqa: S101 (called only with a format)
        found = extract(content, self._format.validate)
        if not found.ok:
            raise StructuredOutputError(
                f"the answer does not match {self._format.name}: {'; '.join(found.errors)}",
                raw=content, errors=found.errors, attempts=[self._accumulator.completion()],
            )  # fmt: skip
        return found.value

    def snapshot(self) -> ChatCompletionResponse:
        """The completion so far (the serving model's, after a restart)."""
        completion = self._accumulator.completion()
        for choice in completion.choices:
            state = self._choices.get(choice.index)
            if state is not None and state.refusal is not None:
                choice.message.additional_properties["refusal"] = state.refusal
        return completion

    def final(self) -> ParsedChatCompletion[T]:
        """The whole answer, parsed (call once the stream has ended)."""
        from ._structured._parsed import parsed_completion

        completion = self.snapshot()
        parsed = [self._parsed.get(choice.index) for choice in completion.choices]
        arguments = []
        for choice in completion.choices:
            found = self._arguments.get(choice.index, {})
            # The message lists its calls in the order of their indices, which a provider may begin at 1 (or leave
            # gaps in): a call's arguments are found by its index, not by its place in the list.
            state = self._choices.get(choice.index)
            indices = sorted(state.calls) if state is not None else []
            arguments.append([found.get(at) for at in indices])
        return parsed_completion(completion, parsed, arguments)
