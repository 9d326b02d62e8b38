"""The one request pipeline every call goes through: open the call's lifecycle, build the request, send it with
retries, decode the answer. It knows nothing above it: the generated resources hand what it returns to the wrapper
the spec names (a stream, a job, a page), and the observers the client registered (spend and budgets, tracing,
hooks) follow each call through its lifecycle (`_lifecycle`).

With fallback models (`x-ccapi-failover` operations), one call goes from model to model (`_failover.Route`): each
attempt is one its observers see, and only the answer that served is charged.

This module holds what does no I/O (`PipelineBase`: building, routing, decoding, errors; `_retry.RetryPlan`: whether
and when to retry). The sending loop is written once, in `_async._pipeline` (AsyncCCAPI's `AsyncPipeline`), and
rewritten for CCAPI into `_sync._pipeline` (`Pipeline`).
"""

from __future__ import annotations

import functools
import logging
import time
from typing import TYPE_CHECKING, Any, cast

import httpx

from . import _checks
from ._errors import APIConnectionError, APIResponseValidationError, APITimeoutError
from ._lifecycle import Call
from ._logging import log_call, logger
from ._operation import Operation
from ._requests import build_request, sent_body
from ._response import APIResponse
from ._settings import RAW_RESPONSE_MARKER

if TYPE_CHECKING:
    from ._deadlines import Deadlines, Pace
    from ._failover import Attempt, FailoverPolicy, Route
    from ._lifecycle import Observer, Preparer
    from ._observers import CallObservers, Spending
    from ._pool import SharedPool
    from ._requests import RequestTemplate
    from ._settings import CallOptions, ClientSettings


def _unread(body: Any) -> Any:
    return body


DOWNLOAD: Operation[Any] = Operation("downloadMedia", "GET", "(media)", _unread)
"""A media download (`client.media`, a result's bytes): a call of its own, which hooks and tracing see."""


class PipelineBase:
    """What both pipelines share, none of it I/O."""

    asynchronous = False

    def __init__(
        self, settings: ClientSettings, template: RequestTemplate, pool: SharedPool, observers: CallObservers
    ) -> None:
        self.settings = settings
        self.template = template
        self.headers = template.headers
        """Every request's headers: the httpx client's, then the client's own (with the key)."""
        self.pool = pool  # held, so that the connections last as long as anything that can still send
        self.spending: Spending = observers.spending
        """The client's spend observer (its account, prices and budget)."""
        self.observers: tuple[Observer, ...] = observers.ordered
        """What follows every call (spend and budgets, tracing, hooks), in the order they are told."""
        self._preparers: tuple[Preparer, ...] = tuple(
            cast("Preparer", observer) for observer in self.observers if hasattr(observer, "prepare")
        )
        self._quiet_for: tuple[Observer, ...] | None = None
        self._quiet = False

    @property
    def quiet(self) -> bool:
        """Whether nothing but an unbudgeted spend account follows this client's calls (no budget, no span, no hook):
        a call's spend can then be recorded from its result, with no tracker following it."""
        observers = self.observers
        if observers is not self._quiet_for:  # looked at once for each set of observers (tracing: once installed)
            self._quiet_for = observers
            self._quiet = self.settings.budget is None and all(
                observer is self.spending or getattr(observer, "idle", False) for observer in observers
            )
        return self._quiet

    def plain(self, op: Operation[Any], options: CallOptions) -> bool:
        """Whether a call pays for nothing it does not use: nothing follows it but its spend (`quiet`), it has no
        total deadline, and no fallback model to go on with. It then needs no route, no deadlines and no tracker."""
        if not self.quiet:
            return False
        settings = self.settings
        if (settings.total_timeout if options.total_timeout is None else options.total_timeout) is not None:
            return False
        if op.fallback is None:
            return True
        return not (settings.fallback_models if options.fallback_models is None else options.fallback_models)

    @property
    def base_url(self) -> str:
        return self.settings.base_url

    def begin(self, op: Operation[Any], body: Any, options: CallOptions, *, streaming: bool = False) -> Call:
        """A new call, with the body it will send (`extra_body` merged in)."""
        return Call(op, sent_body(body, options), streaming=streaming)

    def request_for(self, call: Call, path: str, query: dict[str, Any] | None, options: CallOptions) -> httpx.Request:
        request = build_request(self.template, call.op.method, path, query, call.body, options)
        if call.streaming:
            request.headers["Accept"] = "text/event-stream"
        return request

    def read_timeout(self, options: CallOptions) -> float | None:
        """How long one read of an answer may wait (a stream's idle deadline): the call's timeout, else the
        client's."""
        if options.timeout is None:
            return self.settings.timeout.read
        return _checks.timeout("timeout", options.timeout).read

    def route(self, call: Call, options: CallOptions, *, stream: bool) -> Route:
        """How this call goes: its deadlines (the call's own, else the client's), and for an operation that can fail
        over (`x-ccapi-failover`) with fallback models, its way through them."""
        from ._deadlines import Deadlines
        from ._failover import Failover, Route, first_model

        settings = self.settings
        total = settings.total_timeout if options.total_timeout is None else options.total_timeout
        first_byte = settings.first_byte_timeout if options.first_byte_timeout is None else options.first_byte_timeout
        deadlines = Deadlines(total, first_byte if stream else None)
        failover = None
        fallback = call.op.fallback
        if fallback is not None:
            models = settings.fallback_models if options.fallback_models is None else options.fallback_models
            if models:
                breaker = self.pool.breaker(settings.failover)
                failover = Failover(first_model(call.body, fallback), models, breaker)
        return Route(deadlines, failover, settings.failover or _default_policy(), fallback, call.body)

    def result(self, call: Call, response: httpx.Response, retries: int, options: CallOptions) -> Any:
        """The result of a call whose success response arrived: the decoded model, or the APIResponse for raw
        access."""
        op = call.op
        result = decode(op, response, self.asynchronous)
        if hasattr(result, "_request_id"):  # a generated model: it carries its request id, as openai's results do
            result._request_id = response.headers.get("x-request-id")
        if op.adopt is not None:
            op.adopt(result, self)
        extra = options.extra_headers
        if extra and RAW_RESPONSE_MARKER in extra:  # with_raw_response's wrappers: the APIResponse, typed by them
            return APIResponse(response, result, retries)
        return result

    def failed(self, request: httpx.Request, error: httpx.HTTPError, started: float, retries: int) -> Exception:
        """The typed error for a request that got no usable response.

        It is raised `from None`: httpx's exception (and httpcore's beneath it) stays out of the chain, so that
        nothing the transport put in its messages travels with ours; its kind and text, redacted, are in ours.
        """
        log_call(request, type(error).__name__, time.perf_counter() - started, retries, None)
        return self.failure(request, error)

    def failure(self, request: httpx.Request, error: httpx.HTTPError) -> APIConnectionError:
        """The typed error for a transport failure (what `on_error` hooks see of each failed attempt)."""
        if isinstance(error, httpx.TimeoutException):
            return APITimeoutError(request)
        if isinstance(error, httpx.TooManyRedirects):
            reason = "too many redirects"
        elif isinstance(error, httpx.DecodingError):
            reason = "the response body could not be decoded (its Content-Encoding)"
        else:
            reason = _redacted(str(error), self.settings.api_key)
        return APIConnectionError(
            request, message=f"{type(error).__name__} on {request.method} {request.url}: {reason}"
        )

    def arrived(self, request: httpx.Request, response: httpx.Response, started: float, retries: int) -> None:
        if logger.isEnabledFor(logging.INFO):  # on every call: look the header up only when it will be logged
            request_id = response.headers.get("x-request-id")
            log_call(request, response.status_code, time.perf_counter() - started, retries, request_id)


def _parsed(result: Any) -> Any:
    """The model of a call's result, whether it came as the model or (with_raw_response) as an APIResponse."""
    return result.parse() if isinstance(result, APIResponse) else result


def decode(op: Operation[Any], response: httpx.Response, asynchronous: bool = False) -> Any:
    """A success body as the operation's model; APIResponseValidationError if it is not what the spec describes."""
    decoder = op.async_decode if asynchronous and op.async_decode else op.decode
    try:
        if op.read_body is not None:
            body = op.read_body(response)
            if body is not None:
                return decoder(body)
        return decoder(response.json())
    except Exception as error:  # any failure to read a success body is the server's: JSON, shape or types
        raise APIResponseValidationError(response, reason=f"{type(error).__name__}: {str(error)[:300]}") from error


@functools.cache
def _default_policy() -> FailoverPolicy:
    """The default failover policy, made once (it is frozen): not on every call."""
    from ._failover import FailoverPolicy

    return FailoverPolicy()


def _retry_delay(
    plan: Any, error: httpx.HTTPError, deadlines: Deadlines | None, silence: float | None, sent: float
) -> float | None:
    """The wait before retrying after a transport failure, or None: retries spent, a model that kept silent with
    another to go to, or no time left before the call's total deadline."""
    if silence is not None and (isinstance(error, httpx.TimeoutException) or time.monotonic() - sent >= silence):
        return None
    delay: float | None = plan.after_error(error)
    if delay is not None and deadlines is not None and not deadlines.sleep_allowed(delay):
        return None
    return delay


def _status_delay(plan: Any, response: httpx.Response, deadlines: Deadlines | None) -> float | None:
    delay: float | None = plan.after_status(response.status_code, response.headers)
    if delay is not None and deadlines is not None and not deadlines.sleep_allowed(delay):
        return None
    return delay


class _SourceBase:
    """What a stream needs of its call beyond its first response: how long each read may wait, and, if it breaks,
    the next model's stream (from scratch: the same messages, never what the broken one had written)."""

    def __init__(
        self,
        pipeline: PipelineBase,
        call: Call,
        route: Route,
        attempt: Attempt,
        path: str,
        query: Any,
        options: CallOptions,
    ) -> None:
        self.pipeline = pipeline
        self.call = call
        self.route = route
        self.attempt = attempt
        self.path = path
        self.query = query
        self.options = options

    def pace(self) -> Pace:
        """The pace of reads for this attempt's response: the call's deadlines and its read timeout, as values."""
        from ._deadlines import Pace

        first_token = self.route.first_token_timeout(self.attempt)
        return Pace(self.route.deadlines, self.pipeline.read_timeout(self.options), first_token)

    @property
    def model(self) -> str:
        return self.attempt.model

    def completed(self) -> None:
        """The stream ended complete: the model that served it is well."""
        self.route.succeeded(self.attempt)

    def left(self) -> None:
        self.route.released(self.attempt)


def _redacted(text: str, secret: str) -> str:
    return text.replace(secret, "[redacted]") if secret else text
