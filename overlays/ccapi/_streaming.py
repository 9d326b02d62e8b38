"""Streams: server-sent events (parsed by `_sse`), each decoded into the typed event the spec names for the
operation (`x-ccapi-wrapper.event`): `Stream[EventT]` and `AsyncStream[EventT]`, a chat stream being
`Stream[ChatCompletionChunk]`.

A stream owns one HTTP response and always gives its connection back: at `[DONE]`, on `close()`, on leaving a
`with` block, on an exception, and when the stream is dropped unread. It holds its call's lifecycle (`_lifecycle`)
and reports to it: each event, and its end, exactly once: read to the end, failed, or left early (`break`, `close()`,
leaving `with`, never read, dropped). It does not know who listens. How it fails:

- an `{"error": ...}` event: the typed status error for the error's `type` (RateLimitError, ...);
- the connection breaking, or ending before a finish reason (and without `[DONE]`): APIConnectionError. A stream
  that ends after every choice's finish reason is complete, with or without `[DONE]`;
- no complete event for the read timeout: APITimeoutError (the read timeout is the stream's idle deadline; it counts
  events, not bytes, so keep-alive comments or a line that never ends do not hold it open).

A stream has one reader at a time: another thread (or task) reading at once gets StreamInUseError. `close()` from
any thread ends the stream and its call; a reader on another thread then ends quietly, its connection shut.

`iter_text()` never repeats text after a restart on a fallback model (below): it raises StreamRestartedError, which
hands over the stream to read the new answer from its start; with `hold_until_complete=True` it holds text back
until an attempt is known good (its finish reason seen), so only the answer that served is given.

An event that does not decode is skipped, counted (`skipped_events`) and logged; `final_completion()` refuses
(SkippedEventsError) when one was skipped before the finish reason, since text may be missing.

With fallback models (see `_failover`), a stream that breaks, stalls or sends no first event in time begins again
from scratch on the next model: `restarts` says so, one entry each time, and the events after a restart are the
whole answer of the model that serves it (the events before it are not part of the answer).

This module holds what both streams share, none of it I/O; the streams themselves are `_async._streaming` (the
source) and `_sync._streaming` (rewritten from it).
"""

from __future__ import annotations

import json
import json.scanner
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import httpx

from ._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    SkippedEventsError,
    redacted,
    stream_error,
)

if TYPE_CHECKING:
    from ccapi_generated.models import ChatCompletionResponse

    from ._deadlines import Pace
    from ._failover import Restart
    from ._lifecycle import Call

EventT = TypeVar("EventT")
_log = logging.getLogger("ccapi")


DONE = "[DONE]"


EventDecoder = Callable[[Any], Any]
"""The operation's decoder of one event (`ChatCompletionChunk.from_dict`): the spec's `x-ccapi-wrapper` event."""


# The scanner json.loads ends in (C, where it is built), called as it is: json.loads first checks its argument's
# type, matches whitespace twice with a regular expression and goes through two Python layers (JSONDecoder.decode,
# .raw_decode), and a stream decodes thousands of events a second.
_scan_once = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[arg-type]  # typeshed mistypes its context


def _json(data: str) -> Any:
    """`json.loads(data)`: the same value, or the same ValueError (a JSONDecodeError)."""
    try:
        value, end = _scan_once(data, 0)
    except (ValueError, StopIteration):  # not JSON, or perhaps leading whitespace: see below
        end = -1
    if end == len(data):
        return value
    return json.loads(data)  # around the value, whitespace (which it allows), or else its error


_SKIPPED = object()


def _decode(response: httpx.Response, data: str, event: EventDecoder, state: _State) -> Any:
    """The event `data` holds, or _SKIPPED for one that does not decode (counted and logged); an error event raises
    its typed error."""
    try:  # `_json`, written in place: one Python frame an event, not three
        payload, end = _scan_once(data, 0)
    except (ValueError, StopIteration, RecursionError):
        end = -1
    if end != len(data):
        try:
            payload = _json(data)
        except (ValueError, RecursionError):
            return state.skip(response, data, "not JSON")
    if type(payload) is dict and "error" in payload and "choices" not in payload:
        raise stream_error(response, payload["error"])
    try:
        return event(payload)
    except Exception as error:  # an event of any other shape or types: the server's, skipped as the same
        return state.skip(response, data, f"{type(error).__name__}: {str(error)[:100]}")


def _transport_error(response: httpx.Response, error: BaseException, pace: Pace | None = None) -> APIConnectionError:
    request = response.request
    if isinstance(error, httpx.TimeoutException | TimeoutError):
        how = pace.describe() if pace is not None else "went idle"
        return APITimeoutError(request, message=f"The stream from {request.method} {request.url} {how}")
    return APIConnectionError(
        request, message=f"The stream from {request.method} {request.url} broke off: {type(error).__name__}"
    )


def _ended_early(response: httpx.Response) -> APIConnectionError:
    request = response.request
    return APIConnectionError(
        request, message=f"The stream from {request.method} {request.url} ended before its finish reason"
    )


class _State:
    """What a stream's event loop and the stream share (the loop holds no reference to its Stream): the response
    being read, what was skipped, whether the answer finished, and the restarts on other models."""

    __slots__ = (
        "can_restart", "closing", "finished", "open_choices", "response", "restarts", "skipped",
        "skipped_before_finish",
    )  # fmt: skip

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self.skipped = 0
        self.restarts: list[Restart] = []
        self.can_restart = False
        """Whether the stream may begin again on another model (it has fallback models)."""
        self.closing = False
        """Closed by the caller while another thread (or task) was reading it: that reader ends, quietly."""
        self.begin()

    def begin(self) -> None:
        """A new attempt: nothing of it seen yet."""
        self.finished = False
        self.open_choices: set[int] = set()
        self.skipped_before_finish = 0

    def skip(self, response: httpx.Response, data: str, why: str) -> object:
        self.skipped += 1
        if not self.finished:
            self.skipped_before_finish += 1
        request = response.request
        _log.warning(
            "skipped an event that does not decode (%s) in the stream from %s %s: %r",
            why, request.method, request.url, redacted(data[:200], request),
        )  # fmt: skip
        return _SKIPPED

    def saw(self, event: Any) -> None:
        """Follow each choice to its finish reason: the answer is finished when every choice it began has one."""
        choices = getattr(event, "choices", None)
        if not choices:  # nothing to follow (and `finished` stays as true as it was: no choice is open)
            return
        open_choices = self.open_choices
        for choice in choices:
            try:  # a typed choice (read directly: a stream does this for every event)
                index, finish_reason = choice.index, choice.finish_reason
            except AttributeError:
                index, finish_reason = getattr(choice, "index", 0), getattr(choice, "finish_reason", None)
            if finish_reason:
                open_choices.discard(index)
                self.finished = True
            else:
                open_choices.add(index if isinstance(index, int) else 0)
        if open_choices:
            self.finished = False


def _restart(state: _State, error: BaseException, delivered: int, model: str, response: httpx.Response) -> None:
    from ._failover import Restart

    state.restarts.append(Restart(model, _model_of(response), error, delivered))
    _log.warning(
        "the stream from %s broke (%s) after %d events; it begins again from scratch with %s",
        model or "its model", type(error).__name__, delivered, _model_of(response) or "the next model",
    )  # fmt: skip
    state.response = response
    state.begin()


def _interrupt(response: httpx.Response) -> None:
    """Wake whoever waits on the response's connection (another thread reading the stream): its socket shut down, the
    read returns at once and the reader, seeing the stream closed, ends. Without a socket to reach (a transport that
    has none), the reader ends at its next bytes."""
    stream = response.extensions.get("network_stream")
    get_extra_info = getattr(stream, "get_extra_info", None)
    if get_extra_info is None:
        return
    try:
        sock = get_extra_info("socket")
        if sock is not None:
            import socket

            if isinstance(sock, socket.socket):  # the plain socket's shutdown: a TLS socket's would drop its TLS state
                socket.socket.shutdown(sock, socket.SHUT_RDWR)  # under the reader's feet
            else:
                sock.shutdown(socket.SHUT_RDWR)
    except Exception:  # already closed, or a transport that will not say: the reader ends at its next bytes
        _log.debug("could not shut down the connection of a stream closed from another thread", exc_info=True)


def _not_events(response: httpx.Response) -> APIResponseValidationError | None:
    content_type = response.headers.get("content-type", "").partition(";")[0]
    if "text/event-stream" in content_type:
        return None
    return APIResponseValidationError(
        response, reason=f"a stream's Content-Type is {content_type!r}, not text/event-stream"
    )


_END = (None,)  # after a stream's last bytes, to have the parser give what they complete


def _model_of(response: httpx.Response) -> str:
    """The model an attempt's request named (for the record of a restart)."""
    try:
        body = json.loads(response.request.content or b"{}")
    except ValueError:
        return ""
    model = body.get("model") if isinstance(body, dict) else None
    return model if isinstance(model, str) else ""


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
        self._state = _State(response)
        self._call = call

    @property
    def response(self) -> httpx.Response:
        """The HTTP response being read (status, headers): after a restart, the one of the model now answering."""
        return self._state.response

    @property
    def request_id(self) -> str | None:
        """The `X-Request-Id` of the request that opened the stream (after a restart, the one now answering)."""
        request_id: str | None = self.response.headers.get("x-request-id")
        return request_id

    @property
    def restarts(self) -> list[Restart]:
        """Each time the stream broke (or stalled, or sent no first event in time) and began again from scratch on
        the next fallback model: the events after the last restart are the whole answer; those before are not."""
        return self._state.restarts

    @property
    def skipped_events(self) -> int:
        """Events that did not decode and were skipped (each logged)."""
        return self._state.skipped

    def _completion(self, accumulator: Any) -> ChatCompletionResponse:
        state = self._state
        if state.skipped_before_finish:
            raise SkippedEventsError(self.response, skipped=state.skipped_before_finish)
        return accumulator.completion()  # type: ignore[no-any-return]
