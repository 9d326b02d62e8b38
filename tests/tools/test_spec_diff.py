"""The breaking-change guard: small spec changes of each kind, and the bump each one needs."""

from __future__ import annotations

import copy
import datetime
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tools.release import add_to_changelog, bumped, changelog_entry, decide, read_version, write_version
from tools.spec_diff import Change, compare, open_enums

# An edit changes a copy of the spec and returns words the classifier must use for that change. Each edit starts
# from what the spec holds (an existing optional field, an existing maximum, ...), and what it adds is named `zz_...`,
# which no real change to the spec takes: the cases hold whatever the spec grows into.
Edit = Callable[[dict[str, Any]], str]
METHODS = ("get", "put", "post", "delete", "patch")


def _schemas(spec: dict[str, Any]) -> dict[str, Any]:
    schemas: dict[str, Any] = spec["components"]["schemas"]
    return schemas


def _resolve(spec: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def _fresh(taken: Any, name: str) -> str:
    """`name`, checked to be new where it goes: a spec that took it already makes the case skip, saying so."""
    if name in taken:
        pytest.skip(f"the spec already has {name!r}; this case needs a name no real change takes")
    return name


def _operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(path, method, operation) for path, item in spec["paths"].items()
            for method, operation in item.items() if method in METHODS]  # fmt: skip


def _json_schema(spec: dict[str, Any], holder: Any) -> tuple[str, dict[str, Any]] | None:
    """The component schema (name, node) that a request body or response refers to, if it names one."""
    schema = (_resolve(spec, holder) or {}).get("content", {}).get("application/json", {}).get("schema", {})
    ref = schema.get("$ref", "") if isinstance(schema, dict) else ""
    if not ref.startswith("#/components/schemas/"):
        return None
    name = ref.rsplit("/", 1)[1]
    return name, spec["components"]["schemas"][name]


def _request_schema(spec: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A request body's schema with required and optional properties (the chat request, in today's spec)."""
    for _, _, operation in _operations(spec):
        found = _json_schema(spec, operation.get("requestBody"))
        if found and found[1].get("required") and set(found[1].get("properties", {})) - set(found[1]["required"]):
            return found
    pytest.skip("the spec has no request body with both required and optional properties")


def _response_schema(spec: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A JSON response's schema with required properties."""
    for _, _, operation in _operations(spec):
        found = _json_schema(spec, operation.get("responses", {}).get("200"))
        if found and found[1].get("required"):
            return found
    pytest.skip("the spec has no JSON response with required properties")


def _request_properties(spec: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(name, schema) of every property a request body can hold, nested ones included, references followed."""
    found: list[tuple[str, dict[str, Any]]] = []
    seen: set[int] = set()

    def walk(node: Any) -> None:
        node = _resolve(spec, node)
        if not isinstance(node, dict) or id(node) in seen:
            return
        seen.add(id(node))
        for name, value in (node.get("properties") or {}).items():
            found.append((name, value))
            walk(value)
        for key in ("items", "additionalProperties"):
            walk(node.get(key))
        for key in ("anyOf", "oneOf", "allOf"):
            for branch in node.get(key) or []:
                walk(branch)

    for _, _, operation in _operations(spec):
        body = _resolve(spec, operation.get("requestBody") or {})
        walk(body.get("content", {}).get("application/json", {}).get("schema"))
    return found


def _request_property(spec: dict[str, Any], what: str, test: Callable[[dict[str, Any]], bool]) -> tuple[str, Any]:
    for name, schema in _request_properties(spec):
        if test(schema):
            return name, schema
    pytest.skip(f"no request property of the spec has {what}")


def _query_operation(spec: dict[str, Any]) -> dict[str, Any]:
    for _, method, operation in _operations(spec):
        if method == "get" and "parameters" in operation:
            return operation
    pytest.skip("the spec has no GET operation with parameters")


def _drop_operation(spec: dict[str, Any]) -> str:
    path, method, _ = _operations(spec)[-1]
    del spec["paths"][path][method]
    if not spec["paths"][path]:
        del spec["paths"][path]
    return f"operation {method.upper()} {path}"


def _add_operation(spec: dict[str, Any]) -> str:
    path = _fresh(spec["paths"], "/zz_embeddings")
    spec["paths"][path] = {"post": {"operationId": "zzCreateEmbedding", "responses": {"200": {"description": "ok"}}}}
    return f"operation POST {path}"


def _add_field(spec: dict[str, Any]) -> str:
    name, schema = _response_schema(spec)
    schema["properties"][_fresh(schema["properties"], "zz_released")] = {"type": "string"}
    return f"`{name}.zz_released`: new field"


def _add_optional_request_field(spec: dict[str, Any]) -> str:
    _, schema = _request_schema(spec)
    schema["properties"][_fresh(schema["properties"], "zz_penalty")] = {"type": "number"}
    return "zz_penalty"


def _add_query_parameter(spec: dict[str, Any]) -> str:
    parameters = _query_operation(spec)["parameters"]
    names = {_resolve(spec, parameter).get("name") for parameter in parameters}
    parameters.append({"name": _fresh(names, "zz_q"), "in": "query", "schema": {"type": "string"}})
    return "query parameter `zz_q`"


def _drop_request_enum_value(spec: dict[str, Any]) -> str:
    opened = {id(spec["components"]["schemas"][name]) for name in open_enums(spec)}

    def closed_enum(schema: dict[str, Any]) -> bool:
        target = _resolve(spec, schema)
        return len(target.get("enum") or []) > 1 and id(target) not in opened

    name, schema = _request_property(spec, "a closed enum", closed_enum)
    _resolve(spec, schema)["enum"].pop()
    return name


def _add_open_enum_value(spec: dict[str, Any]) -> str:
    names = sorted(name for name in open_enums(spec) if "enum" in spec["components"]["schemas"][name])
    if not names:
        pytest.skip("the spec has no open enum (anyOf: [an enum, any string])")
    values = spec["components"]["schemas"][names[0]]["enum"]
    values.append(_fresh(values, "zz_cancelled"))
    return f"`{names[0]}`: new value `zz_cancelled`"


def _require_input(spec: dict[str, Any]) -> str:
    _, schema = _request_schema(spec)
    optional = next(name for name in schema["properties"] if name not in schema["required"])
    schema["required"].append(optional)
    return optional


def _new_required_request_field(spec: dict[str, Any]) -> str:
    _, schema = _request_schema(spec)
    schema["properties"][_fresh(schema["properties"], "zz_region")] = {"type": "string"}
    schema["required"].append("zz_region")
    return "zz_region"


def _request_type_changed(spec: dict[str, Any]) -> str:
    name, schema = _request_property(spec, "a plain string type", lambda s: s.get("type") == "string" and len(s) <= 3)
    schema["type"] = "integer"
    return name


def _lower_a_maximum(spec: dict[str, Any]) -> str:
    name, schema = _request_property(spec, "a maximum", lambda s: isinstance(s.get("maximum"), int | float))
    schema["maximum"] = schema["maximum"] - 1
    return name


def _response_field_made_optional(spec: dict[str, Any]) -> str:
    _, schema = _response_schema(spec)
    return str(schema["required"].pop())


def _nullability_changed(spec: dict[str, Any]) -> str:
    name, schema = _request_property(spec, "a nullable union", lambda s: {"type": "null"} in (s.get("anyOf") or []))
    schema["anyOf"] = [branch for branch in schema["anyOf"] if branch != {"type": "null"}]
    return name


def _default_changed(spec: dict[str, Any]) -> str:
    name, schema = _request_property(spec, "a boolean default", lambda s: isinstance(s.get("default"), bool))
    schema["default"] = not schema["default"]
    return name


def _body_removed(spec: dict[str, Any]) -> str:
    for path, method, operation in _operations(spec):
        response = operation.get("responses", {}).get("200", {})
        if method == "get" and "content" in response:
            del response["content"]
            return f"GET {path}"
    pytest.skip("the spec has no GET operation with a response body")


def _format_changed(spec: dict[str, Any]) -> str:
    name, schema = _request_property(spec, "a string format", lambda s: s.get("format") in ("uri", "uri-reference"))
    schema["format"] = "uri-reference" if schema["format"] == "uri" else "uri"
    return name


def _reword(spec: dict[str, Any]) -> str:
    spec["info"]["description"] = str(spec["info"].get("description", "")) + " Reworded."
    return "info.description"


@pytest.mark.parametrize(
    ("edit", "bump"),
    [
        (_drop_operation, "major"),
        (_add_operation, "minor"),
        (_add_field, "minor"),
        (_add_optional_request_field, "minor"),
        (_add_query_parameter, "minor"),
        (_drop_request_enum_value, "major"),
        (_add_open_enum_value, "minor"),
        (_require_input, "major"),
        (_new_required_request_field, "major"),
        (_request_type_changed, "major"),
        (_lower_a_maximum, "major"),
        (_response_field_made_optional, "major"),
        (_nullability_changed, "major"),
        (_default_changed, "major"),
        (_body_removed, "major"),
        (_format_changed, "major"),
        (_reword, "patch"),
    ],
    ids=lambda value: value.__name__.strip("_") if callable(value) else value,
)
def test_each_kind_of_change_needs_its_bump(spec: dict[str, Any], edit: Edit, bump: str) -> None:
    changed = copy.deepcopy(spec)
    words = edit(changed)
    assert changed != spec
    changes = compare(spec, changed)
    assert decide(changes) == bump, [f"{change.kind}: {change}" for change in changes]
    assert any(words in change.what for change in changes), (words, [str(change) for change in changes])


def test_each_change_is_one_line_in_plain_words_naming_the_operations_it_reaches(spec: dict[str, Any]) -> None:
    changed = copy.deepcopy(spec)
    _, response = _response_schema(changed)
    response["properties"][_fresh(response["properties"], "zz_fingerprint")] = {"type": "string"}
    _add_query_parameter(changed)
    shared = max(_schemas(changed), key=lambda name: _references(changed, name))  # reached by the most operations
    _schemas(changed)[shared].setdefault("properties", {})["zz_window"] = {"type": "integer"}
    changes = compare(spec, changed)
    assert decide(changes) == "minor"
    lines = [change.what for change in changes]
    assert len(lines) == 3, lines  # one line for each change, however many schemas and operations reach it
    assert any(line.startswith("`") and "zz_fingerprint`: new field (in " in line for line in lines), lines
    assert any(line.endswith("added query parameter `zz_q`") for line in lines), lines
    (window,) = [line for line in lines if "zz_window" in line]
    assert window.startswith(f"`{shared}.zz_window`: new field (in ")
    assert window.count(", ") + 1 == len(_operations_reaching(changed, shared)), window
    assert all("  " not in line for line in lines), lines


def _references(spec: dict[str, Any], name: str) -> int:
    return len(_operations_reaching(spec, name)) if "properties" in _schemas(spec)[name] else 0


def _operations_reaching(spec: dict[str, Any], name: str) -> set[str]:
    """The operations whose request or responses reach the schema `name`, through any references."""
    import json

    target = f"#/components/schemas/{name}"
    reaching: set[str] = set()
    for path, method, operation in _operations(spec):
        seen: set[str] = set()
        pending = [json.dumps(operation)]
        while pending:
            text = pending.pop()
            if f'"{target}"' in text:
                reaching.add(f"{method.upper()} {path}")
                break
            for ref in set(re.findall(r'"#/components/(\w+)/(\w+)"', text)):
                key = "/".join(ref)
                if key not in seen:
                    seen.add(key)
                    pending.append(json.dumps(spec["components"][ref[0]][ref[1]]))
    return reaching


def test_an_optional_response_field_that_changes_type_is_breaking(spec: dict[str, Any]) -> None:
    changed = copy.deepcopy(spec)
    _, response = _response_schema(changed)
    optional = next((name for name, field in response["properties"].items()
                     if name not in response["required"] and field.get("type") == "string"), None)  # fmt: skip
    if optional is None:
        pytest.skip("the response has no optional string field")
    response["properties"][optional]["type"] = "integer"
    assert decide(compare(spec, changed)) == "major"


def test_a_newly_required_query_parameter_is_breaking(spec: dict[str, Any]) -> None:
    changed = copy.deepcopy(spec)
    parameters = changed["paths"]["/models"]["get"]["parameters"]
    parameters.append({"name": "zz_region", "in": "query", "required": True, "schema": {"type": "string"}})
    assert decide(compare(spec, changed)) == "major"
    parameters[-1]["required"] = False
    assert decide(compare(spec, changed)) == "minor"


def test_an_unchanged_spec_needs_no_release(spec: dict[str, Any]) -> None:
    assert compare(spec, copy.deepcopy(spec)) == []
    assert decide([]) is None


@pytest.mark.parametrize(
    ("version", "bump", "expected"),
    [("0.1.0", "major", "1.0.0"), ("1.4.2", "minor", "1.5.0"), ("1.4.2", "patch", "1.4.3")],
)
def test_bumps(version: str, bump: str, expected: str) -> None:
    assert bumped(version, bump) == expected


def test_version_and_changelog_are_written(tmp_path: Path) -> None:
    version_file = tmp_path / "_version.py"
    version_file.write_text('"""doc"""\n\n__version__ = "1.2.3"\n', encoding="utf-8")
    write_version("2.0.0", version_file)
    assert read_version(version_file) == "2.0.0"
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text("# Changelog\n\n## [Unreleased]\n\n## [1.2.3] - 2026-01-01\n\nOld.\n", encoding="utf-8")
    changes = [Change("breaking", "operation removed: GET /x"), Change("addition", "schema added: Y")]
    add_to_changelog(changelog_entry("2.0.0", "1.1.0", changes, datetime.date(2026, 2, 1)), changelog)
    text = changelog.read_text(encoding="utf-8")
    assert text.index("## [Unreleased]") < text.index("## [2.0.0] - 2026-02-01") < text.index("## [1.2.3]")
    assert "Generated from CCAPI spec 1.1.0." in text
    assert "- operation removed: GET /x" in text
    assert "### Added\n\n- schema added: Y" in text


def test_the_python_api_guard_finds_a_removed_model_field_and_parameter(tmp_path: Path) -> None:
    import shutil

    from tools.release import ROOT, api_breakages

    working = [ROOT / "overlays", ROOT / "generated"]
    assert api_breakages(working, working) == []
    shutil.copytree(ROOT / "generated" / "ccapi_generated", tmp_path / "ccapi_generated")
    shutil.copytree(ROOT / "overlays" / "ccapi", tmp_path / "ccapi")
    model = tmp_path / "ccapi_generated" / "models" / "model_summary.py"
    model.write_text(model.read_text().replace("    owned_by: str | Unset = UNSET\n", ""))
    client = tmp_path / "ccapi" / "_sync" / "_client.py"  # CCAPI, as tools/unasync.py writes it
    client.write_text(client.read_text().replace("        timeout: Timeout = DEFAULT_TIMEOUT,\n", "", 1))
    found = [str(change) for change in api_breakages(working, [tmp_path])]
    assert any("ModelSummary.owned_by" in line and "removed" in line for line in found), found
    assert any("CCAPI.__init__(timeout)" in line for line in found), found
    assert all("\x1b" not in line for line in found)


def _wheel_of_the_tree(where: Path, name: str = "ccapi-sdk", spec_text: str | None = None) -> Path:
    """A wheel as `nox -s build` makes it, from the working tree (only what the release guard reads)."""
    import zipfile

    from tools.release import ROOT

    wheel = where / f"{name.replace('-', '_')}-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for root, package in ((ROOT / "overlays", "ccapi"), (ROOT / "generated", "ccapi_generated")):
            for path in (root / package).rglob("*"):
                if path.is_file() and "__pycache__" not in path.parts:
                    archive.write(path, path.relative_to(root).as_posix())
        archive.writestr("ccapi/testing/openapi.yaml", spec_text or (ROOT / "openapi.yaml").read_text())
        archive.writestr(f"{name.replace('-', '_')}-0.1.0.dist-info/METADATA", f"Metadata-Version: 2.4\nName: {name}\n")
    return wheel


def _working_copy(tmp_path: Path) -> tuple[Path, list[Path]]:
    import shutil

    from tools.release import ROOT

    shutil.copy(ROOT / "openapi.yaml", tmp_path / "openapi.yaml")
    shutil.copytree(
        ROOT / "overlays" / "ccapi", tmp_path / "tree" / "ccapi", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(
        ROOT / "generated" / "ccapi_generated", tmp_path / "tree" / "ccapi_generated",
        ignore=shutil.ignore_patterns("__pycache__"),
    )  # fmt: skip
    return tmp_path / "openapi.yaml", [tmp_path / "tree"]


def test_no_change_releases_nothing_and_an_overlay_fix_is_a_patch(tmp_path: Path) -> None:
    from tools.release import changes_since

    wheel = _wheel_of_the_tree(tmp_path)
    spec_path, roots = _working_copy(tmp_path)
    assert decide(changes_since(wheel, spec_path, roots)) is None
    retry = roots[0] / "ccapi" / "_retry.py"
    jitter = "random.uniform(0, policy.initial_delay)"  # a fix in a function body: no public name or signature changes
    retry.write_text(retry.read_text().replace(jitter, "random.uniform(0, policy.initial_delay / 2)"))
    changes = changes_since(wheel, spec_path, roots)
    assert decide(changes) == "patch"
    assert any("ccapi/_retry.py" in change.what for change in changes)


def test_a_changed_annotation_is_a_python_api_break(tmp_path: Path) -> None:
    from tools.release import changes_since

    wheel = _wheel_of_the_tree(tmp_path)
    spec_path, roots = _working_copy(tmp_path)
    model = roots[0] / "ccapi_generated" / "models" / "chat_completion_response.py"
    model.write_text(model.read_text().replace("    created: int\n", "    created: str\n"))
    changes = changes_since(wheel, spec_path, roots)
    assert decide(changes) == "major"
    assert any("ChatCompletionResponse.created: type changed: int -> str" in change.what for change in changes)


def test_a_baseline_of_another_package_is_refused(tmp_path: Path) -> None:
    from tools.release import NotOurRelease, changes_since

    wheel = _wheel_of_the_tree(tmp_path, name="ccapi")  # public PyPI's unrelated `ccapi`
    spec_path, roots = _working_copy(tmp_path)
    with pytest.raises(NotOurRelease, match="not a release of ccapi-sdk"):
        changes_since(wheel, spec_path, roots)
    junk = tmp_path / "ccapi_sdk-9.9.9-py3-none-any.whl"
    junk.write_text("not a zip")
    with pytest.raises(NotOurRelease, match="not a wheel"):
        changes_since(junk, spec_path, roots)


def test_a_spec_change_without_a_new_version_is_refused(tmp_path: Path, spec: dict[str, Any]) -> None:
    import yaml

    from tools.release import SpecVersionNotBumped, changes_since

    wheel = _wheel_of_the_tree(tmp_path)
    spec_path, roots = _working_copy(tmp_path)
    changed = copy.deepcopy(spec)
    _add_field(changed)
    spec_path.write_text(yaml.safe_dump(changed, sort_keys=False))
    with pytest.raises(SpecVersionNotBumped, match=r"info\.version"):
        changes_since(wheel, spec_path, roots)
    changed["info"]["version"] = "99.0.0"  # any version but the released one
    spec_path.write_text(yaml.safe_dump(changed, sort_keys=False))
    assert decide(changes_since(wheel, spec_path, roots)) == "minor"


def test_a_version_released_twice_has_one_changelog_section(tmp_path: Path) -> None:
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text("# Changelog\n\n## [0.1.0] - 2026-01-01\n\nFirst.\n", encoding="utf-8")
    for day in (2, 3):  # the index lagged: the same version decided again
        entry = changelog_entry("0.2.0", "1.1.0", [Change("addition", f"try {day}")], datetime.date(2026, 2, day))
        add_to_changelog(entry, changelog)
    text = changelog.read_text(encoding="utf-8")
    assert text.count("## [0.2.0]") == 1
    assert "try 3" in text
    assert "try 2" not in text
    assert "## [0.1.0] - 2026-01-01" in text


def test_the_unreleased_notes_move_into_the_release_that_ships_them(tmp_path: Path) -> None:
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text(
        "# Changelog\n\n## [Unreleased]\n\nNotes by hand until the next release.\n\n### Fixed\n\n- A fix.\n\n"
        "### Added\n\n- A hand note,\n  on two lines.\n\n## [0.1.0] - 2026-01-01\n\nFirst.\n",
        encoding="utf-8",
    )
    for day in (2, 3):  # a second attempt at the same version keeps the notes the first one moved
        entry = changelog_entry("0.2.0", "1.1.0", [Change("addition", "`X.y`: new field")], datetime.date(2026, 2, day))
        add_to_changelog(entry, changelog)
    text = changelog.read_text(encoding="utf-8")
    unreleased, release = text.split("## [0.2.0] - 2026-02-03")
    assert unreleased.endswith("## [Unreleased]\n\nNotes by hand until the next release.\n\n")
    assert (
        "### Added\n\n- `X.y`: new field\n<!-- written by hand before the release -->\n- A hand note,\n  on two"
        in release
    )
    assert "### Fixed\n\n<!-- written by hand before the release -->\n- A fix.\n" in release
    assert release.count("A hand note") == 1
    assert release.index("A fix.") < release.index("## [0.1.0]")
    assert release.index("### Added") < release.index("### Fixed")  # Keep a Changelog's order, whoever wrote them
