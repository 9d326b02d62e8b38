"""``client.audio.speech``: text to speech."""

from __future__ import annotations

import base64
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import httpx

from .._core import CallOptions, Timeout, parse, result_or_raw
from .._response import to_async_raw_response, to_raw_response
from ._params import check_text, compact, enum_value

if TYPE_CHECKING:
    from ccapi_generated.models import AudioOutputFormat, AudioSpeechRequest, AudioSpeechResponse, MediaResponseFormat

    from .._async_client import AsyncCCAPI
    from .._client import CCAPI


def speech_request(
    *, model: str, input: str, voice: str | None, output_format: AudioOutputFormat | str | None,
    response_format: MediaResponseFormat | str | None,
) -> AudioSpeechRequest:  # fmt: skip
    from ccapi_generated.models import AudioOutputFormat, AudioSpeechRequest, MediaResponseFormat

    body = compact(
        model=check_text(model, "model"), input=check_text(input, "input"), voice=voice,
        output_format=enum_value(AudioOutputFormat, output_format, "output_format"),
        response_format=enum_value(MediaResponseFormat, response_format, "response_format"),
    )  # fmt: skip
    return AudioSpeechRequest.from_dict(body)


# A speech endpoint may answer with the audio itself, as OpenAI's does, instead of JSON.
_FORMAT_BY_MEDIA_TYPE = {"audio/mpeg": "mp3", "audio/mp3": "mp3", "audio/wav": "wav", "audio/x-wav": "wav",
                         "audio/wave": "wav", "audio/ogg": "ogg"}  # fmt: skip


def speech_decoder(
    client: CCAPI | AsyncCCAPI, body: AudioSpeechRequest
) -> Callable[[httpx.Response], AudioSpeechResponse]:
    """Decode a speech answer: JSON as the spec describes, or a raw `audio/*` body, returned inline as base64."""
    from ccapi_generated.api.audio import create_speech
    from ccapi_generated.models import AudioSpeechResponse

    def decode(response: httpx.Response) -> AudioSpeechResponse:
        media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if not media_type.startswith("audio/"):
            return parse(create_speech, client._parse_client, response, AudioSpeechResponse)
        return AudioSpeechResponse(
            id=response.headers.get("x-request-id") or "speech",
            object_="audio.speech",
            created=int(time.time()),
            model=body.model,
            output_format=_FORMAT_BY_MEDIA_TYPE.get(media_type, media_type.removeprefix("audio/")),
            b64_json=base64.b64encode(response.content).decode("ascii"),
        )

    return decode


class Speech:
    """``client.audio.speech``."""

    def __init__(self, client: CCAPI) -> None:
        self._client = client
        self.with_raw_response = SpeechWithRawResponse(self)

    def create(
        self,
        *,
        model: str,
        input: str,
        voice: str | None = None,
        output_format: AudioOutputFormat | str | None = None,
        response_format: MediaResponseFormat | str | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> AudioSpeechResponse:
        """Speak `input` with `voice`; the audio (mp3, wav or ogg) comes back as a URL or base64."""
        from ccapi_generated.api.audio import create_speech

        body = speech_request(model=model, input=input, voice=voice, output_format=output_format,
                              response_format=response_format)  # fmt: skip
        options = CallOptions(timeout, max_retries, extra_headers, extra_query, extra_body)
        raw = self._client._call(create_speech._get_kwargs(body=body), options, speech_decoder(self._client, body))
        return result_or_raw(raw, options)


class SpeechWithRawResponse:
    def __init__(self, speech: Speech) -> None:
        self.create = to_raw_response(speech.create)


class Audio:
    """``client.audio``."""

    def __init__(self, client: CCAPI) -> None:
        self.speech = Speech(client)


class AsyncSpeech:
    """``client.audio.speech`` of AsyncCCAPI."""

    def __init__(self, client: AsyncCCAPI) -> None:
        self._client = client
        self.with_raw_response = AsyncSpeechWithRawResponse(self)

    async def create(
        self,
        *,
        model: str,
        input: str,
        voice: str | None = None,
        output_format: AudioOutputFormat | str | None = None,
        response_format: MediaResponseFormat | str | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> AudioSpeechResponse:
        """Speak `input` with `voice`; the audio (mp3, wav or ogg) comes back as a URL or base64."""
        from ccapi_generated.api.audio import create_speech

        body = speech_request(model=model, input=input, voice=voice, output_format=output_format,
                              response_format=response_format)  # fmt: skip
        options = CallOptions(timeout, max_retries, extra_headers, extra_query, extra_body)
        decode = speech_decoder(self._client, body)
        raw = await self._client._call(create_speech._get_kwargs(body=body), options, decode)
        return result_or_raw(raw, options)


class AsyncSpeechWithRawResponse:
    def __init__(self, speech: AsyncSpeech) -> None:
        self.create = to_async_raw_response(speech.create)


class AsyncAudio:
    """``client.audio`` of AsyncCCAPI."""

    def __init__(self, client: AsyncCCAPI) -> None:
        self.speech = AsyncSpeech(client)
