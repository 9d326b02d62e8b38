"""openapi.yaml describes every operation, schema and shared response that CCAPI has.

These are invariants, not a frozen copy: the confirmed operations and fields must be there, and every operation
(whatever a later spec adds) must be placed, secured, and answer the shared errors. An additive change passes.
"""

from __future__ import annotations

from typing import Any

import pytest

OPERATIONS = {
    # operationId: (method, path, tag, success statuses, has 404)
    "createChatCompletion": ("post", "/chat/completions", "Chat", {"200"}, False),
    "createSpeech": ("post", "/audio/speech", "Audio", {"200"}, False),
    "createImageLegacy": ("post", "/images/generations", "Images", {"200"}, False),
    "generateImage": ("post", "/images/generate", "Images", {"200", "202"}, False),
    "getImageJob": ("get", "/images/jobs/{id}", "Images", {"200"}, True),
    "listModels": ("get", "/models", "Catalog", {"200"}, False),
    "listProviders": ("get", "/providers", "Catalog", {"200"}, False),
    "getProvider": ("get", "/providers/{name}", "Catalog", {"200"}, True),
}
SHARED_RESPONSES = {
    "400": "BadRequest",
    "401": "Unauthorized",
    "402": "BillingError",
    "429": "RateLimit",
    "500": "InternalError",
}
REFERENCE_SCHEMAS = [
    "ErrorObject",
    "ErrorResponse",
    "ChatMessage",
    "ChatToolFunction",
    "ChatTool",
    "ChatCompletionRequest",
    "ChatCompletionResponse",
    "AudioSpeechRequest",
    "AudioSpeechResponse",
    "LegacyImageGenerationRequest",
    "LegacyImageGenerationResponse",
    "MultimodalInputContent",
    "MultimodalImageParameters",
    "MultimodalImageGenerationRequest",
    "ImageDatum",
    "MultimodalImageGenerationResponse",
    "ModelSummary",
    "ModelListResponse",
    "ProviderSummary",
    "ProviderListResponse",
    "ProviderDetailResponse",
]
DECIDED = [
    # Things the notes say the spec decided; each must be marked so it can be checked later.
    ("paths", "/providers", "get"),
    ("paths", "/providers/{name}", "get"),
    ("components", "schemas", "ChatCompletionChunk"),
    ("components", "schemas", "ChatCompletionResponse"),
    ("components", "schemas", "AudioSpeechResponse"),
    ("components", "schemas", "ProviderSummary"),
    ("components", "schemas", "ProviderListResponse"),
    ("components", "schemas", "ProviderDetailResponse"),
    ("components", "schemas", "ChatStreamOptions"),
    ("components", "schemas", "ModelSortField"),
    ("components", "schemas", "ChatMessage", "properties", "tool_calls"),
    ("components", "schemas", "ChatMessage", "properties", "tool_call_id"),
    ("components", "responses", "NotFound"),
    ("components", "headers", "XRequestId"),
]


def _operations(spec: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any]]]:
    found = {}
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            found[operation["operationId"]] = (method, path, operation)
    return found


def test_the_spec_is_openapi_3_1(spec: dict[str, Any]) -> None:
    assert spec["openapi"].startswith("3.1.")
    assert spec["servers"][0]["url"] == "https://api.ccapi.ai/v1"


def test_the_known_operations_have_their_method_path_and_tag(spec: dict[str, Any]) -> None:
    operations = _operations(spec)
    assert set(OPERATIONS) <= set(operations)
    for operation_id, (method, path, tag, success, _) in OPERATIONS.items():
        found_method, found_path, operation = operations[operation_id]
        assert (found_method, found_path) == (method, path), operation_id
        assert operation["tags"] == [tag], operation_id
        assert success <= set(operation["responses"]), operation_id


def test_every_operation_is_described_placed_and_secured(spec: dict[str, Any]) -> None:
    places = set()
    for operation_id, (_, _, operation) in _operations(spec).items():
        assert operation["summary"], operation_id
        assert operation["description"], operation_id
        assert operation["security"] == [{"bearerAuth": []}], operation_id
        assert operation["x-ccapi-resource"], operation_id
        assert operation["x-ccapi-method"], operation_id
        places.add((operation["x-ccapi-resource"], operation["x-ccapi-method"]))
    assert len(places) == len(_operations(spec))  # no two operations in one place


def test_every_operation_answers_the_shared_errors(spec: dict[str, Any]) -> None:
    for operation_id, (_, path, operation) in _operations(spec).items():
        for status, name in SHARED_RESPONSES.items():
            assert operation["responses"][status] == {"$ref": f"#/components/responses/{name}"}, operation_id
        if "{" in path:  # looks a resource up by id
            assert operation["responses"]["404"] == {"$ref": "#/components/responses/NotFound"}, operation_id


def test_every_response_carries_a_request_id(spec: dict[str, Any]) -> None:
    for operation_id, (_, _, operation) in _operations(spec).items():
        for status, response in operation["responses"].items():
            if "$ref" in response:
                response = spec["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
            assert "X-Request-Id" in response["headers"], (operation_id, status)


def test_shared_error_responses_are_error_response_json(spec: dict[str, Any]) -> None:
    responses = spec["components"]["responses"]
    for name in [*SHARED_RESPONSES.values(), "NotFound"]:
        schema = responses[name]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ErrorResponse"}, name
    assert responses["RateLimit"]["headers"]["Retry-After"] == {"$ref": "#/components/headers/RetryAfter"}
    assert spec["components"]["headers"]["RetryAfter"]["schema"]["type"] == "integer"


def test_async_image_generation_answers_202_with_a_poll_url(spec: dict[str, Any]) -> None:
    _, _, operation = _operations(spec)["generateImage"]
    accepted = operation["responses"]["202"]["content"]["application/json"]
    assert accepted["schema"] == {"$ref": "#/components/schemas/MultimodalImageGenerationResponse"}
    assert accepted["examples"]["pending"]["value"]["status"] == "pending"
    assert "poll_url" in spec["components"]["schemas"]["MultimodalImageGenerationResponse"]["properties"]


def test_chat_can_stream_server_sent_events(spec: dict[str, Any]) -> None:
    _, _, operation = _operations(spec)["createChatCompletion"]
    # The body is a string (what a literal OpenAPI 3.1 validator sees of a stream); its events' schema is named
    # by the wrapper extension, and generated.
    body = operation["responses"]["200"]["content"]["text/event-stream"]["schema"]
    assert {"type": "string"} in body["anyOf"]  # the body as a whole
    assert any(branch.get("required") == ["data"] for branch in body["anyOf"])  # event by event
    wrapper = operation["x-ccapi-wrapper"]
    assert wrapper["kind"] == "stream"
    assert wrapper["event"] == {"$ref": "#/components/schemas/ChatCompletionChunk"}


def test_models_query_parameters(spec: dict[str, Any]) -> None:
    _, _, operation = _operations(spec)["listModels"]
    names = []
    for parameter in operation["parameters"]:
        if "$ref" in parameter:
            parameter = spec["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[1]]
        names.append(parameter["name"])
    confirmed = ["provider", "type", "sort", "order", "limit", "offset"]
    assert [name for name in names if name in confirmed] == confirmed


def test_all_reference_schemas_are_named_components(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    missing = [name for name in [*REFERENCE_SCHEMAS, "ChatCompletionChunk"] if name not in schemas]
    assert missing == []


def test_reference_field_order_is_kept(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    assert list(schemas["ErrorObject"]["properties"]) == ["message", "type", "code", "details"]
    assert list(schemas["ModelListResponse"]["properties"]) == [
        "object",
        "data",
        "total",
        "limit",
        "offset",
        "has_more",
    ]
    assert list(schemas["MultimodalImageGenerationResponse"]["properties"]) == [
        "id",
        "created",
        "model",
        "status",
        "execution",
        "data",
        "poll_url",
        "estimated_time",
        "error",
    ]


@pytest.mark.parametrize("where", DECIDED, ids=lambda where: "/".join(where))
def test_decided_parts_are_marked_unconfirmed(spec: dict[str, Any], where: tuple[str, ...]) -> None:
    node: Any = spec
    for key in where:
        node = node[key]
    assert node.get("x-ccapi-unconfirmed") is True


def test_decided_enum_values_are_listed(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    assert schemas["JobStatus"]["x-ccapi-unconfirmed-values"] == ["processing", "completed", "failed"]
    for name, schema in schemas.items():
        for value in schema.get("x-ccapi-unconfirmed-values", []):
            assert value in schema["enum"], name


OPEN_RESPONSE_VALUES = [
    ("ErrorObject", "type", "ErrorType"),
    ("ChatCompletionChoice", "finish_reason", "FinishReason"),
    ("ChatCompletionChunkChoice", "finish_reason", "FinishReason"),
    ("MultimodalImageGenerationResponse", "status", "JobStatus"),
    ("ImageExecution", "mode", "ExecutionMode"),
    ("ImageExecution", "operation", "ImageOperation"),
    ("ModelCcapiInfo", "type", "ModelType"),
    ("AudioSpeechResponse", "output_format", "AudioOutputFormat"),
]


@pytest.mark.parametrize(("schema", "field", "enum"), OPEN_RESPONSE_VALUES)
def test_response_values_that_can_grow_are_open_enums(spec: dict[str, Any], schema: str, field: str, enum: str) -> None:
    branches = spec["components"]["schemas"][schema]["properties"][field]["anyOf"]
    assert {"$ref": f"#/components/schemas/{enum}"} in branches
    assert {"type": "string"} in branches


def test_constraints_are_stated(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    chat = schemas["ChatCompletionRequest"]
    assert chat["required"] == ["messages"]
    assert chat["x-ccapi-requires-one-of"] == ["model", "models"]
    assert chat["properties"]["stream"]["default"] is False
    assert chat["properties"]["max_tokens"]["minimum"] == 1
    assert chat["properties"]["top_p"]["minimum"] == 0
    speech = schemas["AudioSpeechRequest"]
    assert speech["required"] == ["model", "input"]
    assert speech["properties"]["output_format"]["default"] == "mp3"
    assert schemas["AudioOutputFormat"]["enum"] == ["mp3", "wav", "ogg"]
    n = schemas["LegacyImageGenerationRequest"]["properties"]["n"]
    assert (n["minimum"], n["default"]) == (1, 1)
