"""OpenTelemetry traces and metrics of calls, after the GenAI semantic conventions, as an observer of each call's
lifecycle: one client span a call (its retries as events), a stream's span ending with the stream (without an
error status when the caller leaves it early: that is the caller's choice, not a failure), a job's span ending when
the job is seen to end or is abandoned, and the `gen_ai.client.operation.duration` and `gen_ai.client.token.usage`
histograms.

Only when opentelemetry-api is installed (the `otel` extra), imported on the first call, and recording only where
the application has set a tracer or meter provider (otherwise the API's no-op objects). Spans carry no header, so
never the key; the messages sent and received only with `trace_content=True`.
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Any

from ._lifecycle import Outcome, Tracker
from ._version import __version__

if TYPE_CHECKING:
    from collections.abc import Mapping

    import httpx
    from opentelemetry.metrics import Histogram
    from opentelemetry.trace import Span, Tracer

    from ._lifecycle import Call
    from ._operation import Operation

SCOPE = "ccapi"
PROVIDER = "ccapi"
"""`gen_ai.provider.name` until the answer names the provider that served (`openai`, ...)."""


class Instruments:
    """The tracer and the two histograms, from the providers given to the client, else the application's global
    ones."""

    def __init__(self, tracer_provider: Any = None, meter_provider: Any = None) -> None:
        from opentelemetry import metrics, trace

        self.tracer: Tracer = trace.get_tracer(SCOPE, __version__, tracer_provider=tracer_provider)
        meter = metrics.get_meter(SCOPE, __version__, meter_provider=meter_provider)
        self.duration: Histogram = meter.create_histogram(
            "gen_ai.client.operation.duration", unit="s", description="GenAI operation duration"
        )
        self.tokens: Histogram = meter.create_histogram(
            "gen_ai.client.token.usage", unit="{token}", description="Number of input and output tokens used"
        )


_instruments: dict[tuple[int, int], Instruments] = {}
_available: bool | None = None


def instruments(tracer_provider: Any = None, meter_provider: Any = None) -> Instruments | None:
    """The instruments for these providers (None: the global ones), or None where opentelemetry-api is not
    installed (looked up once)."""
    global _available
    if _available is None:
        import importlib.util

        _available = importlib.util.find_spec("opentelemetry") is not None
    if not _available:
        return None
    key = (id(tracer_provider), id(meter_provider))
    found = _instruments.get(key)
    if found is None:
        found = _instruments[key] = Instruments(tracer_provider, meter_provider)
    return found


def _attempt_model(request: Any) -> str | None:
    """The model an attempt's JSON body names, if it names one."""
    content = getattr(request, "content", b"")
    if not content or b'"model"' not in content:
        return None
    try:
        model = json.loads(content).get("model")
    except (ValueError, AttributeError):
        return None
    return model if isinstance(model, str) else None


def _request_model(op: Operation[Any], body: Mapping[str, Any] | None) -> str | None:
    if op.cost is None or not isinstance(body, dict):
        return None
    for where in op.cost.models:
        value = body.get(where)
        if isinstance(value, str):
            return value
        if isinstance(value, list) and value and isinstance(value[0], str):
            return value[0]  # failover: the first model asked for
    return None


class CallSpan(Tracker):
    """One call's span, and its measurements when it ends."""

    __slots__ = ("_attempts", "_capture", "_ended", "_finish_reasons", "_first_chunk", "_instruments", "_last",
                 "_recording", "_started", "_stream", "attributes", "span")  # fmt: skip

    def __init__(
        self, found: Instruments, op: Operation[Any], body: Any, server: httpx.URL, capture_content: bool
    ) -> None:
        from opentelemetry.trace import SpanKind

        self._attempts = 0
        self._last = ""
        self._stream = op.kind == "stream"
        self._instruments = found
        self._capture = capture_content
        self._started = time.perf_counter()
        self._first_chunk: float | None = None
        self._finish_reasons: list[str] = []
        self._ended = False
        operation = op.genai_operation
        model = _request_model(op, body)
        self.attributes: dict[str, Any] = {"server.address": server.host}
        if server.port is not None:
            self.attributes["server.port"] = server.port
        if operation is not None:
            self.attributes["gen_ai.operation.name"] = operation
            self.attributes["gen_ai.provider.name"] = PROVIDER
            if model is not None:
                self.attributes["gen_ai.request.model"] = model
            name = f"{operation} {model}" if model else operation
        else:
            name = f"{op.method} {op.path}"
        self.span: Span = found.tracer.start_span(
            name, kind=SpanKind.CLIENT, attributes={**self.attributes, "ccapi.operation_id": op.operation_id}
        )
        self._recording = self.span.is_recording()
        if self._recording and capture_content and op.cost is not None and op.cost.prompt and isinstance(body, dict):
            self.span.set_attribute("gen_ai.input.messages", json.dumps(body.get(op.cost.prompt[0]), default=str))
        for key, limit in (("max_tokens", "gen_ai.request.max_tokens"), ("temperature", "gen_ai.request.temperature"),
                           ("top_p", "gen_ai.request.top_p"), ("seed", "gen_ai.request.seed")):  # fmt: skip
            if self._recording and isinstance(body, dict) and isinstance(body.get(key), int | float):
                self.span.set_attribute(limit, body[key])

    def attempt(self, request: Any) -> None:
        self._attempts += 1
        if self._attempts > 1:
            event: dict[str, Any] = {"ccapi.retry.attempt": self._attempts - 1, "ccapi.retry.reason": self._last}
            model = _attempt_model(request)
            if model is not None:  # with fallback models, the model this attempt asks
                event["ccapi.retry.model"] = model
            self.span.add_event("retry", event)

    def response(self, response: httpx.Response) -> None:
        self._last = f"status {response.status_code}"
        request_id = response.headers.get("x-request-id")
        if request_id and self._recording:
            self.span.set_attribute("ccapi.request_id", request_id)

    def failure(self, error: BaseException) -> None:
        self._last = type(error).__name__

    def item(self, value: Any) -> None:
        if self._stream:
            self.chunk(value)
        else:  # a job's latest look
            self._describe(value)
            status = getattr(value, "status", None)
            if status is not None and self._recording:
                self.span.set_attribute("ccapi.job_status", str(getattr(status, "value", status)))

    def end(self, outcome: Outcome | None = None, value: Any = None) -> None:
        if outcome is Outcome.ERROR:
            self.finish(error=value)
        elif outcome is Outcome.RESULT:
            self.finish(result=value)
        else:
            if outcome is Outcome.LEFT and self._recording:
                self.span.set_attribute("ccapi.left_early", True)
            self.finish()

    def chunk(self, chunk: Any) -> None:
        """A stream's chunk: the first one's time, each one's finish reasons, the usage one's tokens."""
        if self._first_chunk is None:
            self._first_chunk = time.perf_counter() - self._started
            self.span.set_attribute("gen_ai.response.time_to_first_chunk", self._first_chunk)
            self._describe(chunk)
        elif getattr(chunk, "model", None) not in (None, "", self.attributes.get("gen_ai.response.model")):
            self._describe(chunk)  # begun again on a fallback model: the response is that model's
        for choice in getattr(chunk, "choices", None) or []:
            if choice.finish_reason is not None:
                self._finish_reasons.append(str(choice.finish_reason))
        if getattr(chunk, "usage", None) is not None:
            self._usage(chunk.usage)

    def finish(self, result: Any = None, error: BaseException | None = None) -> None:
        """End the span: with the result's model, id, provider, finish reasons and usage, or with the error."""
        if self._ended:
            return
        self._ended = True
        if result is not None:
            self._describe(result)
            for choice in getattr(result, "choices", None) or []:
                if getattr(choice, "finish_reason", None) is not None:
                    self._finish_reasons.append(str(choice.finish_reason))
            if getattr(result, "usage", None) is not None:
                self._usage(result.usage)
            if self._capture and self._recording and getattr(result, "choices", None):
                messages = [choice.message.to_dict() for choice in result.choices if hasattr(choice, "message")]
                self.span.set_attribute("gen_ai.output.messages", json.dumps(messages, default=str))
        if self._finish_reasons:
            self.span.set_attribute("gen_ai.response.finish_reasons", self._finish_reasons)
        if error is not None:
            from opentelemetry.trace import StatusCode

            kind = type(error).__name__
            status = getattr(error, "status_code", None)
            self.attributes["error.type"] = str(status) if isinstance(status, int) else kind
            self.span.set_attribute("error.type", self.attributes["error.type"])
            self.span.set_status(StatusCode.ERROR, kind)
        if "gen_ai.operation.name" in self.attributes:
            self._instruments.duration.record(time.perf_counter() - self._started, self.attributes)
        self.span.end()

    def _describe(self, result: Any) -> None:
        model, provider, answer_id = (getattr(result, name, None) for name in ("model", "provider", "id"))
        if isinstance(model, str) and model:
            self.attributes["gen_ai.response.model"] = model
            self.span.set_attribute("gen_ai.response.model", model)
        if isinstance(provider, str) and provider and "gen_ai.operation.name" in self.attributes:
            self.attributes["gen_ai.provider.name"] = provider
            self.span.set_attribute("gen_ai.provider.name", provider)
        if isinstance(answer_id, str) and answer_id:
            self.span.set_attribute("gen_ai.response.id", answer_id)

    def _usage(self, usage: Any) -> None:
        for kind, count in (("input", usage.prompt_tokens), ("output", usage.completion_tokens)):
            if isinstance(count, int):
                self.span.set_attribute(f"gen_ai.usage.{kind}_tokens", count)
                if "gen_ai.operation.name" in self.attributes:
                    self._instruments.tokens.record(count, {**self.attributes, "gen_ai.token.type": kind})


_UNSET_PROVIDERS = frozenset({"ProxyTracerProvider", "NoOpTracerProvider", "_ProxyMeterProvider", "NoOpMeterProvider"})


_configured = False
_next_look = 0.0
LOOK_EVERY = 1.0
"""Seconds between looks for providers while none is set: one set later takes effect within this."""


def configured() -> bool:
    """Whether the application has set a tracer or a meter provider. Without one, spans and measurements would be
    thrown away, so calls skip making them (about 15 us a call); once one is set, it stays (OpenTelemetry allows
    one), and the looks (a few us each) stop."""
    global _configured, _next_look
    if _configured:
        return True
    now = time.monotonic()
    if now < _next_look:
        return False
    _next_look = now + LOOK_EVERY
    from opentelemetry import metrics, trace  # loaded by instruments(): a lookup in sys.modules

    _configured = (
        type(trace.get_tracer_provider()).__name__ not in _UNSET_PROVIDERS
        or type(metrics.get_meter_provider()).__name__ not in _UNSET_PROVIDERS
    )
    return _configured


def start(
    op: Operation[Any], body: Any, server: httpx.URL, capture_content: bool, providers: tuple[Any, Any]
) -> CallSpan | None:
    """A span for this call, or None when OpenTelemetry is not installed, or not set up (no provider given to the
    client, and none set globally)."""
    found = instruments(*providers)
    if found is None or (providers == (None, None) and not configured()):
        return None
    return CallSpan(found, op, body, server, capture_content)


class TracingObserver:
    """Gives each call a span, when OpenTelemetry is installed and set up (looked up once per client while it is
    not installed)."""

    def __init__(self, server: httpx.URL, capture_content: bool, providers: tuple[Any, Any]) -> None:
        self._server = server
        self._capture = capture_content
        self._providers = providers
        self._off = False

    @property
    def idle(self) -> bool:
        """Whether no call of this client can get a span (OpenTelemetry is not installed)."""
        if not self._off and instruments() is None:
            self._off = True
        return self._off

    def open(self, call: Call) -> CallSpan | None:
        if self._off:
            return None
        if instruments() is None:  # not installed: never look again
            self._off = True
            return None
        return start(call.op, call.body, self._server, self._capture, self._providers)
