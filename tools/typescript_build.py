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


def build(work: Path, node_modules: Path, versions: dict[str, str], generated: Path | None = None) -> Path:
    """Compile clients/typescript (with `generated` in place of src/generated, if given) in `work`; return the
    package folder (`work`/package), ready to pack. `node_modules` holds typescript and @types/node."""
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
    shutil.copy(ROOT / "README.md", package / "README.md")
    return package


def pack(package: Path, destination: Path) -> Path:
    """`npm pack` the package into `destination`; the tarball's path."""
    destination.mkdir(parents=True, exist_ok=True)
    name = run("npm", "pack", "--silent", "--pack-destination", destination, package).strip().splitlines()[-1]
    return destination / name


def markdown_examples(page: Path) -> list[str]:
    """The TypeScript examples (```ts blocks) of a Markdown page."""
    return re.findall(r"```ts\n(.*?)```", page.read_text(encoding="utf-8"), flags=re.DOTALL)
