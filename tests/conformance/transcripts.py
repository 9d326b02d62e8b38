"""Compare the normalised transcripts the two conformance drivers wrote: one line per scenario (outcome, status,
error code, attempts the server saw, Idempotency-Key reuse, the text read), which must be identical.

`python tests/conformance/transcripts.py PYTHON_FOLDER TYPESCRIPT_FOLDER [CATALOGUE]`: exit 1, naming every
difference, unless both folders hold a line for every scenario of the catalogue and the lines are the same.
"""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path

CATALOGUE = Path(__file__).parent / "catalogue.json"


def transcript(folder: Path, names: list[str]) -> list[str]:
    lines = []
    for name in names:
        path = folder / f"{name}.json"
        lines.append(
            path.read_text(encoding="utf-8").strip() if path.exists() else f'{{"name":"{name}","missing":true}}'
        )
    return lines


def compare(python: Path, typescript: Path, catalogue: Path = CATALOGUE) -> list[str]:
    """The differences between the two transcripts (none when they are identical)."""
    names = sorted(scenario["name"] for scenario in json.loads(catalogue.read_text(encoding="utf-8"))["scenarios"])
    ours, theirs = transcript(python, names), transcript(typescript, names)
    return list(difflib.unified_diff(ours, theirs, "python", "typescript", lineterm=""))


if __name__ == "__main__":
    arguments = [Path(argument) for argument in sys.argv[1:4]]
    differences = compare(*arguments)
    if differences:
        print("The two SDKs' transcripts differ:\n" + "\n".join(differences))
        raise SystemExit(1)
    print(f"The two SDKs' transcripts are identical ({arguments[0]}, {arguments[1]})")
