"""A spec addition reaches the sandbox with no change to it: new response fields come filled from the spec's examples
or defaults, new request fields and query parameters are checked against the spec. (What is added is named zz_...,
so that no real change to the spec collides with it.)"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from ccapi.testing import SandboxServer
from ccapi.testing._filler import ResponseFiller
from ccapi.testing._spec import SpecValidator


def _altered(spec: dict[str, Any]) -> dict[str, Any]:
    changed = copy.deepcopy(spec)
    schemas = changed["components"]["schemas"]
    for schema, name in (("ChatCompletionResponse", "zz_fingerprint"), ("ModelSummary", "zz_window")):
        if name in schemas[schema]["properties"]:
            pytest.skip(f"the spec already has {schema}.{name}, which this test adds")
    schemas["ChatCompletionResponse"]["properties"]["zz_fingerprint"] = {"type": "string", "examples": ["fp_zz"]}
    schemas["ModelSummary"]["properties"]["zz_window"] = {"type": "integer", "default": 8192}
    schemas["ModelSummary"]["properties"]["zz_no_example"] = {"type": "string"}
    schemas["ChatCompletionRequest"]["properties"]["zz_level"] = {"type": "integer", "minimum": 0, "maximum": 3}
    changed["paths"]["/models"]["get"]["parameters"] += [
        {"name": "zz_open", "in": "query", "schema": {"type": "boolean"}},
        {"name": "zz_ratio", "in": "query", "schema": {"type": "number", "maximum": 1}},
    ]
    return changed


@pytest.fixture
def sandbox(spec: dict[str, Any]) -> Iterator[SandboxServer]:
    """A sandbox of its own, serving the spec with the additions (the handlers are the project's, unchanged)."""
    altered = _altered(spec)
    with SandboxServer() as server:
        server.state.validator = SpecValidator(altered)
        server.state.filler = ResponseFiller(altered)
        yield server


@pytest.fixture
def client(sandbox: SandboxServer) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {sandbox.api_key}"}
    with httpx.Client(base_url=sandbox.base_url, headers=headers, timeout=10) as client:
        yield client


HELLO = {"model": "openai/gpt-4o-mini", "messages": [{"role": "user", "content": "Hi"}]}


def test_new_response_fields_are_filled_from_the_spec(client: httpx.Client) -> None:
    reply = client.post("/chat/completions", json=HELLO)
    assert reply.status_code == 200
    assert reply.json()["zz_fingerprint"] == "fp_zz"
    assert int(reply.headers["content-length"]) == len(reply.content)
    models = client.get("/models", params={"limit": 3}).json()["data"]
    assert [model["zz_window"] for model in models] == [8192] * 3  # in list items too, from the default
    assert all("zz_no_example" not in model for model in models)  # nothing to fill it with: left out
    assert all(model["id"] for model in models)  # what the handler computed is untouched


def test_new_request_fields_and_query_parameters_are_checked(client: httpx.Client) -> None:
    refused = client.post("/chat/completions", json={**HELLO, "zz_level": 5})
    assert refused.status_code == 400
    assert refused.json()["error"]["details"]["field"] == "zz_level"
    assert client.post("/chat/completions", json={**HELLO, "zz_level": 2}).status_code == 200
    for params, field in (({"zz_open": "maybe"}, "zz_open"), ({"zz_ratio": "2"}, "zz_ratio"),
                          ({"zz_ratio": "half"}, "zz_ratio")):  # fmt: skip
        answer = client.get("/models", params=params)
        assert answer.status_code == 400, params
        assert answer.json()["error"]["details"]["field"] == field
    assert client.get("/models", params={"zz_open": "true", "zz_ratio": "0.5", "limit": 1}).status_code == 200


def test_a_stream_and_an_error_pass_through_unchanged(client: httpx.Client) -> None:
    with client.stream("POST", "/chat/completions", json={**HELLO, "stream": True}) as events:
        assert events.headers["content-type"].startswith("text/event-stream")
        assert "zz_fingerprint" not in events.read().decode()
    missing = client.post("/chat/completions", json={**HELLO, "model": "nobody/none"})
    assert missing.status_code == 404
    assert "zz_fingerprint" not in missing.text


def test_what_requests_carry_too_is_left_as_the_handler_made_it() -> None:
    def body(ref: str) -> dict[str, Any]:
        return {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}

    spec = {
        "paths": {"/x": {"post": {"operationId": "x", "requestBody": body("Request"),
                                  "responses": {"200": body("Reply")}}}},
        "components": {"schemas": {
            "Request": {"type": "object", "properties": {"call": {"$ref": "#/components/schemas/Call"}}},
            "Reply": {"type": "object", "properties": {
                "call": {"$ref": "#/components/schemas/Call"},
                "calls": {"type": "array",
                          "items": {"anyOf": [{"$ref": "#/components/schemas/Call"}, {"type": "null"}]}},
                "zz_new": {"type": "string", "examples": ["filled"]},
                "zz_required": {"type": "string", "examples": ["not filled"]},
            }, "required": ["zz_required"]},
            "Call": {"type": "object", "properties": {"zz_sent": {"type": "string", "examples": ["not filled"]}}},
        }},
    }  # fmt: skip
    filler = ResponseFiller(spec)
    reply = filler.fill(spec["paths"]["/x"]["post"]["responses"]["200"]["content"]["application/json"]["schema"],
                        {"call": {}, "calls": [{}, None]})  # fmt: skip
    assert reply == {"call": {}, "calls": [{}, None], "zz_new": "filled"}
