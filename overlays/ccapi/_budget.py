"""Budgets and charges: the observer that follows each priced call of one client (`SpendObserver`) and its
tracker (`SpendTracker`), which holds the call's worst case against the budget and charges what it used at its end.

The charge is per attempt: an attempt that was answered is billed by the gateway whatever happened after (a stream
cut mid-answer, then served by a fallback model), so it is charged what it used (its usage if known, else its worst
case) before the next attempt is held against the budget, which must then hold both."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ._errors import UnknownPriceError
from ._lifecycle import Outcome, Tracker
from ._prices import forced, models_named, usage_of, worst_case, worst_units

if TYPE_CHECKING:
    from ._account import SharedMoney
    from ._lifecycle import Call
    from ._operation import Cost

CatalogLoader = Callable[[Any], object]
"""Given the pipeline, fetches the catalog's models (a list, or for AsyncCCAPI an awaitable of one)."""


class SpendObserver:
    """Follows each priced call (an operation with `x-ccapi-cost`) from start to end, for one client: holds its
    worst case against the client's budget (per attempt), and charges what it used when it ends."""

    def __init__(self, money: SharedMoney, budget: Decimal | None, fetch_catalog: CatalogLoader) -> None:
        self.account = money.account
        self.prices = money.prices
        self.budget = budget
        self._fetch = fetch_catalog

    def prepare(self, call: Call) -> Callable[[Any], object] | None:
        """Before a budgeted call: the catalog's prices, when they are not known or too old."""
        cost = call.op.cost
        if self.budget is None or cost is None or not self.prices.needs_loading(models_named(cost, call.body)):
            return None
        return self.refresh

    def refresh(self, pipeline: Any) -> object:
        """Fetch the catalog through `pipeline` (awaitable on AsyncCCAPI); then price what was waiting for it."""
        fetched = self._fetch(pipeline)
        if isinstance(fetched, Awaitable):
            return self._arefreshed(fetched)
        self._loaded(fetched)
        return None

    async def _arefreshed(self, fetched: Awaitable[Any]) -> None:
        self._loaded(await fetched)

    def _loaded(self, models: Any) -> None:
        self.prices.load(models)
        self.account.settle(self.prices)

    def open(self, call: Call) -> Tracker | None:
        cost = call.op.cost
        if cost is None:
            return None
        if self.budget is None:
            return SpendTracker(self, call, cost)
        if cost.usage_option and call.streaming:  # a stream must say what it used, or be charged its worst case
            call.body = forced(call.body, cost.usage_option, True)
        tracker = SpendTracker(self, call, cost)
        tracker.hold(call.body)
        return tracker

    def record(self, call: Call, result: Any) -> None:
        """What a served call cost, from its result alone (see `Spending.record`)."""
        cost = call.op.cost
        assert cost is not None  # noqa: S101 (Spending.record passes priced calls only)
        found = usage_of(cost, result) if result is not None and not _job_started(call) else None
        if found is None:
            charge_worst_case(self, cost, call.body, None)
        else:
            model, usage = found
            self.account.record(model, usage, self.prices)


class SpendTracker(Tracker):
    """One priced call's money: its hold against the budget, whether it was served, and its charge at the end."""

    __slots__ = ("_call", "_charged", "_cost", "_held_for", "_observer", "_reservation", "_served", "_served_body")

    def __init__(self, observer: SpendObserver, call: Call, cost: Cost) -> None:
        self._observer = observer
        self._call = call
        self._cost = cost
        self._reservation: Decimal | None = None
        self._held_for: Any = None
        self._served = False
        self._served_body: Any = None
        self._charged = False

    def hold(self, body: Any) -> None:
        """Hold this body's worst case (at the price of the models it names) in place of what was held before."""
        observer = self._observer
        assert observer.budget is not None  # noqa: S101 (only budgeted calls hold)
        estimate = worst_case(self._cost, body, observer.prices)
        self._release()
        self._reservation = observer.account.reserve(observer.budget, estimate)
        self._held_for = body

    def _release(self) -> None:
        if self._reservation is not None:
            self._observer.account.release(self._reservation)
            self._reservation = None

    def attempt(self, request: Any) -> None:
        if self._served:  # the attempt before this one was answered (then broke): it is billed, so it is charged
            if not self._charged:
                self._charge_worst_case(self._served_body)
            self._release()
            self._served = self._charged = False
            self._held_for = None  # what it held is spent: this attempt is held anew, on top of it
        body = self._call.body
        if self._observer.budget is not None and body is not self._held_for:  # another model for this attempt
            self.hold(body)

    def answered(self) -> None:
        self._served = True
        self._served_body = self._call.body

    def item(self, value: Any) -> None:
        if self._charged or getattr(value, "usage", None) is None:
            return
        self._charge(value)

    def _charge(self, value: Any) -> bool:
        found = usage_of(self._cost, value)
        if found is None:
            return False
        model, usage = found
        observer = self._observer
        if observer.budget is not None and observer.prices.last_price(model) is None and self._reservation:
            # Served by a model the catalog does not price (yet): what was held for it is what it is charged.
            observer.account.estimate(model, self._reservation)
        else:
            observer.account.record(model, usage, observer.prices)
        self._charged = True
        return True

    def end(self, outcome: Outcome, value: Any) -> None:
        try:
            if self._charged:
                return
            if outcome is Outcome.RESULT and value is not None and not _job_started(self._call) and self._charge(value):
                return
            if self._served:  # served, its usage never known: its worst case, as an estimate
                self._charge_worst_case(self._served_body)
        finally:
            self._release()

    def _charge_worst_case(self, body: Any) -> None:
        """Charge the answered attempt that sent `body` its worst case (what it held, on a budgeted client)."""
        charge_worst_case(self._observer, self._cost, body, self._reservation)
        self._charged = True


def charge_worst_case(observer: SpendObserver, cost: Cost, body: Any, reservation: Decimal | None) -> None:
    """Charge a served call whose usage is never known its worst case: what it held, else its estimate at the
    prices known, else (an unbudgeted client with no prices yet) its units, priced when spend is read."""
    named = tuple(models_named(cost, body)) or ("unknown",)
    if reservation is not None:
        observer.account.estimate(named[0], reservation)
        return
    try:
        amount = worst_case(cost, body, observer.prices) if observer.prices.loaded else None
    except UnknownPriceError:
        amount = None
    if amount is not None:
        observer.account.estimate(named[0], amount)
    else:
        observer.account.estimate_later(named, worst_units(cost, body))


def _job_started(call: Call) -> bool:
    """A call that only started a job it does not follow (a low-level `client.post` to a job's path): its answer says
    nothing of what the job will use, so the job is charged its worst case."""
    op = call.op
    return op.kind == "job" and op.job is None


def budget_value(budget: object) -> Decimal | None:
    """A budget argument as a Decimal: a Decimal, an int or a decimal string, not negative."""
    if budget is None:
        return None
    if isinstance(budget, bool) or not isinstance(budget, Decimal | int | str):
        raise TypeError(f"budget must be a Decimal, an int or a decimal string, not {type(budget).__name__}")
    try:
        value = Decimal(budget)
    except ArithmeticError:
        raise ValueError(f"budget must be a number, not {budget!r}") from None
    if not value.is_finite() or value < 0:
        raise ValueError(f"budget must be a finite amount, 0 or more, not {budget!r}")
    return value
