"""Write the synchronous runtime from the asynchronous one: `overlays/ccapi/_async/*.py` -> `overlays/ccapi/_sync/`.

The async code is the source; the sync code is the same text with `async`/`await` and the async names rewritten, as
httpcore's `scripts/unasync.py` does. What cannot be rewritten by a name lives in `ccapi._io`, written both ways
(`_io.async_send` and `_io.send`, ...), or is declared on its line with a trailing `# unasync: <sync code>`, which
replaces the line's code in the sync output, or between `# unasync: begin async only` and `# unasync: end async only`
lines (kept rare: each one is a place where the two forms differ by design).

    python tools/unasync.py            # rewrite overlays/ccapi/_sync
    python tools/unasync.py --check    # fail, naming each file, if the committed sync code is not a fresh rewrite

`nox -s generate` runs the first, `nox -s check_generated` the second.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "overlays" / "ccapi" / "_async"
TARGET = ROOT / "overlays" / "ccapi" / "_sync"

# In order: the specific names first, then the general rules.
SUBS = [
    (r"ccapi_generated\.resources\._async", "ccapi_generated.resources._sync"),
    (r"AsyncResources", "Resources"),
    (r"AsyncPager", "SyncPage"),  # a sync list() returns its first page; an async one, a pager to await
    (r"AsyncPage", "SyncPage"),
    (r"DefaultAsyncHttpxClient", "DefaultHttpxClient"),
    (r"AsyncIterator", "Iterator"),
    (r"AsyncIterable", "Iterable"),
    (r"AsyncGenerator", "Generator"),
    (r"Async([A-Z][A-Za-z0-9_]*)", r"\1"),
    (r"async def", "def"),
    (r"async with", "with"),
    (r"async for", "for"),
    (r"await ", ""),
    (r"aclose", "close"),
    (r"aiter_bytes", "iter_bytes"),
    (r"aread", "read"),
    (r"__aenter__", "__enter__"),
    (r"__aexit__", "__exit__"),
    (r"__aiter__", "__iter__"),
    (r"__anext__", "__next__"),
    (r"anext", "next"),
    (r"async_([a-z][a-z0-9_]*)", r"\1"),  # _io.async_send -> _io.send, policy.async_sleep -> policy.sleep
    (r"asynchronous", "synchronous"),
    (r"the async form", "the sync form"),
]
COMPILED = [(re.compile(r"\b" + pattern + r"\b"), replacement) for pattern, replacement in SUBS]
ASYNC_ONLY = ("# unasync: begin async only", "# unasync: end async only")  # what the sync code has no use for
MARKER = re.compile(r"^(?P<indent>\s*)(?P<code>.*?)\s*# unasync: (?P<sync>.*)$")
WRAPPERS = ("Awaitable[",)  # `Awaitable[X]` is `X` once nothing is awaited
IMPORT = re.compile(r"^(?P<head>\s*from [\w.]+ import )(?P<names>[\w, ]+)$")


def header(source: Path) -> str:
    return f"# generated from {source.relative_to(ROOT).as_posix()} by tools/unasync.py; do not edit\n"


def _unwrap(line: str) -> str:
    """`Awaitable[X]` -> `X`, brackets matched."""
    for wrapper in WRAPPERS:
        while (start := line.find(wrapper)) != -1:
            depth, end = 0, start + len(wrapper) - 1
            for end in range(start + len(wrapper) - 1, len(line)):
                depth += {"[": 1, "]": -1}.get(line[end], 0)
                if depth == 0:
                    break
            line = line[:start] + line[start + len(wrapper) : end] + line[end + 1 :]
    return line


def rewrite_line(line: str) -> str:
    marked = MARKER.match(line)
    if marked:
        return marked["indent"] + marked["sync"].rstrip()
    for pattern, replacement in COMPILED:
        line = pattern.sub(replacement, line)
    return _unwrap(line)


def _tidy_imports(lines: list[str]) -> list[str]:
    """One-line `from X import a, b` statements: names made twins by the rewrite once, names no longer used gone."""
    body = "\n".join(line for line in lines if not IMPORT.match(line))
    tidy: list[str] = []
    for line in lines:
        found = IMPORT.match(line)
        if found is None or found["head"].lstrip().startswith("from __future__"):
            tidy.append(line)
            continue
        names: list[str] = []
        for name in (part.strip() for part in found["names"].split(",")):
            alias = name.split(" as ")[-1]
            if name and name not in names and (" as " in name or re.search(rf"\b{alias}\b", body)):
                names.append(name)
        if names:
            tidy.append(found["head"] + ", ".join(sorted(names, key=_import_order)))
    return tidy


def _import_order(name: str) -> tuple[int, str]:
    # ruff's (isort's) order within one statement: constants, classes, then the rest, each case-insensitively
    if name.isupper() and len(name) > 1:
        return 0, name.lower()
    return (1 if name[:1].isupper() else 2), name.lower()


def _sync_lines(text: str) -> list[str]:
    lines: list[str] = []
    dropping = False
    for line in text.splitlines():
        if line.strip() in ASYNC_ONLY:
            dropping = line.strip() == ASYNC_ONLY[0]
            continue
        if not dropping:
            lines.append(rewrite_line(line))
    return lines


def rewrite(source: Path) -> str:
    lines = _sync_lines(source.read_text())
    return header(source) + "\n".join(_tidy_imports(lines)) + "\n"


def expected() -> dict[str, str]:
    """Each sync file's text, by name, as a fresh rewrite makes it."""
    return {path.name: rewrite(path) for path in sorted(SOURCE.glob("*.py"))}


def differing_files(target: Path = TARGET) -> list[str]:
    """Each sync file that differs from, is missing from, or is extra to a fresh rewrite, with the reason."""
    fresh = expected()
    committed = {path.name: path.read_text() for path in sorted(target.glob("*.py"))}
    where = target.relative_to(ROOT).as_posix() if target.is_relative_to(ROOT) else str(target)
    problems = [f"{where}/{name}: differs from a fresh rewrite" for name in fresh.keys() & committed.keys()
                if fresh[name] != committed[name]]  # fmt: skip
    problems += [f"{where}/{name}: missing (tools/unasync.py writes it)" for name in fresh.keys() - committed.keys()]
    problems += [f"{where}/{name}: extra (no source in _async/)" for name in committed.keys() - fresh.keys()]
    return sorted(problems)


def write(target: Path = TARGET) -> None:
    target.mkdir(exist_ok=True)
    fresh = expected()
    for stale in target.glob("*.py"):
        if stale.name not in fresh:
            stale.unlink()
    for name, text in fresh.items():
        (target / name).write_text(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the sync code is a fresh rewrite")
    args = parser.parse_args()
    if not args.check:
        write()
        print(f"rewrote {TARGET.relative_to(ROOT)} from {SOURCE.relative_to(ROOT)}")
        return 0
    problems = differing_files()
    if problems:
        print("the sync runtime is not what tools/unasync.py writes (run `nox -s generate`):", file=sys.stderr)
        print("  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    print(f"{TARGET.relative_to(ROOT)} matches a fresh rewrite of {SOURCE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
