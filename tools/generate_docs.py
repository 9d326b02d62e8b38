"""The reference page (docs/reference.md) from openapi.yaml: one section per operation, where the spec's
`x-ccapi-resource` and `x-ccapi-method` put it, with its Python and TypeScript calls side by side (made from the
spec's own request examples), its parameters and its errors.

`python tools/generate_docs.py` rewrites the page; `python tools/generate_docs.py --check` fails, naming the page,
when it is not what the spec makes (the tests check it too); `--spec` and `--output` name another spec and page.
Every example on the page runs against the sandbox in CI.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "reference.md"

# The error each status raises, in both languages (the classes share their names).
ERRORS = {
    "400": "BadRequestError", "401": "AuthenticationError", "402": "BillingError", "403": "PermissionDeniedError",
    "404": "NotFoundError", "408": "APIStatusError", "409": "ConflictError", "422": "UnprocessableEntityError",
    "429": "RateLimitError", "500": "InternalServerError", "5XX": "InternalServerError",
}  # fmt: skip
RETRIED = {"408", "409", "429", "500", "5XX"}


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def python_value(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(key)}: {python_value(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(python_value(item) for item in value) + "]"
    return (
        {True: "True", False: "False", None: "None"}.get(value, json.dumps(value))
        if not isinstance(value, (int, float)) or isinstance(value, bool)
        else json.dumps(value)
    )


def typescript_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z_$][\w$]*", key) else json.dumps(key)


def typescript_value(value: Any) -> str:
    if isinstance(value, dict):
        fields = (f"{typescript_key(key)}: {typescript_value(item)}" for key, item in value.items())
        return "{ " + ", ".join(fields) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(typescript_value(item) for item in value) + "]"
    return json.dumps(value)


def python_call(target: str, path: list[str], values: dict[str, Any], prefix: str = "", suffix: str = "") -> str:
    """The call, formatted as ruff formats it (line length 120): on one line if it fits, else an argument a line,
    and a list or dict argument that is still too long, an item a line."""
    arguments = [*path, *(f"{key}={python_value(value)}" for key, value in values.items())]
    one_line = f"{target}({', '.join(arguments)})"
    if len(prefix) + len(one_line) + len(suffix) <= 120:
        return one_line
    lines = []
    items = [(None, argument) for argument in path] + list(values.items())
    for key, value in items:
        text = value if key is None else f"{key}={python_value(value)}"
        if len(text) + 5 <= 120 or key is None or not isinstance(value, (list, dict)):
            lines.append(f"    {text},")
            continue
        opening, closing = ("[", "]") if isinstance(value, list) else ("{", "}")
        parts = (
            [python_value(item) for item in value]
            if isinstance(value, list)
            else [f"{json.dumps(k)}: {python_value(v)}" for k, v in value.items()]
        )
        lines += [f"    {key}={opening}", *(f"        {part}," for part in parts), f"    {closing},"]
    return f"{target}(\n" + "\n".join(lines) + "\n)"


def typescript_call(target: str, path: list[str], values: dict[str, Any]) -> str:
    fields = [f"{typescript_key(key)}: {typescript_value(value)}" for key, value in values.items()]
    if len(target) + len(", ".join([*path, *fields])) < 90:
        return f"{target}({', '.join([*path, *([typescript_value(values)] if values else [])])})"
    lines = "".join(f"  {field},\n" for field in fields)
    return f"{target}({''.join(item + ', ' for item in path)}{{\n{lines}}})"


class Reference:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.operations = [
            (path, method.upper(), operation)
            for path, item in document["paths"].items()
            for method, operation in item.items()
            if isinstance(operation, dict) and "x-ccapi-resource" in operation
        ]
        self.polled_by = {
            operation["x-ccapi-wrapper"]["poll"]: operation
            for _, _, operation in self.operations
            if (operation.get("x-ccapi-wrapper") or {}).get("kind") == "job"
        }

    def resolve(self, node: Any) -> Any:
        while isinstance(node, dict) and "$ref" in node:
            target: Any = self.document
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            node = target
        return node

    def type_name(self, schema: Any) -> str:
        if isinstance(schema, dict) and "$ref" in schema and "/schemas/" in schema["$ref"]:
            return f"`{schema['$ref'].rsplit('/', 1)[1]}`"
        node = self.resolve(schema)
        options = node.get("anyOf") or node.get("oneOf")
        if options:
            return " or ".join(dict.fromkeys(self.type_name(option) for option in options))
        kind = node.get("type", "any")
        if isinstance(kind, list):
            return " or ".join(kind)
        if kind == "array":
            return f"array of {self.type_name(node.get('items', {}))}"
        if "enum" in node:
            return " or ".join(f"`{value}`" for value in node["enum"])
        return str(kind)

    def example(self, operation: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """The example's body and query fields (from the spec's request examples), and its path values."""
        values: dict[str, Any] = {}
        body = operation.get("requestBody")
        if body:
            content = self.resolve(body)["content"]["application/json"]
            examples = content.get("examples") or {}
            first = next(iter(examples.values()), {}).get("value") if examples else content.get("example")
            values.update(first or {})
        path_values = []
        for parameter in (self.resolve(p) for p in operation.get("parameters", [])):
            if parameter["in"] == "path":
                path_values.append(str(parameter.get("example", "x")))
            elif parameter["in"] == "query" and "example" in parameter:
                values[parameter["name"]] = parameter["example"]
        flag = (operation.get("x-ccapi-wrapper") or {}).get("flag")
        if flag:
            values.pop(flag, None)
        return values, path_values

    def calls(self, operation: dict[str, Any]) -> tuple[str, str]:
        """A complete Python program and a complete TypeScript program that make the call."""
        resource, method = operation["x-ccapi-resource"], operation["x-ccapi-method"]
        values, path_values = self.example(operation)
        wrapper = operation.get("x-ccapi-wrapper") or {}
        kind = wrapper.get("kind")
        py_target = f"client.{resource}.{method}"
        ts_target = "client." + ".".join(camel(part) for part in resource.split(".")) + f".{camel(method)}"
        py_lines = ["import ccapi", "", "client = ccapi.CCAPI()"]
        ts_lines = ['import { CCAPI } from "ccapi-sdk";', "", "const client = new CCAPI();"]
        py_path = [json.dumps(value) for value in path_values]
        ts_path = [json.dumps(value) for value in path_values]
        starter = self.polled_by.get(operation["operationId"])
        if starter is not None:  # the job this operation looks at, started first: its id is the path value
            start_values, _ = self.example(starter)
            py_start = f"client.{starter['x-ccapi-resource']}.{starter['x-ccapi-method']}"
            py_lines.append(f"job = {python_call(py_start, [], start_values, 'job = ')}")
            ts_start = "client." + ".".join(camel(p) for p in starter["x-ccapi-resource"].split("."))
            ts_start += "." + camel(starter["x-ccapi-method"])
            ts_lines.append(f"const job = await {typescript_call(ts_start, [], start_values)};")
            py_path, ts_path = ["job.id"], ["job.id"]
        prefix = {"page": "for item in ", "job": "job = "}.get(kind or "", "result = ")
        suffix = ":" if kind == "page" else ""
        py_call = python_call(py_target, py_path, values, prefix, suffix)
        ts_call = typescript_call(ts_target, ts_path, values)
        if kind == "page":
            py_lines += [f"for item in {py_call}:", "    print(item)"]
            ts_lines += [f"for await (const item of {ts_call}) {{", "  console.log(item);", "}"]
        elif kind == "job":
            py_lines += [f"job = {py_call}", "result = job.wait(timeout=60)", "print(result.status)"]
            ts_lines += [f"const job = await {ts_call};", "const result = await job.wait({ timeout: 60_000 });",
                         "console.log(result.status);"]  # fmt: skip
        elif kind == "media":
            py_lines += [f"result = {py_call}", 'print(len(result.content), "bytes")']
            ts_lines += [f"const result = await {ts_call};", 'console.log((await result.bytes()).length, "bytes");']
        else:
            py_lines += [f"result = {py_call}", "print(result)"]
            ts_lines += [f"const result = await {ts_call};", "console.log(result);"]
        if kind == "stream":
            streamed = {**values, wrapper["flag"]: True}
            streaming = python_call(py_target, py_path, streamed, "with ", " as stream:")
            py_lines += [f"with {streaming} as stream:", "    for event in stream:",
                         "        print(event)"]  # fmt: skip
            ts_lines += [f"const stream = await {typescript_call(ts_target, ts_path, streamed)};",
                         "for await (const event of stream) {", "  console.log(event);", "}"]  # fmt: skip
        return "\n".join(py_lines), "\n".join(ts_lines)

    def parameters(self, operation: dict[str, Any]) -> list[str]:
        rows = []
        for parameter in (self.resolve(p) for p in operation.get("parameters", [])):
            required = "yes" if parameter.get("required") else ""
            described = " ".join(str(parameter.get("description", "")).split())
            rows.append(f"| `{parameter['name']}` | {parameter['in']} | {self.type_name(parameter.get('schema', {}))} "
                        f"| {required} | {described} |")  # fmt: skip
        body = operation.get("requestBody")
        if body:
            schema = self.resolve(self.resolve(body)["content"]["application/json"]["schema"])
            required_fields = set(schema.get("required", []))
            for name, field in schema.get("properties", {}).items():
                described = " ".join(str(field.get("description", self.resolve(field).get("description", ""))).split())
                required = "yes" if name in required_fields else ""
                rows.append(f"| `{name}` | body | {self.type_name(field)} | {required} | {described} |")
            one_of = schema.get("x-ccapi-requires-one-of")
            if one_of:
                rows.append(f"| | | | | At least one of {', '.join(f'`{name}`' for name in one_of)} is required. |")
        if not rows:
            return ["None."]
        return ["| name | in | type | required | description |", "| --- | --- | --- | --- | --- |", *rows]

    def errors(self, operation: dict[str, Any]) -> list[str]:
        rows = ["| status | error (Python and TypeScript) | retried |", "| --- | --- | --- |"]
        for status in operation["responses"]:
            if status in ERRORS:
                rows.append(f"| {status} | `{ERRORS[status]}` | {'yes' if status in RETRIED else 'no'} |")
        rows.append("| no response | `APIConnectionError`, `APITimeoutError` | yes |")
        kind = (operation.get("x-ccapi-wrapper") or {}).get("kind")
        if kind == "stream":
            typed = "the class of its `type` (`ErrorType`'s `x-ccapi-statuses`)"
            rows.append(f"| an error event in the stream | {typed} | no |")
        if kind == "job":
            rows.append("| the job fails, or outlasts `wait` | `ImageJobFailedError`, `ImageJobTimeoutError` | no |")
        return rows

    def render(self) -> str:
        info = self.document["info"]
        lines = [
            "# CCAPI reference",
            "",
            f"Generated from `openapi.yaml` (CCAPI spec {info['version']}) by `tools/generate_docs.py`: do not edit by",
            "hand. Every operation sits where the spec's `x-ccapi-resource` and `x-ccapi-method` put it, in both SDKs:",
            "Python (`pip install ccapi-sdk`, `import ccapi`) and TypeScript (`npm install ccapi-sdk`). Python takes",
            "keyword arguments; TypeScript takes one object with the same names, and camelCase method names. Both",
            "clients read `CCAPI_API_KEY` and `CCAPI_BASE_URL`. Every example below runs against the sandbox in CI.",
            "",
            "| operation | Python | TypeScript |",
            "| --- | --- | --- |",
        ]
        for path, method, operation in self.operations:
            resource, name = operation["x-ccapi-resource"], operation["x-ccapi-method"]
            ts = ".".join(camel(part) for part in resource.split(".")) + f".{camel(name)}"
            anchor = f"{resource}.{name}".replace(".", "")  # as GitHub makes heading anchors
            lines.append(f"| [`{method} {path}`](#{anchor}) | `client.{resource}.{name}` | `client.{ts}` |")
        for path, method, operation in self.operations:
            resource, name = operation["x-ccapi-resource"], operation["x-ccapi-method"]
            python, typescript = self.calls(operation)
            description = " ".join(str(operation.get("description", "")).split())
            lines += ["", f"## {resource}.{name}", "", f"**{operation.get('summary', name)}** — `{method} {path}`", ""]
            if description:
                lines += [description, ""]
            lines += ["Python:", "", "```python", python, "```", "", "TypeScript:", "", "```ts", typescript, "```", ""]
            lines += ["Parameters:", "", *self.parameters(operation), "", "Errors:", "", *self.errors(operation)]
        return "\n".join(lines) + "\n"


def render(spec: Path = ROOT / "openapi.yaml") -> str:
    return Reference(yaml.safe_load(spec.read_text(encoding="utf-8"))).render()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python tools/generate_docs.py", description="Write docs/reference.md.")
    parser.add_argument("--check", action="store_true", help="only check that the page is current")
    parser.add_argument("--spec", type=Path, default=ROOT / "openapi.yaml")
    # Another tree's page: the preview generates a copy of the tree from the working spec.
    parser.add_argument("--output", type=Path, default=PAGE, help="the page to write or check")
    args = parser.parse_args(argv)
    fresh = render(args.spec)
    if args.check:
        if not args.output.exists() or args.output.read_text(encoding="utf-8") != fresh:
            raise SystemExit(f"{args.output} is not what {args.spec} makes: run `python tools/generate_docs.py`")
        print(f"{args.output} is current")
    else:
        args.output.write_text(fresh, encoding="utf-8")


if __name__ == "__main__":
    main()
