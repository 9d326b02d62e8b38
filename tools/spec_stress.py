"""Random valid additive changes to the spec: what a spec owner adds in a minor release, drawn at random.

Each change adds one thing, named `zz_s<N>_...` so that it takes no name a real change could: an optional response
field, an optional request field, an optional query parameter, an operation, or a value of an open enum. Every one
must be classified minor, and the spec holding all of them must generate and pass the suite
(`tests/tools/test_spec_stress.py`, and `nox -s stress`, which runs the whole suite once on their combination).
"""

from __future__ import annotations

import copy
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tools.spec_diff import open_enums

METHODS = ("get", "put", "post", "delete", "patch")
SCALARS: list[dict[str, Any]] = [
    {"type": "string", "examples": ["zz"]},
    {"type": "integer", "minimum": 0, "examples": [3]},
    {"type": "number", "minimum": 0, "maximum": 1, "examples": [0.5]},
    {"type": "boolean", "examples": [True]},
    {"type": "array", "items": {"type": "string"}, "examples": [["zz"]]},
]
QUERY: list[dict[str, Any]] = [
    {"type": "string", "minLength": 1},
    {"type": "integer", "minimum": 0},
    {"type": "boolean"},
]


@dataclass(frozen=True)
class Addition:
    what: str  # "response field ChatCompletionResponse.zz_s3_field", ...
    name: str  # the name it adds
    kind: str  # "response field", "request field", "query parameter", "operation", "enum value"
    apply: Callable[[dict[str, Any]], None]
    shown: str = ""  # what the classifier names it by, when not by `name`
    resource: str = ""  # an operation's place in the client (`client.<resource>.<name>`)


def _resolve(spec: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(path, method, operation) for path, item in spec["paths"].items() for method, operation in item.items()
            if method in METHODS]  # fmt: skip


def _reachable(spec: dict[str, Any], roots: list[Any]) -> list[str]:
    """The component schemas with properties that `roots` reach, references and nesting followed (in spec order)."""
    names: list[str] = []
    seen: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
                name = ref.rsplit("/", 1)[1]
                if name not in seen:
                    seen.add(name)
                    target = spec["components"]["schemas"][name]
                    if isinstance(target.get("properties"), dict) and target.get("type", "object") == "object":
                        names.append(name)
                    walk(target)
                return
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for root in roots:
        walk(root)
    return sorted(names)


def _content_schemas(spec: dict[str, Any], holders: list[Any]) -> list[Any]:
    found = []
    for holder in holders:
        holder = _resolve(spec, holder)
        for media in (holder or {}).get("content", {}).values():
            found.append(media.get("schema"))
    return found


def _targets(spec: dict[str, Any]) -> dict[str, list[Any]]:
    operations = _operations(spec)
    responses = [response for _, _, operation in operations for response in operation.get("responses", {}).values()]
    bodies = [operation["requestBody"] for _, _, operation in operations if "requestBody" in operation]
    request_schemas = set(_reachable(spec, _content_schemas(spec, bodies)))
    # A schema that requests reach too gets request fields only: a response field there would be a request field.
    response_schemas = [name for name in _reachable(spec, _content_schemas(spec, responses))
                        if name not in request_schemas]  # fmt: skip
    gets = [(path, method) for path, method, operation in operations if method == "get"]
    # A new operation is made after an existing plain GET (its description, shared errors, headers and path
    # parameters), as the spec's own rules want every operation; it answers with some other plain response.
    templates = [path for path, method, operation in operations if method == "get"
                 and not operation.get("x-ccapi-wrapper")]  # fmt: skip
    plain_responses = sorted({
        str(_resolve(spec, response).get("content", {}).get("application/json", {}).get("schema", {}).get("$ref"))
        for _, _, operation in operations if not operation.get("x-ccapi-wrapper")
        for code, response in operation.get("responses", {}).items() if code == "200"
    } - {"None"})  # fmt: skip
    plain_responses = [(template, ref) for template in templates for ref in plain_responses]
    enums = sorted(
        name for name in open_enums(spec) if isinstance(spec["components"]["schemas"][name].get("enum"), list)
    )
    return {"response field": response_schemas, "request field": sorted(request_schemas), "query parameter": gets,
            "operation": plain_responses, "enum value": enums}  # fmt: skip


def additive_changes(spec: dict[str, Any], seed: int, count: int) -> list[Addition]:
    """`count` random additive changes that can be applied to `spec` together or alone."""
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    targets = _targets(spec)
    # zz_s...: unless the spec has such names already (a spec these changes were applied to), then zz_t..., ...
    text = json.dumps(spec)
    tag = next(letter for letter in "stuvwxyz" if f"zz_{letter}" not in text)
    resource = f"zz_{tag}stress"
    kinds = [kind for kind, found in targets.items() if found]
    changes: list[Addition] = []
    for number in range(count):
        kind = kinds[number % len(kinds)] if number < len(kinds) else rng.choice(kinds)
        target = rng.choice(targets[kind])
        prefix = f"zz_{tag}{number}"
        if kind in ("response field", "request field"):
            name, schema = f"{prefix}_field", copy.deepcopy(rng.choice(SCALARS))
            schema["description"] = f"Added by the stress test ({kind})."

            def apply(spec: dict[str, Any], target: str = target, name: str = name, schema: Any = schema) -> None:
                spec["components"]["schemas"][target]["properties"][name] = copy.deepcopy(schema)

            changes.append(Addition(f"{kind} {target}.{name}", name, kind, apply))
        elif kind == "query parameter":
            path, method = target
            name, schema = f"{prefix}_q", copy.deepcopy(rng.choice(QUERY))

            def apply(spec: dict[str, Any], path: str = path, method: str = method, name: str = name,
                      schema: Any = schema) -> None:  # fmt: skip
                spec["paths"][path][method].setdefault("parameters", []).append(
                    {"name": name, "in": "query", "description": "Added by the stress test.", "schema": schema}
                )

            changes.append(Addition(f"query parameter {name} of {method.upper()} {path}", name, kind, apply))
        elif kind == "operation":
            name, (template, ref) = f"{prefix}_get", target
            parameters = re.findall(r"\{[^}]+\}", template)
            path = f"/{resource}/{number}" + "".join(f"/{parameter}" for parameter in parameters)

            def apply(spec: dict[str, Any], name: str = name, ref: str = ref, path: str = path,
                      template: str = template, number: int = number) -> None:  # fmt: skip
                operation = copy.deepcopy(spec["paths"][template]["get"])
                operation.update({
                    "operationId": f"zzStress{tag.upper()}{number}", "summary": "Added by the stress test.",
                    "description": "An operation added by the stress test.", "x-ccapi-resource": resource,
                    "x-ccapi-method": name,
                })  # fmt: skip
                for key in [key for key in operation if key.startswith("x-") and key not in
                            ("x-ccapi-resource", "x-ccapi-method", "x-ccapi-unconfirmed")]:  # fmt: skip
                    del operation[key]
                success = copy.deepcopy(_resolve(spec, operation["responses"]["200"]))
                success["content"] = {"application/json": {"schema": {"$ref": ref}}}
                operation["responses"]["200"] = success
                spec["paths"][path] = {"get": operation}

            what = f"operation GET {path} ({resource}.{name})"
            changes.append(Addition(what, name, kind, apply, shown=path, resource=resource))
        else:
            name = f"{prefix}_value"

            def apply(spec: dict[str, Any], target: str = target, name: str = name) -> None:
                spec["components"]["schemas"][target]["enum"].append(name)

            changes.append(Addition(f"value {name} of the open enum {target}", name, kind, apply))
    return changes


def applied(spec: dict[str, Any], changes: list[Addition]) -> dict[str, Any]:
    """A copy of `spec` with `changes` applied and a new minor info.version."""
    changed = copy.deepcopy(spec)
    for change in changes:
        change.apply(changed)
    major, minor, *_ = str(changed["info"]["version"]).split(".")
    changed["info"]["version"] = f"{major}.{int(minor) + 1}.0"
    return changed


def main(argv: list[str] | None = None) -> int:
    """Write the changed specs `nox -s stress` tests: all.yaml (every change) and single-N.yaml (change N alone)."""
    import argparse
    from pathlib import Path

    import yaml

    parser = argparse.ArgumentParser(prog="python -m tools.spec_stress", description=main.__doc__)
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--singles", type=int, default=2)
    parser.add_argument("--spec", type=Path, default=Path(__file__).resolve().parents[1] / "openapi.yaml")
    parser.add_argument("output", type=Path)
    args = parser.parse_args(argv)
    spec = yaml.safe_load(args.spec.read_text(encoding="utf-8"))
    changes = additive_changes(spec, args.seed, args.count)
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "all.yaml").write_text(yaml.safe_dump(applied(spec, changes), sort_keys=False), encoding="utf-8")
    for number, change in enumerate(changes[: args.singles]):
        text = yaml.safe_dump(applied(spec, [change]), sort_keys=False)
        (args.output / f"single-{number}.yaml").write_text(text, encoding="utf-8")
        print(f"single-{number}.yaml: {change.what}")
    print(f"all.yaml: {len(changes)} changes (seed {args.seed})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
