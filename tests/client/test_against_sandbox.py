"""Every operation through CCAPI and AsyncCCAPI, against the sandbox over a real loopback socket."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import ccapi
import pytest
from ccapi.testing import Faults, SandboxServer

HELLO = [{"role": "user", "content": "Outline a launch plan for CCAPI."}]
CHAT_MODEL = "openai/gpt-4o-mini"
SPEECH_MODEL = "elevenlabs/eleven_turbo_v2"
LEGACY_IMAGE_MODEL = "stabilityai/stable-diffusion-xl-1024-v1-0"
ASYNC_IMAGE_MODEL = "imaginepro/nano-banana"


@pytest.fixture
def client(ccapi_sandbox: SandboxServer) -> Iterator[ccapi.CCAPI]:
    with ccapi.CCAPI(api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url) as sdk:
        yield sdk


def _async_client(sandbox: SandboxServer) -> ccapi.AsyncCCAPI:
    return ccapi.AsyncCCAPI(api_key=sandbox.api_key, base_url=sandbox.base_url)


def test_chat(client: ccapi.CCAPI) -> None:
    reply = client.chat.completions.create(model=CHAT_MODEL, messages=HELLO, max_tokens=50)
    assert reply.model == CHAT_MODEL
    assert reply.provider == "openai"
    assert "Outline a launch plan for CCAPI." in (reply.choices[0].message.content or "")
    assert reply.usage.total_tokens == reply.usage.prompt_tokens + reply.usage.completion_tokens


def test_chat_failover_says_who_served(ccapi_sandbox: SandboxServer, client: ccapi.CCAPI) -> None:
    ccapi_sandbox.config.faults = Faults(down_models=frozenset({"anthropic/claude-sonnet-4-6"}))
    models = ["anthropic/claude-sonnet-4-6", "google/gemini-2.5-flash"]
    reply = client.chat.completions.create(models=models, messages=HELLO)
    assert (reply.model, reply.provider) == ("google/gemini-2.5-flash", "google")


def test_chat_tool_call(client: ccapi.CCAPI) -> None:
    weather = {"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}
    reply = client.chat.completions.create(
        model=CHAT_MODEL, messages=[{"role": "user", "content": "Please get_weather for Paris"}], tools=[weather]
    )
    choice = reply.choices[0]
    assert choice.finish_reason == "tool_calls"
    assert choice.message.tool_calls[0].function.name == "get_weather"  # type: ignore[index]


def test_speech(client: ccapi.CCAPI) -> None:
    speech = client.audio.speech.create(model=SPEECH_MODEL, input="Welcome.", voice="aria", output_format="wav")
    assert speech.output_format == "wav"
    assert str(speech.url).startswith(client.base_url)
    inline = client.audio.speech.create(model=SPEECH_MODEL, input="Hi", response_format="b64_json")
    assert inline.b64_json


def test_legacy_images(client: ccapi.CCAPI) -> None:
    images = client.images.generate(model=LEGACY_IMAGE_MODEL, prompt="a solar farm", n=2, size="64x64")
    assert len(images.data) == 2
    assert all(str(image.url).endswith(".png") for image in images.data)


def test_multimodal_images_and_jobs(client: ccapi.CCAPI) -> None:
    job = client.images.generate_multimodal(model=ASYNC_IMAGE_MODEL, contents=[{"text": "A watercolor"}])
    assert job.status == "pending"
    assert job.response.poll_url
    assert client.images.jobs.retrieve(job.id).id == job.id
    with pytest.raises(ccapi.NotFoundError) as missing:
        client.images.jobs.retrieve("job_nope")
    assert missing.value.request_id


def test_models_iterate_every_page_lazily(ccapi_sandbox: SandboxServer, client: ccapi.CCAPI) -> None:
    first = client.models.list(limit=5)
    assert len(first.data) == 5
    assert first.has_more
    before = len(ccapi_sandbox.received)
    everything = list(first)
    pages = len(ccapi_sandbox.received) - before
    assert len(everything) == first.total
    assert len({model.id for model in everything}) == first.total
    assert pages == -(-first.total // 5) - 1  # the first page was already fetched
    images = list(client.models.list(type="image", sort="id", order="desc"))
    assert images
    assert all(model.ccapi.type_ == "image" for model in images)  # type: ignore[union-attr]
    assert [model.id for model in images] == sorted((model.id for model in images), reverse=True)


def test_single_pages(client: ccapi.CCAPI) -> None:
    page = client.models.list(limit=4, offset=4)
    following = page.next_page()
    assert following is not None
    assert following.response.offset == 8
    assert page.request_id
    assert [len(p.data) for p in client.models.list(limit=10).iter_pages()][-1] <= 10


def test_providers(client: ccapi.CCAPI) -> None:
    providers = list(client.providers.list(limit=2))
    assert len(providers) >= 6
    openai = client.providers.retrieve("openai")
    assert openai.name == "openai"
    assert all(model.provider.name == "openai" for model in openai.models)
    with pytest.raises(ccapi.NotFoundError):
        client.providers.retrieve("nobody")


def test_a_wrong_key_is_an_authentication_error(ccapi_sandbox: SandboxServer) -> None:
    client = ccapi.CCAPI(api_key="sk-wrong", base_url=ccapi_sandbox.base_url)
    with client, pytest.raises(ccapi.AuthenticationError) as caught:
        client.models.list()
    assert caught.value.status_code == 401
    assert caught.value.request_id
    assert "sk-wrong" not in str(caught.value)


def test_a_server_validation_error_names_the_field(client: ccapi.CCAPI) -> None:
    with pytest.raises(ccapi.BadRequestError) as caught:
        client.chat.completions.create(model="openai/dall-e-3", messages=HELLO)  # an image model, for chat
    assert "image model" in caught.value.message
    assert caught.value.details == {"field": "model"}


def test_an_unknown_model_is_not_found_as_openai_answers(client: ccapi.CCAPI) -> None:
    with pytest.raises(ccapi.NotFoundError) as caught:
        client.chat.completions.create(model="acme/nothing", messages=HELLO)
    assert "acme/nothing" in caught.value.message
    assert caught.value.code == "model_not_found"


def test_rate_limits_are_retried_over_the_socket(ccapi_sandbox: SandboxServer) -> None:
    ccapi_sandbox.config.faults = Faults(rate_limit_first=2, retry_after=0)
    with ccapi.CCAPI(api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url) as client:
        raw = client.chat.completions.with_raw_response.create(model=CHAT_MODEL, messages=HELLO)
    assert raw.retries_taken == 2
    keys = {request.headers.get("idempotency-key") for request in ccapi_sandbox.received[-3:]}
    assert len(keys) == 1


def test_a_refused_connection_is_a_connection_error() -> None:
    client = ccapi.CCAPI(api_key="k", base_url="http://127.0.0.1:9/v1", max_retries=0)
    with client, pytest.raises(ccapi.APIConnectionError):
        client.models.list()


def test_a_slow_server_times_out(ccapi_sandbox: SandboxServer, client: ccapi.CCAPI) -> None:
    ccapi_sandbox.config.faults = Faults(latency=1.0)
    with pytest.raises(ccapi.APITimeoutError):
        client.models.list(timeout=0.2, max_retries=0)


def test_the_async_client_does_every_operation(ccapi_sandbox: SandboxServer) -> None:
    async def tour() -> None:
        async with _async_client(ccapi_sandbox) as client:
            reply = await client.chat.completions.create(model=CHAT_MODEL, messages=HELLO)
            assert reply.provider == "openai"
            speech = await client.audio.speech.create(model=SPEECH_MODEL, input="Hi")
            assert speech.url
            legacy = await client.images.generate(model=LEGACY_IMAGE_MODEL, prompt="x", size="32x32")
            assert legacy.data
            job = await client.images.generate_multimodal(model=ASYNC_IMAGE_MODEL, contents=[{"text": "x"}])
            assert (await client.images.jobs.retrieve(job.id)).id == job.id
            assert (await job.wait(timeout=10)).data
            first = await client.models.list(limit=3)
            assert len(first.data) == 3
            every = [model.id async for model in client.models.list(limit=3)]
            assert len(every) == first.total
            providers = [provider.name async for provider in client.providers.list(limit=2)]
            assert "openai" in providers
            assert (await client.providers.retrieve("openai")).name == "openai"
            raw = await client.chat.completions.with_raw_response.create(model=CHAT_MODEL, messages=HELLO)
            assert raw.request_id
            with pytest.raises(ccapi.NotFoundError):
                await client.images.jobs.retrieve("job_nope")

    asyncio.run(tour())
