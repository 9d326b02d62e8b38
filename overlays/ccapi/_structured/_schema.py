"""The strict JSON schema of a type, made as the openai package makes it, and the response format that carries it.

A type is a pydantic model, a dataclass, a TypedDict or anything else pydantic's `TypeAdapter` can validate. Strict
mode (what OpenAI's `json_schema` format with `strict: true` accepts) wants every property required, no property
beyond those named (`additionalProperties: false`), and a `$ref` alone in its object; nullable fields stay unions
with `null`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from pydantic import TypeAdapter

T = TypeVar("T")

_NAME_UNSAFE = re.compile(r"[^a-zA-Z0-9_-]")


def strict_json_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` (pydantic's), made strict: a new dict, the argument left as it was."""
    import copy

    root = copy.deepcopy(schema)
    return _strict(root, root)


def _strict(node: Any, root: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(node, dict):
        raise TypeError(f"a JSON schema must be an object, not {node!r}")
    for key in ("$defs", "definitions"):
        for name, definition in (node.get(key) or {}).items():
            node[key][name] = _strict(definition, root)
    if node.get("type") == "object" and "additionalProperties" not in node:
        node["additionalProperties"] = False
    properties = node.get("properties")
    if isinstance(properties, dict):
        node["required"] = list(properties)
        node["properties"] = {name: _strict(value, root) for name, value in properties.items()}
    if isinstance(node.get("items"), dict):
        node["items"] = _strict(node["items"], root)
    if isinstance(node.get("anyOf"), list):
        node["anyOf"] = [_strict(option, root) for option in node["anyOf"]]
    all_of = node.get("allOf")
    if isinstance(all_of, list):
        if len(all_of) == 1:  # pydantic's way of describing a reference: the reference itself
            node.pop("allOf")
            node.update(_strict(all_of[0], root))
        else:
            node["allOf"] = [_strict(option, root) for option in all_of]
    if "default" in node and node["default"] is None:  # a nullable field is required anyway; null says nothing
        node.pop("default")
    ref = node.get("$ref")
    if isinstance(ref, str) and len(node) > 1:  # strict mode wants a $ref alone: put what it names in its place
        node.pop("$ref")
        for key, value in _resolve(root, ref).items():
            node.setdefault(key, value)
        return _strict(node, root)
    return node


def _resolve(root: dict[str, Any], ref: str) -> dict[str, Any]:
    if not ref.startswith("#/"):
        raise ValueError(f"cannot resolve {ref!r}: only references inside the schema (#/...) are supported")
    target: Any = root
    for part in ref[2:].split("/"):
        target = target[part]
    if not isinstance(target, dict):
        raise ValueError(f"{ref!r} names no schema")
    return target


def schema_name(kind: Any) -> str:
    """A name OpenAI accepts for a schema (letters, digits, `_` and `-`, at most 64) from a type's name."""
    name = getattr(kind, "__name__", None) or type(kind).__name__
    return _NAME_UNSAFE.sub("_", str(name))[:64] or "response"


def require_pydantic(feature: str) -> None:
    """Raise, naming the extra to install, when pydantic is not there: `feature` needs it, and a bare "No module
    named 'pydantic'" from deep inside the SDK would not say what to do."""
    try:
        import pydantic  # noqa: F401
    except ImportError as missing:
        raise ModuleNotFoundError(
            f"{feature} needs pydantic, in the structured extra: pip install 'ccapi-sdk[structured]'", name="pydantic"
        ) from missing


class ResponseFormat(Generic[T]):
    """What `parse` asks for and checks an answer against: a type's strict schema, and its validator."""

    def __init__(self, kind: type[T] | Any) -> None:
        require_pydantic("response_format as a type (chat.completions.parse, .stream)")
        from pydantic import TypeAdapter

        if (isinstance(kind, type) and issubclass(kind, (str, int, float, bool))) or kind is None:
            raise TypeError(f"response_format must be a pydantic model, a dataclass or a TypedDict, not {kind!r}")
        from pydantic import PydanticUserError

        self.kind = kind
        try:
            self.adapter: TypeAdapter[T] = TypeAdapter(kind)
            self.name = schema_name(kind)
            self.schema = strict_json_schema(self.adapter.json_schema())
        except PydanticUserError as error:  # a type pydantic cannot validate (or describe), said before sending
            raise TypeError(f"response_format {kind!r} is not a type pydantic can validate: {error}") from error

    def param(self) -> dict[str, Any]:
        """The `response_format` request field."""
        return {"type": "json_schema", "json_schema": {"name": self.name, "schema": self.schema, "strict": True}}

    def validate(self, value: Any) -> T:
        """The value as a `T` (pydantic's ValidationError if it is not one)."""
        return self.adapter.validate_python(value)


def is_type_format(response_format: Any) -> bool:
    """Whether `response_format` names a type to parse into (else it is a request field, sent as it is)."""
    from collections.abc import Mapping

    return (
        response_format is not None and not isinstance(response_format, Mapping) and not _is_generated(response_format)
    )


def _is_generated(value: Any) -> bool:
    return type(value).__module__.startswith("ccapi_generated.")
