"""The release path, end to end: the wheel in a clean environment, publishing to a real index, a spec change
going from openapi.yaml to an upgraded install.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ccapi
import pytest
import yaml
from ccapi.testing import SandboxServer

from tools.release import bumped

from .conftest import ROOT, FreshEnvironment, PackageIndex, fresh_environment, run

# The versions a release from this tree takes: the next ones after whatever this tree is (a test that named them
# turned red with the first real release).
SPEC_VERSION = str(yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))["info"]["version"])
NEXT_MINOR, NEXT_MAJOR = bumped(ccapi.__version__, "minor"), bumped(ccapi.__version__, "major")


def _nox(*args: str, cwd: Path, env: dict[str, str], envdir: Path) -> str:
    # Copies of the repository share the project's npm tools rather than installing their own.
    env = {**env, "CCAPI_NODE_TOOLS": str(ROOT / ".nox")}
    return run(sys.executable, "-m", "nox", "--envdir", str(envdir), "--reuse-existing-virtualenvs", *args,
               cwd=cwd, env=env, merged=True)  # fmt: skip


def _check_cli(environment: FreshEnvironment, sandbox: SandboxServer) -> None:
    listed = run(environment.ccapi, "--base-url", sandbox.base_url, "--api-key", sandbox.api_key,
                 "models", "list", "--type", "audio", "--json")  # fmt: skip
    assert {model["ccapi"]["type"] for model in json.loads(listed)} == {"audio"}


def test_the_wheel_installs_into_a_clean_environment_and_works(
    dist: Path, tmp_path: Path, ccapi_sandbox: SandboxServer
) -> None:
    (wheel,) = dist.glob("ccapi_sdk-*.whl")
    (sdist,) = dist.glob("ccapi_sdk-*.tar.gz")
    assert wheel.name == f"ccapi_sdk-{ccapi.__version__}-py3-none-any.whl"
    assert sdist.stat().st_size > 0
    with tarfile.open(sdist) as archive:  # the next release runs this one's public-API tests from its sdist
        shipped = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"tests/conftest.py", "tests/client/test_against_sandbox.py", "pyproject.toml", "openapi.yaml"} <= shipped
    environment = fresh_environment(tmp_path / "venv")
    environment.pip("install", f"{wheel}[cli]")
    loaded = run(environment.python, "-c", "import ccapi, sys; print(sorted(m for m in sys.modules if 'ccapi' in m))")
    assert loaded.strip() == "['ccapi', 'ccapi._version']"  # `import ccapi` stays light in an installed wheel too
    versions = run(environment.python, "-c", "import ccapi; print(ccapi.__version__, ccapi.API_VERSION)")
    assert versions.split() == [ccapi.__version__, ccapi.API_VERSION]
    version = run(environment.ccapi, "--version").strip()
    assert version == f"ccapi {ccapi.__version__} (CCAPI spec {ccapi.API_VERSION})"
    _check_cli(environment, ccapi_sandbox)
    typed = run(environment.python, "-c", "import ccapi_generated, pathlib; "
                "print((pathlib.Path(ccapi_generated.__file__).parent / 'py.typed').exists())")  # fmt: skip
    assert typed.strip() == "True"


@pytest.fixture(scope="module")
def installed_from_index(
    dist: Path, package_index: PackageIndex, tmp_path_factory: pytest.TempPathFactory
) -> FreshEnvironment:
    """The first release, published with `nox -s publish` and installed from the index by name."""
    _nox("-s", "publish", cwd=ROOT, env=package_index.publish_env(), envdir=tmp_path_factory.mktemp("nox"))
    environment = fresh_environment(tmp_path_factory.mktemp("from-index") / "venv")
    environment.pip("install", "--index-url", package_index.simple_url, "ccapi-sdk[cli]")
    return environment


def test_publish_to_an_internal_index_and_install_by_name(
    installed_from_index: FreshEnvironment, ccapi_sandbox: SandboxServer
) -> None:
    version = run(installed_from_index.ccapi, "--version").strip()
    assert version == f"ccapi {ccapi.__version__} (CCAPI spec {ccapi.API_VERSION})"
    _check_cli(installed_from_index, ccapi_sandbox)


def test_publish_refuses_to_run_without_an_index(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCAPI_INDEX")}
    done = subprocess.run(
        [sys.executable, "-m", "nox", "--envdir", str(tmp_path), "-s", "publish"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode != 0
    assert "CCAPI_INDEX_URL" in done.stdout + done.stderr


def _copy_of_the_repository(destination: Path) -> Path:
    tracked = run("git", "ls-files", "-z", cwd=ROOT).split("\0")
    for name in filter(None, tracked):
        source = ROOT / name
        if source.is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    return destination


USER_CODE = """
from typing import assert_type

import ccapi
from ccapi.types import ChatCompletionResponse, ModelSummary


def use(client: ccapi.CCAPI) -> None:
    reply = client.chat.completions.create(model="openai/gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}])
    assert_type(reply, ChatCompletionResponse)
    assert_type(reply.choices[0].message.content, str | None)
    assert_type(client.models.list(), ccapi.SyncPage[ModelSummary])
    client.chat.completions.create(model="openai/m", messages=[], temperature="hot")  # the one wrong line
"""


def test_users_type_checker_sees_the_installed_wheels_types(
    installed_from_index: FreshEnvironment, tmp_path: Path
) -> None:
    user = tmp_path / "user.py"
    user.write_text(USER_CODE)
    mypy = Path(sys.executable).with_name("mypy")
    done = subprocess.run(
        [str(mypy), "--strict", "--no-incremental", "--python-executable", str(installed_from_index.python), str(user)],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )  # fmt: skip
    errors = [line for line in done.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1, done.stdout  # every assert_type held: nothing is Any, both packages are typed
    assert errors[0].startswith(f"{user.name}:13: error:"), done.stdout


def _changed_spec(repository: Path, version: str, edit: Callable[[dict[str, Any]], None]) -> None:
    spec_path = repository / "openapi.yaml"
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    spec["info"]["version"] = version
    edit(spec)
    spec_path.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _add_released_at(spec: dict[str, Any]) -> None:  # named zz_..., as no real change names a field
    spec["components"]["schemas"]["ModelSummary"]["properties"]["zz_released_at"] = {
        "type": "string", "description": "When the model became available (ISO 8601).",
    }  # fmt: skip


def test_a_spec_change_reaches_users_as_an_upgrade(
    installed_from_index: FreshEnvironment, package_index: PackageIndex, tmp_path: Path
) -> None:
    repository = _copy_of_the_repository(tmp_path / "repository")
    spec_version = bumped(SPEC_VERSION, "minor")
    _changed_spec(repository, spec_version, _add_released_at)
    env = {**package_index.publish_env(), "CCAPI_INDEX_SIMPLE_URL": package_index.simple_url}
    envdir = tmp_path / "nox"
    # The suite ran in `nox -s tests` of this same run; the release scenario adds what it alone does.
    updated = _nox("-s", "update", "--", "--skip-tests", cwd=repository, env=env, envdir=envdir)
    assert f"{ccapi.__version__} -> {NEXT_MINOR} (minor), spec {spec_version}" in updated
    line = "`ModelSummary.zz_released_at`: new field (in GET /models, GET /providers/{name})"
    assert line in updated
    changelog = (repository / "CHANGELOG.md").read_text(encoding="utf-8")
    unreleased, released = changelog.split(f"## [{NEXT_MINOR}]", 1)
    assert "### " not in unreleased.split("## [Unreleased]", 1)[1]  # its notes moved into the release
    assert f"- {line}\n" in released.split("\n## [", 1)[0]
    assert f"Generated from CCAPI spec {spec_version}." in changelog
    assert f"npm package ccapi-sdk {NEXT_MINOR}" in changelog
    model = repository / "generated" / "ccapi_generated" / "models" / "model_summary.py"
    assert "zz_released_at" in model.read_text()
    published = _nox("-s", "publish", cwd=repository, env=env, envdir=envdir)
    assert [path.name for path in (repository / "dist").glob("*.whl")] == [f"ccapi_sdk-{NEXT_MINOR}-py3-none-any.whl"]
    for log in (updated, published):
        assert package_index.password not in log

    installed_from_index.pip("install", "--upgrade", "--index-url", package_index.simple_url, "ccapi-sdk[cli]")
    assert run(installed_from_index.ccapi, "--version").strip() == f"ccapi {NEXT_MINOR} (CCAPI spec {spec_version})"
    decoded = run(installed_from_index.python, "-c", "from ccapi.types import ModelSummary; print(ModelSummary"
                  ".from_dict({'id': 'x', 'zz_released_at': '2026-11-26'}).zz_released_at)")  # fmt: skip
    assert decoded.strip() == "2026-11-26"  # a typed field now, no longer an unknown extra


def _schemas(spec: dict[str, Any]) -> dict[str, Any]:
    schemas: dict[str, Any] = spec["components"]["schemas"]
    return schemas


# End to end through `nox -s update`, a breaking change of a response and one of a request. Every other kind of
# breaking change (removed enum values, lowered maximums, fields made optional, ...) is classified, much faster,
# by tests/tools/test_spec_diff.py, through the same tools/release.py that `update` runs.
BREAKING = {
    "a changed type": lambda spec: _schemas(spec)["ChatCompletionResponse"]["properties"]["created"].update(
        type="string"
    ),
    "a new required request field": lambda spec: (
        _schemas(spec)["ChatCompletionRequest"]["properties"].update(zz_region={"type": "string"}),
        _schemas(spec)["ChatCompletionRequest"]["required"].append("zz_region"),
    ),
}


@pytest.fixture(scope="module")
def released_wheel(dist: Path) -> Path:
    (wheel,) = dist.glob("ccapi_sdk-*.whl")
    return wheel


@pytest.mark.parametrize("change", sorted(BREAKING))
def test_each_breaking_spec_change_is_a_major_release(
    change: str, released_wheel: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    repository = _copy_of_the_repository(tmp_path_factory.mktemp("repository"))
    _changed_spec(repository, bumped(SPEC_VERSION, "major"), BREAKING[change])
    envdir = tmp_path_factory.getbasetemp() / "nox-breaking"  # one environment for all of them
    updated = _nox("-s", "update", "--", "--skip-tests", "--baseline", str(released_wheel),
                   cwd=repository, env=dict(os.environ), envdir=envdir)  # fmt: skip
    assert f"{ccapi.__version__} -> {NEXT_MAJOR} (major)" in updated, updated[-3000:]
    assert [path.name for path in (repository / "dist").glob("*.whl")] == [f"ccapi_sdk-{NEXT_MAJOR}-py3-none-any.whl"]


def test_an_overlay_fix_is_a_patch_and_no_change_releases_nothing(
    released_wheel: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    envdir = tmp_path_factory.getbasetemp() / "nox-breaking"
    unchanged = _copy_of_the_repository(tmp_path_factory.mktemp("unchanged"))
    nothing = _nox("-s", "update", "--", "--skip-tests", "--baseline", str(released_wheel),
                   cwd=unchanged, env=dict(os.environ), envdir=envdir)  # fmt: skip
    assert "nothing to release" in nothing
    assert not list((unchanged / "dist").glob("*.whl"))

    fixed = _copy_of_the_repository(tmp_path_factory.mktemp("fixed"))
    retry = fixed / "overlays" / "ccapi" / "_retry.py"
    jitter = "random.uniform(0, policy.initial_delay)"  # a fix in a function body: no public name or signature changes
    retry.write_text(retry.read_text().replace(jitter, "random.uniform(0, policy.initial_delay / 2)"))
    patched = _nox("-s", "update", "--", "--skip-tests", "--baseline", str(released_wheel),
                   cwd=fixed, env=dict(os.environ), envdir=envdir)  # fmt: skip
    assert f"-> {bumped(ccapi.__version__, 'patch')} (patch)" in patched
    assert "ccapi/_retry.py" in patched


def test_update_checks_what_it_needs_first_and_names_the_fix(
    released_wheel: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    repository = _copy_of_the_repository(tmp_path_factory.mktemp("prerequisites"))
    envdir = tmp_path_factory.getbasetemp() / "nox-breaking"
    env = {key: value for key, value in os.environ.items() if not key.startswith("CCAPI_INDEX")}
    env["CCAPI_NODE_TOOLS"] = str(ROOT / ".nox")

    def update(*args: str) -> tuple[subprocess.CompletedProcess[str], float]:
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "nox", "--envdir", str(envdir), "--reuse-existing-virtualenvs", "-s", "update",
             "--", *args], cwd=repository, env=env, capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip
        return done, time.monotonic() - started

    no_index, _ = update()
    assert no_index.returncode != 0
    assert "set CCAPI_INDEX_SIMPLE_URL" in no_index.stdout + no_index.stderr
    assert "--baseline" in no_index.stdout + no_index.stderr
    _changed_spec(repository, SPEC_VERSION, _add_released_at)  # changed, but still the released version
    same_version, seconds = update("--baseline", str(released_wheel))
    output = same_version.stdout + same_version.stderr
    assert same_version.returncode != 0
    assert f"info.version is still {SPEC_VERSION}" in output
    assert "regenerated" not in output  # nothing generated, tested or built before the check
    assert seconds < 120, seconds
