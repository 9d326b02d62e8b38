"""What a change to the spec does to every client, in Markdown: `nox -s preview -- BASE` writes it for a pull request.

It reads what the nox session prepared (both specs, both Python packages, both sets of TypeScript declarations and
the test results) and prints the classified spec changes, the bump they need and whether `info.version` moved at
least that far, the changes to the public Python API (griffe, and annotations, as `nox -s update` compares them),
the changes to the TypeScript declarations, and the tests. It exits 1 when the bump is not reflected in
`info.version` or a test failed, so that a pull request's check fails with it.
"""

from __future__ import annotations

import argparse
import difflib
import json
from pathlib import Path
from typing import Any

import yaml

from tools.release import api_breakages, decide
from tools.spec_diff import Change, compare

TITLES = {"breaking": "Breaking", "addition": "Added", "other": "Other"}
MARKER = "<!-- ccapi-spec-preview -->"  # the comment that scripts/post_preview.py finds and updates


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in str(text).split("+")[0].split("-")[0].split(".")[:3])


def reflected(base_version: str, head_version: str, bump: str | None) -> bool:
    """Whether `info.version` moved from `base_version` at least as far as `bump` needs."""
    if bump is None:
        return True
    before, after = _version(base_version), _version(head_version)
    if bump == "major":
        return after[0] > before[0]
    if bump == "minor":
        return after[:2] > before[:2]
    return after > before


def python_api_changes(base_roots: list[Path], head_roots: list[Path]) -> tuple[list[Change], list[str]]:
    """Breaks (griffe's, and changed annotations) and additions (new public names, parameters, attributes)."""
    import griffe

    from tools.release import PACKAGES, annotations

    hidden = modules_left_out()
    breaks = [change for change in api_breakages(base_roots, head_roots) if not _names_any(change.what, hidden)]
    added: list[str] = []
    for package in PACKAGES:
        before = annotations(griffe.load(package, search_paths=[str(root) for root in base_roots]))
        after = annotations(griffe.load(package, search_paths=[str(root) for root in head_roots]))
        new = sorted(where for where in after.keys() - before.keys() if not _names_any(where, hidden))
        added += [f"`{where}: {after[where]}`" for where in new]
    return breaks, added


def modules_left_out() -> tuple[str, ...]:
    """The dotted names of what the source trees hold but the wheel leaves out (the generator's own low-level client,
    `[tool.hatch.build.targets.wheel] exclude`): no user reaches them, so the preview does not list them."""
    from tools.release import left_out_of_the_wheel

    found = []
    for path in left_out_of_the_wheel():
        parts = path.with_suffix("").parts
        if "generated" in parts:
            found.append(".".join(parts[parts.index("generated") + 1 :]))
    return tuple(found)


def _names_any(text: str, modules: tuple[str, ...]) -> bool:
    return any(f"{module}." in text or f"{module}(" in text or text == module for module in modules)


def typescript_diff(base: Path, head: Path) -> str:
    """A unified diff of the declaration files (`*.d.ts`, in every folder: the generated types are in `generated/`)
    of two builds of the npm package."""
    names = sorted({path.relative_to(folder).as_posix() for folder in (base, head) for path in folder.rglob("*.d.ts")})
    lines: list[str] = []
    for name in names:
        old = (base / name).read_text(encoding="utf-8").splitlines() if (base / name).exists() else []
        new = (head / name).read_text(encoding="utf-8").splitlines() if (head / name).exists() else []
        lines += difflib.unified_diff(old, new, f"base/{name}", f"head/{name}", n=2, lineterm="")
    return "\n".join(lines)


def render(
    base_spec: dict[str, Any],
    head_spec: dict[str, Any],
    changes: list[Change],
    python: tuple[list[Change], list[str]] | None,
    typescript: str | None,
    tests: dict[str, Any],
    base_name: str,
) -> tuple[str, bool]:
    """The preview in Markdown, and whether the check passes."""
    spec_bump = decide(changes)
    bump = spec_bump
    if python and python[0]:
        bump = "major"
    if tests.get("previous_failed"):  # the last release's own tests fail against the new client: a break
        bump = "major"
    base_version, head_version = str(base_spec["info"]["version"]), str(head_spec["info"]["version"])
    # A changed spec needs a new version in any case; an unchanged one, none (a change to code alone is the SDK's).
    needed = bump if base_spec != head_spec else None
    ok_version = reflected(base_version, head_version, needed or ("patch" if base_spec != head_spec else None))
    ok_tests = not tests.get("failed") and not tests.get("previous_failed")
    verdict = {None: "no change", "major": "major", "minor": "minor", "patch": "patch"}[bump]
    lines = [
        MARKER,
        f"## Spec preview: **{verdict}** against `{base_name}`",
        "",
        f"- Required bump: **{verdict}**; `info.version` {base_version} → {head_version}: "
        + ("reflects it ✅" if ok_version else f"not enough ❌ (needs a new {needed or 'patch'})"),
        "- Tests: " + (tests.get("summary") or "not run") + (" ✅" if ok_tests and tests.get("summary") else "")
        + ("" if ok_tests else " ❌"),
    ]  # fmt: skip
    if "previous_summary" in tests:
        lines.append(
            "- The last release's public-API tests against the new client: " + str(tests["previous_summary"])
            + (" ❌ (a break the spec diff cannot see: major)" if tests.get("previous_failed") else " ✅")
        )  # fmt: skip
    lines += ["", "### Spec changes", ""]
    if not changes:
        lines.append("None.")
    for kind, title in TITLES.items():
        items = [change.what for change in changes if change.kind == kind]
        if items:
            lines += [f"**{title}**", "", *(f"- {item}" for item in items), ""]
    lines += ["", "### Python public API", ""]
    if python is None:
        lines.append("Not compared.")
    else:
        breaks, added = python
        if not breaks and not added:
            lines.append("No change to public names or annotations.")
        if breaks:
            lines += ["**Breaking**", "", *(f"- {change.what}" for change in breaks), ""]
        if added:
            lines += ["**Added**", "", *(f"- {item}" for item in added), ""]
    lines += ["", "### TypeScript declarations", ""]
    if typescript is None:
        lines.append("Not compared.")
    elif not typescript:
        lines.append("No change.")
    else:
        lines += ["<details><summary>Declaration diff</summary>", "", "```diff", typescript, "```", "", "</details>"]
    return "\n".join(lines) + "\n", ok_version and ok_tests


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.preview", description=__doc__)
    parser.add_argument("--base-spec", type=Path, required=True)
    parser.add_argument("--head-spec", type=Path, required=True)
    parser.add_argument("--base-name", default="the base")
    parser.add_argument("--base-roots", type=Path, nargs="*", help="folders holding the base's ccapi, ccapi_generated")
    parser.add_argument("--head-roots", type=Path, nargs="*")
    parser.add_argument("--base-typescript", type=Path, help="the base's declarations (*.d.ts)")
    parser.add_argument("--head-typescript", type=Path)
    parser.add_argument("--tests", type=Path, help="a JSON file: summary, failed, previous_summary, previous_failed")
    parser.add_argument("--output", type=Path, help="also write the Markdown here")
    args = parser.parse_args(argv)
    load = lambda path: yaml.safe_load(path.read_text(encoding="utf-8"))  # noqa: E731
    base_spec, head_spec = load(args.base_spec), load(args.head_spec)
    changes = compare(base_spec, head_spec) if base_spec != head_spec else []
    python = python_api_changes(args.base_roots, args.head_roots) if args.base_roots and args.head_roots else None
    typescript = (
        typescript_diff(args.base_typescript, args.head_typescript)
        if args.base_typescript and args.head_typescript
        else None
    )
    tests = json.loads(args.tests.read_text(encoding="utf-8")) if args.tests else {}
    text, ok = render(base_spec, head_spec, changes, python, typescript, tests, args.base_name)
    print(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
