"""Every example in openapi.yaml is valid against the schema it illustrates (checked by jsonschema)."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
import referencing
from referencing.jsonschema import DRAFT202012

from .examples import Example, find_examples


@pytest.fixture(scope="module")
def registry(spec: dict[str, Any]) -> referencing.Registry[Any]:
    resource = referencing.Resource.from_contents(spec, default_specification=DRAFT202012)
    return referencing.Registry().with_resource("urn:ccapi:openapi", resource)


def test_the_spec_has_examples_for_every_reference_payload(spec: dict[str, Any]) -> None:
    schemas = {example.schema_pointer for example in find_examples(spec)}
    for name in [
        "ErrorObject",
        "ErrorResponse",
        "AudioSpeechRequest",
        "LegacyImageGenerationRequest",
        "MultimodalImageGenerationRequest",
        "ChatCompletionChunk",
    ]:
        assert f"/components/schemas/{name}" in schemas, name
    assert len(list(find_examples(spec))) >= 30


def test_every_example_validates(spec: dict[str, Any], registry: referencing.Registry[Any]) -> None:
    failures = []
    examples = list(find_examples(spec))
    for example in examples:
        schema = {"$ref": f"urn:ccapi:openapi#{example.schema_pointer}"}
        validator = jsonschema.Draft202012Validator(
            schema, registry=registry, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
        failures += [f"{example.where}: {error.message}" for error in validator.iter_errors(example.value)]
    assert failures == []


def test_a_wrong_example_would_be_caught(spec: dict[str, Any], registry: referencing.Registry[Any]) -> None:
    # The check above is only worth something if a bad value fails it.
    bad = Example(
        "test", "/components/schemas/AudioSpeechRequest", {"model": "openai/x", "input": "", "output_format": "flac"}
    )
    validator = jsonschema.Draft202012Validator({"$ref": f"urn:ccapi:openapi#{bad.schema_pointer}"}, registry=registry)
    messages = sorted(error.message for error in validator.iter_errors(bad.value))
    assert len(messages) == 2
    assert any("flac" in message for message in messages)
