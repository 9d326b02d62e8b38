# generated from overlays/ccapi/_async/_tool_runner.py by tools/unasync.py; do not edit
"""`chat.completions.run_tools(...)`: send, run the tools the model calls, send their results, until the model
answers or `max_steps` completions were made. The loop's decisions are the shared `ccapi._tool_loop.RunnerState`;
here is only the sending, and the streaming form, which yields each step's event stream."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .. import _tool_loop
from .._errors import BudgetExceededError
from .._tool_loop import RunnerBase

if TYPE_CHECKING:
    from .._structured._parsed import ParsedChatCompletion
    from ._chat_stream import ChatCompletionStream


class ToolRunner(RunnerBase):
    """Iterate it for each step's completion (`for`); `until_done()` for the last; `messages`, `steps`."""

    def __iter__(self) -> Iterator[ParsedChatCompletion[Any]]:
        state = self._state
        self._completions._refuse_tools(state.prepared)
        while (request := state.next_request()) is not None:
            with self._step_span():
                try:
                    completion = self._completions.create(**request)
                except BudgetExceededError as error:
                    raise state.stopped(error) from None
                parsed, planned = state.planned(completion)
                state.answered(parsed, _tool_loop.run_calls(self._settings, planned))
            yield parsed

    def until_done(self) -> ParsedChatCompletion[Any]:
        """Run to the end; the last completion (the model's answer, unless `max_steps` stopped it first)."""
        for _ in self:
            pass
        return self.steps[-1].completion


class StreamingToolRunner(RunnerBase):
    """`run_tools(..., stream=True)`: iterate it for each step's event stream (read its events, or not: the runner
    reads the rest); `until_done()`, `messages`, `steps` as the plain runner's."""

    def __iter__(self) -> Iterator[ChatCompletionStream[Any]]:
        state = self._state
        self._completions._refuse_tools(state.prepared)
        while (request := state.next_request()) is not None:
            manager = self._completions._open_stream(state.prepared, request, runner=True)
            try:
                stream = manager.__enter__()
            except BudgetExceededError as error:
                raise state.stopped(error) from None
            try:
                yield stream
                completion = stream.get_final_completion()
            finally:
                manager.__exit__(None, None, None)
            with self._step_span():
                parsed, planned = state.planned(completion)
                state.answered(parsed, _tool_loop.run_calls(self._settings, planned))

    def until_done(self) -> ParsedChatCompletion[Any]:
        """Run to the end; the last completion."""
        for _ in self:
            pass
        return self.steps[-1].completion
