from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset
from ..types import fields_set as _fields_set
from ..types import show as _show
from ..types import to_json as _to_json
from ..types import wrong_type as _wrong_type

T = TypeVar("T", bound="ChatCompletionChunk")

# The fields the spec names; from_dict keeps any other key of the JSON object in additional_properties.
_FIELDS: frozenset[str] = frozenset(
    {
        "id",
        "object",
        "created",
        "model",
        "choices",
        "provider",
        "usage",
    }
)


@_attrs_define(repr=False)
class ChatCompletionChunk:
    """One server-sent event of a streamed completion.

    Attributes:
        id (str):
        object_ (str): Always `chat.completion.chunk`.
        created (int):
        model (str):
        choices (list[ChatCompletionChunkChoice]):
        provider (str | Unset):
        usage (ChatCompletionUsage | None | Unset):
    """

    id: str
    object_: str
    created: int
    model: str
    choices: list[ChatCompletionChunkChoice]
    provider: str | Unset = UNSET
    usage: ChatCompletionUsage | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The `X-Request-Id` of the response this model came in, when it is a call's result (the openai package's name)."""

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_ = self.object_

        created = self.created

        model = self.model

        choices = []
        for choices_item_data in self.choices:
            choices_item = choices_item_data.to_dict()
            choices.append(choices_item)

        provider = self.provider

        usage: dict[str, Any] | None | Unset
        if isinstance(self.usage, Unset):
            usage = UNSET
        elif isinstance(self.usage, ChatCompletionUsage):
            usage = self.usage.to_dict()
        else:
            usage = self.usage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "object": object_,
                "created": created,
                "model": model,
                "choices": choices,
            }
        )
        if provider is not UNSET:
            field_dict["provider"] = provider
        if usage is not UNSET:
            field_dict["usage"] = usage

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        # Read in place, not from a copy with each field popped: a stream decodes thousands of these a second.
        d = src_dict
        id = d["id"]
        if not isinstance(id, str):
            raise _wrong_type("ChatCompletionChunk.id", "str", id)

        object_ = d["object"]
        if not isinstance(object_, str):
            raise _wrong_type("ChatCompletionChunk.object", "str", object_)

        created = d["created"]
        if type(created) is not int and (isinstance(created, bool) or not isinstance(created, int)):
            raise _wrong_type("ChatCompletionChunk.created", "int", created)

        model = d["model"]
        if not isinstance(model, str):
            raise _wrong_type("ChatCompletionChunk.model", "str", model)

        choices = []
        _choices = d["choices"]
        for choices_item_data in _choices:
            choices_item = ChatCompletionChunkChoice.from_dict(choices_item_data)

            choices.append(choices_item)

        provider = d.get("provider", UNSET)
        if provider is not None and (not isinstance(provider, str)):
            raise _wrong_type("ChatCompletionChunk.provider", "str", provider)

        usage = d.get("usage", UNSET)
        if usage is not None:

            def _parse_usage(data: object) -> ChatCompletionUsage | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    usage_type_0 = ChatCompletionUsage.from_dict(data)

                    return usage_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                raise TypeError(f"usage cannot be {type(data).__name__}")

            usage = _parse_usage(usage)

        if cls is ChatCompletionChunk:
            # Filled in place, without attrs' __init__ and its keyword arguments: a stream decodes thousands of
            # these a second. A subclass (a result with media) may add fields of its own: it goes through __init__.
            chat_completion_chunk = object.__new__(cls)
            chat_completion_chunk.id = id
            chat_completion_chunk.object_ = object_
            chat_completion_chunk.created = created
            chat_completion_chunk.model = model
            chat_completion_chunk.choices = choices
            chat_completion_chunk.provider = provider
            chat_completion_chunk.usage = usage
            chat_completion_chunk._request_id = None
        else:
            chat_completion_chunk = cls(
                id=id,
                object_=object_,
                created=created,
                model=model,
                choices=choices,
                provider=provider,
                usage=usage,
            )

        # Keys beyond the fields: none when d holds as many keys as the fields it has (the required ones are there, or
        # reading them failed above); counted, cheaper than going through its keys when most fields are required.
        extra = (
            {}
            if len(d) == 5 + ("provider" in d) + ("usage" in d)
            else {key: value for key, value in d.items() if key not in _FIELDS}
        )
        chat_completion_chunk.additional_properties = extra
        return chat_completion_chunk

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
                "choices",
                "provider",
                "usage",
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
                "choices",
                "provider",
                "usage",
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


from ..models.chat_completion_chunk_choice import ChatCompletionChunkChoice
from ..models.chat_completion_usage import ChatCompletionUsage
