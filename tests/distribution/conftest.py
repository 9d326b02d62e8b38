"""What the release tests share: the built distribution, fresh virtual environments, a package index on loopback.

Run by `nox -s distribution`, which builds dist/ first and sets CCAPI_DIST.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import warnings
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from tools.ports import free_port, wait_until_listening

ROOT = Path(__file__).resolve().parents[2]


def run(*command: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None, merged: bool = False) -> str:
    """Run a command; fail the test with its output if it fails. `merged`: return stderr with stdout."""
    errors = subprocess.STDOUT if merged else subprocess.PIPE
    done = subprocess.run(
        [str(part) for part in command], stdout=subprocess.PIPE, stderr=errors, text=True, env=env, cwd=cwd,
        timeout=900, check=False,
    )  # fmt: skip
    assert done.returncode == 0, f"{command} failed:\n{done.stdout[-4000:]}\n{(done.stderr or '')[-4000:]}"
    return done.stdout


@attrs.frozen
class FreshEnvironment:
    """A new virtual environment with nothing of this project in it."""

    root: Path

    @property
    def python(self) -> Path:
        return self.root / "bin" / "python"

    @property
    def ccapi(self) -> Path:
        return self.root / "bin" / "ccapi"

    def pip(self, *args: str) -> str:
        return run(self.python, "-m", "pip", "--quiet", *args)


def fresh_environment(where: Path) -> FreshEnvironment:
    venv.EnvBuilder(with_pip=True, clear=True).create(where)
    return FreshEnvironment(where)


@pytest.fixture(scope="session")
def dist() -> Path:
    folder = os.environ.get("CCAPI_DIST")
    if not folder:
        pytest.fail("run these through `nox -s distribution`, which builds dist/ and sets CCAPI_DIST")
    return Path(folder)


@attrs.frozen
class PackageIndex:
    """A real package index (pypiserver) on loopback, uploads and downloads behind a password."""

    port: int
    user: str
    password: str = attrs.field(repr=False)

    @property
    def upload_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def simple_url(self) -> str:
        return f"http://{self.user}:{self.password}@127.0.0.1:{self.port}/simple/"

    def publish_env(self) -> dict[str, str]:
        """The environment `nox -s publish` reads."""
        return {
            **os.environ,
            "CCAPI_INDEX_URL": self.upload_url,
            "CCAPI_INDEX_USER": self.user,
            "CCAPI_INDEX_PASSWORD": self.password,
        }


@pytest.fixture(scope="session")
def package_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PackageIndex]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # passlib imports `crypt`, deprecated in 3.11
        from passlib.apache import HtpasswdFile

    home = tmp_path_factory.mktemp("index")
    (home / "packages").mkdir()
    passwords = HtpasswdFile(str(home / "htpasswd"), new=True)
    passwords.set_password("publisher", "s3cret-index-password")
    passwords.save()
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("pypi-server")), "run", "--host", "127.0.0.1", "--port", str(port),
            "--authenticate", "update,download,list", "--passwords", str(home / "htpasswd"),
            # Packages it does not hold (ccapi's dependencies) come from PyPI, as an internal mirror's would.
            # ccapi itself is only ever served from here: PyPI's unrelated `ccapi` is never considered.
            "--fallback-url", "https://pypi.org/simple/", str(home / "packages"),
        ],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_until_listening(port, server)
        yield PackageIndex(port, "publisher", "s3cret-index-password")
    finally:
        server.terminate()
        server.wait(timeout=10)
