"""AsyncCCAPI, the asynchronous client: its source is `_async._client`."""

from ._async._client import AsyncCCAPI as AsyncCCAPI

__all__ = ["AsyncCCAPI"]
