"""Reading and saving what the API returns as media (images, speech), whether it sent a URL or base64.

URLs are fetched with the client's own connection pool and retry policy, and saved in constant memory: the body
is streamed into a temporary file beside the target, which replaces the target only once complete, so a failed
download leaves nothing half-written. The API key goes only to the API's own origin, never to another host.
"""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol

import httpx

if TYPE_CHECKING:
    from ._async._pipeline import AsyncPipeline
    from ._pipeline import PipelineBase
    from ._sync._pipeline import Pipeline

CHUNK_BYTES = 1 << 16


class MediaItem(Protocol):
    """Anything with `url` and `b64_json`: ImageDatum, AudioSpeechResponse."""

    @property
    def url(self) -> object: ...
    @property
    def b64_json(self) -> object: ...


Media = MediaItem | str
"""A generated media item, or a URL."""


def _source(item: Media) -> str | bytes:
    """Where an item's content is: a URL to fetch (str), or the content itself, decoded from base64 (bytes)."""
    if isinstance(item, str):
        if not item.startswith(("http://", "https://")):
            raise ValueError(f"a media URL must be http(s), not {item[:80]!r}")
        return item
    b64 = getattr(item, "b64_json", None)
    if isinstance(b64, str) and b64:
        return _decode(b64)
    url = getattr(item, "url", None)
    if isinstance(url, str) and url:
        return url
    raise ValueError(f"{type(item).__name__} has neither a url nor b64_json to read")


def _decode(b64: str) -> bytes:
    try:
        return base64.b64decode(b64, validate=True)
    except binascii.Error as error:
        raise ValueError(f"b64_json is not valid base64: {error}") from error


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port


def download_request(pipeline: PipelineBase, url: str) -> httpx.Request:
    """A GET for `url` that carries the client's headers (and so its key) only on the API's own origin."""
    target = httpx.URL(url)
    same_origin = _origin(target) == _origin(httpx.URL(pipeline.base_url))
    own = pipeline.headers
    headers = own.copy() if same_origin else httpx.Headers({"User-Agent": own["User-Agent"]})
    headers["Accept"] = "*/*"
    timeout = pipeline.settings.timeout.as_dict()
    return httpx.Request("GET", target, headers=headers, extensions={"timeout": timeout})


def _broken_off(response: httpx.Response, url: str, error: httpx.HTTPError) -> Exception:
    """The typed error for a download whose body broke off or does not decode (a bad Content-Encoding)."""
    from ._errors import APIConnectionError

    if isinstance(error, httpx.DecodingError):
        reason = "its body could not be decoded (its Content-Encoding)"
    else:
        reason = f"it broke off ({type(error).__name__})"
    return APIConnectionError(response.request, message=f"Download of {url}: {reason}")


@contextmanager
def atomic_file(path: Path) -> Iterator[IO[bytes]]:
    """A file to write that appears at `path` only when the block ends without an error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        with partial.open("wb") as handle:
            yield handle
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


class MediaFiles:
    """``client.media``: read or save images and speech, sent as a URL or as base64."""

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline

    def read(self, item: Media, *, max_retries: int | None = None) -> bytes:
        """The bytes of an image or a speech result (held in memory: use `save` for large files)."""
        url = _source(item)
        if isinstance(url, bytes):
            return url
        response = self._pipeline.fetch(download_request(self._pipeline, url), max_retries)
        return response.content

    def save(self, item: Media, path: str | os.PathLike[str], *, max_retries: int | None = None) -> Path:
        """Write an image or a speech result to `path` (a URL is streamed to disk); return the path."""
        target = Path(path)
        url = _source(item)
        if isinstance(url, bytes):
            with atomic_file(target) as handle:
                handle.write(url)
            return target
        response = self._pipeline.fetch(download_request(self._pipeline, url), max_retries, stream=True)
        try:
            with atomic_file(target) as handle:
                for chunk in response.iter_bytes(CHUNK_BYTES):
                    handle.write(chunk)
        except (httpx.TransportError, httpx.DecodingError) as error:
            raise _broken_off(response, url, error) from None
        finally:
            response.close()
        return target


class AsyncMediaFiles:
    """``client.media`` of AsyncCCAPI."""

    def __init__(self, pipeline: AsyncPipeline) -> None:
        self._pipeline = pipeline

    async def read(self, item: Media, *, max_retries: int | None = None) -> bytes:
        """The bytes of an image or a speech result (held in memory: use `save` for large files)."""
        url = _source(item)
        if isinstance(url, bytes):
            return url
        response = await self._pipeline.fetch(download_request(self._pipeline, url), max_retries)
        return response.content

    async def save(self, item: Media, path: str | os.PathLike[str], *, max_retries: int | None = None) -> Path:
        """Write an image or a speech result to `path` (a URL is streamed to disk); return the path."""
        target = Path(path)
        url = _source(item)
        if isinstance(url, bytes):
            with atomic_file(target) as handle:
                handle.write(url)
            return target
        response = await self._pipeline.fetch(download_request(self._pipeline, url), max_retries, stream=True)
        try:
            with atomic_file(target) as handle:
                async for chunk in response.aiter_bytes(CHUNK_BYTES):
                    handle.write(chunk)
        except (httpx.TransportError, httpx.DecodingError) as error:
            raise _broken_off(response, url, error) from None
        finally:
            await response.aclose()
        return target
