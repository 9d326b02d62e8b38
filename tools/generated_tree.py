"""What generation writes from openapi.yaml, and a file-by-file comparison of a fresh generation with the committed one.

OUTPUTS is the one list of what the spec drives: `nox -s generate` writes each entry into the working tree, and
`nox -s preview` (and `nox -s stress`) write each into a copy of it, which leaves these out when it copies, so that
a step missing from one of them cannot go unnoticed. The comparison is used by the nox sessions `check_generated`
and `typescript`; kept apart from noxfile.py so the tests can show that a single hand-edited file is caught.
"""

from __future__ import annotations

from pathlib import Path

# Each output, by the name of the step that writes it, relative to the repository's root.
OUTPUTS = {
    "python": "generated/ccapi_generated",  # tools/generate.py: openapi-python-client, then the resource layer
    "typescript": "clients/typescript/src/generated",  # tools/generate_typescript.py: types and resources
    "reference": "docs/reference.md",  # tools/generate_docs.py: the reference page
}


def is_generated(name: str) -> bool:
    """Whether `name` (a path relative to the root, with forward slashes) is, or is inside, one of OUTPUTS."""
    return any(name == output or name.startswith(output + "/") for output in OUTPUTS.values())


# Caches that tools leave behind are not part of the generated output.
IGNORED_PARTS = frozenset({"__pycache__", ".ruff_cache", ".mypy_cache"})


def _files(root: Path) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and not IGNORED_PARTS.intersection(relative.parts):
            found[relative.as_posix()] = path.read_bytes()
    return found


def differing_files(committed: Path, fresh: Path) -> list[str]:
    """Return each file that is missing, extra or different in `committed`, with the reason."""
    old, new = _files(committed), _files(fresh)
    problems = [
        f"{name}: differs from a fresh generation" for name in old.keys() & new.keys() if old[name] != new[name]
    ]
    problems += [f"{name}: missing (the generator writes it)" for name in new.keys() - old.keys()]
    problems += [f"{name}: extra (the generator does not write it)" for name in old.keys() - new.keys()]
    return sorted(problems)
