"""Uses the public API as a user would; `nox -s typecheck` runs mypy --strict over this file, pytest runs it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import ccapi
import httpx
from ccapi.types import (
    ChatCompletionChunk,
    ChatCompletionResponse,
    ImageDatum,
    ModelSummary,
    MultimodalImageGenerationResponse,
)

REPLY = {
    "id": "c1", "object": "chat.completion", "created": 1, "model": "openai/gpt-4o-mini", "provider": "openai",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hi"}, "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
}  # fmt: skip
PAGE = {"object": "list", "data": [{"id": "openai/gpt-4o-mini"}], "total": 1, "limit": 20, "offset": 0,
        "has_more": False}  # fmt: skip


def _answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=PAGE if request.url.path.endswith("/models") else REPLY)


def test_versions_are_strings() -> None:
    sdk_version: str = ccapi.__version__
    api_version: str = ccapi.API_VERSION
    assert sdk_version.count(".") == 2
    assert api_version.count(".") == 2


def test_the_sync_client_is_typed() -> None:
    http = httpx.Client(transport=httpx.MockTransport(_answer))
    with ccapi.CCAPI(api_key="k", http_client=http, timeout=10.0, max_retries=1) as client:
        reply: ChatCompletionResponse = client.chat.completions.create(
            model="openai/gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}]
        )
        content: str | None = reply.choices[0].message.content
        quick = client.with_options(timeout=5)
        raw: ccapi.APIResponse[ChatCompletionResponse] = quick.chat.completions.with_raw_response.create(
            model="openai/gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}]
        )
        request_id: str | None = raw.request_id
        page: ccapi.SyncPage[ModelSummary] = client.models.list(type="text")
        ids: list[str] = [model.id for model in page]
    assert (content, request_id, ids) == ("Hi", None, ["openai/gpt-4o-mini"])


def test_the_async_client_is_typed() -> None:
    async def run() -> list[str]:
        http = httpx.AsyncClient(transport=httpx.MockTransport(_answer))
        async with ccapi.AsyncCCAPI(api_key="k", http_client=http) as client:
            reply: ChatCompletionResponse = await client.chat.completions.create(
                model="openai/gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}]
            )
            first: ccapi.AsyncPage[ModelSummary] = await client.models.list()
            return [reply.id, *(model.id for model in first.data)]

    assert asyncio.run(run()) == ["c1", "openai/gpt-4o-mini"]


def test_errors_are_typed() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(429, json={"error": {"message": "slow", "type": "rate_limit_error"}})

    http = httpx.Client(transport=httpx.MockTransport(handler))
    with ccapi.CCAPI(api_key="k", http_client=http, max_retries=0) as client:
        try:
            client.models.list()
        except ccapi.RateLimitError as error:
            status: int = error.status_code
            retry_after: float | None = error.retry_after
            kind: str | None = error.type
            assert (status, retry_after, kind) == (429, None, "rate_limit_error")
        else:
            raise AssertionError("no RateLimitError")


def test_streams_jobs_and_media_are_typed(tmp_path: Path) -> None:
    chunk = (
        '{"id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "m", "provider": "p", '
        '"choices": [{"index": 0, "delta": {"content": "Hi"}, "finish_reason": "stop"}]}'
    )
    job = {"id": "job_1", "created": 1, "model": "m", "status": "completed", "data": [{"b64_json": "aGk="}]}

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/chat/completions"):
            body = f"data: {chunk}\n\ndata: [DONE]\n\n"
            return httpx.Response(200, text=body, headers={"Content-Type": "text/event-stream"})
        return httpx.Response(200, json=job)

    http = httpx.Client(transport=httpx.MockTransport(handler))
    with ccapi.CCAPI(api_key="k", http_client=http) as client:
        stream: ccapi.Stream[ChatCompletionChunk] = client.chat.completions.create(
            model="openai/m", messages=[{"role": "user", "content": "Hi"}], stream=True
        )
        with stream:
            final: ChatCompletionResponse = stream.final_completion()
        handle: ccapi.ImageJob[MultimodalImageGenerationResponse] = client.images.generate_multimodal(
            contents=[{"text": "x"}]
        )
        result: MultimodalImageGenerationResponse = handle.wait(timeout=1)
        images: list[ImageDatum] = result.data if isinstance(result.data, list) else []
        saved: Path = client.media.save(images[0], tmp_path / "x.bin")
    assert final.choices[0].message.content == "Hi"
    assert saved.read_bytes() == b"hi"


PRICING = {"input_cost_per_million": 0.15, "output_cost_per_million": 0.6, "currency": "USD"}
PRICED = {**PAGE, "data": [{"id": "openai/gpt-4o-mini", "ccapi": {"pricing": PRICING}}]}


def _priced(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=PRICED if request.url.path.endswith("/models") else REPLY)


def test_costs_and_budgets_are_typed() -> None:
    from decimal import Decimal

    expected = (1 * Decimal("0.15") + 1 * Decimal("0.6")) / 1_000_000  # REPLY's usage: one token in, one out
    http = httpx.Client(transport=httpx.MockTransport(_priced))
    with ccapi.CCAPI(api_key="k", http_client=http, budget=Decimal("1.00")) as client:
        reply = client.chat.completions.create(
            model="openai/gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}], max_tokens=10
        )
        cost: Decimal = client.cost_of(reply)
        total: Decimal = client.spend.total
        by_model: dict[str, Decimal] = client.spend.by_model
        calls: int = client.spend.calls
        budget: Decimal | None = client.spend.budget
        assert cost == total == by_model["openai/gpt-4o-mini"] == expected
        assert (calls, budget) == (1, Decimal("1.00"))
    http.close()

    async def run() -> Decimal:
        async_http = httpx.AsyncClient(transport=httpx.MockTransport(_priced))
        async with ccapi.AsyncCCAPI(api_key="k", http_client=async_http) as client:
            reply = await client.chat.completions.create(
                model="openai/gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}]
            )
            cost: Decimal = await client.cost_of(reply)
            await client.spend.refresh_prices()
            total: Decimal = client.spend.total
            assert cost == total
        await async_http.aclose()
        return total

    assert asyncio.run(run()) == expected
