"""Generate the client package from a spec, both steps: openapi-python-client (models, operations), then
tools/generate_resources.py (the resource layer), each formatted by the pinned ruff.

`python tools/generate.py SPEC OUTPUT` writes the package `ccapi_generated` into the folder OUTPUT. The tools
must be installed beside this interpreter (nox installs the pinned ones); `nox -s generate` is the usual caller.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} is not installed (nox installs the pinned version)")
    return found


def generate(spec: Path, output: Path) -> Path:
    """Generate into `output`/ccapi_generated; return the package's folder."""
    package = output / "ccapi_generated"
    command = [
        _tool("openapi-python-client"), "generate", "--path", str(spec),
        "--config", str(ROOT / "generator-config.yml"), "--custom-template-path", str(ROOT / "generator-templates"),
        "--meta", "none", "--output-path", str(package), "--fail-on-warning", "--overwrite",
    ]  # fmt: skip
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)  # noqa: S603 (the pinned generator)
    # The second step: the resource layer, from the spec's extensions and constraints, formatted as the first.
    from generate_resources import render

    render(spec, ROOT / "generator-config.yml", ROOT / "generator-templates", package)
    ruff = [_tool("ruff"), "--isolated", "--no-cache", "--line-length=110"]
    resources = str(package / "resources")
    subprocess.run([ruff[0], "check", *ruff[1:], "--fix-only", "--extend-select=I", "-q", resources], check=True)  # noqa: S603
    subprocess.run([ruff[0], "format", *ruff[1:], "-q", resources], check=True)  # noqa: S603
    return package


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    generate(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve())
