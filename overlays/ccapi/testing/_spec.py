"""Request validation against openapi.yaml itself, by jsonschema: the sandbox checks what the spec says."""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import referencing
import yaml
from jsonschema.exceptions import best_match
from referencing.jsonschema import DRAFT202012
from rfc3986_validator import validate_rfc3986

_URN = "urn:ccapi:openapi"

# Only the formats the spec uses. jsonschema's full checker set (its format-nongpl extra) imports a grammar library
# that alone took over a second, most of the sandbox's start-up.
FORMATS = jsonschema.FormatChecker(formats=())


@FORMATS.checks("uri")
def _is_uri(value: object) -> bool:
    return not isinstance(value, str) or bool(validate_rfc3986(value, rule="URI"))


@FORMATS.checks("uri-reference")
def _is_uri_reference(value: object) -> bool:
    return not isinstance(value, str) or bool(validate_rfc3986(value, rule="URI_reference"))


class RequestInvalid(Exception):
    """A request that breaks the spec; `field` names where (``messages[0].role``), or is empty."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field


class ModelNotFound(RequestInvalid):
    """A request that names a model the catalog does not have: a 404 `model_not_found`, as OpenAI answers (the spec's
    ModelNotFound response, a decision it marks unconfirmed)."""


def load_spec() -> dict[str, Any]:
    """openapi.yaml: shipped inside the wheel, or at the repository root in a source checkout."""
    shipped = resources.files(__package__).joinpath("openapi.yaml")
    path = shipped if shipped.is_file() else Path(__file__).resolve().parents[3] / "openapi.yaml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    spec: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 (a safe loader)
    return spec


def _escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def _field(path: Any) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class SpecValidator:
    """Validates bodies and query parameters of each operation, by operationId."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self._spec = spec
        resource = referencing.Resource.from_contents(spec, default_specification=DRAFT202012)
        self._registry: referencing.Registry[Any] = referencing.Registry().with_resource(_URN, resource)
        self._operations: dict[str, tuple[str, dict[str, Any]]] = {}
        for path, item in spec["paths"].items():
            for method, operation in item.items():
                self._operations[operation["operationId"]] = (f"/paths/{_escape(path)}/{method}", operation)
        self._validators: dict[str, jsonschema.Draft202012Validator] = {}

    def _validator(self, pointer: str) -> jsonschema.Draft202012Validator:
        if pointer not in self._validators:
            self._validators[pointer] = jsonschema.Draft202012Validator(
                {"$ref": f"{_URN}#{pointer}"},
                registry=self._registry,
                format_checker=FORMATS,
            )
        return self._validators[pointer]

    def _resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            target: Any = self._spec
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            node = target
        return node

    def routes(self) -> list[tuple[str, str, str, bool]]:
        """Every operation of the spec as (path under the server's base path, method, operationId, has a body)."""
        base = urlsplit(self.spec["servers"][0]["url"]).path.rstrip("/")
        found = []
        for path, item in self.spec["paths"].items():
            for method, operation in item.items():
                if isinstance(operation, dict) and "operationId" in operation:
                    found.append((base + path, method.upper(), operation["operationId"], "requestBody" in operation))
        return found

    def enum(self, schema: str) -> frozenset[str]:
        """The values of a component enum schema."""
        return frozenset(self.spec["components"]["schemas"][schema]["enum"])

    def check_body(self, operation_id: str, body: Any) -> None:
        """Raise RequestInvalid for a body that does not match the operation's request schema."""
        pointer, _ = self._operations[operation_id]
        validator = self._validator(f"{pointer}/requestBody/content/application~1json/schema")
        error = best_match(validator.iter_errors(body))
        if error is not None:
            raise RequestInvalid(_field(error.absolute_path), error.message)
        # The spec's own rule that no JSON Schema keyword states: at least one of these fields.
        _, operation = self._operations[operation_id]
        schema = self._resolve(operation["requestBody"]["content"]["application/json"]["schema"])
        one_of = schema.get("x-ccapi-requires-one-of") or []
        if one_of and isinstance(body, dict) and not any(key in body for key in one_of):
            raise RequestInvalid(one_of[0], f"Give one of {', '.join(map(repr, one_of))}")

    def query(self, operation_id: str, raw: Mapping[str, str]) -> dict[str, Any]:
        """Coerce and validate the query parameters, filling in defaults; raise RequestInvalid."""
        pointer, operation = self._operations[operation_id]
        values: dict[str, Any] = {}
        for index, reference in enumerate(operation.get("parameters", [])):
            parameter = self._resolve(reference)
            if parameter["in"] != "query":
                continue
            name, schema = parameter["name"], self._resolve(parameter["schema"])
            if name not in raw:
                if "default" in schema:
                    values[name] = schema["default"]
                continue
            value: Any = raw[name]
            if schema.get("type") == "integer":
                try:
                    value = int(value)
                except ValueError:
                    raise RequestInvalid(name, f"{value!r} is not an integer") from None
            elif schema.get("type") == "number":
                try:
                    value = float(value)
                except ValueError:
                    raise RequestInvalid(name, f"{value!r} is not a number") from None
            elif schema.get("type") == "boolean":  # as clients write it: true / false
                if value not in ("true", "false"):
                    raise RequestInvalid(name, f"{value!r} is not true or false")
                value = value == "true"
            parameter_pointer = f"{pointer}/parameters/{index}"
            if "$ref" in reference:
                parameter_pointer = reference["$ref"].lstrip("#")
            error = best_match(self._validator(f"{parameter_pointer}/schema").iter_errors(value))
            if error is not None:
                raise RequestInvalid(name, error.message)
            values[name] = value
        return values
