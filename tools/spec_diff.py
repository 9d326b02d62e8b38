"""What changed between two versions of openapi.yaml, and whether it breaks clients.

Breaking: a removed operation, schema, property or enum value; a property or parameter that requests must now
send. Additions (a new operation, property, enum value, optional parameter) are minor; anything else (a
description, an example) is a patch.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


@attrs.frozen
class Change:
    kind: str  # "breaking", "addition" or "other"
    what: str

    def __str__(self) -> str:
        return self.what


def _operations(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        f"{method.upper()} {path}": operation
        for path, item in (spec.get("paths") or {}).items()
        for method, operation in item.items()
        if method in METHODS
    }


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            yield ref.rsplit("/", 1)[1]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def request_schemas(spec: dict[str, Any]) -> set[str]:
    """The component schemas a request body can contain, directly or through other schemas."""
    schemas = (spec.get("components") or {}).get("schemas") or {}
    pending = [name for operation in _operations(spec).values() for name in _refs(operation.get("requestBody"))]
    found: set[str] = set()
    while pending:
        name = pending.pop()
        if name in found or name not in schemas:
            continue
        found.add(name)
        pending.extend(_refs(schemas[name]))
    return found


def _enums(node: Any, where: str) -> Iterator[tuple[str, frozenset[Any]]]:
    if isinstance(node, dict):
        if isinstance(node.get("enum"), list):
            yield where, frozenset(node["enum"])
        for key, value in node.items():
            yield from _enums(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _enums(value, f"{where}[{index}]")


def _parameters(operation: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f"{p.get('in')}:{p.get('name')}": p for p in operation.get("parameters") or [] if "name" in p}


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every change from `old` to `new` that matters to a client, breaking ones first."""
    changes: list[Change] = []
    old_ops, new_ops = _operations(old), _operations(new)
    changes += [Change("breaking", f"operation removed: {name}") for name in sorted(old_ops.keys() - new_ops.keys())]
    changes += [Change("addition", f"operation added: {name}") for name in sorted(new_ops.keys() - old_ops.keys())]
    for name in sorted(old_ops.keys() & new_ops.keys()):
        before, after = _parameters(old_ops[name]), _parameters(new_ops[name])
        for key in sorted(before.keys() - after.keys()):
            changes.append(Change("breaking", f"{name}: parameter removed: {key}"))
        for key in sorted(after.keys() - before.keys()):
            kind = "breaking" if after[key].get("required") else "addition"
            changes.append(Change(kind, f"{name}: parameter added{' (required)' if kind == 'breaking' else ''}: {key}"))
        for key in sorted(before.keys() & after.keys()):
            if after[key].get("required") and not before[key].get("required"):
                changes.append(Change("breaking", f"{name}: parameter now required: {key}"))

    old_schemas = (old.get("components") or {}).get("schemas") or {}
    new_schemas = (new.get("components") or {}).get("schemas") or {}
    inputs = request_schemas(new)
    changes += [Change("breaking", f"schema removed: {n}") for n in sorted(old_schemas.keys() - new_schemas.keys())]
    changes += [Change("addition", f"schema added: {n}") for n in sorted(new_schemas.keys() - old_schemas.keys())]
    for name in sorted(old_schemas.keys() & new_schemas.keys()):
        before, after = old_schemas[name], new_schemas[name]
        old_props, new_props = set(before.get("properties") or {}), set(after.get("properties") or {})
        changes += [Change("breaking", f"{name}.{p}: property removed") for p in sorted(old_props - new_props)]
        changes += [Change("addition", f"{name}.{p}: property added") for p in sorted(new_props - old_props)]
        newly_required = set(after.get("required") or []) - set(before.get("required") or [])
        if name in inputs:
            changes += [Change("breaking", f"{name}.{p}: requests must now send it") for p in sorted(newly_required)]
        old_enums, new_enums = dict(_enums(before, name)), dict(_enums(after, name))
        for where in sorted(old_enums.keys() & new_enums.keys()):
            for value in sorted(map(str, old_enums[where] - new_enums[where])):
                changes.append(Change("breaking", f"{where}: enum value removed: {value}"))
            for value in sorted(map(str, new_enums[where] - old_enums[where])):
                changes.append(Change("addition", f"{where}: enum value added: {value}"))
    if not changes and old != new:
        changes.append(Change("other", "descriptions, examples or other details changed"))
    order = {"breaking": 0, "addition": 1, "other": 2}
    return sorted(changes, key=lambda change: order[change.kind])
