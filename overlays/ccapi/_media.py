"""Media results (speech): an answer sent as the media itself (an `audio/*` body, as OpenAI-style servers answer)
read into the JSON shape the spec describes, and what a media result can do with its bytes (`MediaContent`)."""

from __future__ import annotations

import base64
import os
import time
from pathlib import Path
from typing import Any

import httpx

_FORMAT_BY_MEDIA_TYPE = {"audio/mpeg": "mp3", "audio/mp3": "mp3", "audio/wav": "wav", "audio/x-wav": "wav",
                         "audio/wave": "wav", "audio/ogg": "ogg"}  # fmt: skip


def media_body(response: httpx.Response) -> dict[str, Any] | None:
    """The JSON body the spec describes for a raw `audio/*` answer, or None if the answer is not raw audio."""
    media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if not media_type.startswith("audio/"):
        return None
    request_body = _request_json(response.request)
    return {
        "id": response.headers.get("x-request-id") or "speech",
        "object": "audio.speech",
        "created": int(time.time()),
        "model": request_body.get("model", ""),
        "output_format": _FORMAT_BY_MEDIA_TYPE.get(media_type, media_type.removeprefix("audio/")),
        "b64_json": base64.b64encode(response.content).decode("ascii"),
    }


def _request_json(request: httpx.Request) -> dict[str, Any]:
    import json

    try:
        body = json.loads(request.content or b"{}")
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


class MediaContent:
    """What a media result (speech) can do besides its fields, as the openai package's binary responses do: give
    its bytes and write them to a file, whether the server sent a URL, base64 or the audio itself. A URL is fetched
    with the client's pool and retries, carrying the key only to the API's own origin (see _downloads)."""

    __slots__ = ()
    _pipeline: Any

    @property
    def content(self) -> bytes:
        """The media's bytes (a URL is downloaded now)."""
        from ._downloads import MediaFiles

        return MediaFiles(self._pipeline).read(self)  # type: ignore[arg-type]  # a media model: url, b64_json

    def read(self) -> bytes:
        """As `content`."""
        return self.content

    def write_to_file(self, path: str | os.PathLike[str]) -> Path:
        """Write the media to `path` (a URL is streamed to disk); return the path."""
        from ._downloads import MediaFiles

        return MediaFiles(self._pipeline).save(self, path)  # type: ignore[arg-type]

    def stream_to_file(self, path: str | os.PathLike[str]) -> Path:
        """As `write_to_file` (the name `with_streaming_response` users call)."""
        return self.write_to_file(path)


class AsyncMediaContent:
    """The async form of MediaContent (AsyncCCAPI's results): `await result.read()`, `await result.write_to_file()`."""

    __slots__ = ()
    _pipeline: Any

    async def read(self) -> bytes:
        """The media's bytes (a URL is downloaded now)."""
        from ._downloads import AsyncMediaFiles

        return await AsyncMediaFiles(self._pipeline).read(self)  # type: ignore[arg-type]

    async def write_to_file(self, path: str | os.PathLike[str]) -> Path:
        """Write the media to `path` (a URL is streamed to disk); return the path."""
        from ._downloads import AsyncMediaFiles

        return await AsyncMediaFiles(self._pipeline).save(self, path)  # type: ignore[arg-type]

    async def stream_to_file(self, path: str | os.PathLike[str]) -> Path:
        """As `write_to_file`."""
        return await self.write_to_file(path)


def adopt_media(result: Any, pipeline: Any) -> None:
    """Keep the pipeline that fetched a media result on it, to fetch its bytes (`Operation.adopt`)."""
    result._pipeline = pipeline
