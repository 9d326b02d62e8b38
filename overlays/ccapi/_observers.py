"""Who follows a client's calls (`_lifecycle.Observer`), by role: spend and budgets, tracing, the caller's hooks."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from decimal import Decimal

    from ._budget import SpendObserver
    from ._lifecycle import Call, Observer, Tracker
    from ._pool import SharedPool
    from ._requests import RequestTemplate
    from ._settings import ClientSettings


class Spending:
    """The spend observer of a client (`_budget.SpendObserver`), loaded on the first priced call: a client that never
    makes one never imports the module."""

    __slots__ = ("_budget", "_fetch", "_observer", "_pool")

    def __init__(self, pool: SharedPool, budget: Decimal | None, fetch_catalog: Callable[[Any], object]) -> None:
        self._pool = pool
        self._budget = budget
        self._fetch = fetch_catalog
        self._observer: Any = None

    @property
    def observer(self) -> SpendObserver:
        observer = self._observer
        if observer is None:  # two threads may both make one: each is a view of the same shared account
            from ._budget import SpendObserver

            observer = self._observer = SpendObserver(self._pool.money, self._budget, self._fetch)
        return observer  # type: ignore[no-any-return]

    def prepare(self, call: Call) -> Callable[[Any], object] | None:
        if call.op.cost is None:
            return None
        return (self._observer or self.observer).prepare(call)

    def open(self, call: Call) -> Tracker | None:
        if call.op.cost is None:
            return None
        return (self._observer or self.observer).open(call)

    def record(self, call: Call, result: Any) -> None:
        """An unbudgeted call that no tracker followed, served: its spend from its result (None: its usage never
        known, so its worst case), as its tracker would have charged it."""
        if call.op.cost is not None:
            (self._observer or self.observer).record(call, result)


class CallObservers:
    """The observers of a client's calls, each by its role, and all of them in the order they are told of a call:
    spend and budgets first (a budget may refuse a call before anything else sees it), then tracing, then the
    caller's hooks."""

    __slots__ = ("hooks", "ordered", "spending", "tracing")

    def __init__(self, spending: Spending, tracing: Observer | None = None, hooks: Observer | None = None) -> None:
        self.spending = spending
        self.tracing = tracing
        self.hooks = hooks
        self.ordered: tuple[Observer, ...] = tuple(
            observer for observer in (spending, tracing, hooks) if observer is not None
        )


def observers(settings: ClientSettings, template: RequestTemplate, spending: Spending) -> CallObservers:
    """What follows every call of a client, by role."""
    tracing: Observer | None = None
    hooks: Observer | None = None
    if settings.tracing:
        from ._telemetry import TracingObserver

        providers = (settings.tracer_provider, settings.meter_provider)
        tracing = TracingObserver(template.server, settings.trace_content, providers)
    if settings.hooks:
        from ._hooks import HookObserver

        hooks = HookObserver(settings.hooks)
    return CallObservers(spending, tracing, hooks)
