"""Valid data for a JSON Schema: what the sandbox's models answer for `response_format: json_schema` and for tool
arguments.

It covers what OpenAI's strict mode allows (objects, arrays with item bounds, enums, const, anyOf, `$ref`/`$defs`
with recursion, nullable type lists, string formats, lengths and simple patterns, number bounds) and a little more
(allOf, oneOf, optional properties). The same schema and seed always give the same value. Recursion stops after
`MAX_DEPTH` references: past it, the cheapest way out is taken (null, an empty array, required properties only).
Whatever is made is checked with jsonschema; when a choice turned out invalid (a oneOf that matched twice, a
pattern too clever for `_pattern_text`), other seeds are tried before giving up on the best effort.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import re
import uuid
from collections.abc import Callable
from typing import Any

import jsonschema

MAX_DEPTH = 3
ATTEMPTS = 8

# Strings a user-facing answer might hold, with what makes streamed JSON awkward: escapes (a newline, a quote, a
# tab) and characters outside ASCII (two bytes, three bytes, and one outside the BMP that JSON escapes as a pair).
_FLOURISHES = ("", " — café", "\nnext line", ' "quoted"', " naïve 🙂", "\t✓", " 日本")

_FORMATS: dict[str, Any] = {
    "date-time": lambda r: (
        f"20{r.randint(20, 29)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}T"
        f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}Z"
    ),
    "date": lambda r: f"20{r.randint(20, 29)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}",
    "time": lambda r: f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}Z",
    "duration": lambda r: f"P{r.randint(1, 9)}DT{r.randint(1, 23)}H",
    "email": lambda r: f"{r.choice(['ada', 'grace', 'alan', 'edsger'])}.{r.randint(1, 99)}@example.com",
    "idn-email": lambda r: f"{r.choice(['ada', 'grace'])}@example.com",
    "hostname": lambda r: f"{r.choice(['api', 'www', 'edge'])}{r.randint(1, 9)}.example.com",
    "idn-hostname": lambda r: f"{r.choice(['api', 'www'])}.example.com",
    "ipv4": lambda r: f"192.0.2.{r.randint(1, 254)}",
    "ipv6": lambda r: f"2001:db8::{r.randint(1, 0xFFFF):x}",
    "uuid": lambda r: str(uuid.UUID(int=r.getrandbits(128), version=4)),
    "uri": lambda r: f"https://example.com/{r.choice(['docs', 'items', 'users'])}/{r.randint(1, 999)}",
    "iri": lambda r: f"https://example.com/{r.choice(['docs', 'items'])}/{r.randint(1, 999)}",
    "uri-reference": lambda r: f"/{r.choice(['docs', 'items'])}/{r.randint(1, 999)}",
    "iri-reference": lambda r: f"/{r.choice(['docs', 'items'])}/{r.randint(1, 999)}",
    "uri-template": lambda r: "https://example.com/{id}",
    "json-pointer": lambda r: f"/{r.choice(['a', 'b'])}/{r.randint(0, 9)}",
    "relative-json-pointer": lambda r: f"{r.randint(0, 3)}/a",
    "regex": lambda r: "^[a-z]+$",
}
_FORMAT_CHECKER = jsonschema.Draft202012Validator.FORMAT_CHECKER


class UnusableSchema(ValueError):
    """A schema no value can be made for: not a JSON Schema, a reference that leads nowhere, a recursion with no
    way out. A model API answers such a request with 400."""


def schema_value(schema: dict[str, Any], *, seed: str, text: str = "", plain_strings: bool = False) -> Any:
    """A value valid for `schema`, the same for the same schema, seed and text.

    Strings without a format, pattern or enum are made from `text` (what the user said); with `plain_strings` they
    are `text` itself where the length allows (tool arguments), else `text` with a flourish that makes its JSON
    awkward to split (an escape, a character outside ASCII). Raises UnusableSchema.
    """
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema, format_checker=_FORMAT_CHECKER)
        best: Any = None
        for attempt in range(ATTEMPTS):
            maker = _ValueMaker(schema, f"{seed}\0{attempt}", text, plain_strings)
            best = maker.value(schema, "", 0)
            if validator.is_valid(best):
                return best
        return best
    except UnusableSchema:
        raise
    except Exception as error:  # whatever a caller sends must end in a 400, never in a server error
        reason = getattr(error, "message", None) or f"{type(error).__name__}: {error}"
        raise UnusableSchema(f"the schema cannot be used: {reason}"[:300]) from error


class _ValueMaker:
    def __init__(self, root: dict[str, Any], seed: str, text: str, plain_strings: bool) -> None:
        self._root = root
        self._seed = seed
        self._text = text.strip() or "ok"
        self._plain = plain_strings

    def _random(self, path: str) -> random.Random:
        digest = hashlib.sha256(f"{self._seed}\0{path}".encode()).digest()
        return random.Random(int.from_bytes(digest[:8], "big"))  # noqa: S311 (made-up data, not secrets)

    def _resolve(self, reference: str) -> dict[str, Any]:
        node: Any = self._root
        for part in reference.removeprefix("#").split("/"):
            if part:
                node = node[part.replace("~1", "/").replace("~0", "~")]
        return node if isinstance(node, dict) else {}

    def value(self, schema: Any, path: str, depth: int) -> Any:
        if schema is True or not isinstance(schema, dict):
            return self._string({}, path)
        if "$ref" in schema:
            if depth > MAX_DEPTH + 16:
                raise UnusableSchema("the schema refers to itself with no way out (no value of it is finite)")
            # A reference costs a level: what refers to itself ends at MAX_DEPTH.
            target = self._resolve(schema["$ref"])
            rest = {key: value for key, value in schema.items() if key != "$ref"}
            return self.value({**target, **rest} if rest else target, path, depth + 1)
        if "const" in schema:
            return schema["const"]
        if schema.get("enum"):
            return self._random(path).choice(schema["enum"])
        if schema.get("allOf"):
            return self.value(_merged(schema), path, depth)
        branches = schema.get("anyOf") or schema.get("oneOf")
        if branches:
            return self.value(self._branch(branches, path, depth), path, depth)
        kind = self._type(schema, path, depth)
        make: dict[str, Callable[[], Any]] = {
            "null": lambda: None,
            "boolean": lambda: self._random(path).random() < 0.5,
            "integer": lambda: self._integer(schema, path),
            "number": lambda: self._number(schema, path),
            "string": lambda: self._string(schema, path),
            "array": lambda: self._array(schema, path, depth),
            "object": lambda: self._object(schema, path, depth),
        }
        return make.get(kind, make["string"])()  # a type JSON Schema does not know: a string

    def _deep(self, depth: int) -> bool:
        return depth >= MAX_DEPTH

    def _branch(self, branches: list[Any], path: str, depth: int) -> Any:
        if self._deep(depth):
            cheap = [branch for branch in branches if isinstance(branch, dict) and _is_cheap(branch)]
            return (cheap or branches)[0]
        return self._random(path + "|").choice(branches)

    def _type(self, schema: dict[str, Any], path: str, depth: int) -> str:
        declared = schema.get("type")
        if isinstance(declared, str):
            return str(declared)
        if isinstance(declared, list) and declared:
            if "null" in declared and (self._deep(depth) or len(declared) == 1):
                return "null"
            concrete = [str(kind) for kind in declared if kind != "null"]
            if "null" in declared and self._random(path + "?").random() < 0.2:
                return "null"
            return self._random(path + ":").choice(concrete)
        if "properties" in schema or "required" in schema:
            return "object"
        if "items" in schema or "minItems" in schema or "maxItems" in schema:
            return "array"
        if any(key in schema for key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")):
            return "number"
        return "string"

    def _integer(self, schema: dict[str, Any], path: str) -> int:
        low, high = _bounds(schema)
        lowest = None if low is None else math.floor(low) + 1 if _excluded(schema, low) else math.ceil(low)
        highest = None if high is None else math.ceil(high) - 1 if _excluded(schema, high) else math.floor(high)
        if lowest is None:
            lowest = 0 if highest is None or highest >= 0 else highest - 100
        if highest is None:
            highest = lowest + 100
        step = schema.get("multipleOf")
        if isinstance(step, int) and step > 0:
            first, last = math.ceil(lowest / step), math.floor(highest / step)
            return self._random(path).randint(first, max(first, last)) * step
        return self._random(path).randint(lowest, max(lowest, highest))

    def _number(self, schema: dict[str, Any], path: str) -> float | int:
        step = schema.get("multipleOf")
        if step is not None:
            return self._integer({**schema, "multipleOf": 1}, path) if step == 1 else _multiple(schema, step, path)
        low, high = _bounds(schema)
        low = low if low is not None else (min(0.0, high - 100) if high is not None else 0.0)
        high = high if high is not None else low + 100
        value = round(self._random(path).uniform(low, high), 2)
        if not _within(schema, value):
            value = (low + high) / 2
        return value

    def _string(self, schema: dict[str, Any], path: str) -> str:
        choose = self._random(path)
        format_ = schema.get("format")
        if format_ in _FORMATS:
            text: str = _FORMATS[format_](choose)
        elif "pattern" in schema:
            text = _pattern_text(schema["pattern"], choose)
        elif self._plain:
            text = self._text
        else:
            text = self._text[: 24 + choose.randint(0, 24)] + choose.choice(_FLOURISHES)
        shortest, longest = schema.get("minLength", 0), schema.get("maxLength")
        if longest is not None and len(text) > longest:
            text = text[:longest]
        if len(text) < shortest:
            text += "x" * (shortest - len(text))
        return text

    def _array(self, schema: dict[str, Any], path: str, depth: int) -> list[Any]:
        fewest = schema.get("minItems", 0)
        most = schema.get("maxItems", max(fewest, 3))
        count = (
            fewest if self._deep(depth) else self._random(path).randint(max(fewest, min(1, most)), max(fewest, most))
        )
        items = schema.get("items", {})
        prefix = schema.get("prefixItems") or []
        made = [
            self.value(prefix[index] if index < len(prefix) else items, f"{path}/{index}", depth)
            for index in range(count)
        ]
        if schema.get("uniqueItems"):
            unique: list[Any] = []
            for item in made:
                if item not in unique:
                    unique.append(item)
            made = unique if len(unique) >= fewest else made
        return made

    def _object(self, schema: dict[str, Any], path: str, depth: int) -> dict[str, Any]:
        properties: dict[str, Any] = schema.get("properties") or {}
        required = list(schema.get("required") or [])
        names = (
            required if self._deep(depth) else list(properties) + [name for name in required if name not in properties]
        )
        extra = schema.get("additionalProperties", True)
        result: dict[str, Any] = {}
        for name in names:
            field = properties.get(name, extra if isinstance(extra, dict) else {})
            result[name] = self.value(field, f"{path}/{name}", depth)
        return result


def _is_cheap(schema: dict[str, Any]) -> bool:
    """A branch that ends recursion: null, or one with no reference in it."""
    if schema.get("type") == "null":
        return True
    return "$ref" not in json.dumps(schema)


def _merged(schema: dict[str, Any]) -> dict[str, Any]:
    """allOf as one schema: properties and required lists joined, other keywords from the last part that has them."""
    merged: dict[str, Any] = {key: value for key, value in schema.items() if key != "allOf"}
    for part in schema["allOf"]:
        if not isinstance(part, dict):
            continue
        for key, value in part.items():
            if key == "properties":
                merged["properties"] = {**merged.get("properties", {}), **value}
            elif key == "required":
                merged["required"] = list(dict.fromkeys([*merged.get("required", []), *value]))
            else:
                merged[key] = value
    return merged


def _bounds(schema: dict[str, Any]) -> tuple[float | None, float | None]:
    """The tightest low and high bounds, inclusive or not."""
    lows = [schema[key] for key in ("minimum", "exclusiveMinimum") if isinstance(schema.get(key), int | float)]
    highs = [schema[key] for key in ("maximum", "exclusiveMaximum") if isinstance(schema.get(key), int | float)]
    return (max(lows) if lows else None), (min(highs) if highs else None)


def _excluded(schema: dict[str, Any], bound: float) -> bool:
    """Whether `bound` is an exclusive bound at a whole number (so that the nearest integer inside is one step in)."""
    return bound in (schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")) and bound == int(bound)


def _within(schema: dict[str, Any], value: float) -> bool:
    return bool(
        value >= schema.get("minimum", -math.inf)
        and value <= schema.get("maximum", math.inf)
        and value > schema.get("exclusiveMinimum", -math.inf)
        and value < schema.get("exclusiveMaximum", math.inf)
    )


def _multiple(schema: dict[str, Any], step: float, path: str) -> float:
    """A multiple of `step` within the bounds: k * step for the smallest k that fits, counted up from the low bound."""
    low, _ = _bounds(schema)
    first = math.ceil((low if low is not None else 0) / step)
    for k in range(first, first + 1000):
        value = k * step
        if _within(schema, value) and (value / step) == int(value / step):
            return value
    return 0


_CATEGORIES = {
    "category_digit": "0123456789",
    "category_word": "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_",
    "category_space": " ",
    "category_not_digit": "abcxyz",
    "category_not_word": "-.",
    "category_not_space": "abc",
}


def _pattern_text(pattern: str, choose: random.Random) -> str:
    """A string the regular expression `pattern` matches, for the simple patterns schemas use (literals, classes,
    ranges, repeats, groups, alternatives, anchors). Lookarounds and back-references are not attempted: the caller
    checks the result and tries again."""
    try:
        from re import _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern)
    except (ImportError, re.error):
        return ""
    groups: dict[int, str] = {}

    def emit(items: Any) -> str:
        out = []
        for opcode, argument in items:
            name = str(opcode).lower()
            if name == "literal":
                out.append(chr(argument))
            elif name == "any":
                out.append("a")
            elif name == "in":
                out.append(_class_member(argument, choose))
            elif name in ("max_repeat", "min_repeat", "possessive_repeat"):
                fewest, most, body = argument
                count = choose.randint(fewest, min(most, fewest + 3))
                out.extend(emit(body) for _ in range(count))
            elif name == "subpattern":
                group, *_, body = argument
                made = emit(body)
                if group is not None:
                    groups[group] = made
                out.append(made)
            elif name == "branch":
                out.append(emit(choose.choice(argument[1])))
            elif name == "groupref":
                out.append(groups.get(argument, ""))
            elif name == "atomic_group":
                out.append(emit(argument))
            # at (anchors), assertions and the rest add nothing
        return "".join(out)

    return emit(parsed)


def _class_member(items: Any, choose: random.Random) -> str:
    """One character of a character class `[...]` (a negated class gets one that its listed members exclude)."""
    allowed: list[str] = []
    negated = False
    for opcode, argument in items:
        name = str(opcode).lower()
        if name == "negate":
            negated = True
        elif name == "literal":
            allowed.append(chr(argument))
        elif name == "range":
            low, high = argument
            allowed.extend(chr(code) for code in range(low, min(high, low + 60) + 1))
        elif name == "category":
            allowed.extend(_CATEGORIES.get(str(argument).lower(), "a"))
    if negated:
        candidates = [c for c in "abcxyzABC019 -_." if c not in allowed]
        return candidates[0] if candidates else "~"
    return choose.choice(allowed) if allowed else "a"
