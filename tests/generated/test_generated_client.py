"""The generated operations send the right request and decode answers the spec does not know yet."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from ccapi_generated import AuthenticatedClient
from ccapi_generated.api.audio import create_speech
from ccapi_generated.api.catalog import get_provider, list_models, list_providers
from ccapi_generated.api.chat import create_chat_completion
from ccapi_generated.api.images import create_image_legacy, generate_image, get_image_job
from ccapi_generated.models import (
    AudioSpeechRequest,
    ChatCompletionRequest,
    ErrorResponse,
    FinishReason,
    JobStatus,
    LegacyImageGenerationRequest,
    MultimodalImageGenerationRequest,
)

EXTRA = {"added_later": [1, 2]}
MODEL = {"id": "openai/gpt-4o-mini", "ccapi": {"type": "hologram"}, **EXTRA}
PROVIDER = {"name": "openai", "types": ["text", "hologram"], **EXTRA}


def _client(
    expected_method: str, expected_path: str, status: int, body: dict[str, Any]
) -> tuple[AuthenticatedClient, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        assert request.method == expected_method
        assert request.url.path == "/v1" + expected_path
        return httpx.Response(status, json=body, headers={"X-Request-Id": "req_1"})

    client = AuthenticatedClient(
        base_url="https://api.test/v1", token="sk-test", httpx_args={"transport": httpx.MockTransport(handler)}
    )
    return client, seen


Call = Callable[[AuthenticatedClient], Any]

CASES: list[tuple[str, str, str, int, dict[str, Any], Call]] = [
    (
        "chat",
        "POST",
        "/chat/completions",
        200,
        {
            "id": "c",
            "object": "chat.completion",
            "created": 1,
            "model": "m",
            "provider": "openai",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": "hi"}, "finish_reason": "paused"}],
            **EXTRA,
        },
        lambda c: create_chat_completion.sync_detailed(
            client=c,
            body=ChatCompletionRequest.from_dict({"model": "m", "messages": [{"role": "user", "content": "hi"}]}),
        ),
    ),
    (
        "speech",
        "POST",
        "/audio/speech",
        200,
        {"id": "s", "object": "audio.speech", "created": 1, "model": "m", "output_format": "flac", **EXTRA},
        lambda c: create_speech.sync_detailed(client=c, body=AudioSpeechRequest(model="openai/m", input_="hello")),
    ),
    (
        "legacy images",
        "POST",
        "/images/generations",
        200,
        {"id": "i", "created": 1, "model": "m", "data": [{"url": "https://x.test/a.png", **EXTRA}], **EXTRA},
        lambda c: create_image_legacy.sync_detailed(
            client=c, body=LegacyImageGenerationRequest(model="openai/m", prompt="p")
        ),
    ),
    (
        "multimodal images",
        "POST",
        "/images/generate",
        202,
        {"id": "j", "status": "queued_for_gpu", "execution": {"mode": "batch", "operation": "outpainting"}, **EXTRA},
        lambda c: generate_image.sync_detailed(
            client=c, body=MultimodalImageGenerationRequest.from_dict({"contents": [{"text": "a fox"}]})
        ),
    ),
    (
        "image job",
        "GET",
        "/images/jobs/j1",
        200,
        {"id": "j1", "status": "completed", "data": [{"b64_json": "AA=="}], **EXTRA},
        lambda c: get_image_job.sync_detailed("j1", client=c),
    ),
    (
        "models",
        "GET",
        "/models",
        200,
        {"object": "list", "data": [MODEL], "total": 1, "limit": 20, "offset": 0, "has_more": False, **EXTRA},
        lambda c: list_models.sync_detailed(client=c, provider="openai"),
    ),
    (
        "providers",
        "GET",
        "/providers",
        200,
        {"object": "list", "data": [PROVIDER], "total": 1, "limit": 20, "offset": 0, "has_more": False, **EXTRA},
        lambda c: list_providers.sync_detailed(client=c),
    ),
    (
        "provider",
        "GET",
        "/providers/openai",
        200,
        {**PROVIDER, "models": [MODEL]},
        lambda c: get_provider.sync_detailed("openai", client=c),
    ),
]


@pytest.mark.parametrize(
    ("method", "path", "status", "body", "call"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_each_operation_round_trips_with_unknown_fields_and_values(
    method: str, path: str, status: int, body: dict[str, Any], call: Call
) -> None:
    client, seen = _client(method, path, status, body)
    response = call(client)
    assert response.status_code == status
    assert seen[0].headers["Authorization"] == "Bearer sk-test"
    assert response.parsed is not None
    assert not isinstance(response.parsed, ErrorResponse)
    assert response.parsed.additional_properties == EXTRA
    assert response.parsed.to_dict() == body


def test_unknown_values_decode_as_plain_strings() -> None:
    client, _ = _client("POST", "/chat/completions", 200, CASES[0][4])
    chat = create_chat_completion.sync_detailed(
        client=client,
        body=ChatCompletionRequest.from_dict({"model": "m", "messages": [{"role": "user", "content": "hi"}]}),
    ).parsed
    assert chat is not None
    assert not isinstance(chat, ErrorResponse)
    assert chat.choices[0].finish_reason == "paused"
    assert not isinstance(chat.choices[0].finish_reason, FinishReason)

    client, _ = _client("GET", "/images/jobs/j1", 200, {"id": "j1", "status": "completed"})
    job = get_image_job.sync_detailed("j1", client=client).parsed
    assert job is not None
    assert not isinstance(job, ErrorResponse)
    assert job.status is JobStatus.COMPLETED


def test_the_request_body_is_the_model_as_json() -> None:
    client, seen = _client("POST", "/chat/completions", 200, CASES[0][4])
    request = ChatCompletionRequest.from_dict(
        {"models": ["a/b", "c/d"], "messages": [{"role": "user", "content": "hi"}], "stop": ["\n"]}
    )
    create_chat_completion.sync_detailed(client=client, body=request)
    assert json.loads(seen[0].content) == {
        "models": ["a/b", "c/d"],
        "messages": [{"role": "user", "content": "hi"}],
        "stop": ["\n"],
    }


def test_a_documented_error_is_decoded_as_an_error_response() -> None:
    error = {
        "error": {
            "message": "Missing or invalid Authorization header",
            "type": "invalid_request_error",
            "code": "unauthorized",
            "details": {},
        }
    }
    client, _ = _client("GET", "/models", 401, error)
    response = list_models.sync_detailed(client=client)
    assert isinstance(response.parsed, ErrorResponse)
    assert response.parsed.error.code == "unauthorized"
