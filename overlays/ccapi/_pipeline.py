"""The one request pipeline every call goes through: open the call's lifecycle, build the request, send it with
retries, decode the answer. It knows nothing above it: the generated resources hand what it returns to the wrapper
the spec names (a stream, a job, a page), and the observers the client registered (spend and budgets, tracing,
hooks) follow each call through its lifecycle (`_lifecycle`).

- `call`: a whole answer, decoded (or the APIResponse, for with_raw_response); the call ends here.
- `open_stream`: the open response of a stream and its call, which the stream ends, and (with fallback models or a
  total deadline) the source that paces its reads and opens the next model's stream if it breaks.

With fallback models (`x-ccapi-failover` operations), one call goes from model to model (`_failover.Route`): each
attempt is one its observers see, and only the answer that served is charged.
- `open_job`: a job's first answer and its call, which the job handle ends.

What does no I/O is shared (`PipelineBase`: building, decoding, errors; `_retry.RetryPlan`: whether and when to
retry). Only sending and sleeping are written twice: `Pipeline` for CCAPI, `AsyncPipeline` for AsyncCCAPI.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any, cast

import httpx

from . import _core
from ._core import CallOptions, ClientSettings, RequestTemplate, SharedPool
from ._errors import APIConnectionError, APIResponseValidationError, APITimeoutError, CCAPIError, status_error
from ._lifecycle import Call, Outcome
from ._logging import log_call, logger
from ._operation import Operation
from ._response import APIResponse, result_or_raw

if TYPE_CHECKING:
    from ._deadlines import Deadlines, Pace
    from ._failover import Attempt, FailoverPolicy, Route
    from ._lifecycle import Observer, Preparer
    from ._observers import Spending


def _unread(body: Any) -> Any:
    return body


DOWNLOAD: Operation[Any] = Operation("downloadMedia", "GET", "(media)", _unread)
"""A media download (`client.media`, a result's bytes): a call of its own, which hooks and tracing see."""


class PipelineBase:
    """What both pipelines share, none of it I/O."""

    asynchronous = False

    def __init__(
        self,
        settings: ClientSettings,
        template: RequestTemplate,
        pool: SharedPool,
        observers: tuple[Observer, ...] = (),
    ) -> None:
        self.settings = settings
        self.template = template
        self.headers = template.headers
        """Every request's headers: the httpx client's, then the client's own (with the key)."""
        self.pool = pool  # held, so that the connections last as long as anything that can still send
        self.observers = observers
        """What follows every call (spend and budgets, tracing, hooks), in the order they are told."""
        self._preparers: tuple[Preparer, ...] = tuple(
            cast("Preparer", observer) for observer in observers if hasattr(observer, "prepare")
        )

    @property
    def spending(self) -> Spending:
        """The client's spend observer (its account, prices and budget)."""
        return self.observers[0]  # type: ignore[return-value]  # _core.observers puts it first

    @property
    def base_url(self) -> str:
        return self.settings.base_url

    def begin(self, op: Operation[Any], body: Any, options: CallOptions, *, streaming: bool = False) -> Call:
        """A new call, with the body it will send (`extra_body` merged in)."""
        return Call(op, _core.sent_body(body, options), streaming=streaming)

    def request_for(self, call: Call, path: str, query: dict[str, Any] | None, options: CallOptions) -> httpx.Request:
        request = _core.build_request(self.template, call.op.method, path, query, call.body, options)
        if call.streaming:
            request.headers["Accept"] = "text/event-stream"
        return request

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
        return result_or_raw(APIResponse(response, result, retries), options)

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


class Pipeline(PipelineBase):
    """The synchronous pipeline (CCAPI's)."""

    def __init__(
        self, settings: ClientSettings, template: RequestTemplate, pool: SharedPool, observers: tuple[Observer, ...]
    ) -> None:
        super().__init__(settings, template, pool, observers)
        self.http: httpx.Client = pool.http  # type: ignore[assignment]  # CCAPI makes its pool of an httpx.Client

    def send(
        self,
        request: httpx.Request,
        max_retries: int | None,
        call: Call | None = None,
        *,
        stream: bool = False,
        deadlines: Deadlines | None = None,
        silence: float | None = None,
    ) -> tuple[httpx.Response, int]:
        """Send with the retry policy; a success response and the retries taken, or a typed error. The call's
        observers are told of every attempt.

        With `deadlines`, each attempt waits no longer than the call's total deadline leaves (and a stream's headers
        no longer than its first-byte deadline), and no retry starts that the total deadline would cut. With
        `silence` (when another model is there to try), an attempt that got no byte at all is not retried if it timed
        out or failed after that many seconds of silence."""
        policy = self.settings.retry_policy
        plan = policy.plan(max_retries)
        started = time.perf_counter()
        timeout = request.extensions.get("timeout") or {}
        while True:
            if deadlines is not None:
                request.extensions["timeout"] = deadlines.timeouts(timeout, stream=stream)
            if call is not None:
                call.attempt(request)
            sent = time.monotonic()
            try:
                response = self.http.send(request, stream=stream)
            except RuntimeError as error:  # httpx refuses a closed client: a typed error, not a bare one
                raise APIConnectionError(request, message=f"Cannot send (is the client closed?): {error}") from None
            except httpx.TransportError as error:
                if call is not None:
                    call.failure(self.failure(request, error))
                delay = _retry_delay(plan, error, deadlines, silence, sent)
                if delay is None:
                    raise self.failed(request, error, started, plan.retries) from None
            except httpx.HTTPError as error:  # too many redirects, an undecodable body: not worth another try
                raise self.failed(request, error, started, plan.retries) from None
            else:
                try:
                    if call is not None:
                        call.response(response)
                    if response.is_success:
                        self.arrived(request, response, started, plan.retries)
                        request.extensions["timeout"] = timeout  # a stream's body waits by its read timeout again
                        return response, plan.retries
                    delay = _status_delay(plan, response, deadlines)
                    if delay is None:
                        self.arrived(request, response, started, plan.retries)
                        _read(response, self, request, started, plan.retries)
                        refused = status_error(response)
                        if call is not None:
                            call.failure(refused)
                        raise refused
                except BaseException:
                    response.close()  # an error answer, or a hook that raised: give the connection back
                    raise
                response.close()  # release the connection before waiting
            policy.sleep(delay)

    def _start(
        self, op: Operation[Any], path: str, query: Any, body: Any, options: CallOptions, *, streaming: bool = False
    ) -> tuple[Call, httpx.Request]:
        """Open the call's lifecycle (what its observers need first, then their trackers) and build its request."""
        call = self.begin(op, body, options, streaming=streaming)
        for preparer in self._preparers:
            needed = preparer.prepare(call)
            if needed is not None:
                needed(self)
        call.open(self.observers)
        try:
            return call, self.request_for(call, path, query, options)
        except BaseException as error:
            call.end(Outcome.ERROR, error)
            raise

    def call(self, op: Operation[Any], path: str, query: Any, body: Any, options: CallOptions) -> Any:
        """Carry out an operation; its decoded result (or APIResponse, for with_raw_response). With fallback models,
        a model that fails is followed by the next, within the one call."""
        call, request = self._start(op, path, query, body, options)
        try:
            route = self.route(call, options, stream=False)
            result, _, _ = self.served(call, route, request, path, query, options, stream=False)
        except BaseException as error:
            call.end(Outcome.ERROR, error)
            raise
        call.end(Outcome.RESULT, _parsed(result))
        return result

    def served(
        self,
        call: Call,
        route: Route,
        request: httpx.Request | None,
        path: str,
        query: Any,
        options: CallOptions,
        *,
        stream: bool,
    ) -> tuple[Any, httpx.Response, Attempt]:
        """Send the call model after model, as its route allows, until one answers: the result (for a stream, its
        open response), the response, and the attempt that served. `request` is the first attempt's, if built."""
        failed: CCAPIError | None = None
        while (attempt := route.next_attempt()) is not None:
            if request is None or not route.is_first(attempt):
                call.body = route.body_for(attempt)
                request = self.request_for(call, path, query, options)
            try:
                response, retries = self.send(
                    request, 0 if attempt.probe else options.max_retries, call, stream=stream,
                    deadlines=route.deadlines, silence=route.silence(attempt),
                )  # fmt: skip
                call.answered()
                if stream:
                    return response, response, attempt
                result = self.result(call, response, retries, options)
            except CCAPIError as error:
                if not route.moves_on(attempt, error):
                    raise
                failed = error
                continue
            except BaseException:
                route.released(attempt)
                raise
            route.succeeded(attempt)
            return result, response, attempt
        assert failed is not None  # noqa: S101 (the first attempt is always made)
        raise failed

    def open_stream(
        self, op: Operation[Any], path: str, query: Any, body: Any, options: CallOptions
    ) -> tuple[httpx.Response, Call, StreamSource | None]:
        """Open a server-sent event stream; errors before the first byte are retried as any other (and with fallback
        models, go on with the next). The caller wraps the response, and its wrapper ends the call; the source, when
        the call has fallback models or a total deadline, paces the stream's reads and opens the next model's
        stream if this one breaks."""
        call, request = self._start(op, path, query, body, options, streaming=True)
        try:
            route = self.route(call, options, stream=True)
            response, _, attempt = self.served(call, route, request, path, query, options, stream=True)
        except BaseException as error:
            call.end(Outcome.ERROR, error)
            raise
        paced = route.failover is not None or route.deadlines.total is not None
        return response, call, StreamSource(self, call, route, attempt, path, query, options) if paced else None

    def fetch(self, request: httpx.Request, max_retries: int | None, *, stream: bool = False) -> httpx.Response:
        """Send a request the client made itself (a media download) as a call of its own; its success response."""
        call = self.begin(DOWNLOAD, None, _core.CallOptions())
        call.open(self.observers)
        try:
            response, _ = self.send(request, max_retries, call, stream=stream)
        except BaseException as error:
            call.end(Outcome.ERROR, error)
            raise
        call.end(Outcome.RESULT)
        return response

    def open_job(
        self, op: Operation[Any], path: str, query: Any, body: Any, options: CallOptions
    ) -> tuple[APIResponse[Any], Call]:
        """Start a job: its first answer (raw), and its call, which the job handle ends when the job does."""
        call, request = self._start(op, path, query, body, options)
        try:
            response, retries = self.send(request, options.max_retries, call)
            call.answered()
            raw: APIResponse[Any] = self.result(call, response, retries, _core.raw(options))
            call.item(raw.parse())
        except BaseException as error:
            call.end(Outcome.ERROR, error)
            raise
        return raw, call


class AsyncPipeline(PipelineBase):
    """The asynchronous pipeline (AsyncCCAPI's): as Pipeline, awaiting I/O and coroutine hooks."""

    asynchronous = True

    def __init__(
        self, settings: ClientSettings, template: RequestTemplate, pool: SharedPool, observers: tuple[Observer, ...]
    ) -> None:
        super().__init__(settings, template, pool, observers)
        self.http: httpx.AsyncClient = pool.http  # type: ignore[assignment]  # AsyncCCAPI's is an AsyncClient

    async def send(
        self,
        request: httpx.Request,
        max_retries: int | None,
        call: Call | None = None,
        *,
        stream: bool = False,
        deadlines: Deadlines | None = None,
        silence: float | None = None,
    ) -> tuple[httpx.Response, int]:
        """Send with the retry policy; a success response and the retries taken, or a typed error. The call's
        observers are told of every attempt (coroutine hooks awaited). `deadlines` and `silence` as for
        Pipeline.send; here the waits are bounded by the event loop's timeouts, whatever the transport."""
        policy = self.settings.retry_policy
        plan = policy.plan(max_retries)
        started = time.perf_counter()
        while True:
            if call is not None:
                await _all(call.attempt(request))
            sent = time.monotonic()
            try:
                response = await _within(self.http.send(request, stream=stream), _wait_limit(deadlines, stream))
            except RuntimeError as error:  # httpx refuses a closed client: a typed error, not a bare one
                raise APIConnectionError(request, message=f"Cannot send (is the client closed?): {error}") from None
            except httpx.TransportError as error:
                if call is not None:
                    await _all(call.failure(self.failure(request, error)))
                delay = _retry_delay(plan, error, deadlines, silence, sent)
                if delay is None:
                    raise self.failed(request, error, started, plan.retries) from None
            except httpx.HTTPError as error:  # too many redirects, an undecodable body: not worth another try
                raise self.failed(request, error, started, plan.retries) from None
            else:
                try:
                    if call is not None:
                        await _all(call.response(response))
                    if response.is_success:
                        self.arrived(request, response, started, plan.retries)
                        return response, plan.retries
                    delay = _status_delay(plan, response, deadlines)
                    if delay is None:
                        self.arrived(request, response, started, plan.retries)
                        await _aread(response, self, request, started, plan.retries)
                        refused = status_error(response)
                        if call is not None:
                            await _all(call.failure(refused))
                        raise refused
                except BaseException:
                    await response.aclose()  # an error answer, or a hook that raised: give the connection back
                    raise
                await response.aclose()  # release the connection before waiting
            await policy.async_sleep(delay)

    async def _start(
        self, op: Operation[Any], path: str, query: Any, body: Any, options: CallOptions, *, streaming: bool = False
    ) -> tuple[Call, httpx.Request]:
        call = self.begin(op, body, options, streaming=streaming)
        for preparer in self._preparers:
            needed = preparer.prepare(call)
            if needed is not None:
                outcome = needed(self)
                if isinstance(outcome, Awaitable):
                    await outcome
        call.open(self.observers)
        try:
            return call, self.request_for(call, path, query, options)
        except BaseException as error:
            call.end(Outcome.ERROR, error)
            raise

    async def call(self, op: Operation[Any], path: str, query: Any, body: Any, options: CallOptions) -> Any:
        """Carry out an operation; its decoded result (or APIResponse, for with_raw_response). With fallback models,
        a model that fails is followed by the next, within the one call."""
        call, request = await self._start(op, path, query, body, options)
        try:
            route = self.route(call, options, stream=False)
            result, _, _ = await self.served(call, route, request, path, query, options, stream=False)
        except BaseException as error:
            call.end(Outcome.ERROR, error)
            raise
        call.end(Outcome.RESULT, _parsed(result))
        return result

    async def served(
        self,
        call: Call,
        route: Route,
        request: httpx.Request | None,
        path: str,
        query: Any,
        options: CallOptions,
        *,
        stream: bool,
    ) -> tuple[Any, httpx.Response, Attempt]:
        """As Pipeline.served."""
        failed: CCAPIError | None = None
        while (attempt := route.next_attempt()) is not None:
            if request is None or not route.is_first(attempt):
                call.body = route.body_for(attempt)
                request = self.request_for(call, path, query, options)
            try:
                response, retries = await self.send(
                    request, 0 if attempt.probe else options.max_retries, call, stream=stream,
                    deadlines=route.deadlines, silence=route.silence(attempt),
                )  # fmt: skip
                call.answered()
                if stream:
                    return response, response, attempt
                result = self.result(call, response, retries, options)
            except CCAPIError as error:
                if not route.moves_on(attempt, error):
                    raise
                failed = error
                continue
            except BaseException:
                route.released(attempt)
                raise
            route.succeeded(attempt)
            return result, response, attempt
        assert failed is not None  # noqa: S101 (the first attempt is always made)
        raise failed

    async def open_stream(
        self, op: Operation[Any], path: str, query: Any, body: Any, options: CallOptions
    ) -> tuple[httpx.Response, Call, AsyncStreamSource | None]:
        """Open a server-sent event stream (see Pipeline.open_stream)."""
        call, request = await self._start(op, path, query, body, options, streaming=True)
        try:
            route = self.route(call, options, stream=True)
            response, _, attempt = await self.served(call, route, request, path, query, options, stream=True)
        except BaseException as error:
            call.end(Outcome.ERROR, error)
            raise
        paced = route.failover is not None or route.deadlines.total is not None
        source = AsyncStreamSource(self, call, route, attempt, path, query, options) if paced else None
        return response, call, source

    async def fetch(self, request: httpx.Request, max_retries: int | None, *, stream: bool = False) -> httpx.Response:
        """Send a request the client made itself (see Pipeline.fetch)."""
        call = self.begin(DOWNLOAD, None, _core.CallOptions())
        call.open(self.observers)
        try:
            response, _ = await self.send(request, max_retries, call, stream=stream)
        except BaseException as error:
            call.end(Outcome.ERROR, error)
            raise
        call.end(Outcome.RESULT)
        return response

    async def open_job(
        self, op: Operation[Any], path: str, query: Any, body: Any, options: CallOptions
    ) -> tuple[APIResponse[Any], Call]:
        """Start a job (see Pipeline.open_job)."""
        call, request = await self._start(op, path, query, body, options)
        try:
            response, retries = await self.send(request, options.max_retries, call)
            call.answered()
            raw: APIResponse[Any] = self.result(call, response, retries, _core.raw(options))
            call.item(raw.parse())
        except BaseException as error:
            call.end(Outcome.ERROR, error)
            raise
        return raw, call


def _read(
    response: httpx.Response, pipeline: PipelineBase, request: httpx.Request, started: float, retries: int
) -> None:
    """Read an error answer's body (to type the error), or the typed error of a transport that failed meanwhile."""
    try:
        response.read()
    except httpx.HTTPError as error:
        raise pipeline.failed(request, error, started, retries) from None


async def _aread(
    response: httpx.Response, pipeline: PipelineBase, request: httpx.Request, started: float, retries: int
) -> None:
    try:
        await response.aread()
    except httpx.HTTPError as error:
        raise pipeline.failed(request, error, started, retries) from None


async def _all(pending: list[Awaitable[object]] | None) -> None:
    """Await what the observers gave back (a coroutine hook's run), in order."""
    if pending:
        for outcome in pending:
            await outcome


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


def _wait_limit(deadlines: Deadlines | None, stream: bool) -> float | None:
    """How long an async attempt may wait for its answer (a stream: for its headers)."""
    if deadlines is None:
        return None
    limits = [deadlines.remaining(), deadlines.first_byte if stream else None]
    return min((limit for limit in limits if limit is not None), default=None)


async def _within(sending: Awaitable[httpx.Response], seconds: float | None) -> httpx.Response:
    """`sending`, abandoned after `seconds` as a read timeout (whatever the transport: httpx's pool or aiohttp)."""
    if seconds is None:
        return await sending
    import asyncio

    try:
        async with asyncio.timeout(seconds):
            return await sending
    except TimeoutError:
        raise httpx.ReadTimeout(f"no answer within {seconds:g}s") from None


class _SourceBase:
    """What a stream needs of its call beyond its first response: how long each read may wait, and, if it breaks,
    the next model's stream (from scratch: the same messages, never what the broken one had written)."""

    def __init__(
        self,
        pipeline: Any,
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

    def pace(self, response: httpx.Response) -> Pace:
        """The pace of reads for this attempt's response."""
        from ._deadlines import Pace

        timeout = response.request.extensions.get("timeout") or {}
        first_token = self.route.first_token_timeout(self.attempt)
        return Pace(self.route.deadlines, timeout.get("read"), first_token)

    @property
    def model(self) -> str:
        return self.attempt.model

    def completed(self) -> None:
        """The stream ended complete: the model that served it is well."""
        self.route.succeeded(self.attempt)

    def left(self) -> None:
        self.route.released(self.attempt)


class StreamSource(_SourceBase):
    """The source of a CCAPI stream."""

    def restart(self, error: BaseException) -> httpx.Response | None:
        """After this attempt's stream failed with `error`: the next model's stream, or None to end with `error`."""
        if not self.route.moves_on(self.attempt, error):
            return None
        response, _, self.attempt = self.pipeline.served(
            self.call, self.route, None, self.path, self.query, self.options, stream=True
        )
        return response  # type: ignore[no-any-return]


class AsyncStreamSource(_SourceBase):
    """The source of an AsyncCCAPI stream."""

    async def restart(self, error: BaseException) -> httpx.Response | None:
        if not self.route.moves_on(self.attempt, error):
            return None
        response, _, self.attempt = await self.pipeline.served(
            self.call, self.route, None, self.path, self.query, self.options, stream=True
        )
        return response  # type: ignore[no-any-return]


def _redacted(text: str, secret: str) -> str:
    return text.replace(secret, "[redacted]") if secret else text
