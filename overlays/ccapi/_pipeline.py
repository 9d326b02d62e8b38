"""The one request pipeline every call goes through: build the request, send it with retries, decode the answer,
hand it to the wrapper the operation names (a stream, a job, a page, or the model itself).

What does no I/O is shared (`PipelineBase`: building, decoding, errors; `_retry.RetryPlan`: whether and when to
retry). Only sending and sleeping are written twice: `Pipeline` for CCAPI, `AsyncPipeline` for AsyncCCAPI. The
generated resources and the hand-written wrappers (streams, image jobs, pages, downloads) reach a client through
these classes alone.
"""

from __future__ import annotations

import functools
import inspect
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from . import _core, _telemetry
from ._core import CallOptions, ClientSettings, RequestTemplate, SharedPool
from ._errors import APIConnectionError, APIResponseValidationError, APITimeoutError, status_error
from ._logging import log_call, logger
from ._response import APIResponse

if TYPE_CHECKING:
    from decimal import Decimal

    from ccapi_generated.resources._operations import Operation, Parts

    from ._image_jobs import AsyncImageJob, ImageJob, PollPolicy
    from ._pagination import AsyncPage, AsyncPager, SyncPage
    from ._spend import Meter
    from ._streaming import AsyncStream, Stream
    from ._telemetry import CallSpan


StreamT = TypeVar("StreamT", "Stream", "AsyncStream")


class PipelineBase:
    """What both pipelines share, none of it I/O."""

    asynchronous = False

    def __init__(self, settings: ClientSettings, template: RequestTemplate, pool: SharedPool) -> None:
        self.settings = settings
        self.template = template
        self.headers = template.headers
        """Every request's headers: the httpx client's, then the client's own (with the key)."""
        self.pool = pool  # held, so that the connections last as long as anything that can still send
        self._untraced = not settings.tracing

    @functools.cached_property
    def meter(self) -> Meter:
        """The account this client shares with its copies, its budget, and the catalog's prices (made on first
        use: a client that never meets a priced result never loads this)."""
        from ._spend import Meter

        return Meter(self.pool.account, self.pool.prices, self.settings.budget)

    def budgeted(self, op: Operation[Any]) -> bool:
        return op.cost is not None and self.settings.budget is not None

    def asks_usage(self, op: Operation[Any], body: Any) -> Any:
        """A stream's body, asking for usage when a budget must settle at the stream's end."""
        if not self.budgeted(op) or op.cost is None or not op.cost.usage_option:
            return body
        from ._spend import with_field

        return with_field(body, op.cost.usage_option, True)

    def trace(self, op: Operation[Any], body: Any) -> CallSpan | None:
        """A span for this call, if tracing is on and OpenTelemetry installed (looked up once) and set up."""
        if self._untraced:
            return None
        if _telemetry.instruments() is None:  # not installed: never look again
            self._untraced = True
            return None
        settings = self.settings
        providers = (settings.tracer_provider, settings.meter_provider)
        return _telemetry.start(op, body, self.template.server, settings.trace_content, providers)

    def abandon(self, reservation: Decimal | None, span: CallSpan | None, error: BaseException) -> None:
        """A call that failed before its answer began: release its budget hold, end its span with the error."""
        if reservation is not None:
            self.meter.account.release(reservation)
        if span is not None:
            span.end(error=error)

    def follow(
        self, stream: StreamT, op: Operation[Any], reservation: Decimal | None, span: CallSpan | None
    ) -> StreamT:
        """A stream whose chunks the account (usage, budget hold) and the span (first chunk, end) follow."""
        if op.cost is not None:
            from . import _spend

            metered: Any = _spend.ametered_chunks if self.asynchronous else _spend.metered_chunks
            stream._iterator = metered(stream._iterator, self.meter, op, reservation)
        if span is not None:
            traced: Any = _telemetry.atraced_chunks if self.asynchronous else _telemetry.traced_chunks
            stream._iterator = traced(stream._iterator, span)
        return stream

    @property
    def base_url(self) -> str:
        return self.settings.base_url

    def build(
        self, method: str, path: str, query: dict[str, Any] | None, body: Any, options: CallOptions
    ) -> httpx.Request:
        return _core.build_request(self.template, method, path, query, body, options)

    def finish(self, op: Operation[Any], response: httpx.Response, retries: int, options: CallOptions) -> Any:
        """The result of a call whose response arrived: the decoded model, or the APIResponse for raw access."""
        result = decode(op, response, self.asynchronous)
        if hasattr(result, "_request_id"):  # a generated model: it carries its request id, as openai's results do
            result._request_id = response.headers.get("x-request-id")
        if op.kind == "media":
            result._pipeline = self  # to fetch the media it points at
        if op.cost is not None and op.kind != "job":  # a job is counted when it is seen to end
            self.meter.record(op, result)
        return _core.result_or_raw(APIResponse(response, result, retries), options)

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

    def __init__(self, settings: ClientSettings, template: RequestTemplate, pool: SharedPool) -> None:
        super().__init__(settings, template, pool)
        self.http: httpx.Client = pool.http  # type: ignore[assignment]  # CCAPI makes its pool of an httpx.Client

    def send(
        self, request: httpx.Request, max_retries: int | None, *, stream: bool = False, span: CallSpan | None = None
    ) -> tuple[httpx.Response, int]:
        """Send with the retry policy; a success response and the retries taken, or a typed error. The client's
        hooks run for every attempt; a retry is an event of the call's span."""
        policy = self.settings.retry_policy
        hooks = self.settings.hooks
        plan = policy.plan(max_retries)
        started = time.perf_counter()
        while True:
            if hooks.on_request is not None:
                hooks.on_request(request)
            try:
                response = self.http.send(request, stream=stream)
            except RuntimeError as error:  # httpx refuses a closed client: a typed error, not a bare one
                raise APIConnectionError(request, message=f"Cannot send (is the client closed?): {error}") from None
            except httpx.TransportError as error:
                if hooks.on_error is not None:
                    hooks.on_error(self.failure(request, error))
                delay, reason = plan.after_error(error), type(error).__name__
                if delay is None:
                    raise self.failed(request, error, started, plan.retries) from None
            except httpx.HTTPError as error:  # too many redirects, an undecodable body: not worth another try
                raise self.failed(request, error, started, plan.retries) from None
            else:
                if hooks.on_response is not None:
                    hooks.on_response(response)
                if span is not None:
                    span.response(response)
                delay = None if response.is_success else plan.after_status(response.status_code, response.headers)
                if delay is None:
                    self.arrived(request, response, started, plan.retries)
                    if not response.is_success:
                        try:
                            response.read()
                        except httpx.HTTPError as error:
                            raise self.failed(request, error, started, plan.retries) from None
                        finally:
                            response.close()
                        refused = status_error(response)
                        if hooks.on_error is not None:
                            hooks.on_error(refused)
                        raise refused
                    return response, plan.retries
                reason = f"status {response.status_code}"
                response.close()  # release the connection before waiting
            if span is not None:
                span.retry(plan.retries, reason, delay)
            policy.sleep(delay)

    def call(self, op: Operation[Any], path: str, query: Any, body: Any, options: CallOptions) -> Any:
        """Carry out an operation; its decoded result (or APIResponse, for with_raw_response)."""
        # A job holds its own reservation until it is seen to end (job()).
        reservation = self.reserve(op, body) if self.budgeted(op) and op.kind != "job" else None
        span = self.trace(op, body)
        try:
            request = self.build(op.method, path, query, body, options)
            response, retries = self.send(request, options.max_retries, span=span)
            result = self.finish(op, response, retries, options)
        except BaseException as error:
            if span is not None:
                span.end(error=error)
            raise
        finally:
            if reservation is not None:
                self.meter.account.release(reservation)
        if span is not None:
            span.end(result=_parsed(result))
        return result

    def reserve(self, op: Operation[Any], body: Any) -> Decimal | None:
        """Hold the call's worst case against the budget (fetching the catalog's prices first, if need be)."""
        if self.meter.wants_prices(op, body):
            self.load_prices()
        return self.meter.reserve(op, body)

    def load_prices(self) -> None:
        from ccapi_generated.resources._operations import LIST_MODELS, list_models

        self.meter.prices.load(self.call(LIST_MODELS, *list_models(), CallOptions()).data)

    def stream(self, op: Operation[Any], path: str, query: Any, body: Any, options: CallOptions) -> Stream:
        """Open a server-sent event stream; errors before the first byte are retried as any other."""
        from ._streaming import Stream

        body = self.asks_usage(op, body)
        reservation = self.reserve(op, body) if self.budgeted(op) else None
        span = self.trace(op, body)
        try:
            request = self.build(op.method, path, query, body, options)
            request.headers["Accept"] = "text/event-stream"
            response, _ = self.send(request, options.max_retries, stream=True, span=span)
        except BaseException as error:
            self.abandon(reservation, span, error)
            raise
        return self.follow(Stream(response, op.event), op, reservation, span)

    def page(
        self, op: Operation[Any], build: Callable[[int], Parts], offset: int, options: CallOptions
    ) -> SyncPage[Any]:
        """The page at `offset`; it fetches the pages after it as they are needed."""
        from ._pagination import SyncPage

        def fetch(at: int) -> SyncPage[Any]:
            raw_options = _core.raw(options)
            return SyncPage(self.call(op, *build(at), raw_options), fetch, at)

        return fetch(offset)

    def job(
        self, op: Operation[Any], path: str, query: Any, body: Any, options: CallOptions, policy: PollPolicy | None
    ) -> ImageJob:
        """Start a job; its handle (done at once if the provider answered synchronously)."""
        from ._image_jobs import ImageJob

        reservation = self.reserve(op, body) if self.budgeted(op) else None
        try:
            raw = self.call(op, path, query, body, _core.raw(options))
        except BaseException as error:
            self.abandon(reservation, None, error)
            raise
        return ImageJob(self, op, raw.parse(), raw, policy, reservation=reservation)

    def resume_job(self, op: Operation[Any], job_id: str, policy: PollPolicy | None) -> ImageJob:
        """A handle on an existing job, refreshed once."""
        from ._image_jobs import ImageJob

        job = ImageJob(self, op, None, None, policy, job_id=job_id)
        job.refresh()
        return job


class AsyncPipeline(PipelineBase):
    """The asynchronous pipeline (AsyncCCAPI's): as Pipeline, awaiting I/O."""

    asynchronous = True

    def __init__(self, settings: ClientSettings, template: RequestTemplate, pool: SharedPool) -> None:
        super().__init__(settings, template, pool)
        self.http: httpx.AsyncClient = pool.http  # type: ignore[assignment]  # AsyncCCAPI's is an AsyncClient

    async def send(
        self, request: httpx.Request, max_retries: int | None, *, stream: bool = False, span: CallSpan | None = None
    ) -> tuple[httpx.Response, int]:
        """Send with the retry policy; a success response and the retries taken, or a typed error. The client's
        hooks (plain or coroutine functions) run for every attempt; a retry is an event of the call's span."""
        policy = self.settings.retry_policy
        hooks = self.settings.hooks
        plan = policy.plan(max_retries)
        started = time.perf_counter()
        while True:
            if hooks.on_request is not None:
                await _run(hooks.on_request, request)
            try:
                response = await self.http.send(request, stream=stream)
            except RuntimeError as error:  # httpx refuses a closed client: a typed error, not a bare one
                raise APIConnectionError(request, message=f"Cannot send (is the client closed?): {error}") from None
            except httpx.TransportError as error:
                if hooks.on_error is not None:
                    await _run(hooks.on_error, self.failure(request, error))
                delay, reason = plan.after_error(error), type(error).__name__
                if delay is None:
                    raise self.failed(request, error, started, plan.retries) from None
            except httpx.HTTPError as error:  # too many redirects, an undecodable body: not worth another try
                raise self.failed(request, error, started, plan.retries) from None
            else:
                if hooks.on_response is not None:
                    await _run(hooks.on_response, response)
                if span is not None:
                    span.response(response)
                delay = None if response.is_success else plan.after_status(response.status_code, response.headers)
                if delay is None:
                    self.arrived(request, response, started, plan.retries)
                    if not response.is_success:
                        try:
                            await response.aread()
                        except httpx.HTTPError as error:
                            raise self.failed(request, error, started, plan.retries) from None
                        finally:
                            await response.aclose()
                        refused = status_error(response)
                        if hooks.on_error is not None:
                            await _run(hooks.on_error, refused)
                        raise refused
                    return response, plan.retries
                reason = f"status {response.status_code}"
                await response.aclose()  # release the connection before waiting
            if span is not None:
                span.retry(plan.retries, reason, delay)
            await policy.async_sleep(delay)

    async def call(self, op: Operation[Any], path: str, query: Any, body: Any, options: CallOptions) -> Any:
        """Carry out an operation; its decoded result (or APIResponse, for with_raw_response)."""
        # A job holds its own reservation until it is seen to end (job()).
        reservation = await self.reserve(op, body) if self.budgeted(op) and op.kind != "job" else None
        span = self.trace(op, body)
        try:
            request = self.build(op.method, path, query, body, options)
            response, retries = await self.send(request, options.max_retries, span=span)
            result = self.finish(op, response, retries, options)
        except BaseException as error:
            if span is not None:
                span.end(error=error)
            raise
        finally:
            if reservation is not None:
                self.meter.account.release(reservation)
        if span is not None:
            span.end(result=_parsed(result))
        return result

    async def reserve(self, op: Operation[Any], body: Any) -> Decimal | None:
        """Hold the call's worst case against the budget (fetching the catalog's prices first, if need be)."""
        if self.meter.wants_prices(op, body):
            await self.load_prices()
        return self.meter.reserve(op, body)

    async def load_prices(self) -> None:
        from ccapi_generated.resources._operations import LIST_MODELS, list_models

        self.meter.prices.load((await self.call(LIST_MODELS, *list_models(), CallOptions())).data)

    async def stream(self, op: Operation[Any], path: str, query: Any, body: Any, options: CallOptions) -> AsyncStream:
        """Open a server-sent event stream; errors before the first byte are retried as any other."""
        from ._streaming import AsyncStream

        body = self.asks_usage(op, body)
        reservation = await self.reserve(op, body) if self.budgeted(op) else None
        span = self.trace(op, body)
        try:
            request = self.build(op.method, path, query, body, options)
            request.headers["Accept"] = "text/event-stream"
            response, _ = await self.send(request, options.max_retries, stream=True, span=span)
        except BaseException as error:
            self.abandon(reservation, span, error)
            raise
        return self.follow(AsyncStream(response, op.event), op, reservation, span)

    def page(
        self, op: Operation[Any], build: Callable[[int], Parts], offset: int, options: CallOptions
    ) -> AsyncPager[Any]:
        """`await` it for the page at `offset`, or `async for` over every item from there."""
        from ._pagination import AsyncPage, AsyncPager

        async def fetch(at: int) -> AsyncPage[Any]:
            return AsyncPage(await self.call(op, *build(at), _core.raw(options)), fetch, at)

        return AsyncPager(lambda: fetch(offset))

    async def job(
        self, op: Operation[Any], path: str, query: Any, body: Any, options: CallOptions, policy: PollPolicy | None
    ) -> AsyncImageJob:
        """Start a job; its handle (done at once if the provider answered synchronously)."""
        from ._image_jobs import AsyncImageJob

        reservation = await self.reserve(op, body) if self.budgeted(op) else None
        try:
            raw = await self.call(op, path, query, body, _core.raw(options))
        except BaseException as error:
            self.abandon(reservation, None, error)
            raise
        return AsyncImageJob(self, op, raw.parse(), raw, policy, reservation=reservation)

    async def resume_job(self, op: Operation[Any], job_id: str, policy: PollPolicy | None) -> AsyncImageJob:
        """A handle on an existing job, refreshed once."""
        from ._image_jobs import AsyncImageJob

        job = AsyncImageJob(self, op, None, None, policy, job_id=job_id)
        await job.refresh()
        return job


def _parsed(result: Any) -> Any:
    """The model of a call's result, whether it came as the model or (with_raw_response) as an APIResponse."""
    return result.parse() if isinstance(result, APIResponse) else result


async def _run(hook: Callable[[Any], object], value: Any) -> None:
    """Run a hook of AsyncCCAPI's: a plain function, or a coroutine function, awaited."""
    outcome = hook(value)
    if inspect.isawaitable(outcome):
        await outcome


def decode(op: Operation[Any], response: httpx.Response, asynchronous: bool = False) -> Any:
    """A success body as the operation's model; APIResponseValidationError if it is not what the spec describes."""
    decoder = op.async_decode if asynchronous and op.async_decode else op.decode
    try:
        if op.kind == "media":
            from ._media import media_body

            body = media_body(response)
            if body is not None:
                return decoder(body)
        return decoder(response.json())
    except Exception as error:  # any failure to read a success body is the server's: JSON, shape or types
        raise APIResponseValidationError(response, reason=f"{type(error).__name__}: {str(error)[:300]}") from error


def _redacted(text: str, secret: str) -> str:
    return text.replace(secret, "[redacted]") if secret else text
