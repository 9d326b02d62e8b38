"""Uses the public API as a user would; `nox -s typecheck` runs mypy --strict over this file."""

from __future__ import annotations

import ccapi


def test_versions_are_strings() -> None:
    sdk_version: str = ccapi.__version__
    api_version: str = ccapi.API_VERSION
    assert sdk_version.count(".") == 2
    assert api_version.count(".") == 2
