"""The TypeScript client's generated half, from the same spec and the same extensions as the Python resources.

Two files, both build output (`clients/typescript/src/generated/`, checked byte for byte by `nox -s typescript`):

- `schema.ts`: the spec's types, written by openapi-typescript (pinned by the noxfile);
- `resources.ts`: rendered from `generator-templates/typescript/resources.ts.jinja` with what the spec's
  `x-ccapi-resource`, `x-ccapi-method`, `x-ccapi-wrapper`, `x-ccapi-requires-one-of`, `x-ccapi-helpers` and
  `ErrorType`'s `x-ccapi-statuses` say: one descriptor per operation, one class per resource
  (`client.chat.completions`, extending the hand-written helpers' class when the spec names one), one typed method
  per operation, and the `CCAPI` client that holds the resources.

`python tools/generate_typescript.py SPEC OUTPUT_FOLDER OPENAPI_TYPESCRIPT` (the path of the openapi-typescript
command). The hand-written runtime (`clients/typescript/src/*.ts`) reads the descriptors; nothing in it names an
operation.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "generator-templates" / "typescript"
KINDS = {None, "stream", "job", "page", "media"}
MODEL_ID_PATTERN = r"^[^/\s]+/\S+$"
"""The spec's pattern of a `provider/model` id: body fields that carry it (or lists of it) are checked by the runtime
before sending, so that an id without its provider is refused with a suggestion."""


def load(path: Path) -> dict[str, Any]:
    try:
        from ruamel.yaml import YAML  # the Python generator's reader, where it is installed
    except ImportError:
        import yaml

        document: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        return document
    loaded: dict[str, Any] = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    return loaded


def camel(name: str) -> str:
    head, *rest = re.split(r"[_\-]", name)
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def pascal(dotted: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[._\-]", dotted))


def identifier(name: str) -> str:
    cleaned = camel(re.sub(r"[^\w\-]", "_", name))
    return cleaned if re.fullmatch(r"[A-Za-z_$][\w$]*", cleaned) else "_" + cleaned


def jsdoc(text: str, indent: int) -> str:
    """A JSDoc body (no delimiters), one ` * ` line per source line."""
    pad = " " * indent
    lines = [line.rstrip() for line in text.strip().replace("*/", "*\\/").splitlines()]
    return "\n".join(f"{pad} *{(' ' + line) if line else ''}" for line in lines)


@dataclass
class Method:
    resource: str
    name: str
    operation_id: str
    http_method: str
    path: str
    summary: str
    description: str
    path_params: list[tuple[str, str]]  # (wire, identifier)
    query: list[str]
    body_schema: str | None
    required: list[str]
    requires_one_of: list[str]
    returns: str
    kind: str | None
    flag: str | None = None
    event: str | None = None
    item: str | None = None
    job: dict[str, Any] = field(default_factory=dict)
    query_required: bool = False
    model_ids: list[str] = field(default_factory=list)
    helpers: tuple[str, str] | None = None

    @property
    def params_type(self) -> str:
        return pascal(self.resource) + pascal(self.name) + "Params"

    @property
    def has_params(self) -> bool:
        return bool(self.body_schema or self.query)

    @property
    def params_optional(self) -> bool:
        return not self.body_schema and not self.query_required

    @property
    def descriptor(self) -> str:
        value: dict[str, Any] = {
            "id": self.operation_id, "resource": self.resource, "name": self.name, "method": self.http_method,
            "path": self.path,
            "pathParams": [wire for wire, _ in self.path_params], "query": self.query,
            "body": self.body_schema is not None, "required": self.required, "requiresOneOf": self.requires_one_of,
        }  # fmt: skip
        if self.model_ids:
            value["modelIds"] = self.model_ids
        if self.kind:
            value["kind"] = self.kind
        if self.flag:
            value["flag"] = self.flag
        if self.job:
            value["job"] = self.job
        return json.dumps(value)


LIB = ROOT / "clients" / "typescript" / "src" / "lib"


def helpers_base(operation_id: str, helpers: Any) -> tuple[str, str] | None:
    """The hand-written class an operation's resource extends, from the spec's `x-ccapi-helpers` (the line the Python
    generator reads too): the same class name, in the runtime module named as the Python one
    (`_chat_helpers.ChatCompletionsHelpers`: `ChatCompletionsHelpers` of `clients/typescript/src/lib/chat-helpers.ts`),
    so that regeneration never touches the helpers. A TypeScript class extends one class: one helper at most."""
    if helpers is None:
        return None
    listed = [helpers] if isinstance(helpers, str) else list(helpers)
    if len(listed) != 1:
        raise SystemExit(f"{operation_id}: x-ccapi-helpers must name one class for TypeScript, not {listed!r}")
    module, _, name = str(listed[0]).rpartition(".")
    if not (module.startswith("_") and module.isidentifier() and name.isidentifier()):
        raise SystemExit(f"{operation_id}: x-ccapi-helpers names {listed[0]!r}, not `_module.Class`")
    stem = module.lstrip("_").replace("_", "-")
    source = LIB / f"{stem}.ts"
    if not re.search(rf"^export (abstract )?class {re.escape(name)}\b", _text(source), re.MULTILINE):
        raise SystemExit(f"{operation_id}: x-ccapi-helpers names {name}, which {source} does not export")
    return name, f"../lib/{stem}.js"


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


@dataclass
class Resource:
    path: str
    children: list[Resource] = field(default_factory=list)
    methods: list[Method] = field(default_factory=list)
    resumes: list[Method] = field(default_factory=list)
    """Job-starting operations whose jobs this resource's methods poll: each gives it a `resume(id)`."""
    helpers: tuple[str, str] | None = None
    """The hand-written class it extends and that class's module (`x-ccapi-helpers`), if any."""

    @property
    def class_name(self) -> str:
        return pascal(self.path)

    @property
    def base(self) -> str:
        return self.helpers[0] if self.helpers else "APIResource"

    @property
    def attribute(self) -> str:
        return camel(self.path.rsplit(".", 1)[-1])

    @property
    def access(self) -> str:
        return ".".join(camel(part) for part in self.path.split("."))


class Spec:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document

    def resolve(self, node: Any) -> Any:
        while isinstance(node, dict) and "$ref" in node:
            target: Any = self.document
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            node = target
        return node

    @staticmethod
    def ref_name(node: Any) -> str:
        if isinstance(node, dict) and str(node.get("$ref", "")).startswith("#/components/schemas/"):
            return str(node["$ref"].rsplit("/", 1)[1])
        raise SystemExit(f"expected a $ref to a component schema, not {node}")

    def methods(self) -> list[Method]:
        found = []
        for path, item in self.document["paths"].items():
            for http_method, operation in item.items():
                if http_method in ("get", "post", "put", "patch", "delete") and isinstance(operation, dict):
                    found.append(self.method(path, http_method, operation, item.get("parameters", [])))
        seen: dict[tuple[str, str], str] = {}
        for method in found:
            key = (method.resource, method.name)
            if key in seen:
                raise SystemExit(f"{method.operation_id} and {seen[key]} are both {method.resource}.{method.name}")
            seen[key] = method.operation_id
        return found

    def method(self, path: str, http_method: str, operation: dict[str, Any], shared: list[Any]) -> Method:
        operation_id = operation.get("operationId")
        resource, name = operation.get("x-ccapi-resource"), operation.get("x-ccapi-method")
        if not (operation_id and resource and name):
            raise SystemExit(f"{http_method.upper()} {path}: give operationId, x-ccapi-resource and x-ccapi-method")
        wrapper = dict(operation.get("x-ccapi-wrapper") or {})
        kind = wrapper.get("kind")
        if kind not in KINDS:
            raise SystemExit(f"{operation_id}: x-ccapi-wrapper kind must be one of stream, job, page, media")
        path_params, query, query_required = [], [], False
        for parameter in [*shared, *operation.get("parameters", [])]:
            parameter = self.resolve(parameter)
            if parameter["in"] == "path":
                path_params.append((parameter["name"], identifier(parameter["name"])))
            elif parameter["in"] == "query":
                query.append(parameter["name"])
                query_required = query_required or bool(parameter.get("required"))
        body_schema, required, one_of, model_ids = None, [], [], []
        body = operation.get("requestBody")
        if body:
            schema = self.resolve(body)["content"]["application/json"]["schema"]
            body_schema = self.ref_name(schema)
            node = self.resolve(schema)
            required = list(node.get("required", []))
            one_of = list(node.get("x-ccapi-requires-one-of") or [])
            model_ids = self.model_id_fields(node)
            clash = set(query) & set(node.get("properties", {}))
            if clash:
                raise SystemExit(f"{operation_id}: {sorted(clash)} are both query parameters and body fields")
        success = next(operation["responses"][code] for code in ("200", "201", "202") if code in operation["responses"])
        success_schema = self.resolve(success)["content"]["application/json"]["schema"]
        method = Method(
            resource=resource, name=camel(name), operation_id=operation_id, http_method=http_method.upper(),
            path=path, summary=operation.get("summary", name), description=operation.get("description", ""),
            path_params=path_params, query=query, body_schema=body_schema, required=required,
            requires_one_of=one_of, returns=self.ref_name(success_schema), kind=kind, query_required=query_required,
            model_ids=model_ids, helpers=helpers_base(operation_id, operation.get("x-ccapi-helpers")),
        )  # fmt: skip
        if kind == "stream":
            method.flag, method.event = wrapper.get("flag"), self.ref_name(wrapper["event"])
            fields = self.resolve(self.document["components"]["schemas"][body_schema or ""]).get("properties", {})
            if method.flag not in fields:
                raise SystemExit(f"{operation_id}: the stream flag must be a field of the request body")
        if kind == "page":
            data = self.resolve(success_schema)["properties"]["data"]["items"]
            method.item = self.ref_name(data)
            if "offset" not in query:
                raise SystemExit(f"{operation_id}: a page operation needs an `offset` query parameter")
        if kind == "job":
            method.job = {
                "poll": wrapper.get("poll"), "finalStatuses": list(wrapper.get("final-statuses") or []),
                "failedStatus": wrapper.get("failed-status"),
            }  # fmt: skip
        return method

    def model_id_fields(self, schema: dict[str, Any]) -> list[str]:
        """The fields of a request schema that hold a `provider/model` id, or a list of them."""
        found = []
        for name, node in schema.get("properties", {}).items():
            node = self.resolve(node)
            if node.get("type") == "array":
                node = self.resolve(node.get("items", {}))
            if node.get("pattern") == MODEL_ID_PATTERN:
                found.append(name)
        return found


def resource_tree(methods: list[Method]) -> Resource:
    nodes: dict[str, Resource] = {"": Resource("")}

    def node(path: str) -> Resource:
        if path not in nodes:
            parent = node(path.rsplit(".", 1)[0] if "." in path else "")
            nodes[path] = Resource(path)
            parent.children.append(nodes[path])
        return nodes[path]

    for method in methods:
        resource = node(method.resource)
        resource.methods.append(method)
        if method.helpers is not None:
            if resource.helpers not in (None, method.helpers):
                raise SystemExit(f"{method.operation_id}: {resource.path} already extends {resource.helpers[0]}")
            resource.helpers = method.helpers
    by_id = {method.operation_id: method for method in methods}
    for method in methods:
        if method.kind != "job":
            continue
        poll = by_id.get(method.job["poll"])
        if poll is None or len(poll.path_params) != 1:
            raise SystemExit(f"{method.operation_id}: x-ccapi-wrapper poll must name an operation with one path id")
        method.job["pollPath"] = poll.path
        nodes[poll.resource].resumes.append(method)
    return nodes[""]


def walk(resource: Resource) -> list[Resource]:
    found = [resource]
    for child in resource.children:
        found += walk(child)
    return found


def render_resources(spec_path: Path) -> str:
    document = load(spec_path)
    spec = Spec(document)
    methods = spec.methods()
    root = resource_tree(methods)
    resources = [resource for resource in walk(root) if resource.path][::-1]  # children before parents
    statuses = document.get("components", {}).get("schemas", {}).get("ErrorType", {}).get("x-ccapi-statuses", {})
    environment = jinja2.Environment(  # noqa: S701 (renders TypeScript source, not HTML)
        loader=jinja2.FileSystemLoader(TEMPLATES), keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )  # fmt: skip
    environment.filters["jsdoc"] = jsdoc
    environment.filters["json"] = json.dumps
    return environment.get_template("resources.ts.jinja").render(
        methods=methods, root=root, resources=resources, error_statuses=dict(sorted(statuses.items())),
        spec_version=str(document["info"]["version"]),
        bases=sorted({item.helpers for item in resources if item.helpers is not None}),
    )  # fmt: skip


def generate(spec: Path, output: Path, openapi_typescript: str) -> None:
    output.mkdir(parents=True, exist_ok=True)
    # A request field with a default stays optional in the types (the default is the server's to apply).
    command = [openapi_typescript, str(spec), "--default-non-nullable=false", "--output", str(output / "schema.ts")]
    subprocess.run(command, check=True, capture_output=True)  # noqa: S603 (the pinned npm tool)
    (output / "resources.ts").write_text(render_resources(spec), encoding="utf-8")


if __name__ == "__main__":
    generate(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve(), sys.argv[3])
