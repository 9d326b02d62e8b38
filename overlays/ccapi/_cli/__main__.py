"""`python -m ccapi._cli`, the same as the `ccapi` command."""

from . import main

raise SystemExit(main())
