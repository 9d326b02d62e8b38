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


def _package_tree(root: Path, *, added: bool) -> Path:
    """A minimal copy of the two packages: a public model, and the generator's low-level client the wheel leaves out."""
    (root / "ccapi").mkdir(parents=True)
    (root / "ccapi" / "__init__.py").write_text("", encoding="utf-8")
    generated = root / "ccapi_generated"
    (generated / "api").mkdir(parents=True)
    (generated / "__init__.py").write_text("", encoding="utf-8")
    (generated / "client.py").write_text("class Client:\n    base_url: str\n", encoding="utf-8")
    (generated / "models.py").write_text(
        "class ZzModel:\n    id: str\n" + ("    zz_added: int\n" if added else ""), encoding="utf-8"
    )
    (generated / "api" / "__init__.py").write_text(
        "def zz_list(client: object) -> int:\n    return 0\n" if added else "", encoding="utf-8"
    )
    return root


def test_the_python_section_lists_only_what_the_wheel_carries(tmp_path: Path) -> None:
    # The trees the preview reads also hold the generator's own low-level client (api/, client.py), which the wheel
    # leaves out: a user never meets `ccapi_generated.api...`, so an addition there is not theirs to read about.
    from tools.preview import python_api_changes

    base = _package_tree(tmp_path / "base", added=False)
    head = _package_tree(tmp_path / "head", added=True)
    breaks, added = python_api_changes([base], [head])
    assert breaks == []
    assert added == ["`ccapi_generated.models.ZzModel.zz_added: int`"]
