"""How a sandbox behaves: timings, stream shape, and the faults it injects."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any, Literal

import attrs

DEFAULT_API_KEY = "sk-ccapi-sandbox"

FaultKind = Literal[
    "silent",
    "reset",
    "cut",
    "stall",
    "slow_first_token",
    "no_done",
    "malformed",
    "unavailable",
    "rate_limited",
    "server_error",
    "context_length_exceeded",
    "content_filter",
]
KINDS: frozenset[str] = frozenset(FaultKind.__args__)  # type: ignore[attr-defined]


@attrs.frozen
class ModelFault:
    """How one model misbehaves.

    - `silent`: accept the request and never answer (for `seconds`, or until the client hangs up);
    - `reset`: reset the TCP connection before any byte of the response;
    - `cut`: close the connection after `after` stream events, with no terminating chunk;
    - `stall`: after `after` stream events, keep the connection open and silent for `seconds`, then close it;
    - `slow_first_token`: send the headers at once and the first event after `seconds`;
    - `no_done`: a complete stream (finish reason and usage) that ends without `data: [DONE]`;
    - `malformed`: an undecodable event after `after` events; the stream otherwise completes;
    - `unavailable`, `server_error`: 503 (`status`, for server_error 500) for `seconds` after the faults were set (0:
      for ever), then healthy: an outage, or a model that flaps;
    - `rate_limited`: 429, with `Retry-After: retry_after` when it is set;
    - `context_length_exceeded`: 400 with that code; `content_filter`: 400 `content_policy_violation`.

    The stream kinds apply to streamed answers only. `first`: only the first N attempts at this model misbehave.
    """

    kind: FaultKind
    seconds: float = 0.0
    after: int = 0
    first: int | None = None
    status: int | None = None
    retry_after: int | None = None

    def __attrs_post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {sorted(KINDS)}, not {self.kind!r}")


@attrs.frozen
class Faults:
    """Failures to inject. Assign a new `Faults` to `SandboxConfig.faults` to start counting afresh."""

    latency: float = 0.0
    """Seconds added before every API response."""
    rate_limit_first: int = 0
    """Answer the first N API requests with 429 and `Retry-After`."""
    retry_after: int = 1
    """The `Retry-After` seconds sent with those 429s."""
    error_status: int = 500
    """The status of an error burst (500, 502, 503, 504, or 402 for a billing error)."""
    error_count: int = 0
    """Answer the next N API requests (after any rate limiting) with `error_status`."""
    drop_stream_after: int | None = None
    """Close the connection, without `[DONE]`, after this many stream events."""
    stream_error_after: int | None = None
    """Send an `{"error": ...}` event after this many stream events, then end the stream."""
    stall_stream_after: int | None = None
    """Stop sending, keeping the connection open for `stall_seconds`, after this many stream events."""
    stall_seconds: float = 60.0
    fail_jobs: bool = False
    """Image jobs end `failed`, with an ErrorObject."""
    jobs_never_finish: bool = False
    """Image jobs stay `processing` forever."""
    unknown_extras: bool = False
    """Responses carry fields and enum values that the spec does not know yet."""
    down_models: frozenset[str] = frozenset()
    """Models that fail, so that `models=[...]` fails over to the next one."""
    models: Mapping[str, ModelFault] = attrs.field(factory=dict, hash=False)
    """Chat models that misbehave, each its own way (see `ModelFault`); the others answer."""


@attrs.define
class SandboxConfig:
    """Everything that shapes a sandbox's answers; safe to change while it runs."""

    api_key: str = attrs.field(default=DEFAULT_API_KEY, repr=False)
    job_duration: float = 1.0
    """Seconds an asynchronous image job takes from pending to completed."""
    job_retry_after: int | None = None
    """A `Retry-After` to send with job polls that are not final yet."""
    stream_chunks: int | None = None
    """Stream exactly this many content chunks of a text answer (None: one a word). JSON for a schema and tool
    arguments always come in pieces of a few characters, cut where partial parsers break."""
    stream_interval: float = 0.0
    """Seconds between two stream events."""
    absolute_poll_urls: bool = False
    """Send `poll_url` as an absolute URL rather than relative to the base URL."""
    faults: Faults = attrs.field(factory=Faults)
    catalog_models: tuple[Any, ...] | None = None
    """The catalog's models (`CatalogModel`s) in place of the built-in ones: a price changed, a model gone."""
    clock: Callable[[], float] = time.monotonic
    """Where jobs read the time; tests may pass a fake one."""
