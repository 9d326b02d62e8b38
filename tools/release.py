"""Deciding a release: compare the spec, the public Python API and the code with the last release, pick the bump.

The last release is a wheel of this project (from the package index, or a path): it carries the spec it was built
from (`ccapi/testing/openapi.yaml`), its Python API, which griffe reads from the unpacked wheel, and its code. A
break in the spec (tools/spec_diff.py) or in the Python API (griffe's breakages, and any changed annotation of a
public attribute, parameter or return) needs a major bump; additions a minor one; any other change to the spec or
the code a patch; no change, no release. A spec that changed without a new `info.version` is refused.
"""

from __future__ import annotations

import datetime
import json
import re
import tempfile
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import yaml

from tools.spec_diff import Change, compare

ROOT = Path(__file__).resolve().parents[1]
VERSION_FILE = ROOT / "overlays" / "ccapi" / "_version.py"
CHANGELOG = ROOT / "CHANGELOG.md"
PACKAGES = ("ccapi", "ccapi_generated")
DISTRIBUTION = "ccapi-sdk"
SHIPPED_SPEC = Path("ccapi") / "testing" / "openapi.yaml"
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


class NotOurRelease(SystemExit):
    """The baseline is not a release of this project (another package of the same name, or no wheel at all)."""


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
        # griffe does not compare annotations: a field typed int that is now str breaks users' code all the same.
        before, after = annotations(old), annotations(new)
        for where in sorted(before.keys() & after.keys()):
            if before[where] != after[where]:
                found.append(
                    Change("breaking", f"Python API: {where}: type changed: {before[where]} -> {after[where]}")
                )
    return found


def annotations(package: Any) -> dict[str, str]:
    """The annotation of every public attribute, parameter and return in a griffe package.

    Classes count wherever they are defined (this project defines its public classes in private modules); functions
    and attributes at the top of a private module are helpers, and do not.
    """
    found: dict[str, str] = {}

    def walk(node: Any, private_module: bool) -> None:
        for name, member in node.members.items():
            if member.is_alias or (name.startswith("_") and name != "__init__" and not member.is_module):
                continue
            path = f"{node.path}.{name}"
            if member.is_module:
                walk(member, private_module or name.startswith("_"))
            elif member.is_class:
                walk(member, False)
            elif private_module and node.is_module:
                continue
            elif member.is_attribute and member.annotation is not None:
                found[path] = str(member.annotation)
            elif member.is_function:
                for parameter in member.parameters:
                    if parameter.annotation is not None:
                        found[f"{path}({parameter.name})"] = str(parameter.annotation)
                if member.returns is not None:
                    found[f"{path}() return"] = str(member.returns)

    walk(package, False)
    return found


def decide(changes: list[Change]) -> str | None:
    """The bump these changes need, or None when nothing changed."""
    kinds = {change.kind for change in changes}
    if "breaking" in kinds:
        return "major"
    if "addition" in kinds:
        return "minor"
    return "patch" if changes else None


def check_baseline(wheel: Path) -> None:
    """Refuse a baseline that is not a wheel of this project: diffing against another package would release junk."""
    try:
        with zipfile.ZipFile(wheel) as archive:
            names = archive.namelist()
            metadata = next((name for name in names if name.endswith(".dist-info/METADATA")), None)
            text = archive.read(metadata).decode("utf-8", "replace") if metadata else ""
    except (OSError, zipfile.BadZipFile) as error:
        raise NotOurRelease(f"the baseline {wheel.name} is not a wheel: {error}") from error
    name = re.search(r"^Name: (.+)$", text, re.MULTILINE)
    normalized = re.sub(r"[-_.]+", "-", name.group(1).strip()).lower() if name else "(none)"
    if normalized != DISTRIBUTION or SHIPPED_SPEC.as_posix() not in names:
        raise NotOurRelease(
            f"the baseline {wheel.name} is not a release of {DISTRIBUTION} (it is {normalized}): refusing to compare"
        )


def left_out_of_the_wheel(pyproject: Path = ROOT / "pyproject.toml") -> tuple[Path, ...]:
    """What the wheel does not carry of the tree (`[tool.hatch.build.targets.wheel] exclude`), as absolute paths."""
    build = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("hatch", {}).get("build", {})
    excluded = build.get("targets", {}).get("wheel", {}).get("exclude", [])
    return tuple(pyproject.parent / pattern for pattern in excluded)


def code_changes(old_root: Path, package_roots: list[Path], generated: bool = True) -> list[Change]:
    """Files of the packages that differ from the release's (the version file and the shipped spec aside, and what
    the wheel leaves out; the generated package's only with `generated`)."""
    ignored = {"ccapi/_version.py", SHIPPED_SPEC.as_posix()}
    left_out = left_out_of_the_wheel()

    def files(roots: list[Path]) -> dict[str, bytes]:
        found = {}
        for root in roots:
            for package in PACKAGES if generated else PACKAGES[:1]:
                for path in (root / package).rglob("*"):
                    relative = path.relative_to(root).as_posix()
                    if any(path == out or out in path.parents for out in left_out):
                        continue
                    if path.is_file() and "__pycache__" not in relative and relative not in ignored:
                        found[relative] = path.read_bytes()
        return found

    old, new = files([old_root]), files(package_roots)
    changed = sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))
    if not changed:
        return []
    shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
    return [Change("other", f"SDK code changed: {shown}")]


class SpecVersionNotBumped(SystemExit):
    """The spec changed but its `info.version` did not."""


def released_spec(wheel: Path) -> dict[str, Any]:
    """The spec a release was made from (shipped in its wheel)."""
    with zipfile.ZipFile(wheel) as archive:
        loaded: dict[str, Any] = yaml.safe_load(archive.read(SHIPPED_SPEC.as_posix()).decode("utf-8"))
    return loaded


def check_spec_version(old_spec: dict[str, Any], new_spec: dict[str, Any]) -> None:
    """Refuse a changed spec whose info.version did not move on."""
    old_version, new_version = old_spec["info"]["version"], new_spec["info"]["version"]
    if old_spec != new_spec and old_version == new_version:
        raise SpecVersionNotBumped(
            f"openapi.yaml changed since the last release but its info.version is still {new_version}: give the "
            f"spec a new version (info.version in openapi.yaml, e.g. {bumped(new_version, 'minor')} for additions), "
            "so that each release names the spec it was made from"
        )


def check_prerequisites(wheel: Path, spec_path: Path) -> None:
    """What a release needs before anything is generated or tested: a baseline of this project, and a new
    info.version for a changed spec."""
    check_baseline(wheel)
    check_spec_version(released_spec(wheel), yaml.safe_load(spec_path.read_text(encoding="utf-8")))


def changes_since(wheel: Path, spec_path: Path, package_roots: list[Path]) -> list[Change]:
    """Every change from the release in `wheel` to the working tree's spec and packages."""
    check_baseline(wheel)
    with tempfile.TemporaryDirectory() as scratch:
        unpacked = Path(scratch)
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(unpacked)
        old_spec: dict[str, Any] = yaml.safe_load((unpacked / SHIPPED_SPEC).read_text(encoding="utf-8"))
        new_spec: dict[str, Any] = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
        check_spec_version(old_spec, new_spec)
        changes = compare(old_spec, new_spec) if old_spec != new_spec else []
        changes += api_breakages([unpacked], package_roots)
        # Generated code follows from the spec: with a changed spec, only the hand-written code's changes are listed.
        changes += code_changes(unpacked, package_roots, generated=old_spec == new_spec)
    return sorted(changes, key=lambda change: BUMPS.index(decide([change]) or "patch"))


SECTIONS = {"breaking": "Changed (breaking)", "addition": "Added", "other": "Changed"}


def changelog_entry(version: str, spec_version: str, changes: list[Change], today: datetime.date) -> str:
    """A Keep a Changelog section for a release: one line for each change, under the heading of its kind."""
    lines = [
        f"## [{version}] - {today.isoformat()}",
        "",
        f"Generated from CCAPI spec {spec_version}. Released as the Python distribution ccapi-sdk {version} (imported"
        f" as `ccapi`) and as the npm package ccapi-sdk {version} (the TypeScript client).",
        "",
    ]
    for kind, title in SECTIONS.items():
        items = [change.what for change in changes if change.kind == kind]
        if items:
            lines += [f"### {title}", "", *(f"- {item}" for item in items), ""]
    return "\n".join(lines)


def _sections(body: str) -> tuple[str, dict[str, list[str]]]:
    """A changelog section's text before its first `###`, and the items under each `### heading` (an item keeps
    its continuation lines)."""
    intro, _, rest = body.partition("\n### ")
    if not rest and body.startswith("### "):
        intro, rest = "", body[4:]
    found: dict[str, list[str]] = {}
    for block in filter(None, rest.split("\n### ")):
        title, _, items = block.partition("\n")
        entries: list[str] = []
        for line in items.strip("\n").splitlines():
            if line.startswith("- ") or line == NOTES:
                entries.append(line)
            elif entries and line.strip():
                entries[-1] += "\n" + line
        found.setdefault(title.strip(), []).extend(entries)
    return intro, found


# Marks, invisibly, where a release section's notes taken from [Unreleased] start under a heading, so that a second
# attempt at the same version keeps them and drops the first attempt's generated lines.
NOTES = "<!-- written by hand before the release -->"


def _notes(items: list[str]) -> list[str]:
    return items[items.index(NOTES) + 1 :] if NOTES in items else []


def _with_notes(entry: str, notes: dict[str, list[str]]) -> str:
    """The entry with hand-written notes merged in under their headings (after the generated lines)."""
    intro, generated = _sections(entry)
    for title, items in notes.items():
        if items:
            generated.setdefault(title, []).extend([NOTES, *items])
    order = [*SECTIONS.values(), "Deprecated", "Removed", "Fixed", "Security"]  # then any other, as written
    titles = sorted(generated, key=lambda title: order.index(title) if title in order else len(order))
    blocks = [f"### {title}\n\n" + "\n".join(generated[title]) + "\n" for title in titles if generated[title]]
    return intro.rstrip("\n") + "\n\n" + "\n".join(blocks)


def add_to_changelog(entry: str, path: Path = CHANGELOG) -> None:
    """Insert a release section above the newest one, moving into it the notes written by hand under
    `## [Unreleased]` (which keeps its introduction, for the next notes).

    A section for the same version (an earlier attempt whose upload never reached the index) is replaced, so that
    no version has two sections; the notes it had taken from [Unreleased] stay in it.
    """
    text = path.read_text(encoding="utf-8")
    heading = entry.split(" - ", 1)[0]  # "## [1.2.0]"
    notes: dict[str, list[str]] = {}
    if heading + " - " in text:
        start = text.index(heading + " - ")
        end = text.find("\n## [", start + 1)
        earlier = _sections(text[start : end if end != -1 else len(text)].split("\n", 1)[1])[1]
        notes = {title: _notes(items) for title, items in earlier.items()}
        text = text[:start] + (text[end + 1 :] if end != -1 else "")
    if "## [Unreleased]" in text:
        start = text.index("## [Unreleased]")
        end = text.find("\n## [", start + 1)
        end = end if end != -1 else len(text)
        intro, unreleased = _sections(text[start:end])
        for title, items in unreleased.items():
            notes.setdefault(title, []).extend(item for item in items if item != NOTES)
        text = text[:start] + intro.rstrip("\n") + "\n" + text[end:]
    entry = _with_notes(entry, notes)
    anchor = text.find("\n## [", text.find("## [Unreleased]") + 1 if "## [Unreleased]" in text else 0)
    if anchor == -1:
        path.write_text(text.rstrip("\n") + "\n\n" + entry, encoding="utf-8")
    else:
        path.write_text(text[: anchor + 1] + entry + "\n" + text[anchor + 1 :], encoding="utf-8")


def previous_test_breaks(report: dict[str, Any]) -> list[Change]:
    """A failure of the last release's own public-API tests against the new client: a break, whatever the diff says."""
    failed = [str(name) for name in report.get("failed") or []]
    if not failed:
        return []
    shown = ", ".join(failed[:5]) + (f" and {len(failed) - 5} more" if len(failed) > 5 else "")
    return [Change("breaking", f"the last release's own tests fail against the new client: {shown}")]


def main(argv: list[str] | None = None) -> int:
    """Compare the working tree with the release in --baseline; bump the version and the changelog to match."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m tools.release", description=main.__doc__)
    parser.add_argument("--baseline", type=Path, required=True, help="the last release's wheel")
    parser.add_argument("--check", action="store_true", help="only check what a release needs, change nothing")
    parser.add_argument("--previous-tests", type=Path, help="the report of tools/public_tests.py run")
    args = parser.parse_args(argv)
    if args.check:
        check_prerequisites(args.baseline, ROOT / "openapi.yaml")
        print(f"baseline {args.baseline.name}: a release of {DISTRIBUTION}; the spec's version is in order")
        return 0
    changes = changes_since(args.baseline, ROOT / "openapi.yaml", [ROOT / "overlays", ROOT / "generated"])
    if args.previous_tests:
        changes = previous_test_breaks(json.loads(args.previous_tests.read_text(encoding="utf-8"))) + changes
    else:
        print("(the last release's public-API tests were not run: a break only they would see is not looked for)")
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
