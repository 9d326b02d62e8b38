"""A pytest plugin: enable it with ``pytest_plugins = ["ccapi.testing.pytest_plugin"]`` in a conftest.py.

Gives the fixture ``ccapi_sandbox``: one sandbox for the test session, its config reset before each test.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ._config import SandboxConfig
from ._server import SandboxServer

QUICK_JOB_SECONDS = 0.3  # image jobs finish fast in tests


@pytest.fixture(scope="session")
def _ccapi_sandbox_session() -> Iterator[SandboxServer]:
    with SandboxServer(SandboxConfig(job_duration=QUICK_JOB_SECONDS)) as server:
        yield server


@pytest.fixture
def ccapi_sandbox(_ccapi_sandbox_session: SandboxServer) -> SandboxServer:
    """A running sandbox (``base_url``, ``api_key``, live ``config``), with default settings for this test."""
    server = _ccapi_sandbox_session
    server.reset(SandboxConfig(api_key=server.api_key, job_duration=QUICK_JOB_SECONDS))
    return server
