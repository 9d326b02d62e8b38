"""`parse`, `stream` and `run_tools` on `client.chat.completions`: the generated ChatCompletions classes inherit them
from these mixins (openapi.yaml's `x-ccapi-helpers`). What they decide is I/O-free (`_structured`, `_chat_events`,
`_tool_runner.RunnerState`); here are only the calls, twice (sync, async), each a few lines.

Every request is a plain `create` through the client, so that a repair is another attempt of the same call that
spend, budgets, spans and hooks see; a budget that cannot afford a repair refuses it before sending. Nothing here
imports pydantic until a helper is called.
"""

from __future__ import annotations

from collections.abc import Awaitable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

if TYPE_CHECKING:
    from ._chat_stream import AsyncChatCompletionStreamManager, ChatCompletionStreamManager
    from ._core import ClientSettings
    from ._structured._parsed import ParsedChatCompletion
    from ._structured._request import Prepared
    from ._tool_runner import AsyncStreamingToolRunner, AsyncToolRunner, StreamingToolRunner, ToolRunner

T = TypeVar("T")


def _prepared(method: str, messages: Any, model: Any, response_format: Any, tools: Any, params: Any) -> Prepared[Any]:
    from ._structured._request import Prepared

    return Prepared(method, messages, model, response_format, tools, params)


def _repairs(settings: ClientSettings, prepared: Prepared[T], max_repairs: Any) -> Any:
    from ._structured._request import Repairs, checked_repairs

    return Repairs(prepared, checked_repairs(max_repairs, settings.max_repairs))


def _span_attributes(prepared: Prepared[Any]) -> dict[str, Any]:
    attributes: dict[str, Any] = {"gen_ai.operation.name": "chat"}
    if isinstance(prepared.body.get("model"), str):
        attributes["gen_ai.request.model"] = prepared.body["model"]
    if prepared.format is not None:
        attributes["ccapi.response_format"] = prepared.format.name
    return attributes


class ChatCompletionsHelpers:
    """`parse`, `stream` and `run_tools` for CCAPI's `client.chat.completions`."""

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
        from ._helper_spans import helper_span

        prepared = _prepared("parse", messages, model, response_format, tools, params)
        repairs = _repairs(self._pipeline.settings, prepared, max_repairs)
        self._refuse_tools(prepared)
        with helper_span(self._pipeline.settings, f"parse {model or ''}".strip(), _span_attributes(prepared)):
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
        ...), as the openai package's: `with client.chat.completions.stream(...) as stream: for event in stream`.
        The request is sent when the `with` block begins; `stream.get_final_completion()` is the parsed answer."""
        prepared = _prepared("stream", messages, model, response_format, tools, params)
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
        """Send, run the tools the model calls (several at once in threads), send their results, until the model
        answers or `max_steps` completions were made. Iterate the runner for each completion (with `stream=True`,
        each step's event stream), or `until_done()`; `runner.messages` is the conversation, `runner.steps` the
        record (a tool that raised: its error, also told to the model)."""
        from ._tool_runner import RunnerState, StreamingToolRunner, ToolRunner

        prepared = _prepared("run_tools", messages, model, None, tools, params)
        state = RunnerState(prepared, max_steps)
        for tool in prepared.tools.values():
            if tool.is_async:
                raise TypeError(f"tools: {tool.name!r} is async: run it with AsyncCCAPI (CCAPI's runner is sync)")
        return StreamingToolRunner(self, state) if stream else ToolRunner(self, state)

    def _open_stream(
        self, prepared: Prepared[T], request: Mapping[str, Any], *, check: bool = False
    ) -> ChatCompletionStreamManager[T]:
        from ._chat_events import ChatStreamState
        from ._chat_stream import ChatCompletionStream, ChatCompletionStreamManager

        def opened() -> ChatCompletionStream[T]:
            if check:
                self._refuse_tools(prepared)
            raw = self.create(**request, stream=True)
            return ChatCompletionStream(raw, ChatStreamState(prepared.format, prepared.tools))

        return ChatCompletionStreamManager(opened)

    def _refuse_tools(self, prepared: Prepared[Any]) -> None:
        """ValueError, before sending, if a model that may be sent tools cannot call functions (the catalog says)."""
        from ._errors import CCAPIError
        from ._structured._request import refuse_tools

        models = prepared.tool_models(self._pipeline.settings.fallback_models)
        if not models:
            return
        observer = self._pipeline.spending.observer
        if observer.prices.needs_loading(models):
            try:
                observer.refresh(self._pipeline)
            except CCAPIError:  # no catalog to read: the gateway will say
                return
        refuse_tools(models, observer.prices)


class AsyncChatCompletionsHelpers:
    """`parse`, `stream` and `run_tools` for AsyncCCAPI's `client.chat.completions`."""

    _pipeline: Any
    create: Any

    @overload
    async def parse(
        self, *, messages: Sequence[Any], model: str | None = None, response_format: type[T],
        tools: Sequence[Any] | None = None, max_repairs: int | None = None, **params: Any,
    ) -> ParsedChatCompletion[T]: ...  # fmt: skip
    @overload
    async def parse(
        self, *, messages: Sequence[Any], model: str | None = None, response_format: None = None,
        tools: Sequence[Any] | None = None, max_repairs: int | None = None, **params: Any,
    ) -> ParsedChatCompletion[None]: ...  # fmt: skip
    async def parse(
        self,
        *,
        messages: Sequence[Any],
        model: str | None = None,
        response_format: type[T] | None = None,
        tools: Sequence[Any] | None = None,
        max_repairs: int | None = None,
        **params: Any,
    ) -> ParsedChatCompletion[T] | ParsedChatCompletion[None]:
        """As CCAPI's `parse`."""
        from ._helper_spans import helper_span

        prepared = _prepared("parse", messages, model, response_format, tools, params)
        repairs = _repairs(self._pipeline.settings, prepared, max_repairs)
        await self._refuse_tools(prepared)
        with helper_span(self._pipeline.settings, f"parse {model or ''}".strip(), _span_attributes(prepared)):
            while True:
                completion = await self.create(**prepared.request(repairs.messages))
                parsed: ParsedChatCompletion[Any] | None = repairs.judge(completion)
                if parsed is not None:
                    return parsed

    @overload
    def stream(
        self, *, messages: Sequence[Any], model: str | None = None, response_format: type[T],
        tools: Sequence[Any] | None = None, **params: Any,
    ) -> AsyncChatCompletionStreamManager[T]: ...  # fmt: skip
    @overload
    def stream(
        self, *, messages: Sequence[Any], model: str | None = None, response_format: None = None,
        tools: Sequence[Any] | None = None, **params: Any,
    ) -> AsyncChatCompletionStreamManager[None]: ...  # fmt: skip
    def stream(
        self,
        *,
        messages: Sequence[Any],
        model: str | None = None,
        response_format: type[T] | None = None,
        tools: Sequence[Any] | None = None,
        **params: Any,
    ) -> AsyncChatCompletionStreamManager[T] | AsyncChatCompletionStreamManager[None]:
        """As CCAPI's `stream`: `async with client.chat.completions.stream(...) as stream: async for event in
        stream`."""
        prepared = _prepared("stream", messages, model, response_format, tools, params)
        return self._open_stream(prepared, prepared.request(), check=True)

    @overload
    def run_tools(
        self, *, messages: Sequence[Any], model: str | None = None, tools: Sequence[Any], max_steps: int = 10,
        stream: Literal[False] = False, **params: Any,
    ) -> AsyncToolRunner: ...  # fmt: skip
    @overload
    def run_tools(
        self, *, messages: Sequence[Any], model: str | None = None, tools: Sequence[Any], max_steps: int = 10,
        stream: Literal[True], **params: Any,
    ) -> AsyncStreamingToolRunner: ...  # fmt: skip
    def run_tools(
        self,
        *,
        messages: Sequence[Any],
        model: str | None = None,
        tools: Sequence[Any],
        max_steps: int = 10,
        stream: bool = False,
        **params: Any,
    ) -> AsyncToolRunner | AsyncStreamingToolRunner:
        """As CCAPI's `run_tools`; parallel tool calls run as tasks (plain functions in threads)."""
        from ._tool_runner import AsyncStreamingToolRunner, AsyncToolRunner, RunnerState

        prepared = _prepared("run_tools", messages, model, None, tools, params)
        state = RunnerState(prepared, max_steps)
        return AsyncStreamingToolRunner(self, state) if stream else AsyncToolRunner(self, state)

    def _open_stream(
        self, prepared: Prepared[T], request: Mapping[str, Any], *, check: bool = False
    ) -> AsyncChatCompletionStreamManager[T]:
        from ._chat_events import ChatStreamState
        from ._chat_stream import AsyncChatCompletionStream, AsyncChatCompletionStreamManager

        async def opened() -> AsyncChatCompletionStream[T]:
            if check:
                await self._refuse_tools(prepared)
            raw = await self.create(**request, stream=True)
            return AsyncChatCompletionStream(raw, ChatStreamState(prepared.format, prepared.tools))

        return AsyncChatCompletionStreamManager(opened)

    async def _refuse_tools(self, prepared: Prepared[Any]) -> None:
        """As CCAPI's."""
        from ._errors import CCAPIError
        from ._structured._request import refuse_tools

        models = prepared.tool_models(self._pipeline.settings.fallback_models)
        if not models:
            return
        observer = self._pipeline.spending.observer
        if observer.prices.needs_loading(models):
            try:
                loading = observer.refresh(self._pipeline)
                if isinstance(loading, Awaitable):
                    await loading
            except CCAPIError:
                return
        refuse_tools(models, observer.prices)
