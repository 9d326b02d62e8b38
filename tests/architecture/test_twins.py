"""No hand-written twin: the sync runtime is rewritten from the async one (tools/unasync.py), so, with `async`,
`await` and `Async` removed, no run of more than 20 lines is the same in two places of the hand-written code, outside
declared signatures (the clients' and `with_options`' parameter lists are the same on purpose)."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).parents[2] / "overlays" / "ccapi"
LONGEST_SHARED_RUN = 20
GENERATED = ("_sync",)
"""Rewritten from `_async` by tools/unasync.py, and checked to be so by `nox -s check_generated`."""
ELSEWHERE = ("testing", "_cli")
"""Not the runtime: the sandbox and the command line have no sync and async forms."""
_ASYNC = re.compile(r"\basync\s+|\bawait\s+|Async")


def hand_written() -> list[Path]:
    return sorted(
        path for path in PACKAGE.rglob("*.py") if not {*GENERATED, *ELSEWHERE} & set(path.relative_to(PACKAGE).parts)
    )


def _signature_lines(tree: ast.Module) -> set[int]:
    """The lines of every function's signature (decorators, parameters, return type), which twins may share."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            first = min([node.lineno, *(decorator.lineno for decorator in node.decorator_list)])
            lines.update(range(first, node.body[0].lineno))
    return lines


def normalised(source: str) -> list[tuple[int, str | None]]:
    """Each line that says something, with `async`/`await`/`Async` removed; None in place of a signature's lines
    (a run never goes through one)."""
    signatures = _signature_lines(ast.parse(source))
    found: list[tuple[int, str | None]] = []
    for number, line in enumerate(source.splitlines(), 1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        found.append((number, None if number in signatures else _ASYNC.sub("", text)))
    return found


def shared_runs(sources: dict[str, str], longest: int = LONGEST_SHARED_RUN) -> list[str]:
    """Where more than `longest` lines in a row are the same as somewhere else: the first line of each such stretch,
    and the first line of each place it is repeated."""
    window = longest + 1
    numbers: dict[str, list[int]] = {}
    seen: dict[tuple[str | None, ...], list[tuple[str, int]]] = defaultdict(list)
    for name, source in sources.items():
        lines = normalised(source)
        numbers[name] = [number for number, _ in lines]
        for start in range(len(lines) - window + 1):
            run = tuple(text for _, text in lines[start : start + window])
            if None not in run:
                seen[run].append((name, start))
    pairs = set()
    for places in seen.values():
        for index, (name, start) in enumerate(places):
            for other, other_start in places[index + 1 :]:
                if name != other or other_start - start >= window:  # not the same lines, overlapping themselves
                    pairs.add((name, start, other, other_start))
    stretches = [pair for pair in pairs if (pair[0], pair[1] - 1, pair[2], pair[3] - 1) not in pairs]
    return sorted(f"{a}:{numbers[a][i]} is the same as {b}:{numbers[b][j]}" for a, i, b, j in stretches)


def test_no_hand_written_twins() -> None:
    sources = {str(path.relative_to(PACKAGE)): path.read_text() for path in hand_written()}
    problems = shared_runs(sources)
    # Report the start of each shared stretch, not every line of it.
    assert not problems, "hand-written twins (write them once, in _async):\n  " + "\n  ".join(problems[:10])


def test_a_twin_is_found() -> None:
    """The check can fail: two loops, one async, the same but for `async`/`await`, 21 lines each."""
    body = "\n".join(f"        total += step_{index}(value)" for index in range(21))
    sync = f"def run(value):\n    total = 0\n    for _ in range(3):\n{body}\n    return total\n"
    asynchronous = sync.replace("def run", "async def run").replace("step_", "await step_")
    assert shared_runs({"a.py": sync, "b.py": asynchronous}) == ["a.py:2 is the same as b.py:2"]
    assert shared_runs({"a.py": sync, "b.py": asynchronous}, longest=24) == []
