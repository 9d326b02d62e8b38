"""Fail if a log holds a secret: `python tools/no_secrets.py LOG VARIABLE...` checks LOG for the value of each
environment variable named, and for the password part of any URL among them. Prints only the variables' names."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit


def secrets(names: list[str]) -> dict[str, str]:
    found = {}
    for name in names:
        value = os.environ.get(name, "")
        if len(value) >= 4:
            found[name] = value
            password = urlsplit(value).password if "://" in value else None
            if password and len(password) >= 4:
                found[f"the password in {name}"] = password
    return found


def main(argv: list[str]) -> int:
    log = Path(argv[0]).read_text(encoding="utf-8", errors="replace")
    leaked = [name for name, value in secrets(argv[1:]).items() if value in log]
    for name in leaked:
        print(f"{argv[0]} holds {name}")
    return 1 if leaked else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
