"""Every Python example in README.md runs, against the sandbox, as a user would run it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ccapi.testing import SandboxServer

README = Path(__file__).resolve().parents[1] / "README.md"
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
