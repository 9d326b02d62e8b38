"""The `ccapi` command. Needs the `cli` extra (click and rich): ``pip install 'ccapi-sdk[cli]'``.

The library never imports this package; only the console script does.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return its exit code."""
    try:
        from ._app import run
    except ModuleNotFoundError as missing:  # the cli extra is not installed
        print(
            f"ccapi: the command line needs the 'cli' extra ({missing.name} is missing): pip install 'ccapi-sdk[cli]'",
            file=sys.stderr,
        )
        return 1
    return run(argv)
