from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset
from ..types import fields_set as _fields_set
from ..types import show as _show
from ..types import to_json as _to_json

T = TypeVar("T", bound="ImageDatum")

# The fields the spec names; from_dict keeps any other key of the JSON object in additional_properties.
_FIELDS: frozenset[str] = frozenset(
    {
        "url",
        "b64_json",
        "revised_prompt",
        "seed",
    }
)


@_attrs_define(repr=False)
class ImageDatum:
    """One generated image, as a URL or base64.

    Attributes:
        url (None | str | Unset):
        b64_json (None | str | Unset): The PNG image, base64-encoded.
        revised_prompt (None | str | Unset): The prompt as the provider rewrote it, if it did.
        seed (int | None | Unset):
    """

    url: None | str | Unset = UNSET
    b64_json: None | str | Unset = UNSET
    revised_prompt: None | str | Unset = UNSET
    seed: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The `X-Request-Id` of the response this model came in, when it is a call's result (the openai package's name)."""

    def to_dict(self) -> dict[str, Any]:
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

        revised_prompt: None | str | Unset
        if isinstance(self.revised_prompt, Unset):
            revised_prompt = UNSET
        else:
            revised_prompt = self.revised_prompt

        seed: int | None | Unset
        if isinstance(self.seed, Unset):
            seed = UNSET
        else:
            seed = self.seed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if url is not UNSET:
            field_dict["url"] = url
        if b64_json is not UNSET:
            field_dict["b64_json"] = b64_json
        if revised_prompt is not UNSET:
            field_dict["revised_prompt"] = revised_prompt
        if seed is not UNSET:
            field_dict["seed"] = seed

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        # Read in place, not from a copy with each field popped: a stream decodes thousands of these a second.
        d = src_dict
        url = d.get("url", UNSET)
        if url is not None and not isinstance(url, (str,)):
            raise TypeError(f"url cannot be {type(url).__name__}")

        b64_json = d.get("b64_json", UNSET)
        if b64_json is not None and not isinstance(b64_json, (str,)):
            raise TypeError(f"b64_json cannot be {type(b64_json).__name__}")

        revised_prompt = d.get("revised_prompt", UNSET)
        if revised_prompt is not None and not isinstance(revised_prompt, (str,)):
            raise TypeError(f"revised_prompt cannot be {type(revised_prompt).__name__}")

        seed = d.get("seed", UNSET)
        if seed is not None and not isinstance(seed, (int,)):
            raise TypeError(f"seed cannot be {type(seed).__name__}")

        if cls is ImageDatum:
            # Filled in place, without attrs' __init__ and its keyword arguments: a stream decodes thousands of
            # these a second. A subclass (a result with media) may add fields of its own: it goes through __init__.
            image_datum = object.__new__(cls)
            image_datum.url = url
            image_datum.b64_json = b64_json
            image_datum.revised_prompt = revised_prompt
            image_datum.seed = seed
            image_datum._request_id = None
        else:
            image_datum = cls(
                url=url,
                b64_json=b64_json,
                revised_prompt=revised_prompt,
                seed=seed,
            )

        extra = (
            {} if _FIELDS.issuperset(d) else {key: value for key, value in d.items() if key not in _FIELDS}
        )
        image_datum.additional_properties = extra
        return image_datum

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
                "url",
                "b64_json",
                "revised_prompt",
                "seed",
            ),
        )

    def __repr__(self) -> str:
        return _show(
            self,
            (
                "url",
                "b64_json",
                "revised_prompt",
                "seed",
            ),
        )

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
