"""A client library for accessing CCAPI"""

from .client import AuthenticatedClient, Client

API_VERSION = "1.0.0"
"""The `info.version` of the OpenAPI document this package was generated from."""

__all__ = (
    "API_VERSION",
    "AuthenticatedClient",
    "Client",
)
