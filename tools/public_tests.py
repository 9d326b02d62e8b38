"""The last release's own tests, run against the newly generated client: a break the spec diff cannot see.

Each release's sdist carries the project's tests. The ones that use only public names (`ccapi`, `ccapi.types`,
`ccapi.testing`, and pytest, httpx, hypothesis and the standard library; no private module, no repository file)
are a contract: what users' code may do with that release. `nox -s update` and `nox -s preview` run them against
the new client; if one fails, the change is breaking, whatever the spec diff says.

    python -m tools.public_tests list TESTS_FOLDER        # the modules that qualify, and why the others do not
    python -m tools.public_tests run SDIST --report FILE  # run them from a release's sdist; a JSON report
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

THIRD_PARTY = {"pytest", "httpx", "hypothesis"}
PUBLIC = {"ccapi", "ccapi.types", "ccapi.testing"}


def _private_use(tree: ast.Module) -> str | None:
    """Why a module is not a public-API test, or None."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            if isinstance(node, ast.ImportFrom) and node.level:
                if node.module != "conftest":
                    return f"imports .{node.module or ''}"
                continue
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for name in names:
                top = name.split(".")[0]
                if name.startswith("ccapi"):
                    if name not in PUBLIC:
                        return f"imports {name}"
                    if isinstance(node, ast.ImportFrom) and any(alias.name.startswith("_") for alias in node.names):
                        return f"imports a private name from {name}"
                elif top != "__future__" and top not in sys.stdlib_module_names and top not in THIRD_PARTY:
                    return f"imports {name}"
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            base = node.value
            while isinstance(base, ast.Attribute):
                base = base.value
            if isinstance(base, ast.Name) and base.id == "ccapi":
                return f"uses ccapi's private {node.attr}"
        elif isinstance(node, ast.Name) and node.id in ("__file__", "ROOT"):
            return "reads the repository's files"
    return None


def classify(tests: Path) -> dict[Path, str | None]:
    """Every test module under `tests`, with why it is not a public-API test (None: it is one)."""
    found: dict[Path, str | None] = {}
    for path in sorted(tests.rglob("test_*.py")):
        conftest = path.parent / "conftest.py"
        reason = _private_use(ast.parse(path.read_text(encoding="utf-8")))
        if reason is None and conftest.exists() and path.parent != tests:
            # A folder's own conftest is part of its tests (the top one only gives the sandbox plugin and fixtures).
            inner = _private_use(ast.parse(conftest.read_text(encoding="utf-8")))
            reason = f"its conftest {inner}" if inner else None
        found[path] = reason
    return found


def select(tests: Path) -> list[Path]:
    return [path for path, reason in classify(tests).items() if reason is None]


def _summary(output: str) -> str:
    closing = [line.strip("= ") for line in output.splitlines() if re.search(r"\b(passed|failed|error)\b.* in ", line)]
    return closing[-1] if closing else "no test ran"


def run(sdist: Path, report: Path) -> dict[str, object]:
    """Run the public-API tests that `sdist` carries against the client this interpreter imports."""
    result: dict[str, object] = {"ran": False, "release": sdist.name, "failed": []}
    with tempfile.TemporaryDirectory() as scratch:
        with tarfile.open(sdist) as archive:
            archive.extractall(scratch, filter="data")
        roots = [path for path in Path(scratch).iterdir() if path.is_dir()]
        if len(roots) != 1 or not (roots[0] / "tests").is_dir():
            result["summary"] = f"{sdist.name} carries no tests (made before releases shipped them)"
            report.write_text(json.dumps(result), encoding="utf-8")
            return result
        # Only the tests, the spec and the test settings: the client under test is the one installed here.
        root = Path(scratch) / "release"
        root.mkdir()
        shutil.copytree(roots[0] / "tests", root / "tests")
        for name in ("pyproject.toml", "openapi.yaml"):
            shutil.copy(roots[0] / name, root / name)
        chosen = [str(path.relative_to(root)) for path in select(root / "tests")]
        done = subprocess.run(  # noqa: S603 (pytest, on the release's own tests)
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "auto", "-rf", *chosen],
            cwd=root, capture_output=True, text=True, check=False, timeout=1800,
        )  # fmt: skip
    failed = sorted({line.split()[1] for line in done.stdout.splitlines() if line.startswith(("FAILED ", "ERROR "))})
    if done.returncode not in (0, 1) and not failed:
        failed = [f"pytest exited {done.returncode}"]
    result.update(ran=True, modules=len(chosen), summary=_summary(done.stdout), failed=failed)
    report.write_text(json.dumps(result), encoding="utf-8")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.public_tests", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list")
    listing.add_argument("tests", type=Path)
    running = commands.add_parser("run")
    running.add_argument("sdist", type=Path)
    running.add_argument("--report", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.command == "list":
        for path, reason in classify(args.tests).items():
            name = path.relative_to(args.tests)
            print(f"public  {name}" if reason is None else f"private {name}: {reason}")
        return 0
    result = run(args.sdist, args.report)
    print(f"the last release's public-API tests ({result['release']}): {result['summary']}")
    for name in result["failed"]:  # type: ignore[attr-defined]
        print(f"  failed: {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
