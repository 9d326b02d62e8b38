"""`chat.completions.run_tools(...)`: send, run the tools the model calls, send their results, until the model
answers or `max_steps` completions were made. The loop's decisions are the shared `ccapi._tool_loop.RunnerState`;
here is only the sending, and the streaming form, which yields each step's event stream."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from .. import _tool_loop
from .._errors import BudgetExceededError
from .._tool_loop import RunnerBase

if TYPE_CHECKING:
    from .._structured._parsed import ParsedChatCompletion
    from ._chat_stream import AsyncChatCompletionStream


class AsyncToolRunner(RunnerBase):
    """Iterate it for each step's completion (`async for`); `until_done()` for the last; `messages`, `steps`."""

    async def __aiter__(self) -> AsyncIterator[ParsedChatCompletion[Any]]:
        state = self._state
        await self._completions._refuse_tools(state.prepared)
        while (request := state.next_request()) is not None:
            with self._step_span():
                try:
                    completion = await self._completions.create(**request)
                except BudgetExceededError as error:
                    raise state.stopped(error) from None
                parsed, planned = state.planned(completion)
                state.answered(parsed, await _tool_loop.async_run_calls(self._settings, planned))
            yield parsed

    async def until_done(self) -> ParsedChatCompletion[Any]:
        """Run to the end; the last completion (the model's answer, unless `max_steps` stopped it first)."""
        async for _ in self:
            pass
        return self.steps[-1].completion


class AsyncStreamingToolRunner(RunnerBase):
    """`run_tools(..., stream=True)`: iterate it for each step's event stream (read its events, or not: the runner
    reads the rest); `until_done()`, `messages`, `steps` as the plain runner's."""

    async def __aiter__(self) -> AsyncIterator[AsyncChatCompletionStream[Any]]:
        state = self._state
        await self._completions._refuse_tools(state.prepared)
        while (request := state.next_request()) is not None:
            manager = self._completions._open_stream(state.prepared, request, runner=True)
            try:
                stream = await manager.__aenter__()
            except BudgetExceededError as error:
                raise state.stopped(error) from None
            try:
                yield stream
                completion = await stream.get_final_completion()
            finally:
                await manager.__aexit__(None, None, None)
            with self._step_span():
                parsed, planned = state.planned(completion)
                state.answered(parsed, await _tool_loop.async_run_calls(self._settings, planned))

    async def until_done(self) -> ParsedChatCompletion[Any]:
        """Run to the end; the last completion."""
        async for _ in self:
            pass
        return self.steps[-1].completion
