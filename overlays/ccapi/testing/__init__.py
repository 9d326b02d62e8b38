"""A local CCAPI for offline use and tests: every operation of the spec, on a real loopback socket.

Needs the optional extra: ``pip install 'ccapi-sdk[sandbox]'``. Start one with ``python -m ccapi.testing``, as a
context manager with :class:`SandboxServer`, or in pytest with the ``ccapi_sandbox`` fixture
(``pytest_plugins = ["ccapi.testing.pytest_plugin"]``).
"""

from ._app import create_app
from ._config import DEFAULT_API_KEY, Faults, ModelFault, SandboxConfig
from ._server import SandboxServer
from ._state import ReceivedRequest
from ._upstream import Attempt, upstream_log

__all__ = [
    "DEFAULT_API_KEY",
    "Attempt",
    "Faults",
    "ModelFault",
    "ReceivedRequest",
    "SandboxConfig",
    "SandboxServer",
    "create_app",
    "upstream_log",
]
