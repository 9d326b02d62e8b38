"""The breaking-change guard: small spec changes of each kind, and the bump each one needs."""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tools.release import add_to_changelog, bumped, changelog_entry, decide, read_version, write_version
from tools.spec_diff import Change, compare

Edit = Callable[[dict[str, Any]], None]


def _schemas(spec: dict[str, Any]) -> dict[str, Any]:
    schemas: dict[str, Any] = spec["components"]["schemas"]
    return schemas


def _drop_operation(spec: dict[str, Any]) -> None:
    del spec["paths"]["/providers/{name}"]


def _add_operation(spec: dict[str, Any]) -> None:
    spec["paths"]["/embeddings"] = {"post": {"operationId": "createEmbedding", "responses": {"200": {}}}}


def _add_field(spec: dict[str, Any]) -> None:
    _schemas(spec)["ModelSummary"]["properties"]["released"] = {"type": "string"}


def _add_optional_request_field(spec: dict[str, Any]) -> None:
    _schemas(spec)["ChatCompletionRequest"]["properties"]["frequency_penalty"] = {"type": "number"}


def _add_query_parameter(spec: dict[str, Any]) -> None:
    spec["paths"]["/models"]["get"]["parameters"].append({"name": "q", "in": "query", "schema": {"type": "string"}})


def _drop_request_enum_value(spec: dict[str, Any]) -> None:
    _schemas(spec)["MediaResponseFormat"]["enum"].remove("b64_json")


def _add_open_enum_value(spec: dict[str, Any]) -> None:
    _schemas(spec)["JobStatus"]["enum"].append("cancelled")


def _require_input(spec: dict[str, Any]) -> None:
    _schemas(spec)["AudioSpeechRequest"]["required"].append("voice")


def _new_required_request_field(spec: dict[str, Any]) -> None:
    request = _schemas(spec)["ChatCompletionRequest"]
    request["properties"]["region"] = {"type": "string"}
    request["required"].append("region")


def _request_type_changed(spec: dict[str, Any]) -> None:
    _schemas(spec)["ChatCompletionRequest"]["properties"]["user"]["type"] = "integer"


def _lower_a_maximum(spec: dict[str, Any]) -> None:
    _schemas(spec)["ChatCompletionRequest"]["properties"]["temperature"]["maximum"] = 1


def _response_field_made_optional(spec: dict[str, Any]) -> None:
    _schemas(spec)["ChatCompletionResponse"]["required"].remove("model")


def _nullability_changed(spec: dict[str, Any]) -> None:
    content = _schemas(spec)["ChatRequestMessage"]["properties"]["content"]
    content["anyOf"] = [branch for branch in content["anyOf"] if branch != {"type": "null"}]


def _default_changed(spec: dict[str, Any]) -> None:
    _schemas(spec)["ChatCompletionRequest"]["properties"]["stream"]["default"] = True


def _body_removed(spec: dict[str, Any]) -> None:
    del spec["paths"]["/models"]["get"]["responses"]["200"]["content"]


def _format_changed(spec: dict[str, Any]) -> None:
    _schemas(spec)["MultimodalImageGenerationRequest"]["properties"]["webhook_url"]["format"] = "uri-reference"


def _reword(spec: dict[str, Any]) -> None:
    spec["info"]["description"] = "Reworded."


@pytest.mark.parametrize(
    ("edit", "bump", "words"),
    [
        (_drop_operation, "major", "operation GET /providers/{name}"),
        (_add_operation, "minor", "operation POST /embeddings"),
        (_add_field, "minor", "ModelSummary.released: property added"),
        (_add_optional_request_field, "minor", "frequency_penalty"),
        (_add_query_parameter, "minor", "query parameter `q`"),
        (_drop_request_enum_value, "major", "response_format"),
        (_add_open_enum_value, "minor", "JobStatus: enum value added: cancelled"),
        (_require_input, "major", "voice"),
        (_new_required_request_field, "major", "region"),
        (_request_type_changed, "major", "user"),
        (_lower_a_maximum, "major", "temperature"),
        (_response_field_made_optional, "major", "model"),
        (_nullability_changed, "major", "content"),
        (_default_changed, "major", "stream"),
        (_body_removed, "major", "GET /models"),
        (_format_changed, "major", "webhook_url"),
        (_reword, "patch", "info.description"),
    ],
)
def test_each_kind_of_change_needs_its_bump(spec: dict[str, Any], edit: Edit, bump: str, words: str) -> None:
    changed = copy.deepcopy(spec)
    edit(changed)
    changes = compare(spec, changed)
    assert decide(changes) == bump, [f"{change.kind}: {change}" for change in changes]
    assert any(words in change.what for change in changes), [str(change) for change in changes]


def test_a_newly_required_query_parameter_is_breaking(spec: dict[str, Any]) -> None:
    changed = copy.deepcopy(spec)
    parameters = changed["paths"]["/models"]["get"]["parameters"]
    parameters.append({"name": "region", "in": "query", "required": True, "schema": {"type": "string"}})
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
    client = tmp_path / "ccapi" / "_client.py"
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
