"""Fixtures shared by every test module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from ccapi.testing import SandboxServer

# The same plugin users enable in their own suites: it gives the `ccapi_sandbox` fixture.
pytest_plugins = ["ccapi.testing.pytest_plugin"]

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    """openapi.yaml, parsed."""
    with (ROOT / "openapi.yaml").open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = yaml.safe_load(handle)
    return loaded


@pytest.fixture
def raw(ccapi_sandbox: SandboxServer) -> Iterator[httpx.Client]:
    """Plain httpx, authenticated against the session's sandbox."""
    headers = {"Authorization": f"Bearer {ccapi_sandbox.api_key}"}
    with httpx.Client(base_url=ccapi_sandbox.base_url, headers=headers, timeout=10) as client:
        yield client
