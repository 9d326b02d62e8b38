"""`python -m ccapi`: the `ccapi` command (needs the `cli` extra)."""

from ._cli import main

raise SystemExit(main())
