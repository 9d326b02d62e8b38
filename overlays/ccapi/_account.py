"""The running account a client and its with_options copies share (`Account`): what each model cost, what is
estimated, and what calls in flight hold against budgets; `SharedMoney` pairs it with the price book."""

from __future__ import annotations

import threading
from decimal import Decimal

from ._errors import BudgetExceededError, UnknownPriceError
from ._prices import ZERO, PriceBook, Usage, WorstUnits


def _sum_into(sums: dict[str, Usage], model: str, usage: Usage) -> None:
    found = sums.get(model)
    if found is None:
        sums[model] = Usage(usage.calls, usage.prompt_tokens, usage.completion_tokens, usage.images, usage.seconds)
    else:
        found.add(usage)


class Account:
    """The running account a client and its with_options copies share: what each model cost (priced when recorded,
    and kept at that price), the part of it that is estimated, and what calls in flight hold against budgets. Safe
    to use from many threads: every read and change takes the account's lock.

    What is recorded before its model's price is known (an unbudgeted client fetches no prices) waits, summed per
    model, and is priced at the next `settle`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._usage: dict[str, Usage] = {}
        self._cost: dict[str, Decimal] = {}
        self._estimated = Decimal(0)
        self._waiting_usage: dict[str, Usage] = {}
        self._waiting_worst: dict[tuple[str, ...], WorstUnits] = {}
        self._reserved = Decimal(0)

    def record(self, model: str, usage: Usage, prices: PriceBook) -> None:
        """Count a call's usage, priced now if its model's price is known, else when spend is next read."""
        price = prices.last_price(model)
        amount = None if price is None else usage.cost(price)
        with self._lock:
            _sum_into(self._usage, model, usage)
            if amount is None:
                _sum_into(self._waiting_usage, model, usage)
            else:
                self._add(model, amount, estimated=False)

    def estimate(self, model: str, amount: Decimal) -> None:
        """Charge a served call whose usage is unknown its worst case, `amount`."""
        with self._lock:
            self._usage.setdefault(model, Usage()).add(Usage(1))
            self._add(model, amount, estimated=True)

    def estimate_later(self, models: tuple[str, ...], units: WorstUnits) -> None:
        """Charge a served call whose usage is unknown its worst case, once the prices of `models` are known."""
        with self._lock:
            self._usage.setdefault(models[0], Usage()).add(Usage(1))
            self._waiting_worst.setdefault(models, WorstUnits()).add(units)

    def _add(self, model: str, amount: Decimal, *, estimated: bool) -> None:
        self._cost[model] = self._cost.get(model, ZERO) + amount
        if estimated:
            self._estimated += amount

    def settle(self, prices: PriceBook) -> None:
        """Price what was recorded before its price was known, where it now is (once: then it keeps that price)."""
        with self._lock:
            for model, usage in list(self._waiting_usage.items()):
                price = prices.last_price(model)
                if price is not None:
                    try:
                        self._add(model, usage.cost(price), estimated=False)
                    except UnknownPriceError:
                        continue
                    del self._waiting_usage[model]
            for models, units in list(self._waiting_worst.items()):
                try:
                    amount = units.cost(models, prices)
                except UnknownPriceError:
                    continue
                self._add(models[0], amount, estimated=True)
                del self._waiting_worst[models]

    @property
    def pending_models(self) -> list[str]:
        with self._lock:
            return [*self._waiting_usage, *(model for models in self._waiting_worst for model in models)]

    def by_model(self) -> dict[str, Decimal]:
        """What each model cost, in the catalog's currency; UnknownPriceError naming a model never priced."""
        with self._lock:
            waiting = [*self._waiting_usage, *(models[0] for models in self._waiting_worst)]
            if waiting:
                model = waiting[0]
                raise UnknownPriceError(f"the catalog has never priced {model}, which calls used", model=model)
            return dict(self._cost)

    @property
    def estimated(self) -> Decimal:
        with self._lock:
            return self._estimated

    @property
    def reserved(self) -> Decimal:
        with self._lock:
            return self._reserved

    @property
    def calls(self) -> int:
        with self._lock:
            return sum(usage.calls for usage in self._usage.values())

    @property
    def models(self) -> list[str]:
        with self._lock:
            return list(self._usage)

    def reserve(self, budget: Decimal, estimate: Decimal) -> Decimal:
        """Hold `estimate` against the budget, or raise BudgetExceededError; what to release when the call ends.
        (What is still waiting for its price holds nothing: only an unbudgeted copy's calls can be waiting.)"""
        with self._lock:
            spent = sum(self._cost.values(), ZERO)
            remaining = budget - spent - self._reserved
            if estimate > remaining:
                raise BudgetExceededError(budget=budget, spent=spent, reserved=self._reserved, estimate=estimate)
            self._reserved += estimate
            return estimate

    def release(self, reservation: Decimal) -> None:
        with self._lock:
            self._reserved -= reservation

    def reset(self) -> None:
        with self._lock:
            self._usage.clear()
            self._cost.clear()
            self._waiting_usage.clear()
            self._waiting_worst.clear()
            self._estimated = Decimal(0)


class SharedMoney:
    """The account and the prices a client and its copies share (made once, with the pool)."""

    def __init__(self) -> None:
        self.account = Account()
        self.prices = PriceBook()
