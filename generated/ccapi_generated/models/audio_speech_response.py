from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.audio_output_format import AudioOutputFormat
from ..types import UNSET, Unset
from ..types import fields_set as _fields_set
from ..types import show as _show
from ..types import to_json as _to_json
from ..types import wrong_type as _wrong_type

T = TypeVar("T", bound="AudioSpeechResponse")

# The fields the spec names; from_dict keeps any other key of the JSON object in additional_properties.
_FIELDS: frozenset[str] = frozenset(
    {
        "id",
        "object",
        "created",
        "model",
        "output_format",
        "provider",
        "url",
        "b64_json",
        "duration_seconds",
    }
)


@_attrs_define(repr=False)
class AudioSpeechResponse:
    """Generated speech, as a URL or base64.

    Attributes:
        id (str):
        object_ (str): Always `audio.speech`.
        created (int):
        model (str):
        output_format (AudioOutputFormat | str): The audio container (open set).
        provider (str | Unset):
        url (None | str | Unset): Where to download the audio, when `response_format` was `url`.
        b64_json (None | str | Unset): The audio, base64-encoded, when `response_format` was `b64_json`.
        duration_seconds (float | None | Unset):
    """

    id: str
    object_: str
    created: int
    model: str
    output_format: AudioOutputFormat | str
    provider: str | Unset = UNSET
    url: None | str | Unset = UNSET
    b64_json: None | str | Unset = UNSET
    duration_seconds: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The `X-Request-Id` of the response this model came in, when it is a call's result (the openai package's name)."""

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_ = self.object_

        created = self.created

        model = self.model

        output_format: str
        if isinstance(self.output_format, AudioOutputFormat):
            output_format = self.output_format.value
        else:
            output_format = self.output_format

        provider = self.provider

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        b64_json: None | str | Unset
        if isinstance(self.b64_json, Unset):
            b64_json = UNSET
        else:
            b64_json = self.b64_json

        duration_seconds: float | None | Unset
        if isinstance(self.duration_seconds, Unset):
            duration_seconds = UNSET
        else:
            duration_seconds = self.duration_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "object": object_,
                "created": created,
                "model": model,
                "output_format": output_format,
            }
        )
        if provider is not UNSET:
            field_dict["provider"] = provider
        if url is not UNSET:
            field_dict["url"] = url
        if b64_json is not UNSET:
            field_dict["b64_json"] = b64_json
        if duration_seconds is not UNSET:
            field_dict["duration_seconds"] = duration_seconds

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        # Read in place, not from a copy with each field popped: a stream decodes thousands of these a second.
        d = src_dict
        id = d["id"]
        if not isinstance(id, str):
            raise _wrong_type("AudioSpeechResponse.id", "str", id)

        object_ = d["object"]
        if not isinstance(object_, str):
            raise _wrong_type("AudioSpeechResponse.object", "str", object_)

        created = d["created"]
        if type(created) is not int and (isinstance(created, bool) or not isinstance(created, int)):
            raise _wrong_type("AudioSpeechResponse.created", "int", created)

        model = d["model"]
        if not isinstance(model, str):
            raise _wrong_type("AudioSpeechResponse.model", "str", model)

        def _parse_output_format(data: object) -> AudioOutputFormat | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                output_format_type_0 = AudioOutputFormat(data)

                return output_format_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if isinstance(data, str):
                return data
            raise TypeError(f"output_format cannot be {type(data).__name__}")

        output_format = _parse_output_format(d["output_format"])

        provider = d.get("provider", UNSET)
        if provider is not None and (not isinstance(provider, str)):
            raise _wrong_type("AudioSpeechResponse.provider", "str", provider)

        url = d.get("url", UNSET)
        if url is not None and not isinstance(url, (str,)):
            raise TypeError(f"url cannot be {type(url).__name__}")

        b64_json = d.get("b64_json", UNSET)
        if b64_json is not None and not isinstance(b64_json, (str,)):
            raise TypeError(f"b64_json cannot be {type(b64_json).__name__}")

        duration_seconds = d.get("duration_seconds", UNSET)
        if duration_seconds is not None and not isinstance(
            duration_seconds,
            (
                int,
                float,
            ),
        ):
            raise TypeError(f"duration_seconds cannot be {type(duration_seconds).__name__}")

        if cls is AudioSpeechResponse:
            # Filled in place, without attrs' __init__ and its keyword arguments: a stream decodes thousands of
            # these a second. A subclass (a result with media) may add fields of its own: it goes through __init__.
            audio_speech_response = object.__new__(cls)
            audio_speech_response.id = id
            audio_speech_response.object_ = object_
            audio_speech_response.created = created
            audio_speech_response.model = model
            audio_speech_response.output_format = output_format
            audio_speech_response.provider = provider
            audio_speech_response.url = url
            audio_speech_response.b64_json = b64_json
            audio_speech_response.duration_seconds = duration_seconds
            audio_speech_response._request_id = None
        else:
            audio_speech_response = cls(
                id=id,
                object_=object_,
                created=created,
                model=model,
                output_format=output_format,
                provider=provider,
                url=url,
                b64_json=b64_json,
                duration_seconds=duration_seconds,
            )

        extra = (
            {} if _FIELDS.issuperset(d) else {key: value for key, value in d.items() if key not in _FIELDS}
        )
        audio_speech_response.additional_properties = extra
        return audio_speech_response

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
                "id",
                "object_",
                "created",
                "model",
                "output_format",
                "provider",
                "url",
                "b64_json",
                "duration_seconds",
            ),
        )

    def __repr__(self) -> str:
        return _show(
            self,
            (
                "id",
                "object_",
                "created",
                "model",
                "output_format",
                "provider",
                "url",
                "b64_json",
                "duration_seconds",
            ),
        )

    @property
    def object(self) -> str:
        """`object_`, by its name in the API."""
        return self.object_

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
