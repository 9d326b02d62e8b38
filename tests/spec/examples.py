"""Find every example in openapi.yaml, with the schema it must match."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs


@attrs.frozen
class Example:
    """One example value and the JSON pointer of the schema it illustrates."""

    where: str
    schema_pointer: str
    value: Any


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _resolve_example(spec: dict[str, Any], example: dict[str, Any]) -> Any:
    if "$ref" in example:
        name = example["$ref"].rsplit("/", 1)[1]
        return spec["components"]["examples"][name]["value"]
    return example["value"]


def find_examples(spec: dict[str, Any]) -> Iterator[Example]:
    """Walk the document; yield schema `examples`, media-type `examples` and parameter `example`s."""

    def walk(node: Any, pointer: str) -> Iterator[Example]:
        if isinstance(node, list):
            for index, item in enumerate(node):
                yield from walk(item, f"{pointer}/{index}")
            return
        if not isinstance(node, dict):
            return
        if "schema" in node and isinstance(node.get("examples"), dict):  # a media type object
            for name, example in node["examples"].items():
                yield Example(f"{pointer}/examples/{name}", f"{pointer}/schema", _resolve_example(spec, example))
        elif "schema" in node and "example" in node:  # a parameter
            yield Example(f"{pointer}/example", f"{pointer}/schema", node["example"])
        elif isinstance(node.get("examples"), list):  # a schema
            for index, value in enumerate(node["examples"]):
                yield Example(f"{pointer}/examples/{index}", pointer, value)
        for key, child in node.items():
            if key not in ("examples", "example"):  # example payloads are data, not more spec
                yield from walk(child, f"{pointer}/{_escape(key)}")

    yield from walk(spec, "")
