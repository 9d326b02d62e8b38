"""docs/reference.md is what openapi.yaml makes (tools/generate_docs.py), and each of its Python examples passes
mypy --strict and runs against the sandbox as written. (Its TypeScript examples, and the README's, are type-checked
with tsc --strict and run by `nox -s typescript`.)"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from ccapi.testing import SandboxServer

from tools.generate_docs import PAGE, render

EXAMPLES = re.findall(r"```python\n(.*?)```", PAGE.read_text(encoding="utf-8"), flags=re.DOTALL)
MYPY = Path(sys.executable).parent / "mypy"


def test_the_reference_is_current_and_covers_every_operation(spec: dict[str, object]) -> None:
    assert PAGE.read_text(encoding="utf-8") == render(), "run `python tools/generate_docs.py`"
    paths = spec["paths"]
    assert isinstance(paths, dict)
    operations = [op for item in paths.values() for op in item.values() if isinstance(op, dict) and "operationId" in op]
    assert len(EXAMPLES) == len(operations)
    assert len(re.findall(r"```ts\n", PAGE.read_text(encoding="utf-8"))) == len(operations)


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"example-{n}" for n in range(len(EXAMPLES))])
def test_reference_example_runs(
    example: str, ccapi_sandbox: SandboxServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCAPI_API_KEY", ccapi_sandbox.api_key)
    monkeypatch.setenv("CCAPI_BASE_URL", ccapi_sandbox.base_url)
    monkeypatch.chdir(tmp_path)
    exec(compile(example, str(PAGE), "exec"), {"__name__": "__reference__"})  # noqa: S102 (our own page)


@pytest.mark.skipif(not MYPY.exists(), reason="mypy is not installed beside this interpreter")
def test_reference_examples_pass_mypy_strict(tmp_path: Path) -> None:
    for index, example in enumerate(EXAMPLES):
        (tmp_path / f"example_{index}.py").write_text(example, encoding="utf-8")
    result = subprocess.run(
        [str(MYPY), "--strict", "--cache-dir", str(tmp_path / ".mypy"), *sorted(str(p) for p in tmp_path.glob("*.py"))],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout
