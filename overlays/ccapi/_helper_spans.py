"""Spans around what the chat helpers do over several calls: a whole `parse` (its repairs are calls beneath it), a
tool runner's steps, and each tool it runs (GenAI `execute_tool`, `gen_ai.tool.name`). Made only where the client
traces and OpenTelemetry is installed and set up, as the calls' own spans (`_telemetry`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from opentelemetry.trace import Span

    from ._settings import ClientSettings


@contextmanager
def helper_span(settings: ClientSettings, name: str, attributes: dict[str, Any]) -> Iterator[Span | None]:
    """A current span for the block (so that the calls made in it are its children), or None when not tracing."""
    tracer = _tracer(settings)
    if tracer is None:
        yield None
        return
    with tracer.start_as_current_span(name, attributes=attributes) as span:
        yield span


def tool_span(settings: ClientSettings, tool: str, call_id: str) -> Any:
    """The `execute_tool` span of one tool call."""
    attributes = {
        "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": tool, "gen_ai.tool.call.id": call_id,
        "gen_ai.tool.type": "function",
    }  # fmt: skip
    return helper_span(settings, f"execute_tool {tool}", attributes)


def _tracer(settings: ClientSettings) -> Any:
    if not settings.tracing:
        return None
    from ._telemetry import configured, instruments

    providers = (settings.tracer_provider, settings.meter_provider)
    found = instruments(*providers)
    if found is None or (providers == (None, None) and not configured()):
        return None
    return found.tracer
