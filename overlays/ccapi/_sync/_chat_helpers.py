# generated from overlays/ccapi/_async/_chat_helpers.py by tools/unasync.py; do not edit
"""`parse`, `stream` and `run_tools` on `client.chat.completions`: the generated chat completions classes inherit
them (openapi.yaml's `x-ccapi-helpers`). What they decide is I/O-free and shared (`ccapi._structured`,
`ccapi._chat_events`, `ccapi._tool_loop`); here are only the calls.

Every request is a plain `create` through the client, so that a repair is another attempt of the same call that
spend, budgets, spans and hooks see, and a budget that cannot afford a repair refuses it before sending. Nothing here
imports pydantic until a helper is called.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

from .. import _io

if TYPE_CHECKING:
    from .._structured._parsed import ParsedChatCompletion
    from .._structured._request import Prepared
    from ._chat_stream import ChatCompletionStream, ChatCompletionStreamManager
    from ._tool_runner import StreamingToolRunner, ToolRunner

T = TypeVar("T")

COROUTINE_TOOLS = False
"""Whether the runner takes `def` tools: CCAPI's awaits them; CCAPI's refuses them before sending."""


class ChatCompletionsHelpers:
    """`parse`, `stream` and `run_tools` for `client.chat.completions`."""

    _pipeline: Any
    create: Any  # the generated method

    @overload
    def parse(
        self, *, messages: Sequence[Any], model: str | None = None, response_format: type[T],
        tools: Sequence[Any] | None = None, max_repairs: int | None = None, **params: Any,
    ) -> ParsedChatCompletion[T]: ...  # fmt: skip
    @overload
    def parse(
        self, *, messages: Sequence[Any], model: str | None = None, response_format: None = None,
        tools: Sequence[Any] | None = None, max_repairs: int | None = None, **params: Any,
    ) -> ParsedChatCompletion[None]: ...  # fmt: skip
    def parse(
        self,
        *,
        messages: Sequence[Any],
        model: str | None = None,
        response_format: type[T] | None = None,
        tools: Sequence[Any] | None = None,
        max_repairs: int | None = None,
        **params: Any,
    ) -> ParsedChatCompletion[T] | ParsedChatCompletion[None]:
        """As `create`, with `response_format` a type (a pydantic model, a dataclass, a TypedDict): the answer's
        `choices[i].message.parsed` is a `T`, and tool calls of `pydantic_function_tool`/`@ccapi.tool` tools carry
        `function.parsed_arguments`. An answer that does not validate is taken from where it is (prose, a fenced
        block) or asked again with its errors, `max_repairs` times (the client's, 1 by default); then
        StructuredOutputError. LengthFinishReasonError and ContentFilterFinishReasonError as the openai package."""
        from .._helper_spans import helper_span
        from .._structured._request import Prepared, repairs_for, span_attributes

        prepared: Prepared[Any] = Prepared("parse", messages, model, response_format, tools, params)
        repairs = repairs_for(prepared, max_repairs, self._pipeline.settings.max_repairs)
        self._refuse_tools(prepared)
        with helper_span(self._pipeline.settings, f"parse {model or ''}".strip(), span_attributes(prepared)):
            while True:
                completion = self.create(**prepared.request(repairs.messages))
                parsed: ParsedChatCompletion[Any] | None = repairs.judge(completion)
                if parsed is not None:
                    return parsed

    @overload
    def stream(
        self, *, messages: Sequence[Any], model: str | None = None, response_format: type[T],
        tools: Sequence[Any] | None = None, **params: Any,
    ) -> ChatCompletionStreamManager[T]: ...  # fmt: skip
    @overload
    def stream(
        self, *, messages: Sequence[Any], model: str | None = None, response_format: None = None,
        tools: Sequence[Any] | None = None, **params: Any,
    ) -> ChatCompletionStreamManager[None]: ...  # fmt: skip
    def stream(
        self,
        *,
        messages: Sequence[Any],
        model: str | None = None,
        response_format: type[T] | None = None,
        tools: Sequence[Any] | None = None,
        **params: Any,
    ) -> ChatCompletionStreamManager[T] | ChatCompletionStreamManager[None]:
        """A chat stream of typed events (`content.delta`, `content.done`, `tool_calls.function.arguments.delta`,
        ...), as the openai package's: `with client.chat.completions.stream(...) as stream`. The request is
        sent when the `with` block begins; `stream.get_final_completion()` is the parsed answer."""
        from .._structured._request import Prepared

        prepared: Prepared[Any] = Prepared("stream", messages, model, response_format, tools, params)
        return self._open_stream(prepared, prepared.request(), check=True)

    @overload
    def run_tools(
        self, *, messages: Sequence[Any], model: str | None = None, tools: Sequence[Any], max_steps: int = 10,
        stream: Literal[False] = False, **params: Any,
    ) -> ToolRunner: ...  # fmt: skip
    @overload
    def run_tools(
        self, *, messages: Sequence[Any], model: str | None = None, tools: Sequence[Any], max_steps: int = 10,
        stream: Literal[True], **params: Any,
    ) -> StreamingToolRunner: ...  # fmt: skip
    def run_tools(
        self,
        *,
        messages: Sequence[Any],
        model: str | None = None,
        tools: Sequence[Any],
        max_steps: int = 10,
        stream: bool = False,
        **params: Any,
    ) -> ToolRunner | StreamingToolRunner:
        """Send, run the tools the model calls (several at once: tasks, or threads for a sync client), send their
        results, until the model answers or `max_steps` completions were made. Iterate the runner for each
        completion (with `stream=True`, each step's event stream), or `until_done()`; `runner.messages` is the
        conversation, `runner.steps` the record (a tool that raised: its error, also told to the model)."""
        from .._structured._request import Prepared
        from .._tool_loop import RunnerState
        from ._tool_runner import StreamingToolRunner, ToolRunner

        prepared: Prepared[Any] = Prepared("run_tools", messages, model, None, tools, params)
        state = RunnerState(prepared, max_steps, coroutine_tools=COROUTINE_TOOLS)
        return StreamingToolRunner(self, state) if stream else ToolRunner(self, state)

    def _open_stream(
        self, prepared: Prepared[T], request: Mapping[str, Any], *, check: bool = False, runner: bool = False
    ) -> ChatCompletionStreamManager[T]:
        """The stream manager of a `stream` (`check`: refuse tools a model cannot take, first) or of a runner's step
        (`runner`: tool arguments that do not validate are the runner's to tell the model, not an error)."""
        from .._chat_events import ChatStreamState
        from ._chat_stream import ChatCompletionStream, ChatCompletionStreamManager

        def opened() -> ChatCompletionStream[T]:
            if check:
                self._refuse_tools(prepared)
            raw = self.create(**request, stream=True)
            state = ChatStreamState(prepared.format, prepared.tools, arguments_must_validate=not runner)
            return ChatCompletionStream(raw, state)

        return ChatCompletionStreamManager(opened)

    def _refuse_tools(self, prepared: Prepared[Any]) -> None:
        """ValueError, before sending, if a model that may be sent tools cannot call functions (the catalog says)."""
        from .._errors import CCAPIError
        from .._structured._request import refuse_tools

        models = prepared.tool_models(self._pipeline.settings.fallback_models)
        if not models:
            return
        observer = self._pipeline.spending.observer
        if observer.prices.needs_loading(models):
            try:
                _io.settle(observer.refresh(self._pipeline))
            except CCAPIError:  # no catalog to read: the gateway will say
                return
        refuse_tools(models, observer.prices)
