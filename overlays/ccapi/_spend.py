"""What calls cost at the gateway's own catalog prices: the price book, the running account a client and its copies
share, budgets held before anything is sent, and the observer that follows each priced call's lifecycle to its end.

Which results are priced, by which unit, and which request fields an estimate reads, are the spec's
(`x-ccapi-cost`, carried by each `Operation.cost`). What is decided here is how money adds up at every exit:

- an estimate (a call's worst case) reads the body actually sent, `extra_body` included:
  - prompt tokens: the UTF-8 bytes of every input field's JSON (`prompt`: messages, tools, schemas) and of any
    field the spec does not declare (a token is at least one byte, so no tokenizer counts more), with each image
    part counted at `image_tokens` (a bound above what any catalog model charges for one image) in its place;
  - output tokens: the request's cap, else the model's `max_output_tokens`, else its `context_length`;
  - speech: the text at the slowest common speaking rate, capped by the model's `max_duration`;
  - images: the requested count at the per-image price;
  - with the gateway's failover (`models`), the dearest of the models named;
- what is charged: an attempt answered with an error status, or that got no answer, costs nothing (it is never
  billed); an answer with its usage costs that usage at the serving model's price; a success answer whose usage is
  never known (a stream left early or cut, a result without usage, a job abandoned) costs its worst case, counted
  in `estimated`;
- a call is priced when it is recorded, at the price in force then: later catalog changes never change past spend.
  An unbudgeted client fetches no prices for its calls: what it records before the catalog is known is priced when
  spend is first read (then kept);
- a budgeted stream always learns its usage: `stream_options.include_usage` is sent true, whatever was asked.

No I/O here: the pipeline fetches the catalog when the observer asks it to (`prepare`), or when `spend.refresh_prices()`
is called.

The modules beneath: `_prices` (prices, usage, estimates), `_account` (the shared account), `_budget` (the observer
of priced calls and budgets). This one is the public face: `client.spend`.
"""

from __future__ import annotations

import warnings
from collections.abc import Awaitable, Generator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from ._errors import UnknownPriceError
from ._prices import ZERO

if TYPE_CHECKING:
    from ._budget import SpendObserver

__all__ = ["UnknownPriceError"]

AWAITED_TOTALS_REMOVAL = "0.3.0"
"""The release that removes awaiting `AsyncSpend.total` and `by_model` (deprecated in 0.2.0)."""


def _warn_awaited(name: str) -> None:
    warnings.warn(
        f"awaiting spend.{name} is deprecated and will be removed in {AWAITED_TOTALS_REMOVAL}: "
        f"`await client.spend.refresh_prices()` fetches the catalog, then read spend.{name} as a plain value",
        DeprecationWarning,
        stacklevel=3,
    )


class Amount(Decimal):
    """A Decimal that may also be awaited (to the same value, with a DeprecationWarning), so that code written when
    AsyncCCAPI's totals had to be awaited keeps working until 0.3.0."""

    __slots__ = ()

    def __await__(self) -> Generator[Any, None, Decimal]:
        _warn_awaited("total")
        return Decimal(self)
        yield  # a generator: awaiting it returns at once


class _SpendBase:
    def __init__(self, observer: SpendObserver) -> None:
        self._observer = observer

    @property
    def calls(self) -> int:
        """Priced calls counted so far (by this client and its with_options copies)."""
        return self._observer.account.calls

    @property
    def budget(self) -> Decimal | None:
        """This client's budget, if it has one."""
        return self._observer.budget

    @property
    def reserved(self) -> Decimal:
        """What calls in flight hold against budgets now."""
        return self._observer.account.reserved

    @property
    def estimated(self) -> Decimal:
        """The part of `total` charged at a call's worst case, its usage never known (a stream left early or cut,
        a result without usage, a job abandoned)."""
        self._settle()
        return self._observer.account.estimated

    def _settle(self) -> None:
        """Price what is waiting for a price the book knows (no I/O)."""
        if self._observer.account.pending_models:
            self._observer.account.settle(self._observer.prices)

    @property
    def currency(self) -> str | None:
        """The catalog's currency (None until the catalog's prices are known)."""
        return self._observer.prices.currency()

    def reset(self) -> None:
        """Start counting afresh (calls in flight still settle their budget holds)."""
        self._observer.account.reset()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} calls={self.calls} models={self._observer.account.models}>"


class Spend(_SpendBase):
    """What a client and its with_options copies have spent at the catalog's prices."""

    def __init__(self, observer: SpendObserver, pipeline: Any) -> None:
        super().__init__(observer)
        self._pipeline = pipeline

    def refresh_prices(self) -> None:
        """Fetch the catalog's prices now, and price the calls that were waiting for them."""
        self._observer.refresh(self._pipeline)
        super()._settle()

    def _settle(self) -> None:
        account = self._observer.account
        if account.pending_models and self._observer.prices.needs_loading(account.pending_models):
            self._observer.refresh(self._pipeline)
        super()._settle()

    @property
    def by_model(self) -> dict[str, Decimal]:
        """The spend on each model, in the catalog's currency."""
        self._settle()
        return self._observer.account.by_model()

    @property
    def total(self) -> Decimal:
        """The spend so far, in the catalog's currency (`estimated` of it at worst cases)."""
        return sum(self.by_model.values(), ZERO)


class AsyncSpend(_SpendBase):
    """Spend, for AsyncCCAPI. `total` and `by_model` need no `await` once every call is priced (always so on a
    budgeted client); `await spend.refresh_prices()` first fetches the catalog and prices the calls an unbudgeted
    client recorded before it was known. Awaiting `total` or `by_model` still works, with a DeprecationWarning
    (removed in 0.3.0)."""

    def __init__(self, observer: SpendObserver, pipeline: Any) -> None:
        super().__init__(observer)
        self._pipeline = pipeline

    async def refresh_prices(self) -> None:
        """Fetch the catalog's prices now, and price the calls that were waiting for them."""
        loading = self._observer.refresh(self._pipeline)
        if isinstance(loading, Awaitable):
            await loading
        self._settle()

    async def refresh(self) -> None:
        """Fetch the catalog if calls are waiting for a price it may have, and price them."""
        account = self._observer.account
        if account.pending_models and self._observer.prices.needs_loading(account.pending_models):
            loading = self._observer.refresh(self._pipeline)
            if isinstance(loading, Awaitable):
                await loading
        self._settle()

    def _waiting(self) -> bool:
        self._settle()
        return bool(self._observer.account.pending_models)

    @property
    def by_model(self) -> _AwaitableDict:
        """The spend on each model. While calls wait for a price (an unbudgeted client's, recorded before the catalog
        was fetched) it must be awaited, which fetches it."""
        if self._waiting():
            return cast(_AwaitableDict, self._by_model_fetched())
        return _AwaitableDict(self._observer.account.by_model())

    async def _by_model_fetched(self, name: str = "by_model") -> dict[str, Decimal]:
        _warn_awaited(name)
        await self.refresh()
        return self._observer.account.by_model()

    @property
    def total(self) -> Amount:
        """The spend so far, in the catalog's currency (awaitable, and to be awaited while calls wait for a
        price: see `by_model`)."""
        if self._waiting():
            return cast(Amount, self._total_fetched())
        return Amount(sum(self._observer.account.by_model().values(), ZERO))

    async def _total_fetched(self) -> Decimal:
        return sum((await self._by_model_fetched("total")).values(), ZERO)


class _AwaitableDict(dict[str, Decimal]):
    """A dict that may also be awaited (to itself, with a DeprecationWarning), as `by_model` once had to be."""

    def __await__(self) -> Generator[Any, None, dict[str, Decimal]]:
        _warn_awaited("by_model")
        return dict(self)
        yield  # a generator: awaiting it returns at once
