"""The tool runner's loop without its sending (`ccapi._async._tool_runner` sends, and its sync rewrite): the
conversation, the record of steps, what to run next and what each tool said (`RunnerState`), and running one step's
tool calls at once, written both ways as `ccapi._io` is: tasks (`async_run_calls`; a plain function in a thread) or
threads (`run_calls`), each tool in its `execute_tool` span beneath its step's.

A tool that raises is not lost: its error is the tool's answer to the model and stays in `steps`. A budget bounds the
whole loop: a step it cannot afford is not sent, and its BudgetExceededError carries the conversation so far
(`error.messages`).
"""

from __future__ import annotations

import contextvars
import json
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from ._errors import BudgetExceededError

if TYPE_CHECKING:
    from ccapi_generated.models import ChatCompletionResponse, ChatToolCall

    from ._settings import ClientSettings
    from ._structured._parsed import ParsedChatCompletion
    from ._structured._request import Prepared
    from ._tools import FunctionTool


class ToolResult:
    """One tool call and what came of it: `output` (the function's return value) or `error` (what it raised, or why
    it was not run); `content` is what the model was told."""

    __slots__ = ("arguments", "call_id", "content", "error", "name", "output")

    def __init__(self, call_id: str, name: str, arguments: object, output: Any, error: BaseException | None) -> None:
        self.call_id, self.name, self.arguments, self.output, self.error = call_id, name, arguments, output, error
        self.content = _error_text(error) if error is not None else _output_text(output)

    def message(self) -> dict[str, Any]:
        return {"role": "tool", "tool_call_id": self.call_id, "content": self.content}

    def __repr__(self) -> str:
        outcome = f"error={self.error!r}" if self.error is not None else f"output={self.output!r}"
        return f"ToolResult(name={self.name!r}, call_id={self.call_id!r}, {outcome})"


class ToolStep:
    """One step: the completion and the results of the tools it called (none for the final answer)."""

    __slots__ = ("completion", "results")

    def __init__(self, completion: ParsedChatCompletion[Any], results: list[ToolResult]) -> None:
        self.completion = completion
        self.results = results


class ToolFailure(Exception):
    """Why a tool call was not run (an unknown tool, arguments that do not validate): told to the model."""


class PlannedCall:
    """A tool call to run: the tool and its validated arguments (or the failure to report instead)."""

    __slots__ = ("arguments", "call", "failure", "tool")

    def __init__(self, call: ChatToolCall, tool: FunctionTool | None, arguments: object, failure: str | None) -> None:
        self.call, self.tool, self.arguments = call, tool, arguments
        self.failure = ToolFailure(failure) if failure is not None else None


def _output_text(output: Any) -> str:
    if isinstance(output, str):
        return output
    dump = getattr(output, "model_dump_json", None)
    if callable(dump):
        return str(dump())
    return json.dumps(output, default=str)


def _error_text(error: BaseException) -> str:
    return f"Error: {type(error).__name__}: {error}"


class RunnerState:
    """The loop of a tool runner, without I/O."""

    def __init__(self, prepared: Prepared[Any], max_steps: int, *, coroutine_tools: bool) -> None:
        if isinstance(max_steps, bool) or not isinstance(max_steps, int) or max_steps < 1:
            raise ValueError(f"max_steps must be a whole number >= 1, not {max_steps!r}")
        for name, tool in prepared.tools.items():
            if tool.function is None:
                raise ValueError(f"tools: {name!r} has no function to run (pydantic_function_tool(..., function=...))")
            if tool.is_async and not coroutine_tools:
                raise TypeError(f"tools: {name!r} is async: run it with AsyncCCAPI (CCAPI's runner is sync)")
        self.prepared = prepared
        self.max_steps = max_steps
        self.messages: list[Any] = list(prepared.messages)
        self.steps: list[ToolStep] = []
        self.done = False

    def next_request(self) -> dict[str, Any] | None:
        """The next step's `create` arguments, or None when the runner is done."""
        if self.done or len(self.steps) >= self.max_steps:
            self.done = True
            return None
        return self.prepared.request(self.messages)

    def planned(self, completion: ChatCompletionResponse) -> tuple[ParsedChatCompletion[Any], list[PlannedCall]]:
        """The completion parsed, and the calls of its first choice to run (none: the model has answered)."""
        from ._structured._parsed import parsed_completion
        from ._structured._repair import check_finish, read_arguments

        check_finish(completion)
        message = completion.choices[0].message if completion.choices else None
        calls = list(message.tool_calls) if message is not None and isinstance(message.tool_calls, list) else []
        planned = []
        for call in calls:
            tool = self.prepared.tools.get(call.function.name)
            if tool is None:
                planned.append(PlannedCall(call, None, None, f"there is no tool named {call.function.name!r}"))
                continue
            read = read_arguments(call, self.prepared.tools)
            failure = None if read.ok else "the arguments do not match the tool's schema: " + "; ".join(read.errors)
            planned.append(PlannedCall(call, tool, read.value, failure))
        parsed = parsed_completion(
            completion,
            [None] * len(completion.choices),
            [[p.arguments for p in planned]] + [[]] * (len(completion.choices) - 1),
        )
        if message is not None:
            self.messages.append(_assistant_message(message))
        return parsed, planned

    def answered(self, completion: ParsedChatCompletion[Any], results: list[ToolResult]) -> None:
        """Record a step; its tools' answers join the conversation (no tools called: the runner is done)."""
        self.steps.append(ToolStep(completion, results))
        self.messages += [result.message() for result in results]
        if not results:
            self.done = True

    def stopped(self, error: BudgetExceededError) -> BudgetExceededError:
        error.messages = list(self.messages)
        return error


def _assistant_message(message: Any) -> dict[str, Any]:
    sent: dict[str, Any] = {"role": "assistant", "content": message.content}
    if isinstance(message.tool_calls, list) and message.tool_calls:
        sent["tool_calls"] = [call.to_dict() for call in message.tool_calls]
    return sent


def _result(planned: PlannedCall, output: Any, error: BaseException | None) -> ToolResult:
    call = planned.call
    return ToolResult(call.id, call.function.name, planned.arguments, output, error)


class RunnerBase:
    """What both runners share: the state, and the `messages` and `steps` read from it."""

    def __init__(self, completions: Any, state: RunnerState) -> None:
        # `client.chat.completions` (its `create`, `_open_stream`, `_refuse_tools`): typed loosely, since the
        # helpers that make runners are what this module would otherwise import in a circle.
        self._completions = completions
        self._state = state
        self._settings = completions._pipeline.settings

    @property
    def messages(self) -> list[Any]:
        """The conversation so far: the messages given, each answer, each tool's result."""
        return self._state.messages

    @property
    def steps(self) -> list[ToolStep]:
        """Each step's completion and its tools' results (errors included)."""
        return self._state.steps

    def _step_span(self) -> Any:
        from ._helper_spans import helper_span

        step = len(self._state.steps) + 1
        return helper_span(self._settings, f"run_tools step {step}", {"ccapi.tool_runner.step": step})


async def async_run_calls(settings: ClientSettings, planned: Sequence[PlannedCall]) -> list[ToolResult]:
    """Run one step's tool calls at once, as tasks (a plain function in a thread, so that the loop runs on)."""
    import asyncio  # here: a sync client's runner has no use for it

    return list(await asyncio.gather(*(_async_run_one(settings, call) for call in planned)))


async def _async_run_one(settings: ClientSettings, planned: PlannedCall) -> ToolResult:
    from ._helper_spans import tool_span

    if planned.failure is not None or planned.tool is None:
        return _result(planned, None, planned.failure)
    tool = planned.tool
    with tool_span(settings, tool.name, planned.call.id) as span:
        try:
            if tool.is_async:
                output = await tool.invoke(planned.arguments)
            else:
                import asyncio

                output = await asyncio.to_thread(tool.invoke, planned.arguments)
        except Exception as error:  # the tool's failure is its answer to the model
            _mark(span, error)
            return _result(planned, None, error)
    return _result(planned, output, None)


def run_calls(settings: ClientSettings, planned: Sequence[PlannedCall]) -> list[ToolResult]:
    """Run one step's tool calls at once, each in a thread of its own (one call: in this thread)."""
    if len(planned) <= 1:
        return [_run_one(settings, call) for call in planned]
    with ThreadPoolExecutor(max_workers=len(planned), thread_name_prefix="ccapi-tool") as pool:
        contexts = [contextvars.copy_context() for _ in planned]  # each thread sees the step's span
        futures = [pool.submit(ctx.run, _run_one, settings, call) for ctx, call in zip(contexts, planned, strict=True)]
        return [future.result() for future in futures]


def _run_one(settings: ClientSettings, planned: PlannedCall) -> ToolResult:
    from ._helper_spans import tool_span

    if planned.failure is not None or planned.tool is None:
        return _result(planned, None, planned.failure)
    with tool_span(settings, planned.tool.name, planned.call.id) as span:
        try:
            output = planned.tool.invoke(planned.arguments)
        except Exception as error:  # the tool's failure is its answer to the model
            _mark(span, error)
            return _result(planned, None, error)
    return _result(planned, output, None)


def _mark(span: Any, error: BaseException) -> None:
    if span is None:
        return
    from opentelemetry.trace import Status, StatusCode

    span.record_exception(error)
    span.set_attribute("error.type", type(error).__qualname__)
    span.set_status(Status(StatusCode.ERROR, str(error)[:200]))
