"""Client-side failover: which model to try next, when to move on, and which models to leave alone for a while.

CCAPI fails over between `models=[...]` inside the gateway, before the first byte. What the gateway cannot do is
the client's: go on with another model once the gateway's answer has failed (its retries spent on a model that
keeps failing, a prompt too long for it, a stream that broke or stalled after it began), and remember a model that
keeps failing. `fallback_models=[...]` (per client or per call) names the models to go on with, in order; each
fallback attempt names its one model.

Nothing here does I/O: the pipeline asks `Failover` which model comes next and tells it how each attempt ended.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import _checks

if TYPE_CHECKING:
    from ._deadlines import Deadlines
    from ._errors import CCAPIError

# A request the next model may well fit (the codes gateways and providers use for a prompt too long for a model).
CONTEXT_CODES = frozenset({"context_length_exceeded", "context_window_exceeded", "prompt_too_long"})
# Refusals of the request itself: another model would refuse it too, or must not be asked to answer it.
REFUSAL_CODES = frozenset({"content_filter", "content_policy_violation", "content_filtered", "safety"})


DEFAULT_SILENCE = 10.0
"""Seconds without a byte after which a failed attempt is not retried on its model (when there is another)."""


@dataclass(frozen=True)
class FailoverPolicy:
    """How a client moves on to its fallback models, and how long a failing model is left alone.

    - `first_token_timeout`: with a fallback left to go to, a stream whose first event has not come within this
      many seconds of the request is abandoned for the next model (without a fallback, the read timeout applies);
    - `failure_threshold`: failed attempts in a row that open a model's circuit;
    - `cooldown`: seconds a model with an open circuit is skipped; after them one call probes it (one attempt,
      no retries), and the circuit closes as soon as the model answers.

    The circuit breaker is shared by a client and its `with_options` copies.
    """

    first_token_timeout: float | None = 10.0
    failure_threshold: int = 3
    cooldown: float = 15.0
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)

    def __post_init__(self) -> None:
        _checks.seconds("FailoverPolicy.first_token_timeout", self.first_token_timeout)
        _checks.retries("FailoverPolicy.failure_threshold", self.failure_threshold)
        if self.failure_threshold < 1:
            raise ValueError("FailoverPolicy.failure_threshold must be 1 or more")
        _checks.seconds("FailoverPolicy.cooldown", self.cooldown, allow_none=False)
        _checks.callables("FailoverPolicy", clock=self.clock)


def checked_fallback_models(name: str, value: object) -> tuple[str, ...]:
    """`fallback_models` checked: a list of model ids (`provider/model`), each a non-empty string, no repeats."""
    if value is None:
        return ()
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise TypeError(f"{name} must be a list of model ids, not {type(value).__name__}")
    seen: list[str] = []
    for index, model in enumerate(value):
        if not isinstance(model, str):
            raise TypeError(f"{name}[{index}] must be a string, not {type(model).__name__}")
        if "/" not in model.strip("/") or model != model.strip() or not model:
            raise ValueError(f"{name}[{index}] must be a model id such as 'openai/gpt-4o-mini', not {model!r}")
        if model in seen:
            raise ValueError(f"{name}[{index}] repeats {model!r}")
        seen.append(model)
    return tuple(seen)


class _Health:
    __slots__ = ("failures", "open_until", "probing")

    def __init__(self) -> None:
        self.failures = 0
        self.open_until: float | None = None
        self.probing = False


class CircuitBreaker:
    """Per-model health: closed (used), open (skipped until its cooldown ends), half-open (one call probes it).

    Thread-safe, and never awaits: the sync and async clients (and their copies) share one.
    """

    def __init__(self, policy: FailoverPolicy | None = None) -> None:
        self.policy = policy or FailoverPolicy()
        self._lock = threading.Lock()
        self._models: dict[str, _Health] = {}

    def state(self, model: str) -> str:
        """`closed`, `open` or `half-open` (its cooldown over, waiting for a probe)."""
        with self._lock:
            health = self._models.get(model)
            if health is None or health.open_until is None:
                return "closed"
            return "open" if self.policy.clock() < health.open_until else "half-open"

    def admit(self, model: str) -> str | None:
        """Whether a call may try `model` now: `use` (closed), `probe` (this call probes it: one attempt), or None
        (open: skip it)."""
        with self._lock:
            health = self._models.get(model)
            if health is None or health.open_until is None:
                return "use"
            if self.policy.clock() < health.open_until or health.probing:
                return None
            health.probing = True
            return "probe"

    def succeeded(self, model: str) -> None:
        with self._lock:
            self._models.pop(model, None)

    def failed(self, model: str) -> None:
        """An attempt at `model` failed in a way that says the model is unwell (not the request)."""
        with self._lock:
            health = self._models.setdefault(model, _Health())
            health.failures += 1
            if health.probing or health.failures >= self.policy.failure_threshold:
                health.open_until = self.policy.clock() + self.policy.cooldown
            health.probing = False

    def released(self, model: str) -> None:
        """A probe that ended neither way (the request's own fault, say): let another call probe."""
        with self._lock:
            health = self._models.get(model)
            if health is not None:
                health.probing = False


def moves_on(error: BaseException) -> bool:
    """Whether a failed attempt is worth going on with another model: the model's trouble (retries spent on a
    retryable error, no answer in time, a stream broken or stalled, an answer that does not decode) or a prompt too
    long for it. Never a refusal of the request itself (content filter, 400, 401, 402, 403, 404, 422), nor a
    budget refusal."""
    from ._errors import (
        APIConnectionError,
        APIResponseValidationError,
        APIStatusError,
        BadRequestError,
    )

    if isinstance(error, APIConnectionError | APIResponseValidationError):
        return True
    if isinstance(error, BadRequestError):
        return error.code in CONTEXT_CODES
    if isinstance(error, APIStatusError):
        if error.code in REFUSAL_CODES:
            return False
        status = error.status_code
        return status in (408, 409, 429) or status >= 500
    return False


def unwell(error: BaseException) -> bool:
    """Whether a failure counts against the model's health (a prompt too long for it does not)."""
    from ._errors import BadRequestError

    return moves_on(error) and not isinstance(error, BadRequestError)


@dataclass
class Attempt:
    """One model's turn in a call: the model, whether it probes an open circuit, and how it ended."""

    model: str
    probe: bool = False
    error: CCAPIError | None = None


@dataclass
class Restart:
    """A stream that broke (or stalled) on `model` and began again from scratch on `next_model`. What it had
    delivered before (`discarded_chunks` chunks) is not part of the answer."""

    model: str
    next_model: str
    error: BaseException
    discarded_chunks: int


class Failover:
    """One call's way through its models: the first (the request's own `model`), then each fallback, skipping
    those whose circuit is open; the last model is tried even when its circuit is open, so that a call never
    fails without an attempt."""

    def __init__(self, first: str, fallbacks: Sequence[str], breaker: CircuitBreaker) -> None:
        self.models = [first, *(model for model in fallbacks if model != first)]
        self.breaker = breaker
        self.attempts: list[Attempt] = []

    @property
    def has_fallbacks(self) -> bool:
        return len(self.models) > 1

    def __iter__(self) -> Iterator[Attempt]:
        for index, model in enumerate(self.models):
            last = index == len(self.models) - 1
            admitted = self.breaker.admit(model) if self.has_fallbacks else "use"
            if admitted is None:
                if not (last and not self.attempts):
                    continue
                admitted = "use"  # every circuit is open: try the last model rather than fail untried
            attempt = Attempt(model, probe=admitted == "probe")
            self.attempts.append(attempt)
            yield attempt

    def remaining_after(self, attempt: Attempt) -> bool:
        """Whether any model after `attempt`'s may still be tried."""
        position = self.models.index(attempt.model)
        return any(self.breaker.state(model) != "open" for model in self.models[position + 1 :])

    def ended(self, attempt: Attempt, error: BaseException | None) -> bool:
        """Record how an attempt ended; whether the call goes on with the next model."""
        if error is None:
            self.breaker.succeeded(attempt.model)
            return False
        attempt.error = error if isinstance(error, _ccapi_error()) else None
        if not self.has_fallbacks:
            return False
        if unwell(error):
            self.breaker.failed(attempt.model)
        elif attempt.probe:
            self.breaker.released(attempt.model)
        return moves_on(error) and self.remaining_after(attempt)


def _ccapi_error() -> type[CCAPIError]:
    from ._errors import CCAPIError

    return CCAPIError


class Route:
    """How one call goes: its deadlines and, for an operation that can fail over and has fallback models, its way
    through them. The pipeline asks it for each attempt's model and body, and tells it how each ended."""

    __slots__ = ("_attempts", "body", "deadlines", "failover", "fallback", "policy")

    def __init__(
        self, deadlines: Deadlines, failover: Failover | None, policy: FailoverPolicy, fallback: Any, body: Any
    ) -> None:
        self.deadlines = deadlines
        self.failover = failover
        self.policy = policy
        self.fallback = fallback
        """The operation's `Fallback` (its model field, the fields a fallback attempt drops)."""
        self.body = body
        """The call's own body: the first attempt's, and what each fallback attempt's is made from."""
        self._attempts: Iterator[Attempt] = iter(failover) if failover is not None else iter([Attempt("")])

    def next_attempt(self) -> Attempt | None:
        """The next model to try (the call's own first), or None when there is none left."""
        return next(self._attempts, None)

    def body_for(self, attempt: Attempt) -> Any:
        """The body of an attempt: the call's own for the first, else the same naming the fallback alone."""
        if self.is_first(attempt):
            return self.body
        body = {key: value for key, value in self.body.items() if key not in self.fallback.drop}
        body[self.fallback.model] = attempt.model
        return body

    def is_first(self, attempt: Attempt) -> bool:
        return self.failover is None or attempt.model == self.failover.models[0]

    def others_left(self, attempt: Attempt) -> bool:
        """Whether another model may be tried after this attempt's."""
        return self.failover is not None and self.failover.remaining_after(attempt)

    def silence(self, attempt: Attempt) -> float | None:
        """With another model to go to: how long an attempt may get no byte at all before it is not retried (a
        timeout never is); None when there is nowhere else to go."""
        if not self.others_left(attempt):
            return None
        first_token = self.policy.first_token_timeout
        return DEFAULT_SILENCE if first_token is None else first_token

    def first_token_timeout(self, attempt: Attempt) -> float | None:
        """The first-token deadline of a stream on this attempt's model: only when it can move on."""
        return self.policy.first_token_timeout if self.others_left(attempt) else None

    def moves_on(self, attempt: Attempt, error: BaseException) -> bool:
        """Record a failed attempt; whether the call goes on with another model (never past its total deadline)."""
        if self.failover is None:
            return False
        return self.failover.ended(attempt, error) and not self.deadlines.expired()

    def succeeded(self, attempt: Attempt) -> None:
        if self.failover is not None:
            self.failover.ended(attempt, None)

    def released(self, attempt: Attempt) -> None:
        """The caller left before the attempt could be judged: a probe it held is free for another call."""
        if self.failover is not None and attempt.probe:
            self.failover.breaker.released(attempt.model)


def first_model(body: Any, fallback: Any) -> str:
    """What the breaker calls a call's own route: its model, or the gateway's list of models."""
    if isinstance(body, dict):
        model = body.get(fallback.model)
        if isinstance(model, str) and model:
            return model
        named = [str(body.get(field)) for field in fallback.drop if body.get(field)]
        if named:
            return " | ".join(named)
    return "?"
