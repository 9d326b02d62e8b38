"""Prices and estimates: the catalog's price of each model (`PriceBook`), what a result used (`Usage`), and a call's
worst case before it is sent (`worst_case`, or `worst_units` while no price is known). How money adds up at each
exit of a call is described in `_spend`; nothing here does I/O or holds money."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ._errors import UnknownPriceError
from ._operation import published

if TYPE_CHECKING:
    from ._operation import Cost, Operation

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


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


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
    that can be priced (a stream chunk without usage, a job not yet done). A result is a model, or the plain JSON a
    low-level call (`client.post(...)`) gives."""
    model = _part(result, "model")
    if not isinstance(model, str) or not model:
        return None
    if cost.by == "tokens":
        usage = _part(result, "usage")
        if usage is None:
            return None
        prompt, completion = _part(usage, "prompt_tokens"), _part(usage, "completion_tokens")
        if not isinstance(prompt, int) or not isinstance(completion, int) or isinstance(prompt, bool):
            return None
        return model, Usage(1, prompt, completion)
    if cost.by == "images":
        data = _part(result, "data")
        return model, Usage(1, images=len(data) if isinstance(data, list) else 0)
    seconds = _decimal(_part(result, "duration_seconds"))
    return None if seconds is None else (model, Usage(1, seconds=seconds))


def _part(value: Any, name: str) -> Any:
    """A model's attribute, or a JSON object's member."""
    if isinstance(value, Mapping):
        return value.get(name)
    return getattr(value, name, None)


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


def _known(book: PriceBook, model: str) -> Price:
    price = book.last_price(model)
    if price is None:
        raise UnknownPriceError(f"the catalog has no price for {model}", model=model)
    return price
