"""The SDK's traffic through Prism, a validator no one here wrote: `nox -s prism` runs a sandbox, puts
`prism proxy --errors` in front of it (any request or response that breaks openapi.yaml becomes an error), and
points these tests at it with CCAPI_THROUGH. Without that variable they are skipped."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from pathlib import Path

import ccapi
import pytest

THROUGH = os.environ.get("CCAPI_THROUGH", "")
KEY = os.environ.get("CCAPI_THROUGH_KEY", "sk-ccapi-sandbox")
pytestmark = pytest.mark.skipif(not THROUGH, reason="run by `nox -s prism`, which sets CCAPI_THROUGH")
HELLO = [{"role": "user", "content": "Outline a launch plan for CCAPI."}]
FAST = ccapi.PollPolicy(initial_interval=0.05, min_interval=0.05)


@pytest.fixture
def client() -> Iterator[ccapi.CCAPI]:
    with ccapi.CCAPI(api_key=KEY, base_url=THROUGH, max_retries=0) as sdk:
        yield sdk


def test_chat_plain_streamed_tools_and_parts(client: ccapi.CCAPI) -> None:
    assert client.chat.completions.create(model="openai/gpt-4o-mini", messages=HELLO, n=2, stop=["plan"]).choices
    with client.chat.completions.create(
        model="openai/gpt-4o-mini", messages=HELLO, stream=True, stream_options={"include_usage": True}
    ) as stream:
        assert stream.final_completion().usage is not None
    weather = {"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}
    called = client.chat.completions.create(
        model="openai/gpt-4o", messages=HELLO, tools=[weather],
        tool_choice={"type": "function", "function": {"name": "get_weather"}},
    )  # fmt: skip
    assert called.choices[0].message.tool_calls
    parts = [
        {"type": "text", "text": "What is this?"},
        {"type": "image_url", "image_url": {"url": "https://x.test/a.png"}},
    ]
    assert client.chat.completions.create(model="openai/gpt-4o", messages=[{"role": "user", "content": parts}]).usage


def test_speech_images_and_jobs(client: ccapi.CCAPI, tmp_path: Path) -> None:
    speech = client.audio.speech.create(model="elevenlabs/eleven_turbo_v2", input="Hello", voice="aria")
    assert speech.url or speech.b64_json
    legacy = client.images.generate(model="stabilityai/stable-diffusion-xl-1024-v1-0", prompt="a farm", n=2)
    assert len(legacy.data) == 2
    result = client.images.generate_multimodal_and_wait(
        model="imaginepro/nano-banana", contents=[{"text": "a watercolor"}], wait_timeout=30, poll_policy=FAST
    )
    assert result.data
    assert client.images.jobs.retrieve(result.id).id == result.id


def test_the_catalog_and_errors(client: ccapi.CCAPI) -> None:
    assert len(list(client.models.list())) == client.models.list(limit=3).total
    assert [provider.name for provider in client.providers.list(limit=2)]
    assert client.providers.retrieve("openai").models
    with pytest.raises(ccapi.NotFoundError):
        client.providers.retrieve("nobody")
    with pytest.raises(ccapi.NotFoundError):
        client.chat.completions.create(model="acme/nothing", messages=HELLO)
    with pytest.raises(ccapi.AuthenticationError):
        ccapi.CCAPI(api_key="sk-wrong", base_url=THROUGH, max_retries=0).models.list()


def test_the_async_client() -> None:
    async def run() -> int:
        async with ccapi.AsyncCCAPI(api_key=KEY, base_url=THROUGH, max_retries=0) as sdk:
            reply = await sdk.chat.completions.create(model="openai/gpt-4o-mini", messages=HELLO)
            async with await sdk.chat.completions.create(
                model="openai/gpt-4o-mini", messages=HELLO, stream=True
            ) as stream:
                texts = [text async for text in stream.iter_text()]
            return len(reply.choices) + len(texts) + len([model async for model in sdk.models.list(type="text")])

    assert asyncio.run(run()) > 3
