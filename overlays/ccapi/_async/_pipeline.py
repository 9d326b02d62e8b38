"""The pipeline's I/O: every call of a client goes through its pipeline: open the call's lifecycle, build the
request, send it with retries (and with fallback models, model after model), decode the answer. What does no I/O is
`PipelineBase`'s (`ccapi._pipeline`).

- `call`: a whole answer, decoded (or the APIResponse, for with_raw_response); the call ends here.
- `open_stream`: the open response of a stream and its call, which the stream ends, and the source that paces its
  reads and (with fallback models) opens the next model's stream if it breaks.
- `open_job`: a job's first answer and its call, which the job handle ends.
- `fetch`: a request the client made itself (a media download), as a call of its own.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import httpx

from .. import _io
from .._errors import APIConnectionError, CCAPIError, status_error
from .._lifecycle import Call, Outcome
from .._openings import JobOpening, StreamOpening
from .._pipeline import DOWNLOAD, PipelineBase, _parsed, _retry_delay, _SourceBase, _status_delay
from .._requests import raw
from .._settings import CallOptions

if TYPE_CHECKING:
    from .._deadlines import Deadlines
    from .._failover import Attempt, Route
    from .._observers import CallObservers
    from .._operation import Operation
    from .._pool import SharedPool
    from .._requests import RequestTemplate
    from .._response import APIResponse
    from .._settings import ClientSettings


class AsyncPipeline(PipelineBase):
    """The pipeline of AsyncCCAPI: sends with its httpx.AsyncClient."""

    asynchronous = True  # unasync: asynchronous = False

    def __init__(
        self, settings: ClientSettings, template: RequestTemplate, pool: SharedPool, observers: CallObservers
    ) -> None:
        super().__init__(settings, template, pool, observers)
        self.http: httpx.AsyncClient = pool.http  # type: ignore[assignment]  # the client made its pool of this kind

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
        observers are told of every attempt.

        With `deadlines`, each attempt waits no longer than the call's total deadline leaves (and a stream's headers
        no longer than its first-byte deadline), and no retry starts that the total deadline would cut. With
        `silence` (when another model is there to try), an attempt that got no byte at all is not retried if it timed
        out or failed after that many seconds of silence."""
        policy = self.settings.retry_policy
        plan = policy.plan(max_retries)
        started = time.perf_counter()
        while True:
            if call is not None:
                await _io.async_settle(call.attempt(request))
            sent = time.monotonic()
            try:
                response = await _io.async_send(self.http, request, stream=stream, deadlines=deadlines)
            except RuntimeError as error:  # httpx refuses a closed client: a typed error, not a bare one
                raise APIConnectionError(request, message=f"Cannot send (is the client closed?): {error}") from None
            except httpx.TransportError as error:
                if call is not None:
                    await _io.async_settle(call.failure(self.failure(request, error)))
                delay = _retry_delay(plan, error, deadlines, silence, sent)
                if delay is None:
                    raise self.failed(request, error, started, plan.retries) from None
            except httpx.HTTPError as error:  # too many redirects, an undecodable body: not worth another try
                raise self.failed(request, error, started, plan.retries) from None
            else:
                try:
                    if call is not None:
                        await _io.async_settle(call.response(response))
                    if response.is_success:
                        self.arrived(request, response, started, plan.retries)
                        return response, plan.retries
                    delay = _status_delay(plan, response, deadlines)
                    if delay is None:
                        self.arrived(request, response, started, plan.retries)
                        await self._read_refusal(response, request, started, plan.retries)
                        refused = status_error(response)
                        if call is not None:
                            await _io.async_settle(call.failure(refused))
                        raise refused
                except BaseException:
                    await response.aclose()  # an error answer, or a hook that raised: give the connection back
                    raise
                await response.aclose()  # release the connection before waiting
            await policy.async_sleep(delay)

    async def _read_refusal(
        self, response: httpx.Response, request: httpx.Request, started: float, retries: int
    ) -> None:
        """Read an error answer's body (to type the error), or the typed error of a transport that failed meanwhile."""
        try:
            await response.aread()
        except httpx.HTTPError as error:
            raise self.failed(request, error, started, retries) from None

    async def _start(
        self, op: Operation[Any], path: str, query: Any, body: Any, options: CallOptions, *, streaming: bool = False
    ) -> tuple[Call, httpx.Request]:
        """Open the call's lifecycle (what its observers need first, then their trackers) and build its request."""
        call = self.begin(op, body, options, streaming=streaming)
        for preparer in self._preparers:
            needed = preparer.prepare(call)
            if needed is not None:
                await _io.async_settle(needed(self))
        call.open(self.observers)
        try:
            return call, self.request_for(call, path, query, options)
        except BaseException as error:
            call.end(Outcome.ERROR, error)
            raise

    async def call(self, op: Operation[Any], path: str, query: Any, body: Any, options: CallOptions) -> Any:
        """Carry out an operation; its decoded result (or APIResponse, for with_raw_response). With fallback models,
        a model that fails is followed by the next, within the one call."""
        if self.plain(op, options):
            return await self._plain_call(op, path, query, body, options)
        call, request = await self._start(op, path, query, body, options)
        try:
            route = self.route(call, options, stream=False)
            result, _, _ = await self.served(call, route, request, path, query, options, stream=False)
        except BaseException as error:
            call.end(Outcome.ERROR, error)
            raise
        call.end(Outcome.RESULT, _parsed(result))
        return result

    async def _plain_call(self, op: Operation[Any], path: str, query: Any, body: Any, options: CallOptions) -> Any:
        """A call that pays for nothing it does not use (`plain`): one request, sent with the retry policy, and its
        spend recorded from its result. Its Call has no tracker to tell, and ends here, once."""
        call = self.begin(op, body, options)
        try:
            request = self.request_for(call, path, query, options)
            response, retries = await self.send(request, options.max_retries)
        except BaseException as error:
            call.end(Outcome.ERROR, error)
            raise
        try:
            result = self.result(call, response, retries, options)
        except BaseException as error:
            self.spending.record(call, None)  # served, but its usage is never known: its worst case
            call.end(Outcome.ERROR, error)
            raise
        self.spending.record(call, _parsed(result))
        call.end(Outcome.RESULT)
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
        """Send the call model after model, as its route allows, until one answers: the result (for a stream, its
        open response), the response, and the attempt that served. `request` is the first attempt's, if built."""
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
    ) -> StreamOpening[AsyncStreamSource]:
        """Open a server-sent event stream; errors before the first byte are retried as any other (and with fallback
        models, go on with the next). The caller hands the opening to its stream, which ends the call; the source
        paces the stream's reads and, with fallback models, opens the next model's stream if this one breaks."""
        call, request = await self._start(op, path, query, body, options, streaming=True)
        try:
            route = self.route(call, options, stream=True)
            response, _, attempt = await self.served(call, route, request, path, query, options, stream=True)
        except BaseException as error:
            call.end(Outcome.ERROR, error)
            raise
        # Every stream is paced: its idle deadline counts complete events, not bytes (keep-alive comments, a line that
        # never ends).
        source = AsyncStreamSource(self, call, route, attempt, path, query, options)
        return StreamOpening(response, call, op.event, source)

    async def fetch(self, request: httpx.Request, max_retries: int | None, *, stream: bool = False) -> httpx.Response:
        """Send a request the client made itself (a media download) as a call of its own; its success response."""
        call = self.begin(DOWNLOAD, None, CallOptions())
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
    ) -> JobOpening[AsyncPipeline]:
        """Start a job: its first answer (raw), and its call, which the job handle ends when the job does."""
        call, request = await self._start(op, path, query, body, options)
        try:
            response, retries = await self.send(request, options.max_retries, call)
            call.answered()
            first: APIResponse[Any] = self.result(call, response, retries, raw(options))
            call.item(first.parse())
        except BaseException as error:
            call.end(Outcome.ERROR, error)
            raise
        return JobOpening(op, first, call, self)


class AsyncStreamSource(_SourceBase):
    """What a stream needs of its call beyond its first response: the pace of its reads, and, if it breaks, the next
    model's stream (from scratch)."""

    pipeline: AsyncPipeline

    async def restart(self, error: BaseException) -> httpx.Response | None:
        """After this attempt's stream failed with `error`: the next model's stream, or None to end with `error`."""
        if not self.route.moves_on(self.attempt, error):
            return None
        _, response, self.attempt = await self.pipeline.served(
            self.call, self.route, None, self.path, self.query, self.options, stream=True
        )
        return response
