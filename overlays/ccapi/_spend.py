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

No I/O here: the pipeline fetches the catalog when this module's observer asks it to (`prepare`).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Awaitable, Callable, Generator, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from ._errors import BudgetExceededError, UnknownPriceError
from ._lifecycle import Outcome, Tracker
from ._operation import published

if TYPE_CHECKING:
    from ._lifecycle import Call
    from ._operation import Cost, Operation

__all__ = ["UnknownPriceError"]

MILLION = Decimal(1_000_000)
SLOWEST_SPEECH = Decimal(8)
"""Characters a second: slower than nearly any voice (about 90 words a minute), so an estimate of speech is a worst
case."""
PRICES_TTL = 600.0
"""Seconds a fetched catalog's prices are trusted before a budgeted call fetches them again."""
MISSING_MODEL_RETRY = 30.0
"""A model the catalog did not have is looked for again only after this many seconds, not on every call."""
ZERO = Decimal(0)


def _decimal(value: object) -> Decimal | None:
    return None if value is None or isinstance(value, bool) else Decimal(str(value))


@dataclass(frozen=True)
class Price:
    """One model's catalog prices, and the caps an estimate needs."""

    model: str
    currency: str
    input_per_million: Decimal | None = None
    output_per_million: Decimal | None = None
    per_image: Decimal | None = None
    per_second: Decimal | None = None
    max_output_tokens: int | None = None
    context_length: int | None = None
    max_seconds: Decimal | None = None
    function_calling: bool | None = None
    """Whether the catalog says the model calls tools (None: it does not say); `parse` and `run_tools` read it."""

    @classmethod
    def of(cls, model: Any) -> Price | None:
        info = model.ccapi
        pricing = None if info is None else info.pricing
        if info is None or pricing is None:
            return None
        capabilities = info.capabilities
        return cls(
            model=model.id,
            currency=pricing.currency or "USD",
            input_per_million=_decimal(pricing.input_cost_per_million),
            output_per_million=_decimal(pricing.output_cost_per_million),
            per_image=_decimal(pricing.per_image_cost),
            per_second=_decimal(pricing.per_second_cost),
            max_output_tokens=None if capabilities is None else capabilities.max_output_tokens,
            context_length=None if capabilities is None else capabilities.context_length,
            max_seconds=_decimal(info.max_duration),
            function_calling=_flag(None if capabilities is None else capabilities.function_calling),
        )

    def rate(self, rate: Decimal | None, what: str) -> Decimal:
        if rate is None:
            raise UnknownPriceError(f"the catalog gives {self.model} no price for {what}", model=self.model)
        return rate


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


class PriceBook:
    """Prices by model id, from the catalog; trusted for PRICES_TTL seconds, and fetched again for a model it lacks.

    A model that leaves the catalog keeps its last price here, so that what was recorded for it can still be read;
    only a budget refuses it (an estimate reads the catalog in force). Safe to use from many threads: a load swaps
    whole dictionaries."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._prices: dict[str, Price] = {}
        self._known: dict[str, Price] = {}
        self._loaded_at: float | None = None

    def needs_loading(self, models: Iterable[str]) -> bool:
        loaded_at = self._loaded_at
        if loaded_at is None:
            return True
        age = self._clock() - loaded_at
        if age > PRICES_TTL:
            return True
        return age > MISSING_MODEL_RETRY and any(model not in self._prices for model in models)

    @property
    def loaded(self) -> bool:
        return self._loaded_at is not None

    def load(self, models: Iterable[Any]) -> None:
        prices = {model.id: price for model in models if (price := Price.of(model)) is not None}
        self._known = {**self._known, **prices}
        self._prices = prices
        self._loaded_at = self._clock()

    def price(self, model: str) -> Price:
        """The model's price in the catalog now (what an estimate for a new call reads)."""
        price = self._prices.get(model)
        if price is None:
            raise UnknownPriceError(f"the catalog has no price for {model}", model=model)
        return price

    def last_price(self, model: str) -> Price | None:
        """The model's latest known price, if the catalog ever priced it (what a recorded call is priced at)."""
        return self._prices.get(model) or self._known.get(model)

    def currency(self) -> str | None:
        for price in self._known.values():
            return price.currency
        return None


@dataclass
class Usage:
    """What one model was used for: calls and the units the catalog prices."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    images: int = 0
    seconds: Decimal = ZERO  # a Decimal is immutable: one zero serves every Usage

    def add(self, other: Usage) -> None:
        self.calls += other.calls
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens
        self.images += other.images
        self.seconds += other.seconds

    def cost(self, price: Price) -> Decimal:
        total = Decimal(0)
        if self.prompt_tokens:
            total += self.prompt_tokens * price.rate(price.input_per_million, "input tokens") / MILLION
        if self.completion_tokens:
            total += self.completion_tokens * price.rate(price.output_per_million, "output tokens") / MILLION
        if self.images:
            total += self.images * price.rate(price.per_image, "images")
        if self.seconds:
            total += self.seconds * price.rate(price.per_second, "seconds of audio")
        return total


def usage_of(cost: Cost, result: Any) -> tuple[str, Usage] | None:
    """The model charged for a result and what it used, by the operation's unit; None if the result says nothing
    that can be priced (a stream chunk without usage, a job not yet done)."""
    model = getattr(result, "model", None)
    if not isinstance(model, str) or not model:
        return None
    if cost.by == "tokens":
        usage = getattr(result, "usage", None)
        if usage is None:
            return None
        prompt, completion = getattr(usage, "prompt_tokens", None), getattr(usage, "completion_tokens", None)
        if not isinstance(prompt, int) or not isinstance(completion, int):
            return None
        return model, Usage(1, prompt, completion)
    if cost.by == "images":
        data = getattr(result, "data", None)
        return model, Usage(1, images=len(data) if isinstance(data, list) else 0)
    seconds = _decimal(getattr(result, "duration_seconds", None))
    return None if seconds is None else (model, Usage(1, seconds=seconds))


def _field(body: Mapping[str, Any] | None, dotted: str | None) -> Any:
    value: Any = body
    for part in (dotted or "").split(".") if dotted else []:
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def forced(body: Mapping[str, Any] | None, dotted: str, value: Any) -> dict[str, Any]:
    """A copy of `body` with the dotted field set to `value` (the objects on the way copied or made), whatever it
    was: a field a budget depends on is not the caller's to turn off."""
    head, _, rest = dotted.partition(".")
    copy = dict(body or {})
    if rest:
        inner = copy.get(head)
        copy[head] = forced(inner if isinstance(inner, Mapping) else None, rest, value)
    else:
        copy[head] = value
    return copy


def models_named(cost: Cost, body: Mapping[str, Any] | None) -> list[str]:
    """The models a request names (one, or those the gateway tries in turn)."""
    named: list[str] = []
    for where in cost.models:
        value = _field(body, where)
        if isinstance(value, str):
            named.append(value)
        elif isinstance(value, list):
            named += [item for item in value if isinstance(item, str)]
    return named


def _is_image_part(value: Mapping[str, Any]) -> bool:
    return value.get("type") == "image_url" or value.get("type") == "input_image"


def input_tokens(cost: Cost, body: Mapping[str, Any] | None) -> int:
    """A bound on the input tokens of a request: the bytes of every input field's JSON and of every field the spec
    does not declare, with each image part counted at `cost.image_tokens` in place of its bytes."""
    if not isinstance(body, Mapping):
        return 0
    named = set(cost.prompt)
    inputs = [value for key, value in body.items() if key in named or (cost.declared and key not in cost.declared)]
    images = 0

    def without_images(value: Any) -> Any:
        nonlocal images
        if isinstance(value, Mapping):
            if _is_image_part(value):
                images += 1
                return None
            return {key: without_images(item) for key, item in value.items()}
        if isinstance(value, list):
            return [without_images(item) for item in value]
        return value

    text = json.dumps(without_images(inputs), ensure_ascii=False, default=str).encode()
    return len(text) + images * cost.image_tokens


def worst_case(cost: Cost, body: Mapping[str, Any] | None, prices: PriceBook) -> Decimal:
    """The most this request can cost, at the dearest of the models it names, at the catalog's prices now."""
    models = models_named(cost, body)
    if not models:
        raise UnknownPriceError("the request names no model to price")
    count = _field(body, cost.count)
    count = count if isinstance(count, int) and count > 0 else 1
    return max(_worst_for(cost, body, prices.price(model), count) for model in models)


def _worst_for(cost: Cost, body: Mapping[str, Any] | None, price: Price, count: int) -> Decimal:
    if cost.by == "images":
        return count * price.rate(price.per_image, "images")
    if cost.by == "seconds":
        text = _field(body, cost.text)
        speed = _decimal(_field(body, cost.speed)) or Decimal(1)
        speed = speed if speed > 0 else Decimal(1)
        seconds = Decimal(len(text.encode()) if isinstance(text, str) else 0) / SLOWEST_SPEECH / speed
        if price.max_seconds is not None:
            seconds = min(seconds, price.max_seconds)
        return seconds * price.rate(price.per_second, "seconds of audio")
    caps = [value for where in cost.max_output if isinstance(value := _field(body, where), int) and value >= 0]
    output = min(caps) if caps else price.max_output_tokens or price.context_length
    if output is None:
        raise UnknownPriceError(
            f"the catalog gives no output limit for {price.model}: pass max_tokens", model=price.model
        )
    return Usage(1, input_tokens(cost, body), output * count).cost(price)


@dataclass
class WorstUnits:
    """What served calls of unknown usage add up to, kept until a price book can price them: a few sums, whatever
    the number of calls (a client that never reads its spend keeps nothing that grows)."""

    input_tokens: int = 0
    output_tokens: int = 0
    """Of calls with an output cap: the cap times the count of answers."""
    uncapped_outputs: int = 0
    """Answers of calls without a cap: each up to its model's output limit."""
    images: int = 0
    seconds: Decimal = field(default_factory=Decimal)

    def add(self, other: WorstUnits) -> None:
        self.input_tokens += other.input_tokens
        self.output_tokens += other.output_tokens
        self.uncapped_outputs += other.uncapped_outputs
        self.images += other.images
        self.seconds += other.seconds

    def cost(self, models: tuple[str, ...], book: PriceBook) -> Decimal:
        """At most what these units cost on any of `models`: each part at the dearest of their latest known prices
        (a sum of per-call worst cases is never more)."""
        prices = [_known(book, model) for model in models]
        parts: list[Decimal] = []
        if self.input_tokens:
            parts.append(self.input_tokens * max(p.rate(p.input_per_million, "input tokens") for p in prices) / MILLION)
        if self.output_tokens:
            rate = max(p.rate(p.output_per_million, "output tokens") for p in prices)
            parts.append(self.output_tokens * rate / MILLION)
        if self.uncapped_outputs:
            parts.append(self.uncapped_outputs * max(_output_limit(p) * p.rate(p.output_per_million, "output tokens")
                                                     for p in prices) / MILLION)  # fmt: skip
        if self.images:
            parts.append(self.images * max(p.rate(p.per_image, "images") for p in prices))
        if self.seconds:
            parts.append(self.seconds * max(p.rate(p.per_second, "seconds of audio") for p in prices))
        return sum(parts, ZERO)


def _output_limit(price: Price) -> int:
    limit = price.max_output_tokens or price.context_length
    if limit is None:
        raise UnknownPriceError(f"the catalog gives no output limit for {price.model}", model=price.model)
    return limit


def worst_units(cost: Cost, body: Mapping[str, Any] | None) -> WorstUnits:
    """A request's worst case in units, before any price is known (see `worst_case`)."""
    count = _field(body, cost.count)
    count = count if isinstance(count, int) and count > 0 else 1
    if cost.by == "images":
        return WorstUnits(images=count)
    if cost.by == "seconds":
        text = _field(body, cost.text)
        speed = _decimal(_field(body, cost.speed)) or Decimal(1)
        speed = speed if speed > 0 else Decimal(1)
        return WorstUnits(seconds=Decimal(len(text.encode()) if isinstance(text, str) else 0) / SLOWEST_SPEECH / speed)
    caps = [value for where in cost.max_output if isinstance(value := _field(body, where), int) and value >= 0]
    units = WorstUnits(input_tokens=input_tokens(cost, body))
    if caps:
        units.output_tokens = min(caps) * count
    else:
        units.uncapped_outputs = count
    return units


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


def _known(book: PriceBook, model: str) -> Price:
    price = book.last_price(model)
    if price is None:
        raise UnknownPriceError(f"the catalog has no price for {model}", model=model)
    return price


class SharedMoney:
    """The account and the prices a client and its copies share (made once, with the pool)."""

    def __init__(self) -> None:
        self.account = Account()
        self.prices = PriceBook()


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


class SpendTracker(Tracker):
    """One priced call's money: its hold against the budget, whether it was served, and its charge at the end."""

    __slots__ = ("_call", "_charged", "_cost", "_held_for", "_observer", "_reservation", "_served")

    def __init__(self, observer: SpendObserver, call: Call, cost: Cost) -> None:
        self._observer = observer
        self._call = call
        self._cost = cost
        self._reservation: Decimal | None = None
        self._held_for: Any = None
        self._served = False
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
        body = self._call.body
        if self._observer.budget is not None and body is not self._held_for:  # another model for this attempt
            self.hold(body)

    def answered(self) -> None:
        self._served = True

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
            if outcome is Outcome.RESULT and value is not None and self._charge(value):
                return
            if self._served:  # served, its usage never known: its worst case, as an estimate
                self._charge_worst_case()
        finally:
            self._release()

    def _charge_worst_case(self) -> None:
        observer, body, cost = self._observer, self._call.body, self._cost
        named = tuple(models_named(cost, body)) or ("unknown",)
        if self._reservation is not None:
            observer.account.estimate(named[0], self._reservation)
        else:
            try:
                amount = worst_case(cost, body, observer.prices) if observer.prices.loaded else None
            except UnknownPriceError:
                amount = None
            if amount is not None:
                observer.account.estimate(named[0], amount)
            else:  # no prices yet (an unbudgeted client): its worst case in units, priced when spend is read
                observer.account.estimate_later(named, worst_units(cost, body))
        self._charged = True


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


def priced_operation(result: object) -> Operation[Any]:
    """The operation whose results are of `result`'s kind (a completion, a chunk, speech, images), for its unit."""
    for op in published():
        if op.cost is None:
            continue
        for decoder in (op.decode, op.event):
            kind = getattr(decoder, "__self__", None)
            if isinstance(kind, type) and isinstance(result, kind.__mro__[1] if _is_media(kind) else kind):
                return op
    raise TypeError(f"cost_of takes a chat, speech or image result, not {type(result).__name__}")


def _is_media(kind: type) -> bool:
    # `...WithMedia` result classes extend the spec's model with the media's bytes; price by the spec's model.
    return kind.__name__.endswith("WithMedia")


def cost_of(result: object, prices: PriceBook) -> Decimal:
    op = priced_operation(result)
    assert op.cost is not None  # noqa: S101 (priced_operation returns priced operations only)
    found = usage_of(op.cost, result)
    if found is None:
        raise ValueError("this result says nothing to price by (a stream chunk without usage, or a job not yet done)")
    model, usage = found
    return usage.cost(prices.price(model))


def model_of(result: object) -> list[str]:
    model = getattr(result, "model", None)
    return [model] if isinstance(model, str) else []


class Amount(Decimal):
    """A Decimal that may also be awaited (to the same value), so that code written when AsyncCCAPI's totals had
    to be awaited keeps working."""

    __slots__ = ()

    def __await__(self) -> Generator[Any, None, Decimal]:
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
    budgeted client); `await spend.refresh()` first prices calls an unbudgeted client recorded before the catalog
    was known. Awaiting `total` or `by_model` still works, as it did."""

    def __init__(self, observer: SpendObserver, pipeline: Any) -> None:
        super().__init__(observer)
        self._pipeline = pipeline

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

    async def _by_model_fetched(self) -> dict[str, Decimal]:
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
        return sum((await self._by_model_fetched()).values(), ZERO)


class _AwaitableDict(dict[str, Decimal]):
    """A dict that may also be awaited (to itself), as `by_model` once had to be."""

    def __await__(self) -> Generator[Any, None, dict[str, Decimal]]:
        return dict(self)
        yield  # a generator: awaiting it returns at once
