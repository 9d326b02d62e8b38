"""The breaking-change guard: small spec changes of each kind, and the bump each one needs."""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tools.release import add_to_changelog, bumped, changelog_entry, decide, read_version, write_version
from tools.spec_diff import Change, compare, request_schemas

Edit = Callable[[dict[str, Any]], None]


def _drop_operation(spec: dict[str, Any]) -> None:
    del spec["paths"]["/providers/{name}"]


def _add_operation(spec: dict[str, Any]) -> None:
    spec["paths"]["/embeddings"] = {"post": {"operationId": "createEmbedding", "responses": {"200": {}}}}


def _drop_field(spec: dict[str, Any]) -> None:
    del spec["components"]["schemas"]["ModelSummary"]["properties"]["owned_by"]


def _add_field(spec: dict[str, Any]) -> None:
    spec["components"]["schemas"]["ModelSummary"]["properties"]["released"] = {"type": "string"}


def _drop_enum_value(spec: dict[str, Any]) -> None:
    spec["components"]["schemas"]["AudioOutputFormat"]["enum"].remove("ogg")


def _add_enum_value(spec: dict[str, Any]) -> None:
    spec["components"]["schemas"]["AudioOutputFormat"]["enum"].append("flac")


def _require_input(spec: dict[str, Any]) -> None:
    spec["components"]["schemas"]["AudioSpeechRequest"]["required"].append("voice")


def _require_output(spec: dict[str, Any]) -> None:
    spec["components"]["schemas"]["ModelSummary"].setdefault("required", []).append("owned_by")


def _reword(spec: dict[str, Any]) -> None:
    spec["info"]["description"] = "Reworded."


@pytest.mark.parametrize(
    ("edit", "bump", "words"),
    [
        (_drop_operation, "major", "operation removed: GET /providers/{name}"),
        (_add_operation, "minor", "operation added: POST /embeddings"),
        (_drop_field, "major", "ModelSummary.owned_by: property removed"),
        (_add_field, "minor", "ModelSummary.released: property added"),
        (_drop_enum_value, "major", "enum value removed: ogg"),
        (_add_enum_value, "minor", "enum value added: flac"),
        (_require_input, "major", "AudioSpeechRequest.voice: requests must now send it"),
        (_reword, "patch", "descriptions"),
    ],
)
def test_each_kind_of_change_needs_its_bump(spec: dict[str, Any], edit: Edit, bump: str, words: str) -> None:
    changed = copy.deepcopy(spec)
    edit(changed)
    changes = compare(spec, changed)
    assert decide(changes) == bump
    assert any(words in change.what for change in changes), [str(change) for change in changes]


def test_a_response_field_becoming_required_breaks_nobody(spec: dict[str, Any]) -> None:
    changed = copy.deepcopy(spec)
    _require_output(changed)
    assert "ModelSummary" not in request_schemas(spec)
    assert decide(compare(spec, changed)) == "patch"


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


def test_request_schemas_follow_references(spec: dict[str, Any]) -> None:
    inputs = request_schemas(spec)
    assert {"ChatCompletionRequest", "ChatMessage", "ChatTool", "AudioSpeechRequest"} <= inputs
    assert "ChatCompletionResponse" not in inputs


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
