"""The project's one entry point for generating, checking, testing and building. `nox` runs what CI runs."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nox

ROOT = Path(__file__).parent
SPEC = ROOT / "openapi.yaml"
GENERATED_PACKAGE = ROOT / "generated" / "ccapi_generated"

# Pinned so that the generated code is the same on every machine.
GENERATOR = "openapi-python-client==0.29.1"
RUFF = "ruff==0.17.5"
MYPY = "mypy==2.4.1"
SCHEMATHESIS = "schemathesis==4.32.5"
REDOCLY = "@redocly/cli@2.77.0"

nox.options.default_venv_backend = "venv"
nox.options.error_on_missing_interpreters = True
nox.options.sessions = ["check_generated", "lint", "typecheck", "tests", "conformance", "tour"]


def _generate_into(session: nox.Session, destination: Path) -> None:
    session.install(GENERATOR, RUFF)
    session.run(
        "openapi-python-client",
        "generate",
        "--path",
        str(SPEC),
        "--config",
        str(ROOT / "generator-config.yml"),
        "--custom-template-path",
        str(ROOT / "generator-templates"),
        "--meta",
        "none",
        "--output-path",
        str(destination),
        "--fail-on-warning",
        "--overwrite",
    )


@nox.session
def generate(session: nox.Session) -> None:
    """Regenerate generated/ccapi_generated from openapi.yaml."""
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch) / "ccapi_generated"
        _generate_into(session, fresh)
        shutil.rmtree(GENERATED_PACKAGE, ignore_errors=True)
        shutil.copytree(fresh, GENERATED_PACKAGE, ignore=shutil.ignore_patterns(".ruff_cache", "__pycache__"))
    session.log(f"regenerated {GENERATED_PACKAGE.relative_to(ROOT)}")


@nox.session
def check_generated(session: nox.Session) -> None:
    """Fail, naming each file, if generated/ differs from a fresh generation."""
    sys.path.insert(0, str(ROOT))
    from tools.generated_tree import differing_files

    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch) / "ccapi_generated"
        _generate_into(session, fresh)
        problems = differing_files(GENERATED_PACKAGE, fresh)
    if problems:
        session.error(
            "generated/ is not what openapi.yaml generates (run `nox -s generate`):\n  " + "\n  ".join(problems)
        )
    session.log("generated/ matches a fresh generation")


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff over the hand-written code; openapi-spec-validator and Redocly over the spec."""
    session.install(RUFF, "openapi-spec-validator==0.9.0")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("openapi-spec-validator", str(SPEC))
    redocly_home = ROOT / ".nox" / "_redocly"
    redocly = redocly_home / "node_modules" / ".bin" / "redocly"
    if not redocly.exists():
        session.run(
            "npm",
            "install",
            "--silent",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(redocly_home),
            REDOCLY,
            external=True,
        )
    session.run(str(redocly), "lint", "--config", str(ROOT / "redocly.yaml"), str(SPEC), external=True)


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict over the overlay, the generated package and the typing tests."""
    session.install("-e", ".[test]", MYPY, "types-PyYAML", "types-jsonschema")
    session.run("mypy")


@nox.session
def tests(session: nox.Session) -> None:
    """The test suite (unit tests, and integration tests against the sandbox on loopback)."""
    session.install("-e", ".[test]")
    session.run("pytest", *session.posargs)


@nox.session
def tour(session: nox.Session) -> None:
    """The main job: a sandbox on loopback and the whole SDK against it (catalog, chat, speech, an image job)."""
    session.install("-e", ".[cli,sandbox]")
    session.run("ccapi", "tour", "--output", str(ROOT / "ccapi-tour"), *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks: import time and per-call overhead next to raw httpx (prints ratios; asserts nothing)."""
    session.install("-e", ".[sandbox]")
    session.run("python", "benchmarks/bench.py", *session.posargs)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@nox.session
def conformance(session: nox.Session) -> None:
    """Schemathesis against a running sandbox: every response must match openapi.yaml."""
    session.install("-e", ".[sandbox]", SCHEMATHESIS)
    port = _free_port()
    python = str(Path(session.bin) / "python")
    server = subprocess.Popen([python, "-m", "ccapi.testing", "--port", str(port), "--job-duration", "0.2"])  # noqa: S603 (our own module)
    try:
        deadline = time.monotonic() + 30
        while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
            if time.monotonic() > deadline or server.poll() is not None:
                session.error("the sandbox did not start")
            time.sleep(0.1)
        session.run(
            "schemathesis",
            "run",
            str(SPEC),
            "--url",
            f"http://127.0.0.1:{port}/v1",
            "--header",
            "Authorization: Bearer sk-ccapi-sandbox",
            "--checks",
            "all",
            # The spec cannot list model ids (the catalog is data, not schema), so a schema-valid body may name a
            # model that does not exist or does the wrong thing; a gateway must answer that with 400.
            "--exclude-checks",
            "positive_data_acceptance",
            "--max-examples",
            "40",
            "--seed",
            "20261125",
            "--generation-codec",
            "ascii",
            "--request-timeout",
            "20",
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
