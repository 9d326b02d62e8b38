"""Chat streams against the sandbox over loopback: typed chunks, helpers, failures, and no leaked connections."""

from __future__ import annotations

import asyncio
import gc
import json
from collections.abc import Iterator

import ccapi
import httpx
import pytest
from ccapi.testing import Faults, SandboxServer

from .conftest import Recorder, make_client

HELLO = [{"role": "user", "content": "Outline a launch plan for CCAPI."}]
MODEL = "openai/gpt-4o-mini"


@pytest.fixture
def client(ccapi_sandbox: SandboxServer) -> Iterator[ccapi.CCAPI]:
    with ccapi.CCAPI(api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url) as sdk:
        yield sdk


def test_a_stream_yields_typed_chunks_that_add_up_to_the_plain_answer(client: ccapi.CCAPI) -> None:
    plain = client.chat.completions.create(model=MODEL, messages=HELLO)
    with client.chat.completions.create(model=MODEL, messages=HELLO, stream=True) as stream:
        assert stream.request_id
        chunks = list(stream)
    assert all(type(chunk).__name__ == "ChatCompletionChunk" for chunk in chunks)
    text = "".join(str(chunk.choices[0].delta.content or "") for chunk in chunks if chunk.choices)
    assert text == plain.choices[0].message.content
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert stream.response.is_closed


def test_iter_text_gives_only_the_text(client: ccapi.CCAPI) -> None:
    with client.chat.completions.create(model=MODEL, messages=HELLO, stream=True) as stream:
        pieces = list(stream.iter_text())
    assert len(pieces) > 3
    assert "".join(pieces).endswith("Outline a launch plan for CCAPI.")


def test_final_completion_rebuilds_the_answer_with_usage(client: ccapi.CCAPI) -> None:
    plain = client.chat.completions.create(model=MODEL, messages=HELLO)
    stream = client.chat.completions.create(
        model=MODEL, messages=HELLO, stream=True, stream_options={"include_usage": True}
    )
    final = stream.final_completion()
    assert final.choices[0].message.content == plain.choices[0].message.content
    assert final.choices[0].finish_reason == "stop"
    assert final.usage.to_dict() == plain.usage.to_dict()  # type: ignore[union-attr]
    assert (final.model, final.provider) == (MODEL, "openai")


def test_a_streamed_tool_call_is_put_back_together(client: ccapi.CCAPI) -> None:
    weather = {"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}
    ask = [{"role": "user", "content": "Please get_weather for Paris"}]
    plain = client.chat.completions.create(model=MODEL, messages=ask, tools=[weather])
    final = client.chat.completions.create(model=MODEL, messages=ask, tools=[weather], stream=True).final_completion()
    assert final.choices[0].finish_reason == "tool_calls"
    assert final.choices[0].message.content is None
    streamed = [call.to_dict() for call in final.choices[0].message.tool_calls]  # type: ignore[union-attr]
    assert streamed == [call.to_dict() for call in plain.choices[0].message.tool_calls]  # type: ignore[union-attr]


def test_failover_streams_tell_who_served(ccapi_sandbox: SandboxServer, client: ccapi.CCAPI) -> None:
    ccapi_sandbox.config.faults = Faults(down_models=frozenset({"anthropic/claude-sonnet-4-6"}))
    models = ["anthropic/claude-sonnet-4-6", "google/gemini-2.5-flash"]
    with client.chat.completions.create(models=models, messages=HELLO, stream=True) as stream:
        first = next(stream)
        assert (first.model, first.provider) == ("google/gemini-2.5-flash", "google")
        assert stream.final_completion().model == "google/gemini-2.5-flash"


def test_a_ten_thousand_chunk_stream(ccapi_sandbox: SandboxServer, client: ccapi.CCAPI) -> None:
    ccapi_sandbox.config.stream_chunks = 10_000
    with client.chat.completions.create(model=MODEL, messages=HELLO, stream=True) as stream:
        content = sum(1 for chunk in stream if chunk.choices and chunk.choices[0].delta.content)
    assert content == 10_000


def test_an_error_event_raises_the_typed_error(ccapi_sandbox: SandboxServer, client: ccapi.CCAPI) -> None:
    ccapi_sandbox.config.faults = Faults(stream_error_after=3)
    seen = 0
    with pytest.raises(ccapi.InternalServerError) as caught:  # noqa: PT012 (the chunks before the error arrive)
        for _ in client.chat.completions.create(model=MODEL, messages=HELLO, stream=True):
            seen += 1
    assert seen == 3
    assert caught.value.code == "stream_interrupted"
    assert caught.value.status_code == 500
    assert caught.value.request_id


def test_a_dropped_connection_raises_a_connection_error(ccapi_sandbox: SandboxServer, client: ccapi.CCAPI) -> None:
    ccapi_sandbox.config.faults = Faults(drop_stream_after=2)
    stream = client.chat.completions.create(model=MODEL, messages=HELLO, stream=True)
    with pytest.raises(ccapi.APIConnectionError) as caught:
        list(stream)
    assert not isinstance(caught.value, ccapi.APITimeoutError)
    assert stream.response.is_closed


def test_a_stalled_stream_times_out(ccapi_sandbox: SandboxServer, client: ccapi.CCAPI) -> None:
    ccapi_sandbox.config.faults = Faults(stall_stream_after=2, stall_seconds=5)
    with pytest.raises(ccapi.APITimeoutError, match="went idle"):
        list(client.chat.completions.create(model=MODEL, messages=HELLO, stream=True, timeout=0.3))


def test_rate_limits_before_the_stream_starts_are_retried(ccapi_sandbox: SandboxServer, client: ccapi.CCAPI) -> None:
    ccapi_sandbox.config.faults = Faults(rate_limit_first=1, retry_after=0)
    with client.chat.completions.create(model=MODEL, messages=HELLO, stream=True) as stream:
        assert list(stream.iter_text())


def test_an_error_status_raises_before_any_chunk(client: ccapi.CCAPI) -> None:
    with pytest.raises(ccapi.NotFoundError, match="acme/nothing"):
        client.chat.completions.create(model="acme/nothing", messages=HELLO, stream=True)


def test_a_thousand_abandoned_streams_leak_no_connection(ccapi_sandbox: SandboxServer) -> None:
    # Five connections at most, and a short pool timeout: one leaked stream in a thousand would soon block.
    limits = httpx.Limits(max_connections=5, max_keepalive_connections=5)
    http = httpx.Client(limits=limits, timeout=httpx.Timeout(10.0, pool=2.0))
    with ccapi.CCAPI(api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url, http_client=http) as client:
        for index in range(1_000):
            stream = client.chat.completions.create(model=MODEL, messages=HELLO, stream=True)
            if index % 2:
                next(stream)  # half are read a little, half not at all; none is closed
            del stream
        gc.collect()
        assert client.chat.completions.create(model=MODEL, messages=HELLO).choices
    http.close()


def test_close_and_exceptions_in_a_with_block_release_the_connection(client: ccapi.CCAPI) -> None:
    stream = client.chat.completions.create(model=MODEL, messages=HELLO, stream=True)
    next(stream)
    stream.close()
    assert stream.response.is_closed
    with pytest.raises(RuntimeError), client.chat.completions.create(model=MODEL, messages=HELLO, stream=True) as s:  # noqa: PT012
        next(s)
        raise RuntimeError("the caller's own failure")
    assert s.response.is_closed


def test_stream_options_without_stream_is_refused_before_sending(no_network: Recorder) -> None:
    with make_client(no_network) as client, pytest.raises(ValueError, match="stream_options is sent only with stream"):
        client.chat.completions.create(model=MODEL, messages=HELLO, stream_options={"include_usage": True})
    assert no_network.requests == []


def _sse(*events: str) -> httpx.Response:
    body = "".join(f"data: {event}\n\n" for event in events)
    return httpx.Response(200, text=body, headers={"Content-Type": "text/event-stream", "X-Request-Id": "req_s"})


CHUNK = (
    '{"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m", "provider": "p", '
    '"choices": [{"index": 0, "delta": {"content": "Hi", "brand_new": 1}, "finish_reason": "new_reason"}]}'
)


@pytest.mark.parametrize(
    ("error_type", "kind", "status"),
    [("rate_limit_error", ccapi.RateLimitError, 429), ("billing_error", ccapi.BillingError, 402),
     ("invalid_request_error", ccapi.BadRequestError, 400), ("surprising_error", ccapi.InternalServerError, 500)],
)  # fmt: skip
def test_error_events_map_by_type(error_type: str, kind: type[ccapi.APIStatusError], status: int) -> None:
    event = f'{{"error": {{"message": "stopped", "type": "{error_type}", "code": "x"}}}}'
    with make_client(Recorder(_sse(CHUNK, event))) as client:
        stream = client.chat.completions.create(model="openai/m", messages=HELLO, stream=True)
        assert next(stream).choices[0].delta.content == "Hi"
        with pytest.raises(kind) as caught:
            next(stream)
    assert (caught.value.status_code, caught.value.type, caught.value.request_id) == (status, error_type, "req_s")
    assert "stopped" in str(caught.value)


def test_unknown_fields_and_values_in_chunks_decode() -> None:
    with make_client(Recorder(_sse(CHUNK, "[DONE]"))) as client:
        (chunk,) = list(client.chat.completions.create(model="openai/m", messages=HELLO, stream=True))
    assert chunk.choices[0].finish_reason == "new_reason"
    assert chunk.choices[0].delta.additional_properties == {"brand_new": 1}


def _chunk(content: str | None = None, finish: str | None = None, index: int = 0, usage: bool = False) -> str:
    delta = {"content": content} if content is not None else {}
    choices = [] if usage else [{"index": index, "delta": delta, "finish_reason": finish}]
    chunk: dict[str, object] = {
        "id": "c",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "m",
        "choices": choices,
    }
    if usage:
        chunk["usage"] = {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}
    return json.dumps(chunk)


def test_a_stream_that_ends_before_its_finish_reason_is_a_connection_error() -> None:
    cut = _sse(_chunk("Hello"), _chunk(" there"))
    with make_client(Recorder(cut)) as client, pytest.raises(ccapi.APIConnectionError, match="finish reason"):
        list(client.chat.completions.create(model="openai/m", messages=HELLO, stream=True))


def test_a_stream_that_ends_after_its_finish_reason_is_complete_without_done() -> None:
    whole = _sse(_chunk("Hello"), _chunk(" there"), _chunk(finish="stop"), _chunk(usage=True))
    with make_client(Recorder(whole)) as client:
        final = client.chat.completions.create(model="openai/m", messages=HELLO, stream=True).final_completion()
    assert final.choices[0].message.content == "Hello there"
    assert final.usage is not None
    assert final.usage.total_tokens == 5


def test_every_choice_must_finish_for_the_stream_to_be_complete() -> None:
    half = _sse(_chunk("a", index=0), _chunk("b", index=1), _chunk(finish="stop", index=0))
    with make_client(Recorder(half)) as client, pytest.raises(ccapi.APIConnectionError, match="finish reason"):
        list(client.chat.completions.create(model="openai/m", messages=HELLO, stream=True, n=2))


def test_an_event_that_does_not_decode_is_skipped_counted_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    answer = _sse(
        _chunk("Hello"), "{oops", '{"choices": "not a list"}', _chunk(" there"), _chunk(finish="stop"), "[DONE]"
    )
    with make_client(Recorder(answer)) as client:
        stream = client.chat.completions.create(model="openai/m", messages=HELLO, stream=True)
        text = "".join(stream.iter_text())
    assert text == "Hello there"
    assert stream.skipped_events == 2
    assert "skipped an event that does not decode" in caplog.text
    assert "{oops" in caplog.text


def test_final_completion_refuses_when_an_event_was_skipped_before_the_finish() -> None:
    answer = _sse(_chunk("Hello"), "{oops", _chunk(finish="stop"), "[DONE]")
    with make_client(Recorder(answer)) as client:
        stream = client.chat.completions.create(model="openai/m", messages=HELLO, stream=True)
        with pytest.raises(ccapi.SkippedEventsError, match="text may be missing") as refused:
            stream.final_completion()
    assert refused.value.skipped == 1
    assert isinstance(refused.value, ccapi.APIResponseValidationError)


def test_a_skip_after_the_finish_loses_nothing() -> None:
    answer = _sse(_chunk("Hello"), _chunk(finish="stop"), "{oops", "[DONE]")
    with make_client(Recorder(answer)) as client:
        final = client.chat.completions.create(model="openai/m", messages=HELLO, stream=True).final_completion()
    assert final.choices[0].message.content == "Hello"


def test_async_streams(ccapi_sandbox: SandboxServer) -> None:
    async def run() -> tuple[str, str, int]:
        async with ccapi.AsyncCCAPI(api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url) as client:
            async with await client.chat.completions.create(model=MODEL, messages=HELLO, stream=True) as stream:
                text = "".join([piece async for piece in stream.iter_text()])
            final = await (
                await client.chat.completions.create(
                    model=MODEL, messages=HELLO, stream=True, stream_options={"include_usage": True}
                )
            ).final_completion()
            ccapi_sandbox.config.faults = Faults(stream_error_after=1)
            failed = 0
            with pytest.raises(ccapi.InternalServerError):  # noqa: PT012 (counts the chunks before it)
                async for _ in await client.chat.completions.create(model=MODEL, messages=HELLO, stream=True):
                    failed += 1
            return text, final.choices[0].message.content or "", failed

    text, final, failed = asyncio.run(run())
    assert text == final
    assert text.endswith("Outline a launch plan for CCAPI.")
    assert failed == 1


def test_abandoned_async_streams_leak_no_connection(ccapi_sandbox: SandboxServer) -> None:
    async def run() -> bool:
        limits = httpx.Limits(max_connections=3, max_keepalive_connections=3)
        http = httpx.AsyncClient(limits=limits, timeout=httpx.Timeout(10.0, pool=2.0))
        async with ccapi.AsyncCCAPI(
            api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url, http_client=http
        ) as client:
            for index in range(50):
                stream = await client.chat.completions.create(model=MODEL, messages=HELLO, stream=True)
                if index % 2:
                    await stream.__anext__()
                del stream
                await asyncio.sleep(0)  # let the scheduled close run
            reply = await client.chat.completions.create(model=MODEL, messages=HELLO)
        await http.aclose()
        return bool(reply.choices)

    assert asyncio.run(run())
