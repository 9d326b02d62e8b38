"""Every generated model turns the spec's examples into objects and back without loss."""

from __future__ import annotations

from typing import Any

import pytest

import ccapi_generated.models as models

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
    expected = {"ErrorObject", "ErrorResponse", "AudioSpeechRequest", "LegacyImageGenerationRequest",
                "MultimodalImageGenerationRequest", "ModelListResponse", "ChatCompletionRequest",
                "MultimodalImageGenerationResponse", "ChatCompletionResponse", "ChatCompletionChunk"}
    assert expected <= names


def test_every_example_round_trips(spec: dict[str, Any]) -> None:
    mismatches = []
    for name, value in _examples_by_model(spec):
        model = getattr(models, name)
        if model.from_dict(value).to_dict() != value:
            mismatches.append(name)
    assert mismatches == []


@pytest.mark.parametrize(
    ("name", "payload"),
    [
        ("MultimodalImageGenerationResponse", {"id": "j", "status": "queued_for_gpu"}),
        ("ChatCompletionChoice", {"index": 0, "message": {"role": "critic", "content": "x"}, "finish_reason": "paused"}),
        ("ErrorObject", {"message": "m", "type": "quota_error", "code": "x", "details": {"a": 1}}),
        ("ModelCcapiInfo", {"type": "3d", "input_modalities": ["text"]}),
    ],
)
def test_unknown_enum_values_and_fields_survive(name: str, payload: dict[str, Any]) -> None:
    with_extra = {**payload, "added_later": {"nested": True}}
    decoded = getattr(models, name).from_dict(with_extra)
    assert decoded.additional_properties == {"added_later": {"nested": True}}
    assert decoded.to_dict() == with_extra
