"""Streams: server-sent events (parsed by `_sse`), each decoded into the typed event the spec names for the
operation (`x-ccapi-wrapper.event`): `Stream[EventT]` and `AsyncStream[EventT]`, a chat stream being
`Stream[ChatCompletionChunk]`.

A stream owns one HTTP response and always gives its connection back: at `[DONE]`, on `close()`, on leaving a
`with` block, on an exception, and when the stream is dropped unread. It holds its call's lifecycle (`_lifecycle`)
and reports to it: each event, and its end, exactly once: read to the end, failed, or left early (`break`, `close()`,
leaving `with`, never read, dropped). It does not know who listens. How it fails:

- an `{"error": ...}` event: the typed status error for the error's `type` (RateLimitError, ...);
- the connection breaking, or ending without `[DONE]`: APIConnectionError;
- no bytes for the read timeout: APITimeoutError (the read timeout is the stream's idle deadline).
"""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Generator, Iterator
from itertools import chain
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar, cast

import httpx

from ._core import close_on_running_loop
from ._errors import APIConnectionError, APIResponseValidationError, APITimeoutError, CCAPIError, stream_error
from ._lifecycle import Outcome
from ._sse import EventParser

if TYPE_CHECKING:
    from ccapi_generated.models import ChatCompletionResponse

    from ._lifecycle import Call

EventT = TypeVar("EventT")


DONE = "[DONE]"


EventDecoder = Callable[[Any], Any]
"""The operation's decoder of one event (`ChatCompletionChunk.from_dict`): the spec's `x-ccapi-wrapper` event."""


_JSON_SPACE = " \t\n\r"
_scan = json.JSONDecoder().raw_decode


def _json(data: str) -> Any:
    """`json.loads(data)`, without its checks of the argument's type and its two Python layers (a stream decodes
    thousands of events a second)."""
    data = data.strip(_JSON_SPACE)
    value, end = _scan(data)
    if end != len(data):
        raise ValueError(f"extra data after the JSON value, at {end}")
    return value


def _decode(response: httpx.Response, data: str, event: EventDecoder) -> Any:
    try:
        payload = _json(data)
    except (ValueError, RecursionError) as error:
        raise APIResponseValidationError(response, reason=f"a stream event is not JSON: {data[:200]!r}") from error
    if isinstance(payload, dict) and "error" in payload and "choices" not in payload:
        raise stream_error(response, payload["error"])
    try:
        chunk = event(payload)
    except Exception as error:  # an event of any other shape or types is the server's failure
        reason = f"a stream event does not decode: {type(error).__name__}: {str(error)[:200]}"
        raise APIResponseValidationError(response, reason=reason) from error
    return chunk


def _transport_error(response: httpx.Response, error: httpx.HTTPError) -> APIConnectionError:
    request = response.request
    if isinstance(error, httpx.TimeoutException):
        return APITimeoutError(request, message=f"The stream from {request.method} {request.url} went idle")
    return APIConnectionError(
        request, message=f"The stream from {request.method} {request.url} broke off: {type(error).__name__}"
    )


def _ended_early(response: httpx.Response) -> APIConnectionError:
    request = response.request
    return APIConnectionError(request, message=f"The stream from {request.method} {request.url} ended before [DONE]")


def _not_events(response: httpx.Response) -> APIResponseValidationError | None:
    content_type = response.headers.get("content-type", "").partition(";")[0]
    if "text/event-stream" in content_type:
        return None
    return APIResponseValidationError(
        response, reason=f"a stream's Content-Type is {content_type!r}, not text/event-stream"
    )


_END = (None,)  # after a stream's last bytes, to have the parser give what they complete


# The event loops are module functions, not methods, so that a generator holds no reference to its Stream: a
# dropped Stream is then freed at once (not at the next garbage collection) and closes its response.
def _events(response: httpx.Response, decode_event: EventDecoder, call: Call | None) -> Generator[Any, None, None]:
    outcome: Outcome = Outcome.LEFT  # unless it ends otherwise, the caller left it (a break, a close)
    value: BaseException | None = None
    try:
        if error := _not_events(response):
            raise error
        parser = EventParser()
        for block in chain(response.iter_bytes(), _END):
            for data in parser.feed(block):
                if data == DONE:
                    outcome = Outcome.COMPLETE
                    return
                if data:
                    event = _decode(response, data, decode_event)
                    if call is not None:
                        call.item(event)
                    yield event
        raise _ended_early(response)
    except httpx.HTTPError as error:  # a broken connection, an idle one, or a body that does not decode
        outcome, value = Outcome.ERROR, _transport_error(response, error)
        raise value from None
    except GeneratorExit:
        raise
    except BaseException as error:
        outcome, value = Outcome.ERROR, error
        raise
    finally:
        response.close()
        if call is not None:
            call.end(outcome, value)


async def _aevents(
    response: httpx.Response, decode_event: EventDecoder, call: Call | None
) -> AsyncGenerator[Any, None]:
    outcome: Outcome = Outcome.LEFT
    value: BaseException | None = None
    try:
        if error := _not_events(response):
            raise error
        parser = EventParser()
        blocks = response.aiter_bytes()
        while True:
            block = await anext(blocks, None)  # None: the end, when the parser gives what the last bytes complete
            for data in parser.feed(block):
                if data == DONE:
                    outcome = Outcome.COMPLETE
                    return
                if data:
                    event = _decode(response, data, decode_event)
                    if call is not None:
                        call.item(event)
                    yield event
            if block is None:
                break
        raise _ended_early(response)
    except httpx.HTTPError as error:  # a broken connection, an idle one, or a body that does not decode
        outcome, value = Outcome.ERROR, _transport_error(response, error)
        raise value from None
    except GeneratorExit:
        raise
    except BaseException as error:
        outcome, value = Outcome.ERROR, error
        raise
    finally:
        try:
            await response.aclose()
        finally:
            if call is not None:
                call.end(outcome, value)


def _identity(payload: Any) -> Any:
    return payload


def _text_of(response: httpx.Response, chunk: Any) -> str | None:
    """The first choice's new text in an event, if any: a chat chunk's `delta.content`, or a completion's `text`."""
    choices = getattr(chunk, "choices", None)
    if not choices:
        return None
    delta = getattr(choices[0], "delta", None)
    content = getattr(delta, "content", None) if delta is not None else getattr(choices[0], "text", None)
    if content is not None and not isinstance(content, str):
        reason = f"a chunk's delta.content is not text but {type(content).__name__}"
        raise APIResponseValidationError(response, reason=reason)
    return content


def _not_a_completion(response: httpx.Response, error: Exception) -> APIResponseValidationError:
    return APIResponseValidationError(response, reason=f"the chunks do not add up to a completion: {str(error)[:300]}")


class _StreamBase(Generic[EventT]):
    def __init__(self, response: httpx.Response, call: Call | None) -> None:
        self.response = response
        self._call = call
        """The HTTP response being read (status, headers)."""

    @property
    def request_id(self) -> str | None:
        """The `X-Request-Id` of the request that opened the stream."""
        request_id: str | None = self.response.headers.get("x-request-id")
        return request_id


class Stream(_StreamBase[EventT]):
    """An answer as it is written: iterate it for its typed events (ChatCompletionChunk objects, for a chat). Use
    it in a `with` block."""

    def __init__(
        self, response: httpx.Response, event: Callable[[Any], EventT] | None = None, call: Call | None = None
    ) -> None:
        super().__init__(response, call)
        self._iterator: Generator[EventT, None, None] = _events(response, event or _identity, call)

    def __iter__(self) -> Self:
        # The stream is its own iterator, so that a `for` loop keeps it (and its connection) alive to the end.
        return self

    def __next__(self) -> EventT:
        return next(self._iterator)

    def iter_text(self) -> Iterator[str]:
        """Only the text, piece by piece (of the first choice)."""
        for chunk in self._iterator:
            content = _text_of(self.response, chunk)
            if content:
                yield content

    def final_completion(self) -> ChatCompletionResponse:
        """Read the rest of the stream; return the whole answer as a ChatCompletionResponse."""
        from ._accumulate import ChatCompletionAccumulator

        accumulator = ChatCompletionAccumulator()
        try:
            for chunk in self._iterator:
                accumulator.add(cast(Any, chunk))
            return accumulator.completion()
        except CCAPIError:
            raise
        except Exception as error:  # no chunk at all, or chunks that do not add up to an answer
            raise _not_a_completion(self.response, error) from error

    def close(self) -> None:
        """Stop reading and give the connection back."""
        self._iterator.close()
        self.response.close()
        if self._call is not None:
            self._call.leave()  # closed before it was ever read: the generator never ran to say so

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def __del__(self) -> None:
        # Dropped without being read to the end or closed: give the connection back to the pool, and end the call.
        response = self.__dict__.get("response")
        if response is not None and not response.is_closed:
            response.close()
        call = self.__dict__.get("_call")
        if call is not None:
            call.leave()


class AsyncStream(_StreamBase[EventT]):
    """The async form of Stream: `async for event in stream`, in an `async with` block."""

    def __init__(
        self, response: httpx.Response, event: Callable[[Any], EventT] | None = None, call: Call | None = None
    ) -> None:
        super().__init__(response, call)
        self._iterator: AsyncGenerator[EventT, None] = _aevents(response, event or _identity, call)

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> EventT:
        return await self._iterator.__anext__()

    async def iter_text(self) -> AsyncIterator[str]:
        """Only the text, piece by piece (of the first choice)."""
        async for chunk in self._iterator:
            content = _text_of(self.response, chunk)
            if content:
                yield content

    async def final_completion(self) -> ChatCompletionResponse:
        """Read the rest of the stream; return the whole answer as a ChatCompletionResponse."""
        from ._accumulate import ChatCompletionAccumulator

        accumulator = ChatCompletionAccumulator()
        try:
            async for chunk in self._iterator:
                accumulator.add(cast(Any, chunk))
            return accumulator.completion()
        except CCAPIError:
            raise
        except Exception as error:  # no chunk at all, or chunks that do not add up to an answer
            raise _not_a_completion(self.response, error) from error

    async def close(self) -> None:
        """Stop reading and give the connection back."""
        try:
            await self._iterator.aclose()
            await self.response.aclose()
        finally:
            if self._call is not None:
                self._call.leave()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    def __del__(self) -> None:
        # Dropped unclosed: closing needs the event loop, so schedule it there if one is running.
        call = self.__dict__.get("_call")
        if call is not None:
            call.leave()
        response: Any = self.__dict__.get("response")
        if response is None or response.is_closed:
            return
        close_on_running_loop(response.aclose)
