"""The spec preview's verdict: the bump the changes need, against the version the spec's author gave."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from tools.preview import reflected, render, typescript_diff
from tools.release import bumped
from tools.spec_diff import compare


@pytest.mark.parametrize(
    ("base", "head", "bump", "ok"),
    [
        ("1.4.2", "2.0.0", "major", True),
        ("1.4.2", "1.5.0", "major", False),
        ("1.4.2", "1.5.0", "minor", True),
        ("1.4.2", "1.4.3", "minor", False),
        ("1.4.2", "1.4.3", "patch", True),
        ("1.4.2", "1.4.2", "patch", False),
        ("1.4.2", "1.4.2", None, True),
    ],
)
def test_the_version_must_move_as_far_as_the_bump(base: str, head: str, bump: str | None, ok: bool) -> None:
    assert reflected(base, head, bump) is ok


def _lower_a_request_maximum(spec: dict[str, Any]) -> str:
    request = spec["components"]["schemas"]["ChatCompletionRequest"]["properties"]
    name = next(name for name, field in request.items() if isinstance(field.get("maximum"), int | float))
    request[name]["maximum"] -= 1
    return name


def test_a_lowered_request_maximum_is_named_and_fails_until_the_major_moves(spec: dict[str, Any]) -> None:
    version = str(spec["info"]["version"])
    changed = copy.deepcopy(spec)
    name = _lower_a_request_maximum(changed)
    changed["info"]["version"] = bumped(version, "minor")
    changes = compare(spec, changed)
    text, ok = render(spec, changed, changes, ([], []), "", {"summary": "10 passed in 1.0s"}, "origin/main")
    assert not ok
    assert "**major**" in text
    assert f"{version} → {bumped(version, 'minor')}: not enough ❌ (needs a new major)" in text
    breaking = text.split("**Breaking**", 1)[1].split("**", 1)[0]
    assert f".{name}`: maximum changed from" in breaking
    changed["info"]["version"] = bumped(version, "major")
    text, ok = render(spec, changed, compare(spec, changed), ([], []), "", {"summary": "10 passed"}, "origin/main")
    assert ok
    assert "reflects it ✅" in text


def test_additions_pass_with_a_minor_and_fail_with_a_failing_test(spec: dict[str, Any]) -> None:
    changed = copy.deepcopy(spec)
    changed["components"]["schemas"]["ChatCompletionResponse"]["properties"]["zz_fingerprint"] = {"type": "string"}
    changed["info"]["version"] = bumped(str(spec["info"]["version"]), "minor")
    changes = compare(spec, changed)
    python = ([], ["`ccapi_generated.models.ChatCompletionResponse.zz_fingerprint: str | Unset`"])
    declarations = "+            zz_fingerprint?: string;"
    text, ok = render(spec, changed, changes, python, declarations, {"summary": "10 passed"}, "origin/main")
    assert ok
    assert "**minor**" in text
    assert "`ChatCompletionResponse.zz_fingerprint`: new field" in text
    assert "ChatCompletionResponse.zz_fingerprint: str | Unset" in text.split("### Python public API")[1]
    assert "zz_fingerprint?: string;" in text.split("### TypeScript declarations")[1]
    failing = {"summary": "1 failed, 9 passed", "failed": True}
    assert not render(spec, changed, changes, python, declarations, failing, "origin/main")[1]
    previous = {"summary": "10 passed", "previous_summary": "0.1.0: 1 failed", "previous_failed": ["t::x"]}
    text, ok = render(spec, changed, changes, python, declarations, previous, "origin/main")
    assert not ok  # the last release's own test fails: a break, so the minor is not enough
    assert "**major**" in text


def test_the_declaration_diff_reads_every_folder_of_the_build(tmp_path: Path) -> None:
    # tsc writes the generated types' declarations under generated/, beside index.d.ts.
    for side, field in (("base", ""), ("head", "    zz_fingerprint?: string;\n")):
        (tmp_path / side / "generated").mkdir(parents=True)
        (tmp_path / side / "index.d.ts").write_text("export * from './generated/schema.js';\n")
        (tmp_path / side / "generated" / "schema.d.ts").write_text(f"export interface Response {{\n{field}}}\n")
    diff = typescript_diff(tmp_path / "base", tmp_path / "head")
    assert "+++ head/generated/schema.d.ts" in diff
    assert "+    zz_fingerprint?: string;" in diff.splitlines()
