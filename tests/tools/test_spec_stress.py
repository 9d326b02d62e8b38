"""Random valid additive changes (fields, parameters, operations, open enum values): each one is classified minor, and
the spec holding all of them generates a client that has each addition. (`nox -s stress` runs the whole suite on
that spec; once, not once per change.)

CCAPI_STRESS_SEED picks other changes; the seed in use is in each test's id.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import yaml

from tools.release import decide
from tools.spec_diff import compare
from tools.spec_stress import additive_changes, applied

ROOT = Path(__file__).resolve().parents[2]
TOOLS = Path(sys.executable).parent
SEED = int(os.environ.get("CCAPI_STRESS_SEED", "20261129"))
COUNT = 30


@pytest.fixture(scope="module")
def changes(spec: dict[str, Any]) -> list[Any]:
    found = additive_changes(spec, SEED, COUNT)
    assert {change.kind for change in found} == {
        "response field", "request field", "query parameter", "operation", "enum value",
    }  # fmt: skip
    return found


@pytest.mark.parametrize("seed", [SEED])
def test_each_random_additive_change_is_minor(spec: dict[str, Any], changes: list[Any], seed: int) -> None:
    def classify(change: Any) -> tuple[str, str | None, list[str]]:
        found = compare(spec, applied(spec, [change]))
        return change.what, decide(found), [f"{item.kind}: {item.what}" for item in found]

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(classify, changes))
    wrong = [(what, bump, found) for what, bump, found in results if bump != "minor"]
    assert not wrong, f"seed {seed}: {wrong}"
    for change, (_, _, found) in zip(changes, results, strict=True):  # each is seen, by its name
        assert any((change.shown or change.name) in line for line in found), (change.what, found)


def test_their_combination_is_minor_and_generates_a_client_with_each(
    spec: dict[str, Any], changes: list[Any], tmp_path: Path
) -> None:
    if not (TOOLS / "openapi-python-client").exists():
        pytest.skip("needs the pinned generator beside this interpreter (nox -s tests installs it)")
    combined = applied(spec, changes)
    assert decide(compare(spec, combined)) == "minor"
    spec_path = tmp_path / "openapi.yaml"
    spec_path.write_text(yaml.safe_dump(combined, sort_keys=False))
    env = {**os.environ, "PATH": f"{TOOLS}{os.pathsep}{os.environ.get('PATH', '')}"}
    subprocess.run([sys.executable, str(ROOT / "tools" / "generate.py"), str(spec_path), str(tmp_path / "out")],
                   check=True, env=env, capture_output=True)  # fmt: skip
    wanted = [(change.kind, change.name, change.resource) for change in changes]
    program = textwrap.dedent(f"""
        import inspect, json, pathlib
        import ccapi, ccapi_generated
        client = ccapi.CCAPI(api_key="k", base_url="http://127.0.0.1:9/v1")
        source = "\\n".join(path.read_text() for path in pathlib.Path(ccapi_generated.__file__).parent.rglob("*.py"))
        found = {{}}
        for kind, name, resource in {wanted!r}:
            if kind == "operation":
                found[name] = callable(getattr(getattr(client, resource), name, None))
            else:
                found[name] = name in source
        print(json.dumps(found))
    """)
    done = subprocess.run([sys.executable, "-c", program], env={**os.environ, "PYTHONPATH": str(tmp_path / "out")},
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert [name for name, present in found.items() if not present] == []
