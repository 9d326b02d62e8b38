"""CCAPI, the synchronous client: rewritten from the async source (`_async._client`) into `_sync._client`."""

from ._sync._client import CCAPI as CCAPI

__all__ = ["CCAPI"]
