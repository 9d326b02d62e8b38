"""How a sandbox behaves: timings, stream shape, and the faults it injects."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from ._upstream import ModelFault

DEFAULT_API_KEY = "sk-ccapi-sandbox"


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
    """Stream exactly this many content chunks (None: one a word)."""
    stream_interval: float = 0.0
    """Seconds between two stream events."""
    absolute_poll_urls: bool = False
    """Send `poll_url` as an absolute URL rather than relative to the base URL."""
    faults: Faults = attrs.field(factory=Faults)
    catalog_models: tuple[Any, ...] | None = None
    """The catalog's models (`CatalogModel`s) in place of the built-in ones: a price changed, a model gone."""
    clock: Callable[[], float] = time.monotonic
    """Where jobs read the time; tests may pass a fake one."""
