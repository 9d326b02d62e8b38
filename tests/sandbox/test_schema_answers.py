"""Whatever JSON schema strict mode allows, the sandbox answers it with valid data, the same each time, streamed or
not, as a `response_format` and as a tool's parameters: schemas drawn by hypothesis."""

from __future__ import annotations

import itertools
import json
import re
import string
from typing import Any

import httpx
import jsonschema
from ccapi.testing._schema_values import schema_value
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

NATIVE = "openai/gpt-4o"
CHECKER = jsonschema.Draft202012Validator.FORMAT_CHECKER
FORMATS = ["date-time", "date", "time", "email", "uuid", "uri", "hostname", "ipv4", "ipv6", "duration"]
PATTERNS = [r"^[A-Z]{3}-\d{2,4}$", r"^(red|green|blue)$", r"^\w+@\w+\.com$", r"^[a-f0-9]{8}$", r"^\+?[0-9 ]{7,12}$"]
NAMES = st.text(string.ascii_lowercase + "_", min_size=1, max_size=8)


def _strict_object(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}


@st.composite
def _number(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": kind}
    numbers = st.integers(-1000, 1000) if kind == "integer" else st.floats(-1000, 1000, allow_nan=False)
    low = draw(st.none() | numbers)
    high = draw(st.none() | numbers)
    if low is not None and high is not None and high - low < 2:
        high = low + 2
    if low is not None:
        schema[draw(st.sampled_from(["minimum", "exclusiveMinimum"]))] = low
    if high is not None:
        schema[draw(st.sampled_from(["maximum", "exclusiveMaximum"]))] = high
    if kind == "integer" and draw(st.booleans()) and low is None and high is None:
        schema["multipleOf"] = draw(st.integers(1, 7))
    return schema


@st.composite
def _string(draw: st.DrawFn) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    kind = draw(st.sampled_from(["plain", "format", "pattern", "lengths"]))
    if kind == "format":
        schema["format"] = draw(st.sampled_from(FORMATS))
    elif kind == "pattern":
        schema["pattern"] = draw(st.sampled_from(PATTERNS))
    elif kind == "lengths":
        shortest = draw(st.integers(0, 20))
        schema["minLength"] = shortest
        schema["maxLength"] = shortest + draw(st.integers(0, 20))
    return schema


LEAVES = st.one_of(
    _string(),
    _number("integer"),
    _number("number"),
    st.just({"type": "boolean"}),
    st.lists(st.text(string.ascii_letters, min_size=1, max_size=6), min_size=1, max_size=4, unique=True).map(
        lambda values: {"type": "string", "enum": values}
    ),
    st.sampled_from([1, "fixed", True, None]).map(lambda value: {"const": value}),
    st.sampled_from(["string", "integer", "number", "boolean"]).map(lambda kind: {"type": [kind, "null"]}),
    st.sampled_from([{"$ref": "#/$defs/Item"}, {"$ref": "#/$defs/Node"}]),
)


def _containers(children: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
    bounds = st.tuples(st.integers(0, 3), st.integers(0, 3)).map(lambda pair: (pair[0], pair[0] + pair[1]))
    return st.one_of(
        st.dictionaries(NAMES, children, min_size=1, max_size=4).map(_strict_object),
        st.tuples(children, bounds, st.booleans()).map(
            lambda drawn: (
                {"type": "array", "items": drawn[0], "minItems": drawn[1][0], "maxItems": drawn[1][1]}
                if drawn[2]
                else {"type": "array", "items": drawn[0]}
            )
        ),
        st.lists(children, min_size=2, max_size=3).map(lambda branches: {"anyOf": branches}),
    )


# A definition used by reference, and one that refers to itself (in a list, and through a nullable union).
DEFS = {
    "Item": _strict_object({"label": {"type": "string"}, "score": {"type": "number", "minimum": 0, "maximum": 1}}),
    "Node": _strict_object(
        {
            "name": {"type": "string"},
            "children": {"type": "array", "items": {"$ref": "#/$defs/Node"}},
            "next": {"anyOf": [{"$ref": "#/$defs/Node"}, {"type": "null"}]},
        }
    ),
}
SCHEMAS = st.dictionaries(NAMES, st.recursive(LEAVES, _containers, max_leaves=12), min_size=1, max_size=5).map(
    lambda properties: {**_strict_object(properties), "$defs": DEFS}
)
# What users write: punctuation, escapes, characters outside ASCII (no lone surrogates: JSON cannot carry them).
SAID = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)


def _valid(schema: dict[str, Any], value: Any) -> None:
    jsonschema.Draft202012Validator(schema, format_checker=CHECKER).validate(value)


@settings(max_examples=300, deadline=None)
@given(schema=SCHEMAS, said=SAID, seed=st.text(max_size=5))
def test_every_value_made_for_a_schema_is_valid_and_the_same_each_time(
    schema: dict[str, Any], said: str, seed: str
) -> None:
    value = schema_value(schema, seed=seed, text=said)
    _valid(schema, value)
    assert schema_value(schema, seed=seed, text=said) == value


def _streamed(raw: httpx.Client, body: dict[str, Any]) -> list[dict[str, Any]]:
    with raw.stream("POST", "/chat/completions", json={**body, "stream": True}) as response:
        assert response.status_code == 200
        events = [line.removeprefix("data: ") for line in response.iter_lines() if line.startswith("data: ")]
    assert events[-1] == "[DONE]"
    return [json.loads(event) for event in events[:-1]]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(schema=SCHEMAS, said=SAID)
def test_a_response_format_is_answered_with_valid_json_streamed_or_not(
    raw: httpx.Client, schema: dict[str, Any], said: str
) -> None:
    body = {
        "model": NATIVE,
        "messages": [{"role": "user", "content": said or "Fill this in."}],
        "response_format": {"type": "json_schema", "json_schema": {"name": "answer", "strict": True, "schema": schema}},
    }
    answer = raw.post("/chat/completions", json=body).json()
    content = answer["choices"][0]["message"]["content"]
    _valid(schema, json.loads(content))
    assert raw.post("/chat/completions", json=body).json()["choices"][0]["message"]["content"] == content

    chunks = _streamed(raw, body)
    pieces = [chunk["choices"][0]["delta"].get("content") or "" for chunk in chunks if chunk["choices"]]
    assert "".join(pieces) == content


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(schema=SCHEMAS, said=SAID)
def test_tool_arguments_are_valid_for_the_tools_parameters_streamed_or_not(
    raw: httpx.Client, schema: dict[str, Any], said: str
) -> None:
    tool = {"type": "function", "function": {"name": "record", "strict": True, "parameters": schema}}
    body = {
        "model": NATIVE,
        "messages": [{"role": "user", "content": said}],
        "tools": [tool],
        "tool_choice": {"type": "function", "function": {"name": "record"}},
    }
    answer = raw.post("/chat/completions", json=body).json()
    (call,) = answer["choices"][0]["message"]["tool_calls"]
    _valid(schema, json.loads(call["function"]["arguments"]))

    chunks = _streamed(raw, body)
    deltas = [call for chunk in chunks for call in chunk["choices"][0]["delta"].get("tool_calls") or []]
    assert "".join(delta["function"]["arguments"] for delta in deltas) == call["function"]["arguments"]
    assert deltas[0]["id"] == call["id"]


def test_recursion_ends_and_each_branch_of_a_union_is_used() -> None:
    schema = {**_strict_object({"tree": {"$ref": "#/$defs/Node"}}), "$defs": DEFS}
    trees = [schema_value(schema, seed=str(seed))["tree"] for seed in range(40)]

    def depth(node: dict[str, Any] | None) -> int:
        if node is None:
            return 0
        return 1 + max([depth(child) for child in node["children"]] + [depth(node["next"])])

    assert max(depth(tree) for tree in trees) >= 2  # it does recurse
    assert max(depth(tree) for tree in trees) <= 5  # and stops
    assert {tree["next"] is None for tree in trees} == {True, False}


def test_streamed_json_is_cut_inside_strings_escapes_and_characters_outside_ascii(raw: httpx.Client) -> None:
    schema = _strict_object({f"line_{index}": {"type": "string"} for index in range(12)})
    body = {
        "model": NATIVE,
        "messages": [{"role": "user", "content": "🙂🙂 Écris « bonjour »\net dis-moi pourquoi"}],
        "response_format": {"type": "json_schema", "json_schema": {"name": "lines", "schema": schema}},
    }
    chunks = _streamed(raw, body)
    pieces = [
        chunk["choices"][0]["delta"]["content"] for chunk in chunks if chunk["choices"][0]["delta"].get("content")
    ]
    text = "".join(pieces)
    _valid(schema, json.loads(text))
    assert "\\n" in text
    assert any(ord(c) >= 0x80 for c in text)  # raw characters outside ASCII
    assert "\\u" in text  # and escaped ones
    assert any(piece.endswith("\\") for piece in pieces)  # between a backslash and what it escapes
    assert any(piece.startswith(("u", "\\u")) and len(piece) < 6 for piece in pieces[1:])  # inside a \\u escape
    boundaries = set(itertools.accumulate(len(piece) for piece in pieces))
    pairs = [match.start() for match in re.finditer(r"\\ud[89ab][0-9a-f]{2}\\u", text)]
    assert pairs
    assert all(start + 6 in boundaries for start in pairs)  # between the two halves of a surrogate pair
    assert any(len(piece) == 1 and ord(piece) >= 0x80 for piece in pieces)  # a character outside ASCII alone
