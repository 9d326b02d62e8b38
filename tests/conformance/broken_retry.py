"""Show that the conformance catalogue catches a broken retry rule: a copy of each SDK's runtime that no longer
retries 429 must fail its driver on the 429 scenarios. Nothing in the repository is changed: the copies live in a
temporary folder.

`python tests/conformance/broken_retry.py python` (the Python driver against a patched copy of `ccapi`), or
`python tests/conformance/broken_retry.py typescript TRIAL_FOLDER BASE_URL CONTROL_URL` (the TypeScript driver
against a patched copy of the installed ccapi-sdk in TRIAL_FOLDER). Exit 0 when the driver failed as it must.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = "chat_429_retried,stream_429_before_it_starts,models_429_retried,speech_429_retried"
# The rule each runtime states once: the statuses retried besides 5xx.
PYTHON_RULE = re.compile(r"frozenset\(\{408, 409, 429\}\)")
TYPESCRIPT_RULE = re.compile(r"new Set\(\[408, 409, 429\]\)")


def patched(folder: Path, pattern: re.Pattern[str], replacement: str, suffix: str) -> None:
    hits = []
    for path in folder.rglob(f"*{suffix}"):
        text = path.read_text(encoding="utf-8")
        if pattern.search(text):
            hits.append(path)
            path.write_text(pattern.sub(replacement, text), encoding="utf-8")
    if len(hits) != 1:
        raise SystemExit(f"the retry rule {pattern.pattern} should be stated once, found in {hits}: update this check")


def expect_failure(command: list[str], env: dict[str, str], cwd: Path | None = None) -> None:
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, check=False, timeout=300)
    output = done.stdout + done.stderr
    if done.returncode == 0:
        raise SystemExit(f"the driver passed against a runtime that does not retry 429:\n{output[-3000:]}")
    if "chat_429_retried" not in output:
        raise SystemExit(f"the driver failed, but not on the 429 scenarios:\n{output[-3000:]}")
    print(f"{command[0]}: the driver fails on a runtime that does not retry 429, as it must")


def python() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch)
        shutil.copytree(ROOT / "overlays" / "ccapi", copy / "ccapi")
        shutil.copytree(ROOT / "generated" / "ccapi_generated", copy / "ccapi_generated")
        shutil.copy(ROOT / "openapi.yaml", copy / "ccapi" / "testing" / "openapi.yaml")
        patched(copy / "ccapi", PYTHON_RULE, "frozenset({408, 409})", ".py")
        env = {**os.environ, "PYTHONPATH": str(copy), "CCAPI_CONFORMANCE_ONLY": SCENARIOS}
        check = [
            sys.executable,
            "-c",
            "import ccapi, sys; sys.exit(not ccapi.__file__.startswith(sys.argv[1]))",
            scratch,
        ]
        if subprocess.run(check, env=env, check=False).returncode != 0:
            raise SystemExit("the patched copy of ccapi is not the one imported")
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
                   str(ROOT / "tests" / "conformance" / "test_catalogue.py")]  # fmt: skip
        expect_failure(command, env, cwd=ROOT)


def typescript(trial: Path, base_url: str, control_url: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "trial"
        shutil.copytree(trial, copy, symlinks=True)
        patched(copy / "node_modules" / "ccapi-sdk", TYPESCRIPT_RULE, "new Set([408, 409])", ".js")
        env = {**os.environ, "CCAPI_BASE_URL": base_url, "CCAPI_SANDBOX_CONTROL": control_url,
               "CCAPI_CONFORMANCE_ONLY": SCENARIOS}  # fmt: skip
        expect_failure(["node", "--test", str(copy / "catalogue.test.mjs")], env, cwd=copy)


if __name__ == "__main__":
    if sys.argv[1] == "python":
        python()
    else:
        typescript(Path(sys.argv[2]), sys.argv[3], sys.argv[4])
