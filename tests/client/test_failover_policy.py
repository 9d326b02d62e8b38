"""The failover rules, without I/O: which errors move on to the next model, and the circuit breaker's states."""

from __future__ import annotations

import threading

import ccapi
import httpx
import pytest
from ccapi._failover import CircuitBreaker, Failover, FailoverPolicy, checked_fallback_models, moves_on, unwell

REQUEST = httpx.Request("POST", "https://gateway.test/v1/chat/completions")


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def status(code: int, error_code: str | None = None) -> ccapi.APIStatusError:
    body = {"error": {"message": "m", "type": "invalid_request_error", "code": error_code, "details": {}}}
    response = httpx.Response(code, json=body, request=REQUEST)
    from ccapi._errors import status_error

    return status_error(response)


@pytest.mark.parametrize(
    ("error", "moves", "counts"),
    [
        (status(429), True, True),
        (status(500), True, True),
        (status(503), True, True),
        (status(408), True, True),
        (status(400, "context_length_exceeded"), True, False),
        (status(400, "content_policy_violation"), False, False),
        (status(400, "content_filter"), False, False),
        (status(400), False, False),
        (status(401), False, False),
        (status(402, "insufficient_funds"), False, False),
        (status(403), False, False),
        (status(404, "model_not_found"), False, False),
        (status(422), False, False),
        (ccapi.APIConnectionError(REQUEST), True, True),
        (ccapi.APITimeoutError(REQUEST), True, True),
    ],
    ids=lambda value: getattr(value, "message", str(value))[:40] if isinstance(value, Exception) else str(value),
)
def test_which_failures_move_on(error: Exception, moves: bool, counts: bool) -> None:
    assert moves_on(error) is moves
    assert unwell(error) is counts


def test_a_budget_refusal_never_moves_on() -> None:
    from decimal import Decimal

    refused = ccapi.BudgetExceededError(
        budget=Decimal(1), spent=Decimal(1), reserved=Decimal(0), estimate=Decimal("0.1")
    )
    assert not moves_on(refused)


def test_the_circuit_opens_after_the_threshold_and_is_probed_after_the_cooldown() -> None:
    clock = Clock()
    breaker = CircuitBreaker(FailoverPolicy(failure_threshold=2, cooldown=10.0, clock=clock))
    assert breaker.admit("a/m") == "use"
    breaker.failed("a/m")
    assert breaker.state("a/m") == "closed"
    breaker.failed("a/m")
    assert breaker.state("a/m") == "open"
    assert breaker.admit("a/m") is None
    clock.now += 10.0
    assert breaker.state("a/m") == "half-open"
    assert breaker.admit("a/m") == "probe"
    assert breaker.admit("a/m") is None  # one probe at a time
    breaker.failed("a/m")  # the probe failed: open again, for another cooldown
    assert breaker.state("a/m") == "open"
    clock.now += 10.0
    assert breaker.admit("a/m") == "probe"
    breaker.succeeded("a/m")
    assert breaker.state("a/m") == "closed"
    assert breaker.admit("a/m") == "use"


def test_a_probe_that_ends_neither_way_lets_another_call_probe() -> None:
    clock = Clock()
    breaker = CircuitBreaker(FailoverPolicy(failure_threshold=1, cooldown=1.0, clock=clock))
    breaker.failed("a/m")
    clock.now += 1.0
    assert breaker.admit("a/m") == "probe"
    breaker.released("a/m")
    assert breaker.admit("a/m") == "probe"


def test_the_breaker_is_safe_across_threads() -> None:
    breaker = CircuitBreaker(FailoverPolicy(failure_threshold=800, cooldown=1.0))
    threads = [threading.Thread(target=lambda: [breaker.failed("a/m") for _ in range(100)]) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert breaker.state("a/m") == "open"  # opened at exactly 800: no failure was lost


def test_a_call_goes_through_its_models_in_order_skipping_open_circuits() -> None:
    clock = Clock()
    breaker = CircuitBreaker(FailoverPolicy(failure_threshold=1, cooldown=5.0, clock=clock))
    breaker.failed("a/first")
    failover = Failover("a/first", ["b/second", "c/third"], breaker)
    tried = []
    for attempt in failover:
        tried.append(attempt.model)
        if not failover.ended(attempt, ccapi.APIConnectionError(REQUEST)):
            break
    assert tried == ["b/second", "c/third"]


def test_every_circuit_open_still_tries_the_last_model() -> None:
    breaker = CircuitBreaker(FailoverPolicy(failure_threshold=1, cooldown=60.0))
    for model in ("a/first", "b/second"):
        breaker.failed(model)
    assert [attempt.model for attempt in Failover("a/first", ["b/second"], breaker)] == ["b/second"]


def test_a_refusal_ends_the_call_on_its_model() -> None:
    failover = Failover("a/first", ["b/second"], CircuitBreaker())
    attempt = next(iter(failover))
    assert not failover.ended(attempt, status(400, "content_policy_violation"))
    assert failover.breaker.state("a/first") == "closed"


def test_without_fallbacks_the_breaker_is_never_consulted() -> None:
    breaker = CircuitBreaker(FailoverPolicy(failure_threshold=1, cooldown=60.0))
    breaker.failed("a/only")
    failover = Failover("a/only", [], breaker)
    assert [attempt.model for attempt in failover] == ["a/only"]
    assert not failover.ended(failover.attempts[0], status(503))


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("openai/gpt-4o", TypeError),
        ([1], TypeError),
        (["gpt-4o"], ValueError),
        ([""], ValueError),
        (["openai/a", "openai/a"], ValueError),
        ([" openai/a"], ValueError),
    ],
)
def test_fallback_models_are_checked(value: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="fallback_models"):
        checked_fallback_models("fallback_models", value)


@pytest.mark.parametrize(
    ("options", "name"),
    [
        ({"first_token_timeout": -1}, "first_token_timeout"),
        ({"failure_threshold": 0}, "failure_threshold"),
        ({"cooldown": "5"}, "cooldown"),
    ],
)
def test_a_wrong_policy_is_refused(options: dict[str, object], name: str) -> None:
    with pytest.raises((ValueError, TypeError), match=name):
        FailoverPolicy(**options)  # type: ignore[arg-type]
