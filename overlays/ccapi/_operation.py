"""The contract between the runtime and the code generated from the spec: what an operation is (its method, path and
decoders), the wrapper its answer goes to (`x-ccapi-wrapper`), how it is followed when it is a job, and how the
catalog prices it (`x-ccapi-cost`).

The generated `ccapi_generated.resources._operations` builds one `Operation` per operation of the spec from these
classes; the runtime reads them and never imports generated code. Nothing here does I/O or imports another module
of the package.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")

Parts = tuple[str, dict[str, Any] | None, dict[str, Any] | None]
"""What a generated builder gives: the path (parameters filled in), the query, and the JSON body."""


@dataclass(frozen=True, slots=True)
class Polling:
    """How a job-returning operation's job is followed (`x-ccapi-wrapper` of kind `job`)."""

    poll: Operation[Any]
    """The operation that looks at the job, by its id."""
    final_statuses: frozenset[str]
    failed_status: str


IMAGE_PART_TOKENS = 3000
"""What an estimate counts for each image part of a prompt (`x-ccapi-cost.image-tokens` overrides it): more than a
high-detail image costs on the catalog's models (OpenAI's tiles top out near 1,500 tokens, Anthropic's images near
1,600, Gemini's at 258 a tile), so that a budget holds whatever the image."""


@dataclass(frozen=True, slots=True)
class Cost:
    """How the catalog's pricing applies to an operation's result (`x-ccapi-cost`), and the request fields that an
    estimate made before sending reads (dotted paths into the request body)."""

    by: str
    """`tokens`, `images` or `seconds`."""
    models: tuple[str, ...]
    prompt: tuple[str, ...] = ()
    """Every request field that is input to the model (messages, tools, schemas): counted by its JSON's bytes."""
    count: str | None = None
    text: str | None = None
    speed: str | None = None
    usage_option: str | None = None
    max_output: tuple[str, ...] = ()
    declared: frozenset[str] = frozenset()
    """The request fields the spec declares: any other field sent (through `extra_body`) counts as input too."""
    image_tokens: int = IMAGE_PART_TOKENS
    """What each image part (`{"type": "image_url", ...}`) of the input counts, in place of its bytes."""


@dataclass(frozen=True, slots=True)
class Fallback:
    """How the client sends an operation's request again to another model (`x-ccapi-failover`)."""

    model: str
    """The request field that names the one model: a fallback attempt sets it to the fallback."""
    drop: tuple[str, ...] = ()
    """The fields a fallback attempt leaves out (the gateway's own list of models)."""


@dataclass(frozen=True, slots=True)
class Operation(Generic[T]):
    """One operation: its method and path, the decoder of its success body, and the wrapper its answer goes to."""

    operation_id: str
    method: str
    path: str
    decode: Callable[[Any], T]
    kind: str | None = None
    """`stream`, `job`, `page`, `media` (`x-ccapi-wrapper`), or None for a plain answer."""
    event: Callable[[Any], Any] | None = None
    """For a stream: the decoder of one event."""
    job: Polling | None = None
    async_decode: Callable[[Any], T] | None = None
    """For AsyncCCAPI, where it differs (a media result whose methods are awaited)."""
    cost: Cost | None = None
    """How the catalog prices its result, if it does (`x-ccapi-cost`)."""
    genai_operation: str | None = None
    """Its OpenTelemetry `gen_ai.operation.name` (`x-ccapi-genai-operation`), if it calls a model."""
    read_body: Callable[[Any], Any] | None = None
    """Reads a success response (an `httpx.Response`) into what `decode` takes, where it is not always JSON (a media
    answer may be the media itself); None or a None result: the body's JSON."""
    adopt: Callable[[Any, Any], None] | None = None
    """Given each decoded result and the pipeline that fetched it (a media result keeps it, to fetch its bytes)."""
    fallback: Fallback | None = None
    """How a call goes on with another model when its own fails (`x-ccapi-failover`), if it can."""


_published: list[Operation[Any]] = []
_error_statuses: dict[str, int] = {}


def publish(*operations: Operation[Any], error_statuses: dict[str, int] | None = None) -> None:
    """Make the spec's operations known to the runtime (the generated module does, when it is imported), and the
    HTTP status each known error `type` stands for (`x-ccapi-statuses` of ErrorType)."""
    _published.extend(op for op in operations if op not in _published)
    _error_statuses.update(error_statuses or {})


def error_status(error_type: str) -> int | None:
    """The HTTP status an error `type` stands for, if the spec says."""
    return _error_statuses.get(error_type)


def published() -> tuple[Operation[Any], ...]:
    """The spec's operations, as published by the generated code."""
    return tuple(_published)
