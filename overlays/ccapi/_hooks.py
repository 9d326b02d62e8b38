"""The caller's hooks (`on_request`, `on_response`, `on_error`), as an observer of each call's attempts.

A hook runs inside the retry loop, for every attempt. One that raises ends the call with its exception, as any
failure does: the pipeline closes the attempt's response first, so that no connection is kept. On AsyncCCAPI a
hook may be a coroutine function (awaited); the sync client refuses one when it is made, since nothing there could
await it.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from ._lifecycle import Tracker

if TYPE_CHECKING:
    from ._lifecycle import Call

Hook = Callable[[Any], object]
"""A callable given a request, a response or an error; on AsyncCCAPI it may be a coroutine function."""


class Hooks:
    """Callables run inside the retry loop, for every attempt: `on_request(request)` before it is sent,
    `on_response(response)` when a response (of any status) arrives, `on_error(error)` with the typed error of an
    attempt that got no response, and of the status error a call ends with."""

    # A plain class, as CallOptions: made at import, a dataclass costs a millisecond of everyone's start-up.
    __slots__ = ("on_error", "on_request", "on_response")

    def __init__(self, on_request: Hook | None = None, on_response: Hook | None = None, on_error: Hook | None = None):
        self.on_request = on_request
        self.on_response = on_response
        self.on_error = on_error

    def __bool__(self) -> bool:
        return self.on_request is not None or self.on_response is not None or self.on_error is not None

    def refuse_coroutines(self) -> None:
        """For the sync client: a coroutine function given as a hook would never run; say so now."""
        for name in self.__slots__:
            hook = getattr(self, name)
            if hook is not None and (inspect.iscoroutinefunction(hook) or _async_callable(hook)):
                raise TypeError(
                    f"{name} is a coroutine function, which CCAPI (the sync client) cannot await: give a plain "
                    "function, or use it with AsyncCCAPI"
                )


def _async_callable(hook: object) -> bool:
    call = getattr(type(hook), "__call__", None)  # noqa: B004 (an object whose __call__ is async)
    return call is not None and inspect.iscoroutinefunction(call)


class HookObserver:
    """Runs the client's hooks at each attempt of every call."""

    def __init__(self, hooks: Hooks) -> None:
        self._tracker = _HookTracker(hooks)

    def open(self, call: Call) -> Tracker:
        return self._tracker  # hooks keep no state per call: one tracker serves them all


class _HookTracker(Tracker):
    __slots__ = ("_hooks",)

    def __init__(self, hooks: Hooks) -> None:
        self._hooks = hooks

    def attempt(self, request: Any) -> Awaitable[object] | None:
        return _run(self._hooks.on_request, request)

    def response(self, response: Any) -> Awaitable[object] | None:
        return _run(self._hooks.on_response, response)

    def failure(self, error: BaseException) -> Awaitable[object] | None:
        return _run(self._hooks.on_error, error)


def _run(hook: Hook | None, value: Any) -> Awaitable[object] | None:
    if hook is None:
        return None
    outcome = hook(value)
    return outcome if inspect.isawaitable(outcome) else None
