"""`client.request/get/post`: any path under the base URL, with the client's key, retries, timeouts and errors."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import ccapi
import httpx
import pytest
from ccapi.testing import Faults, SandboxServer
from ccapi.types import ModelListResponse, ProviderDetailResponse

from .conftest import Recorder, make_client


@pytest.fixture
def client(ccapi_sandbox: SandboxServer) -> Iterator[ccapi.CCAPI]:
    with ccapi.CCAPI(api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url) as sdk:
        yield sdk


def test_get_returns_json_or_the_model_named(client: ccapi.CCAPI) -> None:
    plain = client.get("/models", params={"type": "audio"})
    typed = client.get("/models", cast_to=ModelListResponse, params={"type": "audio"})
    assert isinstance(plain, dict)
    assert isinstance(typed, ModelListResponse)
    assert [model["id"] for model in plain["data"]] == [model.id for model in typed.data]
    assert typed.data
    assert all(model.ccapi is not None and model.ccapi.type_ == "audio" for model in typed.data)


def test_post_carries_the_key_and_retries(ccapi_sandbox: SandboxServer, client: ccapi.CCAPI) -> None:
    ccapi_sandbox.config.faults = Faults(rate_limit_first=1, retry_after=0)
    reply = client.post(
        "/chat/completions", body={"model": "openai/gpt-4o-mini", "messages": [{"role": "user", "content": "Hi"}]}
    )
    assert reply["object"] == "chat.completion"


def test_an_unknown_path_is_a_typed_not_found(client: ccapi.CCAPI) -> None:
    with pytest.raises(ccapi.NotFoundError) as caught:
        client.request("GET", "/no-such-thing")
    assert caught.value.status_code == 404


@pytest.mark.parametrize(
    ("method", "path", "error"),
    [
        ("GET", "https://elsewhere.example/steal", ValueError),  # the key goes to the base URL only
        ("GET", "//elsewhere.example/steal", ValueError),
        ("GET", "models", ValueError),
        ("BREW", "/models", ValueError),
    ],
)
def test_bad_paths_and_methods_are_refused_before_sending(
    no_network: Recorder, method: str, path: str, error: type[Exception]
) -> None:
    with make_client(no_network) as sdk, pytest.raises(error):
        sdk.request(method, path)
    assert no_network.requests == []


def test_cast_to_must_be_a_model(no_network: Recorder) -> None:
    with make_client(no_network) as sdk, pytest.raises(TypeError, match="cast_to"):
        sdk.get("/models", cast_to=dict)  # type: ignore[type-var]
    assert no_network.requests == []


def test_the_async_client_has_the_same_door(ccapi_sandbox: SandboxServer) -> None:
    async def run() -> tuple[str, int]:
        async with ccapi.AsyncCCAPI(api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url) as sdk:
            provider = await sdk.get("/providers/openai", cast_to=ProviderDetailResponse)
            try:
                await sdk.request("GET", "/providers/nobody")
            except ccapi.NotFoundError as error:
                return provider.name, error.status_code
        raise AssertionError("no NotFoundError")

    assert asyncio.run(run()) == ("openai", 404)


def test_the_door_sends_extra_headers_and_a_timeout() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"ok": True})

    with make_client(Recorder(answer)) as sdk:
        assert sdk.request("GET", "/health", extra_headers={"X-Trace": "t"}, timeout=3.0) == {"ok": True}
    assert seen[0].headers["X-Trace"] == "t"
    assert seen[0].headers["Authorization"].startswith("Bearer ")
    assert seen[0].extensions["timeout"]["read"] == 3.0


HI = [{"role": "user", "content": "Hi"}]
CHAT_BODY: dict[str, Any] = {"model": "openai/gpt-4o-mini", "messages": HI}


def test_a_low_level_call_on_a_priced_path_is_refused_by_a_budget_as_the_typed_call_is(
    ccapi_sandbox: SandboxServer,
) -> None:
    with ccapi.CCAPI(api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url, budget=0) as sdk:
        with pytest.raises(ccapi.BudgetExceededError):
            sdk.chat.completions.create(model="openai/gpt-4o-mini", messages=HI)
        with pytest.raises(ccapi.BudgetExceededError):
            sdk.post("/chat/completions", body=CHAT_BODY)
        with pytest.raises(ccapi.BudgetExceededError):
            sdk.request("POST", "/chat/completions", body=CHAT_BODY)
        assert sdk.spend.calls == 0


@pytest.mark.parametrize("path", ["/%63hat/completions", "/chat/completions/", "/chat/completions?trace=1"])
def test_a_priced_path_spelled_another_way_is_still_priced(ccapi_sandbox: SandboxServer, path: str) -> None:
    # The server reads `%63hat` as `chat`: the budget must read it so too, or a low-level call goes out unpriced.
    sdk = ccapi.CCAPI(api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url, budget=0)
    with sdk, pytest.raises(ccapi.BudgetExceededError):
        sdk.post(path, body=CHAT_BODY)


@pytest.mark.parametrize(
    "path",
    ["/./chat/completions", "/chat/./completions", "/../v1/chat/completions", "/%2e%2e/x", "/chat/completions#x"],
)
def test_a_path_httpx_would_rewrite_is_refused_before_sending(no_network: Recorder, path: str) -> None:
    # httpx resolves dot segments and drops fragments: such a path could leave the base URL, or reach a priced
    # operation unpriced.
    with make_client(no_network) as sdk, pytest.raises(ValueError, match="path"):
        sdk.post(path, body=CHAT_BODY)
    assert no_network.requests == []


def test_a_low_level_call_on_a_priced_path_is_charged_its_usage(client: ccapi.CCAPI) -> None:
    reply = client.post("/chat/completions", body=CHAT_BODY)
    assert client.spend.calls == 1
    assert client.spend.estimated == 0  # its usage, read from the plain JSON, not a worst case
    charged = client.spend.by_model[reply["model"]]
    typed = client.chat.completions.create(model="openai/gpt-4o-mini", messages=HI)  # the same answer, typed
    assert charged == client.cost_of(typed)


def test_an_async_low_level_call_on_a_priced_path_is_priced(ccapi_sandbox: SandboxServer) -> None:
    async def run() -> None:
        async with ccapi.AsyncCCAPI(api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url, budget=0) as sdk:
            with pytest.raises(ccapi.BudgetExceededError):
                await sdk.post("/chat/completions", body=CHAT_BODY)
        async with ccapi.AsyncCCAPI(api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url) as sdk:
            await sdk.post("/chat/completions", body=CHAT_BODY)
            assert sdk.spend.calls == 1

    asyncio.run(run())


def test_a_low_level_call_on_an_unpriced_path_is_not_charged(client: ccapi.CCAPI) -> None:
    client.get("/models")
    assert client.spend.calls == 0
