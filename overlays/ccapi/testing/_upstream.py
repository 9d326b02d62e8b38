"""Upstream faults: one chat model misbehaving the way real providers do, while the others answer.

`Faults(models={"openai/gpt-4o": ModelFault("unavailable", seconds=60)})` makes that model answer 503 for the
minute after the faults were set, then recover; every other model is healthy. Each kind is one failure seen in the
wild: a provider that never answers, a connection reset before the headers, a stream cut or stalled mid-way, a
stream that ends without `[DONE]`, an event that does not decode, a slow first token, an outage, a rate limit, a
prompt too long for the model, a content-filter refusal. `first=N` limits a fault to the first N attempts at the
model (a reset once, a 500 once). What each model was asked and what it did is in `upstream_log(sandbox)`.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import struct
import threading
import time
from collections.abc import AsyncIterator, Iterable
from typing import TYPE_CHECKING, Any

import attrs
from starlette.requests import Request
from starlette.responses import Response

from ._config import ModelFault
from ._state import DeliberateDrop, error_response

if TYPE_CHECKING:
    from ._state import SandboxState

STREAM_KINDS = frozenset({"cut", "stall", "slow_first_token", "no_done", "malformed"})
MALFORMED_EVENT = (
    'data: {"id": "chatcmpl_broken", "object": "chat.completion.chunk", "choices": [{"delta": {"content": \n\n'
)


@attrs.define
class Attempt:
    """One request for a model, as the upstream saw it: when (seconds since the faults were set) and what it did."""

    t: float
    model: str
    number: int
    action: str
    last_role: str | None = None


class _Tracker:
    """Per-model attempt counts and the log, counted afresh when the faults object changes."""

    def __init__(self, faults: object) -> None:
        self.faults = faults
        self.started = time.monotonic()
        self.counts: dict[str, int] = {}
        self.log: list[Attempt] = []
        self.lock = threading.Lock()

    def now(self) -> float:
        return round(time.monotonic() - self.started, 4)


def _tracker(state: SandboxState) -> _Tracker:
    faults = state.config.faults
    tracker: _Tracker | None = getattr(state, "_upstream_tracker", None)
    if tracker is None or tracker.faults is not faults:
        tracker = _Tracker(faults)
        state._upstream_tracker = tracker  # type: ignore[attr-defined]
    return tracker


def upstream_log(sandbox: Any) -> list[Attempt]:
    """Every chat request since the faults were last set, oldest first: `sandbox` is a SandboxServer or its state."""
    state = getattr(sandbox, "state", sandbox)
    return list(_tracker(state).log)


def _fault(state: SandboxState, model_id: str) -> ModelFault | None:
    models = getattr(state.config.faults, "models", None) or {}
    fault: ModelFault | None = models.get(model_id)
    return fault


def _active(fault: ModelFault, number: int, tracker: _Tracker) -> bool:
    if fault.first is not None and number > fault.first:
        return False
    if fault.kind in ("unavailable", "server_error") and fault.seconds > 0:
        return tracker.now() < fault.seconds
    return True


def unavailable(state: SandboxState, model_id: str) -> bool:
    """Whether the gateway's own failover (`models=[...]`) should pass this model by: it is in an outage now."""
    fault = _fault(state, model_id)
    if fault is None or fault.kind != "unavailable":
        return False
    tracker = _tracker(state)
    return _active(fault, tracker.counts.get(model_id, 0) + 1, tracker)


class Plan:
    """What the upstream does with one request for one model."""

    def __init__(self, fault: ModelFault | None, entry: Attempt) -> None:
        self.fault = fault
        self.entry = entry

    async def early(self, request: Request, state: SandboxState, stream: bool) -> Response | None:
        """A response (or a reset, or silence) instead of the answer; None to answer."""
        fault, entry = self.fault, self.entry
        if fault is None:
            return None
        kind = fault.kind
        if kind == "silent":
            entry.action = "silent"
            await _silence(request, fault.seconds or 300.0)
            return Response(status_code=504)  # after the client has gone: nobody reads it
        if kind == "reset":
            entry.action = "reset"
            _reset(request)
            return Response(status_code=500)  # where the connection could not be reset
        if kind in ("unavailable", "server_error"):
            status = fault.status or (503 if kind == "unavailable" else 500)
            entry.action = str(status)
            message = "The upstream provider is overloaded; try again later"
            return error_response(status, message, "api_error", "upstream_unavailable")
        if kind == "rate_limited":
            entry.action = "429"
            headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else None
            return error_response(
                429, f"Rate limit reached for {entry.model}", "rate_limit_error", "rate_limited", headers=headers
            )
        if kind == "context_length_exceeded":
            entry.action = "400 context_length_exceeded"
            message = f"{entry.model} accepts 8192 tokens; these messages have 9631. Shorten them or pick another model"
            return error_response(400, message, "invalid_request_error", "context_length_exceeded")
        if kind == "content_filter":
            entry.action = "400 content_policy_violation"
            message = "The request was refused by the provider's safety system"
            return error_response(400, message, "invalid_request_error", "content_policy_violation")
        if not stream:
            return None  # the stream kinds leave a plain answer alone
        entry.action = kind
        return None

    def shaped(self, events: AsyncIterator[str]) -> AsyncIterator[str]:
        """The stream's SSE text as this fault shapes it."""
        if self.fault is None or self.fault.kind not in STREAM_KINDS:
            return events
        return _shape(self.fault, events)


async def _shape(fault: ModelFault, events: AsyncIterator[str]) -> AsyncIterator[str]:
    index = 0
    async for event in events:
        if index == 0 and fault.kind == "slow_first_token":
            await asyncio.sleep(fault.seconds)
        if index == fault.after and fault.kind == "cut":
            raise DeliberateDrop
        if index == fault.after and fault.kind == "stall":
            await asyncio.sleep(fault.seconds)
            raise DeliberateDrop
        if index == fault.after and fault.kind == "malformed":
            yield MALFORMED_EVENT
        if fault.kind == "no_done" and event.startswith("data: [DONE]"):
            return
        yield event
        index += 1


def plan(state: SandboxState, model_id: str, messages: Iterable[dict[str, Any]] = ()) -> Plan:
    """Count this attempt at `model_id`, log it, and say what the upstream does with it."""
    tracker = _tracker(state)
    fault = _fault(state, model_id)
    with tracker.lock:
        number = tracker.counts.get(model_id, 0) + 1
        tracker.counts[model_id] = number
        roles = [message.get("role") for message in messages]
        entry = Attempt(tracker.now(), model_id, number, "200", roles[-1] if roles else None)
        tracker.log.append(entry)
    return Plan(fault if fault is not None and _active(fault, number, tracker) else None, entry)


async def _silence(request: Request, seconds: float) -> None:
    """Wait `seconds`, or until the client hangs up."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if await request.is_disconnected():
            return
        await asyncio.sleep(0.05)


def _reset(request: Request) -> None:
    """Abort this request's connection with a TCP RST (SO_LINGER 0), when the server lets us find it."""
    connections = getattr(request.app.state, "connections", None)
    client = request.scope.get("client")
    for connection in list(connections() if connections else ()):
        if getattr(connection, "client", None) != (tuple(client) if client else None):
            continue
        transport = getattr(connection, "transport", None)
        sock = transport.get_extra_info("socket") if transport is not None else None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        if transport is not None:
            transport.abort()
        return
