"""What calls cost at the gateway's own catalog prices: the price book, the running account a client keeps, and
budgets held before anything is sent. No I/O here: the pipelines fetch the catalog when a price is first needed.

Which results are priced, by which unit, and which request fields an estimate reads, are the spec's
(`x-ccapi-cost` on an operation, carried by its generated `Operation.cost`). What is decided here is how an
estimate stays a worst case:

- prompt tokens: the UTF-8 bytes of the prompt's JSON (a token is at least one byte, so no tokenizer counts more);
- output tokens: the request's cap, else the model's `max_output_tokens`, else its `context_length`;
- speech: the text at the slowest common speaking rate, capped by the model's `max_duration`;
- images: the requested count at the per-image price;
- with failover, the dearest of the models named.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import (
    AsyncGenerator,
    AsyncIterator,
    Awaitable,
    Callable,
    Coroutine,
    Generator,
    Iterable,
    Iterator,
    Mapping,
)
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ._errors import BudgetExceededError

if TYPE_CHECKING:
    from ccapi_generated.models import ModelSummary
    from ccapi_generated.resources._operations import Cost, Operation

MILLION = Decimal(1_000_000)
SLOWEST_SPEECH = Decimal(8)
"""Characters a second: slower than nearly any voice (about 90 words a minute), so an estimate of speech is a worst
case."""
PRICES_TTL = 600.0
"""Seconds a fetched catalog's prices are trusted."""
MISSING_MODEL_RETRY = 30.0
"""A model the catalog did not have is looked for again only after this many seconds, not on every call."""


class UnknownPriceError(ValueError):
    """The catalog gives no price for a model (or none for what this call uses)."""


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

    @classmethod
    def of(cls, model: ModelSummary) -> Price | None:
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
        )

    def rate(self, rate: Decimal | None, what: str) -> Decimal:
        if rate is None:
            raise UnknownPriceError(f"the catalog gives {self.model} no price for {what}")
        return rate


class PriceBook:
    """Prices by model id, from the catalog; trusted for PRICES_TTL seconds, and fetched again for a model it lacks."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._prices: dict[str, Price] = {}
        self._loaded_at: float | None = None

    def needs_loading(self, models: Iterable[str]) -> bool:
        if self._loaded_at is None:
            return True
        age = self._clock() - self._loaded_at
        if age > PRICES_TTL:
            return True
        return age > MISSING_MODEL_RETRY and any(model not in self._prices for model in models)

    def load(self, models: Iterable[ModelSummary]) -> None:
        self._prices = {model.id: price for model in models if (price := Price.of(model)) is not None}
        self._loaded_at = self._clock()

    def price(self, model: str) -> Price:
        price = self._prices.get(model)
        if price is None:
            raise UnknownPriceError(f"the catalog has no price for {model}")
        return price


@dataclass
class Usage:
    """What one model was used for: calls and the units the catalog prices."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    images: int = 0
    seconds: Decimal = field(default_factory=Decimal)

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
    if not isinstance(model, str):
        return None
    if cost.by == "tokens":
        usage = getattr(result, "usage", None)
        if usage is None:
            return None
        return model, Usage(1, usage.prompt_tokens or 0, usage.completion_tokens or 0)
    if cost.by == "images":
        return model, Usage(1, images=len(getattr(result, "data", None) or []))
    seconds = _decimal(getattr(result, "duration_seconds", None))
    return None if seconds is None else (model, Usage(1, seconds=seconds))


def _field(body: Mapping[str, Any] | None, dotted: str | None) -> Any:
    value: Any = body
    for part in (dotted or "").split(".") if dotted else []:
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def with_field(body: Mapping[str, Any] | None, dotted: str, value: Any) -> dict[str, Any]:
    """A copy of `body` with the dotted field set (the objects on the way copied or made), unless it is already."""
    head, _, rest = dotted.partition(".")
    copy = dict(body or {})
    if rest:
        inner = copy.get(head)
        copy[head] = with_field(inner if isinstance(inner, Mapping) else None, rest, value)
    else:
        copy.setdefault(head, value)
    return copy


def models_named(cost: Cost, body: Mapping[str, Any] | None) -> list[str]:
    """The models a request names (one, or those tried in turn)."""
    named: list[str] = []
    for where in cost.models:
        value = _field(body, where)
        named += [value] if isinstance(value, str) else [item for item in value or [] if isinstance(item, str)]
    return named


def worst_case(cost: Cost, body: Mapping[str, Any] | None, prices: PriceBook) -> Decimal:
    """The most this request can cost, at the dearest of the models it names."""
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
        seconds = Decimal(len(text) if isinstance(text, str) else 0) / SLOWEST_SPEECH / speed
        if price.max_seconds is not None:
            seconds = min(seconds, price.max_seconds)
        return seconds * price.rate(price.per_second, "seconds of audio")
    prompt = json.dumps(_field(body, cost.prompt), ensure_ascii=False).encode()
    caps = [value for where in cost.max_output if isinstance(value := _field(body, where), int)]
    output = min(caps) if caps else price.max_output_tokens or price.context_length
    if output is None:
        raise UnknownPriceError(f"the catalog gives no output limit for {price.model}: pass max_tokens")
    return Usage(1, len(prompt), output * count).cost(price)


class Account:
    """The running account a client and its with_options copies share: what each model was used for, and what calls
    in flight have reserved against a budget. Safe to use from many threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._usage: dict[str, Usage] = {}
        self._reserved = Decimal(0)

    def record(self, model: str, usage: Usage) -> None:
        with self._lock:
            self._usage.setdefault(model, Usage()).add(usage)

    @property
    def calls(self) -> int:
        with self._lock:
            return sum(usage.calls for usage in self._usage.values())

    @property
    def models(self) -> list[str]:
        with self._lock:
            return list(self._usage)

    def by_model(self, prices: PriceBook) -> dict[str, Decimal]:
        with self._lock:
            return {model: usage.cost(prices.price(model)) for model, usage in self._usage.items()}

    def reserve(self, budget: Decimal, estimate: Decimal, prices: PriceBook) -> Decimal:
        """Hold `estimate` against the budget, or raise BudgetExceededError; what to release when the call ends."""
        with self._lock:
            spent = sum((usage.cost(prices.price(model)) for model, usage in self._usage.items()), Decimal(0))
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


class Meter:
    """One client's view of the shared account: its budget, and the catalog prices."""

    def __init__(self, account: Account, prices: PriceBook, budget: Decimal | None) -> None:
        self.account = account
        self.prices = prices
        self.budget = budget

    def wants_prices(self, op: Operation[Any], body: Mapping[str, Any] | None) -> bool:
        """Whether the catalog must be fetched before this call: only to hold a budget."""
        if self.budget is None or op.cost is None:
            return False
        return self.prices.needs_loading(models_named(op.cost, body))

    def reserve(self, op: Operation[Any], body: Mapping[str, Any] | None) -> Decimal | None:
        if self.budget is None or op.cost is None:
            return None
        return self.account.reserve(self.budget, worst_case(op.cost, body, self.prices), self.prices)

    def record(self, op: Operation[Any], result: Any) -> bool:
        """Count a result in the account; whether it could be priced."""
        found = None if op.cost is None else usage_of(op.cost, result)
        if found is not None:
            self.account.record(*found)
        return found is not None


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


def metered_chunks(
    chunks: Iterator[Any], meter: Meter, op: Operation[Any], reservation: Decimal | None
) -> Generator[Any, None, None]:
    """A stream's chunks, the one that reports usage counted in the account; the budget's hold released at the end."""
    try:
        for chunk in chunks:
            if chunk.usage is not None:
                meter.record(op, chunk)
            yield chunk
    finally:
        if reservation is not None:
            meter.account.release(reservation)


async def ametered_chunks(
    chunks: AsyncIterator[Any], meter: Meter, op: Operation[Any], reservation: Decimal | None
) -> AsyncGenerator[Any, None]:
    try:
        async for chunk in chunks:
            if chunk.usage is not None:
                meter.record(op, chunk)
            yield chunk
    finally:
        if reservation is not None:
            meter.account.release(reservation)


def priced_operation(result: object) -> Operation[Any]:
    """The operation whose results are of `result`'s kind (a completion, a chunk, speech, images), for its unit."""
    from ccapi_generated.resources import _operations

    for op in vars(_operations).values():
        if not isinstance(op, _operations.Operation) or op.cost is None:
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


class _SpendBase:
    def __init__(self, meter: Meter) -> None:
        self._meter = meter

    @property
    def calls(self) -> int:
        """Priced calls counted so far (by this client and its with_options copies)."""
        return self._meter.account.calls

    @property
    def budget(self) -> Decimal | None:
        """This client's budget, if it has one."""
        return self._meter.budget

    def reset(self) -> None:
        """Start counting afresh (calls in flight still settle their budget holds)."""
        self._meter.account.reset()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} calls={self.calls} models={self._meter.account.models}>"


class Spend(_SpendBase):
    """What a client and its with_options copies have spent at the catalog's prices (fetched when first read)."""

    def __init__(self, meter: Meter, load_prices: Callable[[], None]) -> None:
        super().__init__(meter)
        self._load = load_prices

    @property
    def by_model(self) -> dict[str, Decimal]:
        """The spend on each model, in the catalog's currency."""
        if self._meter.prices.needs_loading(self._meter.account.models):
            self._load()
        return self._meter.account.by_model(self._meter.prices)

    @property
    def total(self) -> Decimal:
        """The spend so far, in the catalog's currency."""
        return sum(self.by_model.values(), Decimal(0))


class AsyncSpend(_SpendBase):
    """Spend, for AsyncCCAPI: `await spend.total` and `await spend.by_model` (the prices may need fetching)."""

    def __init__(self, meter: Meter, load_prices: Callable[[], Awaitable[None]]) -> None:
        super().__init__(meter)
        self._load = load_prices

    async def _by_model(self) -> dict[str, Decimal]:
        if self._meter.prices.needs_loading(self._meter.account.models):
            await self._load()
        return self._meter.account.by_model(self._meter.prices)

    async def _total(self) -> Decimal:
        return sum((await self._by_model()).values(), Decimal(0))

    @property
    def by_model(self) -> Coroutine[Any, Any, dict[str, Decimal]]:
        """The spend on each model (await it)."""
        return self._by_model()

    @property
    def total(self) -> Coroutine[Any, Any, Decimal]:
        """The spend so far (await it)."""
        return self._total()
