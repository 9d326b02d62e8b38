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

T = TypeVar("T", bound="MultimodalImageGenerationRequest")

# The fields the spec names; from_dict keeps any other key of the JSON object in additional_properties.
_FIELDS: frozenset[str] = frozenset(
    {
        "contents",
        "model",
        "parameters",
        "webhook_url",
    }
)


@_attrs_define(repr=False)
class MultimodalImageGenerationRequest:
    """A multimodal image generation request.

    Attributes:
        contents (list[MultimodalInputContent]):
        model (str | Unset): The image model, as `provider/model`.
        parameters (MultimodalImageParameters | Unset): How to generate. All optional; providers ignore what they do not
            support.
        webhook_url (str | Unset): Where to POST the final payload of an asynchronous job (an http or https URL).
    """

    contents: list[MultimodalInputContent]
    model: str | Unset = UNSET
    parameters: MultimodalImageParameters | Unset = UNSET
    webhook_url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The `X-Request-Id` of the response this model came in, when it is a call's result (the openai package's name)."""

    def to_dict(self) -> dict[str, Any]:
        contents = []
        for contents_item_data in self.contents:
            contents_item = contents_item_data.to_dict()
            contents.append(contents_item)

        model = self.model

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        webhook_url = self.webhook_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contents": contents,
            }
        )
        if model is not UNSET:
            field_dict["model"] = model
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        # Read in place, not from a copy with each field popped: a stream decodes thousands of these a second.
        d = src_dict
        contents = []
        _contents = d["contents"]
        for contents_item_data in _contents:
            contents_item = MultimodalInputContent.from_dict(contents_item_data)

            contents.append(contents_item)

        model = d.get("model", UNSET)
        if model is not None and (not isinstance(model, str)):
            raise _wrong_type("MultimodalImageGenerationRequest.model", "str", model)

        _parameters = d.get("parameters", UNSET)
        parameters: MultimodalImageParameters | Unset
        if isinstance(_parameters, Unset):
            parameters = UNSET
        else:
            parameters = MultimodalImageParameters.from_dict(_parameters)

        webhook_url = d.get("webhook_url", UNSET)
        if webhook_url is not None and (not isinstance(webhook_url, str)):
            raise _wrong_type("MultimodalImageGenerationRequest.webhook_url", "str", webhook_url)

        if cls is MultimodalImageGenerationRequest:
            # Filled in place, without attrs' __init__ and its keyword arguments: a stream decodes thousands of
            # these a second. A subclass (a result with media) may add fields of its own: it goes through __init__.
            multimodal_image_generation_request = object.__new__(cls)
            multimodal_image_generation_request.contents = contents
            multimodal_image_generation_request.model = model
            multimodal_image_generation_request.parameters = parameters
            multimodal_image_generation_request.webhook_url = webhook_url
            multimodal_image_generation_request._request_id = None
        else:
            multimodal_image_generation_request = cls(
                contents=contents,
                model=model,
                parameters=parameters,
                webhook_url=webhook_url,
            )

        extra = (
            {} if _FIELDS.issuperset(d) else {key: value for key, value in d.items() if key not in _FIELDS}
        )
        multimodal_image_generation_request.additional_properties = extra
        return multimodal_image_generation_request

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
                "contents",
                "model",
                "parameters",
                "webhook_url",
            ),
        )

    def __repr__(self) -> str:
        return _show(
            self,
            (
                "contents",
                "model",
                "parameters",
                "webhook_url",
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


from ..models.multimodal_image_parameters import MultimodalImageParameters
from ..models.multimodal_input_content import MultimodalInputContent
