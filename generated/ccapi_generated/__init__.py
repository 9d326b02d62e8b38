"""Internal to the ccapi package: the code generated from openapi.yaml (models, resources, operations).

Import `ccapi` and `ccapi.types`: nothing here is a public API, and it changes whenever the spec does. The
generator's own low-level client (`client.py`, `api/`) is kept in the source tree for its tests and is not in the
wheel: the SDK never calls it.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .client import AuthenticatedClient, Client

API_VERSION = "1.0.0"
"""The `info.version` of the OpenAPI document this package was generated from."""

__all__ = (
    "API_VERSION",
    "AuthenticatedClient",
    "Client",
)


def __getattr__(name: str) -> Any:
    # The low-level clients load on first use: the typed resources do not need them, and they bring in attrs.
    if name in ("AuthenticatedClient", "Client"):
        from . import client

        return getattr(client, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
