"""The Python SDK for CCAPI, the unified OpenAI-compatible gateway to many AI models."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from ccapi_generated import API_VERSION as API_VERSION

__all__ = ["API_VERSION", "__version__"]


def __getattr__(name: str) -> Any:
    # Lazy, so that `import ccapi` stays as cheap as `import httpx`: generated code loads on first use.
    if name == "API_VERSION":
        from ccapi_generated import API_VERSION

        return API_VERSION
    raise AttributeError(f"module 'ccapi' has no attribute {name!r}")
