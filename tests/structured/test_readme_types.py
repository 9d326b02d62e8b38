"""The README's Structured outputs and Tools examples type-check under `mypy --strict` as a user's program (pytest
runs them against the sandbox in tests/test_readme.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"
MYPY = Path(sys.executable).parent / "mypy"


def _examples(section: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    body = text.split(f"\n### {section}\n", 1)[1].split("\n### ", 1)[0]
    return re.findall(r"```python\n(.*?)```", body, flags=re.DOTALL)


@pytest.mark.parametrize("section", ["Structured outputs", "Tools"])
def test_the_readme_examples_type_check_strictly(section: str, tmp_path: Path) -> None:
    if not MYPY.exists():
        pytest.skip("mypy is not installed beside this interpreter")
    examples = _examples(section)
    assert examples
    for number, example in enumerate(examples):
        program = tmp_path / f"example_{number}.py"
        program.write_text(example)
        result = subprocess.run(
            [str(MYPY), "--strict", "--no-incremental", "--cache-dir", str(tmp_path / ".mypy"), str(program)],
            capture_output=True, text=True, cwd=tmp_path, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout
