"""OpenTelemetry spans and metrics of calls (the GenAI conventions), and the request hooks, against the sandbox with
the OpenTelemetry SDK's in-memory exporters."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from typing import Any

import ccapi
import ccapi._telemetry as telemetry
import httpx
import pytest
from ccapi.testing import Faults, SandboxServer
from opentelemetry import metrics, trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode

HELLO = [{"role": "user", "content": "A secret prompt about launch plans"}]
MODEL = "openai/gpt-4o-mini"
EXPORTER = InMemorySpanExporter()
READER = InMemoryMetricReader()
_provider = TracerProvider()
_provider.add_span_processor(SimpleSpanProcessor(EXPORTER))


@pytest.fixture(autouse=True)
def spans() -> InMemorySpanExporter:
    # The application's providers, set once for the process (OpenTelemetry allows one), emptied for each test.
    if not isinstance(trace.get_tracer_provider(), TracerProvider):
        trace.set_tracer_provider(_provider)
        metrics.set_meter_provider(MeterProvider(metric_readers=[READER]))
        telemetry._next_look = 0.0  # look now, not up to LOOK_EVERY after an earlier test's calls
    EXPORTER.clear()
    return EXPORTER


def _client(sandbox: SandboxServer, **options: Any) -> ccapi.CCAPI:
    return ccapi.CCAPI(api_key=sandbox.api_key, base_url=sandbox.base_url, **options)


def _only(exported: InMemorySpanExporter) -> ReadableSpan:
    (span,) = [span for span in exported.get_finished_spans() if span.name.startswith(("chat", "generate_content"))]
    return span


def _values(span: ReadableSpan) -> str:
    return json.dumps({key: str(value) for key, value in (span.attributes or {}).items()})


def test_a_chat_call_is_one_client_span_with_the_genai_attributes(
    ccapi_sandbox: SandboxServer, spans: InMemorySpanExporter
) -> None:
    with _client(ccapi_sandbox) as client:
        reply = client.chat.completions.create(model=MODEL, messages=HELLO, max_tokens=50)  # type: ignore[arg-type]
    span = _only(spans)
    attributes = span.attributes or {}
    assert span.name == f"chat {MODEL}"
    assert span.kind == SpanKind.CLIENT
    assert attributes["gen_ai.operation.name"] == "chat"
    assert attributes["gen_ai.request.model"] == MODEL
    assert attributes["gen_ai.response.model"] == reply.model
    assert attributes["gen_ai.provider.name"] == reply.provider
    assert attributes["gen_ai.response.id"] == reply.id
    assert reply.usage is not None
    assert attributes["gen_ai.usage.input_tokens"] == reply.usage.prompt_tokens
    assert attributes["gen_ai.usage.output_tokens"] == reply.usage.completion_tokens
    assert tuple(attributes["gen_ai.response.finish_reasons"]) == ("stop",)  # type: ignore[arg-type]
    assert attributes["gen_ai.request.max_tokens"] == 50
    assert attributes["server.address"] == "127.0.0.1"
    assert attributes["ccapi.request_id"] == reply._request_id
    # Content is off by default, and the key is never there.
    assert "launch plans" not in _values(span)
    assert ccapi_sandbox.api_key not in _values(span)


def test_retries_are_events_and_a_failure_is_an_error_span(
    ccapi_sandbox: SandboxServer, spans: InMemorySpanExporter
) -> None:
    policy = ccapi.RetryPolicy(initial_delay=0.0, max_delay=0.0)
    ccapi_sandbox.config.faults = Faults(error_count=1, error_status=503)
    with _client(ccapi_sandbox, retry_policy=policy) as client:
        client.chat.completions.create(model=MODEL, messages=HELLO)  # type: ignore[arg-type]
        (retry,) = _only(spans).events
        assert retry.name == "retry"
        assert (retry.attributes or {})["ccapi.retry.reason"] == "status 503"
        spans.clear()
        with pytest.raises(ccapi.NotFoundError):
            client.chat.completions.create(model="acme/nothing", messages=HELLO)  # type: ignore[arg-type]
    failed = _only(spans)
    assert failed.status.status_code == StatusCode.ERROR
    assert (failed.attributes or {})["error.type"] == "404"


def test_a_stream_s_span_ends_with_the_stream_and_knows_its_first_chunk(
    ccapi_sandbox: SandboxServer, spans: InMemorySpanExporter
) -> None:
    with _client(ccapi_sandbox) as client:
        stream = client.chat.completions.create(  # type: ignore[arg-type]
            model=MODEL, messages=HELLO, stream=True, stream_options={"include_usage": True}
        )
        with stream:
            next(stream)
            assert not [span for span in spans.get_finished_spans() if span.name.startswith("chat")]  # still open
            usage = [chunk.usage for chunk in stream if chunk.usage is not None]
    attributes = _only(spans).attributes or {}
    assert float(attributes["gen_ai.response.time_to_first_chunk"]) > 0  # type: ignore[arg-type]
    assert attributes["gen_ai.usage.output_tokens"] == usage[0].completion_tokens
    assert tuple(attributes["gen_ai.response.finish_reasons"]) == ("stop",)  # type: ignore[arg-type]


def test_an_image_job_s_span_lasts_until_the_job_is_seen_to_end(
    ccapi_sandbox: SandboxServer, spans: InMemorySpanExporter
) -> None:
    ccapi_sandbox.config.job_duration = 0.3
    with _client(ccapi_sandbox) as client:
        job = client.images.generate_multimodal(model="imaginepro/nano-banana", contents=[{"text": "a fox"}])
        assert not [span for span in spans.get_finished_spans() if span.name.startswith("generate_content")]
        job.wait(timeout=30)
    (started,) = [span for span in spans.get_finished_spans() if span.name == "generate_content imaginepro/nano-banana"]
    assert (started.attributes or {})["ccapi.job_status"] == "completed"
    polls = [span for span in spans.get_finished_spans() if span.name.startswith("GET /images/jobs")]
    assert polls
    assert all(poll.end_time <= (started.end_time or 0) for poll in polls)


def test_content_is_recorded_only_when_asked_and_tracing_can_be_turned_off(
    ccapi_sandbox: SandboxServer, spans: InMemorySpanExporter
) -> None:
    with _client(ccapi_sandbox, trace_content=True) as client:
        reply = client.chat.completions.create(model=MODEL, messages=HELLO)  # type: ignore[arg-type]
    attributes = _only(spans).attributes or {}
    assert "launch plans" in str(attributes["gen_ai.input.messages"])
    assert reply.choices[0].message.content in str(attributes["gen_ai.output.messages"])
    spans.clear()
    with _client(ccapi_sandbox, tracing=False) as client:
        client.chat.completions.create(model=MODEL, messages=HELLO)  # type: ignore[arg-type]
    assert spans.get_finished_spans() == ()


def test_duration_and_token_histograms_follow_the_conventions(ccapi_sandbox: SandboxServer) -> None:
    with _client(ccapi_sandbox) as client:
        client.chat.completions.create(model=MODEL, messages=HELLO)  # type: ignore[arg-type]
    data = READER.get_metrics_data()
    assert data is not None
    found = {metric.name: metric for rm in data.resource_metrics for sm in rm.scope_metrics for metric in sm.metrics}
    duration = found["gen_ai.client.operation.duration"]
    assert duration.unit == "s"
    assert any(point.attributes.get("gen_ai.operation.name") == "chat" for point in duration.data.data_points)  # type: ignore[union-attr]
    kinds = {point.attributes.get("gen_ai.token.type") for point in found["gen_ai.client.token.usage"].data.data_points}  # type: ignore[union-attr]
    assert kinds == {"input", "output"}


def test_hooks_run_for_every_attempt_inside_the_retry_loop(ccapi_sandbox: SandboxServer) -> None:
    seen: list[str] = []

    def on_request(request: httpx.Request) -> None:
        request.headers["X-Team"] = "billing"  # a hook may add to the request
        seen.append(f"request {request.url.path}")

    policy = ccapi.RetryPolicy(initial_delay=0.0, max_delay=0.0)
    ccapi_sandbox.config.faults = Faults(error_count=1, error_status=503)
    before = len(ccapi_sandbox.received)
    with _client(
        ccapi_sandbox, retry_policy=policy, on_request=on_request,
        on_response=lambda response: seen.append(f"response {response.status_code}"),
        on_error=lambda error: seen.append(f"error {type(error).__name__}"),
    ) as client:  # fmt: skip
        client.chat.completions.create(model=MODEL, messages=HELLO)  # type: ignore[arg-type]
        assert seen == ["request /v1/chat/completions", "response 503", "request /v1/chat/completions", "response 200"]
        assert all(r.headers.get("x-team") == "billing" for r in ccapi_sandbox.received[before:])
        seen.clear()
        with pytest.raises(ccapi.NotFoundError):
            client.providers.retrieve("nobody")
        assert seen == ["request /v1/providers/nobody", "response 404", "error NotFoundError"]
        seen.clear()
        quiet = client.with_options(on_error=lambda error: seen.append("copy's"))
        with pytest.raises(ccapi.NotFoundError):
            quiet.providers.retrieve("nobody")
        assert seen[-1] == "copy's"  # the copy's own hook replaces the original's; the others are kept
        assert seen[0] == "request /v1/providers/nobody"


def test_a_failed_attempt_without_a_response_reaches_on_error_typed() -> None:
    from tools.ports import free_port

    errors: list[Exception] = []
    policy = ccapi.RetryPolicy(max_retries=1, initial_delay=0.0, max_delay=0.0)
    base_url = f"http://127.0.0.1:{free_port()}/v1"
    with (
        ccapi.CCAPI(api_key="k", base_url=base_url, retry_policy=policy, on_error=errors.append) as client,
        pytest.raises(ccapi.APIConnectionError),
    ):
        client.models.list()
    assert [type(error) for error in errors] == [ccapi.APIConnectionError] * 2  # both attempts


def test_async_hooks_may_be_coroutine_functions(ccapi_sandbox: SandboxServer) -> None:
    seen: list[int] = []

    async def on_response(response: httpx.Response) -> None:
        await asyncio.sleep(0)
        seen.append(response.status_code)

    async def run() -> None:
        async with ccapi.AsyncCCAPI(
            api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url, on_response=on_response
        ) as client:
            await client.chat.completions.create(model=MODEL, messages=HELLO)  # type: ignore[arg-type]

    asyncio.run(run())
    assert seen == [200]


def test_a_hook_that_is_not_callable_is_refused_naming_it() -> None:
    with pytest.raises(TypeError, match="on_request"):
        ccapi.CCAPI(api_key="k", on_request="print")  # type: ignore[arg-type]


def test_import_ccapi_and_a_call_need_no_opentelemetry_until_a_call() -> None:
    program = "import sys, ccapi; ccapi.CCAPI(api_key='k'); print('opentelemetry' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_client_can_be_given_providers_of_its_own(ccapi_sandbox: SandboxServer, spans: InMemorySpanExporter) -> None:
    own_spans, own_reader = InMemorySpanExporter(), InMemoryMetricReader()
    tracer_provider = TracerProvider()
    tracer_provider.add_span_processor(SimpleSpanProcessor(own_spans))
    meter_provider = MeterProvider(metric_readers=[own_reader])
    with _client(ccapi_sandbox, tracer_provider=tracer_provider, meter_provider=meter_provider) as client:
        client.chat.completions.create(model=MODEL, messages=HELLO)  # type: ignore[arg-type]
    assert [span.name for span in own_spans.get_finished_spans()] == [f"chat {MODEL}"]
    assert spans.get_finished_spans() == ()  # not the global provider's
    data = own_reader.get_metrics_data()
    assert data is not None
    names = {metric.name for rm in data.resource_metrics for sm in rm.scope_metrics for metric in sm.metrics}
    assert names == {"gen_ai.client.operation.duration", "gen_ai.client.token.usage"}


def test_a_failover_is_one_span_that_sees_each_attempt_and_names_the_model_that_served(
    ccapi_sandbox: SandboxServer, spans: InMemorySpanExporter
) -> None:
    from ccapi.testing import Faults, ModelFault

    fallback = "anthropic/claude-sonnet-4-6"
    ccapi_sandbox.config.faults = Faults(models={MODEL: ModelFault("cut", after=3)})
    with (
        _client(ccapi_sandbox, fallback_models=[fallback]) as client,
        client.chat.completions.create(model=MODEL, messages=HELLO, stream=True) as stream,
    ):
        stream.final_completion()
    span = _only(spans)
    assert span.attributes is not None
    assert span.attributes["gen_ai.request.model"] == MODEL
    assert span.attributes["gen_ai.response.model"] == fallback
    attempts = [event for event in span.events if event.name == "retry"]
    assert [dict(event.attributes or {}).get("ccapi.retry.model") for event in attempts] == [fallback]
    assert span.status.status_code is not StatusCode.ERROR
