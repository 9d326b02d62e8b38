"""Responses as complete as the spec says: an optional field that the sandbox's handlers do not compute (one the
spec gained after them, say) is filled from the spec's own `examples` or `default`, wherever the response's schema
has it, nested objects and list items included. So a field added to the spec reaches a sandbox's answers with no
change to the sandbox.

Schemas that requests carry too (a chat message, a tool call) are left as the handlers made them: what they hold
comes from the caller or the model, and a stream, which this does not touch, must put the same back together.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from starlette.responses import Response

_MISSING = object()


class ResponseFiller:
    """Fills the JSON responses of a spec's operations; one per spec, its plans cached by operation and status."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self._spec = spec
        self._schemas: dict[tuple[str, int], Any] = {}
        self._sent: set[int] = set()  # the component schemas that request bodies reach, by identity
        for item in spec.get("paths", {}).values():
            for operation in item.values():
                if not isinstance(operation, dict) or "operationId" not in operation:
                    continue
                self._reach(operation.get("requestBody"), self._sent)
                for status, response in (operation.get("responses") or {}).items():
                    if status.isdigit():
                        content = self._resolve(response).get("content", {}).get("application/json", {})
                        if "schema" in content:
                            self._schemas[(operation["operationId"], int(status))] = content["schema"]

    def _resolve(self, node: Any) -> Any:
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
            target: Any = self._spec
            for part in node["$ref"][2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            node = target
        return node

    def _reach(self, node: Any, found: set[int]) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                target = self._resolve(node)
                if id(target) not in found:
                    found.add(id(target))
                    self._reach(target, found)
                return
            for value in node.values():
                self._reach(value, found)
        elif isinstance(node, list):
            for value in node:
                self._reach(value, found)

    def _value(self, schema: Any) -> Any:
        """The spec's example or default for a schema, or _MISSING."""
        for node in (schema, self._resolve(schema)):
            if isinstance(node, dict):
                if isinstance(node.get("examples"), list) and node["examples"]:
                    return copy.deepcopy(node["examples"][0])
                if "default" in node:
                    return copy.deepcopy(node["default"])
        return _MISSING

    def _objects(self, schema: Any, value: dict[str, Any]) -> list[dict[str, Any]]:
        """The object schemas that describe `value` (through allOf, and the anyOf/oneOf branch that is an object)."""
        node = self._resolve(schema)
        if not isinstance(node, dict):
            return []
        found = [node] if "properties" in node and id(node) not in self._sent else []
        for part in node.get("allOf") or []:
            found += self._objects(part, value)
        for key in ("anyOf", "oneOf"):
            branches = [self._objects(branch, value) for branch in node.get(key) or []]
            matching = [branch for branch in branches if branch]
            if len(matching) == 1:  # an unambiguous object branch (X or null, X or a string)
                found += matching[0]
        return found

    def fill(self, schema: Any, value: Any) -> Any:
        """`value` with absent optional fields filled where the spec gives an example or a default."""
        if isinstance(value, list):
            node = self._resolve(schema)
            items = node.get("items") if isinstance(node, dict) else None
            return [self.fill(items, item) for item in value] if items is not None else value
        if not isinstance(value, dict):
            return value
        for node in self._objects(schema, value):
            for name, field in (node.get("properties") or {}).items():
                if name in value:
                    value[name] = self.fill(field, value[name])
                elif name not in (node.get("required") or []):
                    example = self._value(field)
                    if example is not _MISSING:
                        value[name] = example
        return value

    def response(self, operation_id: str, response: Response) -> Response:
        """A handler's response, its JSON body filled; any other response as it is."""
        schema = self._schemas.get((operation_id, response.status_code))
        if schema is None or not (response.media_type or "").startswith("application/json"):
            return response
        try:
            raw = bytes(response.body)
            body = json.loads(raw)
        except (ValueError, AttributeError):
            return response
        filled = self.fill(schema, body)
        if filled == json.loads(raw):
            return response
        text = json.dumps(filled, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()
        headers = {key: value for key, value in response.headers.items() if key.lower() != "content-length"}
        return Response(text, status_code=response.status_code, headers=headers, media_type=response.media_type)
