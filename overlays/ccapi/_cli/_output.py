"""How the command line shows things: rich tables and text for people, JSON for scripts, one line per error."""

from __future__ import annotations

import errno
import json
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

import ccapi

# One exit code per kind of failure, so that scripts can tell them apart (the README lists them).
EXIT_CODES: tuple[tuple[type[BaseException], int, str], ...] = (
    (ccapi.MissingAPIKeyError, 3, "set CCAPI_API_KEY or pass --api-key; for a local sandbox, run `ccapi sandbox`"),
    (ccapi.APITimeoutError, 5, "the server did not answer in time: try again, or raise --timeout"),
    (ccapi.APIConnectionError, 4, "check --base-url / CCAPI_BASE_URL and your network"),
    (ccapi.AuthenticationError, 6, "check the API key (CCAPI_API_KEY or --api-key)"),
    (ccapi.PermissionDeniedError, 6, "this key may not do that"),
    (ccapi.BadRequestError, 7, "fix the arguments named above"),
    (ccapi.UnprocessableEntityError, 7, "fix the arguments named above"),
    (ccapi.NotFoundError, 8, "check the id or name"),
    (ccapi.BillingError, 9, "top up the account"),
    (ccapi.RateLimitError, 10, "slow down, or try again later"),
    (ccapi.InternalServerError, 11, "the gateway or provider failed: try again later"),
    (ccapi.APIStatusError, 11, "the server refused the request"),
    (ccapi.ImageJobFailedError, 12, "the provider could not make this image: change the prompt or model"),
    (ccapi.ImageJobTimeoutError, 13, "the job may still finish: `ccapi jobs wait ID`"),
    (ccapi.APIResponseValidationError, 14, "the server's answer was not what the spec describes"),
    (ValueError, 2, "see --help"),
    (FileExistsError, 15, "a file of that name is in the way: choose another --output"),
    (PermissionError, 15, "that folder cannot be written: choose another --output"),
    (OSError, 15, "the file could not be written there: check --output"),
)

# Terminal escape sequences (CSI, OSC, and the other ESC forms) and control characters: what a server sends must
# never drive the terminal (move the cursor, retitle the window, hide text). Newlines and tabs stay in text.
_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[@-Z\\-_])")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROLS_AND_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def plain(text: object, *, one_line: bool = False) -> str:
    """`text` with every escape sequence and control character removed (with `one_line`, line breaks too)."""
    cleaned = _ESCAPES.sub("", str(text))
    return (_CONTROLS_AND_BREAKS if one_line else _CONTROLS).sub("", cleaned)


def shown(text: object, *, one_line: bool = True) -> str:
    """Text from elsewhere (the server, an error message) made safe to print with rich markup: no escape
    sequences or control characters, and its brackets shown as they are, never read as markup."""
    return escape(plain(text, one_line=one_line))


out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def exit_code_for(error: BaseException) -> tuple[int, str]:
    """The exit code and the advice for an error: for the likely mistakes, advice that names them."""
    if isinstance(error, ccapi.NotFoundError) and "/v1/" not in error.request.url.path + "/":
        return 8, "the base URL usually ends in /v1: check --base-url or CCAPI_BASE_URL"
    if isinstance(error, OSError) and error.errno == errno.EADDRINUSE:
        return 1, "that port is taken: choose another with --port (0 picks a free one)"
    for kind, code, advice in EXIT_CODES:
        if isinstance(error, kind):
            return code, advice
    return 1, "unexpected error"


def report(error: BaseException) -> int:
    """Print one line (what went wrong, what to do); return the exit code."""
    code, advice = exit_code_for(error)
    message = str(error).splitlines()[0] if str(error).strip() else type(error).__name__
    if isinstance(error, ccapi.MissingAPIKeyError):
        message = "no API key"  # the library's message speaks of api_key=, which is not how the CLI takes it
    err.print(f"[bold red]error:[/] {shown(message)} [dim]({advice})[/]", markup=True, highlight=False)
    return code


def emit_json(value: Any) -> None:
    """Write a value as JSON to standard output (generated models via their to_dict)."""
    sys.stdout.write(json.dumps(_plain(value), indent=2, ensure_ascii=False) + "\n")


def _plain(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def table(title: str, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Print a table; empty cells for values the server left out.

    The first column (an id or a name) is never broken across lines, so that `grep` finds it; other columns fold.
    Into a pipe or a file, plain tab-separated lines, one a row.
    """
    cells = [["" if cell is None else plain(cell, one_line=True) for cell in row] for row in rows]
    if not out.is_terminal:
        sys.stdout.write("\t".join(columns) + "\n")
        sys.stdout.writelines("\t".join(row) + "\n" for row in cells)
        return
    grid = Table(title=title, title_justify="left", header_style="bold")
    for index, column in enumerate(columns):
        if index == 0:
            grid.add_column(column, no_wrap=True, min_width=max((len(row[0]) for row in cells), default=0))
        else:
            grid.add_column(column, overflow="fold")
    for row in cells:
        grid.add_row(*(escape(cell) for cell in row))
    out.print(grid)
    out.print(f"[dim]{len(cells)} shown[/]")


def count(number: int, noun: str) -> str:
    """`1 image`, `2 images`."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
