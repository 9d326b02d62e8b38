"""Compare a freshly generated client with the committed one, file by file.

Used by the nox session `check_generated`; kept apart from noxfile.py so the tests can show that a single
hand-edited file is caught.
"""

from __future__ import annotations

from pathlib import Path

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
