"""A client library for accessing CCAPI"""

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
