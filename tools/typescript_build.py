"""Build the npm package ccapi-sdk from clients/typescript: type-check the core without Node's types (it must run
wherever `fetch` does), compile everything with `tsc --strict`, and pack it.

Used by the noxfile (`typescript`, `build`) and by the tests that rebuild the client from an altered spec. Only the
standard library: nox's own interpreter runs it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "clients" / "typescript"
GENERATED = SOURCE / "src" / "generated"


def run(*command: str | Path, cwd: Path | None = None) -> str:
    done = subprocess.run(  # noqa: S603 (the pinned npm tools)
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, command))} failed:\n{done.stdout[-6000:]}{done.stderr[-3000:]}")
    return done.stdout


def substituted(text: str, versions: dict[str, str]) -> str:
    for placeholder, value in versions.items():
        text = text.replace(placeholder, value)
    return text


# Where the package's manifest says its source lives when neither CCAPI_REPOSITORY_URL nor the checkout's `origin`
# remote names it: a reserved domain, so that a wrong value is never mistaken for a real one.
UNKNOWN_REPOSITORY = "git+https://repository.invalid/ccapi-sdk.git"


def repository_url() -> str:
    """The repository the package's manifest names: CCAPI_REPOSITORY_URL, else the checkout's `origin` remote."""
    given = os.environ.get("CCAPI_REPOSITORY_URL")
    if given:
        return given
    done = subprocess.run(  # noqa: S603
        ["git", "-C", str(ROOT), "remote", "get-url", "origin"],  # noqa: S607 (git from PATH)
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    url = done.stdout.strip()
    # Never credentials: a remote of the form https://user:token@host/... is shown without them.
    return re.sub(r"^(\w+://)[^/@]*@", r"\1", url) if done.returncode == 0 and url else UNKNOWN_REPOSITORY


def build(work: Path, node_modules: Path, versions: dict[str, str], generated: Path | None = None) -> Path:
    """Compile clients/typescript (with `generated` in place of src/generated, if given) in `work`; return the
    package folder (`work`/package), ready to pack. `node_modules` holds typescript and @types/node."""
    versions = {"@REPOSITORY_URL@": repository_url(), **versions}
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    shutil.copytree(SOURCE / "src", work / "src")
    if generated is not None:
        shutil.rmtree(work / "src" / "generated")
        shutil.copytree(generated, work / "src" / "generated")
    version = work / "src" / "version.ts"
    version.write_text(substituted(version.read_text(encoding="utf-8"), versions), encoding="utf-8")
    for name in ("tsconfig.json", "tsconfig.core.json"):
        shutil.copy(SOURCE / name, work / name)
    os.symlink(node_modules, work / "node_modules")
    (work / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")  # tsc emits ES modules
    tsc = node_modules / ".bin" / "tsc"
    run(tsc, "-p", work / "tsconfig.core.json", cwd=work)  # the core, without Node's types
    package = work / "package"
    run(tsc, "-p", work / "tsconfig.json", "--outDir", package, cwd=work)
    manifest = substituted((SOURCE / "package.json").read_text(encoding="utf-8"), versions)
    json.loads(manifest)  # still JSON after the substitution
    (package / "package.json").write_text(manifest, encoding="utf-8")
    shutil.copy(SOURCE / "README.md", package / "README.md")  # the npm package's own, not the Python SDK's
    return package


def pack(package: Path, destination: Path) -> Path:
    """`npm pack` the package into `destination`; the tarball's path."""
    destination.mkdir(parents=True, exist_ok=True)
    name = run("npm", "pack", "--silent", "--pack-destination", destination, package).strip().splitlines()[-1]
    return destination / name


def markdown_examples(page: Path) -> list[str]:
    """The TypeScript examples (```ts blocks) of a Markdown page."""
    return re.findall(r"```ts\n(.*?)```", page.read_text(encoding="utf-8"), flags=re.DOTALL)
