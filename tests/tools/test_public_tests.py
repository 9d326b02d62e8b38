"""The last release's own tests against the new client: which tests are a public contract, and a failing one makes
the release major whatever the spec diff says."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tarfile
import textwrap
from pathlib import Path

from tools.public_tests import classify
from tools.release import decide, previous_test_breaks
from tools.spec_diff import Change

ROOT = Path(__file__).resolve().parents[2]


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")


def test_only_tests_that_use_public_names_are_the_contract(tmp_path: Path) -> None:
    _write(tmp_path, {
        "conftest.py": "import pytest\n",
        "test_public.py": "import json\nimport ccapi, httpx, pytest\nfrom ccapi.testing import SandboxServer\n"
                          "def test_x() -> None:\n    ccapi.CCAPI\n",
        "test_private_module.py": "from ccapi._retry import retry_after_seconds\n",
        "test_private_attribute.py": "import ccapi\ndef test_x() -> None:\n    ccapi._errors.APIError\n",
        "test_private_name.py": "from ccapi.testing import _handlers\n",
        "test_tools.py": "from tools.ports import free_port\n",
        "test_generated.py": "from ccapi_generated.models import ModelSummary\n",
        "test_repository_file.py": "from pathlib import Path\nREADME = Path(__file__).parent / 'README.md'\n",
        "test_other_package.py": "import yaml\n",
        "inner/__init__.py": "",
        "inner/conftest.py": "from ccapi._core import ClientBase\n",
        "inner/test_inner.py": "import ccapi\nfrom .conftest import ClientBase\n",
        "fine/conftest.py": "import ccapi\n",
        "fine/test_fine.py": "from .conftest import ccapi\n",
    })  # fmt: skip
    found = {path.relative_to(tmp_path).as_posix(): reason for path, reason in classify(tmp_path).items()}
    assert [name for name, reason in found.items() if reason is None] == ["fine/test_fine.py", "test_public.py"]
    assert found["inner/test_inner.py"] == "its conftest imports ccapi._core"
    assert found["test_private_attribute.py"] == "uses ccapi's private _errors"
    assert found["test_repository_file.py"] == "reads the repository's files"


def test_the_projects_public_tests_are_many_and_in_the_sdist() -> None:
    chosen = [name for name, reason in classify(ROOT / "tests").items() if reason is None]
    assert len(chosen) >= 10  # the sandbox's, the client's against it, the CLI's: a real contract
    include = (ROOT / "pyproject.toml").read_text(encoding="utf-8").split("[tool.hatch.build.targets.sdist]")[1]
    assert '"tests/"' in include.split("[tool.")[0]


CONTRACT = """
import ccapi
from ccapi.testing import SandboxServer


def test_the_catalog_lists_models(ccapi_sandbox: SandboxServer) -> None:
    client = ccapi.CCAPI(api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url)
    assert [model.id for model in client.models.list()]


def test_a_behaviour_the_new_client_changed(ccapi_sandbox: SandboxServer) -> None:
    client = ccapi.CCAPI(api_key=ccapi_sandbox.api_key, base_url=ccapi_sandbox.base_url)
    assert client.max_retries == 99  # what the last release did, and the new one does not
"""


def test_a_failing_test_of_the_last_release_makes_the_release_major(tmp_path: Path) -> None:
    sdist = tmp_path / "ccapi_sdk-0.9.0.tar.gz"
    with tarfile.open(sdist, "w:gz") as archive:
        files = {
            "tests/__init__.py": "",
            "tests/conftest.py": 'pytest_plugins = ["ccapi.testing.pytest_plugin"]\n',
            "tests/test_contract.py": CONTRACT,
            "tests/test_internals.py": "from ccapi._retry import retry_after_seconds\n\ndef test_x():\n    assert 0\n",
            "pyproject.toml": (ROOT / "pyproject.toml").read_text(encoding="utf-8"),
            "openapi.yaml": (ROOT / "openapi.yaml").read_text(encoding="utf-8"),
        }
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(f"ccapi_sdk-0.9.0/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    report = tmp_path / "report.json"
    done = subprocess.run(
        [sys.executable, "-m", "tools.public_tests", "run", str(sdist), "--report", str(report)],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(report.read_text())
    assert result["ran"]
    assert result["failed"] == ["tests/test_contract.py::test_a_behaviour_the_new_client_changed"]  # not internals
    assert "1 failed, 1 passed" in result["summary"]
    changes = [Change("addition", "`ModelSummary.zz_field`: new field"), *previous_test_breaks(result)]
    assert decide(changes) == "major"
    assert "test_a_behaviour_the_new_client_changed" in changes[-1].what
    assert decide([Change("addition", "x"), *previous_test_breaks({"failed": []})]) == "minor"


def test_a_release_without_tests_is_said_so(tmp_path: Path) -> None:
    sdist = tmp_path / "ccapi_sdk-0.1.0.tar.gz"
    with tarfile.open(sdist, "w:gz") as archive:
        info = tarfile.TarInfo("ccapi_sdk-0.1.0/pyproject.toml")
        archive.addfile(info, io.BytesIO(b""))
    report = tmp_path / "report.json"
    done = subprocess.run(
        [sys.executable, "-m", "tools.public_tests", "run", str(sdist), "--report", str(report)],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "carries no tests" in done.stdout
    assert json.loads(report.read_text())["ran"] is False
