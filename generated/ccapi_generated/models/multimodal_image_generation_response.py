from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_status import JobStatus
from ..types import UNSET, Unset
from ..types import fields_set as _fields_set
from ..types import show as _show
from ..types import to_json as _to_json
from ..types import wrong_type as _wrong_type

T = TypeVar("T", bound="MultimodalImageGenerationResponse")

# The fields the spec names; from_dict keeps any other key of the JSON object in additional_properties.
_FIELDS: frozenset[str] = frozenset(
    {
        "id",
        "status",
        "created",
        "model",
        "execution",
        "data",
        "poll_url",
        "estimated_time",
        "error",
    }
)


@_attrs_define(repr=False)
class MultimodalImageGenerationResponse:
    """An image job's state, or its final result.

    Attributes:
        id (str):
        status (JobStatus | str):
        created (int | Unset):
        model (str | Unset):
        execution (ImageExecution | Unset): How the request is executed.
        data (list[ImageDatum] | Unset):
        poll_url (None | str | Unset): Where to poll, absolute or relative to the base URL.
        estimated_time (float | None | Unset): Seconds until the job is expected to finish.
        error (ErrorObject | None | Unset): Why the job failed, when `status` is `failed`.
    """

    id: str
    status: JobStatus | str
    created: int | Unset = UNSET
    model: str | Unset = UNSET
    execution: ImageExecution | Unset = UNSET
    data: list[ImageDatum] | Unset = UNSET
    poll_url: None | str | Unset = UNSET
    estimated_time: float | None | Unset = UNSET
    error: ErrorObject | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _request_id: str | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The `X-Request-Id` of the response this model came in, when it is a call's result (the openai package's name)."""

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status: str
        if isinstance(self.status, JobStatus):
            status = self.status.value
        else:
            status = self.status

        created = self.created

        model = self.model

        execution: dict[str, Any] | Unset = UNSET
        if not isinstance(self.execution, Unset):
            execution = self.execution.to_dict()

        data: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = []
            for data_item_data in self.data:
                data_item = data_item_data.to_dict()
                data.append(data_item)

        poll_url: None | str | Unset
        if isinstance(self.poll_url, Unset):
            poll_url = UNSET
        else:
            poll_url = self.poll_url

        estimated_time: float | None | Unset
        if isinstance(self.estimated_time, Unset):
            estimated_time = UNSET
        else:
            estimated_time = self.estimated_time

        error: dict[str, Any] | None | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, ErrorObject):
            error = self.error.to_dict()
        else:
            error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
            }
        )
        if created is not UNSET:
            field_dict["created"] = created
        if model is not UNSET:
            field_dict["model"] = model
        if execution is not UNSET:
            field_dict["execution"] = execution
        if data is not UNSET:
            field_dict["data"] = data
        if poll_url is not UNSET:
            field_dict["poll_url"] = poll_url
        if estimated_time is not UNSET:
            field_dict["estimated_time"] = estimated_time
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        # Read in place, not from a copy with each field popped: a stream decodes thousands of these a second.
        d = src_dict
        id = d["id"]
        if not isinstance(id, str):
            raise _wrong_type("MultimodalImageGenerationResponse.id", "str", id)

        def _parse_status(data: object) -> JobStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = JobStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if isinstance(data, str):
                return data
            raise TypeError(f"status cannot be {type(data).__name__}")

        status = _parse_status(d["status"])

        created = d.get("created", UNSET)
        if (
            created is not None
            and type(created) is not int
            and (isinstance(created, bool) or not isinstance(created, int))
        ):
            raise _wrong_type("MultimodalImageGenerationResponse.created", "int", created)

        model = d.get("model", UNSET)
        if model is not None and (not isinstance(model, str)):
            raise _wrong_type("MultimodalImageGenerationResponse.model", "str", model)

        _execution = d.get("execution", UNSET)
        execution: ImageExecution | Unset
        if isinstance(_execution, Unset):
            execution = UNSET
        else:
            execution = ImageExecution.from_dict(_execution)

        _data = d.get("data", UNSET)
        data: list[ImageDatum] | Unset = UNSET
        if _data is not UNSET:
            data = []
            for data_item_data in _data:
                data_item = ImageDatum.from_dict(data_item_data)

                data.append(data_item)

        poll_url = d.get("poll_url", UNSET)
        if poll_url is not None and not isinstance(poll_url, (str,)):
            raise TypeError(f"poll_url cannot be {type(poll_url).__name__}")

        estimated_time = d.get("estimated_time", UNSET)
        if estimated_time is not None and not isinstance(
            estimated_time,
            (
                int,
                float,
            ),
        ):
            raise TypeError(f"estimated_time cannot be {type(estimated_time).__name__}")

        error = d.get("error", UNSET)
        if error is not None:

            def _parse_error(data: object) -> ErrorObject | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    error_type_0 = ErrorObject.from_dict(data)

                    return error_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                raise TypeError(f"error cannot be {type(data).__name__}")

            error = _parse_error(error)

        if cls is MultimodalImageGenerationResponse:
            # Filled in place, without attrs' __init__ and its keyword arguments: a stream decodes thousands of
            # these a second. A subclass (a result with media) may add fields of its own: it goes through __init__.
            multimodal_image_generation_response = object.__new__(cls)
            multimodal_image_generation_response.id = id
            multimodal_image_generation_response.status = status
            multimodal_image_generation_response.created = created
            multimodal_image_generation_response.model = model
            multimodal_image_generation_response.execution = execution
            multimodal_image_generation_response.data = data
            multimodal_image_generation_response.poll_url = poll_url
            multimodal_image_generation_response.estimated_time = estimated_time
            multimodal_image_generation_response.error = error
            multimodal_image_generation_response._request_id = None
        else:
            multimodal_image_generation_response = cls(
                id=id,
                status=status,
                created=created,
                model=model,
                execution=execution,
                data=data,
                poll_url=poll_url,
                estimated_time=estimated_time,
                error=error,
            )

        extra = (
            {} if _FIELDS.issuperset(d) else {key: value for key, value in d.items() if key not in _FIELDS}
        )
        multimodal_image_generation_response.additional_properties = extra
        return multimodal_image_generation_response

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
                "status",
                "created",
                "model",
                "execution",
                "data",
                "poll_url",
                "estimated_time",
                "error",
            ),
        )

    def __repr__(self) -> str:
        return _show(
            self,
            (
                "id",
                "status",
                "created",
                "model",
                "execution",
                "data",
                "poll_url",
                "estimated_time",
                "error",
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


from ..models.error_object import ErrorObject
from ..models.image_datum import ImageDatum
from ..models.image_execution import ImageExecution
