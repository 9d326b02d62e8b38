from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.audio_output_format import AudioOutputFormat
from ..models.media_response_format import MediaResponseFormat
from ..types import UNSET, Unset
from ..types import fields_set as _fields_set
from ..types import show as _show
from ..types import to_json as _to_json
from ..types import wrong_type as _wrong_type

T = TypeVar("T", bound="AudioSpeechRequest")

# The fields the spec names; from_dict keeps any other key of the JSON object in additional_properties.
_FIELDS: frozenset[str] = frozenset(
    {
        "model",
        "input",
        "voice",
        "output_format",
        "response_format",
        "speed",
    }
)


@_attrs_define(repr=False)
class AudioSpeechRequest:
    """Text to speak, and how.

    Attributes:
        model (str): The speech model, as `provider/model`.
        input_ (str): The text to speak.
        voice (str | Unset): The voice, by name.
        output_format (AudioOutputFormat | Unset): The audio container of generated speech.
        response_format (MediaResponseFormat | Unset): How generated media is returned: a URL to download, or base64
            inline.
        speed (float | Unset): How fast to speak, 1 being normal (OpenAI's meaning). Default: 1.0.
    """

    model: str
    input_: str
    voice: str | Unset = UNSET
    output_format: AudioOutputFormat | Unset = UNSET
    response_format: MediaResponseFormat | Unset = UNSET
    speed: float | Unset = 1.0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The `X-Request-Id` of the response this model came in, when it is a call's result (the openai package's name)."""

    def to_dict(self) -> dict[str, Any]:
        model = self.model

        input_ = self.input_

        voice = self.voice

        output_format: str | Unset = UNSET
        if not isinstance(self.output_format, Unset):
            output_format = self.output_format.value

        response_format: str | Unset = UNSET
        if not isinstance(self.response_format, Unset):
            response_format = self.response_format.value

        speed = self.speed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model": model,
                "input": input_,
            }
        )
        if voice is not UNSET:
            field_dict["voice"] = voice
        if output_format is not UNSET:
            field_dict["output_format"] = output_format
        if response_format is not UNSET:
            field_dict["response_format"] = response_format
        if speed is not UNSET:
            field_dict["speed"] = speed

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        # Read in place, not from a copy with each field popped: a stream decodes thousands of these a second.
        d = src_dict
        model = d["model"]
        if not isinstance(model, str):
            raise _wrong_type("AudioSpeechRequest.model", "str", model)

        input_ = d["input"]
        if not isinstance(input_, str):
            raise _wrong_type("AudioSpeechRequest.input", "str", input_)

        voice = d.get("voice", UNSET)
        if voice is not None and (not isinstance(voice, str)):
            raise _wrong_type("AudioSpeechRequest.voice", "str", voice)

        _output_format = d.get("output_format", UNSET)
        output_format: AudioOutputFormat | Unset
        if isinstance(_output_format, Unset):
            output_format = UNSET
        else:
            output_format = AudioOutputFormat(_output_format)

        _response_format = d.get("response_format", UNSET)
        response_format: MediaResponseFormat | Unset
        if isinstance(_response_format, Unset):
            response_format = UNSET
        else:
            response_format = MediaResponseFormat(_response_format)

        speed = d.get("speed", UNSET)
        if (
            speed is not None
            and type(speed) is not float
            and (isinstance(speed, bool) or not isinstance(speed, (int, float)))
        ):
            raise _wrong_type("AudioSpeechRequest.speed", "float", speed)

        if cls is AudioSpeechRequest:
            # Filled in place, without attrs' __init__ and its keyword arguments: a stream decodes thousands of
            # these a second. A subclass (a result with media) may add fields of its own: it goes through __init__.
            audio_speech_request = object.__new__(cls)
            audio_speech_request.model = model
            audio_speech_request.input_ = input_
            audio_speech_request.voice = voice
            audio_speech_request.output_format = output_format
            audio_speech_request.response_format = response_format
            audio_speech_request.speed = speed
            audio_speech_request._request_id = None
        else:
            audio_speech_request = cls(
                model=model,
                input_=input_,
                voice=voice,
                output_format=output_format,
                response_format=response_format,
                speed=speed,
            )

        extra = (
            {} if _FIELDS.issuperset(d) else {key: value for key, value in d.items() if key not in _FIELDS}
        )
        audio_speech_request.additional_properties = extra
        return audio_speech_request

    def to_json(self, *, indent: int | None = None) -> str:
        """The model as JSON, as the API sends it."""
        return _to_json(self.to_dict(), indent)

    def model_dump(self) -> dict[str, Any]:
        """As `to_dict()`, by the name the openai package's models give it."""
        return self.to_dict()

    def model_dump_json(self, *, indent: int | None = None) -> str:
        """As `to_json()`, by the name the openai package's models give it."""
        return _to_json(self.to_dict(), indent)

    @property
    def model_fields_set(self) -> set[str]:
        """The fields that have a value (the openai package's name)."""
        return _fields_set(
            self,
            (
                "model",
                "input_",
                "voice",
                "output_format",
                "response_format",
                "speed",
            ),
        )

    def __repr__(self) -> str:
        return _show(
            self,
            (
                "model",
                "input_",
                "voice",
                "output_format",
                "response_format",
                "speed",
            ),
        )

    @property
    def input(self) -> str:
        """`input_`, by its name in the API."""
        return self.input_

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
