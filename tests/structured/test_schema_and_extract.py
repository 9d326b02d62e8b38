"""The strict schema of a type (as the openai package makes it) and reading a JSON value from an answer's text:
I/O-free, checked directly."""

from __future__ import annotations

import dataclasses
import enum
import json
import sys
import typing
from typing import Any

import pytest
from ccapi._structured._extract import candidates, extract
from ccapi._structured._schema import ResponseFormat, schema_name, strict_json_schema
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, Field
from typing_extensions import TypedDict  # pydantic reads typing's TypedDict only from Python 3.12


class Color(enum.Enum):
    red = "red"
    blue = "blue"


class Node(BaseModel):
    name: str
    children: list[Node]


class Shape(BaseModel):
    color: Color = Field(description="The fill")
    tags: list[str]
    note: str | None = None
    size: int | float


@dataclasses.dataclass
class Point:
    x: int
    y: int


class Movie(TypedDict):
    title: str
    year: int


class OldTypedDict(typing.TypedDict):  # typing's own: pydantic refuses it before Python 3.12
    x: int


def _objects(schema: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(schema, dict):
        if schema.get("type") == "object":
            found.append(schema)
        for value in schema.values():
            found += _objects(value)
    elif isinstance(schema, list):
        for value in schema:
            found += _objects(value)
    return found


@pytest.mark.parametrize("kind", [Shape, Node, Point, Movie], ids=lambda kind: kind.__name__)
def test_every_object_of_a_strict_schema_requires_all_its_properties_and_allows_no_others(kind: Any) -> None:
    schema = ResponseFormat(kind).schema
    objects = _objects(schema)
    assert objects
    for node in objects:
        assert node["additionalProperties"] is False
        assert node["required"] == list(node["properties"])


def test_a_ref_with_siblings_is_replaced_by_what_it_names_and_nullable_fields_stay_unions_with_null() -> None:
    schema = ResponseFormat(Shape).schema
    color = schema["properties"]["color"]
    assert "$ref" not in color
    assert color["enum"] == ["red", "blue"]
    assert color["description"] == "The fill"
    assert {"type": "null"} in schema["properties"]["note"]["anyOf"]
    assert "default" not in schema["properties"]["note"]


def test_a_recursive_model_keeps_its_defs_and_refs() -> None:
    schema = ResponseFormat(Node).schema
    assert schema["$defs"]["Node"]["properties"]["children"]["items"] == {"$ref": "#/$defs/Node"}


def test_the_schema_made_leaves_pydantics_schema_as_it_was() -> None:
    original = Shape.model_json_schema()
    copy = json.loads(json.dumps(original))
    strict_json_schema(original)
    assert original == copy


def test_the_response_format_param_names_the_type_and_asks_for_strict_mode() -> None:
    assert ResponseFormat(Point).param()["json_schema"]["name"] == "Point"
    assert ResponseFormat(Movie).validate({"title": "Up", "year": "2009"}) == {"title": "Up", "year": 2009}
    assert schema_name(list[int]) == "list"
    with pytest.raises(TypeError, match="response_format"):
        ResponseFormat(str)
    if sys.version_info < (3, 12):
        with pytest.raises(TypeError, match="response_format"):
            ResponseFormat(OldTypedDict)


VALUE = {"title": "Up", "year": 2009, "quote": 'He said "adventure is out there!" {really}'}


@pytest.mark.parametrize(
    "answer",
    [
        json.dumps(VALUE),
        f"  {json.dumps(VALUE, indent=2)}\n",
        f"Here it is:\n```json\n{json.dumps(VALUE)}\n```",
        f"The movie: {json.dumps(VALUE)}. Enjoy!",
        f"Two tries: {{not json}} then {json.dumps(VALUE)}",
    ],
)
def test_the_value_is_read_from_json_a_fence_or_prose_around_it(answer: str) -> None:
    found = extract(answer, lambda value: value)
    assert found.ok
    assert found.value == VALUE


def test_an_answer_without_a_valid_value_says_why() -> None:
    def movie(value: Any) -> Any:
        return ResponseFormat(Movie).validate(value)

    assert extract("I would rather not.", movie).errors[0].startswith("the answer is not JSON")
    assert extract('{"title": "Up"}', movie).errors == ["year: Field required"]
    assert extract(None, movie).errors == ["the answer has no content: a JSON value was expected"]


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    ),
    st.text(alphabet="abc .!\n", max_size=20),
    st.text(alphabet="abc .!\n", max_size=20),
)
def test_any_object_amid_prose_without_brackets_is_found(value: Any, before: str, after: str) -> None:
    wrapped = {"value": value}
    answer = f"{before}{json.dumps(wrapped)}{after}"
    assert json.dumps(wrapped) in list(candidates(answer))
    assert (
        extract(answer, lambda found: found if isinstance(found, dict) and "value" in found else _refuse()).value
        == wrapped
    )


def _refuse() -> Any:
    raise ValueError("not the wrapped object")
