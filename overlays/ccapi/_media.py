"""A media operation's answer sent as the media itself (an `audio/*` body, as OpenAI-style servers answer speech),
read into the JSON shape the spec describes, with the audio inline as base64."""

from __future__ import annotations

import base64
import time
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
