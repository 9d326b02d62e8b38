"""Deciding a release: compare the spec and the public Python API with the last release, pick the version bump.

The last release is a wheel (from the package index, or a path): it carries the spec it was built from
(`ccapi/testing/openapi.yaml`) and its Python API, which griffe reads from the unpacked wheel. A break in
either needs a major bump; additions a minor one; anything else a patch.
"""

from __future__ import annotations

import datetime
import re
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import yaml

from tools.spec_diff import Change, compare

ROOT = Path(__file__).resolve().parents[1]
VERSION_FILE = ROOT / "overlays" / "ccapi" / "_version.py"
CHANGELOG = ROOT / "CHANGELOG.md"
PACKAGES = ("ccapi", "ccapi_generated")
BUMPS = ("major", "minor", "patch")
ANSI_STYLE = re.compile(r"\x1b\[[0-9;]*m")


def read_version(path: Path = VERSION_FILE) -> str:
    found = re.search(r'__version__ = "([^"]+)"', path.read_text(encoding="utf-8"))
    if found is None:
        raise ValueError(f"no __version__ in {path}")
    return found.group(1)


def write_version(version: str, path: Path = VERSION_FILE) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'__version__ = "[^"]+"', f'__version__ = "{version}"', text), encoding="utf-8")


def bumped(version: str, bump: str) -> str:
    major, minor, patch = (int(part) for part in version.split(".")[:3])
    if bump == "major":
        return f"{major + 1}.0.0"
    if bump == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def api_breakages(old_roots: list[Path], new_roots: list[Path]) -> list[Change]:
    """Breaking changes to the public Python API (griffe), between two sets of folders holding the packages."""
    import griffe

    found: list[Change] = []
    for package in PACKAGES:
        old = griffe.load(package, search_paths=[str(root) for root in old_roots], resolve_aliases=False)
        new = griffe.load(package, search_paths=[str(root) for root in new_roots], resolve_aliases=False)
        # griffe reports only what users can reach: public names, and private modules' objects re-exported publicly.
        for breakage in griffe.find_breaking_changes(old, new):
            explained = ANSI_STYLE.sub("", breakage.explain())
            found.append(Change("breaking", f"Python API: {explained.split(': ', 1)[-1]}"))
    return found


def decide(changes: list[Change]) -> str | None:
    """The bump these changes need, or None when nothing changed."""
    kinds = {change.kind for change in changes}
    if "breaking" in kinds:
        return "major"
    if "addition" in kinds:
        return "minor"
    return "patch" if changes else None


def changes_since(wheel: Path, spec_path: Path, package_roots: list[Path]) -> list[Change]:
    """Every change from the release in `wheel` to the working tree's spec and packages."""
    with tempfile.TemporaryDirectory() as scratch:
        unpacked = Path(scratch)
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(unpacked)
        old_spec: dict[str, Any] = yaml.safe_load((unpacked / "ccapi" / "testing" / "openapi.yaml").read_text())
        new_spec: dict[str, Any] = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
        changes = compare(old_spec, new_spec)
        changes += api_breakages([unpacked], package_roots)
    return sorted(changes, key=lambda change: BUMPS.index(decide([change]) or "patch"))


def changelog_entry(version: str, spec_version: str, changes: list[Change], today: datetime.date) -> str:
    """A Keep a Changelog section for a release."""
    sections = {"breaking": "Removed / changed (breaking)", "addition": "Added", "other": "Changed"}
    lines = [f"## [{version}] - {today.isoformat()}", "", f"Generated from CCAPI spec {spec_version}.", ""]
    for kind, title in sections.items():
        items = [change.what for change in changes if change.kind == kind]
        if items:
            lines += [f"### {title}", "", *(f"- {item}" for item in items), ""]
    return "\n".join(lines)


def add_to_changelog(entry: str, path: Path = CHANGELOG) -> None:
    """Insert a release section above the newest one (below `## [Unreleased]`, if there is one)."""
    text = path.read_text(encoding="utf-8")
    anchor = text.find("\n## [", text.find("## [Unreleased]") + 1 if "## [Unreleased]" in text else 0)
    if anchor == -1:
        path.write_text(text.rstrip("\n") + "\n\n" + entry, encoding="utf-8")
    else:
        path.write_text(text[: anchor + 1] + entry + "\n" + text[anchor + 1 :], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Compare the working tree with the release in --baseline; bump the version and the changelog to match."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m tools.release", description=main.__doc__)
    parser.add_argument("--baseline", type=Path, required=True, help="the last release's wheel")
    args = parser.parse_args(argv)
    changes = changes_since(args.baseline, ROOT / "openapi.yaml", [ROOT / "overlays", ROOT / "generated"])
    bump = decide(changes)
    released = args.baseline.name.split("-")[1]
    if bump is None:
        print(f"nothing to release: the working tree matches {released}")
        return 0
    version = bumped(released, bump)
    spec_version = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))["info"]["version"]
    write_version(version)
    add_to_changelog(changelog_entry(version, spec_version, changes, datetime.date.today()))
    print(f"{released} -> {version} ({bump}), spec {spec_version}:")
    for change in changes:
        print(f"  [{change.kind}] {change.what}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
