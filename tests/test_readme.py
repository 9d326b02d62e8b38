"""Every Python example in README.md runs, against the sandbox, as a user would run it, and type-checks with
`mypy --strict` as it is (no edit, no config of ours); the Quick start begins with how to install from a checkout."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from ccapi.testing import SandboxServer

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
EXAMPLES = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_the_readme_has_examples_and_a_short_quick_start() -> None:
    assert len(EXAMPLES) >= 8
    assert len(EXAMPLES[0].strip().splitlines()) <= 15


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"example-{n}" for n in range(len(EXAMPLES))])
def test_readme_example_runs(
    example: str, ccapi_sandbox: SandboxServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCAPI_API_KEY", ccapi_sandbox.api_key)
    monkeypatch.setenv("CCAPI_BASE_URL", ccapi_sandbox.base_url)
    monkeypatch.chdir(tmp_path)
    exec(compile(example, str(README), "exec"), {"__name__": "__readme__"})  # noqa: S102 (our own README)


def test_every_readme_example_passes_mypy_strict_as_it_is(tmp_path: Path) -> None:
    # A user's own project: every example a module of its own, mypy --strict with no config file of ours.
    for number, example in enumerate(EXAMPLES):
        (tmp_path / f"readme_example_{number}.py").write_text(example, encoding="utf-8")
    (tmp_path / "mypy.ini").write_text("[mypy]\nstrict = True\n", encoding="utf-8")
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", "mypy.ini", "--cache-dir", str(tmp_path / ".cache"), "."],
        cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"{len(EXAMPLES)} source files" in checked.stdout


def test_the_quick_start_begins_with_installing_from_a_checkout() -> None:
    quick_start = README.read_text(encoding="utf-8").split("## Quick start", 1)[1].split("\n## ", 1)[0]
    first_block = re.search(r"```(\w+)\n(.*?)```", quick_start, flags=re.DOTALL)
    assert first_block is not None
    assert first_block.group(1) == "bash"  # installing comes before the first line of Python
    install = re.search(r"pip install -e '\.\[([a-z,]+)\]'", first_block.group(2))
    assert install is not None, first_block.group(2)
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert set(install.group(1).split(",")) <= set(extras)
    assert "ccapi sandbox" in first_block.group(2)  # and something to run it against, offline
