"""The npm package through a real npm registry on loopback (verdaccio): published with a token, installed into a
fresh consumer project from that registry alone, a user's program type-checked there with `tsc --strict` and run
against the sandbox; the same program in Python, from the wheel in a clean environment, prints the same lines.

Run by `nox -s distribution`, which builds dist/ and names the npm tools it installed (CCAPI_VERDACCIO,
CCAPI_TYPESCRIPT_TOOLS).
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import ccapi
import pytest

from tools.ports import free_port, wait_until_listening

from .conftest import ROOT, fresh_environment, run

VERDACCIO = os.environ.get("CCAPI_VERDACCIO", "")
TYPESCRIPT_TOOLS = os.environ.get("CCAPI_TYPESCRIPT_TOOLS", "")
TSC_STRICT = ("--strict", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext")


class Registry:
    def __init__(self, url: str, token: str) -> None:
        self.url = url
        self.token = token

    def npmrc(self, folder: Path, *, publish: bool = False) -> Path:
        """An .npmrc that knows only this registry (and, to publish, its token)."""
        host = self.url.removeprefix("http:")
        lines = [f"registry={self.url}", "audit=false", "fund=false"]
        if publish:
            lines.append(f"{host}:_authToken={self.token}")
        path = folder / ".npmrc"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    if not VERDACCIO:
        pytest.fail("run these through `nox -s distribution`, which installs verdaccio and sets CCAPI_VERDACCIO")
    home = tmp_path_factory.mktemp("registry")
    port = free_port()
    (home / "config.yaml").write_text(
        f"storage: {home / 'storage'}\n"
        f"auth:\n  htpasswd:\n    file: {home / 'htpasswd'}\n    max_users: 1\n"
        "uplinks: {}\n"  # nothing proxied from the public registry: what is installed was published here
        "packages:\n  '**':\n    access: $all\n    publish: $authenticated\n"
        "log: {type: stdout, format: pretty, level: warn}\n",
        encoding="utf-8",
    )
    server = subprocess.Popen(
        [VERDACCIO, "--config", str(home / "config.yaml"), "--listen", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_until_listening(port, server, timeout=60)
        url = f"http://127.0.0.1:{port}/"
        password = secrets.token_hex(12)
        account = json.dumps({"name": "publisher", "password": password}).encode()
        request = urllib.request.Request(  # noqa: S310 (loopback)
            f"{url}-/user/org.couchdb.user:publisher", data=account, method="PUT",
            headers={"Content-Type": "application/json"},
        )  # fmt: skip
        with urllib.request.urlopen(request) as answer:  # noqa: S310 (loopback)
            token = json.loads(answer.read())["token"]
        yield Registry(url, token)
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def controlled_sandbox() -> Iterator[dict[str, str]]:
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "conformance" / "control.py")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert server.stdin is not None
    assert server.stdout is not None
    try:
        urls = json.loads(server.stdout.readline())
        yield {"CCAPI_BASE_URL": urls["base_url"], "CCAPI_API_KEY": "sk-ccapi-sandbox",
               "CCAPI_SANDBOX_CONTROL": urls["control_url"]}  # fmt: skip
    finally:
        server.stdin.close()
        server.wait(timeout=15)
        server.stdout.close()


def test_the_npm_package_installs_from_a_registry_and_runs_as_the_python_one_does(
    dist: Path, registry: Registry, controlled_sandbox: dict[str, str], tmp_path: Path
) -> None:
    (tarball,) = dist.glob("ccapi-sdk-*.tgz")
    assert tarball.name == f"ccapi-sdk-{ccapi.__version__}.tgz"  # released together: the same version
    publisher = tmp_path / "publisher"
    publisher.mkdir()
    npmrc = registry.npmrc(publisher, publish=True)
    run("npm", "publish", str(tarball), "--userconfig", str(npmrc), cwd=publisher)
    shown = json.loads(run("npm", "view", "ccapi-sdk", "--json", "--userconfig", str(npmrc), cwd=publisher))
    assert shown["version"] == ccapi.__version__
    assert shown["ccapi"]["specVersion"] == ccapi.API_VERSION
    assert not shown.get("dependencies")  # nothing but the platform's fetch

    consumer = tmp_path / "consumer"
    consumer.mkdir()
    (consumer / "package.json").write_text('{"name": "consumer", "type": "module", "private": true}\n')
    config = registry.npmrc(consumer)
    run("npm", "install", f"ccapi-sdk@{ccapi.__version__}", "--userconfig", str(config), cwd=consumer)
    installed = json.loads((consumer / "node_modules" / "ccapi-sdk" / "package.json").read_text())
    assert installed["version"] == ccapi.__version__
    lock = json.loads((consumer / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/ccapi-sdk"]["resolved"].startswith(registry.url)

    program = consumer / "user-program.ts"
    program.write_text((ROOT / "clients" / "typescript" / "examples" / "user-program.ts").read_text())
    tools = Path(TYPESCRIPT_TOOLS)
    run(tools / ".bin" / "tsc", *TSC_STRICT, "--types", "node", "--typeRoots", tools / "@types",
        "--outDir", consumer / "compiled", program, cwd=consumer)  # fmt: skip
    env = {**os.environ, **controlled_sandbox}
    typescript_lines = run("node", consumer / "compiled" / "user-program.js", env=env, cwd=consumer)

    (wheel,) = dist.glob("ccapi_sdk-*.whl")
    environment = fresh_environment(tmp_path / "venv")
    environment.pip("install", str(wheel))
    twin = ROOT / "tests" / "conformance" / "user_program.py"
    python_lines = run(environment.python, twin, env=env, cwd=tmp_path)
    assert typescript_lines == python_lines
    assert "402: BillingError 402 insufficient_funds" in typescript_lines
    assert "error in the stream: InternalServerError 500 stream_interrupted" in typescript_lines
    for log in (typescript_lines, python_lines):
        assert "sk-ccapi-sandbox" not in log
