"""The contract between the runtime's parts is types, not conventions: the pipeline hands the generated layer one
object per wrapper kind (`_openings`), observers are found by their role (`CallObservers`), and deadlines and read
timeouts travel as values, never read back from what httpx sends or receives."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
PACKAGE = ROOT / "overlays" / "ccapi"
RUNTIME = sorted(path for path in PACKAGE.rglob("*.py") if "testing" not in path.parts and "_cli" not in path.parts)
TEMPLATES = sorted((ROOT / "generator-templates" / "resources").glob("*.jinja"))


def _source(path: Path) -> str:
    return path.read_text()


@pytest.mark.parametrize("path", RUNTIME, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_observers_are_found_by_role_not_by_position(path: Path) -> None:
    for node in ast.walk(ast.parse(_source(path))):
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute):
            assert node.value.attr != "observers", f"{path.name}:{node.lineno} picks an observer by position"


@pytest.mark.parametrize("path", RUNTIME, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_timeout_is_read_back_from_a_response(path: Path) -> None:
    """What a call may wait is the call's (`PipelineBase.read_timeout`, `Deadlines`), not what a request that was
    sent carries in its extensions."""
    read_back = re.compile(r"""response[\w.]*\.extensions(\.get\(|\[)\s*["']timeout""")
    for number, line in enumerate(_source(path).splitlines(), 1):
        assert not read_back.search(line), f"{path.name}:{number} reads a timeout back from a response's extensions"


def test_the_generated_layer_gets_one_opening_per_wrapper() -> None:
    """The resources pass what the pipeline opened to the wrapper the spec names, whole: no tuple to unpack."""
    for template in TEMPLATES:
        text = template.read_text()
        assert not re.search(r"^\s*\w+\s*,\s*\w+.*=\s*\{\{ aw \}\}self\._pipeline\.open_", text, re.M), template.name
        if "open_stream" in text:
            assert "Stream.opened(opening)" in text
        if "open_job" in text:
            assert "Job.opened(opening, poll_policy)" in text


def test_a_reappearing_convention_fails(tmp_path: Path) -> None:
    """The checks above can fail: a module that picks the spend observer by position or reads a timeout back."""
    bad = tmp_path / "_bad.py"
    bad.write_text(
        "def spending(self):\n    return self.observers[0]\n\n"
        "def pace(response):\n    return response.request.extensions.get('timeout')\n"
    )
    with pytest.raises(AssertionError, match="by position"):
        test_observers_are_found_by_role_not_by_position(bad)
    with pytest.raises(AssertionError, match="extensions"):
        test_no_timeout_is_read_back_from_a_response(bad)
