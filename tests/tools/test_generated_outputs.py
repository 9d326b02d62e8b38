"""The one list of what generation writes (tools/generated_tree.OUTPUTS), which `nox -s generate` and the
preview's copy of the tree both follow."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tools.generated_tree import OUTPUTS, is_generated

ROOT = Path(__file__).resolve().parents[2]


def test_each_output_is_committed_and_only_it_counts_as_generated() -> None:
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False).stdout  # noqa: S607
    names = tracked.splitlines() or [path.relative_to(ROOT).as_posix() for path in ROOT.rglob("*") if path.is_file()]
    for output in OUTPUTS.values():
        assert any(name == output or name.startswith(output + "/") for name in names), output
        assert is_generated(output)
        assert is_generated(f"{output}/inner/file.ts")
        assert not is_generated(f"{output}_beside")
    # The hand-written halves next to them are copied, not generated.
    assert not is_generated("clients/typescript/src/index.ts")
    assert not is_generated("docs/index.md")
    assert not is_generated("overlays/ccapi/__init__.py")
