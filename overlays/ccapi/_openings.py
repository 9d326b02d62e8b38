"""The contract between the pipeline and the generated layer, as types: what the pipeline hands over when a call
opens a wrapper, one type per wrapper kind. The generated resources pass it to the wrapper the spec names
(`x-ccapi-wrapper`: `Stream.opened`, `Job.opened`), so neither side builds the other's objects from loose parts.

Plain slotted classes, not dataclasses: one is made for every stream or job, and a dataclass costs start-up time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    import httpx

    from ._lifecycle import Call
    from ._operation import Operation
    from ._response import APIResponse

SourceT = TypeVar("SourceT", covariant=True)
CallerT = TypeVar("CallerT", covariant=True)


class StreamOpening(Generic[SourceT]):
    """An open stream: its first response, the call it ends, how to decode each event (None: as JSON), and (with
    fallback models or a total deadline) the source that paces its reads and opens the next model's stream if it
    breaks."""

    __slots__ = ("call", "event", "response", "source")

    def __init__(
        self, response: httpx.Response, call: Call, event: Callable[[Any], Any] | None, source: SourceT | None
    ) -> None:
        self.response = response
        self.call = call
        self.event = event
        self.source = source


class JobOpening(Generic[CallerT]):
    """A started job: its operation, its first answer (raw, for the headers of the next poll), the call its handle
    ends, and what polls it (the client's pipeline)."""

    __slots__ = ("call", "caller", "first", "op")

    def __init__(self, op: Operation[Any], first: APIResponse[Any], call: Call, caller: CallerT) -> None:
        self.op = op
        self.first = first
        self.call = call
        self.caller = caller
