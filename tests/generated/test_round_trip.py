"""Every generated model turns the spec's examples into objects and back without loss."""

from __future__ import annotations

import json
from typing import Any

import ccapi_generated.models as models
import pytest

from ..spec.examples import find_examples

SCHEMA_PREFIX = "/components/schemas/"


def _examples_by_model(spec: dict[str, Any]) -> list[tuple[str, Any]]:
    found = []
    for example in find_examples(spec):
        pointer = example.schema_pointer
        if pointer.startswith(SCHEMA_PREFIX) and "/" not in pointer[len(SCHEMA_PREFIX) :]:
            name = pointer[len(SCHEMA_PREFIX) :]
        else:  # a media type or parameter whose schema is a $ref to a model
            node: Any = spec
            for part in pointer.strip("/").split("/"):
                node = node[int(part) if isinstance(node, list) else part.replace("~1", "/").replace("~0", "~")]
            if "$ref" not in node:
                continue
            name = node["$ref"].rsplit("/", 1)[1]
        if isinstance(getattr(models, name, None), type) and hasattr(getattr(models, name), "from_dict"):
            found.append((name, example.value))
    return found


def test_the_reference_examples_are_covered(spec: dict[str, Any]) -> None:
    names = {name for name, _ in _examples_by_model(spec)}
    expected = {
        "ErrorObject",
        "ErrorResponse",
        "AudioSpeechRequest",
        "LegacyImageGenerationRequest",
        "MultimodalImageGenerationRequest",
        "ModelListResponse",
        "ChatCompletionRequest",
        "MultimodalImageGenerationResponse",
        "ChatCompletionResponse",
        "ChatCompletionChunk",
    }
    assert expected <= names


def _without_nulls(value: Any) -> Any:
    """A JSON value with every null member left out: a model reads an explicit null as it reads a missing field."""
    if isinstance(value, dict):
        return {key: _without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_nulls(item) for item in value]
    return value


def test_every_example_round_trips(spec: dict[str, Any]) -> None:
    mismatches = []
    for name, value in _examples_by_model(spec):
        model = getattr(models, name)
        if _without_nulls(model.from_dict(value).to_dict()) != _without_nulls(value):
            mismatches.append(name)
    assert mismatches == []


def test_models_read_as_the_openai_packages_do() -> None:
    reply = models.ChatCompletionResponse.from_dict(
        {"id": "c", "object": "chat.completion", "created": 1, "model": "openai/gpt-4o-mini",
         "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hi"}}]}
    )  # fmt: skip
    message = reply.choices[0].message
    assert reply.usage is None
    assert reply.provider is None
    assert message.tool_calls is None
    assert reply.object == reply.object_ == "chat.completion"  # the JSON name reads too
    assert repr(reply).startswith("ChatCompletionResponse(id='c', object_='chat.completion', created=1,")
    assert "Unset" not in repr(reply)
    assert "None" not in repr(reply)
    assert json.loads(reply.to_json()) == reply.to_dict()


@pytest.mark.parametrize(
    ("name", "payload"),
    [
        ("MultimodalImageGenerationResponse", {"id": "j", "status": "queued_for_gpu"}),
        (
            "ChatCompletionChoice",
            {"index": 0, "message": {"role": "critic", "content": "x"}, "finish_reason": "paused"},
        ),
        ("ErrorObject", {"message": "m", "type": "quota_error", "code": "x", "details": {"a": 1}}),
        ("ModelCcapiInfo", {"type": "3d", "input_modalities": ["text"]}),
    ],
)
def test_unknown_enum_values_and_fields_survive(name: str, payload: dict[str, Any]) -> None:
    with_extra = {**payload, "added_later": {"nested": True}}
    decoded = getattr(models, name).from_dict(with_extra)
    assert decoded.additional_properties == {"added_later": {"nested": True}}
    assert decoded.to_dict() == with_extra
