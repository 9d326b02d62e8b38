"""The second generation step: the typed resource layer, sync and async, from the spec's own extensions.

openapi-python-client gives the models and one module per operation, but its parsed endpoints carry no vendor
extensions and its parsed properties no constraints. This step reads the spec itself for those
(`x-ccapi-resource`, `x-ccapi-method`, `x-ccapi-wrapper`, `minimum`, `enum`, `pattern`, ...), takes class names
from the generator's own parser (so `class_overrides` hold), and renders `generator-templates/resources/*.jinja`
into the generated package:

- `resources/_operations.py`: one descriptor per operation, and one function per operation that checks the
  arguments against the spec's constraints and builds the path, query and JSON body;
- `resources/_sync.py` and `resources/_async.py`: the resource classes users call (`client.chat.completions`),
  each method typed with every request field and parameter the spec declares, each class inheriting the
  hand-written mixins its operations name (`x-ccapi-helpers`, from `ccapi._sync` and `ccapi._async`);
- `py.typed`, so that users' type checkers read the generated package.

Run by `nox -s generate` (and `check_generated`) after the generator, with the same pinned tools:
`python tools/generate_resources.py SPEC CONFIG TEMPLATES PACKAGE`.
"""

from __future__ import annotations

import keyword
import re
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import jinja2
from ruamel.yaml import YAML  # the generator's own YAML reader, pinned with it

KINDS = {None, "stream", "job", "page", "media"}


def class_names(spec_path: Path, config_path: Path) -> dict[str, str]:
    """Each component schema's generated class name, as the generator's own parser names it."""
    from openapi_python_client.config import Config, ConfigFile, MetaType
    from openapi_python_client.parser import GeneratorData

    config = Config.from_sources(ConfigFile.load_from_path(config_path), MetaType.NONE, spec_path, "utf-8", False, None)
    data = GeneratorData.from_dict(load(spec_path), config=config)
    if not isinstance(data, GeneratorData):
        raise SystemExit(f"the generator could not parse {spec_path}: {data}")
    names = {}
    for model in [*data.models, *data.enums]:
        names[model.name.get_untrusted_value().rsplit("/", 1)[-1]] = model.class_info.name
    return names


def load(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = YAML(typ="safe", pure=True).load(path.read_text())
    return document


def python_name(name: str) -> str:
    """A parameter name for a JSON name: itself where Python allows it, else with a trailing underscore."""
    cleaned = re.sub(r"\W", "_", name)
    return cleaned + "_" if keyword.iskeyword(cleaned) or not cleaned.isidentifier() else cleaned


def pascal(dotted: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[._]", dotted))


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def docstring(text: str, indent: int) -> str:
    """A docstring body, wrapped to the line length the generated code is formatted to."""
    pad = " " * indent
    paragraphs = [" ".join(chunk.split()) for chunk in text.strip().replace('"""', "'''").split("\n\n")]
    wrapped = ["\n".join(textwrap.wrap(p, 110 - indent)) for p in paragraphs if p]
    return textwrap.indent("\n\n".join(wrapped), pad).strip()


class Spec:
    """The parts of the spec that the checks and signatures need: references resolved, names mapped."""

    def __init__(self, document: dict[str, Any], names: dict[str, str]) -> None:
        self.document = document
        self.names = names

    def resolve(self, node: Any) -> Any:
        while isinstance(node, dict) and "$ref" in node:
            target: Any = self.document
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            node = target
        return node

    def ref_name(self, node: Any) -> str | None:
        if isinstance(node, dict) and "$ref" in node and node["$ref"].startswith("#/components/schemas/"):
            return str(node["$ref"].rsplit("/", 1)[1])
        return None


@dataclass
class Checks:
    """Python source that checks arguments against schemas and turns them into JSON values."""

    spec: Spec
    constants: list[str] = field(default_factory=list)
    functions: dict[str, list[str]] = field(default_factory=dict)
    _counter: int = 0

    def constant(self, prefix: str, value: str) -> str:
        for line in self.constants:
            name, _, existing = line.partition(" = ")
            if existing == value and name.startswith(prefix):
                return name
        self._counter += 1
        name = f"{prefix}{self._counter}"
        self.constants.append(f"{name} = {value}")
        return name

    def schema_lines(self, schema: Any, var: str, where: str, depth: int = 0) -> list[str]:
        """Statements that check `var` against `schema` and leave its JSON form in `var`; `where` is an expression
        naming it for messages (evaluated only on failure)."""
        name = self.spec.ref_name(schema)
        node = self.spec.resolve(schema)
        if not isinstance(node, dict):
            return []
        options = node.get("anyOf") or node.get("oneOf")
        if options:
            return self._union_lines(options, var, where, depth)
        types = node.get("type")
        nullable = isinstance(types, list) and "null" in types
        if isinstance(types, list):
            rest = [kind for kind in types if kind != "null"]
            types = rest[0] if len(rest) == 1 else None
        body = self._typed_lines(node, types, name, var, where, depth)
        if nullable and body:
            return [f"if {var} is not None:", *("    " + line for line in body)]
        return body

    def _union_lines(self, options: list[Any], var: str, where: str, depth: int) -> list[str]:
        resolved = [self.spec.resolve(option) for option in options]
        nullable = any(option.get("type") == "null" for option in resolved)
        rest = [option for option, node in zip(options, resolved, strict=True) if node.get("type") != "null"]
        enums = [option for option in rest if "enum" in self.spec.resolve(option)]
        plain_strings = [option for option in rest if self.spec.resolve(option) == {"type": "string"}]
        if enums and len(enums) + len(plain_strings) == len(rest):
            # An open enum (known values, or any string): a request sends a known value.
            chosen = enums[0]
        elif len(rest) == 1:
            chosen = rest[0]
        else:
            body = self._dispatch_lines(rest, var, where, depth)
            return [f"if {var} is not None:", *("    " + line for line in body)] if nullable else body
        body = self.schema_lines(chosen, var, where, depth)
        if nullable and body:
            return [f"if {var} is not None:", *("    " + line for line in body)]
        return body

    # How a value of each JSON kind is recognised, for a union of several kinds (the test for a kind, in order).
    KIND_TESTS = (
        ("boolean", "isinstance({var}, bool)"),
        ("integer", "isinstance({var}, int) and not isinstance({var}, bool)"),
        ("number", "isinstance({var}, (int, float)) and not isinstance({var}, bool)"),
        ("string", "isinstance({var}, str)"),
        ("array", "isinstance({var}, (list, tuple))"),
        ("object", "_is_object({var})"),
    )
    KIND_WORDS: ClassVar[dict[str, str]] = {
        "boolean": "true or false", "integer": "an integer", "number": "a number", "string": "a string",
        "array": "a list", "object": "a dict or a ccapi model",
    }  # fmt: skip

    def _kind(self, option: Any) -> str | None:
        """The JSON kind of a schema (`string`, `object`, ...), or None if it has none this generator can tell."""
        node = self.spec.resolve(option)
        kind = node.get("type")
        if isinstance(kind, str):
            return kind
        if "properties" in node:
            return "object"
        branches = node.get("oneOf") or node.get("anyOf")
        if branches and all(self._kind(branch) == "object" for branch in branches):
            return "object"
        return None

    def _dispatch_lines(self, options: list[Any], var: str, where: str, depth: int) -> list[str]:
        """A union of several kinds (a string or a list, a string or an object, ...): check by the kind given."""
        by_kind: dict[str, list[Any]] = {}
        for option in options:
            kind = self._kind(option)
            if kind is None:
                return [f"{var} = _json({var}, {where})"]  # a union this generator cannot split: JSON, at least
            by_kind.setdefault(kind, []).append(option)
        lines: list[str] = []
        for kind, test in self.KIND_TESTS:
            if kind not in by_kind:
                continue
            branch = by_kind[kind]
            if kind == "object" and len(branch) > 1:
                inner = self._objects_lines(branch, var, where, depth)
            else:
                inner = self.schema_lines(branch[0], var, where, depth) or ["pass"]
            lines += [f"{'elif' if lines else 'if'} {test.format(var=var)}:", *("    " + line for line in inner)]
        expected = " or ".join(self.KIND_WORDS[kind] for kind, _ in self.KIND_TESTS if kind in by_kind)
        return [*lines, "else:", f'    raise _wrong_type({where}, {var}, "{expected}")']

    def _objects_lines(self, options: list[Any], var: str, where: str, depth: int) -> list[str]:
        """Several object schemas: told apart by a `type` property with one value each (OpenAI's content parts),
        else only made JSON."""
        tags = []
        for option in options:
            node = self.spec.resolve(option)
            tag = (node.get("properties") or {}).get("type", {})
            values = self.spec.resolve(tag).get("enum") or ([tag["const"]] if "const" in tag else [])
            if len(values) != 1 or not self.spec.ref_name(option):
                return [f"{var} = _json({var}, {where})"]
            tags.append((values[0], option))
        key = f"tag{depth}"
        lines = [f"{key} = _as_dict({var}, {where}).get('type')"]
        for index, (value, option) in enumerate(tags):
            lines += [f"{'elif' if index else 'if'} {key} == {value!r}:"]
            lines += ["    " + line for line in self.schema_lines(option, var, where, depth + 1)]
        allowed = self.constant("_VALUES_", repr(tuple(value for value, _ in tags)))
        return [*lines, "else:", f"    raise _not_one_of(_at({where}, 'type'), {allowed}, {key})"]

    def _typed_lines(
        self, node: dict[str, Any], kind: Any, name: str | None, var: str, where: str, depth: int
    ) -> list[str]:
        lines: list[str] = []
        if "enum" in node:
            values = self.constant("_VALUES_", repr(tuple(node["enum"])))
            lines += [f"if {var} not in {values}:", f"    raise _not_one_of({where}, {values}, {var})"]
            return lines
        if kind == "string":
            lines += [f"if not isinstance({var}, str):", f'    raise _wrong_type({where}, {var}, "a string")']
            if "minLength" in node:
                least = "not empty" if node["minLength"] == 1 else f"at least {node['minLength']} characters long"
                lines += [
                    f"if len({var}) < {node['minLength']}:",
                    f'    raise _out_of_bounds({where}, {var}, "{least}")',
                ]
            if "maxLength" in node:
                lines += [f"if len({var}) > {node['maxLength']}:"]
                lines += [f'    raise _out_of_bounds({where}, {var}, "at most {node["maxLength"]} characters")']
            if "pattern" in node:
                pattern = self.constant("_PATTERN_", f"re.compile({node['pattern']!r})")
                lines += [f"if not {pattern}.search({var}):"]
                lines += [f"    raise _mismatch({where}, {var}, {node['pattern']!r})"]
            return lines
        if kind in ("integer", "number"):
            if kind == "integer":
                lines += [f"if not isinstance({var}, int) or isinstance({var}, bool):"]
                lines += [f'    raise _wrong_type({where}, {var}, "an integer")']
            else:
                lines += [f"if not isinstance({var}, (int, float)) or isinstance({var}, bool):"]
                lines += [f'    raise _wrong_type({where}, {var}, "a number")']
                lines += [f"if {var} != {var}:", f'    raise _out_of_bounds({where}, {var}, "a number")']
            for key, test, words in (
                ("minimum", "<", "at least"),
                ("maximum", ">", "at most"),
                ("exclusiveMinimum", "<=", "more than"),
                ("exclusiveMaximum", ">=", "less than"),
            ):
                if isinstance(node.get(key), (int, float)) and not isinstance(node.get(key), bool):
                    lines += [f"if {var} {test} {node[key]!r}:"]
                    lines += [f'    raise _out_of_bounds({where}, {var}, "{words} {node[key]}")']
            return lines
        if kind == "boolean":
            return [f"if not isinstance({var}, bool):", f'    raise _wrong_type({where}, {var}, "true or false")']
        if kind == "array":
            lines += [f"{var} = _as_list({var}, {where})"]
            if "minItems" in node:
                least = "at least one item" if node["minItems"] == 1 else f"at least {node['minItems']} items"
                lines += [
                    f"if len({var}) < {node['minItems']}:",
                    f'    raise _out_of_bounds({where}, {var}, "{least}")',
                ]
            if "maxItems" in node:
                lines += [f"if len({var}) > {node['maxItems']}:"]
                lines += [f'    raise _out_of_bounds({where}, {var}, "at most {node["maxItems"]} items")']
            item, index = f"item{depth}", f"index{depth}"
            inner = self.schema_lines(node.get("items", {}), item, f"_at({where}, {index})", depth + 1)
            if inner:
                lines += [f"for {index}, {item} in enumerate({var}):"]
                lines += ["    " + line for line in inner]
                lines += [f"    {var}[{index}] = {item}"]
            return lines
        if kind == "object" or "properties" in node:
            if name and node.get("properties"):
                function = self.object_function(name, node)
                return [f"{var} = {function}({var}, {where})"]
            # A free-form object (metadata, a JSON Schema): any JSON, checked to be JSON all the way down.
            return [f"{var} = _json(_as_dict({var}, {where}), {where})"]
        return lines

    def allows_null(self, schema: Any) -> bool:
        """Whether a schema accepts null (`type: 'null'`, alone, in a list or in one of its anyOf/oneOf)."""
        node = self.spec.resolve(schema)
        if not isinstance(node, dict):
            return True
        kind = node.get("type")
        if kind == "null" or (isinstance(kind, list) and "null" in kind) or node.get("nullable") is True:
            return True
        options = node.get("anyOf") or node.get("oneOf")
        if options:
            return any(self.allows_null(option) for option in options)
        return not node  # an empty schema accepts anything

    def object_function(self, name: str, node: dict[str, Any]) -> str:
        """A function that checks a mapping (or a model) against a component object schema; its JSON form."""
        function = f"_object_{snake(name)}"
        if function in self.functions:
            return function
        self.functions[function] = []  # before the body: a schema may refer to itself
        lines = [f"def {function}(value: Any, where: str) -> dict[str, Any]:", "    data = _as_dict(value, where)"]
        for key in node.get("required", []):
            lines += [f"    if {key!r} not in data:", f"        raise _missing(where, {key!r})"]
            if not self.allows_null(node.get("properties", {}).get(key, {})):
                lines += [
                    f"    if data[{key!r}] is None:",
                    f"        raise TypeError(_at(where, {key!r}) + ' must not be None (it is required)')",
                ]
        one_of = node.get("x-ccapi-requires-one-of") or []
        if one_of:
            test = " and ".join(f"data.get({key!r}) is None" for key in one_of)
            listed = ", ".join(repr(key) for key in one_of)
            lines += [f"    if {test}:", f'        raise ValueError(f"{{where}} needs one of {listed}")']
        for key, schema in node.get("properties", {}).items():
            inner = self.schema_lines(schema, "item", f"_at(where, {key!r})", 1)
            if not inner:
                continue
            lines += [f"    item = data.get({key!r})", "    if item is not None:"]
            lines += ["        " + line for line in inner]
            lines += [f"        data[{key!r}] = item"]
        lines += ["    return data"]
        self.functions[function] = lines
        return function


@dataclass
class TypedDictParam:
    """A TypedDict for a request object: its name, the model it mirrors, the model's description, its keys."""

    name: str
    model: str
    description: str
    keys: list[tuple[str, str]]

    @property
    def class_syntax(self) -> bool:
        """Whether every key can be a class attribute (else the functional form is used)."""
        return all(key.isidentifier() and not keyword.iskeyword(key) for key, _ in self.keys)


@dataclass
class Argument:
    name: str  # the Python name
    wire: str  # the JSON or query name
    annotation: str
    required: bool
    description: str
    checks: list[str]


@dataclass
class Method:
    resource: str
    name: str
    operation_id: str
    constant: str
    builder: str
    http_method: str
    path: str
    summary: str
    description: str
    path_arguments: list[Argument]
    arguments: list[Argument]  # query parameters, then body fields
    body_schema: str | None
    returns: str
    kind: str | None
    wrapper: dict[str, Any]
    builder_lines: list[str]
    item_type: str | None = None
    event_type: str | None = None
    cost: str | None = None
    """The `Cost(...)` expression of the operation's `x-ccapi-cost`, if it has one."""
    genai_operation: str | None = None
    """Its OpenTelemetry `gen_ai.operation.name` (`x-ccapi-genai-operation`), if it calls a model."""
    fallback: str | None = None
    """The `Fallback(...)` expression of the operation's `x-ccapi-failover`, if it has one."""
    helpers: list[tuple[str, str]] = field(default_factory=list)
    """Hand-written mixins (`x-ccapi-helpers`) the operation's resource class inherits, as (module, class)."""

    @property
    def all_arguments(self) -> list[Argument]:
        return [*self.path_arguments, *self.arguments]


class Generator:
    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.checks = Checks(spec)
        self.type_imports: set[str] = set()
        self.params: dict[str, TypedDictParam] = {}
        """The TypedDicts of request objects (`ChatRequestMessageParam`), by name: what a plain dict may hold."""

    # ------------------------------------------------------------------------------------------------ types

    def annotation(self, schema: Any) -> str:
        """What a caller may pass for a schema: models or plain mappings, enum members or their values."""
        name = self.spec.ref_name(schema)
        node = self.spec.resolve(schema)
        if not isinstance(node, dict):
            return "Any"
        options = node.get("anyOf") or node.get("oneOf")
        if options:
            resolved = [self.spec.resolve(option) for option in options]
            rest = [option for option, n in zip(options, resolved, strict=True) if n.get("type") != "null"]
            enums = [option for option in rest if "enum" in self.spec.resolve(option)]
            if enums and all(
                "enum" in self.spec.resolve(o) or self.spec.resolve(o) == {"type": "string"} for o in rest
            ):
                rest = enums[:1]
            parts = dict.fromkeys(self.annotation(option) for option in rest)
            text = " | ".join(parts)
            return f"{text} | None" if len(rest) < len(options) else text
        kinds = node.get("type")
        nullable = isinstance(kinds, list) and "null" in kinds
        if isinstance(kinds, list):
            rest_kinds = [kind for kind in kinds if kind != "null"]
            kinds = rest_kinds[0] if len(rest_kinds) == 1 else None
        text = self._plain_annotation(node, kinds, name)
        return f"{text} | None" if nullable else text

    def _plain_annotation(self, node: dict[str, Any], kind: Any, name: str | None) -> str:
        if "enum" in node:
            literal = f"Literal[{', '.join(repr(value) for value in node['enum'])}]"
            if name:
                self.type_imports.add(self.spec.names[name])
                return f"{self.spec.names[name]} | {literal}"
            return literal
        simple = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
        if kind in simple:
            return simple[kind]
        if kind == "array":
            return f"Sequence[{self.annotation(node.get('items', {}))}]"
        if kind == "object" or "properties" in node:
            if name and node.get("properties"):
                self.type_imports.add(self.spec.names[name])
                typed = self.param_type(name, node)
                # An object the spec leaves open (`additionalProperties: true`) takes keys it does not name too.
                rest = " | Mapping[str, Any]" if node.get("additionalProperties") is True else ""
                return f"{self.spec.names[name]} | {typed}{rest}"
            return "Mapping[str, Any]"
        return "Any"

    def param_type(self, name: str, node: dict[str, Any]) -> str:
        """The TypedDict of a component object: its keys and their types, so that mypy checks a plain dict (a
        misspelled key, a role not in the enum) as openai's `ChatCompletionMessageParam` does."""
        typed = f"{self.spec.names[name]}Param"
        if typed in self.params:
            return typed
        param = TypedDictParam(typed, self.spec.names[name], node.get("description", ""), [])
        self.params[typed] = param  # before its keys: a schema may refer to itself
        required = set(node.get("required", []))
        for key, schema in node.get("properties", {}).items():
            annotation = self.annotation(schema)
            param.keys.append((key, annotation if key in required else f"NotRequired[{annotation}]"))
        return typed

    def model_type(self, schema: Any) -> str:
        name = self.spec.ref_name(schema)
        if name is None:
            raise SystemExit(f"a success response must be a $ref to a component schema, not {schema}")
        self.type_imports.add(self.spec.names[name])
        return self.spec.names[name]

    # ------------------------------------------------------------------------------------------------ operations

    def methods(self) -> list[Method]:
        found = []
        for path, item in self.spec.document["paths"].items():
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
        path_arguments, query_arguments = [], []
        lines: list[str] = []
        for parameter in [*shared, *operation.get("parameters", [])]:
            parameter = self.spec.resolve(parameter)
            argument = self.argument(parameter["name"], parameter.get("schema", {}), parameter.get("required", False),
                                     parameter.get("description", ""))  # fmt: skip
            if parameter["in"] == "path":
                argument.required = True
                path_arguments.append(argument)
            elif parameter["in"] == "query":
                query_arguments.append(argument)
        for argument in path_arguments:
            lines += argument.checks
        lines += ["path = " + self.path_expression(path)]  # after the checks: each names its parameter
        lines += ["query: dict[str, Any] = {}"]
        for argument in query_arguments:
            lines += self.assign(argument, "query")
        body_schema_name, body_arguments = None, []
        body = operation.get("requestBody")
        if body:
            schema = self.spec.resolve(body)["content"]["application/json"]["schema"]
            body_schema_name = self.spec.ref_name(schema)
            node = self.spec.resolve(schema)
            required = set(node.get("required", []))
            for key, property_schema in node.get("properties", {}).items():
                body_arguments.append(
                    self.argument(key, property_schema, key in required, property_schema.get("description", ""))
                )
            lines += ["body: dict[str, Any] = {}"]
            for argument in body_arguments:
                lines += self.assign(argument, "body")
            lines += self.cross_field_lines(node, body_arguments)
        lines += [f"return path, query or None, {'body' if body else 'None'}"]
        arguments = [*query_arguments, *body_arguments]
        names = [argument.name for argument in path_arguments + arguments]
        if len(set(names)) != len(names):
            raise SystemExit(f"{operation_id}: two parameters or fields share a name: {names}")
        success = next(operation["responses"][code] for code in ("200", "201", "202") if code in operation["responses"])
        returns = self.model_type(self.spec.resolve(success)["content"]["application/json"]["schema"])
        method = Method(
            resource=resource, name=name, operation_id=operation_id, constant=snake(operation_id).upper(),
            builder=snake(operation_id), http_method=http_method.upper(), path=path,
            summary=operation.get("summary", name), description=operation.get("description", ""),
            path_arguments=path_arguments, arguments=arguments, body_schema=body_schema_name, returns=returns,
            kind=kind, wrapper=wrapper, builder_lines=lines,
        )  # fmt: skip
        if kind == "page":
            data = self.spec.resolve(self.spec.resolve(success)["content"]["application/json"]["schema"])
            method.item_type = self.model_type(data["properties"]["data"]["items"])
            if "offset" not in [argument.wire for argument in query_arguments]:
                raise SystemExit(f"{operation_id}: a page operation needs an `offset` query parameter")
        if "x-ccapi-cost" in operation:
            method.cost = cost_expression(operation_id, operation["x-ccapi-cost"], body_arguments)
        method.genai_operation = operation.get("x-ccapi-genai-operation")
        method.helpers = helpers_classes(operation_id, operation.get("x-ccapi-helpers"))
        if "x-ccapi-failover" in operation:
            method.fallback = fallback_expression(operation_id, operation["x-ccapi-failover"], body_arguments)
        if kind == "stream":
            method.event_type = self.model_type(wrapper["event"])
            if wrapper.get("flag") not in [argument.wire for argument in body_arguments]:
                raise SystemExit(f"{operation_id}: the stream flag must be a field of the request body")
        return method

    def path_expression(self, path: str) -> str:
        parts = []
        for literal, name in re.findall(r"([^{]*)(?:\{([^}]*)\})?", path):
            if literal:
                parts.append(repr(literal))
            if name:
                parts.append(f"_quote({python_name(name)})")
        return " + ".join(parts) or "''"

    def argument(self, wire: str, schema: Any, required: bool, description: str) -> Argument:
        name = python_name(wire)
        checks = self.checks.schema_lines(schema, name, repr(wire))
        description = description or self.spec.resolve(schema).get("description", "")
        return Argument(name, wire, self.annotation(schema), required, description, checks)

    def assign(self, argument: Argument, target: str) -> list[str]:
        store = f"{target}[{argument.wire!r}] = _plain({argument.name})"
        if argument.required:
            return [*argument.checks, store]
        return [f"if {argument.name} is not None:", *("    " + line for line in [*argument.checks, store])]

    def cross_field_lines(self, node: dict[str, Any], arguments: list[Argument]) -> list[str]:
        by_wire = {argument.wire: argument.name for argument in arguments}
        lines = []
        one_of = node.get("x-ccapi-requires-one-of") or []
        if one_of:
            test = " and ".join(f"{by_wire[key]} is None" for key in one_of)
            listed = " or ".join(f"{by_wire[key]}=..." for key in one_of)
            lines += [f"if {test}:", f'    raise ValueError("give {listed} (at least one of them)")']
        for key, needs in (node.get("dependentRequired") or {}).items():
            for other in needs:
                lines += [f"if {by_wire[key]} is not None and {by_wire[other]} is None:"]
                lines += [f'    raise ValueError("{by_wire[key]} is sent only with {by_wire[other]}")']
        return lines


# ---------------------------------------------------------------------------------------------------- rendering


@dataclass
class Resource:
    path: str  # dotted
    class_name: str
    children: list[Resource]
    methods: list[Method]
    helpers: list[tuple[str, str]] = field(default_factory=list)  # x-ccapi-helpers: mixins the class inherits

    @property
    def attribute(self) -> str:
        return self.path.rsplit(".", 1)[-1]


COST_UNITS = ("tokens", "images", "seconds")


def fallback_expression(operation_id: str, failover: dict[str, Any], body: list[Argument]) -> str:
    """`x-ccapi-failover` as the `Fallback(...)` the operation carries; the fields it names must be request body
    fields."""
    fields = {argument.wire for argument in body}
    model, drop = failover.get("model"), list(failover.get("drop") or [])
    for where in [model, *drop]:
        if where not in fields:
            raise SystemExit(f"{operation_id}: x-ccapi-failover names {where!r}, which is not a request body field")
    return f"Fallback({model!r}, {tuple(drop)!r})"


def cost_expression(operation_id: str, cost: dict[str, Any], body: list[Argument]) -> str:
    """`x-ccapi-cost` as the `Cost(...)` the operation carries; every field it names must be a request body field."""
    if cost.get("by") not in COST_UNITS:
        raise SystemExit(f"{operation_id}: x-ccapi-cost by must be one of {', '.join(COST_UNITS)}")
    fields = {argument.wire for argument in body}
    named = {key: cost[key] for key in ("count", "text", "speed", "usage-option") if key in cost}
    prompt = cost.get("prompt") or []
    lists = {key: list(cost.get(key) or []) for key in ("models", "max-output")}
    lists["prompt"] = [prompt] if isinstance(prompt, str) else list(prompt)
    for where in [*named.values(), *lists["models"], *lists["max-output"], *lists["prompt"]]:
        if str(where).split(".")[0] not in fields:
            raise SystemExit(f"{operation_id}: x-ccapi-cost names {where!r}, which is not a request body field")
    if not lists["models"]:
        raise SystemExit(f"{operation_id}: x-ccapi-cost needs `models`, the fields that name the model")
    arguments = [repr(cost["by"]), repr(tuple(lists["models"]))]
    if lists["prompt"]:
        arguments.append(f"prompt={tuple(lists['prompt'])!r}")
    arguments += [f"{key.replace('-', '_')}={value!r}" for key, value in named.items()]
    if lists["max-output"]:
        arguments.append(f"max_output={tuple(lists['max-output'])!r}")
    if "image-tokens" in cost:
        tokens = cost["image-tokens"]
        if not isinstance(tokens, int) or isinstance(tokens, bool) or tokens < 1:
            raise SystemExit(f"{operation_id}: x-ccapi-cost image-tokens must be a whole number of tokens")
        arguments.append(f"image_tokens={tokens}")
    if lists["prompt"]:  # what the spec declares: any other field sent is input too (see _spend.input_tokens)
        arguments.append(f"declared=frozenset({sorted(fields)!r})")
    return f"Cost({', '.join(arguments)})"


def helpers_classes(operation_id: str, helpers: Any) -> list[tuple[str, str]]:
    """`x-ccapi-helpers` as (module, class) pairs: hand-written mixins the operation's resource class inherits, named
    as the runtime names its I/O twins (`_chat_helpers.ChatCompletionsHelpers`: `ccapi._sync._chat_helpers`'s class
    for the sync resource, `ccapi._async._chat_helpers.AsyncChatCompletionsHelpers` for the async one)."""
    if helpers is None:
        return []
    listed = [helpers] if isinstance(helpers, str) else helpers
    found = []
    for dotted in listed:
        module, _, name = str(dotted).rpartition(".")
        if not (module.startswith("_") and module.isidentifier() and name.isidentifier()):
            raise SystemExit(f"{operation_id}: x-ccapi-helpers names {dotted!r}, not `_module.Class` of ccapi's I/O")
        found.append((module, name))
    return found


def resource_tree(methods: list[Method]) -> Resource:
    nodes: dict[str, Resource] = {"": Resource("", "Resources", [], [])}

    def node(path: str) -> Resource:
        if path not in nodes:
            parent = node(path.rsplit(".", 1)[0] if "." in path else "")
            nodes[path] = Resource(path, pascal(path), [], [])
            parent.children.append(nodes[path])
        return nodes[path]

    for method in methods:
        found = node(method.resource)
        found.methods.append(method)
        found.helpers += [helper for helper in method.helpers if helper not in found.helpers]
    return nodes[""]


def walk(resource: Resource) -> list[Resource]:
    found = [resource]
    for child in resource.children:
        found += walk(child)
    return found


def render(spec_path: Path, config_path: Path, templates: Path, package: Path) -> None:
    document = load(spec_path)
    spec = Spec(document, class_names(spec_path, config_path))
    generator = Generator(spec)
    methods = generator.methods()
    root = resource_tree(methods)
    resources = [resource for resource in walk(root) if resource.path][::-1]  # children before parents
    by_id = {method.operation_id: method for method in methods}
    for method in methods:
        if method.kind == "job" and method.wrapper.get("poll") not in by_id:
            raise SystemExit(f"{method.operation_id}: x-ccapi-wrapper poll names no operation")
    error_type = document.get("components", {}).get("schemas", {}).get("ErrorType", {})
    error_statuses = error_type.get("x-ccapi-statuses", {})
    environment = jinja2.Environment(  # noqa: S701 (renders Python source, not HTML)
        loader=jinja2.FileSystemLoader(templates / "resources"), keep_trailing_newline=True, trim_blocks=True,
        lstrip_blocks=True, undefined=jinja2.StrictUndefined,
    )  # fmt: skip
    environment.filters["docstring"] = docstring
    context = {
        "methods": methods, "by_id": by_id, "root": root, "resources": resources, "checks": generator.checks,
        "type_imports": sorted(generator.type_imports), "error_statuses": error_statuses,
        "params": sorted(generator.params.values(), key=lambda param: param.name),
        "api_version": document["info"]["version"],
    }  # fmt: skip
    out = package / "resources"
    out.mkdir(parents=True, exist_ok=True)
    (out / "__init__.py").write_text(environment.get_template("init.py.jinja").render(**context))
    (out / "_operations.py").write_text(environment.get_template("operations.py.jinja").render(**context))
    (out / "_params.py").write_text(environment.get_template("params.py.jinja").render(**context))
    for is_async, module in ((False, "_sync.py"), (True, "_async.py")):
        text = environment.get_template("resources.py.jinja").render(is_async=is_async, **context)
        (out / module).write_text(text)
    (package / "py.typed").write_text("")


if __name__ == "__main__":
    spec_arg, config_arg, templates_arg, package_arg = (Path(arg) for arg in sys.argv[1:5])
    render(spec_arg, config_arg, templates_arg, package_arg)
